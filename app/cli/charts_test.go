package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestChartsWritesEveryChartAsPNGAndSVG(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "l.db")
	var out, errb bytes.Buffer
	if code := Run(context.Background(), []string{"demo", "--db", db}, &out, &errb, testOpen, testRestore); code != 0 {
		t.Fatalf("demo: exit %d: %s", code, errb.String())
	}
	outDir := filepath.Join(dir, "charts", "new")
	out.Reset()
	if code := Run(context.Background(), []string{"charts", "--db", db, "--out", outDir}, &out, &errb, testOpen, testRestore); code != 0 {
		t.Fatalf("charts: exit %d: %s", code, errb.String())
	}
	printed := strings.Fields(out.String())
	if len(printed) < 16 {
		t.Fatalf("%d files printed, want a PNG and an SVG of at least 8 charts:\n%s", len(printed), out.String())
	}
	for _, path := range printed {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		switch filepath.Ext(path) {
		case ".png":
			if !bytes.HasPrefix(b, []byte("\x89PNG")) || len(b) < 5000 {
				t.Fatalf("%s is not a drawn PNG (%d bytes)", path, len(b))
			}
		case ".svg":
			if !bytes.Contains(b, []byte("<svg")) || !bytes.Contains(b, []byte("<text")) {
				t.Fatalf("%s is not an SVG with text", path)
			}
		default:
			t.Fatalf("unexpected file %s", path)
		}
	}
}

func TestChartsNeedsOut(t *testing.T) {
	dir := t.TempDir()
	var out, errb bytes.Buffer
	code := Run(context.Background(), []string{"charts", "--db", filepath.Join(dir, "l.db")}, &out, &errb, testOpen, testRestore)
	if code != 2 || !strings.Contains(errb.String(), "--out") {
		t.Fatalf("exit %d, stderr %q; want 2 (a usage error) and a word about --out", code, errb.String())
	}
}

// A mistyped --round must not create an empty round and chart it as zeros.
func TestChartsUnknownRoundWritesNothing(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "l.db")
	var out, errb bytes.Buffer
	if code := Run(context.Background(), []string{"demo", "--db", db}, &out, &errb, testOpen, testRestore); code != 0 {
		t.Fatalf("demo: exit %d: %s", code, errb.String())
	}
	outDir := filepath.Join(dir, "charts")
	for i := range 2 { // the second run fails too: the first created no round
		errb.Reset()
		code := Run(context.Background(), []string{"charts", "--db", db, "--out", outDir, "--round", "Demo round 2071"}, &out, &errb, testOpen, testRestore)
		if code != 1 || !strings.Contains(errb.String(), "no round called") {
			t.Fatalf("run %d: exit %d, stderr %q; want 1 and \"no round called\"", i+1, code, errb.String())
		}
	}
	if _, err := os.Stat(outDir); !os.IsNotExist(err) {
		t.Fatalf("the output folder exists after a failed run (%v)", err)
	}
}
