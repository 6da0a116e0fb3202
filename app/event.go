package app

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/liaisonapp/liaison/app/tasks"
	"github.com/liaisonapp/liaison/store"
)

// eventScreen is the celebration event (or a forum meeting): its agenda,
// its attendees and check-in at the door.
type eventScreen struct {
	loads, agendaLoads loader // number the reads of events and of the one shown
	ui                 *UI

	events    []store.Event
	event     store.Event // the one shown; ID 0 when the round has none
	agenda    []store.AgendaItem
	attendees []store.Attendee
	shown     []store.Attendee // attendees matching the search

	eventSelect *widget.Select
	summary     *widget.Label
	agendaList  *widget.List
	agendaFit   fyne.CanvasObject // a row not shown, to measure titles with
	search      *widget.Entry
	people      *widget.List
	counts      *widget.Label
	editBtn     *widget.Button
	addItemBtn  *widget.Button
	addGuestBtn *widget.Button
	inviteBtn   *widget.Button

	// form is the open add/edit dialog's fields, for tests.
	form *eventForm
	// inviteAsk asks before inviting the round and inviteDone says what
	// the invitation did, offering to undo it; both are kept for tests.
	inviteAsk, inviteDone *dialog.ConfirmDialog

	importBtn, exportBtn, calendarBtn, printBtn *widget.Button
	// checkInAt is the time check-ins are recorded at: empty for now, or a
	// time typed to enter a paper sign-in list after the event.
	checkInAt *widget.Entry
	// lastRSVP says what the last answer did to the waitlist, and
	// lastImport what the last import did; both for tests.
	lastRSVP, lastImport string

	// src is what the screen shows: the round's events, or (on the Forum
	// screen) one forum's meetings.
	src eventSource
}

// eventSource is what an event screen lists and how it names them: the
// Event screen's round events, or a forum's meetings, which share the
// agenda, attendee and check-in machinery.
type eventSource struct {
	// noun is "event" or "meeting".
	noun string
	// read returns, on the UI goroutine, the work that lists the events.
	read func() func(ctx context.Context) ([]store.Event, error)
	// label names an event in the picker.
	label func(store.Event) string
	// own makes a new event the round's or the forum's.
	own func(e *store.Event)
	// none is the summary when there is nothing to show.
	none string
	// newLabel and onNew are the New… button: by default a blank event.
	newLabel string
	onNew    func()
	// shown, when set, hears which event the screen shows once it is
	// loaded (the Forum screen lists that meeting's actions).
	shown func(store.Event)
	// pick, when set, chooses the event to show when the one shown has
	// gone (or none was); by default the first.
	pick func([]store.Event) store.Event
}

func newEvent(ui *UI) *eventScreen {
	s := &eventScreen{ui: ui}
	s.src = eventSource{noun: "event", label: func(e store.Event) string { return e.Name },
		read: func() func(ctx context.Context) ([]store.Event, error) {
			r := ui.round
			return func(ctx context.Context) ([]store.Event, error) {
				if r.ID == 0 {
					return nil, nil
				}
				return ui.db.Events(ctx, r.ID)
			}
		},
		own:      func(e *store.Event) { e.RoundID = ui.round.ID },
		none:     "This round has no event yet. Add the celebration event with New event…; forum meetings are on the Forum screen.",
		newLabel: "New event…"}
	return s
}

func (s *eventScreen) title() string { return "Event" }

