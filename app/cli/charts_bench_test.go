package cli

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"
	"time"
)

// BenchmarkChartsDemo is `liaison charts` for the demo round inside one
// process, for profiling; scripts/bench_charts.sh times the command itself.
func BenchmarkChartsDemo(b *testing.B) {
	dir := b.TempDir()
	db := filepath.Join(dir, "demo.db")
	runCmd := func(args ...string) {
		var out, errb bytes.Buffer
		env := &Env{Ctx: context.Background(), Stdout: &out, Stderr: &errb, Now: time.Now, open: testOpen}
		if code := env.run(args); code != 0 {
			b.Fatalf("%v: exit %d: %s", args, code, errb.String())
		}
	}
	runCmd("demo", "--db", db)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		runCmd("charts", "--db", db, "--out", filepath.Join(dir, "charts"))
	}
}
