package app

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/liaisonapp/liaison/store/demo"
	"github.com/liaisonapp/liaison/store/sqlite"
)

// overlayWidgets lists the widgets of the window's top overlay (the dialog
// showing), laid out so that they can be tapped.
func overlayWidgets(t *testing.T, w fyne.Window) []fyne.CanvasObject {
	t.Helper()
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog is showing")
	}
	return test.LaidOutObjects(top)
}

// overlayButton is the button labelled text in the dialog showing.
func overlayButton(t *testing.T, w fyne.Window, text string) *widget.Button {
	t.Helper()
	for _, o := range overlayWidgets(t, w) {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			return b
		}
	}
	t.Fatalf("the dialog showing has no %q button", text)
	return nil
}

// overlayEntry is the first text entry of the dialog showing.
func overlayEntry(t *testing.T, w fyne.Window) *widget.Entry {
	t.Helper()
	for _, o := range overlayWidgets(t, w) {
		if e, ok := o.(*widget.Entry); ok {
			return e
		}
	}
	t.Fatal("the dialog showing has no text entry")
	return nil
}

// overlayText is all the label text of the dialog showing.
func overlayText(t *testing.T, w fyne.Window) string {
	t.Helper()
	var b strings.Builder
	for _, o := range overlayWidgets(t, w) {
		if l, ok := o.(*widget.Label); ok && l.Visible() {
			b.WriteString(l.Text + "\n")
		}
	}
	return b.String()
}

// fileBytes is the content of the database and its WAL.
func fileBytes(t *testing.T, paths ...string) []byte {
	t.Helper()
	var all []byte
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		all = append(all, b...)
		all = append(all, 0)
	}
	return all
}

// TestSavesCannotOverwriteTheDatabase exports through the window's real
// save dialog (no stand-in): every target that would destroy the database
// is refused in the dialog, which stays open, and the database's bytes are
// unchanged afterwards; a good name is written.
func TestSavesCannotOverwriteTheDatabase(t *testing.T) {
	dir := t.TempDir()
	// A database whose name an export could really choose.
	dbPath := filepath.Join(dir, "participants.csv")
	db, err := sqlite.Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := demo.Create(context.Background(), db); err != nil {
		t.Fatal(err)
	}
	ui := newTestUI(t, db)
	ui.Start()
	waitIdle(t)
	s := showScreen[*participantsScreen](t, ui)
	ui.win.Resize(fyne.NewSize(1400, 900))
	waitIdle(t)

	if err := os.Symlink(dbPath, filepath.Join(dir, "link.csv")); err != nil {
		t.Fatal(err)
	}
	if err := os.Link(dbPath, filepath.Join(dir, "hardlink.csv")); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "folder.csv"), 0o755); err != nil {
		t.Fatal(err)
	}
	files := []string{dbPath, dbPath + "-wal"}
	before := fileBytes(t, files...)
	lastSaveFolder = dir
	t.Cleanup(func() { lastSaveFolder = "" })

	for _, typed := range []string{"participants.csv", "participants", "./participants.csv", dbPath, "link.csv", "hardlink.csv", "folder.csv"} {
		t.Run(filepath.Base(typed), func(t *testing.T) {
			test.Tap(s.exportBtn)
			waitIdle(t)
			name := overlayEntry(t, ui.win)
			if got, want := name.Text, "participants.csv"; got != want {
				t.Fatalf("the dialog suggests %q, want %q", got, want)
			}
			name.SetText("")
			test.Type(name, typed)
			waitIdle(t)
			test.Tap(overlayButton(t, ui.win, "Save"))
			waitIdle(t)
			if text := overlayText(t, ui.win); !strings.Contains(text, "database") && !strings.Contains(text, "not a plain file") {
				t.Fatalf("saving to %s was not refused in the dialog; it says:\n%s", typed, text)
			}
			if !bytes.Equal(fileBytes(t, files...), before) {
				t.Fatal("the database changed")
			}
			test.Tap(overlayButton(t, ui.win, "Cancel"))
			waitIdle(t)
		})
	}

	t.Run("AGoodNameIsWritten", func(t *testing.T) {
		test.Tap(s.exportBtn)
		waitIdle(t)
		name := overlayEntry(t, ui.win)
		name.SetText("")
		test.Type(name, "board")
		waitIdle(t)
		test.Tap(overlayButton(t, ui.win, "Save"))
		waitIdle(t)
		out, err := os.ReadFile(filepath.Join(dir, "board.csv"))
		if err != nil {
			t.Fatalf("the export was not written with its extension: %v", err)
		}
		if !bytes.Contains(out, []byte("Email")) {
			t.Fatalf("board.csv is not the participants export:\n%s", out)
		}
		if !bytes.Equal(fileBytes(t, files...), before) {
			t.Fatal("the database changed")
		}
	})

	t.Run("ReplacingAFileAsksFirst", func(t *testing.T) {
		old := filepath.Join(dir, "old.csv")
		if err := os.WriteFile(old, []byte("keep me"), 0o644); err != nil {
			t.Fatal(err)
		}
		for _, answer := range []string{"No", "Yes"} {
			test.Tap(s.exportBtn)
			waitIdle(t)
			name := overlayEntry(t, ui.win)
			name.SetText("old.csv")
			test.Tap(overlayButton(t, ui.win, "Save"))
			waitIdle(t)
			if text := overlayText(t, ui.win); !strings.Contains(text, "already exists") {
				t.Fatalf("replacing old.csv was not asked; the dialog says:\n%s", text)
			}
			test.Tap(overlayButton(t, ui.win, answer))
			waitIdle(t)
			got, _ := os.ReadFile(old)
			if kept := string(got) == "keep me"; kept != (answer == "No") {
				t.Fatalf("after %q old.csv holds %q", answer, got)
			}
			if answer == "No" {
				test.Tap(overlayButton(t, ui.win, "Cancel"))
				waitIdle(t)
			}
		}
	})
}

