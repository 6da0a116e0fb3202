package ics

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // so the Europe/London case runs on machines without zoneinfo
	"unicode/utf8"

	"github.com/liaisonapp/liaison/store"
)

var stamp = time.Date(2025, 3, 1, 8, 0, 0, 0, time.UTC)

func write(t *testing.T, events ...Event) string {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, "-//Liaison//Liaison//EN", stamp, events...); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// unfold undoes RFC 5545 folding and splits the content lines.
func unfold(s string) []string {
	s = strings.ReplaceAll(s, "\r\n ", "")
	return strings.Split(strings.TrimSuffix(s, "\r\n"), "\r\n")
}

func TestWriteWholeFile(t *testing.T) {
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	got := write(t,
		Event{
			UID:         "visit-1@liaison",
			Start:       time.Date(2025, 6, 10, 9, 30, 0, 0, london), // BST, UTC+1
			End:         time.Date(2025, 6, 10, 13, 0, 0, 0, london),
			Summary:     "Visit: Dr Lee at Oak Surgery",
			Location:    "Oak Surgery, 1 High St; Southampton",
			Description: "Consultant's half day\nBring ID",
		},
		Event{UID: "visit-2@liaison", Start: time.Date(2025, 7, 1, 0, 0, 0, 0, london), AllDay: true, Summary: "GP at UHS"},
	)
	want := "BEGIN:VCALENDAR\r\n" +
		"VERSION:2.0\r\n" +
		"PRODID:-//Liaison//Liaison//EN\r\n" +
		"CALSCALE:GREGORIAN\r\n" +
		"METHOD:PUBLISH\r\n" +
		"BEGIN:VEVENT\r\n" +
		"UID:visit-1@liaison\r\n" +
		"DTSTAMP:20250301T080000Z\r\n" +
		"DTSTART:20250610T083000Z\r\n" +
		"DTEND:20250610T120000Z\r\n" +
		"SUMMARY:Visit: Dr Lee at Oak Surgery\r\n" +
		"LOCATION:Oak Surgery\\, 1 High St\\; Southampton\r\n" +
		"DESCRIPTION:Consultant's half day\\nBring ID\r\n" +
		"END:VEVENT\r\n" +
		"BEGIN:VEVENT\r\n" +
		"UID:visit-2@liaison\r\n" +
		"DTSTAMP:20250301T080000Z\r\n" +
		"DTSTART;VALUE=DATE:20250701\r\n" +
		"DTEND;VALUE=DATE:20250702\r\n" +
		"SUMMARY:GP at UHS\r\n" +
		"END:VEVENT\r\n" +
		"END:VCALENDAR\r\n"
	if got != want {
		t.Fatalf("Write wrote\n%s\nwant\n%s", got, want)
	}
}

func TestWriteAllDayEnd(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2025, 12, d, 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		name       string
		start, end time.Time
		wantEnd    string
	}{
		{"one day, zero end", day(30), time.Time{}, "DTEND;VALUE=DATE:20251231"},
		{"two days, end inclusive", day(30), day(31), "DTEND;VALUE=DATE:20260101"},
		{"end before start is one day", day(30), day(2), "DTEND;VALUE=DATE:20251231"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lines := unfold(write(t, Event{UID: "u", Start: tt.start, End: tt.end, AllDay: true}))
			if !contains(lines, tt.wantEnd) {
				t.Fatalf("lines %q lack %q", lines, tt.wantEnd)
			}
		})
	}
}

func TestWriteTimedWithoutEnd(t *testing.T) {
	lines := unfold(write(t, Event{UID: "u", Start: stamp}))
	for _, l := range lines {
		if strings.HasPrefix(l, "DTEND") {
			t.Fatalf("wrote %q for an event without an end", l)
		}
	}
}

func contains(lines []string, s string) bool {
	for _, l := range lines {
		if l == s {
			return true
		}
	}
	return false
}

