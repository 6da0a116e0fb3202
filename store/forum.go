package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// IntervalUnit is what a forum's interval counts: weeks or calendar months.
type IntervalUnit string

// Interval units.
const (
	Weeks  IntervalUnit = "week"
	Months IntervalUnit = "month"
)

// Interval is how often a forum meets: every N weeks (weekly, fortnightly,
// every 4 weeks) or every N calendar months (monthly, quarterly). Months
// are kept apart from weeks because "monthly" is not a fixed number of
// days: a forum that meets on the 31st meets on the last day of shorter
// months, never spilling into the next one.
type Interval struct {
	N    int
	Unit IntervalUnit
}

// CommonIntervals are the intervals the GUI offers, most frequent first.
var CommonIntervals = []Interval{{1, Weeks}, {2, Weeks}, {4, Weeks}, {6, Weeks}, {1, Months}, {2, Months}, {3, Months}}

// Valid reports whether i is an interval a forum can have: 1 to 52 weeks,
// or 1 to 12 months.
func (i Interval) Valid() bool {
	switch i.Unit {
	case Weeks:
		return i.N >= 1 && i.N <= 52
	case Months:
		return i.N >= 1 && i.N <= 12
	}
	return false
}

// String says the interval as people do: "weekly", "fortnightly", "every
// 4 weeks", "monthly", "quarterly", "every 2 months".
func (i Interval) String() string {
	switch i {
	case Interval{1, Weeks}:
		return "weekly"
	case Interval{2, Weeks}:
		return "fortnightly"
	case Interval{1, Months}:
		return "monthly"
	case Interval{3, Months}:
		return "quarterly"
	}
	return fmt.Sprintf("every %d %ss", i.N, i.Unit)
}

// ParseInterval reads an interval as String writes it, or "4 weeks",
// "every 2 months", "6w", "1m"; case and spaces do not matter.
func ParseInterval(s string) (Interval, error) {
	t := strings.Join(strings.Fields(strings.ToLower(s)), " ")
	for _, i := range CommonIntervals {
		if t == i.String() {
			return i, nil
		}
	}
	t = strings.TrimPrefix(t, "every ")
	num := strings.TrimRightFunc(t, func(r rune) bool { return r < '0' || r > '9' })
	unit := strings.TrimSpace(strings.TrimPrefix(t, num))
	if num == "" {
		num = "1"
		unit = t
	}
	n, err := strconv.Atoi(num)
	i := Interval{N: n}
	switch strings.TrimSuffix(unit, "s") {
	case "week", "wk", "w":
		i.Unit = Weeks
	case "month", "mo", "m":
		i.Unit = Months
	}
	if err != nil || !i.Valid() {
		return Interval{}, Errorf(EINVALID, "%q is not an interval: write it as weekly, fortnightly, every 4 weeks, monthly or every 3 months (1 to 52 weeks, or 1 to 12 months).", s)
	}
	return i, nil
}

// After returns the date one interval after date (YYYY-MM-DD). A month
// later than 31 January is the last day of February, not 3 March.
func (i Interval) After(date string) (string, error) {
	t, err := time.Parse(DateLayout, date)
	if err != nil {
		return "", Errorf(EINVALID, "%q is not a date.", date)
	}
	if !i.Valid() {
		return "", Errorf(EINVALID, "%q is not a forum's interval.", i.String())
	}
	if i.Unit == Weeks {
		return t.AddDate(0, 0, 7*i.N).Format(DateLayout), nil
	}
	first := time.Date(t.Year(), t.Month()+time.Month(i.N), 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1).Day()
	return time.Date(first.Year(), first.Month(), min(t.Day(), last), 0, 0, 0, 0, time.UTC).Format(DateLayout), nil
}

// Forum is a regular primary–secondary care forum: a series of meetings
// that outlives any round. Each meeting is an Event with the forum's ID,
// so it has a date, a venue, an agenda, attendees and check-in like the
// celebration event, and deleting a round leaves it alone.
type Forum struct {
	ID    int64
	Name  string
	Every Interval
	// Venue is where new meetings are held unless the last one was
	// elsewhere.
	Venue string
}

