package sqlite_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/liaisonapp/liaison/store"
)

func TestCreateEvent(t *testing.T) {
	ctx := context.Background()

	t.Run("OK", func(t *testing.T) {
		db := MustOpenDB(t)
		r := mustRound(t, db, "R")
		later := store.Event{RoundID: r.ID, Name: "Forum", Date: "2018-09-01"}
		e := store.Event{RoundID: r.ID, Name: " Celebration event ", Date: "2018-06-20", Venue: "Conference suite", Capacity: 120}
		for _, ev := range []*store.Event{&later, &e} {
			if err := db.CreateEvent(ctx, ev); err != nil {
				t.Fatal(err)
			}
		}
		es, err := db.Events(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := []store.Event{
			{ID: e.ID, RoundID: r.ID, Name: "Celebration event", Date: "2018-06-20", Venue: "Conference suite", Capacity: 120},
			later,
		}
		if !reflect.DeepEqual(es, want) {
			t.Fatalf("Events = %+v, want %+v (by date)", es, want)
		}
	})

	t.Run("Errors", func(t *testing.T) {
		db := MustOpenDB(t)
		r := mustRound(t, db, "R")
		for _, tt := range []struct {
			name string
			e    store.Event
			code string
		}{
			{"NameRequired", store.Event{RoundID: r.ID, Name: ""}, store.EINVALID},
			{"DateNotISO", store.Event{RoundID: r.ID, Name: "E", Date: "20 June 2018"}, store.EINVALID},
			{"NegativeCapacity", store.Event{RoundID: r.ID, Name: "E", Capacity: -1}, store.EINVALID},
			{"MissingRound", store.Event{RoundID: r.ID + 100, Name: "E"}, store.EINVALID},
		} {
			t.Run(tt.name, func(t *testing.T) {
				e := tt.e
				wantCode(t, db.CreateEvent(ctx, &e), tt.code)
			})
		}
		if got := count(t, db, "events"); got != 0 {
			t.Fatalf("%d events after failed creations, want 0", got)
		}
	})
}

// mustEvent creates an event in the round.
func mustEvent(tb testing.TB, db interface {
	CreateEvent(context.Context, *store.Event) error
}, roundID int64) store.Event {
	tb.Helper()
	e := store.Event{RoundID: roundID, Name: "Celebration", Date: "2018-06-20"}
	if err := db.CreateEvent(context.Background(), &e); err != nil {
		tb.Fatal(err)
	}
	return e
}

func TestUpdateEvent(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	r := mustRound(t, db, "R")
	e := mustEvent(t, db, r.ID)

	t.Run("OK", func(t *testing.T) {
		u := e
		u.Venue, u.Capacity, u.Date = "Board room", 40, "2018-06-21"
		if err := db.UpdateEvent(ctx, &u); err != nil {
			t.Fatal(err)
		}
		es, err := db.Events(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(es) != 1 || es[0] != u {
			t.Fatalf("Events = %+v, want [%+v]", es, u)
		}
	})

	t.Run("Invalid", func(t *testing.T) {
		u := e
		u.Date = "2018-13-01"
		wantCode(t, db.UpdateEvent(ctx, &u), store.EINVALID)
	})

	t.Run("NotFound", func(t *testing.T) {
		u := e
		u.ID = 9999
		wantCode(t, db.UpdateEvent(ctx, &u), store.ENOTFOUND)
	})
}

func TestAgenda(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	r := mustRound(t, db, "R")
	e := mustEvent(t, db, r.ID)
	welcome := store.AgendaItem{EventID: e.ID, Position: 1, Starts: "13:30", Minutes: 10, Title: " Welcome ", Speaker: "Chief executive"}
	charts := store.AgendaItem{EventID: e.ID, Position: 2, Starts: "13:40", Minutes: 30, Title: "The figures"}

	t.Run("Create", func(t *testing.T) {
		for _, a := range []*store.AgendaItem{&charts, &welcome} {
			if err := db.SaveAgendaItem(ctx, a); err != nil {
				t.Fatal(err)
			}
		}
		got, err := db.Agenda(ctx, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := []store.AgendaItem{welcome, charts}
		want[0].Title = "Welcome"
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("Agenda = %+v, want %+v", got, want)
		}
	})

	t.Run("Update", func(t *testing.T) {
		u := charts
		u.Position, u.Starts, u.Speaker = 0, "13:00", "Organiser"
		if err := db.SaveAgendaItem(ctx, &u); err != nil {
			t.Fatal(err)
		}
		got, err := db.Agenda(ctx, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 || got[0] != u {
			t.Fatalf("Agenda = %+v, want %+v first", got, u)
		}
	})

	t.Run("Errors", func(t *testing.T) {
		for _, tt := range []struct {
			name string
			a    store.AgendaItem
			code string
		}{
			{"TitleRequired", store.AgendaItem{EventID: e.ID, Title: " "}, store.EINVALID},
			{"StartsNotHHMM", store.AgendaItem{EventID: e.ID, Title: "T", Starts: "1:30pm"}, store.EINVALID},
			{"StartsOutOfRange", store.AgendaItem{EventID: e.ID, Title: "T", Starts: "25:00"}, store.EINVALID},
			{"NegativeMinutes", store.AgendaItem{EventID: e.ID, Title: "T", Minutes: -5}, store.EINVALID},
			{"MissingEvent", store.AgendaItem{EventID: 9999, Title: "T"}, store.EINVALID},
			{"UpdateNotFound", store.AgendaItem{ID: 9999, EventID: e.ID, Title: "T"}, store.ENOTFOUND},
		} {
			t.Run(tt.name, func(t *testing.T) {
				a := tt.a
				wantCode(t, db.SaveAgendaItem(ctx, &a), tt.code)
			})
		}
		if got := count(t, db, "agenda_items"); got != 2 {
			t.Fatalf("%d agenda items after failed saves, want 2", got)
		}
	})

	t.Run("Delete", func(t *testing.T) {
		if err := db.DeleteAgendaItem(ctx, welcome.ID); err != nil {
			t.Fatal(err)
		}
		wantCode(t, db.DeleteAgendaItem(ctx, welcome.ID), store.ENOTFOUND)
		if got := count(t, db, "agenda_items"); got != 1 {
			t.Fatalf("%d agenda items after deleting one, want 1", got)
		}
	})
}

func TestAttendees(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	r := mustRound(t, db, "R")
	e := mustEvent(t, db, r.ID)
	gp := mustParticipant(t, db, r.ID, "Gail GP", "gail@example.org", store.RoleGP)
	member := store.Attendee{EventID: e.ID, ParticipantID: gp.ID, Name: "Gail GP", Organisation: "Hill Surgery", Role: "GP", RSVP: store.RSVPAccepted}
	guest := store.Attendee{EventID: e.ID, Name: " Professor Guest ", Organisation: "University", Role: "Keynote"}

	t.Run("Create", func(t *testing.T) {
		for _, a := range []*store.Attendee{&member, &guest} {
			if err := db.SaveAttendee(ctx, a); err != nil {
				t.Fatal(err)
			}
		}
		got, err := db.Attendees(ctx, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		wantGuest := guest
		wantGuest.Name, wantGuest.RSVP = "Professor Guest", store.RSVPInvited
		if want := []store.Attendee{member, wantGuest}; !reflect.DeepEqual(got, want) {
			t.Fatalf("Attendees = %+v, want %+v", got, want)
		}
	})

	t.Run("CheckIn", func(t *testing.T) {
		at := time.Date(2018, 6, 20, 13, 25, 7, 0, time.FixedZone("BST", 3600))
		if err := db.CheckIn(ctx, guest.ID, at); err != nil {
			t.Fatal(err)
		}
		got, err := db.Attendees(ctx, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		if in := got[1].CheckedInAt; !in.Equal(at) {
			t.Fatalf("CheckedInAt = %v, want %v", in, at)
		}
		if !got[0].CheckedInAt.IsZero() {
			t.Fatalf("the other attendee is checked in at %v", got[0].CheckedInAt)
		}
		if err := db.CheckIn(ctx, guest.ID, time.Time{}); err != nil {
			t.Fatal(err)
		}
		got, err = db.Attendees(ctx, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !got[1].CheckedInAt.IsZero() {
			t.Fatalf("CheckedInAt = %v after clearing, want zero", got[1].CheckedInAt)
		}
		wantCode(t, db.CheckIn(ctx, 9999, at), store.ENOTFOUND)
	})

	t.Run("Update", func(t *testing.T) {
		u := guest
		u.Name, u.RSVP = "Professor Guest", store.RSVPDeclined
		if err := db.SaveAttendee(ctx, &u); err != nil {
			t.Fatal(err)
		}
		got, err := db.Attendees(ctx, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got[1].RSVP != store.RSVPDeclined {
			t.Fatalf("RSVP = %q after update, want declined", got[1].RSVP)
		}
	})

	t.Run("Errors", func(t *testing.T) {
		for _, tt := range []struct {
			name string
			a    store.Attendee
			code string
		}{
			{"NameRequired", store.Attendee{EventID: e.ID, Name: ""}, store.EINVALID},
			{"UnknownRSVP", store.Attendee{EventID: e.ID, Name: "N", RSVP: "maybe"}, store.EINVALID},
			{"MissingEvent", store.Attendee{EventID: 9999, Name: "N"}, store.EINVALID},
			{"MissingParticipant", store.Attendee{EventID: e.ID, ParticipantID: 9999, Name: "N"}, store.EINVALID},
			{"UpdateNotFound", store.Attendee{ID: 9999, EventID: e.ID, Name: "N"}, store.ENOTFOUND},
		} {
			t.Run(tt.name, func(t *testing.T) {
				a := tt.a
				wantCode(t, db.SaveAttendee(ctx, &a), tt.code)
			})
		}
		if got := count(t, db, "attendees"); got != 2 {
			t.Fatalf("%d attendees after failed saves, want 2", got)
		}
	})

	t.Run("StaysWhenParticipantDeleted", func(t *testing.T) {
		if err := db.DeleteParticipant(ctx, gp.ID); err != nil {
			t.Fatal(err)
		}
		got, err := db.Attendees(ctx, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 || got[0].ParticipantID != 0 || got[0].Name != "Gail GP" {
			t.Fatalf("Attendees = %+v, want Gail kept as a guest", got)
		}
	})

	t.Run("Delete", func(t *testing.T) {
		if err := db.DeleteAttendee(ctx, guest.ID); err != nil {
			t.Fatal(err)
		}
		wantCode(t, db.DeleteAttendee(ctx, guest.ID), store.ENOTFOUND)
	})
}

func TestDeleteEvent(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	r := mustRound(t, db, "R")
	e := mustEvent(t, db, r.ID)
	if err := db.SaveAgendaItem(ctx, &store.AgendaItem{EventID: e.ID, Title: "Welcome"}); err != nil {
		t.Fatal(err)
	}
	if err := db.SaveAttendee(ctx, &store.Attendee{EventID: e.ID, Name: "Guest"}); err != nil {
		t.Fatal(err)
	}

	t.Run("OK", func(t *testing.T) {
		if err := db.DeleteEvent(ctx, e.ID); err != nil {
			t.Fatal(err)
		}
		for _, table := range []string{"events", "agenda_items", "attendees"} {
			if got := count(t, db, table); got != 0 {
				t.Errorf("%d rows left in %s after deleting the event", got, table)
			}
		}
	})

	t.Run("NotFound", func(t *testing.T) {
		wantCode(t, db.DeleteEvent(ctx, e.ID), store.ENOTFOUND)
	})
}
