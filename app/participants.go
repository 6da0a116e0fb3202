package app

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/liaisonapp/liaison/app/tasks"
	"github.com/liaisonapp/liaison/store"
	"github.com/liaisonapp/liaison/store/csvio"
)

// participantColumns are the table's columns, in order.
var participantColumns = []struct {
	title string
	width float32
	value func(p store.Participant) string
}{
	{"Name", 220, func(p store.Participant) string { return p.Name }},
	{"Email", 260, func(p store.Participant) string { return p.Email }},
	{"Role", 130, func(p store.Participant) string { return p.Role.Label() }},
	{"Organisation", 260, func(p store.Participant) string { return p.Organisation }},
	{"Specialty", 190, func(p store.Participant) string { return p.Specialty }},
	{"Locality", 120, func(p store.Participant) string { return p.Locality }},
	{"Wished specialties", 240, func(p store.Participant) string { return strings.Join(p.Wishes, "; ") }},
}

const (
	allRoles      = "All roles"
	allLocalities = "All localities"
)

// participantsScreen lists the round's participants. The whole round is
// held in memory and filtered and sorted there, so that typing in the
// search box stays instant with 10,000 people; the table only reads the
// filtered slice.
type participantsScreen struct {
	loads loader // numbers the screen's reads, so only the latest is shown
	ui    *UI

	all     []store.Participant
	entries []participantEntry // all, with their search and sort keys
	rows    []store.Participant
	// views numbers the background filter-and-sorts, so that only the
	// latest reaches the table.
	views  loader
	pairOf map[int64]store.Pairing // participant ID → their pair
	// sortCol is the column sorted on, sortDesc its direction.
	sortCol  int
	sortDesc bool
	selected int64 // ID of the selected participant, 0 for none

	search   *widget.Entry
	role     *widget.Select
	locality *widget.Select
	count    *widget.Label
	table    *widget.Table
	// tableRows highlights whole rows; a double-click opens Edit.
	tableRows *tableRows
	headers   map[int]*widget.Button // header buttons by column, for tests

	addBtn, editBtn, deleteBtn, importBtn, exportBtn *widget.Button
	appraisalBtn                                     *widget.Button

	// The open dialogs, for tests.
	form    *participantForm
	ask     *deleteAsk
	preview *importPreview
	busy    dialog.Dialog
}

func newParticipants(ui *UI) *participantsScreen {
	return &participantsScreen{ui: ui, headers: map[int]*widget.Button{}}
}

func (s *participantsScreen) title() string { return "Participants" }