func TestEscapeText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{`a\b`, `a\\b`},
		{"a;b,c", `a\;b\,c`},
		{"one\ntwo", `one\ntwo`},
		{"one\r\ntwo\rthree", `one\ntwo\nthree`},
		{"tab\tkept, bell\a dropped", "tab\tkept\\, bell dropped"},
		{`C:\notes; "quoted", ok`, `C:\\notes\; "quoted"\, ok`},
		{"Zoë – £5", "Zoë – £5"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := escapeText(tt.in); got != tt.want {
				t.Fatalf("escapeText(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestWriteFolding(t *testing.T) {
	tests := []struct {
		name, summary string
	}{
		{"short", "Visit"},
		{"exactly 75 octets", strings.Repeat("x", 75-len("SUMMARY:"))},
		{"76 octets", strings.Repeat("x", 76-len("SUMMARY:"))},
		{"long ASCII", strings.Repeat("abcdefghij", 40)},
		{"two-byte runes", strings.Repeat("é", 200)},
		{"three-byte runes at every offset", "a" + strings.Repeat("–", 150)},
		{"four-byte runes", "ab" + strings.Repeat("🏥", 90)},
		{"mixed with escapes", strings.Repeat("Zoë; O’Brien, ", 30)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := write(t, Event{UID: "u", Start: stamp, Summary: tt.summary})
			if strings.Contains(strings.ReplaceAll(out, "\r\n", ""), "\n") || strings.Contains(strings.ReplaceAll(out, "\r\n", ""), "\r") {
				t.Fatalf("output has a line end that is not CRLF: %q", out)
			}
			if !strings.HasSuffix(out, "\r\n") {
				t.Fatalf("output does not end with CRLF")
			}
			physical := strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n")
			for i, l := range physical {
				if len(l) > 75 {
					t.Fatalf("line %d is %d octets: %q", i+1, len(l), l)
				}
				if !utf8.ValidString(l) {
					t.Fatalf("line %d splits a UTF-8 sequence: %q", i+1, l)
				}
			}
			if !contains(unfold(out), "SUMMARY:"+escapeText(tt.summary)) {
				t.Fatalf("unfolded output lacks the summary: %q", unfold(out))
			}
		})
	}
}

func TestWriteFoldsAtExactly75(t *testing.T) {
	out := write(t, Event{UID: "u", Start: stamp, Summary: strings.Repeat("x", 200)})
	var folded []string
	for _, l := range strings.Split(out, "\r\n") {
		if strings.HasPrefix(l, "SUMMARY:") || strings.HasPrefix(l, " ") {
			folded = append(folded, l)
		}
	}
	// 8 + 200 = 208 octets: 75, then 74 + the leading space, then the rest.
	want := []int{75, 75, 208 - 75 - 74 + 1}
	if len(folded) != len(want) {
		t.Fatalf("folded into %d lines, want %d: %q", len(folded), len(want), folded)
	}
	for i, l := range folded {
		if len(l) != want[i] {
			t.Fatalf("line %d is %d octets, want %d", i+1, len(l), want[i])
		}
	}
}

func TestWriteInvalid(t *testing.T) {
	tests := []struct {
		name string
		e    Event
		want string
	}{
		{"no UID", Event{Start: stamp, Summary: "Visit"}, `Calendar event 1 ("Visit"): it has no UID.`},
		{"no start", Event{UID: "u", Summary: "Visit"}, `Calendar event 1 ("Visit"): it has no start.`},
		{"ends before it starts", Event{UID: "u", Start: stamp, End: stamp.Add(-time.Hour), Summary: "Visit"},
			`Calendar event 1 ("Visit"): it ends (20250301T070000Z) before it starts (20250301T080000Z).`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Write(&bytes.Buffer{}, "p", stamp, tt.e)
			if got, want := store.ErrorCode(err), store.EINVALID; got != want {
				t.Fatalf("ErrorCode = %q, want %q", got, want)
			}
			if got := store.ErrorMessage(err); got != tt.want {
				t.Fatalf("message = %q, want %q", got, tt.want)
			}
		})
	}
}

var errDiskFull = errors.New("disk full")

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errDiskFull }

func TestWriteError(t *testing.T) {
	err := Write(failingWriter{}, "p", stamp, Event{UID: "u", Start: stamp, Description: strings.Repeat("long ", 2000)})
	if !errors.Is(err, errDiskFull) {
		t.Fatalf("err = %v, want %v", err, errDiskFull)
	}
}