func (s *eventScreen) content() fyne.CanvasObject {
	s.eventSelect = widget.NewSelect(nil, func(name string) {
		for _, e := range s.events {
			if s.src.label(e) == name && e.ID != s.event.ID {
				s.event = e
				s.load()
			}
		}
	})
	s.summary = widget.NewLabel("")
	s.summary.Wrapping = fyne.TextWrapWord
	newBtn := widget.NewButtonWithIcon(s.src.newLabel, theme.ContentAddIcon(), func() {
		if s.src.onNew != nil {
			s.src.onNew()
			return
		}
		s.editEvent(store.Event{})
	})
	s.editBtn = widget.NewButtonWithIcon("Edit…", theme.DocumentCreateIcon(), func() { s.editEvent(s.event) })
	s.calendarBtn = widget.NewButtonWithIcon("Calendar…", theme.CalendarIcon(), s.writeCalendar)
	s.printBtn = widget.NewButtonWithIcon("Print…", theme.DocumentPrintIcon(), s.showPrint)
	top := container.NewVBox(
		container.NewBorder(nil, nil, widget.NewLabelWithStyle(upperFirst(s.src.noun)+":", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
			container.NewHBox(s.editBtn, s.calendarBtn, s.printBtn, newBtn), s.eventSelect),
		s.summary)

	s.agendaList = widget.NewList(func() int { return len(s.agenda) }, newAgendaRow,
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id >= len(s.agenda) {
				return
			}
			a := s.agenda[id]
			c := o.(*fyne.Container)
			c.Objects[0].(*widget.Label).SetText(agendaText(a))
			c.Objects[1].(*widget.Label).SetText(orDash(a.Starts))
			btns := agendaButtons(c)
			btns[0].(*widget.Button).OnTapped = func() { s.moveItem(id, id-1) }
			btns[1].(*widget.Button).OnTapped = func() { s.moveItem(id, id+1) }
			btns[2].(*widget.Button).OnTapped = func() { s.editItem(a) }
			btns[3].(*widget.Button).OnTapped = func() { s.deleteItem(a) }
		})
	s.addItemBtn = widget.NewButtonWithIcon("Add agenda item…", theme.ContentAddIcon(), func() { s.editItem(store.AgendaItem{}) })
	// The rows grow to show the whole of each title at the list's width.
	s.agendaFit = newAgendaRow()
	agendaWatch := container.New(&sizeWatch{changed: func(fyne.Size) { s.fitAgenda() }}, s.agendaList)
	agenda := container.NewBorder(container.NewBorder(nil, nil, heading("Agenda"), s.addItemBtn), nil, nil, nil, agendaWatch)

	s.search = widget.NewEntry()
	s.search.SetPlaceHolder("Find a name or organisation; Enter checks in the only match")
	s.search.OnChanged = func(string) { s.filter() }
	s.search.OnSubmitted = func(string) {
		switch len(s.shown) {
		case 1:
			s.toggleCheckIn(s.shown[0])
		case 0:
			s.counts.SetText("Nobody on the list matches \"" + s.search.Text + "\". Add them with Add guest….")
		default:
			s.counts.SetText(fmt.Sprintf("%s people match \"%s\": keep typing, or press Check in on the right row.", store.Thousands(len(s.shown)), s.search.Text))
		}
	}
	s.counts = widget.NewLabel("")
	s.people = widget.NewList(func() int { return len(s.shown) },
		func() fyne.CanvasObject {
			// The name and organisation give way (an ellipsis) to the
			// status, which is never cut off: at the door it is what
			// the organiser reads.
			name := widget.NewLabel("")
			name.Truncation = fyne.TextTruncateEllipsis
			return container.NewBorder(nil, nil, nil, container.NewHBox(widget.NewButton("RSVP", nil),
				widget.NewButtonWithIcon("", theme.DocumentCreateIcon(), nil), widget.NewButton("Check in", nil)),
				container.NewBorder(nil, nil, nil, widget.NewLabel(""), name))
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			a := s.shown[id]
			c := o.(*fyne.Container)
			text := c.Objects[0].(*fyne.Container)
			l, st := text.Objects[0].(*widget.Label), text.Objects[1].(*widget.Label)
			status := string(a.RSVP)
			if !a.CheckedInAt.IsZero() {
				status = "checked in " + a.CheckedInAt.Local().Format("15:04")
			}
			if a.AccessNeeds != "" || a.DietaryNeeds != "" {
				status += " · needs noted"
			}
			l.SetText(fmt.Sprintf("%s · %s", a.Name, orDash(a.Organisation)))
			st.SetText(status)
			btns := c.Objects[1].(*fyne.Container).Objects
			r := btns[0].(*widget.Button)
			r.SetText(rsvpNext[a.RSVP].label)
			r.OnTapped = func() { s.setRSVP(a, rsvpNext[a.RSVP].to) }
			// Someone who has come cannot decline: undo the check-in first.
			if a.CheckedInAt.IsZero() {
				r.Show()
			} else {
				r.Hide()
			}
			btns[1].(*widget.Button).OnTapped = func() { s.editAttendee(a) }
			b := btns[2].(*widget.Button)
			if a.CheckedInAt.IsZero() {
				b.SetText("Check in")
				b.Importance = widget.HighImportance
			} else {
				b.SetText("Undo")
				b.Importance = widget.MediumImportance
			}
			b.OnTapped = func() { s.toggleCheckIn(a) }
			b.Refresh()
		})
	s.addGuestBtn = widget.NewButtonWithIcon("Add guest…", theme.ContentAddIcon(), func() { s.editAttendee(store.Attendee{Role: "Guest", RSVP: store.RSVPAccepted}) })
	s.inviteBtn = widget.NewButtonWithIcon("Invite every participant", theme.MailSendIcon(), s.inviteAll)
	people := container.NewBorder(
		container.NewVBox(container.NewBorder(nil, nil, heading("Attendees and check-in"), container.NewHBox(s.inviteBtn, s.addGuestBtn)),
			s.attendeeTools(), s.search, s.counts),
		nil, nil, nil, s.people)
	split := container.NewHSplit(agenda, people)
	split.Offset = 0.45
	return container.NewBorder(container.NewPadded(top), nil, nil, nil, split)
}