// TestSaveDialogChoosesAFolderWithFynesFolderDialog picks the folder in
// Fyne's own folder dialog (which only lists folders) and saves there.
func TestSaveDialogChoosesAFolderWithFynesFolderDialog(t *testing.T) {
	a := test.NewTempApp(t)
	w := a.NewWindow("Liaison")
	w.Resize(fyne.NewSize(1200, 800))
	w.Show()
	defer w.Close()
	dir := t.TempDir()
	lastSaveFolder = dir
	t.Cleanup(func() { lastSaveFolder = "" })
	var got string
	p := fyneSave(w, "Export", "chart.png", func(string) error { return nil }, func(path string, err error) {
		if err != nil {
			t.Errorf("save failed: %v", err)
		}
		got = path
	})
	test.Tap(p.chooseBtn)
	waitIdle(t)
	if p.folders == nil {
		t.Fatal("Choose folder… did not open the folder dialog")
	}
	test.Tap(overlayButton(t, w, "Open"))
	waitIdle(t)
	if p.folder != dir {
		t.Fatalf("folder = %q, want %q", p.folder, dir)
	}
	test.Tap(p.saveBtn)
	waitIdle(t)
	if want := filepath.Join(dir, "chart.png"); got != want {
		t.Fatalf("saved to %q, want %q", got, want)
	}
	if _, err := os.Stat(got); !os.IsNotExist(err) {
		t.Fatalf("choosing the path created the file (%v); only the export may write it", err)
	}
}

func TestNativeDialogsOnlyOnWindows(t *testing.T) {
	// files_other.go must not link sqweek/dialog (and with it GTK); the
	// build tag is the proof, and this test keeps the Fyne dialogs the
	// ones used here.
	if runtime.GOOS == "windows" {
		t.Skip("Windows uses its native dialogs")
	}
	a := test.NewTempApp(t)
	w := a.NewWindow("Liaison")
	defer w.Close()
	w.Show()
	f := nativeFiles(w, func(string) error { return nil })
	f.save("Export", "x.csv", func(string, error) {})
	waitIdle(t)
	if overlayEntry(t, w).Text != "x.csv" {
		t.Fatal("the save dialog is not Liaison's folder-and-name picker")
	}
}
