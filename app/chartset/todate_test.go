package chartset

import (
	"testing"
	"time"

	"github.com/liaisonapp/liaison/charts"
	"github.com/liaisonapp/liaison/store"
)

// TestToDateSeries checks that the running totals of the chart across
// rounds end at the figures to date.
func TestToDateSeries(t *testing.T) {
	td := store.ToDate{Rounds: 2, Participants: 5, Pairs: 4, VisitsDone: 6, Responses: 3, ProjectsCompleted: 1,
		ByRound: []store.RoundToDate{
			{Round: "2017", Date: "2017-09-01", Participants: 3, NewParticipants: 3, Pairs: 1, VisitsDone: 2, Responses: 3},
			{Round: "2018", Date: "2018-09-01", Participants: 4, NewParticipants: 2, Pairs: 3, VisitsDone: 4, ProjectsCompleted: 1},
		}}
	table := charts.CumulativeData(toDateSeries(td), time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC))
	want := map[string]int{"people (each once)": 5, "pairs": 4, "visits done": 6, "feedback responses": 3, "projects completed": 1}
	if len(table.Lines) != len(want) {
		t.Fatalf("%d lines, want %d", len(table.Lines), len(want))
	}
	for _, l := range table.Lines {
		if l.Total != want[l.Name] {
			t.Errorf("%s ends at %d, want %d", l.Name, l.Total, want[l.Name])
		}
	}
	if !table.From.Equal(time.Date(2017, 9, 1, 0, 0, 0, 0, time.UTC)) || !table.To.Equal(time.Date(2018, 9, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("axis from %v to %v, want the two rounds' dates", table.From, table.To)
	}
}
