package cli

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"
)

var crashTrials = flag.Int("crash-trials", 20, "how many times TestImportSurvivesSIGKILL kills an import")

// crashChildEnv, when set, makes the test binary a child that runs
// `liaison import feedback` with the arguments it holds and exits.
const crashChildEnv = "LIAISON_CRASH_CHILD"

func TestMain(m *testing.M) {
	if args := os.Getenv(crashChildEnv); args != "" {
		var file, db, round string
		fmt.Sscanf(args, "%q %q %q", &file, &db, &round)
		os.Exit(Run(context.Background(), []string{"import", "feedback", file, "--db", db, "--round", round}, io.Discard, os.Stderr, testOpen, testRestore))
	}
	os.Exit(m.Run())
}

// TestImportSurvivesSIGKILL starts `liaison import feedback` of 100,000
// responses in a child process and kills it (SIGKILL on Unix, which no
// program can catch) at a random moment, again and again, into one
// database. After every kill the database passes integrity_check and the
// import is all or none: its round either does not exist or has all
// 100,000 responses; no empty round is left behind. Run more trials with
// -crash-trials N.
func TestImportSurvivesSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("kills imports for several seconds")
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "export.csv")
	const n = 100000
	writeExport(t, file, n)
	db := filepath.Join(dir, "liaison.db")
	child := func(round string) *exec.Cmd {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), fmt.Sprintf("%s=%q %q %q", crashChildEnv, file, db, round))
		cmd.Stderr = os.Stderr
		return cmd
	}

	// One import to the end gives the time a kill can fall in.
	start := time.Now()
	if err := child("Whole").Run(); err != nil {
		t.Fatalf("the import that is not killed failed: %v", err)
	}
	whole := time.Since(start)
	check := func(round string) (found bool, responses int) {
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
	if found, got := check("Whole"); !found || got != n {
		t.Fatalf("the whole import stored %d responses (round found: %v), want %d", got, found, n)
	}

	var none, all int
	for trial := range *crashTrials {
		round := fmt.Sprintf("Killed %d", trial)
		cmd := child(round)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		wait := time.Duration(rand.Int64N(int64(whole) * 11 / 10))
		time.Sleep(wait)
		cmd.Process.Kill()
		cmd.Wait()
		switch found, got := check(round); {
		case !found:
			none++
		case got == n:
			all++
		default:
			t.Errorf("killed after %v: round %q was left with %d of %d responses", wait.Round(time.Millisecond), round, got, n)
		}
	}
	t.Logf("%d kills within %v (one whole import): %d left nothing, %d had finished", *crashTrials, whole.Round(time.Millisecond), none, all)
}
