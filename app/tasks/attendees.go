package tasks

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/liaisonapp/liaison/store"
	"github.com/liaisonapp/liaison/store/csvio"
	"github.com/liaisonapp/liaison/store/ics"
)

// FindEvent returns the round's event called name (ignoring case), or,
// with no name, the round's celebration event: the first one created. A
// name that matches none is an error that lists the events there are.
func FindEvent(ctx context.Context, db store.Service, roundID int64, name string) (store.Event, error) {
	events, err := db.Events(ctx, roundID)
	if err != nil {
		return store.Event{}, err
	}
	if len(events) == 0 {
		return store.Event{}, store.Errorf(store.ENOTFOUND, "This round has no event yet; create one on the Event screen first.")
	}
	if strings.TrimSpace(name) == "" {
		return slices.MinFunc(events, func(a, b store.Event) int { return int(a.ID - b.ID) }), nil
	}
	var names []string
	for _, e := range events {
		if strings.EqualFold(store.OneLine(e.Name), store.OneLine(name)) {
			return e, nil
		}
		names = append(names, "\""+e.Name+"\"")
	}
	return store.Event{}, store.Errorf(store.ENOTFOUND, "There is no event called %q in this round; its events are %s.", name, strings.Join(names, ", "))
}

// FindForumMeeting returns a meeting of the forum called forum (ignoring
// case): the one on the date meeting gives (any date store.ParseDate
// reads, such as 05/03/2026), else the one of that name; with no meeting
// named, the forum's meeting today, else the next, else the latest
// (store.PickEvent). An unknown forum or meeting is an error that lists
// the ones there are.
func FindForumMeeting(ctx context.Context, db store.Service, forum, meeting string, now time.Time) (store.Event, error) {
	forums, err := db.Forums(ctx)
	if err != nil {
		return store.Event{}, err
	}
	var names []string
	var f store.Forum
	for _, x := range forums {
		if strings.EqualFold(store.OneLine(x.Name), store.OneLine(forum)) {
			f = x
		}
		names = append(names, "\""+x.Name+"\"")
	}
	if f.ID == 0 {
		if len(forums) == 0 {
			return store.Event{}, store.Errorf(store.ENOTFOUND, "There is no forum yet; set one up on the Forum screen first.")
		}
		return store.Event{}, store.Errorf(store.ENOTFOUND, "There is no forum called %q; the forums are %s.", forum, strings.Join(names, ", "))
	}
	ms, err := db.Meetings(ctx, f.ID)
	if err != nil {
		return store.Event{}, err
	}
	if len(ms) == 0 {
		return store.Event{}, store.Errorf(store.ENOTFOUND, "The forum %q has no meeting yet.", f.Name)
	}
	events := make([]store.Event, len(ms))
	var dates []string
	for i, m := range ms {
		events[i] = m.Event
		dates = append(dates, store.DayMonthYear(m.Date))
	}
	meeting = store.OneLine(meeting)
	if meeting == "" {
		return store.PickEvent(events, now), nil
	}
	var found []store.Event
	if d, err := store.ParseDate(meeting); err == nil {
		for _, e := range events {
			if e.Date == d {
				found = append(found, e)
			}
		}
	} else {
		for _, e := range events {
			if strings.EqualFold(store.OneLine(e.Name), meeting) {
				found = append(found, e)
			}
		}
	}
	switch len(found) {
	case 0:
		return store.Event{}, store.Errorf(store.ENOTFOUND, "The forum %q has no meeting %q; it met or meets on %s.", f.Name, meeting, strings.Join(dates, ", "))
	case 1:
		return found[0], nil
	}
	var which []string
	for _, e := range found {
		which = append(which, store.DayMonthYear(e.Date))
	}
	return store.Event{}, store.Errorf(store.EINVALID, "%d meetings of %q are called %q; give the date instead: %s.", len(found), f.Name, meeting, strings.Join(which, ", "))
}

