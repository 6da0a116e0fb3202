package app

import (
	"crypto/sha256"
	"fmt"
	"io"
	"slices"
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
	"github.com/liaisonapp/liaison/store/match"
)

// pairingColumns are the pairs table's columns and widths.
var pairingColumns = []struct {
	title string
	width float32
}{
	{"Primary side (host practice)", 230}, {"Secondary side (hospital)", 250},
	{"Visit to the practice", 270}, {"Visit to the hospital", 270}, {"Locked", 80},
	{"Primary organisation", 220}, {"Secondary organisation", 220}, {"Reason", 420},
}

// pairingsScreen lists the round's pairs with both visits, pairs people by
// hand or by suggestion, and edits visits. Overdue visits carry a warning
// icon and the word OVERDUE, so they stand out without relying on colour.
type pairingsScreen struct {
	ui *UI

	pairs    []store.Pairing
	unpaired []store.Participant
	// choice maps the manual-pairing Selects' labels to people.
	choice   map[string]store.Participant
	selected int64 // ID of the selected pair, 0 for none

	summary       *widget.Label
	table         *widget.Table
	first, second *widget.Select
	pairBtn       *widget.Button
	lockBtn       *widget.Button
	unpairBtn     *widget.Button
	visitsBtn     *widget.Button
	icsBtn        *widget.Button
	suggestBtn    *widget.Button
	exportBtn     *widget.Button

	// The open dialogs, for tests.
	suggest *suggestDialog
	visits  *visitEditor
	ask     *deleteAsk
}

func newPairings(ui *UI) *pairingsScreen { return &pairingsScreen{ui: ui} }

func (s *pairingsScreen) title() string { return "Pairings" }

func (s *pairingsScreen) content() fyne.CanvasObject {
	s.summary = widget.NewLabel("")
	s.table = widget.NewTable(
		func() (int, int) { return len(s.pairs), len(pairingColumns) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			icon := widget.NewIcon(theme.WarningIcon())
			icon.Hide()
			return container.NewBorder(nil, nil, icon, nil, l)
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			c := o.(*fyne.Container)
			l, icon := c.Objects[0].(*widget.Label), c.Objects[1].(*widget.Icon)
			if id.Row >= len(s.pairs) {
				return
			}
			text, warn := s.cell(s.pairs[id.Row], id.Col)
			l.TextStyle.Bold = warn
			l.Importance = widget.MediumImportance
			if warn {
				l.Importance = widget.DangerImportance
				icon.Show()
			} else {
				icon.Hide()
			}
			l.SetText(text)
		})
	s.table.ShowHeaderRow = true
	s.table.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	s.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 && id.Col < len(pairingColumns) {
			o.(*widget.Label).SetText(pairingColumns[id.Col].title)
		}
	}
	for i, c := range pairingColumns {
		s.table.SetColumnWidth(i, c.width)
	}
	s.table.OnSelected = func(id widget.TableCellID) {
		if id.Row >= 0 && id.Row < len(s.pairs) {
			s.selected = s.pairs[id.Row].ID
		}
		s.updateButtons()
	}

	s.first = widget.NewSelect(nil, func(string) { s.updateButtons() })
	s.first.PlaceHolder = "(choose someone unpaired)"
	s.second = widget.NewSelect(nil, func(string) { s.updateButtons() })
	s.second.PlaceHolder = "(choose someone to pair with)"
	s.pairBtn = widget.NewButtonWithIcon("Pair", theme.ContentAddIcon(), s.pairByHand)

	s.suggestBtn = widget.NewButtonWithIcon("Suggest pairs…", theme.SearchIcon(), s.showSuggest)
	s.suggestBtn.Importance = widget.HighImportance
	s.lockBtn = widget.NewButtonWithIcon("Lock", theme.CheckButtonCheckedIcon(), s.toggleLock)
	s.unpairBtn = widget.NewButtonWithIcon("Unpair…", theme.DeleteIcon(), s.askUnpair)
	s.visitsBtn = widget.NewButtonWithIcon("Visits…", theme.DocumentCreateIcon(), s.showVisits)
	s.icsBtn = widget.NewButtonWithIcon("Calendar (.ics)…", theme.CalendarIcon(), s.writeCalendar)
	s.exportBtn = widget.NewButtonWithIcon("Export…", theme.DocumentSaveIcon(), s.export)
	s.updateButtons()

	manual := container.NewBorder(nil, nil, widget.NewLabel("Pair by hand:"), s.pairBtn,
		container.NewGridWithColumns(2, s.first, s.second))
	actions := container.NewHBox(s.suggestBtn, widget.NewSeparator(), s.visitsBtn, s.lockBtn, s.unpairBtn,
		widget.NewSeparator(), s.icsBtn, s.exportBtn)
	return container.NewBorder(container.NewVBox(actions, manual, s.summary), nil, nil, nil, s.table)
}

