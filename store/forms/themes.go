package forms

import (
	"strings"

	"github.com/liaisonapp/liaison/store"
)

// DefaultKeywords returns the starting keywords for the scheme's five
// themes, keyed by theme name. They come from the words participants used
// in the published reflections; the organiser edits them, so each call
// returns a fresh map. Keywords are matched as whole words after light
// stemming, so "learn" also finds "learning" and "learnt". Words that turn
// up in nearly every reflection ("care" in "primary care", "trust" as in
// NHS trust) are left out, because a suggestion on every reflection helps
// nobody.
func DefaultKeywords() map[string][]string {
	return map[string][]string{
		"compassion": {"compassion", "compassionate", "empathy", "empathetic", "empathise", "kindness",
			"kind", "dignity", "wellbeing", "burnout", "stress", "pressure", "respect",
			"humanity", "sympathy", "appreciate", "psychological support", "listen"},
		"collaboration": {"collaboration", "collaborate", "collaborative", "relationship", "teamwork",
			"team", "together", "joint", "partnership", "communication", "communicate", "contact",
			"directory", "network", "integration", "integrated", "forum", "dialogue", "rapport",
			"phone", "email", "secretary", "colleague", "face to face"},
		"complexity": {"complexity", "complex", "complicated", "multimorbidity", "comorbidity",
			"frailty", "frail", "uncertainty", "risk", "holistic", "polypharmacy", "challenging",
			"difficult", "nuance", "competing", "multiple conditions", "safeguarding"},
		"efficiency": {"efficiency", "efficient", "waste", "duplication", "streamline", "process",
			"pathway", "letter", "admin", "administration", "referral", "workload", "capacity",
			"waiting", "delay", "faster", "quicker", "time saved", "save time", "for information only",
			"gp action required", "cost", "appointment"},
		"education": {"education", "educational", "learn", "teach", "training", "knowledge", "insight",
			"understand", "skill", "development", "appraisal", "cpd", "eye opening", "perspective",
			"awareness", "aware", "shadow", "discover", "realise"},
	}
}

// SuggestThemes returns the names of the themes, in the order given, that
// body mentions: one of the theme's keywords or its own name appears as
// whole words, ignoring case and common word endings. It only suggests;
// the organiser confirms.
func SuggestThemes(body string, themes []store.Theme) []string {
	text := stems(body)
	var out []string
	seen := map[string]bool{}
	for _, th := range themes {
		if seen[th.Name] {
			continue
		}
		for _, kw := range append([]string{th.Name}, th.Keywords...) {
			if p := stems(kw); len(p) > 0 && containsRun(text, p) {
				out = append(out, th.Name)
				seen[th.Name] = true
				break
			}
		}
	}
	return out
}

// stems splits s into words and stems each one.
func stems(s string) []string {
	ws := words(s)
	for i, w := range ws {
		ws[i] = stem(w)
	}
	return ws
}

// containsRun reports whether the words p appear consecutively in text.
func containsRun(text, p []string) bool {
outer:
	for i := 0; i+len(p) <= len(text); i++ {
		for j := range p {
			if text[i+j] != p[j] {
				continue outer
			}
		}
		return true
	}
	return false
}

// irregular maps irregular forms to the stem of their regular relatives.
var irregular = map[string]string{
	"learnt": "learn", "taught": "teach", "understood": "understand",
	"spoke": "speak", "spoken": "speak", "thought": "think",
}

// suffixes are stripped, first match only, keeping at least three letters.
// "ation"/"tion"/"tive" become "t", so that "collaboration",
// "collaborative" and "collaborate" meet at "collaborat"; "compassion"
// (no t) keeps its ending and does not turn into "compass".
var suffixes = []struct{ from, to string }{
	{"ies", "y"}, {"sses", "ss"}, {"ation", "at"}, {"tion", "t"}, {"tive", "t"},
	{"ing", ""}, {"ed", ""}, {"ly", ""}, {"es", ""}, {"s", ""},
}

// stem reduces an English word to a rough stem, so that "learn",
// "learns", "learning", "learned" and "learnt" all give "learn". It is
// deliberately light: keywords and text go through the same function, so
// it only has to be consistent, not linguistically right.
func stem(w string) string {
	w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "'")
	if s, ok := irregular[w]; ok {
		return s
	}
	for _, sf := range suffixes {
		if !strings.HasSuffix(w, sf.from) || len(w)-len(sf.from)+len(sf.to) < 3 {
			continue
		}
		if sf.from == "s" && (strings.HasSuffix(w, "ss") || strings.HasSuffix(w, "us") || strings.HasSuffix(w, "is")) {
			break
		}
		w = w[:len(w)-len(sf.from)] + sf.to
		if (sf.from == "ing" || sf.from == "ed") && len(w) >= 4 && w[len(w)-1] == w[len(w)-2] && !strings.ContainsRune("aeiouls", rune(w[len(w)-1])) {
			w = w[:len(w)-1] // running → run, but not call → cal
		}
		break
	}
	if len(w) > 3 && strings.HasSuffix(w, "e") {
		w = w[:len(w)-1]
	}
	return w
}
