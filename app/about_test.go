package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/liaisonapp/liaison/about"
)

func TestAboutShowsVersionsAndWhereTheDataIs(t *testing.T) {
	db := MustOpenDB(t)
	a := test.NewTempApp(t)
	info := about.Info{Version: "0.1.0", Commit: "0123456789ab", Date: "2026-11-28T03:40:00Z", Go: "go1.26.8", Fyne: "v2.7.1", SQLite: "3.50.4"}
	ui := New(a, db, Options{Synchronous: true, PollEvery: -1, About: info})
	ui.win.Show()
	defer ui.win.Close()
	ui.showAbout()
	for _, want := range append(info.Lines(), "Database: "+db.Path(), "Nothing is sent over the network") {
		if !strings.Contains(ui.about.Text, want) {
			t.Errorf("About lacks %q:\n%s", want, ui.about.Text)
		}
	}
}
