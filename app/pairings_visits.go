package app

import (
	"fmt"
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/liaisonapp/liaison/app/tasks"
	"github.com/liaisonapp/liaison/store"
)

// visitEditor edits both visits of a pair.
type visitEditor struct {
	dialog       *dialog.CustomDialog
	pair         store.Pairing
	date         [2]*formEntry
	session      [2]*widget.SelectEntry
	status       [2]*formSelect
	notes        [2]*formEntry
	reflection   [2]*formCheck
	problem      *widget.Label
	save, cancel *widget.Button
}

// showVisits opens the visit editor for the selected pair.
func (s *pairingsScreen) showVisits() {
	p, ok := s.selectedPair()
	if !ok {
		return
	}
	ui := s.ui
	e := &visitEditor{pair: p, problem: widget.NewLabel("")}
	e.problem.Importance = widget.DangerImportance
	e.problem.Wrapping = fyne.TextWrapWord
	e.problem.Hide()
	statuses := make([]string, len(store.VisitStatuses))
	for i, st := range store.VisitStatuses {
		statuses[i] = string(st)
	}
	heads := [2]string{
		fmt.Sprintf("Visit to the practice: %s visits %s", p.Secondary.Name, orgOr(p.Primary)),
		fmt.Sprintf("Visit to the hospital: %s visits %s", p.Primary.Name, orgOr(p.Secondary)),
	}
	var sections, fields []fyne.CanvasObject
	for i, v := range p.Visits {
		e.date[i] = newDateEntry(v.Date)
		e.session[i] = widget.NewSelectEntry([]string{store.SessionText(store.SessionMorning), store.SessionText(store.SessionAfternoon)})
		e.session[i].SetText(store.SessionText(v.Session))
		if v.Session != "" && v.Session != store.SessionMorning && v.Session != store.SessionAfternoon {
			e.session[i].SetText(v.Session)
		}
		e.session[i].SetPlaceHolder("morning, afternoon or a start time such as 10:30")
		e.status[i] = newFormSelect(statuses, nil)
		e.status[i].SetSelected(string(v.Status))
		e.notes[i] = newFormMultiLineEntry()
		e.notes[i].SetText(v.Notes)
		e.notes[i].SetMinRowsVisible(2)
		e.reflection[i] = newFormCheck("Reflection received", nil)
		e.reflection[i].SetChecked(v.ReflectionReceived)
		head := widget.NewLabelWithStyle(heads[i], fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		form := widget.NewForm(
			widget.NewFormItem("Date", e.date[i]),
			widget.NewFormItem("Half day", e.session[i]),
			widget.NewFormItem("Status", e.status[i]),
			widget.NewFormItem("Notes", e.notes[i]),
			widget.NewFormItem("", e.reflection[i]),
		)
		sections = append(sections, head, form)
		fields = append(fields, e.date[i], e.status[i], e.notes[i], e.reflection[i])
	}
	sections = append(sections, e.problem)
	e.dialog = dialog.NewCustomWithoutButtons("Visits of "+p.Primary.Name+" and "+p.Secondary.Name, container.NewVBox(sections...), ui.win)
	e.cancel = widget.NewButton("Cancel", e.dialog.Hide)
	e.save = widget.NewButtonWithIcon("Save", theme.ConfirmIcon(), func() { s.saveVisits(e) })
	e.save.Importance = widget.HighImportance
	e.dialog.SetButtons([]fyne.CanvasObject{e.cancel, e.save})
	e.dialog.Resize(fyne.NewSize(760, 720))
	// Enter in a notes box starts a new line; Shift+Enter there saves.
	ui.withKeys(e.dialog, &formKeys{submit: pressIfEnabled(e.save), cancel: e.dialog.Hide}, fields...)
	e.dialog.Show()
	ui.win.Canvas().Focus(e.date[0])
	s.visits = e
}

func orgOr(p store.Participant) string {
	if p.Organisation != "" {
		return p.Organisation
	}
	return p.Name + "'s workplace"
}

// saveVisits checks and stores both visits; a problem keeps the editor open.
func (s *pairingsScreen) saveVisits(e *visitEditor) {
	ui := s.ui
	visits := e.pair.Visits
	names := [2]string{"visit to the practice", "visit to the hospital"}
	for i := range visits {
		date, err := store.ParseDate(e.date[i].Text)
		if err != nil {
			e.problem.SetText("The " + names[i] + ": " + store.ErrorMessage(err))
			e.problem.Show()
			return
		}
		visits[i].Date = date
		session, err := store.ParseSession(e.session[i].Text)
		if err != nil {
			e.problem.SetText("The " + names[i] + ": " + store.ErrorMessage(err))
			e.problem.Show()
			return
		}
		visits[i].Session = session
		visits[i].Status = store.VisitStatus(e.status[i].Selected)
		visits[i].Notes = e.notes[i].Text
		visits[i].ReflectionReceived = e.reflection[i].Checked
	}
	// Both visits in one step: a problem with either saves neither.
	pairID := e.pair.ID
	var err error
	ui.async(ui.written(func() { err = ui.db.SaveVisits(ui.ctx, pairID, visits) }), func() {
		if err != nil {
			e.problem.SetText(store.ErrorMessage(err))
			e.problem.Show()
			return
		}
		e.dialog.Hide()
		ui.Changed()
	})
}

// visitUID names a visit for calendars (tasks.VisitUID).
func visitUID(p store.Pairing, v store.Visit) string { return tasks.VisitUID(p, v) }

// calendarButton names what the calendar button writes: the selected
// pair's visits, or, with no pair selected, every visit of the round.
func (s *pairingsScreen) calendarButton(pairSelected bool) {
	if pairSelected {
		s.icsBtn.SetText("Pair's calendar (.ics)…")
	} else {
		s.icsBtn.SetText("Round's calendar (.ics)…")
	}
	setEnabled(pairSelected || len(s.pairs) > 0, s.icsBtn)
}

// writeCalendar writes the selected pair's dated visits, or every dated
// visit of the round when no pair is selected, as one .ics file.
func (s *pairingsScreen) writeCalendar() {
	p, ok := s.selectedPair()
	if !ok {
		s.writeRoundCalendar()
		return
	}
	ui := s.ui
	events := tasks.CalendarEvents(p)
	if len(events) == 0 {
		ui.showError(store.Errorf(store.EINVALID, "Neither visit of %s and %s has a date yet: add one with Visits… first.", p.Primary.Name, p.Secondary.Name))
		return
	}
	name := "visits-" + fileSlug(p.Primary.Name) + "-" + fileSlug(p.Secondary.Name) + ".ics"
	stamp := ui.now()
	saveFile(ui, "Save the visits to a calendar file", name,
		func(w io.Writer) error { return tasks.WriteCalendar(w, stamp, events) },
		"Calendar saved", func(path string) string {
			return fmt.Sprintf("Wrote %s to %s. Open it in Outlook to add them.", store.Plural(len(events), "visit", "visits"), path)
		})
}

// fileSlug turns a name into something safe in a file name.
func fileSlug(s string) string {
	return strings.Trim(strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			return r
		case r >= 'A' && r <= 'Z':
			return r + 'a' - 'A'
		}
		return '-'
	}, s), "-")
}

// writeRoundCalendar writes every dated visit of the round as one .ics file.
func (s *pairingsScreen) writeRoundCalendar() {
	ui := s.ui
	events := tasks.RoundCalendarEvents(s.pairs)
	if len(events) == 0 {
		ui.showError(store.Errorf(store.EINVALID, "No visit of the round has a date yet: add them with Visits… first."))
		return
	}
	stamp := ui.now()
	saveFile(ui, "Save every visit of the round to a calendar file", "visits-"+fileSlug(ui.round.Name)+".ics",
		func(w io.Writer) error { return tasks.WriteCalendar(w, stamp, events) },
		"Calendar saved", func(path string) string {
			return fmt.Sprintf("Wrote %s to %s. Open it in Outlook to add them.", store.Plural(len(events), "visit", "visits"), path)
		})
}
