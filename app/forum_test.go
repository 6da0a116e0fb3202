package app

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/liaisonapp/liaison/store"
	"github.com/liaisonapp/liaison/store/demo"
)

// forumOnDemo opens the Forum screen on the demo, whose forum has met
// three times (6 Sep, 4 Oct and 1 Nov 2018, every four weeks).
func forumOnDemo(t *testing.T, now time.Time) (*UI, *forumScreen) {
	t.Helper()
	db := MustOpenDB(t)
	if _, err := demo.Create(context.Background(), db); err != nil {
		t.Fatal(err)
	}
	ui := newTestUI(t, db)
	ui.now = func() time.Time { return now }
	ui.Start()
	waitIdle(t)
	return ui, showScreen[*forumScreen](t, ui)
}

func TestForumListsMeetingsWithCounts(t *testing.T) {
	_, s := forumOnDemo(t, time.Date(2018, 11, 20, 9, 0, 0, 0, time.UTC))
	if got, want := s.forumSelect.Selected, demo.ForumName; got != want {
		t.Fatalf("forum = %q, want %q", got, want)
	}
	if got, want := len(s.cells), 4; got != want {
		t.Fatalf("%d table rows, want a header and 3 meetings", got)
	}
	if got, want := strings.Join(s.cells[2], "|"), "Thu 4 Oct 2018|"+demo.ForumName+"|Board room, City General Hospital (fictional)|18|15|12|1"; got != want {
		t.Fatalf("second meeting's row = %s, want %s", got, want)
	}
	if !strings.Contains(s.summary.Text, "Meets every 4 weeks") || !strings.Contains(s.summary.Text, "next proposed Thu 29 Nov 2018") {
		t.Fatalf("summary: %q", s.summary.Text)
	}
	// The meeting tab starts on the latest meeting, none being today or later.
	if got, want := s.meeting.event.Date, "2018-11-01"; got != want {
		t.Fatalf("the meeting tab shows the meeting of %q, want the latest, %q", got, want)
	}
	if got, want := s.meeting.eventSelect.Selected, "Thu 1 Nov 2018 · "+demo.ForumName; got != want {
		t.Fatalf("meeting picker = %q, want %q", got, want)
	}
}

func TestNewMeetingFromTheLastProposesTheNextDate(t *testing.T) {
	ui, s := forumOnDemo(t, time.Date(2018, 11, 20, 9, 0, 0, 0, time.UTC))
	c := ui.win.Canvas()
	test.Tap(s.newMeetBtn)
	waitIdle(t)
	f := s.meetingForm
	if f == nil || !dialogOpen(ui) {
		t.Fatal("New meeting from the last… opened no dialog")
	}
	if got, want := f.date.Text, "29/11/2018"; got != want {
		t.Fatalf("proposed date %q, want %q (four weeks after 1 Nov, British order)", got, want)
	}
	if c.Focused() != f.date {
		t.Fatalf("the cursor starts in %T, not the date", c.Focused())
	}
	if !strings.Contains(f.copies.Text, "Thu 1 Nov 2018") || !strings.Contains(f.copies.Text, "18 people") {
		t.Fatalf("the dialog does not say what it copies: %q", f.copies.Text)
	}
	// The organiser moves it a week on, typing the date the British way.
	f.date.SetText("")
	test.Type(f.date, "6/12/2018")
	typeKey(c, fyne.KeyReturn)
	waitIdle(t)
	if dialogOpen(ui) {
		t.Fatal("Enter did not create the meeting")
	}
	if got, want := s.meeting.event.Date, "2018-12-06"; got != want {
		t.Fatalf("the meeting shown is on %q, want the new one on %q", got, want)
	}
	if got, want := s.tabs.SelectedIndex(), forumMeetingTab; got != want {
		t.Fatalf("tab %d shown after creating, want the meeting tab %d", got, want)
	}
	if got, want := len(s.meeting.agenda), 4; got != want {
		t.Fatalf("the new meeting has %d agenda items, want the last one's %d", got, want)
	}
	if got, want := len(s.meeting.attendees), 18; got != want {
		t.Fatalf("%d on the new meeting's list, want %d", got, want)
	}
	for _, a := range s.meeting.attendees {
		if a.RSVP != store.RSVPInvited || !a.CheckedInAt.IsZero() {
			t.Fatalf("%s carried over as %s, checked in %v", a.Name, a.RSVP, a.CheckedInAt)
		}
	}
	if got, want := len(s.meetings), 4; got != want {
		t.Fatalf("%d meetings listed, want %d", got, want)
	}

	t.Run("EscCancels", func(t *testing.T) {
		test.Tap(s.newMeetBtn)
		waitIdle(t)
		typeKey(c, fyne.KeyEscape)
		waitIdle(t)
		if dialogOpen(ui) {
			t.Fatal("Esc left the dialog open")
		}
		if got, want := len(s.meetings), 4; got != want {
			t.Fatalf("%d meetings after Esc, want %d", got, want)
		}
	})
}

