package sqlite_test

import (
	"context"
	"testing"
	"time"

	"github.com/liaisonapp/liaison/store"
)

func TestSetRSVP_Waitlist(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	r := mustRound(t, db, "R")
	e := store.Event{RoundID: r.ID, Name: "Celebration", Capacity: 2}
	if err := db.CreateEvent(ctx, &e); err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, name := range []string{"Ada", "Ben", "Cleo", "Dev"} {
		a := store.Attendee{EventID: e.ID, Name: name}
		if err := db.SaveAttendee(ctx, &a); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, a.ID)
	}
	at := func(min int) time.Time { return time.Date(2026, 6, 1, 9, min, 0, 0, time.UTC) }
	answer := func(i int, rsvp store.RSVP, min int) (store.RSVP, store.Attendee) {
		t.Helper()
		got, promoted, err := db.SetRSVP(ctx, ids[i], rsvp, at(min))
		if err != nil {
			t.Fatal(err)
		}
		return got, promoted
	}
	if got, _ := answer(0, store.RSVPAccepted, 0); got != store.RSVPAccepted {
		t.Fatalf("Ada: %s", got)
	}
	answer(1, store.RSVPAccepted, 1)
	// The event is full: Dev then Cleo accept and wait, in that order.
	if got, _ := answer(3, store.RSVPAccepted, 2); got != store.RSVPWaitlisted {
		t.Fatalf("Dev beyond capacity: %s, want waitlisted", got)
	}
	answer(2, store.RSVPAccepted, 3)
	// Accepting again does not lose Dev's place in the queue.
	answer(3, store.RSVPAccepted, 9)
	// Ben declines: Dev, the first to wait, is promoted.
	got, promoted := answer(1, store.RSVPDeclined, 4)
	if got != store.RSVPDeclined || promoted.Name != "Dev" {
		t.Fatalf("decline: %s, promoted %+v; want Dev promoted", got, promoted)
	}
	as, _ := db.Attendees(ctx, e.ID)
	rsvps := map[string]store.RSVP{}
	for _, a := range as {
		rsvps[a.Name] = a.RSVP
	}
	if rsvps["Ada"] != store.RSVPAccepted || rsvps["Dev"] != store.RSVPAccepted || rsvps["Cleo"] != store.RSVPWaitlisted || rsvps["Ben"] != store.RSVPDeclined {
		t.Fatalf("RSVPs %v", rsvps)
	}
	// Ada withdraws her acceptance: her place goes to Cleo, who waited next.
	if _, promoted := answer(0, store.RSVPInvited, 5); promoted.Name != "Cleo" {
		t.Fatalf("Ada's place went to %+v, want Cleo", promoted)
	}
	if _, _, err := db.SetRSVP(ctx, ids[0], store.RSVPWaitlisted, at(6)); store.ErrorCode(err) != store.EINVALID {
		t.Fatalf("setting waitlisted by hand: %v", err)
	}
}

func TestUpsertAttendees(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	r := mustRound(t, db, "R")
	p := store.Participant{RoundID: r.ID, Name: "Ada Ashdown", Email: "ada@nhs.net", Role: store.RoleGP, Organisation: "Old Bank Surgery"}
	if err := db.CreateParticipant(ctx, &p); err != nil {
		t.Fatal(err)
	}
	e := store.Event{RoundID: r.ID, Name: "Celebration"}
	if err := db.CreateEvent(ctx, &e); err != nil {
		t.Fatal(err)
	}
	rows := []store.Attendee{{Name: "Ada Ashdown", Email: "ADA@nhs.net", DietaryNeeds: "vegetarian"},
		{Name: "Chief Executive", Organisation: "City General", Role: "Guest"}}
	created, updated, err := db.UpsertAttendees(ctx, e.ID, rows)
	if err != nil || created != 2 || updated != 0 {
		t.Fatalf("first import: %d created, %d updated, %v", created, updated, err)
	}
	as, _ := db.Attendees(ctx, e.ID)
	if as[0].Name != "Ada Ashdown" || as[0].ParticipantID != p.ID || as[0].Organisation != "Old Bank Surgery" || as[0].DietaryNeeds != "vegetarian" {
		t.Fatalf("Ada is not linked to the participant: %+v", as[0])
	}
	if as[1].ParticipantID != 0 {
		t.Fatalf("a guest was linked: %+v", as[1])
	}
	// Again, with an access need added and the diet left empty: one update
	// each, nothing erased, nobody twice.
	rows = []store.Attendee{{Name: "Ada Ashdown", Email: "ada@nhs.net", AccessNeeds: "step-free access"}, {Name: "chief  executive"}}
	created, updated, err = db.UpsertAttendees(ctx, e.ID, rows)
	if err != nil || created != 0 || updated != 2 {
		t.Fatalf("second import: %d created, %d updated, %v", created, updated, err)
	}
	as, _ = db.Attendees(ctx, e.ID)
	if len(as) != 2 || as[0].DietaryNeeds != "vegetarian" || as[0].AccessNeeds != "step-free access" || as[1].Organisation != "City General" {
		t.Fatalf("after re-import: %+v", as)
	}
	bad := []store.Attendee{{Name: "Zoë"}, {Name: "Bad", Email: "bad@"}}
	if _, _, err := db.UpsertAttendees(ctx, e.ID, bad); store.ErrorCode(err) != store.EINVALID {
		t.Fatalf("a bad email: %v", err)
	}
	if as2, _ := db.Attendees(ctx, e.ID); len(as2) != 2 {
		t.Fatalf("a refused import wrote %d attendees", len(as2)-2)
	}
}