func (s *participantsScreen) content() fyne.CanvasObject {
	s.search = widget.NewEntry()
	s.search.SetPlaceHolder("Search name, email, organisation or specialty")
	s.search.OnChanged = func(string) { s.apply() }
	roles := []string{allRoles}
	for _, r := range store.Roles {
		roles = append(roles, r.Label())
	}
	s.role = widget.NewSelect(roles, func(string) { s.apply() })
	s.role.SetSelected(allRoles)
	s.locality = widget.NewSelect([]string{allLocalities}, func(string) { s.apply() })
	s.locality.SetSelected(allLocalities)
	s.count = widget.NewLabel("")

	s.table = widget.NewTable(
		func() (int, int) { return len(s.rows), len(participantColumns) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			if id.Row < len(s.rows) {
				o.(*widget.Label).SetText(participantColumns[id.Col].value(s.rows[id.Row]))
			}
		})
	s.table.ShowHeaderRow = true
	s.table.CreateHeader = func() fyne.CanvasObject {
		b := widget.NewButton("", nil)
		b.Alignment = widget.ButtonAlignLeading
		b.Importance = widget.LowImportance
		return b
	}
	s.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		b := o.(*widget.Button)
		col := id.Col
		if col < 0 || col >= len(participantColumns) {
			return
		}
		b.SetText(participantColumns[col].title)
		b.SetIcon(nil)
		if col == s.sortCol {
			b.SetIcon(theme.MenuDropUpIcon())
			if s.sortDesc {
				b.SetIcon(theme.MenuDropDownIcon())
			}
		}
		b.OnTapped = func() { s.sortBy(col) }
		s.headers[col] = b
	}
	for i, c := range participantColumns {
		s.table.SetColumnWidth(i, c.width)
	}
	s.table.OnSelected = func(id widget.TableCellID) {
		if id.Row >= 0 && id.Row < len(s.rows) {
			s.selected = s.rows[id.Row].ID
		}
		s.updateButtons()
	}
	s.tableRows = rowSelect(s.table, func(row int) {
		if row < len(s.rows) {
			s.showForm(s.rows[row])
		}
	})

	s.addBtn = widget.NewButtonWithIcon("Add…", theme.ContentAddIcon(), func() { s.showForm(store.Participant{}) })
	s.editBtn = widget.NewButtonWithIcon("Edit…", theme.DocumentCreateIcon(), func() {
		if p, ok := s.selectedParticipant(); ok {
			s.showForm(p)
		}
	})
	s.deleteBtn = widget.NewButtonWithIcon("Delete…", theme.DeleteIcon(), s.askDelete)
	s.importBtn = widget.NewButtonWithIcon("Import…", theme.DownloadIcon(), s.pickImport)
	s.exportBtn = widget.NewButtonWithIcon("Export…", theme.DocumentSaveIcon(), s.export)
	s.appraisalBtn = widget.NewButtonWithIcon("Appraisal evidence…", theme.DocumentPrintIcon(), func() {
		if p, ok := s.selectedParticipant(); ok {
			s.ui.exports.appraisalFor(p)
		}
	})
	s.updateButtons()

	filters := container.NewBorder(nil, nil, nil, container.NewHBox(s.role, s.locality, s.count), s.search)
	actions := container.NewHBox(s.addBtn, s.editBtn, s.deleteBtn, widget.NewSeparator(), s.importBtn, s.exportBtn, widget.NewSeparator(), s.appraisalBtn)
	return container.NewBorder(container.NewVBox(actions, filters), nil, nil, nil, s.table)
}

// participantEntry is one participant with the keys the search and the
// sort compare, built once per load off the UI goroutine.
type participantEntry struct {
	p      store.Participant
	search string   // lower-cased name, email, organisation and specialty
	sort   []string // per column, what the column sorts on
}

// participantView is a loaded round, ready to filter: built off the UI
// goroutine, never changed after.
type participantView struct {
	all        []store.Participant
	entries    []participantEntry
	pairOf     map[int64]store.Pairing // participant ID → their pair
	localities map[string]bool
}

// buildParticipantView keys a round's participants for searching and
// sorting; off the UI goroutine, as it grows with the round.
func buildParticipantView(ps []store.Participant, pairs []store.Pairing) participantView {
	v := participantView{all: ps, entries: make([]participantEntry, len(ps)),
		pairOf: make(map[int64]store.Pairing, 2*len(pairs)), localities: map[string]bool{}}
	for i, p := range ps {
		e := participantEntry{p: p, search: strings.ToLower(p.Name + "\x00" + p.Email + "\x00" + p.Organisation + "\x00" + p.Specialty),
			sort: make([]string, len(participantColumns))}
		for c, col := range participantColumns {
			if c == 0 {
				// By surname, ignoring titles: "Dr Claire Hughes" under H.
				e.sort[c] = store.NameSortKey(p.Name)
			} else {
				e.sort[c] = strings.ToLower(col.value(p))
			}
		}
		v.entries[i] = e
		if p.Locality != "" {
			v.localities[p.Locality] = true
		}
	}
	for _, pr := range pairs {
		v.pairOf[pr.PrimaryID] = pr
		v.pairOf[pr.SecondaryID] = pr
	}
	return v
}

// participantQuery is what the table shows: the search, the filters and
// the sort, read from the widgets on the UI goroutine.
type participantQuery struct {
	text, locality string
	role           store.Role
	col            int
	desc           bool
}

