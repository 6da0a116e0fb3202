package forms

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
)

// Forms tools often export a 1–6 grid by its labels rather than its
// numbers: "6 - Most likely", "1 (least likely)", "Most likely". A label
// is read as a score only when it can mean one score: a leading digit 1–6
// and no other digit, agreeing with any end label it carries, or the
// scale's own end label alone.

// endLabels are the scale's end labels, as the published survey words them.
var endLabels = map[string]int{"least likely": 1, "most likely": 6}

// scoreWordReason is the problem given for a label that cannot be read as
// one score.
const scoreWordReason = "is a label Liaison cannot read as one score: write a whole number from 1 to 6, " +
	"a label starting with one (\"6 - Most likely\"), or the scale's end label (\"Most likely\", \"Least likely\")"

// parseScoreWord reads a score written as a label. ok is false when v is
// no score at all; ambiguous is true when v looks like a label but could
// mean more than one score, or contradicts itself ("1 - Most likely").
func parseScoreWord(v string) (n int, ok, ambiguous bool) {
	s := strings.TrimSpace(v)
	if s == "" {
		return 0, false, false
	}
	words := strings.ToLower(strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}), " "))
	label, hasLabel := 0, false
	for l, score := range endLabels {
		if strings.Contains(" "+words+" ", " "+l+" ") {
			if hasLabel && label != score {
				return 0, false, true // both ends
			}
			label, hasLabel = score, true
		}
	}
	digits, letters := 0, 0
	for _, r := range s {
		switch {
		case unicode.IsDigit(r):
			digits++
		case unicode.IsLetter(r):
			letters++
		}
	}
	if letters == 0 {
		return 0, false, false // "7", "4.5", "5-6": numbers, not labels
	}
	switch {
	case digits == 0 && hasLabel:
		// Only the end label itself, nothing else that could change it
		// ("Not most likely" is not 6).
		if _, exact := endLabels[words]; exact {
			return label, true, false
		}
		return 0, false, true
	case digits == 0:
		return 0, false, false
	}
	first := rune(s[0])
	rest := strings.TrimLeft(s[1:], " ")
	spaced := len(rest) < len(s)-1
	if first < '1' || first > '6' || digits > 1 || rest == "" || !spaced && !strings.ContainsRune("-–—:.)(", []rune(rest)[0]) {
		// "7 - …", "5-6", "4.5", "Score 5": not one score.
		return 0, false, true
	}
	n = int(first - '0')
	if hasLabel && label != n {
		return 0, false, true
	}
	return n, true, false
}

// ScoreWords lists, for the preview and the command line, how labels were
// read: `"6 - Most likely" = 6`, one per label, by score then label. (No
// arrow: the window shows these in a font that may not have one.)
func (r Result) ScoreWords() []string {
	type kv struct {
		label string
		score int
	}
	var all []kv
	for l, s := range r.Words {
		all = append(all, kv{l, s})
	}
	sort.Slice(all, func(i, j int) bool {
		if all[i].score != all[j].score {
			return all[i].score < all[j].score
		}
		return all[i].label < all[j].label
	})
	out := make([]string, len(all))
	for i, x := range all {
		out[i] = fmt.Sprintf("%q = %d", x.label, x.score)
	}
	return out
}
