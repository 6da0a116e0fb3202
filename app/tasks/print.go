package tasks

import (
	"slices"
	"strings"
	"time"

	"github.com/liaisonapp/liaison/pdfdoc"
	"github.com/liaisonapp/liaison/store"
)

// eventLine is an event's date and venue as a programme or sheet heads
// them: "Thursday 12 July 2018 · Conference Suite".
func eventLine(e store.Event) string {
	var parts []string
	if t, err := time.Parse(store.DateLayout, e.Date); err == nil {
		parts = append(parts, t.Format("Monday 2 January 2006"))
	}
	if e.Venue != "" {
		parts = append(parts, e.Venue)
	}
	return strings.Join(parts, " · ")
}

// Programme is the event's printed programme: its title, date and venue,
// then each agenda item with its time in a column and its speaker below
// in a lighter weight.
func Programme(e store.Event, items []store.AgendaItem, now time.Time) ([]byte, error) {
	d := pdfdoc.New(pdfdoc.Options{Title: e.Name + ": programme", Footer: "Liaison · " + e.Name, Created: now})
	d.Title(e.Name)
	if line := eventLine(e); line != "" {
		d.Paragraph(line)
	}
	d.Space(4)
	if len(items) == 0 {
		d.Note("The agenda is still to be set.")
	}
	for _, it := range items {
		t := it.Starts
		if t != "" && it.Minutes > 0 {
			if start, err := time.Parse("15:04", t); err == nil {
				t += "–" + start.Add(time.Duration(it.Minutes)*time.Minute).Format("15:04")
			}
		}
		d.Timed(t, it.Title, it.Speaker)
	}
	return d.Bytes()
}

// signsIn reports whether an attendee belongs on the sign-in sheet and the
// badges: everyone on the list who has not declined.
func signsIn(a store.Attendee) bool { return a.RSVP != store.RSVPDeclined }

// byName orders people as a sign-in sheet does: by surname, ignoring
// titles, then by the whole name.
func byName(as []store.Attendee) []store.Attendee {
	out := slices.Clone(as)
	slices.SortStableFunc(out, func(a, b store.Attendee) int {
		if c := strings.Compare(store.NameSortKey(a.Name), store.NameSortKey(b.Name)); c != 0 {
			return c
		}
		return strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name))
	})
	return out
}

// SignInSheet is the sheet for the door: the names of everyone expected
// (all but those who declined) in surname order, their organisation, and a
// column to sign.
func SignInSheet(e store.Event, as []store.Attendee, now time.Time) ([]byte, error) {
	d := pdfdoc.New(pdfdoc.Options{Title: e.Name + ": sign-in sheet", Footer: "Liaison · " + e.Name + " · sign-in sheet", Created: now})
	d.Title("Sign-in sheet: " + e.Name)
	if line := eventLine(e); line != "" {
		d.Paragraph(line)
	}
	var rows [][2]string
	for _, a := range byName(as) {
		if signsIn(a) {
			rows = append(rows, [2]string{a.Name, a.Organisation})
		}
	}
	d.SignInRows(rows)
	return d.Bytes()
}

// Badges are name badges for everyone expected, perPage (8 or 10) to an
// A4 sheet: the name large, role and organisation below.
func Badges(e store.Event, as []store.Attendee, perPage int, now time.Time) ([]byte, error) {
	if perPage != 8 && perPage != 10 {
		return nil, store.Errorf(store.EINVALID, "Badges come 8 or 10 to a sheet, not %d.", perPage)
	}
	var bs []pdfdoc.Badge
	for _, a := range byName(as) {
		if !signsIn(a) {
			continue
		}
		var line []string
		for _, s := range []string{a.Role, a.Organisation} {
			if s = strings.TrimSpace(s); s != "" {
				line = append(line, s)
			}
		}
		bs = append(bs, pdfdoc.Badge{Name: a.Name, Line: strings.Join(line, "\n"), Footer: e.Name})
	}
	d := pdfdoc.New(pdfdoc.Options{Title: e.Name + ": name badges", Footer: "Liaison · " + e.Name + " · badges", Created: now})
	d.Badges(bs, 2, perPage/2)
	return d.Bytes()
}
