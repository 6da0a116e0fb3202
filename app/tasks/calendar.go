package tasks

import (
	"crypto/sha256"
	"fmt"
	"io"
	"strings"
	"time"
	// The visits' times are UK times; Windows has no zone database of its
	// own, so the one Go ships is embedded.
	_ "time/tzdata"

	"github.com/liaisonapp/liaison/store"
	"github.com/liaisonapp/liaison/store/ics"
)

// SchemeZone is where the schemes run: visit times are local UK times and
// calendars get them in UTC, right on either side of a clock change.
const SchemeZone = "Europe/London"

// CalendarProdID names Liaison in the calendar files it writes.
const CalendarProdID = "-//Liaison//Liaison//EN"

// VisitUID names a visit for calendars. A calendar replaces an entry whose
// UID it has seen, so the UID carries the pair's people and round as well
// as the visit's ID: two Liaison databases (two schemes, or a colleague's
// copy) never overwrite each other's entries, and a re-sent file updates.
func VisitUID(p store.Pairing, v store.Visit) string {
	h := sha256.Sum256([]byte(fmt.Sprintf("%d|%s|%s|%s|%s", p.RoundID, strings.ToLower(p.Primary.Email), strings.ToLower(p.Secondary.Email),
		strings.ToLower(p.Primary.Name), strings.ToLower(p.Secondary.Name))))
	return fmt.Sprintf("visit-%d-%x@liaison.invalid", v.ID, h[:6])
}

// HostName is where a visit takes place, for people: the host's
// organisation, or their name's workplace.
func HostName(p store.Participant) string {
	if p.Organisation != "" {
		return p.Organisation
	}
	return p.Name + "'s workplace"
}

// CalendarEvents are a pair's dated visits as calendar entries: half a day
// at the visit's session (morning 09:00–13:00, afternoon 13:00–17:00, or
// four hours from a typed start), UK time. A visit whose session is not
// yet known is an all-day entry whose description says the time is to be
// agreed, rather
// than a guessed time in someone's diary. Cancelled visits are left out.
func CalendarEvents(p store.Pairing) []ics.Event {
	zone, err := time.LoadLocation(SchemeZone)
	if err != nil {
		zone = time.UTC
	}
	var out []ics.Event
	for i, v := range p.Visits {
		day, err := time.ParseInLocation(store.DateLayout, v.Date, zone)
		if err != nil || v.Status == store.VisitCancelled {
			continue
		}
		visitor, host := p.Secondary, p.Primary
		if i == 1 {
			visitor, host = p.Primary, p.Secondary
		}
		desc := fmt.Sprintf("Liaison scheme visit (half a day): %s (%s, %s) visits %s (%s, %s).\nStatus: %s",
			visitor.Name, visitor.Role.Label(), visitor.Email, host.Name, host.Role.Label(), host.Email, v.Status)
		if strings.TrimSpace(v.Notes) != "" {
			desc += "\nNotes: " + v.Notes
		}
		e := ics.Event{
			UID:         VisitUID(p, v),
			Summary:     fmt.Sprintf("Liaison visit: %s at %s", visitor.Name, HostName(host)),
			Location:    host.Organisation,
			Description: desc,
		}
		if start, end, ok := store.SessionTimes(v.Session); ok {
			// Wall-clock times on the day, so a clock change overnight
			// does not shift them.
			y, m, d := day.Date()
			e.Start = time.Date(y, m, d, int(start.Hours()), int(start.Minutes())%60, 0, 0, zone)
			e.End = time.Date(y, m, d, int(end.Hours()), int(end.Minutes())%60, 0, 0, zone)
		} else {
			e.Start, e.AllDay = day, true
			e.Description = "Time: to be agreed (morning or afternoon).\n" + e.Description
		}
		out = append(out, e)
	}
	return out
}

// RoundCalendarEvents are every dated visit of the round's pairs.
func RoundCalendarEvents(pairs []store.Pairing) []ics.Event {
	var out []ics.Event
	for _, p := range pairs {
		out = append(out, CalendarEvents(p)...)
	}
	return out
}

// WriteCalendar writes events as one .ics file.
func WriteCalendar(w io.Writer, stamp time.Time, events []ics.Event) error {
	return ics.Write(w, CalendarProdID, stamp, events...)
}
