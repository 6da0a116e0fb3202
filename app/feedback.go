package app

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/liaisonapp/liaison/app/tasks"
	"github.com/liaisonapp/liaison/store"
	"github.com/liaisonapp/liaison/store/csvio"
	"github.com/liaisonapp/liaison/store/forms"
)

// Rate-base choices as the Select shows them.
const (
	rateBaseParticipantsLabel = "participants in the round"
	rateBaseCompletedLabel    = "participants who completed both visits"
)

// feedbackScreen is the survey: each question's figures with the response
// rate and its denominator, the breakdown by role with small groups
// suppressed, fast keying of paper forms, the questions themselves, and
// importing a forms export.
type feedbackScreen struct {
	ui *UI

	figures   store.Figures
	questions []store.Question
	responses []store.Response
	k         int

	rate      *widget.Label
	rateBase  *widget.Select
	kEntry    *widget.Entry
	table     *widget.Table
	cells     [][]string // the figures table, header first
	breakdown *widget.Table
	bcells    [][]string // the breakdown table, header first
	entry     *paperEntry
	// entered holds the IDs of the forms keyed here in round enteredIn,
	// for undo; another round starts afresh.
	entered   []int64
	enteredIn int64

	qlist    *widget.List
	qText    *widget.Entry
	qNew     *widget.Entry
	selected int // the question selected in qlist, or -1

	importer *importDialog
	// lastImport says what the last import did; lastExport is the file
	// the last export wrote.
	lastImport, lastExport string
	tabs                   *container.AppTabs
}

func newFeedback(ui *UI) *feedbackScreen {
	return &feedbackScreen{ui: ui, selected: -1, k: store.DefaultSuppressK}
}

func (s *feedbackScreen) title() string { return "Feedback" }

func (s *feedbackScreen) content() fyne.CanvasObject {
	s.rate = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.rate.Wrapping = fyne.TextWrapWord
	s.rateBase = widget.NewSelect([]string{rateBaseParticipantsLabel, rateBaseCompletedLabel}, s.setRateBase)
	s.kEntry = widget.NewEntry()
	s.kEntry.SetPlaceHolder("5")
	s.kEntry.OnSubmitted = func(string) { s.setK() }
	kSave := widget.NewButton("Set K", s.setK)

	s.table = newCellTable(&s.cells, 520, 50, 64, 44, 44, 44, 44, 44, 44, 120, 110)
	s.breakdown = newCellTable(&s.bcells, 150, 480, 115, 115, 120, 115)
	controls := container.NewHBox(widget.NewLabel("Response rate out of"), container.NewGridWrap(fyne.NewSize(370, s.rateBase.MinSize().Height), s.rateBase),
		widget.NewLabel("Hide groups smaller than K ="), container.NewGridWrap(fyne.NewSize(70, 38), s.kEntry), kSave)
	files := container.NewHBox(
		widget.NewButtonWithIcon("Import a forms export…", theme.UploadIcon(), s.importFile),
		widget.NewButtonWithIcon("Export summary…", theme.DownloadIcon(), s.exportSummary))
	// Two rows, so that the screen fits a 1280-pixel laptop.
	top := container.NewVBox(container.NewBorder(nil, nil, nil, files, s.rate), controls)
	bhead := widget.NewLabelWithStyle("By role (fewer than K responses, in a group or to a question, are never shown as figures)", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	split := container.NewVSplit(s.table, container.NewBorder(bhead, nil, nil, nil, s.breakdown))
	split.Offset = 0.45
	figures := container.NewBorder(top, nil, nil, nil, split)

	s.entry = newPaperEntry()
	s.entry.onSave = s.saveForm
	s.entry.onUndo = s.undoForm

	s.tabs = container.NewAppTabs(
		container.NewTabItem("Figures", figures),
		container.NewTabItem("Key in paper forms", container.NewPadded(s.entry)),
		container.NewTabItem("Questions", s.questionsEditor()),
	)
	s.tabs.OnSelected = func(t *container.TabItem) {
		if t.Text == "Key in paper forms" {
			if c := s.ui.win.Canvas(); c != nil {
				c.Focus(s.entry)
			}
		}
	}
	return s.tabs
}

// newCellTable makes a table showing *cells (header row first) with the
// given column widths. It reads *cells on every redraw, so a screen
// replaces its slice and calls Refresh; only visible cells are built, so
// thousands of rows stay smooth.
func newCellTable(cells *[][]string, widths ...float32) *widget.Table {
	t := widget.NewTable(
		func() (int, int) {
			if len(*cells) == 0 {
				return 0, 0
			}
			return len(*cells), len((*cells)[0])
		},
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.TableCellID, o fyne.CanvasObject) { setCell(o.(*widget.Label), *cells, id) })
	for c, w := range widths {
		t.SetColumnWidth(c, w)
	}
	return t
}

