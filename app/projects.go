package app

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/liaisonapp/liaison/store"
)

// statusLabels are the project statuses as the screen shows them.
var statusLabels = map[store.ProjectStatus]string{
	store.ProjectIdea: "idea", store.ProjectInProgress: "in progress",
	store.ProjectCompleted: "completed", store.ProjectStopped: "stopped",
}

func statusOf(label string) store.ProjectStatus {
	for s, l := range statusLabels {
		if l == label {
			return s
		}
	}
	return store.ProjectIdea
}

// projectsScreen tracks the improvement projects that came out of the
// scheme: a table of them, a form for one, and counts by status now and
// month by month.
type projectsScreen struct {
	loads loader // numbers the screen's reads, so only the latest is shown
	ui    *UI

	all      []store.Project // the round's register, as stored
	items    []store.Project // those the filters let through, sorted
	pairs    []store.Pairing
	selected int // index into items of the project in the form, or -1
	// editing is the project in the form as it was loaded (ID 0 for a new
	// one): Save updates it even when the filters hide its row.
	editing store.Project
	rows    *tableRows
	quiet   bool // set while show moves the highlight: no form reload
	cells   [][]string
	tcells  [][]string // counts over time, header first

	counts   *widget.Label
	table    *widget.Table
	timeline *widget.Table

	heading   *widget.Label
	titleE    *formEntry
	prompted  *formEntry
	owner     *formEntry
	group     *formEntry
	status    *formSelect
	started   *formEntry
	completed *formEntry
	impact    *formEntry
	links     *formEntry
	output    *formSelect
	adopted   *formEntry
	saving    *formEntry
	unit      *widget.SelectEntry
	note      *formEntry

	// What prompted the project (projects_links.go): a theme, a pair and
	// a reflection, each with a button that clears it, and the forum
	// meeting that agreed it (projects_meeting.go).
	theme                                  *widget.SelectEntry
	pair, reflection                       *personPicker
	clearTheme, clearPair, clearReflection *widget.Button
	prompts                                linkChoices
	meeting                                *meetingPicker

	// The register's filters and sort.
	search  *widget.Entry
	statusF *widget.Select
	groupF  *widget.Select
	outputF *widget.Select
	ownerF  *widget.Select
	sortBy  *widget.Select

	del     *widget.Button
	message *widget.Label
}

// projectWidths are the register table's narrowest columns: title,
// prompted by, status, output, owner, completed.
var projectWidths = []float32{145, 120, 95, 100, 100, 92}

// fitColumns shares the table's width beyond its narrowest columns
// between the title and what prompted the project, the columns that are
// cut short.
func (s *projectsScreen) fitColumns(size fyne.Size) {
	var least float32
	for _, w := range projectWidths {
		least += w
	}
	// Leave room for the scroll bar, so the last column shows whole.
	extra := max(size.Width-least-theme.Size(theme.SizeNameScrollBar)-4, 0)
	s.table.SetColumnWidth(0, projectWidths[0]+0.6*extra)
	s.table.SetColumnWidth(1, projectWidths[1]+0.4*extra)
}

// timelineWidths are the month-by-month table's narrowest columns.
var timelineWidths = []float32{80, 80, 100, 80, 100, 150}

func newProjects(ui *UI) *projectsScreen { return &projectsScreen{ui: ui, selected: -1} }

func (s *projectsScreen) title() string { return "Projects" }

