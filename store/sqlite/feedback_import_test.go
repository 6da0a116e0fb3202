package sqlite_test

import (
	"context"
	"errors"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/liaisonapp/liaison/store"
	"github.com/liaisonapp/liaison/store/sqlite"
)

// openRound opens a fresh database with one round (and its published questions).
func openRound(t *testing.T) (*sqlite.DB, store.Round, []store.Question) {
	t.Helper()
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "l.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	r := store.Round{Name: "R"}
	if err := db.CreateRound(context.Background(), &r); err != nil {
		t.Fatal(err)
	}
	qs, err := db.Questions(context.Background(), r.ID)
	if err != nil {
		t.Fatal(err)
	}
	return db, r, qs
}

func TestImportResponses(t *testing.T) {
	ctx := context.Background()

	t.Run("NewQuestionsGetTheirScores", func(t *testing.T) {
		db, r, qs := openRound(t)
		rs := []store.Response{
			{Key: "id:1", Role: store.RoleGP, Scores: map[int64]int{qs[0].ID: 6, -1: 2, -2: 5}},
			{Key: "id:2", Scores: map[int64]int{-2: 3}, Comment: "ok"},
		}
		c, err := db.ImportResponses(ctx, store.ResponseImport{RoundID: r.ID, NewQuestions: []string{"Extra one", "Extra two"}}, rs)
		if err != nil {
			t.Fatal(err)
		}
		if c.Added != 2 || c.Unchanged != 0 || c.Changed != 0 {
			t.Fatalf("counts %+v, want 2 added", c)
		}
		if rs[0].Scores[-1] != 2 {
			t.Fatal("ImportResponses changed the caller's scores")
		}
		qs2, err := db.Questions(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := len(qs2), len(qs)+2; got != want {
			t.Fatalf("%d questions, want %d", got, want)
		}
		one, two := qs2[len(qs)], qs2[len(qs)+1]
		if one.Text != "Extra one" || two.Text != "Extra two" || one.Position >= two.Position || one.Position <= qs[len(qs)-1].Position {
			t.Fatalf("new questions %+v %+v are not added last, in order", one, two)
		}
		got, err := db.Responses(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got[0].Scores[qs[0].ID] != 6 || got[0].Scores[one.ID] != 2 || got[0].Scores[two.ID] != 5 || got[1].Scores[two.ID] != 3 {
			t.Fatalf("stored scores %v %v", got[0].Scores, got[1].Scores)
		}
		if got[0].Role != store.RoleGP || got[1].Comment != "ok" {
			t.Fatalf("role %q comment %q", got[0].Role, got[1].Comment)
		}
	})

	t.Run("ReimportSkipsKnownKeys", func(t *testing.T) {
		db, r, qs := openRound(t)
		rs := make([]store.Response, 2500) // several batches
		for i := range rs {
			rs[i] = store.Response{Key: "id:" + strconv.Itoa(i), Scores: map[int64]int{qs[1].ID: 1 + i%6}}
		}
		imp := store.ResponseImport{RoundID: r.ID, Answers: []int64{qs[1].ID}}
		if _, err := db.ImportResponses(ctx, imp, rs[:1700]); err != nil {
			t.Fatal(err)
		}
		c, err := db.ImportResponses(ctx, imp, rs)
		if err != nil {
			t.Fatal(err)
		}
		if c.Added != 800 || c.Unchanged != 1700 || c.Changed != 0 {
			t.Fatalf("counts %+v, want 800 added and 1700 unchanged", c)
		}
	})

	t.Run("MixedSourcesKeepTheirOwn", func(t *testing.T) {
		db, r, qs := openRound(t)
		rs := make([]store.Response, 1500) // a full batch, then part of one
		for i := range rs {
			src := "paper"
			if i%3 == 0 {
				src = "import:a.csv"
			}
			rs[i] = store.Response{Source: src, Scores: map[int64]int{qs[0].ID: 1 + i%6}}
		}
		if c, err := db.ImportResponses(ctx, store.ResponseImport{RoundID: r.ID}, rs); err != nil || c.Added != len(rs) {
			t.Fatalf("added %d, err %v", c.Added, err)
		}
		got, err := db.Responses(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		for i, g := range got {
			if g.Source != rs[i].Source || g.Scores[qs[0].ID] != 1+i%6 {
				t.Fatalf("response %d: source %q score %d, want %q %d", i, g.Source, g.Scores[qs[0].ID], rs[i].Source, 1+i%6)
			}
		}
	})

	for _, c := range []struct {
		name   string
		newQs  []string
		scores map[int64]int
	}{
		{"ScoreOutOfRange", []string{"New"}, map[int64]int{-1: 7}},
		{"PlaceholderWithoutQuestion", []string{"New"}, map[int64]int{-2: 3}},
		{"QuestionOfAnotherRound", []string{"New"}, map[int64]int{99999: 3}},
	} {
		t.Run(c.name, func(t *testing.T) {
			db, r, qs := openRound(t)
			rs := []store.Response{{Key: "id:1", Scores: map[int64]int{qs[0].ID: 4}}, {Key: "id:2", Scores: c.scores}}
			if _, err := db.ImportResponses(ctx, store.ResponseImport{RoundID: r.ID, NewQuestions: c.newQs}, rs); store.ErrorCode(err) != store.EINVALID {
				t.Fatalf("error %v, want EINVALID", err)
			}
			got, _ := db.Responses(ctx, r.ID)
			qs2, _ := db.Questions(ctx, r.ID)
			if len(got) != 0 || len(qs2) != len(qs) {
				t.Fatalf("a failed import left %d responses and %d new questions", len(got), len(qs2)-len(qs))
			}
		})
	}
}

func TestCreateReflections(t *testing.T) {
	ctx := context.Background()
	db, r, _ := openRound(t)
	rs := []store.Reflection{{Body: " One ", Themes: []string{"education"}}, {Body: "Two"}}
	if err := db.CreateReflections(ctx, r.ID, rs); err != nil {
		t.Fatal(err)
	}
	if err := db.CreateReflections(ctx, r.ID, []store.Reflection{{Body: "Three"}, {Body: "  "}}); store.ErrorCode(err) != store.EINVALID {
		t.Fatalf("an empty reflection gave %v, want EINVALID", err)
	}
	got, err := db.Reflections(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Body != "One" || len(got[0].Themes) != 1 || got[0].Themes[0] != "education" || got[1].Body != "Two" {
		t.Fatalf("reflections %+v", got)
	}
}

func TestImportResponseChunks(t *testing.T) {
	ctx := context.Background()
	chunks := func(parts ...[]store.Response) func() ([]store.Response, error) {
		return func() ([]store.Response, error) {
			if len(parts) == 0 {
				return nil, nil
			}
			p := parts[0]
			parts = parts[1:]
			if p == nil {
				return nil, errors.New("the file changed under us")
			}
			return p, nil
		}
	}

	t.Run("AllChunksStored", func(t *testing.T) {
		db, r, qs := openRound(t)
		a := []store.Response{{Key: "id:1", Scores: map[int64]int{qs[0].ID: 1}}, {Key: "id:2", Scores: map[int64]int{-1: 2}}}
		b := []store.Response{{Key: "id:3", Scores: map[int64]int{qs[0].ID: 3}}}
		c, err := db.ImportResponseChunks(ctx, store.ResponseImport{RoundID: r.ID, NewQuestions: []string{"New"}}, chunks(a, b))
		if err != nil || c.Added != 3 || c.Unchanged != 0 {
			t.Fatalf("counts %+v err %v, want 3 added", c, err)
		}
	})

	t.Run("ErrorFromNextStoresNothing", func(t *testing.T) {
		db, r, qs := openRound(t)
		a := []store.Response{{Key: "id:1", Scores: map[int64]int{qs[0].ID: 1}}}
		_, err := db.ImportResponseChunks(ctx, store.ResponseImport{RoundID: r.ID, NewQuestions: []string{"New"}}, chunks(a, nil))
		if err == nil || err.Error() != "the file changed under us" {
			t.Fatalf("error %v, want next's own", err)
		}
		rs, _ := db.Responses(ctx, r.ID)
		qs2, _ := db.Questions(ctx, r.ID)
		if len(rs) != 0 || len(qs2) != len(qs) {
			t.Fatalf("a failed import left %d responses and %d new questions", len(rs), len(qs2)-len(qs))
		}
	})
}

// TestImportWaitsForNext checks that an import that fails while next is
// still reading returns only once next has returned, so the caller may
// close the file next reads.
func TestImportWaitsForNext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	db, r, qs := openRound(t)
	var reading atomic.Bool
	calls := 0
	_, err := db.ImportResponseChunks(ctx, store.ResponseImport{RoundID: r.ID}, func() ([]store.Response, error) {
		calls++
		if calls == 1 {
			// Storing this batch fails, as the command was cancelled,
			// while next is called again.
			cancel()
			rs := make([]store.Response, 1000)
			for i := range rs {
				rs[i] = store.Response{Key: "id:" + strconv.Itoa(i), Scores: map[int64]int{qs[0].ID: 3}}
			}
			return rs, nil
		}
		reading.Store(true)
		time.Sleep(100 * time.Millisecond)
		reading.Store(false)
		return nil, nil
	})
	if err == nil {
		t.Fatal("a cancelled import succeeded")
	}
	if reading.Load() {
		t.Fatal("the import returned while next was still running")
	}
}

// Every text of an import comes back as it went in, whatever its length
// (each size of JSONB header) and characters.
func TestImportKeepsTextsExactly(t *testing.T) {
	db, r, qs := openRound(t)
	ctx := context.Background()
	var comments []string
	for _, n := range []int{0, 1, 11, 12, 255, 256, 65535, 65536, 70000} {
		comments = append(comments, strings.Repeat("é", n/2)+strings.Repeat("x", n%2))
	}
	comments = append(comments, `quotes " and \ backslashes`, "lines\nand\r\nCRs\rand\ttabs", "emoji 🙂 and ½", "[1,2]", `{"a":1}`, "null")
	var rs []store.Response
	for i, c := range comments {
		rs = append(rs, store.Response{Key: "id:" + strconv.Itoa(i+1), Source: "src " + c[:min(len(c), 3)], Role: store.RoleGP,
			Comment: c, Scores: map[int64]int{qs[0].ID: 1 + i%6}})
	}
	if _, err := db.ImportResponses(ctx, store.ResponseImport{RoundID: r.ID, HasRole: true, HasComment: true}, rs); err != nil {
		t.Fatal(err)
	}
	got, err := db.Responses(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(rs) {
		t.Fatalf("%d responses back, %d in", len(got), len(rs))
	}
	for i, g := range got {
		if g.Comment != rs[i].Comment || g.Role != store.RoleGP || g.Scores[qs[0].ID] != 1+i%6 {
			t.Errorf("response %d: comment of %d bytes (want %d), role %q, scores %v", i+1, len(g.Comment), len(rs[i].Comment), g.Role, g.Scores)
		}
	}
}
