package app

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/liaisonapp/liaison/app/tasks"
	"github.com/liaisonapp/liaison/store"
)

// Rate-base choices as the Select shows them.
const (
	rateBaseParticipantsLabel = "participants in the round"
	rateBaseCompletedLabel    = "participants who completed both visits"
	rateBaseSurveysLabel      = "surveys sent (File > Round settings…)"
)

// feedbackScreen is the survey: each question's figures with the response
// rate and its denominator, the breakdown by role with small groups
// suppressed, fast keying of paper forms, the questions themselves, and
// importing a forms export.
type feedbackScreen struct {
	ui *UI

	figures   store.Figures
	questions []store.Question
	k         int
	// loads numbers the screen's reads, so only the latest is shown.
	loads loader

	rate      *widget.Label
	rateBase  *widget.Select
	kEntry    *widget.Entry
	table     *widget.Table
	cells     [][]string // the figures table, header first
	breakdown *widget.Table
	bcells    [][]string // the breakdown table, header first
	entry     *paperEntry
	comment   *widget.Entry // the paper form's comment (feedback_comments.go)
	comments  *commentsView // the Comments tab (feedback_comments.go)
	// entered holds the IDs of the forms keyed here in round enteredIn,
	// for undo; another round starts afresh.
	entered   []int64
	enteredIn int64

	qlist    *widget.List
	qText    *formEntry
	qNew     *formEntry
	selected int // the question selected in qlist, or -1

	importer *importDialog
	// overlap is the question doImport asks when a file would change
	// stored responses (kept for tests).
	overlap *dialog.ConfirmDialog
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
	s.rateBase = widget.NewSelect([]string{rateBaseParticipantsLabel, rateBaseCompletedLabel, rateBaseSurveysLabel}, s.setRateBase)
	s.kEntry = widget.NewEntry()
	s.kEntry.SetPlaceHolder("5")
	s.kEntry.OnSubmitted = func(string) { s.setK() }
	kSave := widget.NewButton("Set K", s.setK)

	s.table = newCellTable(&s.cells, figureWidths...)
	s.breakdown = newCellTable(&s.bcells, breakdownWidths...)
	rowSelect(s.table, nil)
	rowSelect(s.breakdown, nil)
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

	s.comments = newCommentsView(s.ui)
	s.entry = newPaperEntry()
	s.entry.onSave = s.saveForm
	s.entry.onUndo = s.undoForm

	s.tabs = container.NewAppTabs(
		container.NewTabItem("Figures", figures),
		container.NewTabItem("Key in paper forms", s.paperComment()),
		container.NewTabItem("Questions", s.questionsEditor()),
		container.NewTabItem(commentsTab, s.comments.content()),
	)
	s.tabs.OnSelected = func(t *container.TabItem) {
		if t.Text == commentsTab {
			s.comments.show(s.ui.round.ID)
		}
		if t.Text == "Key in paper forms" {
			if c := s.ui.win.Canvas(); c != nil {
				c.Focus(s.entry)
			}
		}
	}
	return s.tabs
}

// commentsTab is the Comments tab's title.
const commentsTab = "Comments"

// The widths of the figures and breakdown tables for a small round; count
// columns widen to fit larger counts (fitCounts).
var (
	figureWidths    = []float32{520, 50, 64, 44, 44, 44, 44, 44, 44, 120, 110}
	breakdownWidths = []float32{150, 480, 115, 115, 120, 115}
)

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

func (s *feedbackScreen) refresh() {
	ui := s.ui
	if ui.round.ID == 0 {
		s.loads.start(ui) // drops a load still running for a deleted round
		s.rate.SetText("No round yet.")
		return
	}
	r, now := ui.round, ui.now()
	var (
		f      store.Figures
		qs     []store.Question
		cells  [][]string
		bcells [][]string
	)
	// Everything that grows with the data is done here, off the UI
	// goroutine, from the store's tallies (counted incrementally in
	// SQLite), never from every response.
	ui.load(&s.loads, func(ctx context.Context) (err error) {
		if f, err = store.ComputeFigures(ctx, ui.db, r, now); err != nil {
			return err
		}
		if qs, err = ui.db.Questions(ctx, r.ID); err != nil {
			return err
		}
		t, err := ui.db.Tally(ctx, r.ID)
		if err != nil {
			return err
		}
		cells, bcells = figureCells(f), breakdownCells(qs, t, f.Feedback.SuppressK)
		return nil
	}, func() {
		s.show(f, qs, cells, bcells)
	})
}

// figureCells lays out the per-question figures as the table shows them,
// header first.
func figureCells(f store.Figures) [][]string {
	cells := [][]string{{"Question", "n", "Mean", "1", "2", "3", "4", "5", "6", "Top two (5–6)", "95% CI"}}
	for _, q := range f.Feedback.Questions {
		// This screen is the organiser's own: exact counts, with a small
		// one marked, as everywhere else it is withheld.
		row := []string{q.Text, store.PrivateCount(q.N, f.Feedback.SuppressK)}
		if q.N == 0 {
			row = append(row, store.NoAnswersLabel, "", "", "", "", "", "", "", "")
		} else {
			row = append(row, fmt.Sprintf("%.2f", q.Mean))
			for _, c := range q.Counts {
				row = append(row, store.Thousands(c))
			}
			row = append(row, fmt.Sprintf("%.0f%%", 100*q.Top2), fmt.Sprintf("%.2f–%.2f", q.CI95[0], q.CI95[1]))
		}
		cells = append(cells, row)
	}
	return cells
}