// setCell shows cells[row][col] in a table cell, the header row in bold.
func setCell(l *widget.Label, cells [][]string, id widget.TableCellID) {
	if id.Row >= len(cells) || id.Col >= len(cells[id.Row]) {
		l.SetText("")
		return
	}
	l.TextStyle.Bold = id.Row == 0
	l.Truncation = fyne.TextTruncateEllipsis
	l.SetText(cells[id.Row][id.Col])
}

func (s *feedbackScreen) questionsEditor() fyne.CanvasObject {
	s.qlist = widget.NewList(
		func() int { return len(s.questions) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			l.Truncation = fyne.TextTruncateEllipsis
			if i < len(s.questions) {
				l.SetText(fmt.Sprintf("%d. %s", i+1, s.questions[i].Text))
			}
		})
	s.qText = widget.NewEntry()
	s.qText.SetPlaceHolder("Select a question to change its text")
	s.qlist.OnSelected = func(i widget.ListItemID) {
		s.selected = i
		if i < len(s.questions) {
			s.qText.SetText(s.questions[i].Text)
		}
	}
	s.qNew = widget.NewEntry()
	s.qNew.SetPlaceHolder("A new question, scored 1 (least likely) to 6 (most likely)")
	s.qNew.OnSubmitted = func(string) { s.addQuestion() }
	edit := container.NewVBox(
		widget.NewLabelWithStyle("Selected question", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		s.qText,
		container.NewHBox(widget.NewButton("Save text", s.saveQuestion),
			widget.NewButtonWithIcon("Up", theme.MoveUpIcon(), func() { s.moveQuestion(-1) }),
			widget.NewButtonWithIcon("Down", theme.MoveDownIcon(), func() { s.moveQuestion(1) }),
			widget.NewButtonWithIcon("Delete", theme.DeleteIcon(), s.deleteQuestion)),
		widget.NewSeparator(),
		widget.NewLabelWithStyle("Add a question", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		s.qNew,
		widget.NewButtonWithIcon("Add", theme.ContentAddIcon(), s.addQuestion),
	)
	return container.NewBorder(nil, edit, nil, nil, s.qlist)
}

func (s *feedbackScreen) refresh() {
	ui := s.ui
	if ui.round.ID == 0 {
		s.rate.SetText("No round yet.")
		return
	}
	r := ui.round
	var (
		f  store.Figures
		qs []store.Question
		rs []store.Response
	)
	ui.run(func() (err error) {
		if f, err = store.ComputeFigures(ui.ctx, ui.db, r, ui.now()); err != nil {
			return err
		}
		if qs, err = ui.db.Questions(ui.ctx, r.ID); err != nil {
			return err
		}
		rs, err = ui.db.Responses(ui.ctx, r.ID)
		return err
	}, func() {
		s.show(f, qs, rs)
	})
}

// show lays out freshly read figures.
func (s *feedbackScreen) show(f store.Figures, qs []store.Question, rs []store.Response) {
	changedQs := len(qs) != len(s.questions)
	for i := range qs {
		if !changedQs && (qs[i].ID != s.questions[i].ID || qs[i].Text != s.questions[i].Text) {
			changedQs = true
		}
	}
	s.figures, s.questions, s.responses, s.k = f, qs, rs, f.Feedback.SuppressK
	s.rate.SetText(f.Feedback.RateText())
	if f.Feedback.RateBase == store.RateBaseCompleted {
		s.rateBase.Selected = rateBaseCompletedLabel
	} else {
		s.rateBase.Selected = rateBaseParticipantsLabel
	}
	s.rateBase.Refresh()
	s.kEntry.SetText(strconv.Itoa(s.k))

	s.cells = [][]string{{"Question", "n", "Mean", "1", "2", "3", "4", "5", "6", "Top two (5–6)", "95% CI"}}
	for _, q := range f.Feedback.Questions {
		row := []string{q.Text, strconv.Itoa(q.N)}
		if q.N == 0 {
			row = append(row, store.NoAnswersLabel, "", "", "", "", "", "", "", "")
		} else {
			row = append(row, fmt.Sprintf("%.2f", q.Mean))
			for _, c := range q.Counts {
				row = append(row, strconv.Itoa(c))
			}
			row = append(row, fmt.Sprintf("%.0f%%", 100*q.Top2), fmt.Sprintf("%.2f–%.2f", q.CI95[0], q.CI95[1]))
		}
		s.cells = append(s.cells, row)
	}
	s.table.Refresh()

	s.bcells = [][]string{{"Role", "Question", "n", "Mean", "Top two (5–6)", "95% CI"}}
	for _, b := range store.SummariseBy(qs, rs, tasks.RoleGroup, s.k) {
		for i, q := range b.Summaries {
			// store.SummariseBy decides what is withheld, as for the
			// export: small groups, questions few of a group answered,
			// and whatever would let them be worked out by subtraction.
			if label := b.Withheld(i); label != "" {
				s.bcells = append(s.bcells, []string{b.Group, q.Question.Text, label, label, label, label})
				continue
			}
			row := []string{b.Group, q.Question.Text, strconv.Itoa(q.N), "–", "", ""}
			if q.N > 0 {
				row[3], row[4], row[5] = fmt.Sprintf("%.2f", q.Mean), fmt.Sprintf("%.0f%%", 100*q.Top2), fmt.Sprintf("%.2f–%.2f", q.CI95[0], q.CI95[1])
			}
			s.bcells = append(s.bcells, row)
		}
	}
	s.breakdown.Refresh()

	s.qlist.Refresh()
	if changedQs {
		// A half-keyed form belongs to the old questions.
		s.entry.setQuestions(qs)
	}
}

func (s *feedbackScreen) setRateBase(label string) {
	base := store.RateBaseParticipants
	if label == rateBaseCompletedLabel {
		base = store.RateBaseCompleted
	}
	if base == s.figures.Feedback.RateBase {
		return
	}
	s.saveSetting(store.SettingRateBase, base)
}

func (s *feedbackScreen) setK() {
	k, err := strconv.Atoi(strings.TrimSpace(s.kEntry.Text))
	if err != nil || k < 1 || k > 1000 {
		s.ui.showError(store.Errorf(store.EINVALID, "K must be a whole number of at least 1 (the default is %d); %q is not.", store.DefaultSuppressK, s.kEntry.Text))
		return
	}
	if k == s.k {
		return
	}
	s.saveSetting(store.SettingSuppressK, strconv.Itoa(k))
}

func (s *feedbackScreen) saveSetting(key, value string) {
	ui := s.ui
	ui.run(func() error { return ui.db.SetSetting(ui.ctx, key, value) }, func() {
		ui.Changed()
	})
}

// saveForm stores a keyed paper form.
func (s *feedbackScreen) saveForm(r store.Response) {
	ui := s.ui
	if !ui.haveRound() {
		return
	}
	roundID := ui.round.ID
	rs := []store.Response{r}
	var err error
	ui.async(func() { _, _, err = ui.db.AddResponses(ui.ctx, roundID, rs) }, func() {
		if err != nil {
			ui.showError(store.Errorf(store.ErrorCode(err), "The form %s was not saved: %s Key it again.", s.entry.describe(r), store.ErrorMessage(err)))
			return
		}
		if s.enteredIn != roundID {
			s.entered, s.enteredIn = nil, roundID
		}
		s.entered = append(s.entered, rs[0].ID)
		s.entry.saved(rs[0])
		ui.Changed()
	})
}

// undoForm deletes the last form keyed here.
func (s *feedbackScreen) undoForm() {
	if len(s.entered) == 0 || s.enteredIn != s.ui.round.ID {
		s.entry.undone(false)
		return
	}
	ui := s.ui
	id := s.entered[len(s.entered)-1]
	var err error
	ui.async(func() { err = ui.db.DeleteResponse(ui.ctx, id) }, func() {
		if err != nil && store.ErrorCode(err) != store.ENOTFOUND {
			ui.showError(err)
			return
		}
		s.entered = s.entered[:len(s.entered)-1]
		s.entry.undone(err == nil)
		ui.Changed()
	})
}

func (s *feedbackScreen) addQuestion() {
	ui := s.ui
	q := store.Question{RoundID: ui.round.ID, Text: s.qNew.Text}
	ui.run(func() error { return ui.db.CreateQuestion(ui.ctx, &q) }, func() {
		s.qNew.SetText("")
		ui.Changed()
	})
}

func (s *feedbackScreen) saveQuestion() {
	if s.selected < 0 || s.selected >= len(s.questions) {
		s.ui.showError(store.Errorf(store.EINVALID, "Select the question to change first."))
		return
	}
	q := s.questions[s.selected]
	q.Text = s.qText.Text
	s.writeQuestions([]store.Question{q})
}

// moveQuestion swaps the selected question with its neighbour, renumbering
// every question so positions stay 1, 2, 3 … whatever they were before.
func (s *feedbackScreen) moveQuestion(by int) {
	i, j := s.selected, s.selected+by
	if i < 0 || i >= len(s.questions) || j < 0 || j >= len(s.questions) {
		return
	}
	qs := append([]store.Question(nil), s.questions...)
	qs[i], qs[j] = qs[j], qs[i]
	for n := range qs {
		qs[n].Position = n + 1
	}
	s.selected = j
	s.writeQuestions(qs)
	s.qlist.Select(j)
}

func (s *feedbackScreen) writeQuestions(qs []store.Question) {
	ui := s.ui
	var err error
	ui.async(func() {
		for i := range qs {
			if err = ui.db.UpdateQuestion(ui.ctx, &qs[i]); err != nil {
				return
			}
		}
	}, func() {
		if err != nil {
			ui.showError(err)
		}
		ui.Changed()
	})
}

func (s *feedbackScreen) deleteQuestion() {
	if s.selected < 0 || s.selected >= len(s.questions) {
		s.ui.showError(store.Errorf(store.EINVALID, "Select the question to delete first."))
		return
	}
	q := s.questions[s.selected]
	ui := s.ui
	dialog.ShowConfirm("Delete the question?", fmt.Sprintf("Delete %q? Its scores are dropped from every response.", q.Text), func(ok bool) {
		if !ok {
			return
		}
		ui.run(func() error { return ui.db.DeleteQuestion(ui.ctx, q.ID) }, func() {
			s.selected = -1
			s.qlist.UnselectAll()
			s.qText.SetText("")
			ui.Changed()
		})
	}, ui.win)
}

// exportSummary writes the per-question summary for the board, as
// `liaison export feedback` does: the breakdown by role suppressed below K.
func (s *feedbackScreen) exportSummary() {
	ui := s.ui
	if !ui.haveRound() {
		return
	}
	header, rows := tasks.FeedbackSummaryRows(s.questions, s.responses, s.k, s.figures.Feedback.RateText())
	ui.files.save("Export the feedback summary", "feedback-summary.csv", func(path string, err error) {
		if err != nil {
			if err != errCancelled {
				ui.showError(err)
			}
			return
		}
		ui.run(func() error { return tasks.WriteCSVAtomic(path, header, rows) }, func() {
			s.lastExport = path
			dialog.ShowInformation("Summary exported", "Wrote "+path+". Groups of fewer than "+strconv.Itoa(s.k)+" are shown as \""+store.SuppressedLabel(s.k)+"\".", ui.win)
		})
	})
}

// importFile asks for a forms export and shows its mapping.
func (s *feedbackScreen) importFile() {
	ui := s.ui
	if !ui.haveRound() {
		return
	}
	ui.files.open("Import a forms export", "csv", func(path string, err error) {
		if err != nil {
			if err != errCancelled {
				ui.showError(err)
			}
			return
		}
		var t *csvio.Table
		var qs []store.Question
		roundID := ui.round.ID
		ui.run(func() (err error) {
			if t, err = tasks.ReadTable(path); err != nil {
				return err
			}
			qs, err = ui.db.Questions(ui.ctx, roundID)
			return err
		}, func() {
			s.importer = newImportDialog(s, path, t, qs)
			s.importer.dlg.Show()
		})
	})
}

// importDialog shows how each column of an export will be read, for the
// organiser to confirm or change, with a preview and every problem. Import
// is refused while there is any problem.
type importDialog struct {
	s     *feedbackScreen
	path  string
	table *csvio.Table
	qs    []store.Question
	plan  forms.Plan
	res   forms.Result

	kinds    []*widget.Select // per column
	question []*widget.Select // per column; used for score columns
	add      []*widget.Check  // per column; "add as a new question"
	preview  *widget.Label
	problems *widget.Label
	confirm  *widget.Button
	// summary sits beside the Import button, so one glance says whether
	// the file is ready.
	summary *widget.Label
	dlg     dialog.Dialog
}

const newQuestionOption = "(a new question: this column's header)"

var kindOptions = []string{forms.Ignored.String(), forms.Score.String(), forms.Role.String(), forms.ID.String(), forms.Comment.String()}

func kindOf(name string) forms.Kind {
	for i, o := range kindOptions {
		if o == name {
			return forms.Kind(i)
		}
	}
	return forms.Ignored
}

func newImportDialog(s *feedbackScreen, path string, t *csvio.Table, qs []store.Question) *importDialog {
	d := &importDialog{s: s, path: path, table: t, qs: qs, plan: forms.Detect(t, qs)}
	qOptions := []string{newQuestionOption}
	for _, q := range qs {
		qOptions = append(qOptions, q.Text)
	}
	grid := container.NewVBox()
	for i, c := range d.plan.Columns {
		kind := widget.NewSelect(kindOptions, nil)
		kind.SetSelected(c.Kind.String())
		question := widget.NewSelect(qOptions, nil)
		question.SetSelected(newQuestionOption)
		for _, q := range qs {
			if q.ID == c.QuestionID {
				question.SetSelected(q.Text)
			}
		}
		add := widget.NewCheck("add as a new question", nil)
		add.SetChecked(true)
		d.kinds, d.question, d.add = append(d.kinds, kind), append(d.question, question), append(d.add, add)
		i := i
		kind.OnChanged = func(string) { d.update(i) }
		question.OnChanged = func(string) { d.update(i) }
		add.OnChanged = func(bool) { d.update(i) }
		header := widget.NewLabel(c.Header)
		header.Truncation = fyne.TextTruncateEllipsis
		grid.Add(container.NewGridWithColumns(2, header, container.NewBorder(nil, nil, container.NewGridWrap(fyne.NewSize(130, 38), kind), nil,
			container.NewVBox(question, add))))
		grid.Add(widget.NewSeparator())
	}
	d.preview = widget.NewLabel("")
	d.preview.Wrapping = fyne.TextWrapWord
	d.problems = widget.NewLabel("")
	d.problems.Wrapping = fyne.TextWrapWord
	d.problems.Importance = widget.DangerImportance
	d.confirm = widget.NewButtonWithIcon("Import", theme.ConfirmIcon(), d.doImport)
	d.confirm.Importance = widget.HighImportance
	info := widget.NewLabel(fmt.Sprintf("%s: %d rows, %s. Check what each column holds; change it where Liaison guessed wrong.",
		filepath.Base(path), len(t.Rows), t.Encoding))
	info.Wrapping = fyne.TextWrapWord
	tabs := container.NewAppTabs(
		container.NewTabItem("Columns", container.NewVScroll(grid)),
		container.NewTabItem("Preview and problems", container.NewVScroll(container.NewVBox(d.problems, d.preview))),
	)
	d.summary = widget.NewLabel("")
	body := container.NewBorder(info, container.NewBorder(nil, nil, d.confirm, nil, d.summary), nil, nil, tabs)
	d.dlg = dialog.NewCustom("Import feedback", "Cancel", body, s.ui.win)
	d.dlg.Resize(fyne.NewSize(1100, 700))
	for i := range d.plan.Columns {
		d.sync(i)
	}
	d.apply()
	return d
}

// sync shows or hides a column's question choice to suit its kind.
func (d *importDialog) sync(i int) {
	score := kindOf(d.kinds[i].Selected) == forms.Score
	newQ := d.question[i].Selected == newQuestionOption
	if score {
		d.question[i].Show()
	} else {
		d.question[i].Hide()
	}
	if score && newQ {
		d.add[i].Show()
	} else {
		d.add[i].Hide()
	}
}

// update re-reads column i's choices and applies the plan again.
func (d *importDialog) update(i int) {
	d.sync(i)
	d.apply()
}

// currentPlan builds the plan from the dialog's choices. A score column
// for a new question whose box is unticked is not imported.
func (d *importDialog) currentPlan() forms.Plan {
	p := forms.Plan{Columns: make([]forms.Column, len(d.plan.Columns))}
	for i, c := range d.plan.Columns {
		c.Kind = kindOf(d.kinds[i].Selected)
		c.QuestionID = 0
		if c.Kind == forms.Score {
			for _, q := range d.qs {
				if q.Text == d.question[i].Selected {
					c.QuestionID = q.ID
				}
			}
			if c.QuestionID == 0 && !d.add[i].Checked {
				c.Kind = forms.Ignored
			}
		}
		if c.Kind == forms.Score && c.QuestionID == 0 {
			p.NewQuestions = append(p.NewQuestions, c.Header)
		}
		p.Columns[i] = c
	}
	return p
}

// apply reads the file with the current choices and shows the outcome.
func (d *importDialog) apply() {
	d.res = forms.Apply(d.table, d.currentPlan(), "import:"+filepath.Base(d.path))
	var b strings.Builder
	fmt.Fprintf(&b, "%d responses", len(d.res.Responses))
	if d.res.Skipped > 0 {
		fmt.Fprintf(&b, " (%d empty rows left out)", d.res.Skipped)
	}
	if n := len(d.res.Plan.NewQuestions); n > 0 {
		quoted := make([]string, n)
		for j, q := range d.res.Plan.NewQuestions {
			quoted[j] = strconv.Quote(q)
		}
		fmt.Fprintf(&b, "; new questions to add (%d): %s", n, strings.Join(quoted, ", "))
	}
	b.WriteString(".\n\nFirst rows:\n")
	text := map[int64]string{}
	for _, q := range d.qs {
		text[q.ID] = q.Text
	}
	for j, q := range d.res.Plan.NewQuestions {
		text[-int64(j+1)] = q + " (new)"
	}
	for n, r := range d.res.Responses {
		if n == 5 {
			break
		}
		var parts []string
		for _, c := range d.res.Plan.Columns {
			if c.Kind != forms.Score {
				continue
			}
			key := c.QuestionID
			if key == 0 {
				for j, h := range d.res.Plan.NewQuestions {
					if h == c.Header {
						key = -int64(j + 1)
					}
				}
			}
			if v, ok := r.Scores[key]; ok {
				parts = append(parts, strconv.Itoa(v))
			} else {
				parts = append(parts, "–")
			}
		}
		role := "role not given"
		if r.Role != "" {
			role = r.Role.Label()
		}
		fmt.Fprintf(&b, "  %d. %s · %s", n+1, strings.Join(parts, " "), role)
		if r.Comment != "" {
			c := []rune(strings.ReplaceAll(r.Comment, "\n", " "))
			if len(c) > 60 {
				c = append(c[:60], '…')
			}
			fmt.Fprintf(&b, " · “%s”", string(c))
		}
		b.WriteString("\n")
	}
	d.preview.SetText(b.String())
	if len(d.res.Problems) == 0 {
		d.summary.SetText(fmt.Sprintf("%s, %s, no problems: ready to import.", countNoun(len(d.res.Responses), "response", "responses"), countNoun(len(d.res.Plan.NewQuestions), "new question", "new questions")))
		d.problems.SetText("No problems found.")
		d.problems.Importance = widget.SuccessImportance
		d.confirm.Enable()
	} else {
		d.summary.SetText(fmt.Sprintf("%d problems: see \"Preview and problems\". Fix the file or change the columns.", len(d.res.Problems)))
		// Nothing has been imported yet: say what stands in the way.
		lines := make([]string, 0, len(d.res.Problems)+1)
		noun := "problems"
		if len(d.res.Problems) == 1 {
			noun = "problem"
		}
		lines = append(lines, fmt.Sprintf("%d %s to fix (in the file, or by changing what a column holds) before anything can be imported:", len(d.res.Problems), noun))
		for _, p := range d.res.Problems {
			lines = append(lines, p.String())
		}
		d.problems.SetText(strings.Join(lines, "\n"))
		d.problems.Importance = widget.DangerImportance
		d.confirm.Disable()
	}
	d.problems.Refresh()
}

// doImport stores the responses (and the new questions) in one
// transaction, through the same import as the command line's, and says
// what happened.
func (d *importDialog) doImport() {
	ui := d.s.ui
	if len(d.res.Problems) > 0 {
		return
	}
	roundID := ui.round.ID
	t, plan, source := d.table, d.currentPlan(), "import:"+filepath.Base(d.path)
	var res forms.Result
	var added, skipped int
	ui.run(func() (err error) {
		res, added, skipped, err = tasks.ImportTable(ui.ctx, ui.db, roundID, t, plan, source)
		return err
	}, func() {
		d.dlg.Hide()
		d.s.importer = nil
		msg := fmt.Sprintf("%d added, %d already there, %s added.", added, skipped, countNoun(len(res.Plan.NewQuestions), "new question", "new questions"))
		d.s.lastImport = msg
		dialog.ShowInformation("Feedback imported", msg, ui.win)
		ui.Changed()
	})
}
