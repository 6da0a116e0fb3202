// Package ics writes iCalendar (RFC 5545) files for visits, so that a pair
// can put their half days in Outlook with a double-click. It writes only
// what Outlook, Google Calendar and Apple Calendar need (UTC times or
// all-day dates, so no VTIMEZONE) and follows the RFC's folding, escaping
// and CRLF rules, which Outlook is strict about.
package ics

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/liaisonapp/liaison/store"
)

// Event is one calendar entry.
type Event struct {
	// UID identifies the event for ever, across files: a calendar that
	// imports a file with the same UID again updates the entry instead of
	// adding a second one. Use something like "visit-12@liaison".
	UID string
	// Start and End bound the event. For an all-day event only their dates
	// count (in their own time zones), and End is the last day, inclusive;
	// a zero End means a one-day event. For a timed event a zero End writes
	// no DTEND.
	Start, End time.Time
	AllDay     bool
	Summary    string
	Location   string
	// Description may have several lines.
	Description string
}

// Write writes a VCALENDAR holding events. prodID names the program (such
// as "-//Liaison//Liaison 1.0//EN") and stamp is when the file was made
// (DTSTAMP). An event without a UID or start, or that ends before it
// starts, is an EINVALID error and nothing useful is written.
func Write(w io.Writer, prodID string, stamp time.Time, events ...Event) error {
	for i, e := range events {
		if err := e.check(); err != nil {
			return store.Errorf(store.EINVALID, "Calendar event %d (%q): %s.", i+1, e.Summary, err)
		}
	}
	lw := &lineWriter{w: bufio.NewWriter(w)}
	lw.line("BEGIN:VCALENDAR")
	lw.line("VERSION:2.0")
	lw.line("PRODID:" + escapeText(prodID))
	lw.line("CALSCALE:GREGORIAN")
	lw.line("METHOD:PUBLISH")
	dtstamp := utc(stamp)
	for _, e := range events {
		lw.line("BEGIN:VEVENT")
		lw.line("UID:" + escapeText(e.UID))
		lw.line("DTSTAMP:" + dtstamp)
		if e.AllDay {
			end := e.End
			if end.IsZero() || date(end) < date(e.Start) {
				end = e.Start
			}
			// DTEND of an all-day event is exclusive: the day after the last.
			y, m, d := end.Date()
			lw.line("DTSTART;VALUE=DATE:" + date(e.Start))
			lw.line("DTEND;VALUE=DATE:" + date(time.Date(y, m, d+1, 0, 0, 0, 0, time.UTC)))
		} else {
			lw.line("DTSTART:" + utc(e.Start))
			if !e.End.IsZero() {
				lw.line("DTEND:" + utc(e.End))
			}
		}
		lw.line("SUMMARY:" + escapeText(e.Summary))
		if e.Location != "" {
			lw.line("LOCATION:" + escapeText(e.Location))
		}
		if e.Description != "" {
			lw.line("DESCRIPTION:" + escapeText(e.Description))
		}
		lw.line("END:VEVENT")
	}
	lw.line("END:VCALENDAR")
	if lw.err != nil {
		return lw.err
	}
	return lw.w.Flush()
}

// check says what makes e unwritable, or returns nil.
func (e Event) check() error {
	switch {
	case strings.TrimSpace(e.UID) == "":
		return fmt.Errorf("it has no UID")
	case e.Start.IsZero():
		return fmt.Errorf("it has no start")
	case !e.AllDay && !e.End.IsZero() && e.End.Before(e.Start):
		return fmt.Errorf("it ends (%s) before it starts (%s)", utc(e.End), utc(e.Start))
	}
	return nil
}

// utc formats t as an RFC 5545 UTC date-time, such as 20250314T093000Z.
func utc(t time.Time) string { return t.UTC().Format("20060102T150405Z") }

// date formats t's calendar date in its own zone, such as 20250314.
func date(t time.Time) string { return t.Format("20060102") }

// escapeText escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon
// and comma get a backslash, every kind of line break becomes \n, and other
// control characters, which the RFC forbids, are dropped.
func escapeText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\\' || r == ';' || r == ',':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n' || r == '\r':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// maxLine is the longest a content line may be, in octets, before its
// CRLF (RFC 5545 §3.1).
const maxLine = 75

// lineWriter writes content lines folded and ended with CRLF, keeping the
// first error.
type lineWriter struct {
	w   *bufio.Writer
	err error
}

// line writes one content line, folded so no physical line is longer than
// 75 octets. A fold never splits a UTF-8 sequence, and each continuation
// line starts with one space, which counts towards its 75.
func (lw *lineWriter) line(s string) {
	if lw.err != nil {
		return
	}
	limit := maxLine
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		lw.write(s[:cut])
		lw.write("\r\n ")
		s = s[cut:]
		limit = maxLine - 1
	}
	lw.write(s)
	lw.write("\r\n")
}

func (lw *lineWriter) write(s string) {
	if lw.err == nil {
		_, lw.err = lw.w.WriteString(s)
	}
}
