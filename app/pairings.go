package app

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/liaisonapp/liaison/app/tasks"
	"github.com/liaisonapp/liaison/store"
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
	loads loader // numbers the screen's reads, so only the latest is shown
	ui    *UI

	pairs    []store.Pairing
	unpaired []store.Participant
	// choice maps the manual-pairing Selects' labels to people.
	choice   map[string]store.Participant
	selected int64 // ID of the selected pair, 0 for none

	summary       *widget.Label
	table         *widget.Table
	first, second *personPicker
	pairBtn       *widget.Button
	lockBtn       *widget.Button
	unpairBtn     *widget.Button
	visitsBtn     *widget.Button
	icsBtn        *widget.Button
	suggestBtn    *widget.Button
	exportBtn     *widget.Button

	// The open dialogs, for tests.
	suggest  *suggestDialog
	options  *optionsDialog
	messages *messagesDialog
	visits   *visitEditor
	ask      *deleteAsk
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
	// A double-click on a pair opens its visits, the pair's own edit.
	rowSelect(s.table, func(int) { s.showVisits() })

	s.first = newPersonPicker(s.ui, "Type a name, then choose someone unpaired", s.updateButtons)
	s.second = newPersonPicker(s.ui, "Type a name, then choose someone to pair with", s.updateButtons)
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
		container.NewGridWithColumns(2, s.first.entry, s.second.entry))
	actions := container.NewHBox(s.suggestBtn, widget.NewSeparator(), s.visitsBtn, s.lockBtn, s.unpairBtn,
		widget.NewSeparator(), s.icsBtn, s.exportBtn, widget.NewButtonWithIcon("Messages…", theme.MailComposeIcon(), s.showMessages))
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

// pairingsView is a loaded round as the screen shows it, built off the UI
// goroutine: it grows with the round.
type pairingsView struct {
	pairs    []store.Pairing
	unpaired []store.Participant
	// labels name the unpaired people for the pickers, keys are the
	// labels lower-cased, and choice maps a label to its person.
	labels, keys []string
	choice       map[string]store.Participant
	overdue      int
}

// buildPairingsView sorts the pairs (those with an overdue visit first:
// they are the ones to chase) and names the unpaired people.
func buildPairingsView(people []store.Participant, pairs []store.Pairing, today time.Time) pairingsView {
	overdueFirst := func(p store.Pairing) int {
		if p.Visits[0].Overdue(today) || p.Visits[1].Overdue(today) {
			return 0
		}
		return 1
	}
	slices.SortStableFunc(pairs, func(a, b store.Pairing) int { return overdueFirst(a) - overdueFirst(b) })
	v := pairingsView{pairs: pairs, choice: map[string]store.Participant{}}
	inPair := map[int64]int{}
	for _, p := range pairs {
		inPair[p.PrimaryID]++
		inPair[p.SecondaryID]++
		for _, vi := range p.Visits {
			if vi.Overdue(today) {
				v.overdue++
			}
		}
	}
	for _, p := range people {
		// A host with places left is offered too.
		if inPair[p.ID] >= p.PlacesOrOne() {
			continue
		}
		v.unpaired = append(v.unpaired, p)
		label := personLabel(p) + placesLeft(p, inPair[p.ID])
		if _, dup := v.choice[label]; dup {
			label += " <" + p.Email + ">"
		}
		v.choice[label] = p
		v.labels = append(v.labels, label)
		v.keys = append(v.keys, strings.ToLower(label))
	}
	return v
}

func (s *pairingsScreen) refresh() {
	ui := s.ui
	if ui.round.ID == 0 {
		s.loads.start(ui)
		s.show(pairingsView{})
		return
	}
	id, today := ui.round.ID, ui.now()
	var v pairingsView
	ui.load(&s.loads, func(ctx context.Context) error {
		people, err := ui.db.FindParticipants(ctx, store.ParticipantFilter{RoundID: id})
		if err != nil {
			return err
		}
		pairs, err := ui.db.FindPairings(ctx, id)
		if err != nil {
			return err
		}
		v = buildPairingsView(people, pairs, today)
		return nil
	}, func() { s.show(v) })
}

// show shows the round's pairs and offers its unpaired people for pairing
// by hand.
func (s *pairingsScreen) show(v pairingsView) {
	s.pairs, s.unpaired, s.choice = v.pairs, v.unpaired, v.choice
	valid := func(label string) bool { _, ok := v.choice[label]; return ok }
	s.first.setPeople(v.labels, v.keys, valid)
	s.second.setPeople(v.labels, v.keys, valid)
	text := fmt.Sprintf("%s · %s unpaired", store.Plural(len(v.pairs), "pair", "pairs"), store.Plural(len(v.unpaired), "person", "people"))
	if v.overdue > 0 {
		text += " · " + store.Plural(v.overdue, "overdue visit", "overdue visits")
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
	setEnabled(ok, s.lockBtn, s.unpairBtn, s.visitsBtn)
	s.calendarButton(ok)
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
	ui.write(func() error { return ui.db.CreatePairing(ui.ctx, &p) }, func() {
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
	ui.write(func() error { return ui.db.UpdatePairing(ui.ctx, &p) }, ui.Changed)
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

// export writes the round's pairs as CSV for Excel.
func (s *pairingsScreen) export() {
	ui := s.ui
	pairs := slices.Clone(s.pairs)
	today := ui.now()
	saveFile(ui, "Export pairings", "pairings.csv",
		func(w io.Writer) error { return tasks.ExportPairings(w, pairs, today) },
		"Exported", func(path string) string {
			return fmt.Sprintf("Wrote %s to %s.", store.Plural(len(pairs), "pair", "pairs"), path)
		})
}
