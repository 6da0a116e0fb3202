package app

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/liaisonapp/liaison/store/demo"
	"github.com/liaisonapp/liaison/store/sqlite"
)

// folderNames lists the files beside path.
func folderNames(t *testing.T, path string) []string {
	t.Helper()
	es, err := os.ReadDir(filepath.Dir(path))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		out = append(out, e.Name())
	}
	return out
}

func TestRollupDialog(t *testing.T) {
	ui := demoUI(t)
	ui.openRollup = sqlite.OpenRollup
	// A second scheme, closed, and a file that is no database.
	other := filepath.Join(t.TempDir(), "solent.db")
	db, err := sqlite.Open(other)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Create(context.Background(), db); err != nil {
		t.Fatal(err)
	}
	db.Close()
	junk := filepath.Join(t.TempDir(), "minutes.db")
	if err := os.WriteFile(junk, []byte("forum minutes"), 0o644); err != nil {
		t.Fatal(err)
	}
	otherBytes, _ := os.ReadFile(other)
	otherNames, ownNames := folderNames(t, other), folderNames(t, ui.db.Path())

	ui.showRollup()
	waitIdle(t)
	d := ui.rollup
	if d == nil || !d.run.Disabled() {
		t.Fatal("the dialog is not open, or Roll up is enabled with nothing chosen")
	}
	// The window's own database (open, with its -wal) is one of them.
	picks := []string{ui.db.Path(), other, junk}
	ui.files = fileDialogs{open: func(_, ext string, done func(string, error)) {
		if ext != "db" {
			t.Errorf("asked for a .%s file", ext)
		}
		done(picks[0], nil)
		picks = picks[1:]
	}}
	for range 3 {
		test.Tap(d.add)
		waitIdle(t)
	}
	parent := t.TempDir()
	ui.exports.pickFolder = func(_ string, done func(string, error)) { done(parent, nil) }
	test.Tap(d.folder)
	waitIdle(t)
	if len(d.files) != 3 || d.run.Disabled() {
		t.Fatalf("files %v, Roll up disabled %v", d.files, d.run.Disabled())
	}
	test.Tap(d.run)
	waitIdle(t)

	for _, want := range []string{"Rolled up: liaison.db (Demo round", "Rolled up: solent.db (Demo round",
		"Left out: " + junk + " is not a Liaison database", "K = 5"} {
		if !strings.Contains(d.lastDone, want) {
			t.Errorf("the dialog says %q, without %q", d.lastDone, want)
		}
	}
	if d.result.Text != d.lastDone || !d.preview.Visible() || d.preview.Image == nil {
		t.Error("the outcome or the chart is not shown in the dialog")
	}
	dir := filepath.Join(parent, rollupFolderName(ui))
	for _, name := range []string{"totals.csv", "participants-by-role.csv", "feedback-per-question.csv", "charts-feedback-means.png", "sources.csv"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("the roll-up lacks %s", name)
		}
	}
	if b, _ := os.ReadFile(other); string(b) != string(otherBytes) {
		t.Error("the closed source changed")
	}
	if got := folderNames(t, other); !slices.Equal(got, otherNames) {
		t.Errorf("beside the closed source: %v, before %v", got, otherNames)
	}
	if got := folderNames(t, ui.db.Path()); !slices.Equal(got, ownNames) {
		t.Errorf("beside the open database: %v, before %v", got, ownNames)
	}

	t.Run("Remove", func(t *testing.T) {
		d.list.Select(2)
		waitIdle(t)
		test.Tap(d.remove)
		waitIdle(t)
		if len(d.files) != 2 || slices.Contains(d.files, junk) {
			t.Errorf("files %v", d.files)
		}
	})
	t.Run("ErrNothing", func(t *testing.T) {
		d.files = []string{junk}
		d.update()
		test.Tap(d.run)
		waitIdle(t)
		if !strings.Contains(d.result.Text, "Nothing was rolled up") || d.run.Disabled() {
			t.Errorf("result %q, button disabled %v", d.result.Text, d.run.Disabled())
		}
	})
}
