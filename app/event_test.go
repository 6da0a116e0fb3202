package app

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/liaisonapp/liaison/store"
	"github.com/liaisonapp/liaison/store/demo"
)

// eventOnDemo opens the Event screen on the demo round.
func eventOnDemo(t *testing.T) (*UI, *eventScreen) {
	t.Helper()
	db := MustOpenDB(t)
	if _, err := demo.Create(context.Background(), db); err != nil {
		t.Fatal(err)
	}
	ui := newTestUI(t, db)
	ui.now = func() time.Time { return time.Date(2018, 7, 12, 13, 5, 0, 0, time.UTC) }
	ui.Start()
	waitIdle(t)
	return ui, showScreen[*eventScreen](t, ui)
}

func TestEventShowsAgendaAndAttendees(t *testing.T) {
	_, s := eventOnDemo(t)
	if got, want := s.eventSelect.Selected, "Celebration and reflection event"; got != want {
		t.Fatalf("event = %q, want %q", got, want)
	}
	if got, want := len(s.agenda), 8; got != want {
		t.Fatalf("%d agenda items, want %d", got, want)
	}
	if len(s.shown) == 0 || len(s.shown) != len(s.attendees) {
		t.Fatalf("%d of %d attendees shown with no search", len(s.shown), len(s.attendees))
	}
	if !strings.Contains(s.counts.Text, "checked in") || !strings.Contains(s.counts.Text, "capacity 120") {
		t.Fatalf("counts: %q", s.counts.Text)
	}
}

func TestCheckInBySearchAndEnter(t *testing.T) {
	ui, s := eventOnDemo(t)
	var target store.Attendee
	for _, a := range s.attendees {
		if a.CheckedInAt.IsZero() && a.RSVP == store.RSVPInvited {
			target = a
			break
		}
	}
	if target.ID == 0 {
		t.Fatal("the demo has nobody left to check in")
	}
	test.Type(s.search, target.Name)
	waitIdle(t)
	if len(s.shown) != 1 {
		t.Skipf("%q matches %d attendees; the demo has namesakes", target.Name, len(s.shown))
	}
	s.search.OnSubmitted(s.search.Text)
	waitIdle(t)
	people, err := ui.db.Attendees(context.Background(), target.EventID)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range people {
		if a.ID == target.ID {
			if got, want := a.CheckedInAt, ui.now().UTC(); !got.Equal(want) {
				t.Fatalf("checked in at %v, want %v", got, want)
			}
			s.toggleCheckIn(a)
			waitIdle(t)
		}
	}
	people, _ = ui.db.Attendees(context.Background(), target.EventID)
	for _, a := range people {
		if a.ID == target.ID && !a.CheckedInAt.IsZero() {
			t.Fatal("Undo did not clear the check-in")
		}
	}
	if s.search.Text != "" {
		t.Fatalf("the search box was not cleared for the next arrival: %q", s.search.Text)
	}
}

func TestNewEventAndAgendaItem(t *testing.T) {
	db := MustOpenDB(t)
	ui := newTestUI(t, db)
	r := store.Round{Name: "Forum 2026"}
	if err := db.CreateRound(context.Background(), &r); err != nil {
		t.Fatal(err)
	}
	ui.Start()
	waitIdle(t)
	s := ui.screens[3].(*eventScreen)
	ui.Show(3)
	waitIdle(t)
	if !s.addItemBtn.Disabled() {
		t.Fatal("agenda items can be added before there is an event")
	}
	s.editEvent(store.Event{})
	waitIdle(t)
	test.Type(s.form.entries["Name"], "Primary–secondary care forum")
	waitIdle(t)
	test.Type(s.form.entries["Date"], "2026-12-03")
	waitIdle(t)
	test.Type(s.form.entries["Capacity"], "forty")
	waitIdle(t)
	s.form.dialog.Submit()
	waitIdle(t)
	if events, _ := db.Events(context.Background(), r.ID); len(events) != 0 {
		t.Fatalf("an event with capacity %q was stored", "forty")
	}
	s.editEvent(store.Event{})
	waitIdle(t)
	test.Type(s.form.entries["Name"], "Primary–secondary care forum")
	waitIdle(t)
	test.Type(s.form.entries["Capacity"], "40")
	waitIdle(t)
	s.form.dialog.Submit()
	waitIdle(t)
	if got, want := s.eventSelect.Selected, "Primary–secondary care forum"; got != want {
		t.Fatalf("event = %q, want %q", got, want)
	}
	s.editItem(store.AgendaItem{})
	waitIdle(t)
	test.Type(s.form.entries["Starts (HH:MM)"], "18:30")
	waitIdle(t)
	test.Type(s.form.entries["Title"], "Letters: what changed")
	waitIdle(t)
	s.form.dialog.Submit()
	waitIdle(t)
	if got, want := len(s.agenda), 1; got != want {
		t.Fatalf("%d agenda items, want %d", got, want)
	}
}

