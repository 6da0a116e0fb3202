package tasks

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/liaisonapp/liaison/store"
	"github.com/liaisonapp/liaison/store/csvio"
	"github.com/liaisonapp/liaison/store/forms"
)

// ImportChunk is how many rows ImportTable reads at a time.
const ImportChunk = 5000

// errWhole makes ImportTable fall back from chunks to the whole file.
var errWhole = errors.New("apply the whole file")

// ImportTable reads t with plan and stores the responses in the round, all
// or nothing, adding the new questions under QuestionTexts' names. It
// returns what forms.Apply made of the file: when that has problems,
// nothing is stored and err lists every one.
//
// When every row carries its own response ID, each row's response depends
// on that row alone, so the file is read a chunk at a time, each chunk
// while the one before is being stored: a 100,000-response export then
// takes little longer than storing it. If a chunk has any problem, or an ID
// turns up in two chunks, the chunked import is rolled back and the whole
// file is read at once, which names every problem exactly as forms.Apply
// does.
func ImportTable(ctx context.Context, db store.Service, roundID int64, t *csvio.Table, plan forms.Plan, source string) (res forms.Result, added, skipped int, err error) {
	if idCol := firstIDColumn(plan); idCol >= 0 && everyRowHas(t, idCol) {
		var newQs []string
		for _, c := range plan.Columns {
			if c.Kind == forms.Score && c.QuestionID <= 0 {
				newQs = append(newQs, c.Header)
			}
		}
		res = forms.Result{Plan: forms.Plan{Columns: plan.Columns, NewQuestions: newQs}}
		seen := make(map[string]bool, len(t.Rows))
		pos := 0
		next := func() ([]store.Response, error) {
			for pos < len(t.Rows) {
				part := *t
				part.Rows = t.Rows[pos:min(pos+ImportChunk, len(t.Rows))]
				pos += len(part.Rows)
				r := forms.Apply(&part, plan, source)
				if len(r.Problems) > 0 || !slices.Equal(r.Plan.NewQuestions, newQs) {
					return nil, errWhole
				}
				// Keys hold the content as well as the ID, so a repeated
				// ID is looked for in the ID column itself.
				for _, row := range part.Rows {
					id := strings.TrimSpace(row.Cells[idCol])
					if seen[id] {
						return nil, errWhole
					}
					seen[id] = true
				}
				res.Skipped += r.Skipped
				if len(r.Responses) > 0 {
					return r.Responses, nil
				}
			}
			return nil, nil
		}
		added, skipped, err = db.ImportResponseChunks(ctx, roundID, QuestionTexts(newQs), next)
		if !errors.Is(err, errWhole) {
			return res, added, skipped, err
		}
	}
	res = forms.Apply(t, plan, source)
	if err := res.Err(); err != nil {
		return res, 0, 0, err
	}
	added, skipped, err = db.ImportResponses(ctx, roundID, QuestionTexts(res.Plan.NewQuestions), res.Responses)
	return res, added, skipped, err
}

// firstIDColumn returns the index of the column forms.Apply takes the
// response ID from (the first ID column), or -1.
func firstIDColumn(plan forms.Plan) int {
	for _, c := range plan.Columns {
		if c.Kind == forms.ID {
			return c.Index
		}
	}
	return -1
}

// everyRowHas reports whether every row has a value in column i.
func everyRowHas(t *csvio.Table, i int) bool {
	for _, r := range t.Rows {
		if i >= len(r.Cells) || strings.TrimSpace(r.Cells[i]) == "" {
			return false
		}
	}
	return true
}

// QuestionTexts turns the headers of new score columns into question
// texts, dropping the numbering forms tools put in front ("5. ", "Q5: ",
// "Question 5 - "), since Liaison numbers questions itself. A re-import
// still matches the numbered header to the question, as one contains the
// other.
func QuestionTexts(headers []string) []string {
	out := make([]string, len(headers))
	for i, h := range headers {
		out[i] = questionText(h)
	}
	return out
}

