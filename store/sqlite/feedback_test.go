package sqlite_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/liaisonapp/liaison/store"
)

func TestQuestions(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	r := mustRound(t, db, "R")

	t.Run("CreateGoesLast", func(t *testing.T) {
		q := store.Question{RoundID: r.ID, Text: "  Would you recommend it to a colleague? "}
		if err := db.CreateQuestion(ctx, &q); err != nil {
			t.Fatal(err)
		}
		qs, err := db.Questions(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		last := qs[len(qs)-1]
		if got, want := len(qs), len(store.PublishedQuestions)+1; got != want {
			t.Fatalf("%d questions, want %d", got, want)
		}
		if last.ID != q.ID || last.Position != len(store.PublishedQuestions)+1 || last.Text != "Would you recommend it to a colleague?" {
			t.Fatalf("last question = %+v", last)
		}
	})

	t.Run("CreateErrors", func(t *testing.T) {
		wantCode(t, db.CreateQuestion(ctx, &store.Question{RoundID: r.ID, Text: " "}), store.EINVALID)
		wantCode(t, db.CreateQuestion(ctx, &store.Question{RoundID: r.ID + 100, Text: "Orphan?"}), store.EINVALID)
	})

	t.Run("Update", func(t *testing.T) {
		qs, err := db.Questions(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		q := qs[0]
		q.Text, q.Position = "Moved to the end", 99
		if err := db.UpdateQuestion(ctx, &q); err != nil {
			t.Fatal(err)
		}
		qs, err = db.Questions(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got := qs[len(qs)-1]; got != q {
			t.Fatalf("last question = %+v, want %+v", got, q)
		}
	})

	t.Run("UpdateErrors", func(t *testing.T) {
		qs, err := db.Questions(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		q := qs[0]
		q.Text = ""
		wantCode(t, db.UpdateQuestion(ctx, &q), store.EINVALID)
		q.Text, q.ID = "Nowhere", 9999
		wantCode(t, db.UpdateQuestion(ctx, &q), store.ENOTFOUND)
	})

	t.Run("DeleteNotFound", func(t *testing.T) {
		wantCode(t, db.DeleteQuestion(ctx, 9999), store.ENOTFOUND)
	})
}

// scoresFor builds a response's scores from the round's questions in order.
func scoresFor(qs []store.Question, scores ...int) map[int64]int {
	m := map[int64]int{}
	for i, s := range scores {
		if s != 0 {
			m[qs[i].ID] = s
		}
	}
	return m
}

func TestAddResponses(t *testing.T) {
	ctx := context.Background()

	t.Run("OK", func(t *testing.T) {
		db := MustOpenDB(t)
		r := mustRound(t, db, "R")
		qs, err := db.Questions(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		rs := []store.Response{
			{Scores: scoresFor(qs, 6, 5, 4, 3), Role: store.RoleGP, Source: "paper", Key: "paper:1", Comment: "Great, thanks"},
			{Scores: scoresFor(qs, 1, 0, 6), Source: "paper", Key: "paper:2"},
		}
		added, skipped, err := db.AddResponses(ctx, r.ID, rs)
		if err != nil {
			t.Fatal(err)
		}
		if added != 2 || skipped != 0 {
			t.Fatalf("added, skipped = %d, %d; want 2, 0", added, skipped)
		}
		got, err := db.Responses(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, rs) {
			t.Fatalf("Responses = %+v, want %+v", got, rs)
		}
	})

	t.Run("DedupeByKey", func(t *testing.T) {
		db := MustOpenDB(t)
		r, other := mustRound(t, db, "R"), mustRound(t, db, "Other")
		first := []store.Response{{Key: "a"}, {Key: "b"}, {Key: "c"}}
		if added, skipped, err := db.AddResponses(ctx, r.ID, first); err != nil || added != 3 || skipped != 0 {
			t.Fatalf("first import: added %d, skipped %d, err %v; want 3, 0", added, skipped, err)
		}
		again := []store.Response{{Key: "a"}, {Key: "b"}, {Key: "d"}, {Key: "d"}}
		if added, skipped, err := db.AddResponses(ctx, r.ID, again); err != nil || added != 1 || skipped != 3 {
			t.Fatalf("re-import: added %d, skipped %d, err %v; want 1, 3", added, skipped, err)
		}
		if added, skipped, err := db.AddResponses(ctx, other.ID, first); err != nil || added != 3 || skipped != 0 {
			t.Fatalf("same keys in another round: added %d, skipped %d, err %v; want 3, 0", added, skipped, err)
		}
		got, err := db.Responses(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 4 {
			t.Fatalf("%d responses in the round, want 4", len(got))
		}
	})

	t.Run("EmptyKeysAreUnique", func(t *testing.T) {
		db := MustOpenDB(t)
		r := mustRound(t, db, "R")
		rs := []store.Response{{Source: "paper"}, {Source: "paper"}}
		if added, skipped, err := db.AddResponses(ctx, r.ID, rs); err != nil || added != 2 || skipped != 0 {
			t.Fatalf("added %d, skipped %d, err %v; want 2, 0", added, skipped, err)
		}
		if rs[0].Key == "" || rs[0].Key == rs[1].Key {
			t.Fatalf("keys %q and %q are not unique", rs[0].Key, rs[1].Key)
		}
		if added, _, err := db.AddResponses(ctx, r.ID, []store.Response{{Source: "paper"}}); err != nil || added != 1 {
			t.Fatalf("a later keyless response: added %d, err %v; want 1", added, err)
		}
	})

	t.Run("Errors", func(t *testing.T) {
		db := MustOpenDB(t)
		r, other := mustRound(t, db, "R"), mustRound(t, db, "Other")
		qs, err := db.Questions(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		oqs, err := db.Questions(ctx, other.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, tt := range []struct {
			name string
			bad  store.Response
			code string
		}{
			// 0 in the map is an explicit score of zero, not "unanswered".
			{"ScoreZero", store.Response{Key: "z", Scores: map[int64]int{qs[0].ID: 5, qs[1].ID: 0}}, store.EINVALID},
			{"ScoreBelowOne", store.Response{Key: "z", Scores: map[int64]int{qs[0].ID: -1}}, store.EINVALID},
			{"ScoreAboveSix", store.Response{Key: "z", Scores: scoresFor(qs, 7)}, store.EINVALID},
			{"QuestionOfAnotherRound", store.Response{Key: "z", Scores: map[int64]int{oqs[0].ID: 3}}, store.EINVALID},
			{"UnknownRole", store.Response{Key: "z", Role: "patient"}, store.EINVALID},
		} {
			t.Run(tt.name, func(t *testing.T) {
				rs := []store.Response{{Key: "good", Scores: scoresFor(qs, 4)}, tt.bad}
				added, skipped, err := db.AddResponses(ctx, r.ID, rs)
				wantCode(t, err, tt.code)
				if added != 0 || skipped != 0 {
					t.Fatalf("added, skipped = %d, %d on failure; want 0, 0", added, skipped)
				}
				if got := count(t, db, "responses"); got != 0 {
					t.Fatalf("%d responses stored after a failed batch, want 0", got)
				}
			})
		}
	})

	t.Run("MissingRound", func(t *testing.T) {
		db := MustOpenDB(t)
		r := mustRound(t, db, "R")
		_, _, err := db.AddResponses(ctx, r.ID+100, []store.Response{{Key: "a"}})
		wantCode(t, err, store.EINVALID)
	})
}

func TestDeleteQuestion_DropsItsScores(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	r := mustRound(t, db, "R")
	qs, err := db.Questions(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := db.AddResponses(ctx, r.ID, []store.Response{{Key: "a", Scores: scoresFor(qs, 5, 4, 3, 2)}}); err != nil {
		t.Fatal(err)
	}
	if err := db.DeleteQuestion(ctx, qs[1].ID); err != nil {
		t.Fatal(err)
	}
	rs, err := db.Responses(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if want := map[int64]int{qs[0].ID: 5, qs[2].ID: 3, qs[3].ID: 2}; len(rs) != 1 || !reflect.DeepEqual(rs[0].Scores, want) {
		t.Fatalf("Responses = %+v, want one with scores %v", rs, want)
	}
}

func TestDeleteResponse(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	r := mustRound(t, db, "R")
	rs := []store.Response{{Key: "a"}, {Key: "b"}}
	if _, _, err := db.AddResponses(ctx, r.ID, rs); err != nil {
		t.Fatal(err)
	}

	t.Run("OK", func(t *testing.T) {
		if err := db.DeleteResponse(ctx, rs[0].ID); err != nil {
			t.Fatal(err)
		}
		got, err := db.Responses(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 || got[0].Key != "b" {
			t.Fatalf("Responses after delete = %+v, want only b", got)
		}
	})

	t.Run("NotFound", func(t *testing.T) {
		wantCode(t, db.DeleteResponse(ctx, rs[0].ID), store.ENOTFOUND)
	})
}
