package app

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/liaisonapp/liaison/store"
)

// participants10k is the Participants screen showing 10,000 people, loaded
// straight into the screen so that the benchmark measures the table's own
// work (filter, sort, refresh), not the database.
func participants10k(b *testing.B) *participantsScreen {
	b.Helper()
	ui := New(test.NewTempApp(b), MustOpenDB(b), Options{Synchronous: true, PollEvery: -1})
	b.Cleanup(ui.win.Close)
	s := ui.screens[1].(*participantsScreen)
	s.content()
	ps := make([]store.Participant, 10000)
	for i := range ps {
		ps[i] = store.Participant{ID: int64(i + 1), Name: fmt.Sprintf("Dr Person %05d", (i*7919)%10000),
			Email: fmt.Sprintf("p%d@nhs.net", i), Role: store.Roles[i%len(store.Roles)],
			Organisation: fmt.Sprintf("Practice %d", i%400), Specialty: "General practice", Locality: fmt.Sprintf("L%d", i%7)}
	}
	s.load(ps, nil)
	return s
}

// BenchmarkParticipantsSearch10k is one keystroke in the search box with
// 10,000 people: the filter and the sort run again on every key, so this
// must stay well under a frame or two for typing to feel instant.
func BenchmarkParticipantsSearch10k(b *testing.B) {
	s := participants10k(b)
	queries := []string{"p", "pr", "pra", "prac", ""}
	i := 0
	for b.Loop() {
		s.search.SetText(queries[i%len(queries)])
		i++
	}
}

// BenchmarkParticipantsSort10k is a click on a column header with 10,000
// people shown.
func BenchmarkParticipantsSort10k(b *testing.B) {
	s := participants10k(b)
	col := 0
	for b.Loop() {
		s.sortBy(col % len(participantColumns))
		col++
	}
}