// newAgendaRow makes a row of the agenda list: the title, wrapped so that
// it is never cut off, between the start time and the row's buttons
// (move up, move down, edit, delete).
func newAgendaRow() fyne.CanvasObject {
	title := widget.NewLabel("")
	title.Wrapping = fyne.TextWrapWord
	// The buttons keep their size at the top of a tall row, beside the
	// title's first line.
	buttons := container.NewHBox(widget.NewButtonWithIcon("", theme.MoveUpIcon(), nil), widget.NewButtonWithIcon("", theme.MoveDownIcon(), nil),
		widget.NewButtonWithIcon("", theme.DocumentCreateIcon(), nil), widget.NewButtonWithIcon("", theme.DeleteIcon(), nil))
	return container.NewBorder(nil, nil, widget.NewLabelWithStyle("00:00", fyne.TextAlignLeading, fyne.TextStyle{Monospace: true}),
		container.NewVBox(buttons), title)
}

// agendaButtons are the buttons of an agenda row made by newAgendaRow.
func agendaButtons(row *fyne.Container) []fyne.CanvasObject {
	return row.Objects[2].(*fyne.Container).Objects[0].(*fyne.Container).Objects
}

// agendaText is an agenda item as its row shows it: title, speaker and
// length.
func agendaText(a store.AgendaItem) string {
	text := a.Title
	if a.Speaker != "" {
		text += " — " + a.Speaker
	}
	if a.Minutes > 0 {
		text += fmt.Sprintf(" (%d min)", a.Minutes)
	}
	return text
}

// fitAgenda makes each agenda row as tall as its wrapped title needs at
// the list's present width, measured on a row laid out at that width. A
// list only sizes rows it is told about, so without this a long title
// would be cut at the row's edge.
func (s *eventScreen) fitAgenda() {
	w := s.agendaList.Size().Width
	if w <= 0 {
		return
	}
	row := s.agendaFit
	row.Resize(fyne.NewSize(w, row.MinSize().Height))
	title := row.(*fyne.Container).Objects[0].(*widget.Label)
	for i, a := range s.agenda {
		title.SetText(agendaText(a))
		s.agendaList.SetItemHeight(i, max(row.MinSize().Height, title.MinSize().Height))
	}
}

// heading is a bold section title.
func heading(text string) *widget.Label {
	return widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "—"
	}
	return s
}

// upperFirst capitalises the first letter of an ASCII word.
func upperFirst(w string) string {
	if w == "" {
		return w
	}
	return strings.ToUpper(w[:1]) + w[1:]
}

// refresh reloads the events (the round's, or the forum's meetings) and
// the one shown.
func (s *eventScreen) refresh() {
	ui := s.ui
	read := s.src.read()
	var events []store.Event
	ui.load(&s.loads, func(ctx context.Context) (err error) {
		events, err = read(ctx)
		return err
	}, func() {
		s.events = events
		names := make([]string, len(events))
		keep := false
		for i, e := range events {
			names[i] = s.src.label(e)
			if e.ID == s.event.ID {
				s.event, keep = e, true
			}
		}
		if !keep {
			s.event = store.Event{}
			if len(events) > 0 {
				s.event = events[0]
				if s.src.pick != nil {
					s.event = s.src.pick(events)
				}
			}
		}
		s.eventSelect.SetOptions(names)
		if s.event.ID != 0 {
			s.eventSelect.SetSelected(s.src.label(s.event))
		} else {
			s.eventSelect.ClearSelected()
		}
		s.load()
	})
}