// cell is the text of one table cell and whether it needs the warning icon.
func (s *pairingsScreen) cell(p store.Pairing, col int) (string, bool) {
	switch col {
	case 0:
		return p.Primary.Name + " (" + p.Primary.Role.Label() + ")", false
	case 1:
		return p.Secondary.Name + " (" + p.Secondary.Role.Label() + ")", false
	case 2, 3:
		return visitCell(p.Visits[col-2], s.ui.now())
	case 4:
		if p.Locked {
			return "locked", false
		}
		return "", false
	case 5:
		return p.Primary.Organisation, false
	case 6:
		return p.Secondary.Organisation, false
	case 7:
		return p.Reason, false
	}
	return "", false
}

// visitCell shows a visit's date and status, and OVERDUE in words (with
// the warning icon) when its date has passed and it is not done.
func visitCell(v store.Visit, today time.Time) (string, bool) {
	date := v.Date
	if date == "" {
		date = "no date yet"
	}
	text := date + " · " + string(v.Status)
	if v.ReflectionReceived {
		text += " · reflection in"
	}
	if v.Overdue(today) {
		return "OVERDUE · " + text, true
	}
	return text, false
}

func (s *pairingsScreen) refresh() { loadRound(s.ui, s.load) }

// load shows the round's pairs and offers its unpaired people for pairing
// by hand.
func (s *pairingsScreen) load(people []store.Participant, pairs []store.Pairing) {
	// Pairs with an overdue visit come first: they are the ones to chase.
	today := s.ui.now()
	overdueFirst := func(p store.Pairing) int {
		if p.Visits[0].Overdue(today) || p.Visits[1].Overdue(today) {
			return 0
		}
		return 1
	}
	slices.SortStableFunc(pairs, func(a, b store.Pairing) int { return overdueFirst(a) - overdueFirst(b) })
	s.pairs = pairs
	inPair := map[int64]bool{}
	overdue := 0
	for _, p := range pairs {
		inPair[p.PrimaryID], inPair[p.SecondaryID] = true, true
		for _, v := range p.Visits {
			if v.Overdue(s.ui.now()) {
				overdue++
			}
		}
	}
	s.unpaired = s.unpaired[:0]
	s.choice = map[string]store.Participant{}
	var labels []string
	for _, p := range people {
		if inPair[p.ID] {
			continue
		}
		s.unpaired = append(s.unpaired, p)
		label := personLabel(p)
		if _, dup := s.choice[label]; dup {
			label += " <" + p.Email + ">"
		}
		s.choice[label] = p
		labels = append(labels, label)
	}
	s.first.SetOptions(labels)
	s.second.SetOptions(labels)
	s.first.ClearSelected()
	s.second.ClearSelected()
	text := fmt.Sprintf("%s · %s unpaired", countNoun(len(pairs), "pair", "pairs"), countNoun(len(s.unpaired), "person", "people"))
	if overdue > 0 {
		text += " · ⚠ " + countNoun(overdue, "overdue visit", "overdue visits")
	}
	s.summary.SetText(text)
	// The table remembers a row number, not a pair: after a reload the rows
	// may have moved, so highlight the selected pair where it now is (the
	// buttons act on it), or select nothing.
	s.table.UnselectAll()
	if s.selected != 0 {
		for i, p := range s.pairs {
			if p.ID == s.selected {
				s.table.Select(widget.TableCellID{Row: i, Col: 0})
			}
		}
	}
	if _, ok := s.selectedPair(); !ok {
		s.selected = 0
	}
	s.updateButtons()
	s.table.Refresh()
}

