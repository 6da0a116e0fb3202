package app

import (
	"context"
	"fmt"
	"image"
	_ "image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/liaisonapp/liaison/store"
	"github.com/liaisonapp/liaison/store/demo"
)

// openCharts builds the main window on the demo round and shows the Charts
// screen, with renders unthrottled so each change draws at once.
func openCharts(t *testing.T) (*UI, *chartsScreen, store.Round) {
	t.Helper()
	db := MustOpenDB(t)
	r, err := demo.Create(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	ui := newTestUI(t, db)
	cs := chartsOf(ui)
	cs.render.minGap = 0
	ui.Start()
	waitIdle(t)
	ui.Show(len(ui.screens) - 1)
	waitIdle(t)
	return ui, cs, r
}

func chartsOf(ui *UI) *chartsScreen {
	for _, s := range ui.screens {
		if c, ok := s.(*chartsScreen); ok {
			return c
		}
	}
	return nil
}

// inked reports whether img has more than one colour: a drawn chart, not
// a blank placeholder.
func inked(img image.Image) bool {
	b := img.Bounds()
	first := img.At(b.Min.X, b.Min.Y)
	for y := b.Min.Y; y < b.Max.Y; y += 3 {
		for x := b.Min.X; x < b.Max.X; x += 3 {
			if img.At(x, y) != first {
				return true
			}
		}
	}
	return false
}

func TestChartsScreenDrawsEveryChartOfTheDemoRound(t *testing.T) {
	_, cs, _ := openCharts(t)
	if got, want := len(cs.panels), 10; got != want {
		t.Fatalf("%d charts, want %d (the demo round has an event, so check-ins too; and totals to date)", got, want)
	}
	for _, p := range cs.panels {
		t.Run(p.def.Name, func(t *testing.T) {
			img := p.img.Image
			if img == nil {
				t.Fatal("no image")
			}
			if b := img.Bounds(); b.Dx() < 100 || b.Dy() < 50 {
				t.Fatalf("image is %v, too small to have been drawn for the grid", b)
			}
			if !inked(img) {
				t.Fatal("the image is blank")
			}
		})
	}
}

func TestChartsRedrawWhenResponsesArrive(t *testing.T) {
	ui, cs, r := openCharts(t)
	feedback := func() *chartPanel {
		for _, p := range cs.panels {
			if p.def.Name == "feedback-means" {
				return p
			}
		}
		t.Fatal("no feedback-means chart")
		return nil
	}
	before, beforeImg, renders := feedback().def.Data, feedback().img.Image, cs.renders
	qs, err := ui.db.Questions(ui.ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	var rs []store.Response
	for i := range 10 {
		rs = append(rs, store.Response{Key: fmt.Sprintf("late-%d", i), Source: "paper", Scores: map[int64]int{qs[0].ID: 1}})
	}
	if _, _, err := ui.db.AddResponses(ui.ctx, r.ID, rs); err != nil {
		t.Fatal(err)
	}
	ui.Changed()
	waitIdle(t)
	if got, want := cs.feed.data.Figures.Feedback.Responses, 81; got != want {
		t.Fatalf("after the change the charts show %d responses, want %d", got, want)
	}
	if feedback().def.Data == before {
		t.Fatal("the feedback chart's figures did not change")
	}
	if feedback().img.Image == beforeImg {
		t.Fatal("the feedback chart was not redrawn")
	}
	if cs.renders == renders {
		t.Fatal("no render ran after the change")
	}
	// The participation charts did not change, so they keep their images.
	for _, p := range cs.panels {
		if p.def.Name == "participants-by-role" && p.drew == "" {
			t.Fatal("participants-by-role lost its image")
		}
	}
}

func TestChartsExportWritesPNGAndSVG(t *testing.T) {
	ui, cs, _ := openCharts(t)
	dir := t.TempDir()
	ui.files = fileDialogs{save: func(_, name string, done func(string, error)) { done(filepath.Join(dir, name), nil) }}
	p := cs.panels[0]
	cs.export(p, "png")
	waitIdle(t)
	cs.export(p, "svg")
	waitIdle(t)
	for _, ext := range []string{"png", "svg"} {
		path := filepath.Join(dir, p.def.Name+"."+ext)
		st, err := os.Stat(path)
		if err != nil {
			t.Fatalf("%s was not written: %v", ext, err)
		}
		if st.Size() < 1000 {
			t.Fatalf("%s is only %d bytes", path, st.Size())
		}
	}
	f, err := os.Open(filepath.Join(dir, p.def.Name+".png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cfg, _, err := image.DecodeConfig(f)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Width != exportWidth || cfg.Height != exportHeight {
		t.Fatalf("PNG is %d×%d, want %d×%d", cfg.Width, cfg.Height, exportWidth, exportHeight)
	}
}

func TestChartGridFollowsTheWindowWidth(t *testing.T) {
	tests := []struct {
		width float32
		cols  int
	}{{600, 1}, {1200, 2}, {2600, 3}}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.width), func(t *testing.T) {
			g := &chartGrid{cols: 1}
			if !g.setWidth(tt.width) {
				t.Fatal("a new width changed nothing")
			}
			if got := g.cols; got != tt.cols {
				t.Fatalf("cols = %d, want %d", got, tt.cols)
			}
			w, h := g.imageSize()
			if got, want := h/w, float32(9.0/16); got < want-0.01 || got > want+0.01 {
				t.Fatalf("image aspect %.3f, want 16:9", got)
			}
			if g.setWidth(tt.width) {
				t.Fatal("the same width again reported a change")
			}
		})
	}
}
