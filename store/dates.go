package store

import (
	"strings"
	"time"
)

// DateHint is how every date field asks for a date.
const DateHint = "DD/MM/YYYY or YYYY-MM-DD"

// ParseDate reads a calendar date as organisers type it and returns it as
// YYYY-MM-DD: ISO (2026-10-15) or British day first (15/10/2026, 5/3/2026,
// 15.10.2026, 15-10-2026). "" stays "" (no date yet). A US month-first
// date is not guessed at: 10/15/2026 is refused, not misread. Every field
// where a date is typed (rounds, visits, projects, events) uses it, so the
// same text is accepted or refused, with the same words, everywhere.
func ParseDate(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	for _, layout := range []string{DateLayout, "2/1/2006", "2.1.2006", "2-1-2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Format(DateLayout), nil
		}
	}
	for _, layout := range []string{"1/2/2006", "1.2.2006", "1-2-2006"} {
		if _, err := time.Parse(layout, s); err == nil {
			return "", Errorf(EINVALID, "%q looks month-first: type the day first, such as 15/10/2026 (or 2026-10-15).", s)
		}
	}
	return "", Errorf(EINVALID, "%q is not a date: type it as 15/10/2026 or 2026-10-15.", s)
}

// ParseDateField is ParseDate with the field named in the message: "The
// visit date "30/02/2026" is not a date; …".
func ParseDateField(field, s string) (string, error) {
	d, err := ParseDate(s)
	if err != nil {
		return "", Errorf(EINVALID, "%s: %s", field, ErrorMessage(err))
	}
	return d, nil
}

// ParseDateTime reads a date and a time of day as organisers type them
// ("15/10/2026 14:05", "2026-10-15 14:05"), the date by ParseDate's rule,
// or a timestamp as Liaison writes one (RFC 3339, "2026-10-15T14:05"). The
// time is in loc unless the text names its zone. Every field and import
// that takes a time of arrival uses it.
func ParseDateTime(s string, loc *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	if t, err := time.ParseInLocation("2006-01-02T15:04", s, loc); err == nil {
		return t, nil
	}
	date, clock, ok := strings.Cut(s, " ")
	if ok {
		if d, err := ParseDate(date); err == nil && d != "" {
			if t, err := time.ParseInLocation(DateLayout+" 15:04", d+" "+strings.TrimSpace(clock), loc); err == nil {
				return t, nil
			}
		}
	}
	return time.Time{}, Errorf(EINVALID, "%q is not a date and time: type it as 15/10/2026 14:05 or 2026-10-15 14:05.", s)
}
