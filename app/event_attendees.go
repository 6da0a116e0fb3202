package app

import (
	"fmt"
	"io"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/liaisonapp/liaison/app/tasks"
	"github.com/liaisonapp/liaison/store"
	"github.com/liaisonapp/liaison/store/ics"
)

// attendeeTools is the row above the attendee list: the time check-ins
// are recorded at, and the list's import and export.
func (s *eventScreen) attendeeTools() fyne.CanvasObject {
	s.checkInAt = widget.NewEntry()
	s.checkInAt.SetPlaceHolder("now")
	s.checkInAt.Validator = func(v string) error {
		if strings.TrimSpace(v) == "" {
			return nil
		}
		_, err := s.parseCheckInAt(v)
		return err
	}
	s.importBtn = widget.NewButtonWithIcon("Import list…", theme.FolderOpenIcon(), s.importAttendees)
	s.exportBtn = widget.NewButtonWithIcon("Export list…", theme.DocumentSaveIcon(), s.exportAttendees)
	at := container.NewBorder(nil, nil, widget.NewLabel("Check in at:"), nil, s.checkInAt)
	return container.NewBorder(nil, nil, nil, container.NewHBox(s.importBtn, s.exportBtn), at)
}

// checkInTime is when a check-in made now is recorded: now, or the time
// typed (HH:MM on the event's date, or a date and time) for a paper
// sign-in list entered after the event.
func (s *eventScreen) checkInTime() (time.Time, error) {
	v := strings.TrimSpace(s.checkInAt.Text)
	if v == "" {
		return s.ui.now(), nil
	}
	return s.parseCheckInAt(v)
}

func (s *eventScreen) parseCheckInAt(v string) (time.Time, error) {
	v = strings.TrimSpace(v)
	if t, err := time.Parse("15:04", v); err == nil {
		if s.event.Date == "" {
			return time.Time{}, fmt.Errorf("the event has no date: type the date too, such as 12/07/2018 14:05")
		}
		d, _ := time.ParseInLocation(store.DateLayout, s.event.Date, time.Local)
		return time.Date(d.Year(), d.Month(), d.Day(), t.Hour(), t.Minute(), 0, 0, time.Local), nil
	}
	if t, err := store.ParseDateTime(v, time.Local); err == nil {
		return t, nil
	}
	return time.Time{}, fmt.Errorf("%q is not a time: type 14:05 (on the event's day) or 12/07/2018 14:05, or leave it empty for now", v)
}

// editAttendee adds (ID 0) or edits an attendee, with their access and
// dietary needs: health data, kept only when entered.
func (s *eventScreen) editAttendee(a store.Attendee) {
	title := "Edit attendee"
	if a.ID == 0 {
		title = "Add guest"
	}
	var rsvp *formSelect
	if a.ID == 0 {
		rsvp = newFormSelect([]string{string(store.RSVPInvited), string(store.RSVPAccepted), string(store.RSVPDeclined)}, nil)
		rsvp.SetSelected(string(a.RSVP))
	}
	fields := []string{"Name", "Email", "Organisation", "Role", "Access needs", "Dietary needs"}
	values := []string{a.Name, a.Email, a.Organisation, a.Role, a.AccessNeeds, a.DietaryNeeds}
	s.showForm(title, fields, values, rsvp, func(f *eventForm) error {
		a.EventID = s.event.ID
		a.Name, a.Email, a.Organisation, a.Role = f.text("Name"), f.text("Email"), f.text("Organisation"), f.text("Role")
		a.AccessNeeds, a.DietaryNeeds = f.text("Access needs"), f.text("Dietary needs")
		if a.ID != 0 {
			return s.ui.db.SaveAttendee(s.ui.ctx, &a)
		}
		// A new guest's answer goes through the capacity rule too.
		want := store.RSVP(f.selected)
		a.RSVP = store.RSVPInvited
		if err := s.ui.db.SaveAttendee(s.ui.ctx, &a); err != nil {
			return err
		}
		if want == store.RSVPInvited {
			return nil
		}
		_, _, err := s.ui.db.SetRSVP(s.ui.ctx, a.ID, want, s.ui.now())
		return err
	})
}