func TestForumMeetingCheckInAndAction(t *testing.T) {
	ui, s := forumOnDemo(t, time.Date(2018, 11, 1, 12, 40, 0, 0, time.UTC))
	c := ui.win.Canvas()
	s.open(2) // today's meeting, 1 Nov
	waitIdle(t)
	if got, want := s.meeting.event.Date, "2018-11-01"; got != want {
		t.Fatalf("opened the meeting of %s, want %s", got, want)
	}
	var target store.Attendee
	for _, a := range s.meeting.attendees {
		if a.CheckedInAt.IsZero() && a.RSVP == store.RSVPAccepted {
			target = a
			break
		}
	}
	if target.ID == 0 {
		t.Fatal("nobody left to check in at the demo's meeting")
	}
	s.meeting.toggleCheckIn(target)
	waitIdle(t)
	found := false
	for _, a := range s.meeting.attendees {
		if a.ID == target.ID {
			found = true
			if !a.CheckedInAt.Equal(ui.now()) {
				t.Fatalf("%s checked in at %v, want %v", a.Name, a.CheckedInAt, ui.now())
			}
		}
	}
	if !found {
		t.Fatal("the meeting shown changed after a check-in")
	}
	if got, want := s.cells[3][5], "12"; got != want {
		t.Fatalf("checked in at 1 Nov = %s after one more, want %s", got, want)
	}

	test.Tap(s.addActionBtn)
	waitIdle(t)
	f := s.actionForm
	if f == nil || c.Focused() != f.title {
		t.Fatal("Add action… did not open with the cursor in the action")
	}
	test.Type(f.title, "Shared care protocol for DMARD monitoring")
	typeInto(c, f.owner, "Rheumatology")
	typeInto(c, f.group, "Shared care group")
	typeKey(c, fyne.KeyReturn)
	waitIdle(t)
	if dialogOpen(ui) {
		t.Fatal("Enter did not add the action")
	}
	if len(s.actions) != 1 {
		t.Fatalf("%d actions listed for the meeting, want 1", len(s.actions))
	}
	p := s.actions[0]
	if p.Status != store.ProjectIdea || p.Owner != "Rheumatology" || p.Group != "Shared care group" || p.MeetingID != s.meeting.event.ID || p.RoundID != ui.round.ID {
		t.Fatalf("the action was stored as %+v", p)
	}
	if got, want := s.cells[3][6], "1"; got != want {
		t.Fatalf("actions of 1 Nov = %s, want %s", got, want)
	}

	// The Projects screen shows the link and keeps it on saving.
	ps := showScreen[*projectsScreen](t, ui)
	for i, q := range ps.items {
		if q.ID == p.ID {
			ps.edit(i)
		}
	}
	if got, want := ps.meeting.sel.Selected, store.MeetingLabel(s.meeting.event); got != want {
		t.Fatalf("the project form's meeting = %q, want %q", got, want)
	}
	ps.save()
	waitIdle(t)
	stored, err := ui.db.MeetingProjects(context.Background(), p.MeetingID)
	if err != nil || len(stored) != 1 {
		t.Fatalf("after saving on the Projects screen, the meeting has %d actions (%v)", len(stored), err)
	}
	// Choosing no meeting unlinks it.
	for i, q := range ps.items {
		if q.ID == p.ID {
			ps.edit(i)
		}
	}
	ps.meeting.sel.SetSelected(noMeeting)
	ps.save()
	waitIdle(t)
	if stored, _ := ui.db.MeetingProjects(context.Background(), p.MeetingID); len(stored) != 0 {
		t.Fatalf("the project is still linked after choosing no meeting")
	}
}