func (s *participantsScreen) query() participantQuery {
	q := participantQuery{text: strings.ToLower(strings.TrimSpace(s.search.Text)), col: s.sortCol, desc: s.sortDesc}
	for _, r := range store.Roles {
		if r.Label() == s.role.Selected {
			q.role = r
		}
	}
	if q.locality = s.locality.Selected; q.locality == allLocalities {
		q.locality = ""
	}
	return q
}

// filterSort picks the entries the query shows and sorts them on its
// column, ignoring case, then by name; off the UI goroutine.
func filterSort(entries []participantEntry, q participantQuery) []store.Participant {
	var picked []*participantEntry
	for i := range entries {
		e := &entries[i]
		if q.text != "" && !strings.Contains(e.search, q.text) ||
			q.role != "" && e.p.Role != q.role ||
			q.locality != "" && !strings.EqualFold(e.p.Locality, q.locality) {
			continue
		}
		picked = append(picked, e)
	}
	slices.SortFunc(picked, func(a, b *participantEntry) int {
		c := cmp.Or(cmp.Compare(a.sort[q.col], b.sort[q.col]), cmp.Compare(a.sort[0], b.sort[0]), cmp.Compare(a.p.ID, b.p.ID))
		if q.desc {
			return -c
		}
		return c
	})
	rows := make([]store.Participant, len(picked))
	for i, e := range picked {
		rows[i] = e.p
	}
	return rows
}

// refresh reads the round and keys, filters and sorts it, all off the UI
// goroutine (142 ms for 10,000 people when it ran on it).
func (s *participantsScreen) refresh() {
	ui := s.ui
	if ui.round.ID == 0 {
		s.loads.start(ui)
		v := buildParticipantView(nil, nil)
		s.show(v, nil, s.query())
		return
	}
	id, q := ui.round.ID, s.query()
	var v participantView
	var rows []store.Participant
	ui.load(&s.loads, func(ctx context.Context) error {
		ps, err := ui.db.FindParticipants(ctx, store.ParticipantFilter{RoundID: id})
		if err != nil {
			return err
		}
		pairs, err := ui.db.FindPairings(ctx, id)
		if err != nil {
			return err
		}
		v = buildParticipantView(ps, pairs)
		rows = filterSort(v.entries, q)
		return nil
	}, func() { s.show(v, rows, q) })
}

// load shows ps and pairs as a refresh would, keying them here: for
// benchmarks of the table's own work.
func (s *participantsScreen) load(ps []store.Participant, pairs []store.Pairing) {
	v := buildParticipantView(ps, pairs)
	s.show(v, filterSort(v.entries, s.query()), s.query())
}

// show swaps in a loaded round and the rows filtered for query q; if the
// search or filters changed while it loaded, they are applied again.
func (s *participantsScreen) show(v participantView, rows []store.Participant, q participantQuery) {
	s.views.start(s.ui) // a filter of the old list must not land after this
	s.all, s.entries, s.pairOf = v.all, v.entries, v.pairOf
	options := []string{allLocalities}
	for l := range v.localities {
		options = append(options, l)
	}
	slices.Sort(options[1:])
	s.locality.SetOptions(options)
	if !v.localities[s.locality.Selected] && s.locality.Selected != allLocalities {
		s.locality.Selected = allLocalities
		s.locality.Refresh()
	}
	if s.query() != q {
		s.apply()
		return
	}
	s.setRows(rows, true)
}

// apply filters and sorts the round's participants into the table, off
// the UI goroutine; a keystroke typed meanwhile replaces the request.
func (s *participantsScreen) apply() { s.reapply(true) }

func (s *participantsScreen) reapply(unselect bool) {
	if s.table == nil {
		return
	}
	q, entries := s.query(), s.entries
	var rows []store.Participant
	s.ui.load(&s.views, func(context.Context) error { rows = filterSort(entries, q); return nil }, func() { s.setRows(rows, unselect) })
}

// setRows shows rows in the table.
func (s *participantsScreen) setRows(rows []store.Participant, unselect bool) {
	s.rows = rows
	s.count.SetText(store.Thousands(len(s.rows)) + " of " + store.Thousands(len(s.all)))
	if unselect {
		s.table.UnselectAll()
		s.selected = 0
	}
	s.updateButtons()
	s.table.Refresh()
}

