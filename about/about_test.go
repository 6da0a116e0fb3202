package about

import (
	"strings"
	"testing"
)

func TestLinesNameEveryVersion(t *testing.T) {
	i := Info{Version: "0.1.0", Commit: "0123456789ab", Date: "2026-11-28T03:40:00Z", Go: "go1.26.8", Fyne: "v2.7.1", SQLite: "3.50.4"}
	got := i.String()
	want := "Liaison 0.1.0\nBuilt 2026-11-28T03:40:00Z from commit 0123456789ab\nGo 1.26.8, Fyne 2.7.1, SQLite 3.50.4\n"
	if got != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
}

func TestADevelopmentBuildSaysSo(t *testing.T) {
	i := New("", "", "", "3.50.4")
	if !strings.HasPrefix(i.String(), "Liaison development build\n") {
		t.Fatalf("a build without a version says\n%s", i)
	}
	if !strings.Contains(i.String(), "\nBuilt ") {
		t.Fatalf("no build line:\n%s", i)
	}
	if i.Go == "" {
		t.Fatal("the Go version is missing")
	}
	if !strings.Contains(i.String(), "SQLite 3.50.4") {
		t.Fatalf("the SQLite version passed in is missing:\n%s", i)
	}
}
