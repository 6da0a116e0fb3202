package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRollupCommand(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a", "liaison.db"), filepath.Join(dir, "b", "liaison.db")
	for _, db := range []string{a, b} {
		if code, _, stderr := run(t, "demo", "--db", db); code != 0 {
			t.Fatalf("demo: %s", stderr)
		}
	}
	junk := filepath.Join(dir, "junk.db")
	if err := os.WriteFile(junk, []byte("hello"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "region")
	code, stdout, stderr := run(t, "rollup", "--out", out, a, b, junk)
	if code != 0 {
		t.Fatalf("rollup exited %d: %s", code, stderr)
	}
	for _, want := range []string{"roll-up of 2 schemes", "Rolled up: " + filepath.Join("a", "liaison.db") + " (Demo round",
		"Refused: " + junk + " is not a Liaison database", "totals.csv"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
	totals, err := os.ReadFile(filepath.Join(out, "totals.csv"))
	if err != nil {
		t.Fatal(err)
	}
	// The demo's 190 participants twice are the same people (same emails): 190 once.
	if !strings.Contains(string(totals), "All schemes,190,") {
		t.Errorf("totals.csv:\n%s", totals)
	}

	t.Run("Usage", func(t *testing.T) {
		if code, _, stderr := run(t, "rollup", a); code != 2 || !strings.Contains(stderr, "--out DIR") {
			t.Errorf("without --out: %d %s", code, stderr)
		}
		if code, _, stderr := run(t, "rollup", "--out", out); code != 2 || !strings.Contains(stderr, "at least 1") {
			t.Errorf("without files: %d %s", code, stderr)
		}
		if code, _, stderr := run(t, "rollup", "--out", out, "--db", a, b); code != 2 {
			t.Errorf("with --db: %d %s", code, stderr)
		}
	})
	t.Run("Help", func(t *testing.T) {
		code, stdout, _ := run(t, "help", "rollup")
		if code != 0 || strings.Contains(stdout, "--db") || !strings.Contains(stdout, "--round") {
			t.Errorf("help: %s", stdout)
		}
	})
}
