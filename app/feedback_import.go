package app

import (
	"context"
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
		var plan forms.Plan
		roundID := ui.round.ID
		ui.run(func() (err error) {
			if t, err = tasks.ReadTable(path); err != nil {
				return err
			}
			if qs, err = ui.db.Questions(ui.ctx, roundID); err != nil {
				return err
			}
			plan = forms.Detect(t, qs)
			return nil
		}, func() {
			s.importer = newImportDialog(s, path, t, qs, plan)
			ui.withKeys(s.importer.dlg, &formKeys{submit: pressIfEnabled(s.importer.confirm), cancel: s.importer.dlg.Hide})
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
	// res is the outcome of the choices shown, once checked; checking
	// runs off the UI goroutine (a quarter of a second for 100,000 rows),
	// and while it runs Import is disabled.
	res      forms.Result
	checking bool
	loads    loader

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

func newImportDialog(s *feedbackScreen, path string, t *csvio.Table, qs []store.Question, plan forms.Plan) *importDialog {
	d := &importDialog{s: s, path: path, table: t, qs: qs, plan: plan}
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

// apply checks the file against the current choices off the UI goroutine,
// showing that it is checking meanwhile; only the latest choices' outcome
// is shown.
func (d *importDialog) apply() {
	t, plan, qs, source := d.table, d.currentPlan(), d.qs, "import:"+filepath.Base(d.path)
	d.checking = true
	d.summary.SetText("Checking " + store.Plural(len(t.Rows), "row", "rows") + " with these choices…")
	d.confirm.Disable()
	var res forms.Result
	var preview string
	d.s.ui.load(&d.loads, func(context.Context) error {
		res = forms.Apply(t, plan, source)
		preview = previewText(res, qs)
		return nil
	}, func() {
		d.checking = false
		d.show(res, preview)
	})
}

// previewText says what an import would store and shows its first rows.
func previewText(res forms.Result, qs []store.Question) string {
	var b strings.Builder
	b.WriteString(store.Plural(len(res.Responses), "response", "responses"))
	if res.Skipped > 0 {
		fmt.Fprintf(&b, " (%s left out)", store.Plural(res.Skipped, "empty row", "empty rows"))
	}
	if n := len(res.Plan.NewQuestions); n > 0 {
		quoted := make([]string, n)
		for j, q := range res.Plan.NewQuestions {
			quoted[j] = strconv.Quote(q)
		}
		fmt.Fprintf(&b, "; new questions to add (%d): %s", n, strings.Join(quoted, ", "))
	}
	b.WriteString(".")
	if words := res.ScoreWords(); len(words) > 0 {
		b.WriteString("\n\nScores written as words, read as: " + strings.Join(words, ", "))
	}
	b.WriteString("\n\nFirst rows:\n")
	text := map[int64]string{}
	for _, q := range qs {
		text[q.ID] = q.Text
	}
	for j, q := range res.Plan.NewQuestions {
		text[-int64(j+1)] = q + " (new)"
	}
	for n, r := range res.Responses {
		if n == 5 {
			break
		}
		var parts []string
		for _, c := range res.Plan.Columns {
			if c.Kind != forms.Score {
				continue
			}
			key := c.QuestionID
			if key == 0 {
				for j, h := range res.Plan.NewQuestions {
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
	return b.String()
}

// problemsShown is how many problems the dialog lists: a file broken on
// every row would otherwise put 100,000 lines in one label.
const problemsShown = 200

// problemText lists what stands in the way of importing.
func problemText(problems []forms.Problem) string {
	noun := "problems"
	if len(problems) == 1 {
		noun = "problem"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d %s to fix (in the file, or by changing what a column holds) before anything can be imported:", len(problems), noun)
	for i, p := range problems {
		if i == problemsShown {
			fmt.Fprintf(&b, "\n… and %s more.", store.Thousands(len(problems)-i))
			break
		}
		b.WriteString("\n" + p.String())
	}
	return b.String()
}

// show shows a checked outcome.
func (d *importDialog) show(res forms.Result, preview string) {
	d.res = res
	d.preview.SetText(preview)
	if len(d.res.Problems) == 0 {
		d.summary.SetText(fmt.Sprintf("%s, %s, no problems: ready to import.", store.Plural(len(d.res.Responses), "response", "responses"), store.Plural(len(d.res.Plan.NewQuestions), "new question", "new questions")))
		d.problems.SetText("No problems found.")
		d.problems.Importance = widget.SuccessImportance
		d.confirm.Enable()
	} else {
		d.summary.SetText(fmt.Sprintf("%s: see \"Preview and problems\". Fix the file or change the columns.", store.Plural(len(d.res.Problems), "problem", "problems")))
		d.problems.SetText(problemText(res.Problems))
		d.problems.Importance = widget.DangerImportance
		d.confirm.Disable()
	}
	d.problems.Refresh()
}

// doImport stores the responses (and the new questions) in one
// transaction, through the same import as the command line's, and says
// what happened. Within a round a response ID already stored is the same
// response; when the file would change some stored responses, it first
// asks whether this is a later download of the same form (update them) or
// a different form whose IDs restart at 1 (add its responses as new).
func (d *importDialog) doImport() {
	ui := d.s.ui
	if d.checking || len(d.res.Problems) > 0 {
		return
	}
	fi := tasks.FeedbackImport{Round: ui.round, Found: true, Plan: d.currentPlan(), Source: "import:" + filepath.Base(d.path)}
	t := d.table
	save := func(fi tasks.FeedbackImport) {
		var c store.ImportCounts
		ui.write(func() (err error) {
			_, c, err = tasks.ImportTable(ui.ctx, ui.db, fi, t)
			return err
		}, func() {
			d.dlg.Hide()
			d.s.importer = nil
			msg := fmt.Sprintf("%s added, %s changed, %s already there, %s added.", store.Thousands(c.Added), store.Thousands(c.Changed), store.Thousands(c.Unchanged), store.Plural(len(c.NewQuestions), "new question", "new questions"))
			if c.Form > 1 {
				msg += fmt.Sprintf(" Responses with an ID are form %d of this round.", c.Form)
			}
			d.s.lastImport = msg
			ui.showInfo("Feedback imported", msg)
			ui.Changed()
		})
	}
	dry := fi
	dry.DryRun = true
	var c store.ImportCounts
	ui.run(func() (err error) {
		_, c, err = tasks.ImportTable(ui.ctx, ui.db, dry, t)
		return err
	}, func() {
		if c.Changed == 0 {
			save(fi)
			return
		}
		verb := "have"
		if c.Changed == 1 {
			verb = "has"
		}
		msg := fmt.Sprintf("%s in this file %s the response ID of one already in this round, with different answers.\n\n"+
			"If the file is a later download of the same form, update the stored answers (and add %s new).\n"+
			"If it is a different form whose IDs also start at 1, add all %s as new responses.",
			store.Plural(c.Changed, "response", "responses"), verb, store.Thousands(c.Added), store.Thousands(c.Added+c.Changed+c.Unchanged))
		ask := dialog.NewCustomConfirm("Response IDs already imported", "Same form: update", "Different form: add", widget.NewLabel(msg), func(same bool) {
			if !same {
				fi.NewForm = true
			}
			save(fi)
		}, ui.win)
		d.s.overlap = ask
		// Both buttons import, so neither Enter nor Esc may choose: they
		// do nothing here (and do not reach the import dialog beneath).
		ui.withKeys(ask, &formKeys{submit: func() {}, cancel: func() {}})
		ask.Show()
	})
}
