package tasks

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/liaisonapp/liaison/store"
	"github.com/liaisonapp/liaison/store/forms"
)

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
// `  "Did you find the scheme useful?" -> score: Did you find the scheme useful?`,
// so the organiser can check what the import did with each column.
func MappingText(plan forms.Plan, qs []store.Question) string {
	text := make(map[int64]string, len(qs))
	for _, q := range qs {
		text[q.ID] = q.Text
	}
	var b strings.Builder
	b.WriteString("Columns:\n")
	for _, c := range plan.Columns {
		fmt.Fprintf(&b, "  %q -> %s", c.Header, c.Kind)
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
	return FeedbackSummaryTallyRows(qs, store.TallyOf(rs), k, rate)
}

// FeedbackSummaryTallyRows is FeedbackSummaryRows from a tally of the
// responses (such as the store's Tally), without holding them.
func FeedbackSummaryTallyRows(qs []store.Question, t store.Tally, k int, rate string) (header []string, rows [][]string) {
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
	all := store.Overall(qs, t, k)
	for i := range all.Summaries {
		rows = append(rows, row("Overall", store.AllResponses+" ("+rate+")", all, i))
	}
	for _, b := range store.SummariseTallyByRole(qs, t, k) {
		for i := range b.Summaries {
			rows = append(rows, row("Role", b.Group, b, i))
		}
	}
	return header, rows
}
