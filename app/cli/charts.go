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
		// Each worker's pixels are made on the other cores while the
		// figures are read: the first fill of fresh memory is slow.
		encs := make([]charts.PNGEncoder, runtime.GOMAXPROCS(0))
		var ready sync.WaitGroup
		for i := range encs {
			ready.Add(1)
			go func() {
				defer ready.Done()
				encs[i].Prepare(chartWidth, chartHeight)
			}()
		}
		set, err := chartset.Gather(env.Ctx, env.DB, r, env.Now())
		ready.Wait()
		if err != nil {
			return err
		}
		defs := set.Charts()
		if err := os.MkdirAll(*out, 0o755); err != nil {
			return store.Errorf(store.EINVALID, "Cannot create the folder %s: %v", *out, err)
		}
		// Check every target first, so a folder or link in the way stops
		// the run before anything is drawn or replaced.
		var names []string
		for _, def := range defs {
			names = append(names, def.Name+".png", def.Name+".svg")
		}
		for _, name := range names {
			if err := tasks.CheckOutPath(filepath.Join(*out, name), env.DB.Path()); err != nil {
				return err
			}
		}
		// One worker per core draws charts in turn, each reusing its
		// PNGEncoder's pixels, and stages each file (written in full and
		// synced under a temporary name) as soon as it is drawn, so the
		// disk works while the next chart is drawn. Only when every file
		// is staged are they all renamed into place: a failure leaves no
		// half set behind.
		staged := make([]*tasks.StagedFile, len(names))
		errs := make([]error, len(names))
		next := make(chan int, len(defs))
		for i := range defs {
			next <- i
		}
		close(next)
		var wg, syncs sync.WaitGroup
		for w := range min(len(encs), len(defs)) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				enc := &encs[w]
				var svg bytes.Buffer // reused between charts
				for i := range next {
					def := defs[i]
					c := def.Build(charts.Options{Width: chartWidth, Height: chartHeight})
					png, err := enc.PNG(c)
					if err != nil {
						errs[2*i] = fmt.Errorf("drawing %s: %w", def.Name, err)
						continue
					}
					svg.Reset()
					if err := c.SVG(&svg); err != nil {
						errs[2*i+1] = fmt.Errorf("drawing %s: %w", def.Name, err)
						continue
					}
					for k, data := range [][]byte{png, svg.Bytes()} {
						// Written here (into the system's cache), synced
						// on a goroutine of its own, so the wait for the
						// disk does not hold up the next chart.
						j := 2*i + k
						f, err := tasks.StageFile(filepath.Join(*out, names[j]), func(w io.Writer) error {
							_, err := w.Write(data)
							return err
						})
						if err != nil {
							errs[j] = err
							continue
						}
						staged[j] = f
						syncs.Add(1)
						go func() {
							defer syncs.Done()
							errs[j] = f.Sync()
						}()
					}
				}
			}()
		}
		wg.Wait()
		syncs.Wait()
		if err := errors.Join(errs...); err != nil {
			for _, f := range staged {
				f.Discard()
			}
			return err
		}
		for i, f := range staged {
			if err := f.Commit(); err != nil {
				for _, rest := range staged[i+1:] {
					rest.Discard()
				}
				return err
			}
		}
		for _, name := range names {
			fmt.Fprintln(env.Stdout, filepath.Join(*out, name))
		}
		return nil
	}
}