// breakdownCells lays out the breakdown by role, header first.
func breakdownCells(qs []store.Question, t store.Tally, k int) [][]string {
	cells := [][]string{{"Role", "Question", "n", "Mean", "Top two (5–6)", "95% CI"}}
	for _, b := range store.SummariseTallyByRole(qs, t, k) {
		for i, q := range b.Summaries {
			// store.SummariseTallyByRole decides what is withheld, as for
			// the export: small groups, questions few of a group
			// answered, and whatever would let them be worked out by
			// subtraction.
			if label := b.Withheld(i); label != "" {
				cells = append(cells, []string{b.Group, q.Question.Text, label, label, label, label})
				continue
			}
			row := []string{b.Group, q.Question.Text, store.Thousands(q.N), "–", "", ""}
			if q.N > 0 {
				row[3], row[4], row[5] = fmt.Sprintf("%.2f", q.Mean), fmt.Sprintf("%.0f%%", 100*q.Top2), fmt.Sprintf("%.2f–%.2f", q.CI95[0], q.CI95[1])
			}
			cells = append(cells, row)
		}
	}
	return cells
}

// show lays out freshly read figures; on the UI goroutine, so it only
// swaps in what the load prepared.
func (s *feedbackScreen) show(f store.Figures, qs []store.Question, cells, bcells [][]string) {
	changedQs := len(qs) != len(s.questions)
	for i := range qs {
		if !changedQs && (qs[i].ID != s.questions[i].ID || qs[i].Text != s.questions[i].Text) {
			changedQs = true
		}
	}
	s.figures, s.questions, s.k = f, qs, f.Feedback.SuppressK
	// The comments are read from every response, so only while their tab
	// is open: a refresh of the figures stays a matter of tallies.
	if s.tabs.Selected() != nil && s.tabs.Selected().Text == commentsTab {
		s.comments.show(s.ui.round.ID)
	}
	s.rate.SetText(f.Feedback.RateText())
	switch f.Feedback.RateBase {
	case store.RateBaseCompleted:
		s.rateBase.Selected = rateBaseCompletedLabel
	case store.RateBaseSurveysSent:
		s.rateBase.Selected = rateBaseSurveysLabel
	default:
		s.rateBase.Selected = rateBaseParticipantsLabel
	}
	s.rateBase.Refresh()
	s.kEntry.SetText(strconv.Itoa(s.k))

	s.cells, s.bcells = cells, bcells
	fitCounts(s.table, s.cells, figureWidths, 1, 2, 3, 4, 5, 6, 7, 8)
	s.table.Refresh()
	fitCounts(s.breakdown, s.bcells, breakdownWidths, 2)
	s.breakdown.Refresh()

	s.qlist.Refresh()
	if changedQs {
		// A half-keyed form belongs to the old questions.
		s.entry.setQuestions(qs)
	}
}

func (s *feedbackScreen) setRateBase(label string) {
	base := store.RateBaseParticipants
	switch label {
	case rateBaseCompletedLabel:
		base = store.RateBaseCompleted
	case rateBaseSurveysLabel:
		base = store.RateBaseSurveysSent
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
	// The base and K are the round's own (store.LoadRoundSettings).
	round := ui.round.ID
	ui.write(func() error { return ui.db.SetSetting(ui.ctx, store.RoundKey(round, key), value) }, func() {
		ui.Changed()
	})
}

// exportSummary writes the per-question summary for the board, as
// `liaison export feedback` does: the breakdown by role suppressed below K.
// It reads the round afresh when the file is chosen, so it writes what the
// round holds then, whatever the screen last showed.
func (s *feedbackScreen) exportSummary() {
	ui := s.ui
	if !ui.haveRound() {
		return
	}
	r, now := ui.round, ui.now()
	ui.files.save("Export the feedback summary", "feedback-summary.csv", func(path string, err error) {
		if err != nil {
			if err != errCancelled {
				ui.showError(err)
			}
			return
		}
		var k int
		ui.run(func() error {
			f, err := store.ComputeFigures(ui.ctx, ui.db, r, now)
			if err != nil {
				return err
			}
			qs, err := ui.db.Questions(ui.ctx, r.ID)
			if err != nil {
				return err
			}
			t, err := ui.db.Tally(ui.ctx, r.ID)
			if err != nil {
				return err
			}
			k = f.Feedback.SuppressK
			header, rows := tasks.FeedbackSummaryTallyRows(qs, t, k, f.Feedback.RateText())
			return tasks.WriteCSVAtomic(path, header, rows)
		}, func() {
			s.lastExport = path
			ui.showInfo("Summary exported", "Wrote "+path+" for "+r.Name+". Groups, and questions, with fewer than "+strconv.Itoa(k)+
				" answers are shown as \""+store.SuppressedLabel(k)+"\", all responses included; figures that would give them away by subtraction say so.")
		})
	})
}
