package forms

import (
	"fmt"
	"strings"

	"github.com/liaisonapp/liaison/store/csvio"
)

// reflectionHeaders name the column of reflections, normalised.
var reflectionHeaders = set("reflection", "reflections", "yourreflection", "text", "body",
	"comment", "comments", "response", "responses", "whatdidyoulearn")

// ReadReflections reads one reflection per row of t, from the column headed
// reflection, text, comment, response or "what did you learn" (or one
// containing "reflection"), or else from the only free-text column.
// Reflections are anonymous, so every other column (names and emails above
// all) is left unread; ignored lists their headers so the organiser can
// see that. Empty rows are skipped. When no column, or more than one
// candidate, could hold the reflections, problems says so and nothing is
// read.
func ReadReflections(t *csvio.Table) (reflections []string, ignored []string, problems []Problem) {
	col := -1
	for i, h := range t.Header {
		nh := csvio.Normalize(h)
		if reflectionHeaders[nh] || strings.Contains(nh, "reflection") || strings.Contains(nh, "whatdidyoulearn") {
			col = i
			break
		}
	}
	if col < 0 {
		var cands []int
		for i, h := range t.Header {
			nh := csvio.Normalize(h)
			vals := values(t, i)
			if idHeaders[nh] || metaHeaders[nh] || personalHeader(h) || metaWords(h) ||
				share(vals, looksLikeEmail) >= 0.5 || share(vals, hasLetter) == 0 {
				continue
			}
			cands = append(cands, i)
		}
		switch len(cands) {
		case 0:
			return nil, t.Header, []Problem{{Line: 1, Reason: "the header has no column of reflections: head the column \"Reflection\""}}
		case 1:
			col = cands[0]
		default:
			names := make([]string, len(cands))
			for i, c := range cands {
				names[i] = fmt.Sprintf("%q", t.Header[c])
			}
			return nil, t.Header, []Problem{{Line: 1, Reason: "the header has several columns of text (" + strings.Join(names, ", ") +
				"): head the one holding the reflections \"Reflection\""}}
		}
	}
	for i, h := range t.Header {
		if i != col {
			ignored = append(ignored, h)
		}
	}
	for _, row := range t.Rows {
		if v := cell(row, col); v != "" {
			reflections = append(reflections, v)
		}
	}
	return reflections, ignored, nil
}
