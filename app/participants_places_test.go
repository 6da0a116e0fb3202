package app

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/liaisonapp/liaison/store"
)

// TestPlacesInFormAndPairByHand gives a consultant two places in the
// participant form, then pairs two GPs with them by hand: after the first
// pair they are still offered, with one place free.
func TestPlacesInFormAndPairByHand(t *testing.T) {
	ui, s := pairingsOn(t, fourPeople...)
	ps := ui.screens[1].(*participantsScreen)
	ui.Show(1)
	waitIdle(t)
	var ben store.Participant
	for _, p := range ps.all {
		if p.Name == "Ben Brook" {
			ben = p
		}
	}
	ps.showForm(ben)
	waitIdle(t)
	f := ps.form
	f.hosting.places.SetText("lots")
	waitIdle(t)
	test.Tap(f.save)
	waitIdle(t)
	if !f.problem.Visible() || !strings.Contains(f.problem.Text, "whole number from 1 to 9") {
		t.Fatalf("problem = %q, want the places refused", f.problem.Text)
	}
	f.hosting.places.SetText("2")
	waitIdle(t)
	f.hosting.request.SetText("Dev Dunmore")
	waitIdle(t)
	test.Tap(f.save)
	waitIdle(t)
	got, err := ui.db.FindParticipants(context.Background(), store.ParticipantFilter{ID: ben.ID})
	if err != nil || got[0].Places != 2 || got[0].Request != "Dev Dunmore" {
		t.Fatalf("stored %+v, %v; want 2 places and the request", got, err)
	}

	ui.Show(2)
	waitIdle(t)
	s.first.SetSelected("Ada Ashdown (GP, Old Bank Surgery)")
	waitIdle(t)
	s.second.SetSelected("Ben Brook (Consultant, City General) · 2 of 2 places free")
	waitIdle(t)
	test.Tap(s.pairBtn)
	waitIdle(t)
	if len(s.pairs) != 1 {
		t.Fatalf("%d pairs after pairing by hand, want 1", len(s.pairs))
	}
	if !strings.Contains(strings.Join(s.first.Options, "\n"), "Ben Brook (Consultant, City General) · 1 of 2 places free") {
		t.Fatalf("Ben is not offered with his free place: %v", s.first.Options)
	}
	s.first.SetSelected("Dev Dunmore (GP, Harbour View Surgery)")
	waitIdle(t)
	s.second.SetSelected("Ben Brook (Consultant, City General) · 1 of 2 places free")
	waitIdle(t)
	test.Tap(s.pairBtn)
	waitIdle(t)
	if len(s.pairs) != 2 {
		t.Fatalf("%d pairs, want 2: Ben hosts two visitors", len(s.pairs))
	}
	for _, o := range s.first.Options {
		if strings.HasPrefix(o, "Ben Brook") {
			t.Fatalf("Ben is still offered with no place free: %v", s.first.Options)
		}
	}
}