// load reads the shown event's agenda and attendees.
func (s *eventScreen) load() {
	ui := s.ui
	e := s.event
	var agenda []store.AgendaItem
	var people []store.Attendee
	ui.load(&s.agendaLoads, func(ctx context.Context) (err error) {
		if e.ID == 0 {
			return nil
		}
		if agenda, err = ui.db.Agenda(ctx, e.ID); err == nil {
			people, err = ui.db.Attendees(ctx, e.ID)
		}
		return err
	}, func() {
		s.agenda, s.attendees = agenda, people
		has := e.ID != 0
		for _, w := range []fyne.Disableable{s.editBtn, s.addItemBtn, s.addGuestBtn, s.inviteBtn, s.search, s.importBtn, s.exportBtn, s.checkInAt, s.calendarBtn, s.printBtn} {
			if has {
				w.Enable()
			} else {
				w.Disable()
			}
		}
		if !has {
			s.summary.SetText(s.src.none)
		} else {
			text := fmt.Sprintf("%s · %s · capacity %s", orDash(store.LongDate(e.Date)), orDash(e.Venue), capacityText(e.Capacity))
			if e.Date != "" && e.Date < ui.now().Format(store.DateLayout) {
				text += " · this " + s.src.noun + " has taken place"
			}
			s.summary.SetText(text)
		}
		s.fitAgenda()
		s.agendaList.Refresh()
		s.filter()
		if s.src.shown != nil {
			s.src.shown(e)
		}
	})
}

func capacityText(n int) string {
	if n == 0 {
		return "not set"
	}
	return store.Thousands(n)
}

// filter shows the attendees matching the search and the counts.
func (s *eventScreen) filter() {
	q := strings.ToLower(strings.TrimSpace(s.search.Text))
	s.shown = s.shown[:0]
	accepted, waiting, in := 0, 0, 0
	for _, a := range s.attendees {
		switch a.RSVP {
		case store.RSVPAccepted:
			accepted++
		case store.RSVPWaitlisted:
			waiting++
		}
		if !a.CheckedInAt.IsZero() {
			in++
		}
		if q == "" || strings.Contains(strings.ToLower(a.Name+" "+a.Organisation), q) {
			s.shown = append(s.shown, a)
		}
	}
	text := fmt.Sprintf("%s on the list · %s accepted · %s checked in · capacity %s", store.Thousands(len(s.attendees)), store.Thousands(accepted), store.Thousands(in), capacityText(s.event.Capacity))
	if waiting > 0 {
		text += " · " + store.Thousands(waiting) + " on the waitlist"
	}
	if c := s.event.Capacity; c > 0 && max(accepted, in) > c {
		text += fmt.Sprintf(" · OVER CAPACITY by %d", max(accepted, in)-c)
	}
	if needs := tasks.CateringCounts(s.attendees); len(needs) > 0 {
		parts := make([]string, len(needs))
		for i, n := range needs {
			parts[i] = fmt.Sprintf("%s %d", n.Need, n.People)
		}
		text += "\nNeeds of those coming (for the caterers; never exported with names): " + strings.Join(parts, " · ")
	}
	s.counts.SetText(text)
	s.people.Refresh()
}

// toggleCheckIn checks an attendee in now, or undoes a check-in.
func (s *eventScreen) toggleCheckIn(a store.Attendee) {
	ui := s.ui
	var at time.Time // zero undoes the check-in
	if a.CheckedInAt.IsZero() {
		var err error
		if at, err = s.checkInTime(); err != nil {
			ui.showError(err)
			return
		}
	}
	ui.write(func() error { return ui.db.CheckIn(ui.ctx, a.ID, at) }, func() {
		s.search.SetText("")
		ui.Changed()
	})
}

// rsvpNext is what the RSVP button on a row does, named as an action: an
// invited person can be marked as accepting, an accepting or waiting one
// as declining, and a declined one invited again.
var rsvpNext = map[store.RSVP]struct {
	label string
	to    store.RSVP
}{
	store.RSVPInvited:    {"Accept", store.RSVPAccepted},
	store.RSVPAccepted:   {"Decline", store.RSVPDeclined},
	store.RSVPWaitlisted: {"Decline", store.RSVPDeclined},
	store.RSVPDeclined:   {"Re-invite", store.RSVPInvited},
}

