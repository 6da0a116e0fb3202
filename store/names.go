package store

import (
	"regexp"
	"slices"
	"strings"
)

// titles are left off a name before looking for it in free text, so "Dr
// Claire Hughes" is found as "Claire Hughes" too.
var titles = []string{"dr ", "prof ", "professor ", "mr ", "mrs ", "ms ", "miss ", "mx "}

// NamesIn returns the participants whose full name appears in text, as
// whole words and ignoring case and titles: reflections are anonymous, so
// the GUI warns before one that names somebody is saved or quoted.
func NamesIn(text string, people []Participant) []string {
	lower := strings.ToLower(text)
	var found []string
	seen := map[string]bool{}
	for _, p := range people {
		name := strings.ToLower(strings.Join(strings.Fields(p.Name), " "))
		for _, t := range titles {
			name = strings.TrimPrefix(name, t)
		}
		if len(name) < 4 || !strings.Contains(name, " ") || seen[name] {
			continue // a single word ("Sam") would match too much
		}
		words := strings.Fields(name)
		for i, w := range words {
			words[i] = regexp.QuoteMeta(w)
		}
		if regexp.MustCompile(`\b` + strings.Join(words, `\s+`) + `\b`).MatchString(lower) {
			seen[name] = true
			found = append(found, p.Name)
		}
	}
	return found
}

// SortName is the key people are sorted by in lists and on sign-in
// sheets: the surname first, then the other names, ignoring case and any
// title (Dr, Prof, Mr, Mrs, Ms, Miss, Mx), so "Dr Zoë Ashdown" comes
// before "Ben Brook".
func SortName(name string) string {
	words := strings.Fields(strings.ToLower(name))
	for len(words) > 1 {
		t := strings.TrimSuffix(words[0], ".") + " "
		if !slices.Contains(titles, t) {
			break
		}
		words = words[1:]
	}
	if len(words) < 2 {
		return strings.Join(words, " ")
	}
	last := len(words) - 1
	return words[last] + " " + strings.Join(words[:last], " ")
}
