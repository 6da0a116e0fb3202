package app

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/widget"

	"github.com/liaisonapp/liaison/store"
	"github.com/liaisonapp/liaison/store/demo"
)

func TestVisitUID(t *testing.T) {
	pair := func(round int64, a, b string) store.Pairing {
		return store.Pairing{RoundID: round, Primary: store.Participant{Name: a, Email: a + "@gp.example"},
			Secondary: store.Participant{Name: b, Email: b + "@trust.example"}}
	}
	v := store.Visit{ID: 12}
	first := visitUID(pair(1, "ann", "bo"), v)
	if again := visitUID(pair(1, "ann", "bo"), v); again != first {
		t.Fatalf("the same visit got two UIDs: %q and %q, so a re-sent file would duplicate it", first, again)
	}
	if other := visitUID(pair(1, "cy", "di"), v); other == first {
		t.Fatalf("visit 12 of two different pairs (two databases) share the UID %q", first)
	}
	if !strings.HasPrefix(first, "visit-12-") || !strings.HasSuffix(first, "@liaison.invalid") {
		t.Fatalf("UID %q", first)
	}
}

// After a reload the highlighted row must be the pair the buttons act on.
func TestPairingsHighlightFollowsTheSelectedPair(t *testing.T) {
	db := MustOpenDB(t)
	if _, err := demo.Create(context.Background(), db); err != nil {
		t.Fatal(err)
	}
	ui := newTestUI(t, db)
	ui.Start()
	waitIdle(t)
	s := showScreen[*pairingsScreen](t, ui)
	last := s.pairs[len(s.pairs)-1]
	s.table.Select(widget.TableCellID{Row: len(s.pairs) - 1, Col: 0})
	waitIdle(t)
	highlighted := -1
	s.table.OnSelected = func(id widget.TableCellID) {
		highlighted = id.Row
		if id.Row >= 0 && id.Row < len(s.pairs) {
			s.selected = s.pairs[id.Row].ID
		}
	}
	// An overdue visit moves a pair to the top on the next reload.
	first := s.pairs[0]
	v := first.Visits[0]
	v.Status, v.Date = store.VisitConfirmed, "2001-01-01"
	if err := db.UpdateVisit(context.Background(), &v); err != nil {
		t.Fatal(err)
	}
	ui.Changed()
	waitIdle(t)
	if highlighted < 0 || s.pairs[highlighted].ID != last.ID {
		t.Fatalf("after the reload row %d is highlighted, not the selected pair %d", highlighted, last.ID)
	}
	if p, ok := s.selectedPair(); !ok || p.ID != last.ID {
		t.Fatalf("the buttons act on %+v, want pair %d", p.ID, last.ID)
	}
}
