package cli

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/liaisonapp/liaison/app/tasks"
	"github.com/liaisonapp/liaison/store"
	"github.com/liaisonapp/liaison/store/csvio"
	"github.com/liaisonapp/liaison/store/forms"
	"github.com/liaisonapp/liaison/store/sqlite"
)

// writeExport writes a Microsoft Forms–style export of n responses: an ID,
// times, an anonymous email, a role, the four published questions (some
// unanswered) and a comment with commas and quotes on some rows.
func writeExport(tb testing.TB, path string, n int) {
	tb.Helper()
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprint(w, "ID,Start time,Completion time,Email,Role")
	for _, q := range store.PublishedQuestions {
		fmt.Fprintf(w, ",%q", q)
	}
	fmt.Fprint(w, ",Any other comments?\r\n")
	roles := []string{"GP", "Consultant", "Practice nurse", "Manager"}
	for i := 1; i <= n; i++ {
		fmt.Fprintf(w, "%d,01/06/2018 09:%02d:%02d,01/06/2018 10:%02d:%02d,anonymous,%s", i, i%60, i%59, i%60, i%57, roles[i%len(roles)])
		for q := range store.PublishedQuestions {
			if (i+q)%17 == 0 {
				fmt.Fprint(w, ",")
				continue
			}
			fmt.Fprintf(w, ",%d", 1+(i*7+q*3)%6)
		}
		if i%5 == 0 {
			fmt.Fprintf(w, ",\"Useful, \"\"really\"\" useful (%d)\"", i)
		} else {
			fmt.Fprint(w, ",")
		}
		fmt.Fprint(w, "\r\n")
	}
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
}

// importFile is the whole import as `liaison import feedback` does it:
// read, detect, then apply and store (overlapped, in ImportTable), with the
// command's garbage-collector setting.
func importFile(ctx context.Context, db *sqlite.DB, roundID int64, path string) (int, error) {
	defer batchGC()()
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	t, err := csvio.Read(f)
	if err != nil {
		return 0, err
	}
	qs, err := db.Questions(ctx, roundID)
	if err != nil {
		return 0, err
	}
	_, added, _, err := tasks.ImportTable(ctx, db, roundID, t, forms.Detect(t, qs), "import:bench.csv")
	return added, err
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
		added, err := importFile(ctx, db, r.ID, csvPath)
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