// AttendeesImport is what importing an attendee list did.
type AttendeesImport struct {
	Created, Updated int
	// Linked counts the rows whose email is a participant's of the round
	// (for a forum meeting, of the most recent round with that email).
	Linked int
	// Meeting is set when the event is a forum meeting, which has no round.
	Meeting bool
}

// ImportAttendees stores a checked attendee list in the event, all or
// nothing; a list with problems stores nothing and the error names every
// one by line and column. Someone marked only as having come ("yes") is
// checked in at the event's start (its date, at its first agenda item's
// time, or 09:00).
func ImportAttendees(ctx context.Context, db store.Service, e store.Event, imp *csvio.AttendeeImport) (AttendeesImport, error) {
	if len(imp.Problems) > 0 {
		lines := make([]string, len(imp.Problems))
		for i, p := range imp.Problems {
			lines[i] = p.String()
		}
		return AttendeesImport{}, store.Errorf(store.EINVALID, "The attendee list has %s; nothing was imported:\n%s",
			store.Plural(len(imp.Problems), "problem", "problems"), strings.Join(lines, "\n"))
	}
	as := imp.Attendees()
	start, err := eventStart(ctx, db, e)
	if err != nil {
		return AttendeesImport{}, err
	}
	for i, r := range imp.Rows {
		if r.CameAtUnknownTime {
			as[i].CheckedInAt = start
		}
	}
	created, updated, err := db.UpsertAttendees(ctx, e.ID, as)
	if err != nil {
		return AttendeesImport{}, err
	}
	res := AttendeesImport{Created: created, Updated: updated, Meeting: e.ForumID != 0}
	for _, a := range as {
		if a.ParticipantID != 0 {
			res.Linked++
		}
	}
	return res, nil
}

// String says what the import did, as both front ends report it.
func (r AttendeesImport) String() string {
	of := " of the round (linked by email)."
	if r.Meeting {
		of = " of a round (linked by email to the most recent)."
	}
	return store.Thousands(r.Created) + " new, " + store.Thousands(r.Updated) + " updated; " +
		store.Plural(r.Linked, "attendee is a participant", "attendees are participants") + of
}

// eventStart is when an event begins: its date at its first agenda item's
// start, or 09:00 when the agenda has no time; the zero time when the
// event has no date.
func eventStart(ctx context.Context, db store.Service, e store.Event) (time.Time, error) {
	if e.Date == "" {
		return time.Time{}, store.Errorf(store.EINVALID, "%q has no date, so a check-in of \"yes\" cannot be given a time; set the event's date first.", e.Name)
	}
	items, err := db.Agenda(ctx, e.ID)
	if err != nil {
		return time.Time{}, err
	}
	clock := "09:00"
	for _, it := range items {
		if it.Starts != "" {
			clock = it.Starts
			break
		}
	}
	t, err := time.ParseInLocation("2006-01-02 15:04", e.Date+" "+clock, time.Local)
	if err != nil {
		return time.ParseInLocation(store.DateLayout, e.Date, time.Local)
	}
	return t, nil
}

// AttendeeRow is one row of the attendee export. It carries no access or
// dietary needs: those are health data, and leave only as counts
// (CateringCounts).
type AttendeeRow struct {
	Name         string `csv:"Name"`
	Email        string `csv:"Email"`
	Organisation string `csv:"Organisation"`
	Role         string `csv:"Role"`
	RSVP         string `csv:"RSVP"`
	CheckedIn    string `csv:"Checked in"`
	Participant  string `csv:"Participant of the round"`
}

// ExportAttendees writes the list as CSV for Excel (BOM, CRLF, formula
// escaping), in the order given.
func ExportAttendees(w io.Writer, as []store.Attendee) error {
	rows := make([]AttendeeRow, len(as))
	for i, a := range as {
		rows[i] = AttendeeRow{Name: a.Name, Email: a.Email, Organisation: a.Organisation, Role: a.Role, RSVP: string(a.RSVP),
			Participant: "no"}
		if !a.CheckedInAt.IsZero() {
			rows[i].CheckedIn = a.CheckedInAt.Local().Format("2006-01-02 15:04")
		}
		if a.ParticipantID != 0 {
			rows[i].Participant = "yes"
		}
	}
	return csvio.Write(w, rows)
}