func TestNewForumAndGroupDialogs(t *testing.T) {
	db := MustOpenDB(t)
	ui := newTestUI(t, db)
	ui.now = func() time.Time { return time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC) }
	ui.Start()
	waitIdle(t)
	if ui.welcome != nil {
		ui.welcome.dialog.Hide()
	}
	s := showScreen[*forumScreen](t, ui)
	c := ui.win.Canvas()
	if !strings.Contains(s.summary.Text, "No forum yet") || !s.newMeetBtn.Disabled() {
		t.Fatalf("with no forum: summary %q, New meeting enabled %v", s.summary.Text, !s.newMeetBtn.Disabled())
	}
	s.editForum(store.Forum{})
	waitIdle(t)
	f := s.forumForm
	test.Type(f.name, "Wessex interface forum")
	f.every.SetSelected("monthly")
	typeInto(c, f.venue, "Practice hub")
	typeKey(c, fyne.KeyReturn)
	waitIdle(t)
	if got, want := s.forum.Name, "Wessex interface forum"; got != want {
		t.Fatalf("forum shown = %q, want %q", got, want)
	}
	if got, want := s.forum.Every, (store.Interval{N: 1, Unit: store.Months}); got != want {
		t.Fatalf("interval = %v, want %v", got, want)
	}
	// The first meeting is proposed for today, at the forum's venue.
	test.Tap(s.newMeetBtn)
	waitIdle(t)
	if got, want := s.meetingForm.date.Text, "02/03/2026"; got != want {
		t.Fatalf("first meeting proposed on %q, want today %q", got, want)
	}
	typeKey(c, fyne.KeyReturn)
	waitIdle(t)
	if len(s.meetings) != 1 || s.meetings[0].Venue != "Practice hub" {
		t.Fatalf("meetings = %+v", s.meetings)
	}

	s.tabs.SelectIndex(forumGroupsTab)
	s.groups.edit(-1)
	waitIdle(t)
	g := s.groups.form
	if c.Focused() != g.name {
		t.Fatalf("the group dialog starts in %T", c.Focused())
	}
	test.Type(g.name, "Discharge letters")
	typeInto(c, g.lead, "Dr Ray")
	typeInto(c, g.members, "Ann Lee")
	typeKey(c, fyne.KeyEscape)
	waitIdle(t)
	if dialogOpen(ui) || len(s.groups.groups) != 0 {
		t.Fatalf("Esc: open %v, %d groups", dialogOpen(ui), len(s.groups.groups))
	}
	s.groups.edit(-1)
	waitIdle(t)
	g = s.groups.form
	test.Type(g.name, "Discharge letters")
	typeInto(c, g.lead, "Dr Ray")
	g.members.SetText("Ann Lee\nPractice manager")
	c.Focus(g.name)
	typeKey(c, fyne.KeyReturn)
	waitIdle(t)
	if len(s.groups.groups) != 1 || len(s.groups.groups[0].Members) != 2 || s.groups.cells[1][3] != "none yet" {
		t.Fatalf("groups = %+v, cells %v", s.groups.groups, s.groups.cells)
	}
}