// setRSVP records an attendee's answer through the store's capacity rule
// and says when it waitlisted them or promoted someone from the waitlist.
func (s *eventScreen) setRSVP(a store.Attendee, to store.RSVP) {
	ui := s.ui
	var got store.RSVP
	var promoted store.Attendee
	ui.write(func() (err error) {
		got, promoted, err = ui.db.SetRSVP(ui.ctx, a.ID, to, ui.now())
		return err
	}, func() {
		s.lastRSVP = ""
		if got == store.RSVPWaitlisted {
			s.lastRSVP = a.Name + " is on the waitlist: every place is taken. A decline gives them the first free place."
		}
		if promoted.ID != 0 {
			s.lastRSVP = promoted.Name + " was on the waitlist and now has the place " + a.Name + " gave up."
		}
		if s.lastRSVP != "" {
			ui.showInfo("Waitlist", s.lastRSVP)
		}
		ui.Changed()
	})
}

// inviteAll says what "Invite every participant" does, and asks first.
func (s *eventScreen) inviteAll() {
	if s.event.ID == 0 {
		s.ui.showError(store.Errorf(store.EINVALID, "Create the %s first.", s.src.noun))
		return
	}
	if !s.ui.haveRound() {
		return
	}
	s.inviteAsk = dialog.NewConfirm("Invite every participant?",
		fmt.Sprintf("Everyone in the round %q who is not on the list yet is added to it as invited.\n", s.ui.round.Name)+
			"Liaison sends nothing: invite them by email yourself. You can undo this straight afterwards.",
		func(ok bool) {
			if ok {
				s.invite()
			}
		}, s.ui.win)
	s.inviteAsk.SetConfirmText("Add them to the list")
	// Enter adds them (it can be undone straight afterwards); Esc does not.
	s.ui.withKeys(s.inviteAsk, &formKeys{submit: s.inviteAsk.Confirm, cancel: s.inviteAsk.Hide})
	s.inviteAsk.Show()
}

// invite adds the round's participants to the list in one step
// (store.InviteRound) and offers to take exactly those people off again.
func (s *eventScreen) invite() {
	ui := s.ui
	eventID, roundID := s.event.ID, ui.round.ID
	var added []int64
	var err error
	ui.async(ui.written(func() { added, err = ui.db.InviteRound(ui.ctx, eventID, roundID) }), func() {
		if err != nil {
			ui.showError(err)
			return
		}
		ui.Changed()
		if len(added) == 0 {
			ui.showInfo("Invited", "Every participant is already on the list; nobody was added.")
			return
		}
		s.inviteDone = dialog.NewConfirm("Invited",
			store.Plural(len(added), "participant was", "participants were")+" added to the list as invited. Nothing was sent.",
			func(undo bool) {
				if undo {
					ui.write(func() error { return ui.db.DeleteAttendees(ui.ctx, added) }, ui.Changed)
				}
			}, ui.win)
		s.inviteDone.SetConfirmText("Undo")
		s.inviteDone.SetDismissText("Keep them")
		ui.withKeys(s.inviteDone, &formKeys{submit: s.inviteDone.Hide, cancel: s.inviteDone.Hide})
		s.inviteDone.Show()
	})
}

// eventForm holds the fields of the open add/edit dialog.
type eventForm struct {
	entries map[string]*formEntry
	choice  *formSelect
	dialog  *dialog.FormDialog
	// values and selected are what was typed and chosen, copied on the
	// UI goroutine when the form is saved, for the save to read off it.
	values   map[string]string
	selected string
}

// freeze copies what the form holds, on the UI goroutine.
func (f *eventForm) freeze() {
	f.values = make(map[string]string, len(f.entries))
	for name, e := range f.entries {
		f.values[name] = strings.TrimSpace(e.Text)
	}
	if f.choice != nil {
		f.selected = f.choice.Selected
	}
}

