package sqlite_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/liaisonapp/liaison/store"
	"github.com/liaisonapp/liaison/store/sqlite"
)

// failOn makes the database refuse, part-way through an edit, the write
// that trigger's condition picks out, as a full disk or a killed process
// would: the edit must then leave every row as it was.
func failOn(tb testing.TB, db *sqlite.DB, trigger string) {
	tb.Helper()
	if _, err := db.Pool().Exec(`CREATE TRIGGER fail_midway ` + trigger + ` BEGIN SELECT RAISE(ABORT, 'forced failure'); END`); err != nil {
		tb.Fatal(err)
	}
}

func questionOrder(tb testing.TB, db *sqlite.DB, roundID int64) string {
	tb.Helper()
	qs, err := db.Questions(context.Background(), roundID)
	if err != nil {
		tb.Fatal(err)
	}
	var out []string
	for _, q := range qs {
		out = append(out, fmt.Sprintf("%d:%d", q.Position, q.ID))
	}
	return strings.Join(out, " ")
}

func TestReorderQuestions(t *testing.T) {
	ctx := context.Background()
	setup := func(t *testing.T) (*sqlite.DB, store.Round, []int64) {
		db := MustOpenDB(t)
		r := mustRound(t, db, "R")
		qs, err := db.Questions(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		var ids []int64
		for _, q := range qs {
			ids = append(ids, q.ID)
		}
		if len(ids) != 4 {
			t.Fatalf("a new round has %d questions, want the 4 published ones", len(ids))
		}
		return db, r, ids
	}

	t.Run("OK", func(t *testing.T) {
		db, r, ids := setup(t)
		want := []int64{ids[3], ids[0], ids[2], ids[1]}
		if err := db.ReorderQuestions(ctx, r.ID, want); err != nil {
			t.Fatal(err)
		}
		if got, want := questionOrder(t, db, r.ID), fmt.Sprintf("1:%d 2:%d 3:%d 4:%d", want[0], want[1], want[2], want[3]); got != want {
			t.Fatalf("order = %s, want %s", got, want)
		}
	})

	for _, c := range []struct {
		name  string
		order func(ids []int64, other int64) []int64
		code  string
	}{
		// The bad ID comes last, after three positions were written.
		{"OtherRoundsQuestion", func(ids []int64, other int64) []int64 { return []int64{ids[1], ids[0], ids[2], other} }, store.ENOTFOUND},
		{"Missing", func(ids []int64, _ int64) []int64 { return []int64{ids[3], ids[2], ids[1]} }, store.EINVALID},
		{"Twice", func(ids []int64, _ int64) []int64 { return []int64{ids[3], ids[2], ids[1], ids[0], ids[3]} }, store.EINVALID},
	} {
		t.Run(c.name, func(t *testing.T) {
			db, r, ids := setup(t)
			other := mustRound(t, db, "Other")
			oq, err := db.Questions(ctx, other.ID)
			if err != nil {
				t.Fatal(err)
			}
			before := questionOrder(t, db, r.ID)
			wantCode(t, db.ReorderQuestions(ctx, r.ID, c.order(ids, oq[0].ID)), c.code)
			if got := questionOrder(t, db, r.ID); got != before {
				t.Fatalf("after a refused reorder: %s, want unchanged %s", got, before)
			}
		})
	}

	t.Run("FailureMidway", func(t *testing.T) {
		db, r, ids := setup(t)
		before := questionOrder(t, db, r.ID)
		failOn(t, db, fmt.Sprintf(`BEFORE UPDATE ON questions WHEN NEW.id = %d`, ids[0]))
		err := db.ReorderQuestions(ctx, r.ID, []int64{ids[3], ids[2], ids[1], ids[0]})
		if err == nil {
			t.Fatal("the forced failure was not reported")
		}
		if got := questionOrder(t, db, r.ID); got != before {
			t.Fatalf("after a failure: %s, want unchanged %s", got, before)
		}
	})
}

func TestSaveVisits(t *testing.T) {
	ctx := context.Background()
	setup := func(t *testing.T) (*sqlite.DB, store.Pairing, store.Pairing) {
		db := MustOpenDB(t)
		r := mustRound(t, db, "R")
		return db, mustPair(t, db, r.ID, "gp@a.nhs.uk", "c@b.nhs.uk"), mustPair(t, db, r.ID, "gp2@a.nhs.uk", "c2@b.nhs.uk")
	}
	visitsOf := func(t *testing.T, db *sqlite.DB, p store.Pairing) [2]store.Visit {
		ps, err := db.FindPairings(ctx, p.RoundID)
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range ps {
			if q.ID == p.ID {
				return q.Visits
			}
		}
		t.Fatalf("pair %d not found", p.ID)
		return [2]store.Visit{}
	}
	edited := func(p store.Pairing) [2]store.Visit {
		v := p.Visits
		v[0].Date, v[0].Status, v[0].Notes = "14/03/2026", store.VisitDone, "Morning surgery"
		v[1].Date, v[1].Status, v[1].ReflectionReceived = "2026-04-02", store.VisitConfirmed, true
		return v
	}

	t.Run("OK", func(t *testing.T) {
		db, p, _ := setup(t)
		if err := db.SaveVisits(ctx, p.ID, edited(p)); err != nil {
			t.Fatal(err)
		}
		want := edited(p)
		want[0].Date = "2026-03-14"
		if got := visitsOf(t, db, p); !reflect.DeepEqual(got, want) {
			t.Fatalf("visits = %+v\nwant %+v", got, want)
		}
	})

	for _, c := range []struct {
		name string
		edit func(v *[2]store.Visit, other store.Pairing)
		code string
	}{
		{"BadDateInSecond", func(v *[2]store.Visit, _ store.Pairing) { v[1].Date = "04/31/2026" }, store.EINVALID},
		{"BadStatus", func(v *[2]store.Visit, _ store.Pairing) { v[1].Status = "maybe" }, store.EINVALID},
		// The first visit is written before the second is found to be
		// another pair's.
		{"OtherPairsVisit", func(v *[2]store.Visit, other store.Pairing) { v[1].ID = other.Visits[1].ID }, store.ENOTFOUND},
	} {
		t.Run(c.name, func(t *testing.T) {
			db, p, other := setup(t)
			before := visitsOf(t, db, p)
			beforeOther := visitsOf(t, db, other)
			v := edited(p)
			c.edit(&v, other)
			err := db.SaveVisits(ctx, p.ID, v)
			wantCode(t, err, c.code)
			if c.code == store.EINVALID && !strings.HasPrefix(store.ErrorMessage(err), "The visit to the hospital: ") {
				t.Fatalf("message %q does not say which visit", store.ErrorMessage(err))
			}
			if got := visitsOf(t, db, p); !reflect.DeepEqual(got, before) {
				t.Fatalf("visits after a refused save = %+v, want unchanged %+v", got, before)
			}
			if got := visitsOf(t, db, other); !reflect.DeepEqual(got, beforeOther) {
				t.Fatalf("the other pair's visits changed: %+v", got)
			}
		})
	}

	t.Run("NoSuchPair", func(t *testing.T) {
		db, p, _ := setup(t)
		wantCode(t, db.SaveVisits(ctx, p.ID+100, edited(p)), store.ENOTFOUND)
	})

	t.Run("FailureMidway", func(t *testing.T) {
		db, p, _ := setup(t)
		before := visitsOf(t, db, p)
		failOn(t, db, `BEFORE UPDATE ON visits WHEN NEW.host = 'secondary'`)
		if err := db.SaveVisits(ctx, p.ID, edited(p)); err == nil {
			t.Fatal("the forced failure was not reported")
		}
		if got := visitsOf(t, db, p); !reflect.DeepEqual(got, before) {
			t.Fatalf("visits after a failure = %+v, want unchanged %+v", got, before)
		}
	})
}

// schedule describes an agenda as "HH:MM title" items in order.
func schedule(tb testing.TB, db *sqlite.DB, eventID int64) string {
	tb.Helper()
	items, err := db.Agenda(context.Background(), eventID)
	if err != nil {
		tb.Fatal(err)
	}
	var out []string
	for i, a := range items {
		if a.Position != i+1 {
			tb.Fatalf("item %q at place %d has position %d", a.Title, i+1, a.Position)
		}
		out = append(out, strings.TrimSpace(a.Starts+" "+a.Title))
	}
	return strings.Join(out, ", ")
}

func TestMoveAgendaItem(t *testing.T) {
	ctx := context.Background()
	// A morning: the coffee break has no length of its own, so it lasts
	// until the workshops began.
	setup := func(t *testing.T) (*sqlite.DB, int64, map[string]int64) {
		db := MustOpenDB(t)
		r := mustRound(t, db, "R")
		e := store.Event{RoundID: r.ID, Name: "Celebration"}
		if err := db.CreateEvent(ctx, &e); err != nil {
			t.Fatal(err)
		}
		ids := map[string]int64{}
		for i, it := range []struct {
			starts, title string
			minutes       int
		}{
			{"09:00", "Welcome", 10}, {"09:10", "Keynote", 40}, {"09:50", "Coffee", 0}, {"10:10", "Workshops", 60}, {"11:10", "Close", 20},
		} {
			a := store.AgendaItem{EventID: e.ID, Position: i + 1, Starts: it.starts, Minutes: it.minutes, Title: it.title}
			if err := db.SaveAgendaItem(ctx, &a); err != nil {
				t.Fatal(err)
			}
			ids[it.title] = a.ID
		}
		return db, e.ID, ids
	}
	const start = "09:00 Welcome, 09:10 Keynote, 09:50 Coffee, 10:10 Workshops, 11:10 Close"

	for _, c := range []struct {
		name  string
		item  string
		to    int
		shift bool
		want  string
	}{
		{"EarlierShifting", "Coffee", 2, true, "09:00 Welcome, 09:10 Coffee, 09:30 Keynote, 10:10 Workshops, 11:10 Close"},
		{"LaterShifting", "Keynote", 4, true, "09:00 Welcome, 09:10 Coffee, 09:30 Workshops, 10:30 Keynote, 11:10 Close"},
		{"ToFirst", "Close", 1, true, "09:00 Close, 09:20 Welcome, 09:30 Keynote, 10:10 Coffee, 10:30 Workshops"},
		{"ToLast", "Welcome", 5, true, "09:00 Keynote, 09:40 Coffee, 10:00 Workshops, 11:00 Close, 11:20 Welcome"},
		{"EarlierKeepingTimes", "Coffee", 2, false, "09:00 Welcome, 09:50 Coffee, 09:10 Keynote, 10:10 Workshops, 11:10 Close"},
		{"SamePlace", "Keynote", 2, true, start},
	} {
		t.Run(c.name, func(t *testing.T) {
			db, eventID, ids := setup(t)
			if err := db.MoveAgendaItem(ctx, ids[c.item], c.to, c.shift); err != nil {
				t.Fatal(err)
			}
			if got := schedule(t, db, eventID); got != c.want {
				t.Fatalf("agenda\n got %s\nwant %s", got, c.want)
			}
		})
	}

	t.Run("Untimed", func(t *testing.T) {
		db := MustOpenDB(t)
		r := mustRound(t, db, "R")
		e := store.Event{RoundID: r.ID, Name: "Forum"}
		if err := db.CreateEvent(ctx, &e); err != nil {
			t.Fatal(err)
		}
		var last int64
		for i, title := range []string{"Minutes", "Letters", "AOB"} {
			a := store.AgendaItem{EventID: e.ID, Position: i + 1, Title: title}
			if err := db.SaveAgendaItem(ctx, &a); err != nil {
				t.Fatal(err)
			}
			last = a.ID
		}
		if err := db.MoveAgendaItem(ctx, last, 1, true); err != nil {
			t.Fatal(err)
		}
		if got, want := schedule(t, db, e.ID), "AOB, Minutes, Letters"; got != want {
			t.Fatalf("agenda = %s, want %s (no times invented)", got, want)
		}
	})

	t.Run("Errors", func(t *testing.T) {
		db, eventID, ids := setup(t)
		wantCode(t, db.MoveAgendaItem(ctx, ids["Coffee"], 0, true), store.EINVALID)
		wantCode(t, db.MoveAgendaItem(ctx, ids["Coffee"], 6, true), store.EINVALID)
		wantCode(t, db.MoveAgendaItem(ctx, 9999, 1, true), store.ENOTFOUND)
		if got := schedule(t, db, eventID); got != start {
			t.Fatalf("agenda after refused moves = %s, want %s", got, start)
		}
	})

	t.Run("FailureMidway", func(t *testing.T) {
		db, eventID, ids := setup(t)
		// Close is the last row written; everything before it has moved.
		failOn(t, db, fmt.Sprintf(`BEFORE UPDATE ON agenda_items WHEN NEW.id = %d`, ids["Close"]))
		if err := db.MoveAgendaItem(ctx, ids["Coffee"], 2, true); err == nil {
			t.Fatal("the forced failure was not reported")
		}
		if got := schedule(t, db, eventID); got != start {
			t.Fatalf("agenda after a failure = %s, want unchanged %s", got, start)
		}
	})
}

func attendeeNames(tb testing.TB, db *sqlite.DB, eventID int64) string {
	tb.Helper()
	as, err := db.Attendees(context.Background(), eventID)
	if err != nil {
		tb.Fatal(err)
	}
	var out []string
	for _, a := range as {
		out = append(out, a.Name+"/"+string(a.RSVP))
	}
	return strings.Join(out, " ")
}

func TestInviteRound(t *testing.T) {
	ctx := context.Background()
	setup := func(t *testing.T) (*sqlite.DB, store.Round, store.Event) {
		db := MustOpenDB(t)
		r := mustRound(t, db, "R")
		mustParticipant(t, db, r.ID, "Ann GP", "ann@a.nhs.uk", store.RoleGP)
		mustParticipant(t, db, r.ID, "Ben Consultant", "ben@b.nhs.uk", store.RoleConsultant)
		mustParticipant(t, db, r.ID, "Cat Nurse", "cat@c.nhs.uk", store.RoleNurse)
		other := mustRound(t, db, "Other")
		mustParticipant(t, db, other.ID, "Dan Elsewhere", "dan@d.nhs.uk", store.RoleGP)
		e := store.Event{RoundID: r.ID, Name: "Celebration"}
		if err := db.CreateEvent(ctx, &e); err != nil {
			t.Fatal(err)
		}
		return db, r, e
	}

	t.Run("OK", func(t *testing.T) {
		db, r, e := setup(t)
		// Ann already said yes, and a guest is on the list.
		ps, err := db.FindParticipants(ctx, store.ParticipantFilter{RoundID: r.ID, Search: "ann@"})
		if err != nil || len(ps) != 1 {
			t.Fatalf("FindParticipants: %v %v", ps, err)
		}
		ann := store.Attendee{EventID: e.ID, ParticipantID: ps[0].ID, Name: "Ann GP", RSVP: store.RSVPAccepted}
		guest := store.Attendee{EventID: e.ID, Name: "Chief Executive", RSVP: store.RSVPAccepted}
		if err := db.SaveAttendees(ctx, []store.Attendee{ann, guest}); err != nil {
			t.Fatal(err)
		}
		added, err := db.InviteRound(ctx, e.ID, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := len(added), 2; got != want {
			t.Fatalf("invited %d, want %d (Ben and Cat)", got, want)
		}
		want := "Ann GP/accepted Ben Consultant/invited Cat Nurse/invited Chief Executive/accepted"
		if got := attendeeNames(t, db, e.ID); got != want {
			t.Fatalf("list = %s\nwant %s", got, want)
		}
		as, _ := db.Attendees(ctx, e.ID)
		for _, a := range as {
			if a.Name == "Ben Consultant" && a.Role != "Consultant" {
				t.Fatalf("Ben's role = %q, want %q", a.Role, "Consultant")
			}
		}

		t.Run("SecondInviteIsNoOp", func(t *testing.T) {
			again, err := db.InviteRound(ctx, e.ID, r.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(again) != 0 {
				t.Fatalf("a second invite added %d", len(again))
			}
			if got := attendeeNames(t, db, e.ID); got != want {
				t.Fatalf("list after a second invite = %s\nwant %s", got, want)
			}
		})

		t.Run("SamePersonTwiceRefused", func(t *testing.T) {
			dup := store.Attendee{EventID: e.ID, ParticipantID: ps[0].ID, Name: "Ann GP"}
			wantCode(t, db.SaveAttendee(ctx, &dup), store.ECONFLICT)
		})

		t.Run("Undo", func(t *testing.T) {
			if err := db.DeleteAttendees(ctx, added); err != nil {
				t.Fatal(err)
			}
			if got, want := attendeeNames(t, db, e.ID), "Ann GP/accepted Chief Executive/accepted"; got != want {
				t.Fatalf("list after undo = %s, want %s", got, want)
			}
		})
	})

	t.Run("FailureMidway", func(t *testing.T) {
		db, r, e := setup(t)
		failOn(t, db, `BEFORE INSERT ON attendees WHEN NEW.name = 'Cat Nurse'`)
		if _, err := db.InviteRound(ctx, e.ID, r.ID); err == nil {
			t.Fatal("the forced failure was not reported")
		}
		if got := count(t, db, "attendees"); got != 0 {
			t.Fatalf("%d attendees after a failed invite, want 0", got)
		}
	})

	t.Run("Errors", func(t *testing.T) {
		db, r, e := setup(t)
		_, err := db.InviteRound(ctx, e.ID+100, r.ID)
		wantCode(t, err, store.ENOTFOUND)
		_, err = db.InviteRound(ctx, e.ID, r.ID+100)
		wantCode(t, err, store.ENOTFOUND)
	})
}

func TestDeleteAttendees(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	r := mustRound(t, db, "R")
	e := store.Event{RoundID: r.ID, Name: "Celebration"}
	if err := db.CreateEvent(ctx, &e); err != nil {
		t.Fatal(err)
	}
	as := []store.Attendee{{EventID: e.ID, Name: "A"}, {EventID: e.ID, Name: "B"}, {EventID: e.ID, Name: "C"}}
	if err := db.SaveAttendees(ctx, as); err != nil {
		t.Fatal(err)
	}
	t.Run("BadIDLast", func(t *testing.T) {
		wantCode(t, db.DeleteAttendees(ctx, []int64{as[0].ID, as[1].ID, as[2].ID + 100}), store.ENOTFOUND)
		if got := count(t, db, "attendees"); got != 3 {
			t.Fatalf("%d attendees after a refused delete, want 3", got)
		}
	})
	t.Run("OK", func(t *testing.T) {
		if err := db.DeleteAttendees(ctx, []int64{as[2].ID, as[0].ID, as[0].ID}); err != nil {
			t.Fatal(err)
		}
		if got, want := attendeeNames(t, db, e.ID), "B/invited"; got != want {
			t.Fatalf("list = %s, want %s", got, want)
		}
	})
}

// TestMigration3_MergesDuplicateAttendees builds a version-2 database in
// which "Invite every participant" added people twice, and opens it.
func TestMigration3_MergesDuplicateAttendees(t *testing.T) {
	path := filepath.Join(t.TempDir(), "liaison.db")
	raw := rawOpen(t, path)
	for _, name := range []string{"migrations/0001_schema.sql", "migrations/0002_autoincrement.sql"} {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := raw.Exec(string(b)); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	for _, q := range []string{
		fmt.Sprintf(`PRAGMA application_id = %d`, sqlite.ApplicationID),
		`PRAGMA user_version = 2`,
		`INSERT INTO rounds (id, name, created_at) VALUES (1, 'R', '2026-01-01T00:00:00Z')`,
		`INSERT INTO participants (id, round_id, name, role) VALUES (1, 1, 'Ann', 'gp'), (2, 1, 'Ben', 'consultant'), (3, 1, 'Cat', 'nurse')`,
		`INSERT INTO events (id, round_id, name) VALUES (1, 1, 'Celebration'), (2, 1, 'Forum')`,
		// Ann twice: the second row checked in, so it is the one kept.
		// Ben three times: the accepted row is kept over the older invite.
		// Cat once; two guests of the same name stay; Ann at the forum stays.
		`INSERT INTO attendees (id, event_id, participant_id, name, rsvp, checked_in_at) VALUES
			(1, 1, 1, 'Ann', 'invited', ''), (2, 1, 1, 'Ann', 'accepted', '2026-06-20T09:01:00Z'),
			(3, 1, 2, 'Ben', 'invited', ''), (4, 1, 2, 'Ben', 'accepted', ''), (5, 1, 2, 'Ben', 'invited', ''),
			(6, 1, 3, 'Cat', 'invited', ''),
			(7, 1, NULL, 'Guest', 'accepted', ''), (8, 1, NULL, 'Guest', 'accepted', ''),
			(9, 2, 1, 'Ann', 'invited', '')`,
	} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	if err := raw.Close(); err != nil {
		t.Fatal(err)
	}

	db := MustOpenPath(t, path)
	var ids []int64
	rows, err := db.Pool().Query(`SELECT id FROM attendees ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	if got, want := fmt.Sprint(ids), "[2 4 6 7 8 9]"; got != want {
		t.Fatalf("attendees kept = %s, want %s", got, want)
	}
	added, err := db.InviteRound(context.Background(), 1, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(added) != 0 {
		t.Fatalf("inviting the round after the merge added %d, want 0", len(added))
	}
}