func TestInviteEveryParticipant(t *testing.T) {
	ui, s := eventOnDemo(t)
	before := len(s.attendees)
	s.inviteAll()
	if s.inviteAsk == nil || len(s.attendees) != before {
		t.Fatal("inviting the round did not ask first")
	}
	s.inviteAsk.Confirm()
	waitIdle(t)
	people, err := ui.db.FindParticipants(context.Background(), store.ParticipantFilter{RoundID: ui.round.ID})
	if err != nil {
		t.Fatal(err)
	}
	guests := 0
	for _, a := range s.attendees {
		if a.ParticipantID == 0 {
			guests++
		}
	}
	if got, want := len(s.attendees), len(people)+guests; got != want {
		t.Fatalf("%d attendees after inviting everyone (was %d), want %d", got, before, want)
	}
	done := s.inviteDone
	if done == nil {
		t.Fatal("no word of what the invitation did, and no undo")
	}
	s.inviteAll()
	s.inviteAsk.Confirm()
	waitIdle(t)
	if got, want := len(s.attendees), len(people)+guests; got != want {
		t.Fatalf("inviting twice gave %d attendees, want %d", got, want)
	}
	if s.inviteDone != done {
		t.Fatal("a second invitation that added nobody offered an undo")
	}
	// Undo takes off exactly those the first invitation added.
	done.Confirm()
	waitIdle(t)
	if got := len(s.attendees); got != before {
		t.Fatalf("%d attendees after undoing the invitation, want the %d before it", got, before)
	}
}

func TestMoveAgendaItemBothWays(t *testing.T) {
	_, s := eventOnDemo(t)
	titles := func() string {
		var out []string
		for _, a := range s.agenda {
			out = append(out, a.Starts+" "+a.Title)
		}
		return strings.Join(out, " | ")
	}
	start := titles()
	first, second := s.agenda[0], s.agenda[1]
	s.moveItem(1, 0) // earlier
	waitIdle(t)
	if got := s.agenda[0].ID; got != second.ID {
		t.Fatalf("after moving item 2 up the first is %q\n%s", s.agenda[0].Title, titles())
	}
	if got, want := s.agenda[0].Starts, first.Starts; got != want {
		t.Fatalf("the moved item starts at %s, want %s, the slot's start\n%s", got, want, titles())
	}
	s.moveItem(0, 1) // later, back again
	waitIdle(t)
	if got := titles(); got != start {
		t.Fatalf("moving down again gave\n%s\nwant\n%s", got, start)
	}
}

func TestRSVPAndCapacity(t *testing.T) {
	ui, s := eventOnDemo(t)
	var a store.Attendee
	for _, x := range s.attendees {
		if x.RSVP == store.RSVPInvited {
			a = x
			break
		}
	}
	s.setRSVP(a, rsvpNext[a.RSVP].to)
	waitIdle(t)
	people, err := ui.db.Attendees(context.Background(), a.EventID)
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range people {
		if x.ID == a.ID && x.RSVP != store.RSVPAccepted {
			t.Fatalf("RSVP %q after accepting, want accepted", x.RSVP)
		}
	}
	e := s.event
	e.Capacity = 10
	if err := ui.db.UpdateEvent(context.Background(), &e); err != nil {
		t.Fatal(err)
	}
	ui.Changed()
	waitIdle(t)
	if !strings.Contains(s.counts.Text, "OVER CAPACITY") {
		t.Fatalf("counts %q do not warn that the event is over capacity", s.counts.Text)
	}
}

func TestEnterWithSeveralMatchesSaysSo(t *testing.T) {
	_, s := eventOnDemo(t)
	test.Type(s.search, "Dr")
	waitIdle(t)
	s.search.OnSubmitted(s.search.Text)
	waitIdle(t)
	if !strings.Contains(s.counts.Text, "people match") {
		t.Fatalf("Enter with many matches said %q", s.counts.Text)
	}
}

