package sqlite_test

import (
	"context"
	"testing"
	"time"

	"github.com/liaisonapp/liaison/store"
)

func TestCreateRound(t *testing.T) {
	ctx := context.Background()

	t.Run("OK", func(t *testing.T) {
		db := MustOpenDB(t)
		now := time.Date(2017, 9, 1, 10, 0, 0, 0, time.UTC)
		db.Now = func() time.Time { return now }
		r := store.Round{Name: "  Southampton 2017–18 ", StartsOn: "2017-09-01", EndsOn: "2018-06-30"}
		if err := db.CreateRound(ctx, &r); err != nil {
			t.Fatal(err)
		}
		if r.ID == 0 {
			t.Fatal("CreateRound left ID 0")
		}
		got, err := db.RoundByName(ctx, "SOUTHAMPTON 2017–18")
		if err != nil {
			t.Fatal(err)
		}
		if got.ID != r.ID || got.Name != "Southampton 2017–18" || got.StartsOn != "2017-09-01" || got.EndsOn != "2018-06-30" {
			t.Fatalf("RoundByName = %+v, want the trimmed round %+v", got, r)
		}
		if !got.CreatedAt.Equal(now) {
			t.Fatalf("CreatedAt = %v, want %v", got.CreatedAt, now)
		}
	})

	t.Run("HasPublishedQuestions", func(t *testing.T) {
		db := MustOpenDB(t)
		r := mustRound(t, db, "R")
		qs, err := db.Questions(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := len(qs), len(store.PublishedQuestions); got != want {
			t.Fatalf("%d questions, want %d", got, want)
		}
		for i, q := range qs {
			if q.Text != store.PublishedQuestions[i] || q.Position != i+1 || q.RoundID != r.ID {
				t.Fatalf("question %d = %+v, want %q at position %d", i, q, store.PublishedQuestions[i], i+1)
			}
		}
	})

	t.Run("Errors", func(t *testing.T) {
		db := MustOpenDB(t)
		mustRound(t, db, "Wessex 2019")
		for _, tt := range []struct {
			name  string
			round store.Round
			code  string
		}{
			{"NameRequired", store.Round{Name: "  "}, store.EINVALID},
			{"DuplicateIgnoringCase", store.Round{Name: "wessex 2019"}, store.ECONFLICT},
			{"StartMonthFirst", store.Round{Name: "A", StartsOn: "09/31/2017"}, store.EINVALID},
			{"EndNotADate", store.Round{Name: "B", EndsOn: "2018-02-30"}, store.EINVALID},
			{"EndsBeforeStart", store.Round{Name: "C", StartsOn: "2018-01-01", EndsOn: "2017-12-31"}, store.EINVALID},
		} {
			t.Run(tt.name, func(t *testing.T) {
				r := tt.round
				wantCode(t, db.CreateRound(ctx, &r), tt.code)
			})
		}
		rs, err := db.Rounds(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(rs) != 1 {
			t.Fatalf("%d rounds after failed creations, want 1", len(rs))
		}
		if got := count(t, db, "questions"); got != len(store.PublishedQuestions) {
			t.Fatalf("%d questions after failed creations, want %d", got, len(store.PublishedQuestions))
		}
	})
}

func TestRounds_MostRecentFirst(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	// Fractional seconds of different lengths: stored as text, a time with
	// more digits must still sort by time, not by character.
	base := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	times := []time.Time{
		base,
		base.Add(100 * time.Millisecond),
		base.Add(150 * time.Millisecond),
		base.Add(time.Second),
		base.Add(time.Second + 5*time.Millisecond),
	}
	for i, at := range times {
		db.Now = func() time.Time { return at }
		mustRound(t, db, "round "+string(rune('A'+i)))
	}
	rs, err := db.Rounds(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != len(times) {
		t.Fatalf("%d rounds, want %d", len(rs), len(times))
	}
	for i, r := range rs {
		if want := "round " + string(rune('A'+len(times)-1-i)); r.Name != want {
			t.Fatalf("Rounds()[%d] = %q, want %q (all: %+v)", i, r.Name, want, rs)
		}
	}
}

func TestRoundByName_NotFound(t *testing.T) {
	db := MustOpenDB(t)
	mustRound(t, db, "Here")
	_, err := db.RoundByName(context.Background(), "Elsewhere")
	wantCode(t, err, store.ENOTFOUND)
}

func TestResolveRound(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 3, 14, 9, 0, 0, 0, time.UTC)

	t.Run("EmptyDatabaseCreatesYearRound", func(t *testing.T) {
		db := MustOpenDB(t)
		r, err := db.ResolveRound(ctx, "", now)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := r.Name, "2026"; got != want {
			t.Fatalf("Name = %q, want %q", got, want)
		}
		if r.ID == 0 {
			t.Fatal("the new round has ID 0")
		}
		qs, err := db.Questions(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := len(qs), 4; got != want {
			t.Fatalf("the new round has %d questions, want %d", got, want)
		}
		again, err := db.ResolveRound(ctx, "", now)
		if err != nil {
			t.Fatal(err)
		}
		if again.ID != r.ID {
			t.Fatalf("second ResolveRound gave round %d, want %d", again.ID, r.ID)
		}
	})

	t.Run("NoNameGivesMostRecent", func(t *testing.T) {
		db := MustOpenDB(t)
		db.Now = func() time.Time { return now.Add(-time.Hour) }
		mustRound(t, db, "Older")
		db.Now = func() time.Time { return now }
		newer := mustRound(t, db, "Newer")
		r, err := db.ResolveRound(ctx, "  ", now)
		if err != nil {
			t.Fatal(err)
		}
		if r.ID != newer.ID {
			t.Fatalf("ResolveRound(\"\") = %q, want %q", r.Name, newer.Name)
		}
	})

	t.Run("ByNameFindsIgnoringCase", func(t *testing.T) {
		db := MustOpenDB(t)
		want := mustRound(t, db, "Portsmouth 2020")
		mustRound(t, db, "Other")
		r, err := db.ResolveRound(ctx, "portsmouth 2020", now)
		if err != nil {
			t.Fatal(err)
		}
		if r.ID != want.ID {
			t.Fatalf("ResolveRound found %+v, want %+v", r, want)
		}
	})

	t.Run("ByNameCreatesWhenMissing", func(t *testing.T) {
		db := MustOpenDB(t)
		mustRound(t, db, "Existing")
		r, err := db.ResolveRound(ctx, "Winchester 2021", now)
		if err != nil {
			t.Fatal(err)
		}
		if r.ID == 0 || r.Name != "Winchester 2021" {
			t.Fatalf("ResolveRound = %+v, want a new round named Winchester 2021", r)
		}
		rs, err := db.Rounds(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := len(rs), 2; got != want {
			t.Fatalf("%d rounds, want %d", got, want)
		}
		qs, err := db.Questions(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := len(qs), len(store.PublishedQuestions); got != want {
			t.Fatalf("the created round has %d questions, want %d", got, want)
		}
	})
}

func TestDeleteRound(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	keep := mustRound(t, db, "Keep")
	gone := mustRound(t, db, "Gone")
	mustParticipant(t, db, keep.ID, "Kept", "kept@example.org", store.RoleGP)
	mustParticipant(t, db, gone.ID, "Lost", "lost@example.org", store.RoleGP)

	t.Run("OK", func(t *testing.T) {
		if err := db.DeleteRound(ctx, gone.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := db.RoundByName(ctx, "Gone"); store.ErrorCode(err) != store.ENOTFOUND {
			t.Fatalf("the deleted round is still found (err %v)", err)
		}
		ps, err := db.FindParticipants(ctx, store.ParticipantFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if len(ps) != 1 || ps[0].Name != "Kept" {
			t.Fatalf("participants after deleting a round = %+v, want only Kept", ps)
		}
	})

	t.Run("NotFound", func(t *testing.T) {
		wantCode(t, db.DeleteRound(ctx, gone.ID), store.ENOTFOUND)
	})
}

func TestBritishDatesAreStoredAsISO(t *testing.T) {
	db := MustOpenDB(t)
	r := store.Round{Name: "Wessex", StartsOn: "1/9/2026", EndsOn: "31/07/2027"}
	if err := db.CreateRound(context.Background(), &r); err != nil {
		t.Fatal(err)
	}
	got, err := db.RoundByName(context.Background(), "Wessex")
	if err != nil {
		t.Fatal(err)
	}
	if got.StartsOn != "2026-09-01" || got.EndsOn != "2027-07-31" {
		t.Fatalf("stored %q to %q, want 2026-09-01 to 2027-07-31", got.StartsOn, got.EndsOn)
	}
}
