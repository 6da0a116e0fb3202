package sqlite_test

import (
	"context"
	"testing"

	"github.com/liaisonapp/liaison/store"
)

func TestRoundSettingsTable(t *testing.T) {
	ctx := context.Background()

	t.Run("PerRound", func(t *testing.T) {
		db := MustOpenDB(t)
		a, b := mustRound(t, db, "A"), mustRound(t, db, "B")
		if err := db.SetRoundSetting(ctx, a.ID, "match", "one"); err != nil {
			t.Fatal(err)
		}
		if err := db.SetRoundSetting(ctx, a.ID, "match", "two"); err != nil {
			t.Fatal(err)
		}
		if got, err := db.RoundSetting(ctx, a.ID, "match", "def"); err != nil || got != "two" {
			t.Fatalf("RoundSetting(A) = %q, %v; want the last value stored", got, err)
		}
		if got, err := db.RoundSetting(ctx, b.ID, "match", "def"); err != nil || got != "def" {
			t.Fatalf("RoundSetting(B) = %q, %v; want the default", got, err)
		}
	})

	t.Run("GoWithTheRound", func(t *testing.T) {
		db := MustOpenDB(t)
		a := mustRound(t, db, "A")
		if err := db.SetRoundSetting(ctx, a.ID, "match", "x"); err != nil {
			t.Fatal(err)
		}
		if err := db.DeleteRound(ctx, a.ID); err != nil {
			t.Fatal(err)
		}
		// The next round may get the same ID; it must not inherit the setting.
		b := mustRound(t, db, "B")
		if got, err := db.RoundSetting(ctx, b.ID, "match", "def"); err != nil || got != "def" {
			t.Fatalf("RoundSetting after the round was deleted = %q, %v; want the default", got, err)
		}
	})

	t.Run("ErrNoRound", func(t *testing.T) {
		db := MustOpenDB(t)
		if err := db.SetRoundSetting(ctx, 99, "match", "x"); store.ErrorCode(err) != store.EINVALID {
			t.Fatalf("SetRoundSetting(no such round) = %v, want %s", err, store.EINVALID)
		}
	})
}
