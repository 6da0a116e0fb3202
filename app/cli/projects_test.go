package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestExportProjects(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "liaison.db")
	if code, _, stderr := run(t, "demo", "--db", db); code != 0 {
		t.Fatal(stderr)
	}
	out := filepath.Join(dir, "projects.csv")
	code, stdout, stderr := run(t, "export", "projects", "--db", db, "--out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "7 improvement projects") {
		t.Fatalf("stdout %q", stdout)
	}
	got := readFile(t, out)
	for _, want := range []string{"\ufeffTitle,Status,Output,Adopted by,", `"""GP Action Required"" letter template"`,
		",6,hours per week,", "Harbour Community Trust (fictional)", ",directory,", "stopped"} {
		if !strings.Contains(got, want) {
			t.Errorf("export lacks %q:\n%s", want, got)
		}
	}
	if code, _, _ := run(t, "export", "projects", "--db", db); code != 2 {
		t.Fatalf("no --out: exit %d, want 2", code)
	}
}
