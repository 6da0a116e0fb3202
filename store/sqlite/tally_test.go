package sqlite_test

import (
	"context"
	"fmt"
	"reflect"
	"testing"

	"github.com/liaisonapp/liaison/store"
	"github.com/liaisonapp/liaison/store/sqlite"
)

// tallyRound makes a round and returns it with its questions.
func tallyRound(t *testing.T, db *sqlite.DB) (store.Round, []store.Question) {
	t.Helper()
	ctx := context.Background()
	r := store.Round{Name: "Tally"}
	if err := db.CreateRound(ctx, &r); err != nil {
		t.Fatal(err)
	}
	qs, err := db.Questions(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	return r, qs
}

// assertTallyMatches checks Tally against counting every response afresh.
func assertTallyMatches(t *testing.T, db *sqlite.DB, roundID int64) store.Tally {
	t.Helper()
	ctx := context.Background()
	got, err := db.Tally(ctx, roundID)
	if err != nil {
		t.Fatal(err)
	}
	rs, err := db.Responses(ctx, roundID)
	if err != nil {
		t.Fatal(err)
	}
	if want := store.TallyOf(rs); !reflect.DeepEqual(got, want) {
		t.Fatalf("Tally = %+v, want %+v", got, want)
	}
	return got
}

func TestTally(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	r, qs := tallyRound(t, db)
	t.Run("Empty", func(t *testing.T) {
		if got := assertTallyMatches(t, db, r.ID); got.Responses != 0 {
			t.Fatalf("responses = %d, want 0", got.Responses)
		}
	})
	var rs []store.Response
	for i := 0; i < 10; i++ {
		rs = append(rs, store.Response{Key: fmt.Sprint("k", i), Scores: map[int64]int{qs[0].ID: 1 + i%6, qs[1].ID: 6 - i%6}})
	}
	if _, _, err := db.AddResponses(ctx, r.ID, rs); err != nil {
		t.Fatal(err)
	}
	t.Run("AfterAdding", func(t *testing.T) {
		got := assertTallyMatches(t, db, r.ID)
		if got.Responses != 10 || got.Counts[qs[0].ID] != [6]int{2, 2, 2, 2, 1, 1} {
			t.Fatalf("tally %+v", got)
		}
	})
	t.Run("AddedIncrementally", func(t *testing.T) {
		more := []store.Response{{Key: "late", Scores: map[int64]int{qs[2].ID: 4}}}
		if _, _, err := db.AddResponses(ctx, r.ID, more); err != nil {
			t.Fatal(err)
		}
		if got := assertTallyMatches(t, db, r.ID); got.Counts[qs[2].ID][3] != 1 || got.Responses != 11 {
			t.Fatalf("tally after one more response: %+v", got)
		}
	})
	t.Run("DeletedAndAdded", func(t *testing.T) {
		if err := db.DeleteResponse(ctx, rs[0].ID); err != nil {
			t.Fatal(err)
		}
		more := []store.Response{{Key: "replacement", Scores: map[int64]int{qs[0].ID: 6}}}
		if _, _, err := db.AddResponses(ctx, r.ID, more); err != nil {
			t.Fatal(err)
		}
		assertTallyMatches(t, db, r.ID)
	})
	t.Run("ChangedByAnotherProcess", func(t *testing.T) {
		other, err := sqlite.Open(db.Path())
		if err != nil {
			t.Fatal(err)
		}
		defer other.Close()
		if _, _, err := other.AddResponses(ctx, r.ID, []store.Response{{Key: "elsewhere", Scores: map[int64]int{qs[3].ID: 2}}}); err != nil {
			t.Fatal(err)
		}
		if err := other.DeleteResponse(ctx, rs[1].ID); err != nil {
			t.Fatal(err)
		}
		assertTallyMatches(t, db, r.ID)
	})
	t.Run("CallerCannotChangeTheCache", func(t *testing.T) {
		got, _ := db.Tally(ctx, r.ID)
		got.Counts[qs[0].ID] = [6]int{99}
		assertTallyMatches(t, db, r.ID)
	})
}

func TestQuestionIDsAreNotReused(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	r, qs := tallyRound(t, db)
	last := qs[len(qs)-1]
	if _, _, err := db.AddResponses(ctx, r.ID, []store.Response{{Key: "a", Scores: map[int64]int{last.ID: 1}}}); err != nil {
		t.Fatal(err)
	}
	if err := db.DeleteQuestion(ctx, last.ID); err != nil {
		t.Fatal(err)
	}
	q := store.Question{RoundID: r.ID, Text: "A new question"}
	if err := db.CreateQuestion(ctx, &q); err != nil {
		t.Fatal(err)
	}
	if q.ID == last.ID {
		t.Fatalf("the new question reuses deleted question %d's ID, and would inherit its answers", last.ID)
	}
	tally, err := db.Tally(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got := tally.Counts[q.ID]; got != [6]int{} {
		t.Fatalf("the new question has answers %v", got)
	}
}

func BenchmarkTallyAfterOneResponse(b *testing.B) {
	ctx := context.Background()
	db := MustOpenDB(b)
	r := store.Round{Name: "Big"}
	if err := db.CreateRound(ctx, &r); err != nil {
		b.Fatal(err)
	}
	qs, _ := db.Questions(ctx, r.ID)
	rs := make([]store.Response, 100_000)
	for i := range rs {
		rs[i] = store.Response{Key: fmt.Sprint("r", i), Scores: map[int64]int{}}
		for j, q := range qs {
			rs[i].Scores[q.ID] = 1 + (i+j)%6
		}
	}
	if _, _, err := db.AddResponses(ctx, r.ID, rs); err != nil {
		b.Fatal(err)
	}
	if _, err := db.Tally(ctx, r.ID); err != nil {
		b.Fatal(err)
	}
	i := 0
	for b.Loop() {
		i++
		b.StopTimer()
		if _, _, err := db.AddResponses(ctx, r.ID, []store.Response{{Key: fmt.Sprint("new", i), Scores: map[int64]int{qs[0].ID: 5}}}); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if _, err := db.Tally(ctx, r.ID); err != nil {
			b.Fatal(err)
		}
	}
}

func TestTallyAfterRoundDeletedAndIDReused(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	r, qs := tallyRound(t, db)
	if _, _, err := db.AddResponses(ctx, r.ID, []store.Response{{Key: "old", Scores: map[int64]int{qs[0].ID: 6}}}); err != nil {
		t.Fatal(err)
	}
	assertTallyMatches(t, db, r.ID)
	if err := db.DeleteRound(ctx, r.ID); err != nil {
		t.Fatal(err)
	}
	again := store.Round{Name: "Again"}
	if err := db.CreateRound(ctx, &again); err != nil {
		t.Fatal(err)
	}
	qs2, err := db.Questions(ctx, again.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := db.AddResponses(ctx, again.ID, []store.Response{{Key: "new", Scores: map[int64]int{qs2[0].ID: 1}}}); err != nil {
		t.Fatal(err)
	}
	if got := assertTallyMatches(t, db, again.ID); got.Responses != 1 {
		t.Fatalf("the new round (ID %d, the old was %d) tallies %d responses, want 1", again.ID, r.ID, got.Responses)
	}
}

// TestTallyByRole checks that the breakdown by role built from the
// store's tally hides and shows exactly what the breakdown over every
// response does, while responses arrive and go.
func TestTallyByRole(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	r, qs := tallyRound(t, db)
	label := func(role store.Role) string {
		if role == "" {
			return "Role not given"
		}
		return role.Label()
	}
	check := func(t *testing.T) {
		t.Helper()
		tally := assertTallyMatches(t, db, r.ID)
		rs, err := db.Responses(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		groups := map[string]store.Tally{}
		for role, g := range tally.ByRole {
			groups[label(role)] = g
		}
		for _, k := range []int{1, 3, 5} {
			got := store.SummariseGroups(qs, groups, k)
			want := store.SummariseBy(qs, rs, func(r store.Response) string { return label(r.Role) }, k)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("k=%d: from the tally %+v, from the responses %+v", k, got, want)
			}
			if got, want := store.SummariseTallyByRole(qs, tally, k), store.SummariseByRole(qs, rs, k); !reflect.DeepEqual(got, want) {
				t.Fatalf("k=%d: by role from the tally %+v, from the responses %+v", k, got, want)
			}
		}
	}
	roles := []store.Role{store.RoleGP, store.RoleConsultant, store.RoleNurse, ""}
	var rs []store.Response
	for i := range 23 {
		scores := map[int64]int{qs[0].ID: 1 + i%6}
		if i%3 != 0 {
			scores[qs[1].ID] = 6 - i%6
		}
		rs = append(rs, store.Response{Key: fmt.Sprint("role", i), Role: roles[i*i%len(roles)], Scores: scores})
	}
	if _, _, err := db.AddResponses(ctx, r.ID, rs[:9]); err != nil {
		t.Fatal(err)
	}
	t.Run("First", check)
	if _, _, err := db.AddResponses(ctx, r.ID, rs[9:]); err != nil {
		t.Fatal(err)
	}
	t.Run("More", check)
	all, err := db.Responses(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.DeleteResponse(ctx, all[0].ID); err != nil {
		t.Fatal(err)
	}
	t.Run("AfterDelete", check)
}