// sortBy sorts on col; sorting on the same column again reverses it.
func (s *participantsScreen) sortBy(col int) {
	if col == s.sortCol {
		s.sortDesc = !s.sortDesc
	} else {
		s.sortCol, s.sortDesc = col, false
	}
	s.reapply(false)
}

func (s *participantsScreen) selectedParticipant() (store.Participant, bool) {
	return withID(s.rows, s.selected, func(p store.Participant) int64 { return p.ID })
}

func (s *participantsScreen) updateButtons() {
	_, ok := s.selectedParticipant()
	setEnabled(ok, s.editBtn, s.deleteBtn, s.appraisalBtn)
	setEnabled(s.ui.round.ID != 0, s.addBtn, s.importBtn, s.exportBtn)
}

// participantForm adds or edits one participant. It keeps its own Save
// button so that a refused save (a duplicate email, say) leaves the form
// open with what was typed and says why.
type participantForm struct {
	dialog                                         *dialog.CustomDialog
	name, email, organisation, specialty, locality *formEntry
	wishes                                         *formEntry
	hosting                                        *placesFields
	role                                           *formSelect
	problem                                        *widget.Label
	save, cancel                                   *widget.Button
}

// showForm opens the form for p: a new participant when p.ID is 0.
func (s *participantsScreen) showForm(p store.Participant) {
	ui := s.ui
	f := &participantForm{
		name: newFormEntry(), email: newFormEntry(), organisation: newFormEntry(),
		specialty: newFormEntry(), locality: newFormEntry(), wishes: newFormEntry(),
		problem: widget.NewLabel(""),
	}
	labels := make([]string, len(store.Roles))
	for i, r := range store.Roles {
		labels[i] = r.Label()
	}
	f.role = newFormSelect(labels, nil)
	f.role.PlaceHolder = "(choose a role)"
	f.name.SetText(p.Name)
	f.email.SetText(p.Email)
	f.organisation.SetText(p.Organisation)
	f.specialty.SetText(p.Specialty)
	f.locality.SetText(p.Locality)
	f.wishes.SetText(strings.Join(p.Wishes, "; "))
	if p.Role != "" {
		f.role.SetSelected(p.Role.Label())
	}
	f.name.Validator = func(v string) error {
		if strings.TrimSpace(v) == "" {
			return fmt.Errorf("a name is required")
		}
		return nil
	}
	f.email.Validator = func(v string) error { return emailProblem(v) }
	f.email.SetPlaceHolder("name@nhs.net (optional)")
	f.wishes.SetPlaceHolder("specialties, separated by ;")
	f.problem.Wrapping = fyne.TextWrapWord
	f.problem.Importance = widget.DangerImportance
	f.problem.Hide()
	// A complaint about the form goes as soon as the form changes, so it
	// never sits beside a field that has been put right.
	for _, e := range []*formEntry{f.name, f.email, f.organisation, f.specialty, f.locality, f.wishes} {
		e.OnChanged = func(string) { f.problem.Hide() }
	}

	form := widget.NewForm(
		widget.NewFormItem("Name", f.name),
		widget.NewFormItem("Email", f.email),
		widget.NewFormItem("Role", f.role),
		widget.NewFormItem("Organisation", f.organisation),
		widget.NewFormItem("Specialty", f.specialty),
		widget.NewFormItem("Locality / PCN", f.locality),
		widget.NewFormItem("Wished specialties", f.wishes),
	)
	f.hosting = newPlacesFields(p)
	for _, it := range f.hosting.items() {
		form.AppendItem(it)
	}
	title := "Add a participant"
	if p.ID != 0 {
		title = "Edit " + p.Name
	}
	f.dialog = dialog.NewCustomWithoutButtons(title, container.NewVBox(form, f.problem), ui.win)
	f.cancel = widget.NewButton("Cancel", f.dialog.Hide)
	f.save = widget.NewButtonWithIcon("Save", theme.ConfirmIcon(), func() {
		q := p
		q.RoundID = ui.round.ID
		q.Name = strings.TrimSpace(f.name.Text)
		q.Email = strings.TrimSpace(f.email.Text)
		q.Organisation, q.Specialty, q.Locality = f.organisation.Text, f.specialty.Text, f.locality.Text
		q.Wishes = csvio.SplitWishes(f.wishes.Text)
		q.Role = ""
		for _, r := range store.Roles {
			if r.Label() == f.role.Selected {
				q.Role = r
			}
		}
		if why := cmp.Or(f.hosting.apply(&q), formProblem(q)); why != "" {
			f.say(why)
			return
		}
		var err error
		ui.async(ui.written(func() {
			if q.ID == 0 {
				err = ui.db.CreateParticipant(ui.ctx, &q)
			} else {
				err = ui.db.UpdateParticipant(ui.ctx, &q)
			}
		}), func() {
			if err != nil {
				if store.ErrorCode(err) == store.EINTERNAL {
					ui.showError(err)
				}
				f.say(store.ErrorMessage(err))
				return
			}
			f.dialog.Hide()
			ui.Changed()
		})
	})
	f.save.Importance = widget.HighImportance
	f.dialog.SetButtons([]fyne.CanvasObject{f.cancel, f.save})
	f.dialog.Resize(fyne.NewSize(720, 640))
	ui.withKeys(f.dialog, &formKeys{submit: pressIfEnabled(f.save), cancel: f.dialog.Hide},
		f.name, f.email, f.role, f.organisation, f.specialty, f.locality, f.wishes, f.hosting.places, f.hosting.request)
	f.dialog.Show()
	ui.win.Canvas().Focus(f.name)
	s.form = f
}

