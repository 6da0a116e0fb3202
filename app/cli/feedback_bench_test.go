package cli

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/liaisonapp/liaison/app/tasks"
	"github.com/liaisonapp/liaison/internal/exportgen"
	"github.com/liaisonapp/liaison/store"
	"github.com/liaisonapp/liaison/store/forms"
	"github.com/liaisonapp/liaison/store/sqlite"
)

// writeExport writes a Microsoft Forms–style export of n responses
// (exportgen.Write).
func writeExport(tb testing.TB, path string, n int) {
	tb.Helper()
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	if err := exportgen.Write(f, n); err != nil {
		tb.Fatal(err)
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
}

// importFile is the whole import as `liaison import feedback` does it:
// open and read the head, detect, then stream the rest into the store.
func importFile(ctx context.Context, db *sqlite.DB, r store.Round, path string) (int, error) {
	ff, err := tasks.OpenFeedback(path)
	if err != nil {
		return 0, err
	}
	defer ff.Close()
	qs, err := db.Questions(ctx, r.ID)
	if err != nil {
		return 0, err
	}
	_, c, err := tasks.ImportFeedback(ctx, db, tasks.FeedbackImport{Round: r, Found: true, Plan: forms.Detect(ff.Sample, qs), Source: "import:bench.csv"}, ff)
	return c.Added, err
}

// BenchmarkImportFeedback100k imports a 100,000-response export into a
// fresh database as the command line does (csvio.Read, forms.Detect, then
// forms.Apply and ImportResponseChunks overlapped) and, in the same run,
// has the sqlite3 shell .import the same file into a plain table,
// reporting how many times slower Liaison's import is (goal at most 1.0,
// must be under 2.0).
func BenchmarkImportFeedback100k(b *testing.B) {
	const n = 100_000
	ctx := context.Background()
	dir := b.TempDir()
	csvPath := filepath.Join(dir, "export.csv")
	writeExport(b, csvPath, n)
	sqlite3, err := exec.LookPath("sqlite3")
	if err != nil {
		b.Skip("the sqlite3 shell is not installed, so there is no reference to compare with")
	}
	var ours, ref time.Duration
	reference := func(i int) {
		refPath := filepath.Join(dir, fmt.Sprintf("plain%d.db", i))
		start := time.Now()
		out, err := exec.Command(sqlite3, refPath, "-cmd", ".mode csv", ".import "+csvPath+" plain").CombinedOutput()
		ref += time.Since(start)
		if err != nil {
			b.Fatalf("sqlite3 .import: %v\n%s", err, out)
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		// Alternate which import goes first, so that neither always runs on
		// a machine the other has just warmed up (or left busy).
		if i%2 == 1 {
			reference(i)
		}
		dbPath := filepath.Join(dir, fmt.Sprintf("l%d.db", i))
		db, err := sqlite.Open(dbPath)
		if err != nil {
			b.Fatal(err)
		}
		r := store.Round{Name: "Bench"}
		if err := db.CreateRound(ctx, &r); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start := time.Now()
		added, err := importFile(ctx, db, r, csvPath)
		ours += time.Since(start)
		b.StopTimer()
		if err != nil {
			b.Fatal(err)
		}
		if added != n {
			b.Fatalf("%d added, want %d", added, n)
		}
		db.Close()
		if i%2 == 0 {
			reference(i)
		}
		b.StartTimer()
	}
	b.StopTimer()
	b.ReportMetric(ours.Seconds()/ref.Seconds(), "x-vs-sqlite3-import")
	b.ReportMetric(ref.Seconds()*1000/float64(b.N), "sqlite3-ms/op")
}
