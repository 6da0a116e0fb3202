package app

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/liaisonapp/liaison/store"
)

// forumScreen is the regular primary–secondary care forum: a series of
// meetings that outlives any round. It lists the forums and each one's
// meetings; the Meeting tab is the Event screen's agenda, attendees and
// check-in for the forum's meetings, with the actions agreed there (which
// become improvement projects); the Groups tab holds the task-and-finish
// groups.
type forumScreen struct {
	loads, actionLoads loader
	ui                 *UI

	forums   []store.Forum
	forum    store.Forum // the one shown; ID 0 when there is none
	meetings []store.Meeting
	cells    [][]string // the meetings table, header first
	picked   int        // the meetings table's selected meeting, -1 for none
	actions  []store.Project

	forumSelect  *widget.Select
	summary      *widget.Label
	editBtn      *widget.Button
	deleteBtn    *widget.Button
	newMeetBtn   *widget.Button
	openBtn      *widget.Button
	delMeetBtn   *widget.Button
	table        *widget.Table
	rows         *tableRows
	tabs         *container.AppTabs
	meeting      *eventScreen
	actionsHead  *widget.Label
	actionsList  *widget.List
	addActionBtn *widget.Button
	groups       *groupsPane

	// The open dialogs, for tests.
	forumForm   *forumForm
	meetingForm *newMeetingForm
	actionForm  *actionForm
}

// The Forum screen's tabs.
const (
	forumMeetingsTab = iota
	forumMeetingTab
	forumGroupsTab
)

func newForum(ui *UI) *forumScreen {
	s := &forumScreen{ui: ui, picked: -1}
	// A forum belongs to no round: its loads stay current when the round
	// changes.
	s.loads.acrossRounds, s.actionLoads.acrossRounds = true, true
	s.meeting = &eventScreen{ui: ui}
	s.meeting.loads.acrossRounds, s.meeting.agendaLoads.acrossRounds = true, true
	s.meeting.src = eventSource{noun: "meeting", label: store.MeetingLabel,
		// The meetings were just read with the forum: the tab shows the
		// same list, not a second read of it.
		read: func() func(ctx context.Context) ([]store.Event, error) {
			events := make([]store.Event, len(s.meetings))
			for i, m := range s.meetings {
				events[i] = m.Event
			}
			return func(context.Context) ([]store.Event, error) { return events, nil }
		},
		own:      func(e *store.Event) { e.ForumID = s.forum.ID },
		none:     "This forum has no meeting yet: New meeting… makes the first, at the forum's venue.",
		newLabel: "New meeting…",
		onNew:    s.showNewMeeting,
		shown:    s.loadActions,
		// A forum opens on today's meeting, else the next, else the latest.
		pick: func(events []store.Event) store.Event { return store.PickEvent(events, ui.now()) },
	}
	s.groups = newGroupsPane(ui)
	return s
}

func (s *forumScreen) title() string { return "Forum" }

