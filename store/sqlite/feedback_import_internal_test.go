package sqlite

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/liaisonapp/liaison/store"
)

// TestImportResponsesRestoresConnection checks that the import's tuning
// (foreign keys off, a big page cache) does not outlive it on the pooled
// connection, whether the import succeeds or fails.
func TestImportResponsesRestoresConnection(t *testing.T) {
	ctx := context.Background()
	d, err := Open(filepath.Join(t.TempDir(), "l.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	d.db.SetMaxOpenConns(1) // so every call below shares the import's connection
	r := store.Round{Name: "R"}
	if err := d.CreateRound(ctx, &r); err != nil {
		t.Fatal(err)
	}
	var cacheBefore int
	if err := d.db.QueryRowContext(ctx, `PRAGMA cache_size`).Scan(&cacheBefore); err != nil {
		t.Fatal(err)
	}
	check := func(t *testing.T) {
		t.Helper()
		var fk, cache int
		if err := d.db.QueryRowContext(ctx, `PRAGMA foreign_keys`).Scan(&fk); err != nil {
			t.Fatal(err)
		}
		if err := d.db.QueryRowContext(ctx, `PRAGMA cache_size`).Scan(&cache); err != nil {
			t.Fatal(err)
		}
		if fk != 1 || cache != cacheBefore {
			t.Fatalf("after the import foreign_keys=%d cache_size=%d, want 1 and %d", fk, cache, cacheBefore)
		}
	}
	t.Run("AfterSuccess", func(t *testing.T) {
		if _, err := d.ImportResponses(ctx, store.ResponseImport{RoundID: r.ID, NewQuestions: []string{"New"}}, []store.Response{{Key: "id:1", Scores: map[int64]int{-1: 3}}}); err != nil {
			t.Fatal(err)
		}
		check(t)
	})
	t.Run("AfterFailure", func(t *testing.T) {
		if _, err := d.ImportResponses(ctx, store.ResponseImport{RoundID: r.ID}, []store.Response{{Key: "id:2", Scores: map[int64]int{-1: 3}}}); store.ErrorCode(err) != store.EINVALID {
			t.Fatalf("error %v, want EINVALID", err)
		}
		check(t)
	})
	t.Run("MissingRound", func(t *testing.T) {
		_, err := d.ImportResponses(ctx, store.ResponseImport{RoundID: r.ID + 100}, []store.Response{{Key: "id:3"}})
		if store.ErrorCode(err) != store.ENOTFOUND {
			t.Fatalf("error %v, want ENOTFOUND", err)
		}
		check(t)
	})
}
