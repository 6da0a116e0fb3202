package sqlite_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/liaisonapp/liaison/store"
	"github.com/liaisonapp/liaison/store/sqlite"
)

// TestReimport checks the rule for a re-downloaded export: within a round a
// response ID already stored is the same response.
func TestReimport(t *testing.T) {
	ctx := context.Background()
	export := func(qs []store.Question) []store.Response {
		var rs []store.Response
		for i := 1; i <= 71; i++ {
			rs = append(rs, store.Response{Key: fmt.Sprintf("id:%d", i), Role: store.RoleGP, Comment: "ok",
				Scores: map[int64]int{qs[0].ID: 1 + i%6, qs[1].ID: 1 + (i+1)%6}})
		}
		return rs
	}

	t.Run("SameFileTwiceIsAlreadyThere", func(t *testing.T) {
		db, r, qs := openRound(t)
		imp := store.ResponseImport{RoundID: r.ID, Answers: []int64{qs[0].ID, qs[1].ID}, HasRole: true, HasComment: true}
		if _, err := db.ImportResponses(ctx, imp, export(qs)); err != nil {
			t.Fatal(err)
		}
		c, err := db.ImportResponses(ctx, imp, export(qs))
		if err != nil {
			t.Fatal(err)
		}
		if c.Added != 0 || c.Changed != 0 || c.Unchanged != 71 {
			t.Fatalf("counts %+v, want 71 unchanged", c)
		}
	})

	t.Run("AnEditedAnswerUpdatesTheResponse", func(t *testing.T) {
		db, r, qs := openRound(t)
		imp := store.ResponseImport{RoundID: r.ID, Answers: []int64{qs[0].ID, qs[1].ID}, HasRole: true, HasComment: true}
		if _, err := db.ImportResponses(ctx, imp, export(qs)); err != nil {
			t.Fatal(err)
		}
		before, err := db.Tally(ctx, r.ID) // primes the tally cache
		if err != nil {
			t.Fatal(err)
		}
		edited := export(qs)
		old := edited[4].Scores[qs[0].ID]
		edited[4].Scores[qs[0].ID] = old%6 + 1
		edited[9].Comment = "better"
		delete(edited[10].Scores, qs[1].ID) // the answer was cleared
		c, err := db.ImportResponses(ctx, imp, edited)
		if err != nil {
			t.Fatal(err)
		}
		if c.Added != 0 || c.Changed != 3 || c.Unchanged != 68 {
			t.Fatalf("counts %+v, want 3 changed and 68 unchanged", c)
		}
		rs, err := db.Responses(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(rs) != 71 || rs[4].Scores[qs[0].ID] != old%6+1 || rs[9].Comment != "better" {
			t.Fatalf("%d responses; response 5 scores %v, response 10 says %q", len(rs), rs[4].Scores, rs[9].Comment)
		}
		if _, ok := rs[10].Scores[qs[1].ID]; ok {
			t.Fatalf("a cleared answer is still stored: %v", rs[10].Scores)
		}
		after, err := db.Tally(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if after.Responses != 71 || after.Counts[qs[0].ID] == before.Counts[qs[0].ID] {
			t.Fatalf("the tally did not follow the update: %d responses, counts %v then %v", after.Responses, before.Counts[qs[0].ID], after.Counts[qs[0].ID])
		}
	})

	t.Run("ANewColumnFillsStoredResponses", func(t *testing.T) {
		db, r, qs := openRound(t)
		first := store.ResponseImport{RoundID: r.ID, Answers: []int64{qs[0].ID, qs[1].ID}, HasRole: true, HasComment: true}
		if _, err := db.ImportResponses(ctx, first, export(qs)); err != nil {
			t.Fatal(err)
		}
		more := export(qs)
		for i := range more {
			more[i].Scores[-1] = 1 + i%6
		}
		second := first
		second.NewQuestions = []string{"Would you recommend it?"}
		c, err := db.ImportResponses(ctx, second, more)
		if err != nil {
			t.Fatal(err)
		}
		if c.Added != 0 || c.Changed != 71 || len(c.NewQuestions) != 1 {
			t.Fatalf("counts %+v, want 71 changed and one new question", c)
		}
		qs2, _ := db.Questions(ctx, r.ID)
		rs, _ := db.Responses(ctx, r.ID)
		newQ := qs2[len(qs2)-1]
		if len(rs) != 71 || rs[0].Scores[newQ.ID] != 1 || rs[0].Scores[qs[0].ID] == 0 {
			t.Fatalf("%d responses, the first scores %v", len(rs), rs[0].Scores)
		}
	})

	t.Run("AQuestionTheFileDoesNotHaveKeepsItsAnswers", func(t *testing.T) {
		db, r, qs := openRound(t)
		all := store.ResponseImport{RoundID: r.ID, Answers: []int64{qs[0].ID, qs[1].ID}, HasRole: true, HasComment: true}
		if _, err := db.ImportResponses(ctx, all, export(qs)); err != nil {
			t.Fatal(err)
		}
		part := export(qs)
		for i := range part {
			delete(part[i].Scores, qs[1].ID)
			part[i].Role, part[i].Comment = "", ""
		}
		c, err := db.ImportResponses(ctx, store.ResponseImport{RoundID: r.ID, Answers: []int64{qs[0].ID}}, part)
		if err != nil {
			t.Fatal(err)
		}
		if c.Unchanged != 71 {
			t.Fatalf("counts %+v, want all 71 unchanged", c)
		}
		rs, _ := db.Responses(ctx, r.ID)
		if rs[0].Scores[qs[1].ID] == 0 || rs[0].Role != store.RoleGP || rs[0].Comment != "ok" {
			t.Fatalf("a column the file lacks was erased: %+v", rs[0])
		}
	})

	t.Run("ANewFormKeepsItsIDsApart", func(t *testing.T) {
		db, r, qs := openRound(t)
		imp := store.ResponseImport{RoundID: r.ID, Answers: []int64{qs[0].ID, qs[1].ID}, HasRole: true, HasComment: true}
		if _, err := db.ImportResponses(ctx, imp, export(qs)); err != nil {
			t.Fatal(err)
		}
		other := imp
		other.NewForm = true
		c, err := db.ImportResponses(ctx, other, export(qs)[:10])
		if err != nil {
			t.Fatal(err)
		}
		if c.Added != 10 || c.Form != 2 {
			t.Fatalf("counts %+v, want 10 added as form 2", c)
		}
		again := imp
		again.Form = 2
		if c, err = db.ImportResponses(ctx, again, export(qs)[:10]); err != nil || c.Unchanged != 10 {
			t.Fatalf("re-importing form 2: counts %+v, err %v", c, err)
		}
		if c, err = db.ImportResponses(ctx, other, export(qs)[:1]); err != nil || c.Form != 3 {
			t.Fatalf("a third form: counts %+v, err %v", c, err)
		}
		rs, _ := db.Responses(ctx, r.ID)
		if len(rs) != 82 {
			t.Fatalf("%d responses, want 71 + 10 + 1", len(rs))
		}
	})

	t.Run("DryRunStoresNothing", func(t *testing.T) {
		db, r, qs := openRound(t)
		imp := store.ResponseImport{RoundID: r.ID, Answers: []int64{qs[0].ID}, NewQuestions: []string{"Extra"}, DryRun: true}
		c, err := db.ImportResponses(ctx, imp, export(qs)[:5])
		if err != nil || c.Added != 5 || len(c.NewQuestions) != 1 {
			t.Fatalf("counts %+v, err %v", c, err)
		}
		rs, _ := db.Responses(ctx, r.ID)
		qs2, _ := db.Questions(ctx, r.ID)
		if len(rs) != 0 || len(qs2) != len(qs) {
			t.Fatalf("a dry run stored %d responses and %d questions", len(rs), len(qs2)-len(qs))
		}
	})

	t.Run("TooManyScoreColumns", func(t *testing.T) {
		db, r, _ := openRound(t)
		newQs := make([]string, store.MaxScoreColumns+1)
		for i := range newQs {
			newQs[i] = fmt.Sprintf("Q%d", i)
		}
		_, err := db.ImportResponses(ctx, store.ResponseImport{RoundID: r.ID, NewQuestions: newQs}, nil)
		if store.ErrorCode(err) != store.EINVALID || !strings.Contains(store.ErrorMessage(err), "at most 100") {
			t.Fatalf("error %v, want EINVALID naming the limit", err)
		}
	})
}

// TestImportCreatesItsRound checks that a round named for an import is
// created inside the import's transaction: a failed import leaves no round
// behind, and a new question with a published question's text answers it.
func TestImportCreatesItsRound(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	bad := []store.Response{{Key: "id:1", Scores: map[int64]int{-1: 9}}}
	if _, err := db.ImportResponses(ctx, store.ResponseImport{RoundName: "Spring", NewQuestions: []string{store.PublishedQuestions[1]}}, bad); err == nil {
		t.Fatal("a score of 9 was imported")
	}
	if rs, _ := db.Rounds(ctx); len(rs) != 0 {
		t.Fatalf("a failed import left %d rounds", len(rs))
	}
	good := []store.Response{{Key: "id:1", Scores: map[int64]int{-1: 5, -2: 4}}}
	imp := store.ResponseImport{RoundName: "Spring", NewQuestions: []string{strings.ToUpper(store.PublishedQuestions[1]), "Extra"}}
	c, err := db.ImportResponses(ctx, imp, good)
	if err != nil {
		t.Fatal(err)
	}
	if !c.RoundCreated || c.Round.Name != "Spring" || c.Added != 1 || len(c.NewQuestions) != 1 || c.NewQuestions[0] != "Extra" {
		t.Fatalf("counts %+v", c)
	}
	qs, _ := db.Questions(ctx, c.Round.ID)
	rs, _ := db.Responses(ctx, c.Round.ID)
	if len(qs) != len(store.PublishedQuestions)+1 || rs[0].Scores[qs[1].ID] != 5 || rs[0].Scores[qs[len(qs)-1].ID] != 4 {
		t.Fatalf("questions %+v, scores %v", qs, rs[0].Scores)
	}
	// The second time the round is there.
	if c, err = db.ImportResponses(ctx, imp, good); err != nil || c.RoundCreated || c.Unchanged != 1 {
		t.Fatalf("counts %+v, err %v", c, err)
	}
}

// TestSameNewRoundAtOnce has two processes' worth of connections name the
// same new round at the same moment: both succeed, with one round.
func TestSameNewRoundAtOnce(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "l.db")
	MustOpenPath(t, path) // create and migrate once
	for trial := 0; trial < 10; trial++ {
		name := fmt.Sprintf("Round %d", trial)
		dbs := []*sqlite.DB{MustOpenPath(t, path), MustOpenPath(t, path)}
		var wg sync.WaitGroup
		errs := make([]error, len(dbs))
		ids := make([]int64, len(dbs))
		start := make(chan struct{})
		for i, db := range dbs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				var r store.Round
				if i == 0 {
					r, errs[i] = db.ResolveRound(ctx, name, db.Now())
				} else {
					var c store.ImportCounts
					c, errs[i] = db.ImportResponses(ctx, store.ResponseImport{RoundName: name}, []store.Response{{Key: "id:1", Scores: map[int64]int{}}})
					r = c.Round
				}
				ids[i] = r.ID
			}()
		}
		close(start)
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Fatalf("trial %d, command %d: %v", trial, i, err)
			}
		}
		if ids[0] != ids[1] || ids[0] == 0 {
			t.Fatalf("trial %d: rounds %d and %d", trial, ids[0], ids[1])
		}
		qs, _ := dbs[0].Questions(ctx, ids[0])
		if len(qs) != len(store.PublishedQuestions) {
			t.Fatalf("trial %d: %d questions", trial, len(qs))
		}
	}
}