func (s *forumScreen) content() fyne.CanvasObject {
	s.forumSelect = widget.NewSelect(nil, func(name string) {
		for _, f := range s.forums {
			if f.Name == name && f.ID != s.forum.ID {
				s.forum = f
				s.picked = -1
				s.refresh()
			}
		}
	})
	s.summary = widget.NewLabel("")
	s.summary.Wrapping = fyne.TextWrapWord
	s.editBtn = widget.NewButtonWithIcon("Edit…", theme.DocumentCreateIcon(), func() { s.editForum(s.forum) })
	s.deleteBtn = widget.NewButtonWithIcon("Delete…", theme.DeleteIcon(), s.deleteForum)
	newBtn := widget.NewButtonWithIcon("New forum…", theme.ContentAddIcon(), func() {
		s.editForum(store.Forum{Every: store.Interval{N: 4, Unit: store.Weeks}})
	})
	top := container.NewVBox(
		container.NewBorder(nil, nil, widget.NewLabelWithStyle("Forum:", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
			container.NewHBox(s.editBtn, s.deleteBtn, newBtn), s.forumSelect),
		s.summary)

	s.table = newCellTable(&s.cells, 140, 250, 340, 100, 90, 100, 80)
	s.table.OnSelected = func(id widget.TableCellID) {
		if id.Row == 0 {
			s.table.UnselectAll()
			return
		}
		s.picked = id.Row - 1
		s.openBtn.Enable()
		s.delMeetBtn.Enable()
	}
	s.rows = rowSelect(s.table, func(row int) {
		if row > 0 {
			s.open(row - 1)
		}
	})
	s.newMeetBtn = widget.NewButtonWithIcon("New meeting from the last…", theme.ContentAddIcon(), s.showNewMeeting)
	s.newMeetBtn.Importance = widget.HighImportance
	s.openBtn = widget.NewButtonWithIcon("Open", theme.FolderOpenIcon(), func() { s.open(s.picked) })
	s.delMeetBtn = widget.NewButtonWithIcon("Delete meeting…", theme.DeleteIcon(), s.deleteMeeting)
	hint := widget.NewLabel("Double-click a meeting, or choose it and Open, for its agenda, attendees, check-in and actions.")
	hint.Wrapping = fyne.TextWrapWord
	meetings := container.NewBorder(
		container.NewVBox(container.NewHBox(s.newMeetBtn, s.openBtn, s.delMeetBtn), hint), nil, nil, nil, s.table)

	s.actionsHead = heading("Actions agreed at this meeting")
	s.addActionBtn = widget.NewButtonWithIcon("Add action…", theme.ContentAddIcon(), s.addAction)
	s.actionsList = widget.NewList(func() int { return len(s.actions) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			l.Truncation = fyne.TextTruncateEllipsis
			l.SetText(s.actionText(s.actions[id]))
		})
	note := widget.NewLabel("each an improvement project on the Projects screen")
	actions := container.NewBorder(container.NewBorder(nil, nil, container.NewHBox(s.actionsHead, note), s.addActionBtn), nil, nil, nil, s.actionsList)
	meetingTab := container.NewVSplit(s.meeting.content(), actions)
	meetingTab.Offset = 0.78

	s.tabs = container.NewAppTabs(
		container.NewTabItem("Meetings", meetings),
		container.NewTabItem("Meeting", meetingTab),
		container.NewTabItem("Task-and-finish groups", s.groups.content()))
	s.tabs.OnSelected = func(*container.TabItem) { s.ui.win.Canvas().Unfocus() }
	return container.NewBorder(container.NewPadded(top), nil, nil, nil, s.tabs)
}

// refresh reads the forums, keeps the one shown (or picks the first), its
// meetings with their counts, and then the meeting tab and the groups.
func (s *forumScreen) refresh() {
	ui := s.ui
	want := s.forum.ID
	var forums []store.Forum
	var forum store.Forum
	var meetings []store.Meeting
	ui.load(&s.loads, func(ctx context.Context) (err error) {
		if forums, err = ui.db.Forums(ctx); err != nil || len(forums) == 0 {
			return err
		}
		forum = forums[0]
		for _, f := range forums {
			if f.ID == want {
				forum = f
			}
		}
		meetings, err = ui.db.Meetings(ctx, forum.ID)
		return err
	}, func() {
		if forum.ID != s.forum.ID {
			s.picked = -1
		}
		s.forums, s.forum, s.meetings = forums, forum, meetings
		names := make([]string, len(forums))
		for i, f := range forums {
			names[i] = f.Name
		}
		s.forumSelect.SetOptions(names)
		if forum.ID != 0 {
			s.forumSelect.SetSelected(forum.Name)
		} else {
			s.forumSelect.ClearSelected()
		}
		s.show()
		s.meeting.refresh()
		s.groups.refresh()
	})
}

// show fills the summary and the meetings table from what was read.
func (s *forumScreen) show() {
	has := s.forum.ID != 0
	for _, w := range []fyne.Disableable{s.editBtn, s.deleteBtn, s.newMeetBtn} {
		if has {
			w.Enable()
		} else {
			w.Disable()
		}
	}
	if s.picked >= len(s.meetings) {
		s.picked = -1
	}
	if s.picked < 0 {
		s.openBtn.Disable()
		s.delMeetBtn.Disable()
	}
	if !has {
		s.summary.SetText("No forum yet. Participants asked above all for a regular primary–secondary care forum (5.25 of 6): " +
			"New forum… sets one up, with how often it meets and where. Its meetings outlive every round.")
	} else {
		text := fmt.Sprintf("Meets %s · usually at %s · %s", s.forum.Every, orDash(s.forum.Venue), store.Plural(len(s.meetings), "meeting", "meetings"))
		if len(s.meetings) > 0 {
			text += " · next proposed " + store.LongDate(store.NextMeetingDate(s.forum, s.meetings, s.ui.now()))
		}
		s.summary.SetText(text)
	}
	s.cells = [][]string{{"Date", "Meeting", "Venue", "On the list", "Accepted", "Checked in", "Actions"}}
	today := s.ui.now().Format(store.DateLayout)
	for _, m := range s.meetings {
		date := store.LongDate(m.Date)
		if m.Date == "" {
			date = "no date yet"
		} else if m.Date == today {
			date += " (today)"
		}
		s.cells = append(s.cells, []string{date, m.Name, orDash(m.Venue), store.Thousands(m.Invited), store.Thousands(m.Accepted),
			store.Thousands(m.CheckedIn), store.Thousands(m.Actions)})
	}
	s.table.Refresh()
}

// open shows meeting i in the Meeting tab.
func (s *forumScreen) open(i int) {
	if i < 0 || i >= len(s.meetings) {
		return
	}
	s.meeting.event = s.meetings[i].Event
	s.meeting.refresh()
	s.tabs.SelectIndex(forumMeetingTab)
}

// loadActions reads the improvement projects agreed at the meeting shown.
func (s *forumScreen) loadActions(e store.Event) {
	ui := s.ui
	var actions []store.Project
	ui.load(&s.actionLoads, func(ctx context.Context) (err error) {
		if e.ID != 0 {
			actions, err = ui.db.MeetingProjects(ctx, e.ID)
		}
		return err
	}, func() {
		s.actions = actions
		if e.ID == 0 {
			s.addActionBtn.Disable()
			s.actionsHead.SetText("Actions agreed at a meeting")
		} else {
			s.addActionBtn.Enable()
			s.actionsHead.SetText(fmt.Sprintf("Actions agreed on %s (%d)", store.LongDate(e.Date), len(actions)))
		}
		s.actionsList.Refresh()
	})
}

// actionText is one action in the meeting's list.
func (s *forumScreen) actionText(p store.Project) string {
	parts := []string{p.Title, statusLabels[p.Status]}
	if p.Owner != "" {
		parts = append(parts, "owner "+p.Owner)
	}
	if p.Group != "" {
		parts = append(parts, p.Group)
	}
	for _, r := range s.ui.rounds {
		if r.ID == p.RoundID {
			parts = append(parts, "round "+r.Name)
		}
	}
	return strings.Join(parts, " · ")
}

// field is a form's field that can take the cursor.
type field interface {
	fyne.CanvasObject
	fyne.Focusable
}

// openForm shows a form dialog width wide with Enter (its main button)
// and Esc (cancel), and the cursor in its first field.
func (ui *UI) openForm(d *dialog.FormDialog, width float32, first field, more ...fyne.CanvasObject) {
	d.Resize(fyne.NewSize(width, 0))
	ui.withKeys(d, &formKeys{submit: d.Submit, cancel: d.Hide}, append([]fyne.CanvasObject{first}, more...)...)
	d.Show()
	ui.win.Canvas().Focus(first)
}

// forumForm is the new/edit forum dialog's fields.
type forumForm struct {
	name, venue *formEntry
	every       *formSelect
	dialog      *dialog.FormDialog
}

// editForum adds (ID 0) or edits a forum: its name, how often it meets and
// its usual venue.
func (s *forumScreen) editForum(f store.Forum) {
	ui := s.ui
	form := &forumForm{name: newFormEntry(), venue: newFormEntry()}
	form.name.SetText(f.Name)
	form.name.SetPlaceHolder("Such as: Primary–secondary care interface forum")
	form.venue.SetText(f.Venue)
	form.venue.SetPlaceHolder("Where it usually meets; a new meeting copies the last one's")
	var every []string
	for _, i := range store.CommonIntervals {
		every = append(every, i.String())
	}
	if !f.Every.Valid() {
		f.Every = store.Interval{N: 4, Unit: store.Weeks}
	}
	if !strings.Contains(strings.Join(every, "\n"), f.Every.String()) {
		every = append(every, f.Every.String())
	}
	form.every = newFormSelect(every, nil)
	form.every.SetSelected(f.Every.String())
	title := "New forum"
	if f.ID != 0 {
		title = "Edit forum"
	}
	form.dialog = dialog.NewForm(title, "Save", "Cancel", []*widget.FormItem{
		widget.NewFormItem("Name", form.name),
		widget.NewFormItem("Meets", form.every),
		widget.NewFormItem("Usual venue", form.venue),
	}, func(ok bool) {
		if !ok {
			return
		}
		every, err := store.ParseInterval(form.every.Selected)
		if err != nil {
			ui.showError(err)
			return
		}
		f.Name, f.Venue, f.Every = form.name.Text, form.venue.Text, every
		ui.write(func() error { return ui.db.SaveForum(ui.ctx, &f) }, func() {
			s.forum = f
			ui.Changed()
		})
	}, ui.win)
	ui.openForm(form.dialog, 560, form.name, form.every, form.venue)
	s.forumForm = form
}

// deleteForum deletes the forum shown, with its meetings, once asked.
func (s *forumScreen) deleteForum() {
	ui := s.ui
	f := s.forum
	if f.ID == 0 {
		return
	}
	ui.showConfirm("Delete the forum?", fmt.Sprintf("Delete %q with its %s, their agendas and attendee lists? "+
		"Improvement projects agreed at them stay, without the link to the meeting. This cannot be undone.",
		f.Name, store.Plural(len(s.meetings), "meeting", "meetings")), func() {
		ui.write(func() error { return ui.db.DeleteForum(ui.ctx, f.ID) }, func() {
			s.forum = store.Forum{}
			ui.Changed()
		})
	})
}

// deleteMeeting deletes the meeting chosen in the table, once asked.
func (s *forumScreen) deleteMeeting() {
	ui := s.ui
	if s.picked < 0 || s.picked >= len(s.meetings) {
		return
	}
	m := s.meetings[s.picked]
	ui.showConfirm("Delete the meeting?", fmt.Sprintf("Delete the meeting of %s with its agenda and its list of %s? "+
		"Actions agreed at it stay as improvement projects, without the link. This cannot be undone.",
		store.MeetingLabel(m.Event), store.Plural(m.Invited, "person", "people")), func() {
		ui.write(func() error { return ui.db.DeleteEvent(ui.ctx, m.ID) }, func() {
			s.picked = -1
			s.table.UnselectAll()
			ui.Changed()
		})
	})
}

// newMeetingForm is the "New meeting from the last" dialog's fields.
type newMeetingForm struct {
	date   *formEntry
	copies *widget.Label
	dialog *dialog.FormDialog
}

// lastMeeting is the meeting a new one copies: the latest dated, else the
// latest made (as store.NewMeetingFrom chooses).
func lastMeeting(ms []store.Meeting) (store.Meeting, bool) {
	if len(ms) == 0 {
		return store.Meeting{}, false
	}
	last := ms[0]
	for _, m := range ms[1:] {
		switch {
		case (m.Date == "") != (last.Date == ""):
			if m.Date != "" {
				last = m
			}
		case m.Date != last.Date:
			if m.Date > last.Date {
				last = m
			}
		case m.ID > last.ID:
			last = m
		}
	}
	return last, true
}

// showNewMeeting offers the forum's next meeting: the date one interval
// after the last meeting (editable, typed the British way), and what will
// be copied from the last one.
func (s *forumScreen) showNewMeeting() {
	ui := s.ui
	f := s.forum
	if f.ID == 0 {
		ui.showError(store.Errorf(store.EINVALID, "Set up a forum first with New forum…."))
		return
	}
	form := &newMeetingForm{date: newDateEntry(store.DayMonthYear(store.NextMeetingDate(f, s.meetings, ui.now())))}
	day := widget.NewLabel("")
	showDay := func(v string) {
		d, err := store.ParseDate(v)
		if err != nil || d == "" {
			day.SetText("")
			return
		}
		day.SetText(store.LongDate(d))
	}
	form.date.OnChanged = showDay
	showDay(form.date.Text)
	form.copies = widget.NewLabel("")
	form.copies.Wrapping = fyne.TextWrapWord
	if last, ok := lastMeeting(s.meetings); ok {
		form.copies.SetText(fmt.Sprintf("Copies the meeting of %s: its venue (%s), its agenda (titles, times, lengths and speakers) "+
			"and its list of %s, everyone invited afresh: no answers, check-ins or needs are copied. "+
			"The forum meets %s: the date proposed follows on from it, and is not in the past; type another if need be.",
			store.LongDate(last.Date), orDash(last.Venue), store.Plural(last.Invited, "person", "people"), f.Every))
	} else {
		form.copies.SetText(fmt.Sprintf("The forum's first meeting, at %s. Later meetings copy the one before.", orDash(f.Venue)))
	}
	form.dialog = dialog.NewForm("New meeting of "+f.Name, "Create", "Cancel", []*widget.FormItem{
		widget.NewFormItem("Date", container.NewBorder(nil, nil, nil, day, form.date)),
		widget.NewFormItem("", form.copies),
	}, func(ok bool) {
		if !ok {
			return
		}
		date, err := store.ParseDateField("The meeting's date", form.date.Text)
		if err != nil {
			ui.showError(err)
			return
		}
		var e store.Event
		ui.write(func() (err error) {
			e, err = ui.db.NewMeetingFrom(ui.ctx, f.ID, date)
			return err
		}, func() {
			s.meeting.event = e
			s.tabs.SelectIndex(forumMeetingTab)
			ui.Changed()
		})
	}, ui.win)
	ui.openForm(form.dialog, 600, form.date)
	s.meetingForm = form
}

// actionForm is the "Add action" dialog's fields.
type actionForm struct {
	title, owner, group *formEntry
	dialog              *dialog.FormDialog
}

// addAction records an action agreed at the meeting shown as an
// improvement project of the current round: an idea, with its owner and
// group, linked to the meeting.
func (s *forumScreen) addAction() {
	ui := s.ui
	e := s.meeting.event
	if e.ID == 0 || !ui.haveRound() {
		return
	}
	r := ui.round
	form := &actionForm{title: newFormEntry(), owner: newFormEntry(), group: newFormEntry()}
	form.title.SetPlaceHolder("Such as: a shared directory of consultants' secretaries")
	form.owner.SetPlaceHolder("Who takes it forward")
	form.group.SetPlaceHolder("Task-and-finish group (a new name makes a new group)")
	where := widget.NewLabel(fmt.Sprintf("Added to the improvement projects of the round %q as an idea, linked to this meeting.", r.Name))
	where.Wrapping = fyne.TextWrapWord
	form.dialog = dialog.NewForm("Action agreed on "+store.LongDate(e.Date), "Add", "Cancel", []*widget.FormItem{
		widget.NewFormItem("Action", form.title),
		widget.NewFormItem("Owner", form.owner),
		widget.NewFormItem("Group", form.group),
		widget.NewFormItem("", where),
	}, func(ok bool) {
		if !ok {
			return
		}
		p := store.Project{RoundID: r.ID, Title: form.title.Text, Owner: strings.TrimSpace(form.owner.Text),
			Group: form.group.Text, Status: store.ProjectIdea, MeetingID: e.ID}
		ui.write(func() error { return ui.db.CreateProject(ui.ctx, &p) }, ui.Changed)
	}, ui.win)
	ui.openForm(form.dialog, 600, form.title, form.owner, form.group)
	s.actionForm = form
}
