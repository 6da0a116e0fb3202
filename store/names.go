package store

import (
	"regexp"
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

// sortTitles are the titles NameSortKey skips, without their full stops.
var sortTitles = map[string]bool{"dr": true, "prof": true, "professor": true, "mr": true, "mrs": true, "ms": true, "miss": true, "mx": true}

// NameSortKey returns the key a list sorted by name sorts on: the surname
// (the last word) first, then the rest, lower-cased and without leading
// titles (Dr, Prof, Mr, Mrs, Ms, Miss, Mx, with or without a full stop),
// so that "Dr Claire Hughes" sorts under H beside "Mr Alan Hughes", before
// "Ms Zoe Hunt".
func NameSortKey(name string) string {
	words := strings.Fields(strings.ToLower(name))
	for len(words) > 1 && sortTitles[strings.TrimSuffix(words[0], ".")] {
		words = words[1:]
	}
	if len(words) == 0 {
		return ""
	}
	last := len(words) - 1
	return words[last] + "\x00" + strings.Join(words[:last], " ")
}