// TestExistingRoundNeverCreates checks the reading commands' round lookup.
func TestExistingRoundNeverCreates(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	if _, err := db.ExistingRound(ctx, ""); store.ErrorCode(err) != store.ENOTFOUND {
		t.Fatalf("empty database: %v, want ENOTFOUND", err)
	}
	for _, n := range []string{"Spring", "Autumn"} {
		if err := db.CreateRound(ctx, &store.Round{Name: n}); err != nil {
			t.Fatal(err)
		}
	}
	_, err := db.ExistingRound(ctx, "Sprnig")
	if store.ErrorCode(err) != store.ENOTFOUND || !strings.Contains(store.ErrorMessage(err), `"Spring"`) || !strings.Contains(store.ErrorMessage(err), `"Autumn"`) {
		t.Fatalf("a typo gave %v, want ENOTFOUND listing both rounds", err)
	}
	if rs, _ := db.Rounds(ctx); len(rs) != 2 {
		t.Fatalf("%d rounds after looking", len(rs))
	}
	if r, err := db.ExistingRound(ctx, " spring "); err != nil || r.Name != "Spring" {
		t.Fatalf("round %+v, err %v", r, err)
	}
}

// TestMigrationKeysByResponseID runs migration 0004 on responses keyed the
// old way ("id:<ID>#<hash>") and checks that it gives one key per response
// ID, a second response of the same ID kept as form 2, and that running it
// again changes nothing (its number may differ between branches).
func TestMigrationKeysByResponseID(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	db := MustOpenPath(t, path)
	r := store.Round{Name: "Old"}
	if err := db.CreateRound(ctx, &r); err != nil {
		t.Fatal(err)
	}
	db.Close()
	migration, err := os.ReadFile(filepath.Join("migrations", "0004_response_ids.sql"))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	stmts := []string{
		`DROP TRIGGER responses_changed`,
		fmt.Sprintf(`INSERT INTO responses (round_id, scores, key) VALUES
			(%[1]d, '1:5', 'id:1#00aa00aa00aa00aa'), (%[1]d, '1:4', 'id:1#11bb11bb11bb11bb'),
			(%[1]d, '1:3', 'id:2#22cc22cc22cc22cc'), (%[1]d, '1:2', 'fp:abc')`, r.ID),
		string(migration),
		string(migration),
	}
	for _, s := range stmts {
		if _, err := raw.Exec(s); err != nil {
			t.Fatal(s, err)
		}
	}
	raw.Close()
	db = MustOpenPath(t, path)
	rs, err := db.Responses(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, x := range rs {
		keys = append(keys, x.Key)
	}
	if got, want := strings.Join(keys, " "), "id:1 id2:1 id:2 fp:abc"; got != want {
		t.Fatalf("keys %q, want %q", got, want)
	}
	// The trigger is back: an update makes the tallies count again.
	if _, err := db.ImportResponses(ctx, store.ResponseImport{RoundID: r.ID, Answers: []int64{1}}, []store.Response{{Key: "id:2", Scores: map[int64]int{}}}); err != nil {
		t.Fatal(err)
	}
}

// TestImportKeepsEveryCharacter checks that comments and keys come back
// exactly as imported, whatever characters they hold: quotes, backslashes,
// line breaks, control characters, emoji, and a NUL (which a batch cannot
// carry through SQLite's JSON reader, so it is stored a row at a time).
func TestImportKeepsEveryCharacter(t *testing.T) {
	ctx := context.Background()
	texts := []string{`He said "useful" \ twice`, "line one\r\nline two\ttab", "bell\x07 and \x1f", "café 🙂 – ok", "nul\x00inside", "", `\u0041 stays as typed`}
	for _, withNUL := range []bool{false, true} {
		db, r, qs := openRound(t)
		var rs []store.Response
		for i, c := range texts {
			if !withNUL && strings.ContainsRune(c, 0) {
				continue
			}
			rs = append(rs, store.Response{Key: "id:" + c + fmt.Sprint(i), Comment: c, Source: "import:" + c, Scores: map[int64]int{qs[0].ID: 1 + i%6}})
		}
		c, err := db.ImportResponses(ctx, store.ResponseImport{RoundID: r.ID, Answers: []int64{qs[0].ID}, HasComment: true}, rs)
		if err != nil || c.Added != len(rs) {
			t.Fatalf("counts %+v, err %v", c, err)
		}
		got, _ := db.Responses(ctx, r.ID)
		for i := range rs {
			if got[i].Comment != rs[i].Comment || got[i].Key != rs[i].Key || got[i].Source != rs[i].Source {
				t.Fatalf("stored %q %q %q, want %q %q %q", got[i].Comment, got[i].Key, got[i].Source, rs[i].Comment, rs[i].Key, rs[i].Source)
			}
		}
		if c, err := db.ImportResponses(ctx, store.ResponseImport{RoundID: r.ID, Answers: []int64{qs[0].ID}, HasComment: true}, rs); err != nil || c.Unchanged != len(rs) {
			t.Fatalf("again: counts %+v, err %v", c, err)
		}
	}
}

// TestInNewRound checks that writes made inside InNewRound commit with the
// round or not at all.
func TestInNewRound(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	_, err := db.InNewRound(ctx, "Spring", func(ctx context.Context, r store.Round) error {
		return db.CreateReflections(ctx, r.ID, []store.Reflection{{Body: "Fine"}, {Body: "  "}})
	})
	if store.ErrorCode(err) != store.EINVALID {
		t.Fatalf("error %v, want the empty reflection's EINVALID", err)
	}
	if rs, _ := db.Rounds(ctx); len(rs) != 0 {
		t.Fatalf("a failed import left %d rounds", len(rs))
	}
	r, err := db.InNewRound(ctx, "Spring", func(ctx context.Context, r store.Round) error {
		if err := db.CreateReflections(ctx, r.ID, []store.Reflection{{Body: "Fine"}}); err != nil {
			return err
		}
		_, _, err := db.UpsertParticipants(ctx, r.ID, []store.Participant{{Name: "Dr Ann Lee", Role: store.RoleGP, Email: "ann@nhs.net"}})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	refs, _ := db.Reflections(ctx, r.ID)
	ps, _ := db.FindParticipants(ctx, store.ParticipantFilter{RoundID: r.ID})
	qs, _ := db.Questions(ctx, r.ID)
	if r.Name != "Spring" || len(refs) != 1 || len(ps) != 1 || len(qs) != len(store.PublishedQuestions) {
		t.Fatalf("round %+v with %d reflections, %d participants, %d questions", r, len(refs), len(ps), len(qs))
	}
	// The round exists now: InNewRound finds it rather than failing.
	if r2, err := db.InNewRound(ctx, "spring", func(context.Context, store.Round) error { return nil }); err != nil || r2.ID != r.ID {
		t.Fatalf("round %+v, err %v", r2, err)
	}
}