// say shows why the form cannot be saved, with an icon so that it does not
// rely on colour alone.
func (f *participantForm) say(why string) {
	f.problem.SetText(why)
	f.problem.Show()
}

// formProblem says what is wrong with a participant typed into the form,
// or "" when the store may have it: the store's own rule, so the form and
// every import refuse the same things in the same words.
func formProblem(p store.Participant) string {
	if err := store.ValidateParticipant(&p); err != nil {
		return store.ErrorMessage(err)
	}
	return ""
}

// emailProblem says why a typed email is not a plain address, as an import
// would say it; an empty one is allowed.
func emailProblem(v string) error {
	v = strings.TrimSpace(v)
	if v == "" {
		return nil
	}
	if why := store.EmailProblem(v); why != "" {
		return errors.New(why)
	}
	return nil
}

// askDelete asks before deleting the selected participant, naming the pair
// and visits that go with them.
func (s *participantsScreen) askDelete() {
	p, ok := s.selectedParticipant()
	if !ok {
		return
	}
	ui := s.ui
	s.ask = askDelete(ui, "Delete "+p.Name+"?", deleteText(p, s.pairOf[p.ID], ui), "Keep", "Delete", 220,
		func() error { return ui.db.DeleteParticipant(ui.ctx, p.ID) })
}

// deleteText says what deleting p takes with them: their pair and its two
// visits, named.
func deleteText(p store.Participant, pair store.Pairing, ui *UI) string {
	if pair.ID == 0 {
		return fmt.Sprintf("%s (%s) is in no pair. Deleting removes only them, from this round.", p.Name, p.Role.Label())
	}
	other := pair.Secondary
	if other.ID == p.ID {
		other = pair.Primary
	}
	return fmt.Sprintf("%s (%s) is paired with %s (%s). Deleting %s also deletes that pair and its two visits:\n"+
		"• the visit to the practice: %s\n• the visit to the hospital: %s\n\n%s stays in the round, unpaired.",
		p.Name, p.Role.Label(), other.Name, other.Role.Label(), p.Name,
		visitText(pair.Visits[0], ui), visitText(pair.Visits[1], ui), other.Name)
}

