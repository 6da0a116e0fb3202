package tasks

import (
	"context"
	"fmt"
	"strings"

	"github.com/liaisonapp/liaison/store"
	"github.com/liaisonapp/liaison/store/csvio"
)

// NewRoundFrom starts round name from round from in one step: the people in
// continuing (from's participants who will take part again) are carried
// over, with from's survey questions and settings (the matching options
// among them). Their partners in from stay excluded, as matching never
// repeats a pair from another round. A request to be paired with someone
// is not carried: it was about that round.
func NewRoundFrom(ctx context.Context, db store.Service, from store.Round, name string, continuing []store.Participant) (store.Round, error) {
	people := make([]store.Participant, len(continuing))
	for i, p := range continuing {
		if p.RoundID != from.ID {
			return store.Round{}, store.Errorf(store.EINVALID, "%s is not a participant of %s.", p.Name, from.Name)
		}
		p.ID, p.RoundID, p.Request = 0, 0, ""
		people[i] = p
	}
	r := store.Round{Name: name}
	if err := db.CreateRoundFrom(ctx, &r, from.ID, people); err != nil {
		return store.Round{}, err
	}
	return r, nil
}

// continueHeaders are what a column saying "I will take part again" is
// called, normalised: a sign-up or feedback export's own question.
var continueHeaders = []string{"continue", "continuing", "takepartagain", "nextround", "again"}

// Continuing picks, among people (a round's participants), those a file
// lists: by an email column, or a name column, row by row. When the file
// has a column asking whether they will continue ("Will you continue?",
// "Take part again"), only rows answering yes count. Every row must name
// one of people; problems name the line.
func Continuing(t *csvio.Table, people []store.Participant) ([]store.Participant, []string) {
	email, name, yes := -1, -1, -1
	for i, h := range t.Header {
		n := csvio.Normalize(h)
		switch {
		case email < 0 && strings.Contains(n, "email"):
			email = i
		case name < 0 && (n == "name" || n == "fullname" || n == "participant" || n == "participantname" || n == "yourname"):
			name = i
		case yes < 0 && containsAny(n, continueHeaders):
			yes = i
		}
	}
	if email < 0 && name < 0 {
		return nil, []string{fmt.Sprintf("line %d: no column gives an email or a name to find the participants by", t.HeaderLine)}
	}
	byEmail, byName := map[string]store.Participant{}, map[string]store.Participant{}
	for _, p := range people {
		if p.Email != "" {
			byEmail[strings.ToLower(p.Email)] = p
		}
		byName[store.NameKey(p.Name)] = p
	}
	var out []store.Participant
	var problems []string
	seen := map[int64]bool{}
	for _, row := range t.Rows {
		if yes >= 0 && !Yes(row.Cells[yes]) {
			continue
		}
		var p store.Participant
		var ok bool
		var what string
		if email >= 0 && strings.TrimSpace(row.Cells[email]) != "" {
			what = strings.TrimSpace(row.Cells[email])
			p, ok = byEmail[strings.ToLower(what)]
		} else if name >= 0 {
			what = strings.TrimSpace(row.Cells[name])
			p, ok = byName[store.NameKey(what)]
		}
		switch {
		case what == "":
			problems = append(problems, fmt.Sprintf("line %d: no email or name", row.Line))
		case !ok:
			problems = append(problems, fmt.Sprintf("line %d: %q is not a participant of the round", row.Line, what))
		case !seen[p.ID]:
			seen[p.ID] = true
			out = append(out, p)
		}
	}
	return out, problems
}

func containsAny(s string, subs []string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// Yes reports whether a cell answers yes: "Yes", "y", "true", "✓",
// "x", or a score of 5 or 6 on the survey's 1–6 scale ("6 - Most likely").
func Yes(cell string) bool {
	c := strings.ToLower(strings.TrimSpace(cell))
	switch {
	case c == "":
		return false
	case strings.HasPrefix(c, "yes"), c == "y", c == "true", c == "✓", c == "✔", c == "x":
		return true
	case strings.HasPrefix(c, "5"), strings.HasPrefix(c, "6"):
		return true
	}
	return false
}