func (s *projectsScreen) content() fyne.CanvasObject {
	s.counts = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.counts.Wrapping = fyne.TextWrapWord
	// Narrow enough that the dates show beside the form on a 1280-pixel
	// laptop (the group is in the form); fitColumns widens them to fill a
	// larger window.
	s.table = newCellTable(&s.cells, projectWidths...)
	s.table.OnSelected = func(id widget.TableCellID) {
		if s.quiet {
			return
		}
		if id.Row == 0 {
			s.table.UnselectAll()
			return
		}
		s.edit(id.Row - 1)
	}
	// A click loads a project into the form beside; a double-click also
	// puts the cursor in its title.
	s.rows = rowSelect(s.table, func(row int) {
		if row > 0 {
			s.ui.win.Canvas().Focus(s.titleE)
		}
	})
	s.timeline = newCellTable(&s.tcells, timelineWidths...)
	rowSelect(s.timeline, nil)

	s.heading = widget.NewLabelWithStyle("New project", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	// A long title wraps, rather than widening the form (and the window).
	s.heading.Wrapping = fyne.TextWrapWord
	s.titleE = newFormEntry()
	s.titleE.SetPlaceHolder("Such as: letters headed GP Action Required")
	s.prompted = newFormEntry()
	s.prompted.SetPlaceHolder("In words, such as a specialty or a meeting")
	s.owner = newFormEntry()
	s.group = newFormEntry()
	s.group.SetPlaceHolder("Task-and-finish group")
	labels := make([]string, len(store.ProjectStatuses))
	for i, st := range store.ProjectStatuses {
		labels[i] = statusLabels[st]
	}
	s.status = newFormSelect(labels, nil)
	s.started = newDateEntry("")
	s.completed = newDateEntry("")
	s.impact = newFormMultiLineEntry()
	s.impact.SetPlaceHolder("The impact in words, such as \"practice admin time saved\"")
	s.impact.SetMinRowsVisible(3)
	s.links = newFormEntry()
	s.links.SetPlaceHolder("Links to documents, minutes or a shared folder")
	outputs := make([]string, len(store.ProjectOutputs))
	for i, o := range store.ProjectOutputs {
		outputs[i] = o.Label()
	}
	s.output = newFormSelect(outputs, nil)
	s.adopted = newFormEntry()
	s.adopted.SetPlaceHolder("Organisations that adopted it, separated by ;")
	s.saving = newFormEntry()
	s.saving.SetPlaceHolder("such as 6")
	s.saving.Validator = func(v string) error { _, err := parseSaving(v); return err }
	s.unit = widget.NewSelectEntry([]string{"hours per week", "hours per year", "£ per year", "appointments per year", "referrals per year"})
	s.unit.SetPlaceHolder("unit")
	s.note = newFormEntry()
	s.note.SetPlaceHolder("How the saving was estimated")
	s.meeting = newMeetingPicker()
	s.message = widget.NewLabel("")
	s.message.Wrapping = fyne.TextWrapWord
	s.del = widget.NewButtonWithIcon("Delete", theme.DeleteIcon(), s.deleteSelected)
	// What prompted the project comes first: the words, then the links.
	items := []*widget.FormItem{
		widget.NewFormItem("Title", s.titleE),
		widget.NewFormItem("Prompted by", s.prompted),
	}
	items = append(items, s.linkItems()...)
	items = append(items, s.meeting.item())
	form := widget.NewForm(append(items,
		widget.NewFormItem("Owner", s.owner),
		widget.NewFormItem("Group", s.group),
		widget.NewFormItem("Status", s.status),
		widget.NewFormItem("Started", s.started),
		widget.NewFormItem("Completed", s.completed),
		widget.NewFormItem("What changed", s.impact),
		widget.NewFormItem("Output", s.output),
		widget.NewFormItem("Adopted by", s.adopted),
		widget.NewFormItem("Saving", container.NewGridWithColumns(2, s.saving, s.unit)),
		widget.NewFormItem("Saving note", s.note),
		widget.NewFormItem("Links", s.links),
	)...)
	// Enter saves (Shift+Enter in What changed, where Enter starts a new
	// line); Esc puts back what is stored. The unit, theme, pair and
	// reflection pickers are Fyne's own SelectEntry: Enter saves there
	// too, Esc does not reach the form.
	keys := &formKeys{submit: s.save, cancel: s.revert}
	keys.bind(s.titleE, s.prompted, s.owner, s.group, s.status, s.started, s.completed, s.impact,
		s.output, s.adopted, s.saving, s.note, s.meeting.sel, s.links)
	s.unit.OnSubmitted = func(string) { s.save() }
	buttons := container.NewHBox(
		widget.NewButtonWithIcon("Save", theme.DocumentSaveIcon(), s.save),
		widget.NewButtonWithIcon("New", theme.ContentAddIcon(), func() { s.table.UnselectAll(); s.edit(-1) }),
		s.del)
	right := container.NewVScroll(container.NewPadded(container.NewVBox(s.heading, form, buttons, s.message)))
	thead := widget.NewLabelWithStyle("By month, from the dates (under way: started and not yet completed or stopped at the month's end; a stopped project's end date goes in Completed)", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	thead.Wrapping = fyne.TextWrapWord
	table := container.New(&sizeWatch{changed: s.fitColumns}, s.table)
	left := container.NewVSplit(container.NewBorder(s.filterBar(), nil, nil, nil, table), container.NewBorder(thead, nil, nil, nil, s.timeline))
	left.Offset = 0.6
	split := container.NewHSplit(left, right)
	split.Offset = 0.58
	s.edit(-1)
	return container.NewBorder(container.NewPadded(s.counts), nil, nil, nil, split)
}

func (s *projectsScreen) refresh() {
	ui := s.ui
	if ui.round.ID == 0 {
		return
	}
	roundID := ui.round.ID
	var items []store.Project
	var pairs []store.Pairing
	var meetings []store.Event
	var refl []store.Reflection
	var themes []store.Theme
	ui.load(&s.loads, func(ctx context.Context) (err error) {
		if items, err = ui.db.Projects(ctx, roundID); err != nil {
			return err
		}
		if meetings, err = ui.db.ForumMeetings(ctx); err != nil {
			return err
		}
		if pairs, err = ui.db.FindPairings(ctx, roundID); err != nil {
			return err
		}
		if refl, err = ui.db.Reflections(ctx, roundID); err != nil {
			return err
		}
		themes, err = ui.db.Themes(ctx)
		return err
	}, func() {
		s.pairs = pairs
		s.meeting.set(meetings)
		s.setLinkChoices(pairs, refl, themes)
		s.show(items)
	})
}

func (s *projectsScreen) show(items []store.Project) {
	s.all = items
	s.syncFilters()
	s.items = s.filtered()
	s.cells = [][]string{{"Title", "Prompted by", "Status", "Output", "Owner", "Completed"}}
	for _, p := range s.items {
		out := ""
		if p.Output != store.OutputNone {
			out = p.Output.Label()
		}
		s.cells = append(s.cells, []string{p.Title, s.promptedText(p), statusLabels[p.Status], out, p.Owner, store.DayMonthYear(p.CompletedOn)})
	}
	s.table.Refresh()
	s.tcells = projectTimeline(items)
	fitCounts(s.timeline, s.tcells, timelineWidths, 1, 2, 3, 4, 5)
	s.timeline.Refresh()
	counts := statusCounts(items)
	if len(s.items) != len(items) {
		counts += " Showing " + store.Thousands(len(s.items)) + " that match the filters."
	}
	s.counts.SetText(counts)
	s.highlight()
}

// highlight marks the row of the project in the form, or none when the
// filters hide it, leaving the form as it is.
func (s *projectsScreen) highlight() {
	s.selected = -1
	for i, p := range s.items {
		if s.editing.ID != 0 && p.ID == s.editing.ID {
			s.selected = i
		}
	}
	s.quiet = true
	defer func() { s.quiet = false }()
	if s.selected < 0 {
		s.table.UnselectAll()
		return
	}
	s.table.Select(widget.TableCellID{Row: s.selected + 1})
}

// statusCounts says how many projects are at each status.
func statusCounts(items []store.Project) string {
	n := map[store.ProjectStatus]int{}
	for _, p := range items {
		n[p.Status]++
	}
	parts := make([]string, len(store.ProjectStatuses))
	for i, st := range store.ProjectStatuses {
		parts[i] = store.Thousands(n[st]) + " " + statusLabels[st]
	}
	return fmt.Sprintf("%s: %s.", store.Plural(len(items), "improvement project", "improvement projects"), strings.Join(parts, " · "))
}

// projectTimeline counts projects month by month from their dates: how
// many started, completed and stopped in the month, how many were under
// way at its end (started and not yet ended), and how many had been
// completed by then. The header row comes first. The date in the
// Completed field ends a project only when its status is completed or
// stopped (for a project still in progress it is a plan), and a project
// completed or stopped without that date cannot be placed in time, so it
// is never counted as under way. A project without dates is left out.
func projectTimeline(items []store.Project) [][]string {
	header := []string{"Month", "Started", "Completed", "Stopped", "Under way", "Completed so far"}
	started, completed, stopped := map[string]int{}, map[string]int{}, map[string]int{}
	var months []string
	seen := map[string]bool{}
	note := func(date string, m map[string]int) {
		if len(date) < 7 {
			return
		}
		month := date[:7]
		m[month]++
		if !seen[month] {
			seen[month] = true
			months = append(months, month)
		}
	}
	for _, p := range items {
		note(p.StartedOn, started)
		switch p.Status {
		case store.ProjectCompleted:
			note(p.CompletedOn, completed)
		case store.ProjectStopped:
			note(p.CompletedOn, stopped)
		}
	}
	if len(months) == 0 {
		return [][]string{header}
	}
	sort.Strings(months)
	// Fill the gaps, so quiet months show as zeros rather than vanishing.
	first, err1 := time.Parse("2006-01", months[0])
	last, err2 := time.Parse("2006-01", months[len(months)-1])
	if err1 == nil && err2 == nil {
		months = months[:0]
		for m := first; !m.After(last) && len(months) < 240; m = m.AddDate(0, 1, 0) {
			months = append(months, m.Format("2006-01"))
		}
	}
	rows := [][]string{header}
	doneSoFar := 0
	for _, m := range months {
		doneSoFar += completed[m]
		underway := 0
		for _, p := range items {
			if len(p.StartedOn) < 7 || p.StartedOn[:7] > m {
				continue
			}
			ended := p.Status == store.ProjectCompleted || p.Status == store.ProjectStopped
			if !ended || len(p.CompletedOn) >= 7 && p.CompletedOn[:7] > m {
				underway++
			}
		}
		rows = append(rows, []string{monthLabel(m), store.Thousands(started[m]), store.Thousands(completed[m]), store.Thousands(stopped[m]),
			store.Thousands(underway), store.Thousands(doneSoFar)})
	}
	return rows
}

// monthLabel writes a month (YYYY-MM) as people read it: "Mar 2018".
func monthLabel(m string) string {
	t, err := time.Parse("2006-01", m)
	if err != nil {
		return m
	}
	return t.Format("Jan 2006")
}

// edit loads project i of the table into the form, or empties it for a
// new one.
func (s *projectsScreen) edit(i int) {
	p := store.Project{Status: store.ProjectIdea}
	if i >= 0 && i < len(s.items) {
		p = s.items[i]
	} else {
		i = -1
	}
	s.selected = i
	s.fill(p)
}

// revert puts back what is stored of the project in the form (Esc).
func (s *projectsScreen) revert() {
	p := store.Project{Status: store.ProjectIdea}
	for _, q := range s.all {
		if s.editing.ID != 0 && q.ID == s.editing.ID {
			p = q
		}
	}
	s.fill(p)
}

// fill shows p in the form.
func (s *projectsScreen) fill(p store.Project) {
	s.editing = p
	s.message.SetText("")
	if p.ID != 0 {
		s.heading.SetText("Project: " + p.Title)
		s.del.Enable()
	} else {
		s.heading.SetText("New project")
		s.del.Disable()
	}
	s.titleE.SetText(p.Title)
	s.prompted.SetText(p.PromptedBy)
	s.owner.SetText(p.Owner)
	s.group.SetText(p.Group)
	s.status.SetSelected(statusLabels[p.Status])
	s.started.SetText(store.DayMonthYear(p.StartedOn))
	s.completed.SetText(store.DayMonthYear(p.CompletedOn))
	s.impact.SetText(p.Impact)
	s.links.SetText(p.Links)
	s.output.SetSelected(p.Output.Label())
	s.adopted.SetText(strings.Join(p.AdoptedBy, "; "))
	s.saving.SetText("")
	if p.Saving != 0 {
		s.saving.SetText(strconv.FormatFloat(p.Saving, 'f', -1, 64))
	}
	s.unit.SetText(p.SavingUnit)
	s.note.SetText(p.SavingNote)
	s.showLinks(p)
	s.meeting.show(p.MeetingID)
}

func (s *projectsScreen) save() {
	ui := s.ui
	if !ui.haveRound() {
		return
	}
	p := store.Project{RoundID: ui.round.ID, Title: s.titleE.Text, PromptedBy: strings.TrimSpace(s.prompted.Text),
		Owner: strings.TrimSpace(s.owner.Text), Group: strings.TrimSpace(s.group.Text), Status: statusOf(s.status.Selected),
		StartedOn: strings.TrimSpace(s.started.Text), CompletedOn: strings.TrimSpace(s.completed.Text),
		Impact: strings.TrimSpace(s.impact.Text), Links: strings.TrimSpace(s.links.Text),
		AdoptedBy: splitAdopters(s.adopted.Text), SavingUnit: strings.TrimSpace(s.unit.Text), SavingNote: strings.TrimSpace(s.note.Text)}
	for _, o := range store.ProjectOutputs {
		if o.Label() == s.output.Selected {
			p.Output = o
		}
	}
	saving, err := parseSaving(s.saving.Text)
	if err != nil {
		ui.showError(store.Errorf(store.EINVALID, "The saving: %v.", err))
		return
	}
	p.Saving = saving
	if err := s.readLinks(&p); err != nil {
		ui.showError(err)
		return
	}
	for _, c := range []struct {
		field string
		v     *string
	}{{"The start date", &p.StartedOn}, {"The completion date", &p.CompletedOn}} {
		d, err := store.ParseDateField(c.field, *c.v)
		if err != nil {
			ui.showError(err)
			return
		}
		*c.v = d
	}
	p.ID, p.MeetingID = s.editing.ID, s.meeting.chosen(s.editing.MeetingID)
	creating := p.ID == 0
	ui.write(func() error {
		if creating {
			return ui.db.CreateProject(ui.ctx, &p)
		}
		return ui.db.UpdateProject(ui.ctx, &p)
	}, func() {
		ui.Changed()
		if creating {
			s.table.UnselectAll()
			s.edit(-1)
		} else if s.editing.ID == p.ID {
			s.editing = p
		}
		s.message.SetText("Saved " + p.Title + ".")
	})
}

func (s *projectsScreen) deleteSelected() {
	if s.editing.ID == 0 {
		return
	}
	ui := s.ui
	p := s.editing
	ui.showConfirm("Delete the project?", fmt.Sprintf("Delete %q? This cannot be undone.", p.Title), func() {
		ui.write(func() error { return ui.db.DeleteProject(ui.ctx, p.ID) }, func() {
			s.table.UnselectAll()
			s.edit(-1)
			ui.Changed()
		})
	})
}