func TestWaitlistOnTheScreen(t *testing.T) {
	ui, s := eventOnDemo(t)
	ctx := context.Background()
	accepted := 0
	for _, a := range s.attendees {
		if a.RSVP == store.RSVPAccepted {
			accepted++
		}
	}
	e := s.event
	e.Capacity = accepted // full
	if err := ui.db.UpdateEvent(ctx, &e); err != nil {
		t.Fatal(err)
	}
	ui.Changed()
	waitIdle(t)
	var invited, holder store.Attendee
	for _, a := range s.attendees {
		switch {
		case a.RSVP == store.RSVPInvited && invited.ID == 0:
			invited = a
		case a.RSVP == store.RSVPAccepted && a.CheckedInAt.IsZero() && holder.ID == 0:
			holder = a
		}
	}
	s.setRSVP(invited, store.RSVPAccepted)
	waitIdle(t)
	if !strings.Contains(s.lastRSVP, invited.Name+" is on the waitlist") || !strings.Contains(s.counts.Text, "1 on the waitlist") {
		t.Fatalf("accepting a full event: %q; counts %q", s.lastRSVP, s.counts.Text)
	}
	s.setRSVP(holder, store.RSVPDeclined)
	waitIdle(t)
	if want := invited.Name + " was on the waitlist and now has the place " + holder.Name + " gave up."; s.lastRSVP != want {
		t.Fatalf("after a decline: %q, want %q", s.lastRSVP, want)
	}
}

func TestBackDatedCheckInAndUndo(t *testing.T) {
	ui, s := eventOnDemo(t)
	var a store.Attendee
	for _, x := range s.attendees {
		if x.CheckedInAt.IsZero() && x.RSVP == store.RSVPAccepted {
			a = x
			break
		}
	}
	// Entering a paper sign-in list after the event: 14:05 on its day.
	test.Type(s.checkInAt, "14:05")
	waitIdle(t)
	s.toggleCheckIn(a)
	waitIdle(t)
	got := attendee(t, ui, a.ID)
	if want := time.Date(2018, 7, 12, 14, 5, 0, 0, time.Local); !got.CheckedInAt.Equal(want) {
		t.Fatalf("checked in at %v, want %v", got.CheckedInAt, want)
	}
	// Someone who has come has no Decline button on their row.
	o := s.people.CreateItem()
	for i, x := range s.shown {
		if x.ID == a.ID {
			s.people.UpdateItem(i, o)
			waitIdle(t)
		}
	}
	if rsvp := o.(*fyne.Container).Objects[1].(*fyne.Container).Objects[0]; rsvp.Visible() {
		t.Fatal("the RSVP button shows on a checked-in row")
	}
	s.toggleCheckIn(attendee(t, ui, a.ID)) // undo
	waitIdle(t)
	if got := attendee(t, ui, a.ID); !got.CheckedInAt.IsZero() {
		t.Fatalf("undo left the check-in at %v", got.CheckedInAt)
	}
	s.checkInAt.SetText("25:99")
	waitIdle(t)
	if s.checkInAt.Validate() == nil {
		t.Fatal("25:99 was taken as a time")
	}
}

func attendee(t *testing.T, ui *UI, id int64) store.Attendee {
	t.Helper()
	for _, s := range ui.screens {
		if es, ok := s.(*eventScreen); ok {
			as, err := ui.db.Attendees(context.Background(), es.event.ID)
			if err != nil {
				t.Fatal(err)
			}
			for _, a := range as {
				if a.ID == id {
					return a
				}
			}
		}
	}
	t.Fatalf("attendee %d not found", id)
	return store.Attendee{}
}

// TestAgendaTitlesAreNeverCutOff: a long title wraps, and its row grows to
// hold every line, at a laptop's window size and a larger one.
func TestAgendaTitlesAreNeverCutOff(t *testing.T) {
	ui, s := eventOnDemo(t)
	const long = "Improving the discharge summary: what GPs need from hospital letters and what consultants need from referrals"
	a := s.agenda[4]
	a.Title = long
	if err := ui.db.SaveAgendaItem(context.Background(), &a); err != nil {
		t.Fatal(err)
	}
	ui.Changed()
	waitIdle(t)
	for _, size := range []fyne.Size{{Width: 1280, Height: 720}, {Width: 1600, Height: 900}} {
		ui.win.Resize(size)
		waitIdle(t)
		var row *widget.Label
		for _, o := range test.LaidOutObjects(s.agendaList) {
			if l, ok := o.(*widget.Label); ok && strings.HasPrefix(l.Text, long) {
				row = l
			}
		}
		if row == nil {
			t.Fatalf("at %v the long title is in no visible row", size)
		}
		if row.Truncation != fyne.TextTruncateOff || row.Wrapping != fyne.TextWrapWord {
			t.Fatalf("at %v the title is cut rather than wrapped", size)
		}
		one := widget.NewLabel("x").MinSize().Height
		if got, need := row.Size().Height, row.MinSize().Height; got < need || need < 2*one-1 {
			t.Fatalf("at %v the title's row is %.0f high and its %.0f-wide text needs %.0f (one line is %.0f)",
				size, got, row.Size().Width, need, one)
		}
	}
}
