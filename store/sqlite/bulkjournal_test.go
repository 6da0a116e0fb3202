package sqlite_test

import (
	"context"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/liaisonapp/liaison/store"
	"github.com/liaisonapp/liaison/store/sqlite"
)

// importWatching imports n chunks of 100 responses into db's round r,
// calling during with the database's path while the import is under way
// (after the first chunk is stored, before the commit).
func importWatching(t *testing.T, db *sqlite.DB, r store.Round, q int64, n int, during func()) store.ImportCounts {
	t.Helper()
	sent := 0
	next := func() ([]store.Response, error) {
		if sent == 2 {
			during()
		}
		if sent == n {
			return nil, nil
		}
		var rs []store.Response
		for i := range 100 {
			rs = append(rs, store.Response{Key: "id:" + strconv.Itoa(sent*100+i), Scores: map[int64]int{q: 1 + i%6}})
		}
		sent++
		return rs, nil
	}
	c, err := db.ImportResponseChunks(context.Background(), store.ResponseImport{RoundID: r.ID}, next)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func exists(path string) bool { _, err := os.Stat(path); return err == nil }

func fileSize(path string) int64 {
	fi, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return fi.Size()
}

// A large import by a command with the database to itself is written once,
// through a rollback journal rather than the WAL, and the database is in
// WAL mode again afterwards with everything in it.
func TestBulkImportAloneSkipsTheWAL(t *testing.T) {
	db, r, qs := openRound(t)
	path := db.Path()
	c := importWatching(t, db, r, qs[0].ID, 5, func() {
		if exists(path + "-wal") {
			t.Error("a WAL beside the database during an import that has it to itself")
		}
	})
	if c.Added != 500 {
		t.Fatalf("added %d, want 500", c.Added)
	}
	var mode string
	if err := db.Pool().QueryRowContext(context.Background(), `PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
		t.Fatalf("journal_mode %q (%v) after the import, want wal", mode, err)
	}
	if exists(path + "-journal") {
		t.Fatal("the rollback journal was left beside the database")
	}
	if size := fileSize(path + "-wal"); size > 0 {
		t.Fatalf("the WAL holds %d bytes after the import: the responses went through it", size)
	}
	if tally, err := db.Tally(context.Background(), r.ID); err != nil || tally.Responses != 500 {
		t.Fatalf("tally %d responses (%v), want 500", tally.Responses, err)
	}
}

// A dry run (the window's preview of an import) is rolled back, so it
// writes nothing worth writing once: it stays in WAL mode, with no
// rollback journal, and stores nothing.
func TestBulkImportDryRunStaysInWAL(t *testing.T) {
	db, r, qs := openRound(t)
	path := db.Path()
	sent := 0
	next := func() ([]store.Response, error) {
		if sent == 2 {
			if !exists(path+"-wal") || exists(path+"-journal") {
				t.Error("the dry run left WAL mode for a rollback journal")
			}
		}
		if sent == 3 {
			return nil, nil
		}
		var rs []store.Response
		for i := range 100 {
			rs = append(rs, store.Response{Key: "id:" + strconv.Itoa(sent*100+i), Scores: map[int64]int{qs[0].ID: 1 + i%6}})
		}
		sent++
		return rs, nil
	}
	c, err := db.ImportResponseChunks(context.Background(), store.ResponseImport{RoundID: r.ID, DryRun: true}, next)
	if err != nil {
		t.Fatal(err)
	}
	if c.Added != 300 {
		t.Fatalf("the dry run counted %d to add, want 300", c.Added)
	}
	if tally, err := db.Tally(context.Background(), r.ID); err != nil || tally.Responses != 0 {
		t.Fatalf("tally %d responses (%v) after a dry run, want none", tally.Responses, err)
	}
}

// With another connection open (the window, or another command), the
// import goes through the WAL as ever, without waiting for the other one
// to let go, and both see it.
func TestBulkImportBesideAnotherConnectionUsesTheWAL(t *testing.T) {
	db, r, qs := openRound(t)
	other, err := sqlite.Open(db.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if _, err := other.DataVersion(context.Background()); err != nil { // holds a connection, as the window does
		t.Fatal(err)
	}
	start := time.Now()
	importWatching(t, db, r, qs[0].ID, 5, func() {
		if exists(db.Path() + "-journal") {
			t.Error("a rollback journal while another connection has the database open")
		}
	})
	if size := fileSize(db.Path() + "-wal"); size == 0 {
		t.Fatal("the WAL is empty after an import beside another connection")
	}
	if took := time.Since(start); took > 2*time.Second {
		t.Fatalf("the import took %v: it waited for the other connection", took)
	}
	if tally, err := other.Tally(context.Background(), r.ID); err != nil || tally.Responses != 500 {
		t.Fatalf("the other connection sees %d responses (%v), want 500", tally.Responses, err)
	}
}
