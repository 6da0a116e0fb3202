package app

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/liaisonapp/liaison/store"
)

// TestNewRoundFromThisOne ticks two of four people to continue and checks
// the new round has them, the old round's questions, and is chosen.
func TestNewRoundFromThisOne(t *testing.T) {
	ui, _ := pairingsOn(t, fourPeople...)
	old := ui.round
	ui.showRoundFrom()
	waitIdle(t)
	d := ui.roundFrom
	if d == nil {
		t.Fatal("no dialog")
	}
	if !d.create.Disabled() {
		t.Fatal("Create is enabled without a name")
	}
	d.setAll(false)
	waitIdle(t)
	for i, p := range d.people {
		d.keep[i] = p.Name == "Ada Ashdown" || p.Name == "Ben Brook"
	}
	d.update()
	waitIdle(t)
	if !strings.HasPrefix(d.count.Text, "2 participants of 4") {
		t.Fatalf("count = %q", d.count.Text)
	}
	test.Type(d.name, old.Name)
	waitIdle(t)
	test.Tap(d.create)
	waitIdle(t)
	if !strings.Contains(d.problem.Text, "already exists") {
		t.Fatalf("problem = %q, want the name taken", d.problem.Text)
	}
	d.name.SetText("Wessex 2027")
	waitIdle(t)
	test.Tap(d.create)
	waitIdle(t)
	if ui.round.Name != "Wessex 2027" {
		t.Fatalf("round = %q, want the new one chosen", ui.round.Name)
	}
	people, err := ui.db.FindParticipants(context.Background(), store.ParticipantFilter{RoundID: ui.round.ID})
	if err != nil || len(people) != 2 {
		t.Fatalf("new round has %d people (%v), want 2", len(people), err)
	}
	qs, _ := ui.db.Questions(context.Background(), ui.round.ID)
	if len(qs) != len(store.PublishedQuestions) {
		t.Fatalf("%d questions, want the old round's %d", len(qs), len(store.PublishedQuestions))
	}
}
