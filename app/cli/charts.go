package cli

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

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
		// half set of files behind.
		type file struct {
			name string
			data []byte
		}
		var files []file
		for _, def := range set.Charts() {
			c := def.Build(charts.Options{Width: chartWidth, Height: chartHeight})
			var png, svg bytes.Buffer
			if err := c.PNG(&png); err != nil {
				return fmt.Errorf("drawing %s: %w", def.Name, err)
			}
			if err := c.SVG(&svg); err != nil {
				return fmt.Errorf("drawing %s: %w", def.Name, err)
			}
			files = append(files, file{def.Name + ".png", png.Bytes()}, file{def.Name + ".svg", svg.Bytes()})
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
		for _, f := range files {
			path := filepath.Join(*out, f.name)
			data := f.data
			if err := tasks.WriteFileAtomic(path, func(w io.Writer) error { _, err := w.Write(data); return err }); err != nil {
				return err
			}
			fmt.Fprintln(env.Stdout, path)
		}
		return nil
	}
}
