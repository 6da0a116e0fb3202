package app

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"github.com/liaisonapp/liaison/store"
	"github.com/liaisonapp/liaison/store/demo"
)

// TestDashboardToDate adds a second round that shares a person with the
// demo round and checks the dashboard's card of figures to date.
func TestDashboardToDate(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	r1, err := demo.Create(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	old, _ := db.FindParticipants(ctx, store.ParticipantFilter{RoundID: r1.ID})
	r2 := store.Round{Name: "Next round"}
	if err := db.CreateRound(ctx, &r2); err != nil {
		t.Fatal(err)
	}
	again := old[0]
	again.ID, again.RoundID = 0, r2.ID
	newcomer := store.Participant{RoundID: r2.ID, Name: "Nia Newcomer", Role: store.RoleNurse}
	if _, _, err := db.UpsertParticipants(ctx, r2.ID, []store.Participant{again, newcomer}); err != nil {
		t.Fatal(err)
	}
	ui := newTestUI(t, db)
	ui.Start()
	waitIdle(t)
	ui.win.Resize(fyne.NewSize(1400, 900))
	waitIdle(t)
	d := ui.screens[0].(*dashboard)
	if got, want := d.toDate.Participants, len(old)+1; got != want {
		t.Fatalf("people to date = %d, want %d (the returning person once)", got, want)
	}
	if got := cardText(d); !strings.Contains(got, "people to date, across 2 rounds") || !strings.Contains(got, "62 pairs") {
		t.Fatalf("to-date card reads %q", got)
	}
}