// personLabel names a participant in a list: name, role and organisation.
func personLabel(p store.Participant) string {
	if p.Organisation == "" {
		return fmt.Sprintf("%s (%s)", p.Name, p.Role.Label())
	}
	return fmt.Sprintf("%s (%s, %s)", p.Name, p.Role.Label(), p.Organisation)
}

func (s *pairingsScreen) selectedPair() (store.Pairing, bool) {
	return withID(s.pairs, s.selected, func(p store.Pairing) int64 { return p.ID })
}

func (s *pairingsScreen) updateButtons() {
	p, ok := s.selectedPair()
	setEnabled(ok, s.lockBtn, s.unpairBtn, s.visitsBtn, s.icsBtn)
	if p.Locked {
		s.lockBtn.SetText("Unlock")
	} else {
		s.lockBtn.SetText("Lock")
	}
	a, b := s.choice[s.first.Selected], s.choice[s.second.Selected]
	setEnabled(a.ID != 0 && b.ID != 0 && a.ID != b.ID, s.pairBtn)
	setEnabled(s.ui.round.ID != 0, s.suggestBtn, s.exportBtn)
}

// pairByHand pairs the two chosen people, the consultant (if either is one)
// on the hospital side.
func (s *pairingsScreen) pairByHand() {
	ui := s.ui
	a, b := s.choice[s.first.Selected], s.choice[s.second.Selected]
	if a.ID == 0 || b.ID == 0 || a.ID == b.ID {
		return
	}
	if a.Role == store.RoleConsultant && b.Role != store.RoleConsultant {
		a, b = b, a
	}
	p := store.Pairing{RoundID: ui.round.ID, PrimaryID: a.ID, SecondaryID: b.ID, Reason: "paired by hand"}
	ui.run(func() error { return ui.db.CreatePairing(ui.ctx, &p) }, func() {
		s.selected = p.ID
		ui.Changed()
	})
}

// toggleLock locks or unlocks the selected pair.
func (s *pairingsScreen) toggleLock() {
	p, ok := s.selectedPair()
	if !ok {
		return
	}
	ui := s.ui
	p.Locked = !p.Locked
	ui.run(func() error { return ui.db.UpdatePairing(ui.ctx, &p) }, ui.Changed)
}

// askUnpair asks before deleting the selected pair, naming what goes.
func (s *pairingsScreen) askUnpair() {
	p, ok := s.selectedPair()
	if !ok {
		return
	}
	ui := s.ui
	s.ask = askDelete(ui, "Unpair?", fmt.Sprintf("Unpair %s and %s? Their two visits go too:\n• the visit to the practice: %s\n• the visit to the hospital: %s\n\nBoth stay in the round, unpaired.",
		p.Primary.Name, p.Secondary.Name, visitText(p.Visits[0], ui), visitText(p.Visits[1], ui)),
		"Keep the pair", "Unpair", 240, func() error { return ui.db.DeletePairing(ui.ctx, p.ID) })
}

// suggestDialog shows a whole-round suggestion: each pair with its reason
// and a tick box, and the unpaired with why.
type suggestDialog struct {
	dialog                             *dialog.CustomDialog
	sug                                tasks.Suggestion
	accept                             []bool // accept[i] is whether sug.Pairs[i] is ticked
	list                               *widget.List
	unpaired                           *widget.List
	head                               *widget.Label
	why                                *widget.Label // the selected unpaired person's whole reason
	acceptBtn, allBtn, noneBtn, cancel *widget.Button
}

// showSuggest runs the matcher off the UI goroutine and shows its answer.
func (s *pairingsScreen) showSuggest() {
	ui := s.ui
	round := ui.round
	var sug tasks.Suggestion
	ui.run(func() (err error) {
		sug, err = tasks.SuggestPairs(ui.ctx, ui.db, round.ID)
		return err
	}, func() { s.openSuggest(sug) })
}