func (s *eventScreen) showForm(title string, fields []string, values []string, choice *formSelect, save func(f *eventForm) error) {
	f := &eventForm{entries: map[string]*formEntry{}, choice: choice}
	var items []*widget.FormItem
	var inOrder []fyne.CanvasObject
	for i, name := range fields {
		e := newFormEntry()
		if name == "Date" {
			e = newDateEntry("")
		}
		e.SetText(values[i])
		f.entries[name] = e
		inOrder = append(inOrder, e)
		items = append(items, widget.NewFormItem(name, e))
	}
	if choice != nil {
		items = append(items, widget.NewFormItem("RSVP", choice))
		inOrder = append(inOrder, choice)
	}
	f.dialog = dialog.NewForm(title, "Save", "Cancel", items, func(ok bool) {
		if !ok {
			return
		}
		f.freeze()
		s.ui.write(func() error { return save(f) }, s.ui.Changed)
	}, s.ui.win)
	f.dialog.Resize(fyne.NewSize(560, 0))
	s.ui.withKeys(f.dialog, &formKeys{submit: f.dialog.Submit, cancel: f.dialog.Hide}, inOrder...)
	f.dialog.Show()
	s.ui.win.Canvas().Focus(f.entries[fields[0]])
	s.form = f
}

func (f *eventForm) text(name string) string {
	if f.values != nil {
		return f.values[name]
	}
	return strings.TrimSpace(f.entries[name].Text)
}

// editEvent adds (ID 0) or edits an event.
func (s *eventScreen) editEvent(e store.Event) {
	title := "New " + s.src.noun
	if e.ID != 0 {
		title = "Edit " + s.src.noun
	}
	cap := ""
	if e.Capacity > 0 {
		cap = strconv.Itoa(e.Capacity)
	}
	s.showForm(title, []string{"Name", "Date", "Venue", "Capacity"}, []string{e.Name, e.Date, e.Venue, cap}, nil,
		func(f *eventForm) error {
			if e.ID == 0 {
				s.src.own(&e)
			}
			e.Name, e.Date, e.Venue = f.text("Name"), f.text("Date"), f.text("Venue")
			n, err := atoiOrZero("Capacity", f.text("Capacity"))
			if err != nil {
				return err
			}
			e.Capacity = n
			if e.ID == 0 {
				err = s.ui.db.CreateEvent(s.ui.ctx, &e)
			} else {
				err = s.ui.db.UpdateEvent(s.ui.ctx, &e)
			}
			if err == nil {
				s.event = e
			}
			return err
		})
}

// atoiOrZero reads a whole number, "" being 0.
func atoiOrZero(field, s string) (int, error) {
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return 0, store.Errorf(store.EINVALID, "%s must be a whole number, not %q.", field, s)
	}
	return n, nil
}

// editItem adds (ID 0) or edits an agenda item.
func (s *eventScreen) editItem(a store.AgendaItem) {
	mins := ""
	if a.Minutes > 0 {
		mins = strconv.Itoa(a.Minutes)
	}
	s.showForm("Agenda item", []string{"Starts (HH:MM)", "Minutes", "Title", "Speaker"}, []string{a.Starts, mins, a.Title, a.Speaker}, nil,
		func(f *eventForm) error {
			a.EventID = s.event.ID
			if a.ID == 0 {
				a.Position = len(s.agenda) + 1
			}
			a.Starts, a.Title, a.Speaker = f.text("Starts (HH:MM)"), f.text("Title"), f.text("Speaker")
			n, err := atoiOrZero("Minutes", f.text("Minutes"))
			if err != nil {
				return err
			}
			a.Minutes = n
			return s.ui.db.SaveAgendaItem(s.ui.ctx, &a)
		})
}

// moveItem moves agenda item i to place j (earlier or later) in one step
// (store.MoveAgendaItem), shifting the start times of the items in between
// so the schedule stays continuous.
func (s *eventScreen) moveItem(i, j int) {
	if i < 0 || i >= len(s.agenda) || j < 0 || j >= len(s.agenda) || i == j {
		return
	}
	ui, id := s.ui, s.agenda[i].ID
	var err error
	ui.async(ui.written(func() { err = ui.db.MoveAgendaItem(ui.ctx, id, j+1, true) }), func() {
		if err != nil {
			ui.showError(err)
		}
		ui.Changed()
	})
}

func (s *eventScreen) deleteItem(a store.AgendaItem) {
	s.ui.showConfirm("Delete agenda item", fmt.Sprintf("Delete %q from the agenda?", a.Title), func() {
		s.ui.write(func() error { return s.ui.db.DeleteAgendaItem(s.ui.ctx, a.ID) }, s.ui.Changed)
	})
}