func questionText(h string) string {
	t := strings.TrimSpace(h)
	rest := t
	for _, p := range []string{"question", "q"} {
		if len(rest) > len(p) && strings.EqualFold(rest[:len(p)], p) {
			rest = strings.TrimSpace(rest[len(p):])
			break
		}
	}
	n := 0
	for n < len(rest) && rest[n] >= '0' && rest[n] <= '9' {
		n++
	}
	after := strings.TrimLeft(rest[n:], " ")
	if n == 0 || after == "" || !strings.ContainsRune(".):-", rune(after[0])) {
		return t
	}
	if q := strings.TrimSpace(after[1:]); q != "" {
		return q
	}
	return t
}

// MappingText describes a plan one column per line, such as
// `  "Did you find the scheme useful?" → score: Did you find the scheme useful?`,
// so the organiser can check what the import did with each column.
func MappingText(plan forms.Plan, qs []store.Question) string {
	text := make(map[int64]string, len(qs))
	for _, q := range qs {
		text[q.ID] = q.Text
	}
	var b strings.Builder
	b.WriteString("Columns:\n")
	for _, c := range plan.Columns {
		fmt.Fprintf(&b, "  %q → %s", c.Header, c.Kind)
		switch {
		case c.Kind == forms.Score && c.QuestionID > 0:
			fmt.Fprintf(&b, ": %s", text[c.QuestionID])
		case c.Kind == forms.Score:
			b.WriteString(": a new question")
		case c.Kind == forms.Ignored:
			b.WriteString(" (not stored)")
		}
		b.WriteString("\n")
	}
	return b.String()
}

// FeedbackSummaryRows lays out the survey's figures for export: one row per
// question for all responses, then one row per question per role. The
// export leaves the laptop, so small numbers are withheld the same way
// everywhere (store.Overall, store.SummariseByRole): a question fewer than
// k answered shows store.SuppressedLabel(k) in every figure cell of the
// overall row, as does a role with fewer than k responses or a question
// fewer than k of a role answered, with no number at all, not even its
// size; figures that would give those away by subtraction from the overall
// row show store.ComplementaryLabel, which says so. Responses that gave no
// role are a group of their own ("Role not given") but never cause another
// group to be withheld. rate is the response rate with its denominator, so
// the board never sees a percentage without knowing of what.
func FeedbackSummaryRows(qs []store.Question, rs []store.Response, k int, rate string) (header []string, rows [][]string) {
	header = []string{"Breakdown", "Group", "Question", "n", "Mean", "Scored 1", "Scored 2", "Scored 3", "Scored 4",
		"Scored 5", "Scored 6", "Top two (5 or 6) %", "95% CI low", "95% CI high"}
	figures := func(s store.QuestionSummary) []string {
		out := []string{strconv.Itoa(s.N)}
		if s.N == 0 {
			return append(append(out, store.NoAnswersLabel), make([]string, 9)...)
		}
		out = append(out, fmt.Sprintf("%.2f", s.Mean))
		for _, c := range s.Counts {
			out = append(out, strconv.Itoa(c))
		}
		return append(out, fmt.Sprintf("%.1f", 100*s.Top2), fmt.Sprintf("%.2f", s.CI95[0]), fmt.Sprintf("%.2f", s.CI95[1]))
	}
	row := func(kind, group string, b store.Breakdown, i int) []string {
		out := []string{kind, group, b.Summaries[i].Question.Text}
		// The store decides what is withheld, and says why in the label.
		if label := b.Withheld(i); label != "" {
			for range 11 {
				out = append(out, label)
			}
			return out
		}
		return append(out, figures(b.Summaries[i])...)
	}
	all := store.Overall(qs, store.TallyOf(rs), k)
	for i := range all.Summaries {
		rows = append(rows, row("Overall", store.AllResponses+" ("+rate+")", all, i))
	}
	for _, b := range store.SummariseByRole(qs, rs, k) {
		for i := range b.Summaries {
			rows = append(rows, row("Role", b.Group, b, i))
		}
	}
	return header, rows
}
