package store

import (
	"fmt"
	"strings"
	"time"
)

// The visit sessions: a visit is half a day.
const (
	SessionMorning   = "morning"
	SessionAfternoon = "afternoon"
)

// VisitHours is how long a visit typed as a start time lasts: half a day.
const VisitHours = 4

// ParseSession reads when in the day a visit is: "morning" (or "am"),
// "afternoon" (or "pm"), or a start time such as "10:30" or "9.30", and
// writes it back as stored: "morning", "afternoon", "HH:MM", or "" when
// not given.
func ParseSession(s string) (string, error) {
	k := strings.ToLower(strings.TrimSpace(s))
	switch k {
	case "":
		return "", nil
	case "morning", "am", "a.m.":
		return SessionMorning, nil
	case "afternoon", "pm", "p.m.":
		return SessionAfternoon, nil
	}
	if strings.HasPrefix(k, "morning") {
		return SessionMorning, nil
	}
	if strings.HasPrefix(k, "afternoon") {
		return SessionAfternoon, nil
	}
	k = strings.ReplaceAll(k, ".", ":")
	if !strings.Contains(k, ":") && len(k) <= 2 {
		k += ":00"
	}
	t, err := time.Parse("15:04", k)
	if err != nil {
		if t, err = time.Parse("3:04pm", k); err != nil {
			return "", Errorf(EINVALID, "%q is not a time of day: give morning, afternoon or a start time such as 10:30.", strings.TrimSpace(s))
		}
	}
	if t.Hour()+VisitHours > 24 {
		return "", Errorf(EINVALID, "A visit starting at %s would end after midnight.", t.Format("15:04"))
	}
	return t.Format("15:04"), nil
}

// SessionTimes returns when a visit in session starts and ends, as hours
// and minutes from midnight: the morning is 09:00–13:00, the afternoon
// 13:00–17:00, a typed start time lasts VisitHours. ok is false when the
// session is not known.
func SessionTimes(session string) (start, end time.Duration, ok bool) {
	switch session {
	case SessionMorning:
		return 9 * time.Hour, 13 * time.Hour, true
	case SessionAfternoon:
		return 13 * time.Hour, 17 * time.Hour, true
	}
	t, err := time.Parse("15:04", session)
	if err != nil {
		return 0, 0, false
	}
	start = time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute
	return start, start + VisitHours*time.Hour, true
}

// SessionText is a session as people read it: "morning (09:00–13:00)".
func SessionText(session string) string {
	start, end, ok := SessionTimes(session)
	if !ok {
		return ""
	}
	hm := func(d time.Duration) string { return fmt.Sprintf("%02d:%02d", int(d.Hours()), int(d.Minutes())%60) }
	switch session {
	case SessionMorning, SessionAfternoon:
		return fmt.Sprintf("%s (%s–%s)", session, hm(start), hm(end))
	}
	return hm(start) + "–" + hm(end)
}
