package tasks_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/liaisonapp/liaison/app/tasks"
	"github.com/liaisonapp/liaison/store"
	"github.com/liaisonapp/liaison/store/csvio"
	"github.com/liaisonapp/liaison/store/forms"
	"github.com/liaisonapp/liaison/store/sqlite"
)

// FuzzImportFeedback runs arbitrary files through the whole streamed import
// (`liaison import feedback` into a round it creates) and checks it against
// reading the file whole: the stream refuses exactly the files that
// csvio.Read or forms.Apply refuse, and then stores nothing, not even the
// round; otherwise it stores one response per response Apply reads, with
// their comments exactly, and a second import of the same file changes
// nothing and counts every response as already there. The committed seeds
// are in testdata/fuzz/FuzzImportFeedback; `go test -run X -fuzz
// FuzzImportFeedback -fuzztime 30s ./app/tasks/` runs it for longer.
func FuzzImportFeedback(f *testing.F) {
	f.Add([]byte("ID,Role,\"Did you find the scheme useful?\",Comments\n1,GP,5,ok\n2,Consultant,4,\n3,GP,6,\"a, b\"\n"))
	ctx := context.Background()
	db, err := sqlite.Open(filepath.Join(f.TempDir(), "fuzz.db"))
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { db.Close() })
	trial := 0
	f.Fuzz(func(t *testing.T, data []byte) {
		trial++
		round := fmt.Sprintf("Fuzz %d", trial)
		path := filepath.Join(t.TempDir(), "export.csv")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		whole, wholeErr := csvio.Read(bytes.NewReader(data))
		importOnce := func() (forms.Plan, store.ImportCounts, error) {
			ff, err := tasks.OpenFeedback(path)
			if err != nil {
				return forms.Plan{}, store.ImportCounts{}, err
			}
			defer ff.Close()
			r, found, err := db.LookupRound(ctx, round, db.Now())
			if err != nil {
				t.Fatal(err)
			}
			qs := tasks.PublishedQuestionsDraft()
			if found {
				if qs, err = db.Questions(ctx, r.ID); err != nil {
					t.Fatal(err)
				}
			}
			plan := forms.Detect(ff.Sample, qs)
			_, c, err := tasks.ImportFeedback(ctx, db, tasks.FeedbackImport{Round: r, Found: found, RoundName: round, Plan: plan, Source: "import:fuzz"}, ff)
			return plan, c, err
		}
		plan, c, err := importOnce()
		if err != nil {
			if _, err := db.RoundByName(ctx, round); store.ErrorCode(err) != store.ENOTFOUND {
				t.Fatalf("a refused import left its round behind (%v)", err)
			}
			if wholeErr == nil && forms.Apply(whole, forms.Detect(whole, tasks.PublishedQuestionsDraft()), "").Err() == nil {
				t.Fatalf("the stream refused a file read whole without a problem: %v", err)
			}
			return
		}
		if wholeErr != nil {
			t.Fatalf("the stream took a file csvio.Read refuses: %v", wholeErr)
		}
		want := forms.Apply(whole, plan, "import:fuzz")
		if err := want.Err(); err != nil {
			t.Fatalf("the stream took a file forms.Apply refuses: %v", err)
		}
		stored, err := db.Responses(ctx, c.Round.ID)
		if err != nil {
			t.Fatal(err)
		}
		if c.Added != len(want.Responses) || len(stored) != c.Added || c.Changed != 0 || c.Unchanged != 0 {
			t.Fatalf("counts %+v and %d stored, want %d added", c, len(stored), len(want.Responses))
		}
		for i, r := range stored {
			if r.Comment != want.Responses[i].Comment || r.Key != want.Responses[i].Key || r.Role != want.Responses[i].Role {
				t.Fatalf("response %d stored as %q %q %q, read as %q %q %q", i+1,
					r.Key, r.Role, r.Comment, want.Responses[i].Key, want.Responses[i].Role, want.Responses[i].Comment)
			}
		}
		_, again, err := importOnce()
		if err != nil {
			t.Fatalf("the same file again: %v", err)
		}
		if again.Added != 0 || again.Changed != 0 || again.Unchanged != c.Added || len(again.NewQuestions) != 0 {
			t.Fatalf("the same file again: counts %+v, want all %d already there", again, c.Added)
		}
	})
}