// Meeting is a forum meeting with the counts the forum's list shows.
type Meeting struct {
	Event
	Invited   int // on the list, whatever their answer
	Accepted  int
	CheckedIn int
	Actions   int // improvement projects agreed at the meeting
}

// NextMeetingDate proposes the date of a forum's next meeting: one
// interval after the last meeting's date, moved on by whole intervals
// until it is no earlier than today, so a forum that skipped a month is
// not offered a date in the past. With no dated meeting it is today.
func NextMeetingDate(f Forum, meetings []Meeting, today time.Time) string {
	now := today.Format(DateLayout)
	last := ""
	for _, m := range meetings {
		if m.Date > last {
			last = m.Date
		}
	}
	if last == "" {
		return now
	}
	next, err := f.Every.After(last)
	for err == nil && next < now {
		next, err = f.Every.After(next)
	}
	if err != nil {
		return now
	}
	return next
}

// DayMonthYear writes an ISO date (YYYY-MM-DD) the British way, 05/03/2026,
// for a field the organiser may edit; "" stays "".
func DayMonthYear(iso string) string {
	t, err := time.Parse(DateLayout, iso)
	if err != nil {
		return iso
	}
	return t.Format("02/01/2006")
}

// LongDate writes an ISO date as "Thu 5 Mar 2026" for lists; "" stays "".
func LongDate(iso string) string {
	t, err := time.Parse(DateLayout, iso)
	if err != nil {
		return iso
	}
	return t.Format("Mon 2 Jan 2006")
}

// TaskGroup is a task-and-finish group: a few people who own some
// improvement projects until they are done. Groups belong to no round, as
// the forum that sets them up outlives rounds; a project names its group
// (Project.Group), and the projects whose group it is are the ones it owns.
type TaskGroup struct {
	ID   int64
	Name string
	Lead string
	// Members are names as the organiser types them, one each: members
	// need not be participants of any round (a practice manager, an LMC
	// officer).
	Members []string
}

// ForumService manages forums, their meetings and task-and-finish groups.
// A meeting is an event (EventService does its agenda and attendees) whose
// ForumID is set and RoundID is 0.
type ForumService interface {
	// Forums lists every forum by name.
	Forums(ctx context.Context) ([]Forum, error)
	// SaveForum creates (ID 0) or updates a forum.
	SaveForum(ctx context.Context, f *Forum) error
	// DeleteForum deletes a forum with its meetings, their agendas and
	// attendees; projects agreed at them stay, without the link.
	DeleteForum(ctx context.Context, id int64) error
	// Meetings returns the forum's meetings by date, with their counts.
	Meetings(ctx context.Context, forumID int64) ([]Meeting, error)
	// NewMeetingFrom creates the forum's next meeting on date (YYYY-MM-DD,
	// or any date ParseDate reads) from its last one, in one transaction:
	// the last meeting's name, venue and capacity, its agenda's shape
	// (titles, times, lengths, speakers) and its invite list, everyone
	// invited afresh (no answer, check-in or needs copied). With no earlier
	// meeting it is an empty meeting at the forum's venue.
	NewMeetingFrom(ctx context.Context, forumID int64, date string) (Event, error)
	// MeetingProjects returns the improvement projects agreed at a
	// meeting, from every round.
	MeetingProjects(ctx context.Context, eventID int64) ([]Project, error)
	// ForumMeetings returns every forum meeting, latest first, for a
	// picker of the meeting that prompted a project.
	ForumMeetings(ctx context.Context) ([]Event, error)
	// TaskGroups lists every task-and-finish group by name.
	TaskGroups(ctx context.Context) ([]TaskGroup, error)
	// SaveTaskGroup creates (ID 0) or updates a group; renaming it renames
	// it for every project it owns.
	SaveTaskGroup(ctx context.Context, g *TaskGroup) error
	// DeleteTaskGroup deletes a group; its projects stay, with no group.
	DeleteTaskGroup(ctx context.Context, id int64) error
	// GroupProjects returns the projects a group owns, from every round.
	GroupProjects(ctx context.Context, groupID int64) ([]Project, error)
}

// MeetingLabel names a forum meeting where several share a name: its
// date first, then its name.
func MeetingLabel(e Event) string {
	if e.Date == "" {
		return e.Name + " (no date yet)"
	}
	return LongDate(e.Date) + " · " + e.Name
}