// CateringRow is one line of the catering counts: a dietary or access
// need as entered, and how many coming (accepted or checked in) have it.
type CateringRow struct {
	Need   string `csv:"Need"`
	Kind   string `csv:"Kind"`
	People int    `csv:"People"`
}

// CateringCounts counts the needs of those coming, without names: what
// the venue's caterers and staff need, and all that leaves Liaison of
// anyone's health data.
func CateringCounts(as []store.Attendee) []CateringRow {
	counts := map[[2]string]int{}
	for _, a := range as {
		if a.RSVP != store.RSVPAccepted && a.CheckedInAt.IsZero() {
			continue
		}
		for _, n := range []struct{ kind, need string }{{"dietary", a.DietaryNeeds}, {"access", a.AccessNeeds}} {
			if need := strings.ToLower(store.OneLine(n.need)); need != "" {
				counts[[2]string{n.kind, need}]++
			}
		}
	}
	var out []CateringRow
	for k, n := range counts {
		out = append(out, CateringRow{Need: k[1], Kind: k[0], People: n})
	}
	slices.SortFunc(out, func(a, b CateringRow) int {
		if c := strings.Compare(a.Kind, b.Kind); c != 0 {
			return -c // dietary first
		}
		return strings.Compare(a.Need, b.Need)
	})
	return out
}

// AgendaRow is one row of the agenda export.
type AgendaRow struct {
	Starts  string `csv:"Starts"`
	Minutes *int   `csv:"Minutes,omitempty"`
	Title   string `csv:"Title"`
	Speaker string `csv:"Speaker"`
}

// ExportAgenda writes an event's agenda as CSV for Excel.
func ExportAgenda(w io.Writer, items []store.AgendaItem) error {
	rows := make([]AgendaRow, len(items))
	for i, it := range items {
		rows[i] = AgendaRow{Starts: it.Starts, Title: it.Title, Speaker: it.Speaker}
		if it.Minutes > 0 {
			m := it.Minutes
			rows[i].Minutes = &m
		}
	}
	return csvio.Write(w, rows)
}

// EventCalendar is the event as one calendar entry, from its first agenda
// item's start to its last item's end (or, without times, all day), with
// the agenda in its description, for Outlook.
func EventCalendar(e store.Event, items []store.AgendaItem) (ics.Event, error) {
	if e.Date == "" {
		return ics.Event{}, store.Errorf(store.EINVALID, "%q has no date yet; set it before making a calendar entry.", e.Name)
	}
	day, err := time.ParseInLocation(store.DateLayout, e.Date, time.Local)
	if err != nil {
		return ics.Event{}, err
	}
	ev := ics.Event{UID: fmt.Sprintf("event-%d@liaison.invalid", e.ID), Summary: e.Name, Location: e.Venue}
	var lines []string
	var first, last time.Time
	for _, it := range items {
		line := it.Title
		if it.Starts != "" {
			line = it.Starts + "  " + line
			if t, err := time.ParseInLocation("2006-01-02 15:04", e.Date+" "+it.Starts, time.Local); err == nil {
				if first.IsZero() {
					first = t
				}
				end := t.Add(time.Duration(it.Minutes) * time.Minute)
				if end.After(last) {
					last = end
				}
				if t.After(last) {
					last = t
				}
			}
		}
		if it.Speaker != "" {
			line += " (" + it.Speaker + ")"
		}
		lines = append(lines, line)
	}
	ev.Description = strings.Join(lines, "\n")
	if first.IsZero() {
		ev.AllDay, ev.Start = true, day
		return ev, nil
	}
	if !last.After(first) {
		last = first.Add(time.Hour)
	}
	ev.Start, ev.End = first, last
	return ev, nil
}
