package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// TestVisitHalfDaysInCalendar sets a visit to the afternoon and another to
// a typed start, and checks the pair's calendar and the round's have them
// as timed half days.
func TestVisitHalfDaysInCalendar(t *testing.T) {
	ui, s := pairingsOn(t, fourPeople...)
	s.first.SetSelected("Ada Ashdown (GP, Old Bank Surgery)")
	waitIdle(t)
	s.second.SetSelected("Ben Brook (Consultant, City General)")
	waitIdle(t)
	test.Tap(s.pairBtn)
	waitIdle(t)
	s.table.UnselectAll()
	waitIdle(t)
	s.selected = 0
	s.updateButtons()
	waitIdle(t)
	if got := s.icsBtn.Text; got != "Round's calendar (.ics)…" {
		t.Fatalf("with no pair selected the calendar button reads %q", got)
	}
	s.table.Select(widget.TableCellID{Row: 0, Col: 0})
	waitIdle(t)
	if got := s.icsBtn.Text; got != "Pair's calendar (.ics)…" {
		t.Fatalf("with a pair selected the calendar button reads %q", got)
	}
	test.Tap(s.visitsBtn)
	waitIdle(t)
	e := s.visits
	e.date[0].SetText("01/12/2026")
	e.session[0].SetText("teatime")
	test.Tap(e.save)
	waitIdle(t)
	if !e.problem.Visible() || !strings.Contains(e.problem.Text, "is not a time of day") {
		t.Fatalf("problem = %q, want the session refused", e.problem.Text)
	}
	e.session[0].SetText("afternoon (13:00–17:00)")
	e.date[1].SetText("2026-12-08")
	e.session[1].SetText("10:30")
	test.Tap(e.save)
	waitIdle(t)
	if v := s.pairs[0].Visits; v[0].Session != "afternoon" || v[1].Session != "10:30" {
		t.Fatalf("sessions stored = %q, %q", v[0].Session, v[1].Session)
	}

	out := filepath.Join(t.TempDir(), "pair.ics")
	pickFiles(ui, "", out)
	test.Tap(s.icsBtn)
	waitIdle(t)
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"DTSTART:20261201T130000Z\r\nDTEND:20261201T170000Z\r\n", "DTSTART:20261208T103000Z\r\n"} {
		if !strings.Contains(string(b), want) {
			t.Fatalf("pair calendar lacks %q:\n%s", want, b)
		}
	}

	s.table.UnselectAll()
	waitIdle(t)
	s.selected = 0
	s.updateButtons()
	waitIdle(t)
	round := filepath.Join(t.TempDir(), "round.ics")
	pickFiles(ui, "", round)
	test.Tap(s.icsBtn)
	waitIdle(t)
	if b, err := os.ReadFile(round); err != nil || strings.Count(string(b), "BEGIN:VEVENT") != 2 {
		t.Fatalf("round calendar: %v\n%s", err, b)
	}
}