// importAttendees reads an attendee list and, when it has no problems,
// stores it all; a list with problems names each and stores nothing.
func (s *eventScreen) importAttendees() {
	ui := s.ui
	e := s.event
	if e.ID == 0 {
		return
	}
	ui.files.open("Import an attendee list", "csv", func(path string, err error) {
		if err != nil {
			if err != errCancelled {
				ui.showError(err)
			}
			return
		}
		var res tasks.AttendeesImport
		ui.write(func() error {
			imp, err := tasks.ReadAttendeesFile(path)
			if err != nil {
				return err
			}
			res, err = tasks.ImportAttendees(ui.ctx, ui.db, e, imp)
			return err
		}, func() {
			s.lastImport = res.String()
			ui.showInfo("Attendees imported", s.lastImport)
			ui.Changed()
		})
	})
}

// exportAttendees writes the list for Excel, without anyone's needs.
func (s *eventScreen) exportAttendees() {
	ui := s.ui
	e, as := s.event, s.attendees
	if e.ID == 0 {
		return
	}
	saveFile(ui, "Export the attendee list", fileSlug(e.Name)+"-attendees.csv",
		func(w io.Writer) error { return tasks.ExportAttendees(w, as) },
		"Exported", func(path string) string {
			return fmt.Sprintf("Wrote %s to %s. Access and dietary needs are not in it: the Event screen shows them as counts for the caterers.",
				store.Plural(len(as), "attendee", "attendees"), path)
		})
}

// writeCalendar saves the event as an .ics file for Outlook.
func (s *eventScreen) writeCalendar() {
	ui := s.ui
	e, items := s.event, s.agenda
	ev, err := tasks.EventCalendar(e, items)
	if err != nil {
		ui.showError(err)
		return
	}
	stamp := ui.now()
	saveFile(ui, "Save the event to a calendar file", fileSlug(e.Name)+".ics",
		func(w io.Writer) error { return ics.Write(w, "-//Liaison//Liaison//EN", stamp, ev) },
		"Calendar saved", func(path string) string { return "Wrote " + path + ". Open it in Outlook to add the event." })
}

// showPrint offers the event's printed documents: the programme, the
// sign-in sheet and name badges, each an A4 PDF saved where the organiser
// chooses.
func (s *eventScreen) showPrint() {
	ui := s.ui
	e, items, as := s.event, s.agenda, s.attendees
	if e.ID == 0 {
		return
	}
	var d dialog.Dialog
	save := func(what, name string, make func() ([]byte, error)) func() {
		return func() {
			d.Hide()
			pdf, err := make()
			if err != nil {
				ui.showError(err)
				return
			}
			saveFile(ui, "Save "+what, fileSlug(e.Name)+"-"+name+".pdf",
				func(w io.Writer) error { _, err := w.Write(pdf); return err },
				"Saved", func(path string) string { return "Wrote " + what + " to " + path + "." })
		}
	}
	now := ui.now()
	d = dialog.NewCustom("Print for "+e.Name, "Close", container.NewVBox(
		widget.NewButton("Programme", save("the programme", "programme", func() ([]byte, error) { return tasks.Programme(e, items, now) })),
		widget.NewButton("Sign-in sheet", save("the sign-in sheet", "sign-in", func() ([]byte, error) { return tasks.SignInSheet(e, as, now) })),
		widget.NewButton("Name badges, 8 to a sheet", save("the name badges", "badges", func() ([]byte, error) { return tasks.Badges(e, as, 8, now) })),
		widget.NewButton("Name badges, 10 to a sheet", save("the name badges", "badges", func() ([]byte, error) { return tasks.Badges(e, as, 10, now) })),
	), ui.win)
	ui.withKeys(d, &formKeys{cancel: d.Hide})
	d.Show()
}
