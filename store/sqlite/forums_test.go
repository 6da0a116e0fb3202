package sqlite_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/liaisonapp/liaison/store"
	"github.com/liaisonapp/liaison/store/sqlite"
)

// TestMigration8_KeepsEventsAgendasAndAttendees builds a version-7
// database with an event, its agenda and attendees, and projects with
// typed-in groups, and opens it: the rebuild of the events table (which
// makes a round optional) must keep every row and ID, turn the groups
// into records, and leave foreign keys on in every pooled connection.
func TestMigration8_KeepsEventsAgendasAndAttendees(t *testing.T) {
	path := filepath.Join(t.TempDir(), "liaison.db")
	version7(t, path,
		`INSERT INTO rounds (id, name, created_at) VALUES (1, 'R', '2026-01-01T00:00:00Z')`,
		`INSERT INTO participants (id, round_id, name, role) VALUES (1, 1, 'Ann', 'gp')`,
		`INSERT INTO events (id, round_id, name, event_date, venue, capacity) VALUES (5, 1, 'Celebration', '2026-07-01', 'Suite', 80)`,
		`INSERT INTO agenda_items (id, event_id, position, starts, minutes, title) VALUES (10, 5, 1, '13:00', 30, 'Lunch'), (11, 5, 2, '13:30', 15, 'Welcome')`,
		`INSERT INTO attendees (id, event_id, participant_id, name, rsvp, checked_in_at, dietary_needs) VALUES
			(20, 5, 1, 'Ann', 'accepted', '2026-07-01T12:40:00Z', 'vegetarian'), (21, 5, NULL, 'Guest', 'invited', '', '')`,
		`INSERT INTO projects (id, round_id, title, group_name) VALUES (30, 1, 'Letters', 'Letters group'), (31, 1, 'Directory', ' letters GROUP '),
			(32, 1, 'Leaflet', ''), (33, 1, 'Frailty line', 'Frailty')`)

	db := MustOpenPath(t, path)
	ctx := context.Background()
	events, err := db.Events(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := fmt.Sprint(events), fmt.Sprint([]store.Event{{ID: 5, RoundID: 1, Name: "Celebration", Date: "2026-07-01", Venue: "Suite", Capacity: 80}}); got != want {
		t.Fatalf("events = %s, want %s", got, want)
	}
	agenda, err := db.Agenda(ctx, 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(agenda) != 2 || agenda[0].ID != 10 || agenda[1].Title != "Welcome" {
		t.Fatalf("agenda after the migration = %+v", agenda)
	}
	people, err := db.Attendees(ctx, 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(people) != 2 || people[0].ID != 20 || people[0].ParticipantID != 1 || people[0].DietaryNeeds != "vegetarian" || people[0].CheckedInAt.IsZero() {
		t.Fatalf("attendees after the migration = %+v", people)
	}
	ps, err := db.Projects(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	var groups []string
	for _, p := range ps {
		groups = append(groups, fmt.Sprintf("%s=%s", p.Title, p.Group))
	}
	if got, want := strings.Join(groups, ", "), "Letters=Letters group, Directory=Letters group, Leaflet=, Frailty line=Frailty"; got != want {
		t.Fatalf("groups = %s, want %s", got, want)
	}
	if ps[0].GroupID == 0 || ps[0].GroupID != ps[1].GroupID {
		t.Fatalf("the two spellings of one group are groups %d and %d", ps[0].GroupID, ps[1].GroupID)
	}
	tgs, err := db.TaskGroups(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(tgs) != 2 {
		t.Fatalf("%d task groups, want 2: %+v", len(tgs), tgs)
	}
	// Every pooled connection still enforces foreign keys.
	for i := 0; i < 4; i++ {
		conn, err := db.Pool().Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		if got := pragmaInt(t, conn, "foreign_keys"); got != 1 {
			t.Fatalf("connection %d: foreign_keys = %d after the migration, want 1", i, got)
		}
	}
	var check int
	if err := db.Pool().QueryRow(`SELECT count(*) FROM pragma_foreign_key_check`).Scan(&check); err != nil {
		t.Fatal(err)
	}
	if check != 0 {
		t.Fatalf("%d rows refer to missing ones", check)
	}
}

// version7 writes a database at path as Liaison's schema 7 left it, with
// the rows that the statements insert (foreign keys off, as a damaged file
// may have them).
func version7(t *testing.T, path string, inserts ...string) {
	t.Helper()
	raw := rawOpen(t, path)
	defer raw.Close()
	names, err := filepath.Glob("migrations/*.sql")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range names[:7] {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := raw.Exec(string(b)); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	conn, err := raw.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	for _, q := range append([]string{`PRAGMA foreign_keys = OFF`, fmt.Sprintf(`PRAGMA application_id = %d`, sqlite.ApplicationID),
		`PRAGMA user_version = 7`}, inserts...) {
		if _, err := conn.ExecContext(context.Background(), q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// TestMigration8_OpensADatabaseWithADanglingRow: an attendee of an event
// that no longer exists (possible only in a damaged file) is not the
// migration's doing, so it does not stop the database from opening.
func TestMigration8_OpensADatabaseWithADanglingRow(t *testing.T) {
	path := filepath.Join(t.TempDir(), "liaison.db")
	version7(t, path,
		`INSERT INTO rounds (id, name, created_at) VALUES (1, 'R', '2026-01-01T00:00:00Z')`,
		`INSERT INTO events (id, round_id, name) VALUES (5, 1, 'Celebration')`,
		`INSERT INTO attendees (id, event_id, name) VALUES (20, 5, 'Ann'), (21, 99, 'Lost')`)
	db := MustOpenPath(t, path)
	if got, want := pragmaInt(t, db.Pool(), "user_version"), sqlite.SchemaVersion(); got != want {
		t.Fatalf("user_version = %d, want %d", got, want)
	}
	if people, err := db.Attendees(context.Background(), 5); err != nil || len(people) != 1 {
		t.Fatalf("the event's list after the migration: %+v, %v", people, err)
	}
}

// forumWithMeeting makes a forum meeting every 4 weeks and its first
// meeting, with an agenda and a list of three (one who answered, came and
// has needs noted).
func forumWithMeeting(t *testing.T, db *sqlite.DB) (store.Forum, store.Event) {
	t.Helper()
	ctx := context.Background()
	f := store.Forum{Name: "Interface forum", Every: store.Interval{N: 4, Unit: store.Weeks}, Venue: "Board room"}
	if err := db.SaveForum(ctx, &f); err != nil {
		t.Fatal(err)
	}
	e := store.Event{ForumID: f.ID, Name: "Interface forum", Date: "2026-03-05", Venue: "Seminar room 2", Capacity: 30}
	if err := db.CreateEvent(ctx, &e); err != nil {
		t.Fatal(err)
	}
	for i, a := range []store.AgendaItem{
		{Starts: "12:30", Minutes: 15, Title: "Welcome and actions from last time", Speaker: "Chair"},
		{Starts: "12:45", Minutes: 45, Title: "Live problem-solving: discharge letters", Speaker: "Dr Ray"},
	} {
		a.EventID, a.Position = e.ID, i+1
		if err := db.SaveAgendaItem(ctx, &a); err != nil {
			t.Fatal(err)
		}
	}
	for _, a := range []store.Attendee{
		{Name: "Ann Lee", Email: "ann@nhs.example", Organisation: "Harbour Surgery", RSVP: store.RSVPAccepted,
			CheckedInAt: time.Date(2026, 3, 5, 12, 31, 0, 0, time.UTC), DietaryNeeds: "vegan", AccessNeeds: "hearing loop"},
		{Name: "Ben Ray", Organisation: "City General", RSVP: store.RSVPDeclined},
		{Name: "LMC officer", Role: "Guest"},
	} {
		a.EventID = e.ID
		if err := db.SaveAttendee(ctx, &a); err != nil {
			t.Fatal(err)
		}
	}
	return f, e
}

func TestNewMeetingFromTheLast(t *testing.T) {
	ctx := context.Background()
	t.Run("CopiesVenueAgendaAndInvitesAfresh", func(t *testing.T) {
		db := MustOpenDB(t)
		f, last := forumWithMeeting(t, db)
		e, err := db.NewMeetingFrom(ctx, f.ID, "02/04/2026")
		if err != nil {
			t.Fatal(err)
		}
		if got, want := fmt.Sprintf("%s|%s|%s|%d|%d", e.Name, e.Date, e.Venue, e.Capacity, e.ForumID),
			fmt.Sprintf("Interface forum|2026-04-02|Seminar room 2|30|%d", f.ID); got != want {
			t.Fatalf("new meeting = %s, want %s", got, want)
		}
		agenda, err := db.Agenda(ctx, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		var shape []string
		for _, a := range agenda {
			shape = append(shape, fmt.Sprintf("%d %s %d %s (%s)", a.Position, a.Starts, a.Minutes, a.Title, a.Speaker))
		}
		if got, want := strings.Join(shape, "; "), "1 12:30 15 Welcome and actions from last time (Chair); 2 12:45 45 Live problem-solving: discharge letters (Dr Ray)"; got != want {
			t.Fatalf("agenda = %s, want %s", got, want)
		}
		people, err := db.Attendees(ctx, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(people) != 3 {
			t.Fatalf("%d on the new list, want 3", len(people))
		}
		for _, a := range people {
			if a.RSVP != store.RSVPInvited || !a.CheckedInAt.IsZero() || a.AccessNeeds != "" || a.DietaryNeeds != "" {
				t.Fatalf("%s carried over as %+v; want only invited", a.Name, a)
			}
		}
		if people[0].Email != "ann@nhs.example" || people[0].Organisation != "Harbour Surgery" {
			t.Fatalf("Ann's email and organisation were not copied: %+v", people[0])
		}
		// The last meeting is untouched.
		before, _ := db.Attendees(ctx, last.ID)
		if before[0].RSVP != store.RSVPAccepted || before[0].DietaryNeeds != "vegan" {
			t.Fatalf("the last meeting's list changed: %+v", before[0])
		}
		ms, err := db.Meetings(ctx, f.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(ms) != 2 || ms[0].ID != last.ID || ms[0].Invited != 3 || ms[0].Accepted != 1 || ms[0].CheckedIn != 1 || ms[1].Invited != 3 || ms[1].Accepted != 0 {
			t.Fatalf("meetings = %+v", ms)
		}
		if got, want := store.NextMeetingDate(f, ms, time.Date(2026, 4, 10, 0, 0, 0, 0, time.UTC)), "2026-04-30"; got != want {
			t.Fatalf("next proposed = %s, want %s", got, want)
		}
	})
	t.Run("CopiesFromTheLatestDated", func(t *testing.T) {
		db := MustOpenDB(t)
		f, _ := forumWithMeeting(t, db)
		later := store.Event{ForumID: f.ID, Name: "Interface forum (special)", Date: "2026-03-19", Venue: "Lecture theatre"}
		if err := db.CreateEvent(ctx, &later); err != nil {
			t.Fatal(err)
		}
		e, err := db.NewMeetingFrom(ctx, f.ID, "2026-04-16")
		if err != nil {
			t.Fatal(err)
		}
		if e.Venue != "Lecture theatre" || e.Name != "Interface forum (special)" {
			t.Fatalf("copied from the wrong meeting: %+v", e)
		}
		if agenda, _ := db.Agenda(ctx, e.ID); len(agenda) != 0 {
			t.Fatalf("the latest meeting had no agenda, but the new one has %d items", len(agenda))
		}
	})
	t.Run("FirstMeetingAtTheForumsVenue", func(t *testing.T) {
		db := MustOpenDB(t)
		f := store.Forum{Name: "New forum", Every: store.Interval{N: 1, Unit: store.Months}, Venue: "Practice hub"}
		if err := db.SaveForum(ctx, &f); err != nil {
			t.Fatal(err)
		}
		e, err := db.NewMeetingFrom(ctx, f.ID, "2026-05-07")
		if err != nil {
			t.Fatal(err)
		}
		if e.Venue != "Practice hub" || e.Name != "New forum" {
			t.Fatalf("first meeting = %+v", e)
		}
	})
	t.Run("ErrSameDateOrBadDate", func(t *testing.T) {
		db := MustOpenDB(t)
		f, _ := forumWithMeeting(t, db)
		if _, err := db.NewMeetingFrom(ctx, f.ID, "05/03/2026"); store.ErrorCode(err) != store.ECONFLICT {
			t.Fatalf("a second meeting on the same day: err = %v, want a conflict", err)
		}
		if _, err := db.NewMeetingFrom(ctx, f.ID, "03/15/2026"); store.ErrorCode(err) != store.EINVALID {
			t.Fatalf("a month-first date: err = %v, want invalid", err)
		}
		ms, _ := db.Meetings(ctx, f.ID)
		if len(ms) != 1 {
			t.Fatalf("%d meetings after refused copies, want 1", len(ms))
		}
	})
}

func TestDeletingARoundKeepsForumMeetings(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	r := store.Round{Name: "2026"}
	if err := db.CreateRound(ctx, &r); err != nil {
		t.Fatal(err)
	}
	if _, _, err := db.UpsertParticipants(ctx, r.ID, []store.Participant{{Name: "Ann Lee", Email: "ann@nhs.example", Role: store.RoleGP}}); err != nil {
		t.Fatal(err)
	}
	celebration := store.Event{RoundID: r.ID, Name: "Celebration"}
	if err := db.CreateEvent(ctx, &celebration); err != nil {
		t.Fatal(err)
	}
	f, meeting := forumWithMeeting(t, db)
	// Ann's forum place is linked to her as a participant of the round.
	if _, _, err := db.UpsertAttendees(ctx, meeting.ID, []store.Attendee{{Name: "Ann Lee", Email: "ann@nhs.example"}}); err != nil {
		t.Fatal(err)
	}
	if people, _ := db.Attendees(ctx, meeting.ID); people[0].ParticipantID == 0 {
		t.Fatalf("Ann's place at the forum is not linked to her as a participant: %+v", people[0])
	}
	action := store.Project{RoundID: r.ID, Title: "Discharge letter template", MeetingID: meeting.ID, Group: "Letters"}
	if err := db.CreateProject(ctx, &action); err != nil {
		t.Fatal(err)
	}
	if err := db.DeleteRound(ctx, r.ID); err != nil {
		t.Fatal(err)
	}
	ms, err := db.Meetings(ctx, f.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != 1 || ms[0].Invited != 3 || ms[0].Actions != 0 {
		t.Fatalf("after deleting the round, meetings = %+v; want the one meeting, its 3 attendees and no actions (they were the round's)", ms)
	}
	if agenda, _ := db.Agenda(ctx, meeting.ID); len(agenda) != 2 {
		t.Fatalf("the meeting's agenda has %d items after deleting the round, want 2", len(agenda))
	}
	people, _ := db.Attendees(ctx, meeting.ID)
	if people[0].ParticipantID != 0 {
		t.Fatalf("Ann is still linked to a deleted participant: %+v", people[0])
	}
	if es, _ := db.Events(ctx, r.ID); len(es) != 0 {
		t.Fatalf("the round's own event survived: %+v", es)
	}
}

func TestForumMeetingActionsAndGroups(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	r := store.Round{Name: "2026"}
	if err := db.CreateRound(ctx, &r); err != nil {
		t.Fatal(err)
	}
	_, meeting := forumWithMeeting(t, db)
	p := store.Project{RoundID: r.ID, Title: "Secretaries' directory", Owner: "Dr Ray", MeetingID: meeting.ID, Group: "Directory group"}
	if err := db.CreateProject(ctx, &p); err != nil {
		t.Fatal(err)
	}
	actions, err := db.MeetingProjects(ctx, meeting.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(actions) != 1 || actions[0].Meeting != "Thu 5 Mar 2026 · Interface forum" || actions[0].Group != "Directory group" {
		t.Fatalf("actions = %+v", actions)
	}
	t.Run("GroupByNameIgnoringCase", func(t *testing.T) {
		q := store.Project{RoundID: r.ID, Title: "Bleep list", Group: "directory GROUP"}
		if err := db.CreateProject(ctx, &q); err != nil {
			t.Fatal(err)
		}
		if q.GroupID != p.GroupID || q.Group != "Directory group" {
			t.Fatalf("a second spelling made group %d %q, want %d", q.GroupID, q.Group, p.GroupID)
		}
		owned, err := db.GroupProjects(ctx, p.GroupID)
		if err != nil {
			t.Fatal(err)
		}
		if len(owned) != 2 {
			t.Fatalf("the group owns %d projects, want 2", len(owned))
		}
	})
	t.Run("RenameAndDelete", func(t *testing.T) {
		g := store.TaskGroup{ID: p.GroupID, Name: "Directories", Lead: "Dr Ray", Members: []string{"Ann Lee", " ", "Practice manager, Harbour Surgery", "Ann Lee"}}
		if err := db.SaveTaskGroup(ctx, &g); err != nil {
			t.Fatal(err)
		}
		gs, _ := db.TaskGroups(ctx)
		if len(gs) != 1 || len(gs[0].Members) != 2 || gs[0].Lead != "Dr Ray" {
			t.Fatalf("groups = %+v", gs)
		}
		ps, _ := db.Projects(ctx, r.ID)
		if ps[0].Group != "Directories" {
			t.Fatalf("after renaming, the project's group = %q", ps[0].Group)
		}
		if err := db.DeleteTaskGroup(ctx, g.ID); err != nil {
			t.Fatal(err)
		}
		ps, _ = db.Projects(ctx, r.ID)
		if ps[0].Group != "" || ps[0].GroupID != 0 {
			t.Fatalf("after deleting the group, the project is in %q (%d)", ps[0].Group, ps[0].GroupID)
		}
		// Saving the project again does not bring the group back.
		if err := db.UpdateProject(ctx, &ps[0]); err != nil {
			t.Fatal(err)
		}
		if gs, _ := db.TaskGroups(ctx); len(gs) != 0 {
			t.Fatalf("groups after saving = %+v", gs)
		}
	})
	t.Run("ErrNotAMeeting", func(t *testing.T) {
		e := store.Event{RoundID: r.ID, Name: "Celebration"}
		if err := db.CreateEvent(ctx, &e); err != nil {
			t.Fatal(err)
		}
		q := store.Project{RoundID: r.ID, Title: "Wrong link", MeetingID: e.ID}
		if err := db.CreateProject(ctx, &q); store.ErrorCode(err) != store.EINVALID {
			t.Fatalf("a link to a round's event: err = %v, want invalid", err)
		}
	})
	t.Run("DeletingTheMeetingKeepsTheProject", func(t *testing.T) {
		if err := db.DeleteEvent(ctx, meeting.ID); err != nil {
			t.Fatal(err)
		}
		ps, _ := db.Projects(ctx, r.ID)
		if len(ps) == 0 || ps[0].MeetingID != 0 || ps[0].Meeting != "" {
			t.Fatalf("after deleting the meeting, projects = %+v", ps)
		}
	})
	t.Run("ErrEventOwner", func(t *testing.T) {
		if err := db.CreateEvent(ctx, &store.Event{Name: "Nobody's"}); store.ErrorCode(err) != store.EINVALID {
			t.Fatalf("an event with neither round nor forum: err = %v", err)
		}
		if err := db.CreateEvent(ctx, &store.Event{Name: "Both", RoundID: r.ID, ForumID: 1}); store.ErrorCode(err) != store.EINVALID {
			t.Fatalf("an event with both: err = %v", err)
		}
	})
}

func TestErasePersonFromForumLists(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	f, meeting := forumWithMeeting(t, db)
	r := store.Round{Name: "Spring"}
	if err := db.CreateRound(ctx, &r); err != nil {
		t.Fatal(err)
	}
	if _, _, err := db.UpsertParticipants(ctx, r.ID, []store.Participant{{Name: "Ann Lee", Email: "ann@nhs.example", Role: store.RoleGP}}); err != nil {
		t.Fatal(err)
	}
	// From one round only, her place on the forum's list stays.
	if _, err := db.ErasePerson(ctx, "ann@nhs.example", r.ID); err != nil {
		t.Fatal(err)
	}
	if people, _ := db.Attendees(ctx, meeting.ID); people[0].Email != "ann@nhs.example" {
		t.Fatalf("deleting Ann from a round took her off the forum's list: %+v", people[0])
	}
	if _, _, err := db.UpsertParticipants(ctx, r.ID, []store.Participant{{Name: "Ann Lee", Email: "ann@nhs.example", Role: store.RoleGP}}); err != nil {
		t.Fatal(err)
	}
	rounds, err := db.ErasePerson(ctx, "ANN@nhs.example", 0)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(rounds, ","), "Spring,"+f.Name+" (forum)"; got != want {
		t.Fatalf("deleted from %q, want %q", got, want)
	}
	people, _ := db.Attendees(ctx, meeting.ID)
	for _, a := range people {
		if a.Email == "ann@nhs.example" {
			t.Fatalf("Ann is still on the forum's list: %+v", a)
		}
	}
}

func TestForumValidation(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	for _, f := range []store.Forum{
		{Name: " ", Every: store.Interval{N: 1, Unit: store.Weeks}},
		{Name: "F", Every: store.Interval{N: 13, Unit: store.Months}},
		{Name: "F", Every: store.Interval{N: 1, Unit: "day"}},
	} {
		if err := db.SaveForum(ctx, &f); store.ErrorCode(err) != store.EINVALID {
			t.Fatalf("SaveForum(%+v) = %v, want invalid", f, err)
		}
	}
	a := store.Forum{Name: "Forum", Every: store.Interval{N: 1, Unit: store.Months}}
	if err := db.SaveForum(ctx, &a); err != nil {
		t.Fatal(err)
	}
	b := store.Forum{Name: "FORUM", Every: store.Interval{N: 1, Unit: store.Months}}
	if err := db.SaveForum(ctx, &b); store.ErrorCode(err) != store.ECONFLICT {
		t.Fatalf("a second forum of the same name: err = %v, want a conflict", err)
	}
}
