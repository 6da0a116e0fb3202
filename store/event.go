package store

import (
	"context"
	"time"
)

// PickEvent chooses the event a round is about now: the one today, else
// the next one, else the most recent; undated events come last. events
// must not be empty.
func PickEvent(events []Event, now time.Time) Event {
	today := now.Format(DateLayout)
	best := events[0]
	rank := func(e Event) (int, string) {
		switch {
		case e.Date == today:
			return 0, ""
		case e.Date > today:
			return 1, e.Date // soonest first
		case e.Date != "":
			return 2, invertDigits(e.Date) // latest first
		}
		return 3, ""
	}
	for _, e := range events[1:] {
		rb, kb := rank(best)
		re, ke := rank(e)
		if re < rb || re == rb && ke < kb {
			best = e
		}
	}
	return best
}

// invertDigits makes a later date sort first.
func invertDigits(date string) string {
	b := []byte(date)
	for i, c := range b {
		if c >= '0' && c <= '9' {
			b[i] = '9' - c + '0'
		}
	}
	return string(b)
}

// EventFigures are the status of the round's current event (PickEvent's
// choice): when and where, and how many answered and arrived.
type EventFigures struct {
	Name      string `json:"name"`
	Date      string `json:"date"` // YYYY-MM-DD, or "" when not set
	Capacity  int    `json:"capacity"`
	Invited   int    `json:"invited"` // on the list, whatever their answer
	Accepted  int    `json:"accepted"`
	Declined  int    `json:"declined"`
	CheckedIn int    `json:"checked_in"`
}

// eventFigures reads the status of the round's current event; nil when the
// round has none.
func eventFigures(ctx context.Context, s Service, roundID int64, now time.Time) (*EventFigures, error) {
	events, err := s.Events(ctx, roundID)
	if err != nil || len(events) == 0 {
		return nil, err
	}
	e := PickEvent(events, now)
	people, err := s.Attendees(ctx, e.ID)
	if err != nil {
		return nil, err
	}
	f := &EventFigures{Name: e.Name, Date: e.Date, Capacity: e.Capacity, Invited: len(people)}
	for _, a := range people {
		switch a.RSVP {
		case RSVPAccepted:
			f.Accepted++
		case RSVPDeclined:
			f.Declined++
		}
		if !a.CheckedInAt.IsZero() {
			f.CheckedIn++
		}
	}
	return f, nil
}
