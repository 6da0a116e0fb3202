package cli

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/liaisonapp/liaison/app/chartset"
	"github.com/liaisonapp/liaison/app/tasks"
	"github.com/liaisonapp/liaison/charts"
	"github.com/liaisonapp/liaison/store"
)

// Chart files are slide-sized: what a board paper or a slide deck wants.
const (
	chartWidth  = 1920
	chartHeight = 1080
)

// chartsFlags is `liaison charts --out DIR [--round NAME]`: every chart of
// the round as PNG and SVG, the same charts the GUI shows.
func chartsFlags(fs *flag.FlagSet) func(env *Env, args []string) error {
	roundName := roundFlag(fs)
	out := fs.String("out", "", "the folder to write the charts into (created if needed)")
	return func(env *Env, _ []string) error {
		if strings.TrimSpace(*out) == "" {
			return usageErrorf("Say where to write the charts with --out DIR.")
		}
		r, err := env.existingRound(*roundName)
		if err != nil {
			return err
		}
		set, err := chartset.Gather(env.Ctx, env.DB, r, env.Now())
		if err != nil {
			return err
		}
		// Draw everything before writing anything, so a failure leaves no
		// half set of files behind. One worker per core draws charts in
		// turn, each reusing its PNGEncoder's pixels: rendering and
		// compressing a 1920×1080 PNG is most of the command's time.
		type file struct {
			name string
			data []byte
		}
		defs := set.Charts()
		files := make([]file, 2*len(defs))
		errs := make([]error, len(defs))
		next := make(chan int, len(defs))
		for i := range defs {
			next <- i
		}
		close(next)
		var wg sync.WaitGroup
		for range min(runtime.GOMAXPROCS(0), len(defs)) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				var enc charts.PNGEncoder
				var png bytes.Buffer // reused: each file keeps a copy of just its size
				for i := range next {
					def := defs[i]
					c := def.Build(charts.Options{Width: chartWidth, Height: chartHeight})
					var svg bytes.Buffer
					png.Reset()
					if err := enc.Encode(&png, c); err != nil {
						errs[i] = fmt.Errorf("drawing %s: %w", def.Name, err)
						continue
					}
					if err := c.SVG(&svg); err != nil {
						errs[i] = fmt.Errorf("drawing %s: %w", def.Name, err)
						continue
					}
					files[2*i], files[2*i+1] = file{def.Name + ".png", bytes.Clone(png.Bytes())}, file{def.Name + ".svg", svg.Bytes()}
				}
			}()
		}
		wg.Wait()
		if err := errors.Join(errs...); err != nil {
			return err
		}
		if err := os.MkdirAll(*out, 0o755); err != nil {
			return store.Errorf(store.EINVALID, "Cannot create the folder %s: %v", *out, err)
		}
		// Check every target first, so a folder or link in the way stops
		// the run before any file is replaced.
		for _, f := range files {
			if err := tasks.CheckOutPath(filepath.Join(*out, f.name), env.DB.Path()); err != nil {
				return err
			}
		}
		// Written side by side too: each file is synced before it is
		// renamed into place, and the syncs overlap.
		werrs := make([]error, len(files))
		for i, f := range files {
			wg.Add(1)
			go func() {
				defer wg.Done()
				werrs[i] = tasks.WriteFileAtomic(filepath.Join(*out, f.name), func(w io.Writer) error { _, err := w.Write(f.data); return err })
			}()
		}
		wg.Wait()
		if err := errors.Join(werrs...); err != nil {
			return err
		}
		for _, f := range files {
			fmt.Fprintln(env.Stdout, filepath.Join(*out, f.name))
		}
		return nil
	}
}