// visitText is a visit in words: its date (or "no date yet") and status.
func visitText(v store.Visit, ui *UI) string {
	date := v.Date
	if date == "" {
		date = "no date yet"
	}
	return date + ", " + tasks.VisitStatusText(v, ui.now())
}

// importPreview shows a sign-up sheet as read, before anything is written.
type importPreview struct {
	dialog          *dialog.CustomDialog
	imp             *csvio.ParticipantImport
	created         int
	updated         int
	keptEmpty       int
	summary         *widget.Label
	mapping         *widget.Label
	problems        *widget.List
	rows            *widget.Table
	importBtn, back *widget.Button
}

// pickImport asks for a CSV file and previews it.
func (s *participantsScreen) pickImport() {
	s.ui.files.open("Import participants", "csv", func(path string, err error) {
		if err != nil {
			if err != errCancelled {
				s.ui.showError(err)
			}
			return
		}
		s.readImport(path)
	})
}

// readImport reads the file off the UI goroutine, showing that it is busy,
// and opens the preview.
func (s *participantsScreen) readImport(path string) {
	ui := s.ui
	round := ui.round
	var imp *csvio.ParticipantImport
	var existing []store.Participant
	var err error
	s.showBusy("Reading " + filepath.Base(path) + "…")
	ui.async(func() {
		var f *os.File
		if f, err = os.Open(path); err != nil {
			err = store.Errorf(store.EINVALID, "Cannot open %s: %v", path, err)
			return
		}
		defer f.Close()
		if imp, err = csvio.ReadParticipants(f); err != nil {
			return
		}
		existing, err = ui.db.FindParticipants(ui.ctx, store.ParticipantFilter{RoundID: round.ID})
	}, func() {
		s.hideBusy()
		if err != nil {
			ui.showError(err)
			return
		}
		s.showPreview(filepath.Base(path), imp, existing)
	})
}

func (s *participantsScreen) showBusy(what string) {
	bar := widget.NewProgressBarInfinite()
	s.busy = dialog.NewCustomWithoutButtons(what, container.NewGridWrap(fyne.NewSize(420, 40), bar), s.ui.win)
	s.busy.Show()
}

func (s *participantsScreen) hideBusy() {
	if s.busy != nil {
		s.busy.Hide()
		s.busy = nil
	}
}

