package app

import (
	"context"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/liaisonapp/liaison/store"
	"github.com/liaisonapp/liaison/store/sqlite"
)

// capture writes the window to $LIAISON_SHOTS/name.png when that is set,
// to look at a dialog.
func capture(t *testing.T, ui *UI, name string) {
	dir := os.Getenv("LIAISON_SHOTS")
	if dir == "" {
		return
	}
	f, err := os.Create(filepath.Join(dir, name+".png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	png.Encode(f, ui.win.Canvas().Capture())
}

func TestBackUpNowAndRestore(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	first := store.Round{Name: "Kept in the backup"}
	if err := db.CreateRound(ctx, &first); err != nil {
		t.Fatal(err)
	}
	a := test.NewTempApp(t)
	ui := New(a, db, Options{Synchronous: true, PollEvery: -1, Restore: sqlite.Restore})
	ui.win.Resize(fyne.NewSize(1000, 700))
	ui.win.Show()
	t.Cleanup(ui.win.Close)
	ui.Start()

	ui.backUpNow()
	bs, err := store.Backups(db.Path())
	if err != nil || len(bs) != 1 || bs[0].Daily() {
		t.Fatalf("after Back up now the backups are %+v (%v), want one made by hand", bs, err)
	}
	capture(t, ui, "backed-up")

	later := store.Round{Name: "Made after the backup"}
	if err := db.CreateRound(ctx, &later); err != nil {
		t.Fatal(err)
	}
	ui.reloadRounds(nil)
	if len(ui.rounds) != 2 {
		t.Fatalf("%d rounds", len(ui.rounds))
	}
	ui.showRestore()
	if got := ui.restoreList.Options; len(got) != 1 || !strings.Contains(got[0], "(made by hand)") {
		t.Fatalf("the restore list offers %q", got)
	}
	capture(t, ui, "restore-list")
	ui.confirmRestore(bs[0].Path)
	capture(t, ui, "restore-confirm")
	ui.restoreConfirm.Confirm()
	if len(ui.rounds) != 1 || ui.rounds[0].Name != first.Name || ui.round.Name != first.Name {
		t.Fatalf("after restoring the window shows rounds %+v (current %q), want just %q", ui.rounds, ui.round.Name, first.Name)
	}
	capture(t, ui, "restored")
	var saved bool
	bs, _ = store.Backups(db.Path())
	for _, b := range bs {
		saved = saved || strings.HasSuffix(b.Note, "before restore")
	}
	if !saved {
		t.Fatalf("backups after restoring = %+v, want one saved before restoring", bs)
	}
}

func TestAboutNamesTheBackupsFolder(t *testing.T) {
	db := MustOpenDB(t)
	ui := newTestUI(t, db)
	ui.showAbout()
	if !strings.Contains(ui.about.Text, store.BackupsDir(db.Path())) {
		t.Fatalf("About does not name the backups folder:\n%s", ui.about.Text)
	}
	capture(t, ui, "about")
}
