package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestExportNeverOverwritesTheDatabase(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "liaison.db")
	if code, _, stderr := run(t, "demo", "--db", db); code != 0 {
		t.Fatal(stderr)
	}
	for _, kind := range []string{"participants", "pairings", "feedback"} {
		for _, out := range []string{db, db + "-wal", filepath.Join(dir, ".", "liaison.db")} {
			before, _ := os.ReadFile(db)
			code, _, stderr := run(t, "export", kind, "--db", db, "--out", out)
			if code != 1 || !strings.Contains(stderr, "database") {
				t.Fatalf("export %s --out %s: exit %d, stderr %q; want a refusal", kind, out, code, stderr)
			}
			if after, _ := os.ReadFile(db); !bytes.Equal(before, after) {
				t.Fatalf("export %s --out %s changed the database file", kind, out)
			}
		}
	}
	if code, stdout, _ := run(t, "report", "--db", db); code != 0 || !strings.Contains(stdout, "Participants: 190") {
		t.Fatalf("the database no longer reports: exit %d\n%s", code, stdout)
	}
}

func TestExportRefusesLinksAndFolders(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "l.db")
	target := filepath.Join(dir, "target.csv")
	if err := os.WriteFile(target, []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.csv")
	if err := os.Symlink(target, link); err != nil {
		t.Skip("no symlinks here:", err)
	}
	folder := filepath.Join(dir, "folder.csv")
	if err := os.Mkdir(folder, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, out := range []string{link, folder} {
		code, _, stderr := run(t, "export", "participants", "--db", db, "--out", out)
		if code != 1 || !strings.Contains(stderr, "not a plain file") {
			t.Fatalf("--out %s: exit %d, stderr %q", out, code, stderr)
		}
	}
	if info, err := os.Lstat(link); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Fatal("the link was replaced")
	}
}

func TestExportKeepsAnExistingFilesPermissions(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "board.csv")
	if err := os.WriteFile(out, []byte("old"), 0o640); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := run(t, "demo", "--db", filepath.Join(dir, "l.db")); code != 0 {
		t.Fatal(stderr)
	}
	if code, _, stderr := run(t, "export", "participants", "--db", filepath.Join(dir, "l.db"), "--out", out); code != 0 {
		t.Fatal(stderr)
	}
	info, err := os.Stat(out)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := info.Mode().Perm(), os.FileMode(0o640); got != want {
		t.Fatalf("mode %v, want %v", got, want)
	}
}

func TestMatchReplaceNeedsApply(t *testing.T) {
	code, _, stderr := run(t, "match", "--db", filepath.Join(t.TempDir(), "l.db"), "--replace")
	if code != 2 || !strings.Contains(stderr, "--apply") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
}

func TestUnknownCommandIsNotTheGUI(t *testing.T) {
	if !IsCommand([]string{"reprot", "--db", "x.db"}) {
		t.Fatal("a mistyped command would open the GUI")
	}
	code, _, stderr := run(t, "reprot", "--db", filepath.Join(t.TempDir(), "l.db"))
	if code != 2 || !strings.Contains(stderr, "unknown command") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
}