func (s *pairingsScreen) openSuggest(sug tasks.Suggestion) {
	ui := s.ui
	d := &suggestDialog{sug: sug, accept: make([]bool, len(sug.Pairs))}
	// Only pairs among people not yet paired start ticked: a pair that
	// would break up a stored one (perhaps with visits done) is the
	// organiser's call, one tick at a time.
	for i, p := range sug.Pairs {
		d.accept[i] = sug.IsNew(p) && len(sug.Replaces(p)) == 0
	}
	d.head = widget.NewLabel("")
	d.head.Wrapping = fyne.TextWrapWord
	d.list = widget.NewList(func() int { return len(sug.Pairs) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("name\nreason")
			l.Truncation = fyne.TextTruncateEllipsis
			return container.NewBorder(nil, nil, widget.NewCheck("", nil), nil, l)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			c := o.(*fyne.Container)
			l, check := c.Objects[0].(*widget.Label), c.Objects[1].(*widget.Check)
			p := sug.Pairs[i]
			check.OnChanged = nil
			check.SetChecked(d.accept[i] || !sug.IsNew(p))
			if sug.IsNew(p) {
				check.Enable()
				check.OnChanged = func(on bool) { d.accept[i] = on; d.update() }
			} else {
				check.Disable()
			}
			text := personLabel(p.Primary) + " – " + personLabel(p.Secondary) + "\n"
			switch {
			case sug.KeptUnderWay(p):
				text += "kept: " + tasks.UnderWayReason
			case p.Locked:
				text += "kept: locked by the organiser"
			case !sug.IsNew(p):
				text += "kept: already paired · " + p.Reason
			default:
				text += p.Reason
				for _, e := range sug.Replaces(p) {
					text += " · replaces " + tasks.PairNames(e)
				}
			}
			l.SetText(text)
		})
	d.unpaired = widget.NewList(func() int { return len(sug.Unpaired) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("name\nwhy")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			u := sug.Unpaired[i]
			o.(*widget.Label).SetText(personLabel(u.Person) + "\n" + u.Why)
		})
	d.why = widget.NewLabel("Select an unpaired person to read the whole reason.")
	d.why.Wrapping = fyne.TextWrapWord
	d.unpaired.OnSelected = func(i widget.ListItemID) {
		u := sug.Unpaired[i]
		d.why.SetText(personLabel(u.Person) + ": " + u.Why)
	}
	pairsHead := widget.NewLabelWithStyle(fmt.Sprintf("Suggested pairs: %d", len(sug.Pairs)), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	unHead := widget.NewLabelWithStyle(fmt.Sprintf("Unpaired: %d", len(sug.Unpaired)), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	split := container.NewVSplit(container.NewBorder(pairsHead, nil, nil, nil, d.list),
		container.NewBorder(unHead, d.why, nil, nil, d.unpaired))
	split.Offset = 0.7

	d.dialog = dialog.NewCustomWithoutButtons("Suggested pairs for "+ui.round.Name, container.NewBorder(d.head, nil, nil, nil, split), ui.win)
	d.cancel = widget.NewButton("Cancel", d.dialog.Hide)
	d.allBtn = widget.NewButton("Tick all", func() { d.setAll(true) })
	d.noneBtn = widget.NewButton("Tick none", func() { d.setAll(false) })
	d.acceptBtn = widget.NewButtonWithIcon("Accept", theme.ConfirmIcon(), func() { s.acceptSuggestion(d) })
	d.acceptBtn.Importance = widget.HighImportance
	d.dialog.SetButtons([]fyne.CanvasObject{d.cancel, d.allBtn, d.noneBtn, d.acceptBtn})
	d.update()
	d.dialog.Resize(fyne.NewSize(1150, 760))
	d.dialog.Show()
	s.suggest = d
}

// setAll ticks every new pair (including those that replace stored
// unlocked pairs), or none.
func (d *suggestDialog) setAll(on bool) {
	for i, p := range d.sug.Pairs {
		d.accept[i] = on && d.sug.IsNew(p)
	}
	d.list.Refresh()
	d.update()
}

// accepted returns the ticked pairs.
func (d *suggestDialog) accepted() []match.Pair {
	var out []match.Pair
	for i, p := range d.sug.Pairs {
		if d.accept[i] {
			out = append(out, p)
		}
	}
	return out
}

// update says what accepting would do, and enables Accept when it would do
// anything.
func (d *suggestDialog) update() {
	remove, add := d.sug.Plan(d.accepted())
	text := "Locked pairs are kept. Tick the pairs to accept: " + countNoun(len(add), "new pair", "new pairs") + " ticked"
	if len(remove) > 0 {
		text += ", replacing " + countNoun(len(remove), "unlocked pair", "unlocked pairs") + " and their visits"
	} else {
		text += "; pairs that would replace a stored pair start unticked"
	}
	d.head.SetText(text + ".")
	d.acceptBtn.SetText(fmt.Sprintf("Accept %d", len(add)))
	if len(add) > 0 {
		d.acceptBtn.Enable()
	} else {
		d.acceptBtn.Disable()
	}
}

// acceptSuggestion stores the ticked pairs in one transaction.
func (s *pairingsScreen) acceptSuggestion(d *suggestDialog) {
	ui := s.ui
	round := ui.round
	remove, add := d.sug.Plan(d.accepted())
	if len(add) == 0 {
		return
	}
	d.dialog.Hide()
	ui.run(func() error { return tasks.ApplyPlan(ui.ctx, ui.db, round.ID, remove, add) }, ui.Changed)
}

// visitEditor edits both visits of a pair.
type visitEditor struct {
	dialog       *dialog.CustomDialog
	pair         store.Pairing
	date         [2]*widget.Entry
	status       [2]*widget.Select
	notes        [2]*widget.Entry
	reflection   [2]*widget.Check
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
	var sections []fyne.CanvasObject
	for i, v := range p.Visits {
		e.date[i] = widget.NewEntry()
		e.date[i].SetPlaceHolder("YYYY-MM-DD")
		e.date[i].SetText(v.Date)
		e.date[i].Validator = func(t string) error {
			if _, err := parseDate(t); err != nil {
				return err
			}
			return nil
		}
		e.status[i] = widget.NewSelect(statuses, nil)
		e.status[i].SetSelected(string(v.Status))
		e.notes[i] = widget.NewMultiLineEntry()
		e.notes[i].SetText(v.Notes)
		e.notes[i].SetMinRowsVisible(2)
		e.reflection[i] = widget.NewCheck("Reflection received", nil)
		e.reflection[i].SetChecked(v.ReflectionReceived)
		head := widget.NewLabelWithStyle(heads[i], fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		form := widget.NewForm(
			widget.NewFormItem("Date", e.date[i]),
			widget.NewFormItem("Status", e.status[i]),
			widget.NewFormItem("Notes", e.notes[i]),
			widget.NewFormItem("", e.reflection[i]),
		)
		sections = append(sections, head, form)
	}
	sections = append(sections, e.problem)
	e.dialog = dialog.NewCustomWithoutButtons("Visits of "+p.Primary.Name+" and "+p.Secondary.Name, container.NewVBox(sections...), ui.win)
	e.cancel = widget.NewButton("Cancel", e.dialog.Hide)
	e.save = widget.NewButtonWithIcon("Save", theme.ConfirmIcon(), func() { s.saveVisits(e) })
	e.save.Importance = widget.HighImportance
	e.dialog.SetButtons([]fyne.CanvasObject{e.cancel, e.save})
	e.dialog.Resize(fyne.NewSize(700, 640))
	e.dialog.Show()
	s.visits = e
}

func orgOr(p store.Participant) string {
	if p.Organisation != "" {
		return p.Organisation
	}
	return p.Name + "'s workplace"
}

// parseDate checks a typed date: empty (not arranged yet) or YYYY-MM-DD.
func parseDate(t string) (string, error) {
	t = strings.TrimSpace(t)
	if t == "" {
		return "", nil
	}
	if _, err := time.Parse(store.DateLayout, t); err != nil {
		return "", fmt.Errorf("%q is not a date: write it as YYYY-MM-DD, such as 2026-03-14", t)
	}
	return t, nil
}

// saveVisits checks and stores both visits; a problem keeps the editor open.
func (s *pairingsScreen) saveVisits(e *visitEditor) {
	ui := s.ui
	visits := e.pair.Visits
	names := [2]string{"visit to the practice", "visit to the hospital"}
	for i := range visits {
		date, err := parseDate(e.date[i].Text)
		if err != nil {
			e.problem.SetText("⚠ The " + names[i] + ": " + err.Error() + ".")
			e.problem.Show()
			return
		}
		visits[i].Date = date
		visits[i].Status = store.VisitStatus(e.status[i].Selected)
		visits[i].Notes = e.notes[i].Text
		visits[i].ReflectionReceived = e.reflection[i].Checked
	}
	var err error
	ui.async(func() {
		for i := range visits {
			if err = ui.db.UpdateVisit(ui.ctx, &visits[i]); err != nil {
				return
			}
		}
	}, func() {
		if err != nil {
			e.problem.SetText("⚠ " + store.ErrorMessage(err))
			e.problem.Show()
			return
		}
		e.dialog.Hide()
		ui.Changed()
	})
}

// visitUID names a visit for calendars. A calendar replaces an entry whose
// UID it has seen, so the UID carries the pair's people and round as well
// as the visit's ID: two Liaison databases (two schemes, or a colleague's
// copy) never overwrite each other's entries, and a re-sent file updates.
func visitUID(p store.Pairing, v store.Visit) string {
	h := sha256.Sum256([]byte(fmt.Sprintf("%d|%s|%s|%s|%s", p.RoundID, strings.ToLower(p.Primary.Email), strings.ToLower(p.Secondary.Email),
		strings.ToLower(p.Primary.Name), strings.ToLower(p.Secondary.Name))))
	return fmt.Sprintf("visit-%d-%x@liaison.invalid", v.ID, h[:6])
}

// calendarEvents are a pair's dated visits as all-day calendar entries.
func calendarEvents(p store.Pairing) []ics.Event {
	var out []ics.Event
	for i, v := range p.Visits {
		day, err := time.Parse(store.DateLayout, v.Date)
		if err != nil {
			continue
		}
		visitor, host := p.Secondary, p.Primary
		if i == 1 {
			visitor, host = p.Primary, p.Secondary
		}
		desc := fmt.Sprintf("Liaison scheme visit (half a day): %s (%s, %s) visits %s (%s, %s).\nStatus: %s",
			visitor.Name, visitor.Role.Label(), visitor.Email, host.Name, host.Role.Label(), host.Email, v.Status)
		if strings.TrimSpace(v.Notes) != "" {
			desc += "\nNotes: " + v.Notes
		}
		out = append(out, ics.Event{
			UID:         visitUID(p, v),
			Start:       day,
			AllDay:      true,
			Summary:     fmt.Sprintf("Liaison visit: %s at %s", visitor.Name, orgOr(host)),
			Location:    host.Organisation,
			Description: desc,
		})
	}
	return out
}

// writeCalendar writes the selected pair's dated visits as an .ics file.
func (s *pairingsScreen) writeCalendar() {
	p, ok := s.selectedPair()
	if !ok {
		return
	}
	ui := s.ui
	events := calendarEvents(p)
	if len(events) == 0 {
		ui.showError(store.Errorf(store.EINVALID, "Neither visit of %s and %s has a date yet: add one with Visits… first.", p.Primary.Name, p.Secondary.Name))
		return
	}
	name := "visits-" + fileSlug(p.Primary.Name) + "-" + fileSlug(p.Secondary.Name) + ".ics"
	stamp := ui.now()
	saveFile(ui, "Save the visits to a calendar file", name,
		func(w io.Writer) error { return ics.Write(w, "-//Liaison//Liaison//EN", stamp, events...) },
		"Calendar saved", func(path string) string {
			return fmt.Sprintf("Wrote %s to %s. Open it in Outlook to add them.", countNoun(len(events), "visit", "visits"), path)
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

// export writes the round's pairs as CSV for Excel.
func (s *pairingsScreen) export() {
	ui := s.ui
	pairs := slices.Clone(s.pairs)
	today := ui.now()
	saveFile(ui, "Export pairings", "pairings.csv",
		func(w io.Writer) error { return tasks.ExportPairings(w, pairs, today) },
		"Exported", func(path string) string { return fmt.Sprintf("Wrote %d pairs to %s.", len(pairs), path) })
}
