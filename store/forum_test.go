package store_test

import (
	"testing"
	"time"

	"github.com/liaisonapp/liaison/store"
)

func TestIntervalAfter(t *testing.T) {
	for _, c := range []struct {
		every      store.Interval
		from, want string
	}{
		{store.Interval{N: 1, Unit: store.Weeks}, "2026-03-05", "2026-03-12"},
		{store.Interval{N: 4, Unit: store.Weeks}, "2026-12-17", "2027-01-14"},
		{store.Interval{N: 1, Unit: store.Months}, "2026-01-31", "2026-02-28"},
		{store.Interval{N: 1, Unit: store.Months}, "2028-01-31", "2028-02-29"},
		{store.Interval{N: 3, Unit: store.Months}, "2026-11-30", "2027-02-28"},
		{store.Interval{N: 1, Unit: store.Months}, "2026-03-05", "2026-04-05"},
	} {
		got, err := c.every.After(c.from)
		if err != nil {
			t.Fatal(err)
		}
		if got != c.want {
			t.Errorf("%s after %s = %s, want %s", c.every, c.from, got, c.want)
		}
	}
}

func TestParseInterval(t *testing.T) {
	for in, want := range map[string]store.Interval{
		"weekly": {N: 1, Unit: store.Weeks}, "Fortnightly": {N: 2, Unit: store.Weeks}, "every 4 weeks": {N: 4, Unit: store.Weeks},
		"4 weeks": {N: 4, Unit: store.Weeks}, "6w": {N: 6, Unit: store.Weeks}, "monthly": {N: 1, Unit: store.Months},
		"quarterly": {N: 3, Unit: store.Months}, "every 2 months": {N: 2, Unit: store.Months}, "month": {N: 1, Unit: store.Months},
	} {
		got, err := store.ParseInterval(in)
		if err != nil || got != want {
			t.Errorf("ParseInterval(%q) = %v, %v; want %v", in, got, err, want)
		}
		if back, err := store.ParseInterval(got.String()); err != nil || back != got {
			t.Errorf("ParseInterval(%q) = %v, %v; want %v back", got.String(), back, err, got)
		}
	}
	for _, in := range []string{"", "daily", "every 0 weeks", "13 months", "every week-ish"} {
		if _, err := store.ParseInterval(in); store.ErrorCode(err) != store.EINVALID {
			t.Errorf("ParseInterval(%q): err = %v, want invalid", in, err)
		}
	}
}

func TestNextMeetingDate(t *testing.T) {
	f := store.Forum{Every: store.Interval{N: 4, Unit: store.Weeks}}
	today := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	if got, want := store.NextMeetingDate(f, nil, today), "2026-03-01"; got != want {
		t.Fatalf("first meeting proposed %s, want today %s", got, want)
	}
	ms := []store.Meeting{{Event: store.Event{Date: "2026-02-19"}}, {Event: store.Event{Date: ""}}, {Event: store.Event{Date: "2026-01-22"}}}
	if got, want := store.NextMeetingDate(f, ms, today), "2026-03-19"; got != want {
		t.Fatalf("proposed %s, want four weeks after the last, %s", got, want)
	}
	// A forum that has not met for months is offered a date from today on.
	if got, want := store.NextMeetingDate(f, ms, time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)), "2026-06-11"; got != want {
		t.Fatalf("after a gap, proposed %s, want %s", got, want)
	}
}
