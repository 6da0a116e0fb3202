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
		// Drawing starts on the charts of who took part while the rest of
		// the round is read.
		w := startChartWriter(*out, env.DB.Path(), runtime.GOMAXPROCS(0))
		set, first, err := chartset.Start(env.Ctx, env.DB, r, env.Now())
		if err != nil {
			w.abandon()
			return err
		}
		if err := os.MkdirAll(*out, 0o755); err != nil {
			w.abandon()
			return store.Errorf(store.EINVALID, "Cannot create the folder %s: %v", *out, err)
		}
		if err := w.queue(first); err != nil {
			w.abandon()
			return err
		}
		rest, err := set.Finish(env.Ctx)
		if err == nil {
			err = w.queue(rest)
		}
		if err != nil {
			w.abandon()
			return err
		}
		names, err := w.finish()
		if err != nil {
			return err
		}
		for _, name := range names {
			fmt.Fprintln(env.Stdout, name)
		}
		return nil
	}
}

// chartWriter draws charts into a folder on one worker per core, each
// reusing a PNGEncoder's pixels, and stages each file (written in full
// under a temporary name and synced on a goroutine of its own) as soon as
// it is drawn, so the disk works while the next chart is drawn. Only when
// every chart is staged are they all renamed into place: a failure leaves
// no half set behind, and nothing is replaced.
type chartWriter struct {
	dir, dbPath string
	jobs        chan chartset.Def
	workers     sync.WaitGroup
	syncs       sync.WaitGroup

	names []string // the files queued, in order

	mu     sync.Mutex
	staged map[string]*tasks.StagedFile
	errs   []error
}

// startChartWriter starts the workers, which make their pixels while the
// first charts are read.
func startChartWriter(dir, dbPath string, workers int) *chartWriter {
	w := &chartWriter{dir: dir, dbPath: dbPath, jobs: make(chan chartset.Def, 64), staged: map[string]*tasks.StagedFile{}}
	for range workers {
		w.workers.Add(1)
		go w.work()
	}
	return w
}

// queue checks where each chart's files go (a folder or link in the way
// stops the run) and hands the charts to the workers.
func (w *chartWriter) queue(defs []chartset.Def) error {
	for _, def := range defs {
		png, svg := w.path(def, ".png"), w.path(def, ".svg")
		for _, p := range []string{png, svg} {
			if err := tasks.CheckOutPath(p, w.dbPath); err != nil {
				return err
			}
		}
		w.names = append(w.names, png, svg)
		w.jobs <- def
	}
	return nil
}

func (w *chartWriter) path(def chartset.Def, ext string) string {
	return filepath.Join(w.dir, def.Name+ext)
}

func (w *chartWriter) work() {
	defer w.workers.Done()
	var enc charts.PNGEncoder
	enc.Prepare(chartWidth, chartHeight)
	var svg bytes.Buffer // reused between charts
	for def := range w.jobs {
		c := def.Build(charts.Options{Width: chartWidth, Height: chartHeight})
		png, err := enc.PNG(c)
		if err == nil {
			svg.Reset()
			err = c.SVG(&svg)
		}
		if err != nil {
			w.fail(fmt.Errorf("drawing %s: %w", def.Name, err))
			continue
		}
		w.stage(w.path(def, ".png"), png)
		w.stage(w.path(def, ".svg"), svg.Bytes())
	}
}

// stage writes data to a temporary file beside path (into the system's
// cache) and syncs it on a goroutine of its own, so the wait for the disk
// does not hold up the next chart.
func (w *chartWriter) stage(path string, data []byte) {
	f, err := tasks.StageFile(path, func(out io.Writer) error {
		_, err := out.Write(data)
		return err
	})
	if err != nil {
		w.fail(err)
		return
	}
	w.mu.Lock()
	w.staged[path] = f
	w.mu.Unlock()
	w.syncs.Add(1)
	go func() {
		defer w.syncs.Done()
		if err := f.Sync(); err != nil {
			w.fail(err)
		}
	}()
}

func (w *chartWriter) fail(err error) {
	w.mu.Lock()
	w.errs = append(w.errs, err)
	w.mu.Unlock()
}

// wait lets the workers finish what was queued and the files sync.
func (w *chartWriter) wait() {
	close(w.jobs)
	w.workers.Wait()
	w.syncs.Wait()
}

// finish waits for every chart queued and renames all their files into
// place, or none when any failed; it returns the files' paths in the
// order queued.
func (w *chartWriter) finish() ([]string, error) {
	w.wait()
	if err := errors.Join(w.errs...); err != nil {
		w.discard()
		return nil, err
	}
	for i, name := range w.names {
		if err := w.staged[name].Commit(); err != nil {
			for _, rest := range w.names[i+1:] {
				w.staged[rest].Discard()
			}
			return nil, err
		}
	}
	return w.names, nil
}

// abandon waits for the workers and removes every file they staged.
func (w *chartWriter) abandon() {
	w.wait()
	w.discard()
}

func (w *chartWriter) discard() {
	for _, f := range w.staged {
		f.Discard()
	}
}
