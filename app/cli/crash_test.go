package cli

import (
	"database/sql"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"
)

var crashTrials = flag.Int("crash-trials", 20, "how many times TestImportSurvivesSIGKILL kills an import")

// buildLiaison builds the liaison command, without the race detector
// whatever the test runs with, so that the child is the program a user
// runs (under -race an import takes some fifteen times as long).
func buildLiaison(t *testing.T) string {
	t.Helper()
	exe := filepath.Join(t.TempDir(), "liaison")
	if runtime.GOOS == "windows" {
		exe += ".exe"
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("the go command is not on PATH, so the binary cannot be built")
	}
	out, err := exec.Command(goTool, "build", "-tags", "migrated_fynedo", "-o", exe, "github.com/liaisonapp/liaison").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return exe
}

// TestImportSurvivesSIGKILL starts `liaison import feedback` of 100,000
// responses as a process of its own and kills it (SIGKILL on Unix, which no
// program can catch) at a random moment, again and again, each time into a
// copy of a database that holds the demo round. After every kill the
// database passes integrity_check, the demo round is untouched, and the
// import is all or none: its round either does not exist or has all
// 100,000 responses; no empty round is left behind. Run more trials with
// -crash-trials N.
func TestImportSurvivesSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("kills imports for several seconds")
	}
	exe := buildLiaison(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "export.csv")
	const n = 100000
	writeExport(t, file, n)
	liaison := func(args ...string) *exec.Cmd {
		cmd := exec.Command(exe, args...)
		cmd.Env = append(os.Environ(), "LANG=en_GB.UTF-8") // Fyne's locale complaint off stderr
		return cmd
	}
	base := filepath.Join(dir, "base.db")
	if out, err := liaison("demo", "--db", base).CombinedOutput(); err != nil {
		t.Fatalf("liaison demo: %v\n%s", err, out)
	}
	baseBytes, err := os.ReadFile(base) // the closed demo database, checkpointed
	if err != nil {
		t.Fatal(err)
	}
	fresh := func(name string) string {
		t.Helper()
		db := filepath.Join(dir, name)
		if err := os.WriteFile(db, baseBytes, 0o600); err != nil {
			t.Fatal(err)
		}
		return db
	}
	check := func(db, round string) (found bool, responses int) {
		t.Helper()
		raw, err := sql.Open("sqlite3", db+"?_busy_timeout=5000")
		if err != nil {
			t.Fatal(err)
		}
		defer raw.Close()
		var ok string
		if err := raw.QueryRow(`PRAGMA integrity_check`).Scan(&ok); err != nil || ok != "ok" {
			t.Fatalf("after killing the import of %s, integrity_check = %q, %v", round, ok, err)
		}
		var demoResponses int
		if err := raw.QueryRow(`SELECT count(*) FROM responses r JOIN rounds d ON d.id = r.round_id WHERE d.name LIKE 'Demo round%'`).Scan(&demoResponses); err != nil || demoResponses != 71 {
			t.Fatalf("after killing the import of %s the demo round has %d responses (%v), want its 71", round, demoResponses, err)
		}
		var id int64
		err = raw.QueryRow(`SELECT id FROM rounds WHERE name = ?`, round).Scan(&id)
		if err == sql.ErrNoRows {
			return false, 0
		} else if err != nil {
			t.Fatal(err)
		}
		if err := raw.QueryRow(`SELECT count(*) FROM responses WHERE round_id = ?`, id).Scan(&responses); err != nil {
			t.Fatal(err)
		}
		return true, responses
	}

	// One import to the end gives the time a kill can fall in.
	db := fresh("whole.db")
	start := time.Now()
	if out, err := liaison("import", "feedback", file, "--db", db, "--round", "Whole").CombinedOutput(); err != nil {
		t.Fatalf("the import that is not killed failed: %v\n%s", err, out)
	}
	whole := time.Since(start)
	if found, got := check(db, "Whole"); !found || got != n {
		t.Fatalf("the whole import stored %d responses (round found: %v), want %d", got, found, n)
	}

	var none, all int
	for trial := range *crashTrials {
		db := fresh(fmt.Sprintf("trial%d.db", trial))
		round := fmt.Sprintf("Killed %d", trial)
		cmd := liaison("import", "feedback", file, "--db", db, "--round", round)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		wait := time.Duration(rand.Int64N(int64(whole) * 11 / 10))
		time.Sleep(wait)
		cmd.Process.Kill()
		cmd.Wait()
		switch found, got := check(db, round); {
		case !found:
			none++
		case got == n:
			all++
		default:
			t.Errorf("killed after %v: round %q was left with %d of %d responses", wait.Round(time.Millisecond), round, got, n)
		}
		os.Remove(db)
	}
	t.Logf("%d kills within %v (one whole import): %d left nothing, %d had finished", *crashTrials, whole.Round(time.Millisecond), none, all)
}
