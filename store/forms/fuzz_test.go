package forms_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/liaisonapp/liaison/store/csvio"
	"github.com/liaisonapp/liaison/store/forms"
)

// FuzzApply feeds arbitrary files through csvio.Read, Detect and Apply and
// checks what must hold for any input: no panic; every cell of a score
// column becomes either a score 1–6 or a Problem naming its line, column
// and value (nothing is dropped silently); keys are well formed and the
// same on a second run; new questions use exactly the placeholders -1…-n.
// The committed seeds are in testdata/fuzz/FuzzApply.
func FuzzApply(f *testing.F) {
	f.Add([]byte(msForms(5, "\r\n")))
	f.Fuzz(func(t *testing.T, data []byte) {
		tab, err := csvio.Read(bytes.NewReader(data))
		if err != nil {
			return // csvio's own tests cover malformed CSV
		}
		plan := forms.Detect(tab, questions())
		if got, want := len(plan.Columns), len(tab.Header); got != want {
			t.Fatalf("len(Columns) = %d, want %d", got, want)
		}
		res := forms.Apply(tab, plan, "fuzz")
		again := forms.Apply(tab, plan, "fuzz")
		if len(res.Responses) != len(again.Responses) {
			t.Fatalf("second Apply gave %d responses, first %d", len(again.Responses), len(res.Responses))
		}

		valid := map[int64]bool{}
		for _, q := range questions() {
			valid[q.ID] = true
		}
		for j := range res.Plan.NewQuestions {
			valid[-int64(j+1)] = true
		}
		lines := map[int]bool{}
		for _, r := range tab.Rows {
			lines[r.Line] = true
		}

		recorded := 0
		for i, r := range res.Responses {
			if !strings.HasPrefix(r.Key, "id:") && !strings.HasPrefix(r.Key, "fp:") {
				t.Fatalf("Key %q has neither prefix", r.Key)
			}
			if r.Key != again.Responses[i].Key {
				t.Fatalf("Key %q then %q for the same row", r.Key, again.Responses[i].Key)
			}
			for q, s := range r.Scores {
				if !valid[q] {
					t.Fatalf("score keyed by %d, which is neither a question nor a placeholder", q)
				}
				if s < 1 || s > 6 {
					t.Fatalf("score %d out of range", s)
				}
			}
			recorded += len(r.Scores)
		}

		filled, scoreProblems := 0, 0
		for _, c := range plan.Columns {
			if c.Kind != forms.Score {
				continue
			}
			for _, r := range tab.Rows {
				if strings.TrimSpace(r.Cells[c.Index]) != "" {
					filled++
				}
			}
		}
		for _, p := range res.Problems {
			if p.Line != 1 && !lines[p.Line] {
				t.Fatalf("problem on line %d, neither the header nor a row's start: %v", p.Line, p)
			}
			if strings.HasPrefix(p.Reason, "is not a score") {
				scoreProblems++
				if p.Value == "" || p.Column == "" {
					t.Fatalf("score problem without value or column: %+v", p)
				}
			}
		}
		if filled != recorded+scoreProblems {
			t.Fatalf("%d filled score cells, but %d scores and %d problems", filled, recorded, scoreProblems)
		}
	})
}