// showPreview shows what importing imp would do: the mapping, the ignored
// columns, the first rows, every problem and how many are new or updated.
// Import stays disabled while there is any problem.
func (s *participantsScreen) showPreview(name string, imp *csvio.ParticipantImport, existing []store.Participant) {
	ui := s.ui
	pv := &importPreview{imp: imp}
	counts := tasks.CountImport(imp, existing)
	pv.created, pv.updated, pv.keptEmpty = counts.Created, counts.Updated, counts.KeptEmpty
	summary := fmt.Sprintf("%s (%s): %d people, %d new and %d already in %q (to be updated).",
		name, imp.Encoding, len(imp.Rows), pv.created, pv.updated, ui.round.Name)
	if pv.keptEmpty > 0 {
		summary += "\n" + store.Plural(pv.keptEmpty, "empty cell leaves", "empty cells leave") + " the stored value unchanged: an import never erases data."
	}
	if n := len(imp.Problems); n > 0 {
		summary += "\n" + store.Plural(n, "problem", "problems") + " below: nothing can be imported until they are fixed in the spreadsheet."
	}
	pv.summary = widget.NewLabel(summary)
	pv.summary.Wrapping = fyne.TextWrapWord

	var maps []string
	for _, f := range csvio.Fields {
		if h, ok := imp.Mapping[f]; ok {
			maps = append(maps, fmt.Sprintf("%s: %s", f, h))
		} else {
			maps = append(maps, f+": (no column)")
		}
	}
	mapText := "Columns: " + strings.Join(maps, " · ")
	if len(imp.Ignored) > 0 {
		mapText += "\nIgnored columns: " + strings.Join(imp.Ignored, ", ")
	}
	pv.mapping = widget.NewLabel(mapText)
	pv.mapping.Wrapping = fyne.TextWrapWord

	pv.problems = widget.NewList(func() int { return len(imp.Problems) },
		func() fyne.CanvasObject {
			return container.NewHBox(widget.NewIcon(theme.WarningIcon()), widget.NewLabel(""))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			o.(*fyne.Container).Objects[1].(*widget.Label).SetText(imp.Problems[i].String())
		})
	const shown = 20
	nrows := min(shown, len(imp.Rows))
	cols := []string{"Line", "Name", "Email", "Role", "Organisation", "Specialty", "Locality"}
	pv.rows = widget.NewTable(func() (int, int) { return nrows, len(cols) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			r := imp.Rows[id.Row]
			v := []string{fmt.Sprint(r.Line), r.P.Name, r.P.Email, r.P.Role.Label(), r.P.Organisation, r.P.Specialty, r.P.Locality}
			o.(*widget.Label).SetText(v[id.Col])
		})
	pv.rows.ShowHeaderRow = true
	pv.rows.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	pv.rows.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 {
			o.(*widget.Label).SetText(cols[id.Col])
		}
	}
	for i, w := range []float32{countWidth(), 200, 240, 110, 220, 160, 110} {
		pv.rows.SetColumnWidth(i, w)
	}
	rowSelect(pv.rows, nil)

	first := widget.NewLabelWithStyle(fmt.Sprintf("First %d of %s rows", nrows, store.Thousands(len(imp.Rows))), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	probHead := widget.NewLabelWithStyle("Problems: "+store.Thousands(len(imp.Problems)), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	var lower fyne.CanvasObject = container.NewBorder(first, nil, nil, nil, pv.rows)
	if len(imp.Problems) > 0 {
		lower = container.NewVSplit(container.NewBorder(probHead, nil, nil, nil, pv.problems), lower)
	}
	body := container.NewBorder(container.NewVBox(pv.summary, pv.mapping, widget.NewSeparator()), nil, nil, nil, lower)

	pv.dialog = dialog.NewCustomWithoutButtons("Import participants: check before importing", body, ui.win)
	pv.back = widget.NewButton("Cancel", pv.dialog.Hide)
	pv.importBtn = widget.NewButtonWithIcon("Import "+store.Thousands(len(imp.Rows)), theme.ConfirmIcon(), func() { s.runImport(pv) })
	pv.importBtn.Importance = widget.HighImportance
	if len(imp.Problems) > 0 || len(imp.Rows) == 0 {
		pv.importBtn.Disable()
	}
	pv.dialog.SetButtons([]fyne.CanvasObject{pv.back, pv.importBtn})
	pv.dialog.Resize(fyne.NewSize(1100, 720))
	ui.withKeys(pv.dialog, &formKeys{submit: pressIfEnabled(pv.importBtn), cancel: pv.dialog.Hide})
	pv.dialog.Show()
	s.preview = pv
}

// runImport writes a previewed file: every row or, on any error, none.
func (s *participantsScreen) runImport(pv *importPreview) {
	ui := s.ui
	if len(pv.imp.Problems) > 0 {
		return
	}
	round := ui.round
	ps := pv.imp.Participants()
	var created, updated int
	var err error
	pv.dialog.Hide()
	s.showBusy("Importing " + store.Plural(len(ps), "participant", "participants") + "…")
	ui.async(ui.written(func() { created, updated, err = ui.db.UpsertParticipants(ui.ctx, round.ID, ps) }), func() {
		s.hideBusy()
		if err != nil {
			ui.showError(err)
			return
		}
		ui.showInfo("Imported", tasks.ImportDone(created, updated, pv.keptEmpty, round.Name))
		ui.Changed()
	})
}

// export writes the round's participants as CSV for Excel.
func (s *participantsScreen) export() {
	ui := s.ui
	ps := slices.Clone(s.all)
	saveFile(ui, "Export participants", "participants.csv",
		func(w io.Writer) error { return tasks.ExportParticipants(w, ps) },
		"Exported", func(path string) string {
			return fmt.Sprintf("Wrote %s to %s.", store.Plural(len(ps), "participant", "participants"), path)
		})
}
