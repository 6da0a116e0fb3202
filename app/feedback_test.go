package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/liaisonapp/liaison/store"
	"github.com/liaisonapp/liaison/store/demo"
	"github.com/liaisonapp/liaison/store/forms"
)

// feedbackUI opens the Feedback screen on a fresh round with the
// published questions.
func feedbackUI(t *testing.T) (*UI, *feedbackScreen, store.Round) {
	return screenOnNewRound[*feedbackScreen](t)
}

// keyIn focuses the paper entry and types keys: characters as the window
// sends a typed character (key, then rune), and the names in braces
// ({Return}, {BackSpace}) as keys alone.
func keyIn(ui *UI, s *feedbackScreen, keys string) {
	c := ui.win.Canvas()
	s.tabs.SelectIndex(1)
	waitIdle(nil)
	if c.Focused() != s.entry {
		c.Focus(s.entry)
	}
	for keys != "" {
		if strings.HasPrefix(keys, "{") {
			end := strings.IndexByte(keys, '}')
			c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyName(keys[1:end])})
			waitIdle(nil)
			keys = keys[end+1:]
			continue
		}
		// The test canvas has no key handler of its own: type into the
		// focused widget as the real (GLFW) window does, which sends a
		// printable key both as a key (Space, 5, G) and as a rune.
		r := rune(keys[0])
		name := fyne.KeyName(strings.ToUpper(string(r)))
		switch r {
		case ' ':
			name = fyne.KeySpace
		case '-':
			name = fyne.KeyMinus
		}
		c.Focused().TypedKey(&fyne.KeyEvent{Name: name})
		waitIdle(nil)
		c.Focused().TypedRune(r)
		waitIdle(nil)
		keys = keys[1:]
	}
}

// scoresOf returns the round's responses as "q1 q2 q3 q4" strings, "-"
// for unanswered.
func scoresOf(t *testing.T, ui *UI, r store.Round) []string {
	t.Helper()
	qs, err := ui.db.Questions(ui.ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	rs, err := ui.db.Responses(ui.ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, resp := range rs {
		var parts []string
		for _, q := range qs {
			if v, ok := resp.Scores[q.ID]; ok {
				parts = append(parts, fmt.Sprint(v))
			} else {
				parts = append(parts, "-")
			}
		}
		s := strings.Join(parts, " ")
		if resp.Role != "" {
			s += " " + string(resp.Role)
		}
		if resp.Source != "paper" {
			s += " source=" + resp.Source
		}
		out = append(out, s)
	}
	return out
}

func TestPaperEntry(t *testing.T) {
	for _, c := range []struct {
		name string
		keys string
		want []string
	}{
		{"FourScoresThenEnter", "5643{Return}", []string{"5 6 4 3"}},
		{"SpacesBetweenDigitsSkip", "5 6{Return}", []string{"5 - 6 -"}},
		{"SkipKeys", "5-40{Return}", []string{"5 - 4 -"}},
		{"BackspaceGoesBack", "564{BackSpace}2{BackSpace}{BackSpace}13{Return}", []string{"5 1 3 -"}},
		{"RoleLetter", "g6543{Return}", []string{"6 5 4 3 gp"}},
		{"ExtraDigitsIgnored", "111111{Return}", []string{"1 1 1 1"}},
		{"TwoForms", "5643{Return}1234{Return}", []string{"5 6 4 3", "1 2 3 4"}},
		{"EmptyFormNotSaved", "{Return}--{Return}", nil},
		{"UndoWithU", "5643{Return}1234{Return}u", []string{"5 6 4 3"}},
		{"UndoEverything", "5643{Return}uu", nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			ui, s, r := feedbackUI(t)
			keyIn(ui, s, c.keys)
			if got, want := fmt.Sprint(scoresOf(t, ui, r)), fmt.Sprint(c.want); got != want {
				t.Fatalf("stored %s, want %s", got, want)
			}
		})
	}

	t.Run("CtrlZUndoesAndCountRuns", func(t *testing.T) {
		ui, s, r := feedbackUI(t)
		keyIn(ui, s, "5643{Return}6666{Return}")
		if got, want := s.entry.count, 2; got != want {
			t.Fatalf("count %d, want %d", got, want)
		}
		if !strings.Contains(s.entry.message.Text, "Saved form 2: 6 6 6 6") {
			t.Fatalf("message %q", s.entry.message.Text)
		}
		s.entry.TypedShortcut(&fyne.ShortcutUndo{})
		waitIdle(t)
		if got, want := fmt.Sprint(scoresOf(t, ui, r)), "[5 6 4 3]"; got != want {
			t.Fatalf("after Ctrl+Z stored %s, want %s", got, want)
		}
		if got, want := s.entry.count, 1; got != want {
			t.Fatalf("count after undo %d, want %d", got, want)
		}
		// The figures follow what was keyed, exactly, on the organiser's
		// own screen, and marked, as one form is fewer than K.
		if got, want := s.cells[1][1], "1 (not for sharing)"; got != want {
			t.Fatalf("n of question 1 = %q, want %q", got, want)
		}
	})

	t.Run("ShowsCurrentQuestion", func(t *testing.T) {
		ui, s, _ := feedbackUI(t)
		keyIn(ui, s, "5")
		if got, want := s.entry.question.Text, store.PublishedQuestions[1]; got != want {
			t.Fatalf("current question %q, want %q", got, want)
		}
		if !strings.Contains(s.entry.heading.Text, "question 2 of 4") {
			t.Fatalf("heading %q", s.entry.heading.Text)
		}
		var sofar []string
		for _, c := range s.entry.cells {
			sofar = append(sofar, c.Text)
		}
		if got, want := strings.Join(sofar, " "), "5 _ · ·"; got != want {
			t.Fatalf("scores so far %q, want %q", got, want)
		}
	})
}

func TestFeedbackFiguresAndSuppression(t *testing.T) {
	db := MustOpenDB(t)
	ctx := context.Background()
	r, err := demo.Create(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	ui := newTestUI(t, db)
	ui.Start()
	waitIdle(t)
	s := ui.screens[4].(*feedbackScreen)
	ui.Show(4)
	waitIdle(t)
	for i, want := range []string{"5.25", "4.59", "4.83", "3.85"} {
		if got := s.cells[i+1][2]; got != want {
			t.Errorf("question %d mean %q, want %q", i+1, got, want)
		}
	}
	if !strings.Contains(s.rate.Text, "71 of 189 surveys sent = 37.6%") {
		t.Fatalf("rate %q does not state its denominator", s.rate.Text)
	}
	s.rateBase.SetSelected(rateBaseCompletedLabel)
	waitIdle(t)
	if !strings.Contains(s.rate.Text, "completed both visits") {
		t.Fatalf("rate %q after choosing the completed base", s.rate.Text)
	}

	// Raise K above every role's size: every breakdown cell is suppressed.
	rs, _ := db.Responses(ctx, r.ID)
	s.kEntry.SetText(fmt.Sprint(len(rs) + 1))
	waitIdle(t)
	s.setK()
	waitIdle(t)
	label := store.SuppressedLabel(len(rs) + 1)
	for _, row := range s.bcells[1:] {
		for _, cell := range row[2:] {
			if cell != label {
				t.Fatalf("row %q shows a figure above K", row)
			}
		}
	}
	// The organiser's own screen shows the overall n exactly, marked, as
	// it is now fewer than K …
	if got, want := s.cells[1][1], fmt.Sprintf("%d (not for sharing)", len(rs)); got != want {
		t.Fatalf("overall n = %q, want %q", got, want)
	}

	// … and the export for the board withholds it like any group.
	out := filepath.Join(t.TempDir(), "summary.csv")
	ui.files = fileDialogs{save: func(_, _ string, done func(string, error)) { done(out, nil) }}
	s.exportSummary()
	waitIdle(t)
	raw, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	text := string(raw)
	if !strings.Contains(text, "Consultant,") || !strings.Contains(text, label) || strings.Contains(text, "5.25") {
		t.Fatalf("export lacks the suppressed breakdown, or shows the overall means of fewer than K:\n%s", text)
	}
}

// importUI opens the Feedback screen with a file dialog that picks path.
func importUI(t *testing.T, path string) (*UI, *feedbackScreen, store.Round) {
	ui, s, r := feedbackUI(t)
	ui.files = fileDialogs{open: func(_, _ string, done func(string, error)) { done(path, nil) }}
	s.importFile()
	waitIdle(t)
	if s.importer == nil {
		t.Fatal("no mapping dialog")
	}
	return ui, s, r
}

func TestImportDialog(t *testing.T) {
	good := filepath.Join("cli", "testdata", "feedback", "good.csv")
	bad := filepath.Join("cli", "testdata", "feedback", "bad.csv")

	t.Run("ShowsMappingAndImports", func(t *testing.T) {
		ui, s, r := importUI(t, good)
		d := s.importer
		want := map[string]string{"ID": "ID", "Email": "ignored", "What is your role?": "role",
			"2. Did you find the scheme useful?": "score", "Any other comments?": "comment"}
		for i, c := range d.plan.Columns {
			if w, ok := want[c.Header]; ok && d.kinds[i].Selected != w {
				t.Errorf("column %q shows %q, want %q", c.Header, d.kinds[i].Selected, w)
			}
		}
		if d.confirm.Disabled() {
			t.Fatalf("a good file cannot be imported: %s", d.problems.Text)
		}
		if !strings.Contains(d.preview.Text, "4 responses") || !strings.Contains(d.preview.Text, "new questions to add (1)") {
			t.Fatalf("preview %q", d.preview.Text)
		}
		test.Tap(d.confirm)
		waitIdle(t)
		if got, want := len(scoresOf(t, ui, r)), 4; got != want {
			t.Fatalf("%d responses stored, want %d", got, want)
		}
		if got, want := s.lastImport, "4 added, 0 changed, 0 already there, 1 new question added."; got != want {
			t.Fatalf("said %q, want %q", got, want)
		}
		qs, _ := ui.db.Questions(ui.ctx, r.ID)
		if got, want := qs[len(qs)-1].Text, "Would you recommend the scheme to a colleague?"; got != want {
			t.Fatalf("new question %q, want %q (without the form's numbering)", got, want)
		}
		// The same export again adds nobody.
		s.importFile()
		waitIdle(t)
		test.Tap(s.importer.confirm)
		waitIdle(t)
		if got, want := s.lastImport, "0 added, 0 changed, 4 already there, 0 new questions added."; got != want {
			t.Fatalf("re-import said %q, want %q", got, want)
		}
	})

	t.Run("OverlappingIDsAsk", func(t *testing.T) {
		// The same IDs with one answer edited: a later download of the
		// same form updates that response; a different form adds all.
		text, err := os.ReadFile(good)
		if err != nil {
			t.Fatal(err)
		}
		edited := filepath.Join(t.TempDir(), "edited.csv")
		lines := strings.SplitN(string(text), "\n", 3)
		row := strings.Replace(lines[1], ",5,", ",2,", 1)
		if row == lines[1] {
			row = strings.Replace(lines[1], ",6,", ",2,", 1)
		}
		if row == lines[1] {
			t.Fatalf("no score to edit in %q", lines[1])
		}
		if err := os.WriteFile(edited, []byte(lines[0]+"\n"+row+"\n"+lines[2]), 0o600); err != nil {
			t.Fatal(err)
		}
		for _, same := range []bool{true, false} {
			ui, s, r := importUI(t, good)
			test.Tap(s.importer.confirm)
			waitIdle(t)
			ui.files = fileDialogs{open: func(_, _ string, done func(string, error)) { done(edited, nil) }}
			s.importFile()
			waitIdle(t)
			test.Tap(s.importer.confirm)
			waitIdle(t)
			if s.overlap == nil {
				t.Fatalf("no question; said %q", s.lastImport)
			}
			want := "0 added, 1 changed, 3 already there, 0 new questions added."
			if same {
				s.overlap.Confirm()
				waitIdle(t)
			} else {
				s.overlap.Dismiss()
				waitIdle(t)
				want = "4 added, 0 changed, 0 already there, 0 new questions added. Responses with an ID are form 2 of this round."
			}
			if s.lastImport != want {
				t.Fatalf("same form %v: said %q, want %q", same, s.lastImport, want)
			}
			if got, want := len(scoresOf(t, ui, r)), map[bool]int{true: 4, false: 8}[same]; got != want {
				t.Fatalf("same form %v: %d responses stored, want %d", same, got, want)
			}
		}
	})

	t.Run("UntickedNewQuestionIsLeftOut", func(t *testing.T) {
		ui, s, r := importUI(t, good)
		d := s.importer
		for i, c := range d.plan.Columns {
			if strings.HasPrefix(c.Header, "5.") {
				if d.add[i].Hidden {
					t.Fatal("the new question's checkbox is hidden")
				}
				d.add[i].SetChecked(false)
				waitIdle(t)
			}
		}
		test.Tap(d.confirm)
		waitIdle(t)
		qs, _ := ui.db.Questions(ui.ctx, r.ID)
		if got, want := len(qs), len(store.PublishedQuestions); got != want {
			t.Fatalf("%d questions, want %d", got, want)
		}
	})

	t.Run("BadFileIsBlockedUntilRemapped", func(t *testing.T) {
		ui, s, r := importUI(t, bad)
		d := s.importer
		if !d.confirm.Disabled() {
			t.Fatal("a file with bad scores can be imported")
		}
		// A preview: nothing has been tried yet, so it does not say that
		// nothing was imported.
		if !strings.HasPrefix(d.problems.Text, "2 problems to fix") || strings.Contains(d.problems.Text, "was imported") {
			t.Fatalf("problems begin %q", d.problems.Text)
		}
		for _, want := range []string{`line 4, column "2. Did you find the scheme useful?": "7"`, `"five"`} {
			if !strings.Contains(d.problems.Text, want) {
				t.Fatalf("problems lack %q:\n%s", want, d.problems.Text)
			}
		}
		// Telling Liaison the two columns are not scores clears both problems.
		for i, c := range d.plan.Columns {
			if strings.HasPrefix(c.Header, "2.") || strings.HasPrefix(c.Header, "4.") {
				d.kinds[i].SetSelected(forms.Ignored.String())
				waitIdle(t)
			}
		}
		if d.confirm.Disabled() {
			t.Fatalf("still blocked: %s", d.problems.Text)
		}
		test.Tap(d.confirm)
		waitIdle(t)
		if got := scoresOf(t, ui, r); len(got) != 4 || got[0] != "6 - 6 - 6 gp source=import:bad.csv" {
			t.Fatalf("stored %v", got)
		}
	})
}

func TestBreakdownSuppressionAtK(t *testing.T) {
	// K is 5 (the default): consultants at K-1, K and K+1 responses, each
	// answering the first question only, beside ten GPs.
	for _, c := range []struct {
		name        string
		consultants int
		suppressed  bool
	}{
		{"K-1", 4, true},
		{"K", 5, false},
		{"K+1", 6, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			ui, s, r := feedbackUI(t)
			qs, err := ui.db.Questions(ui.ctx, r.ID)
			if err != nil {
				t.Fatal(err)
			}
			var rs []store.Response
			for i := 0; i < 10+c.consultants; i++ {
				role := store.RoleGP
				if i >= 10 {
					role = store.RoleConsultant
				}
				rs = append(rs, store.Response{Role: role, Source: "paper", Scores: map[int64]int{qs[0].ID: 4 + i%2}})
			}
			if _, _, err := ui.db.AddResponses(ui.ctx, r.ID, rs); err != nil {
				t.Fatal(err)
			}
			ui.Changed()
			waitIdle(t)
			label := store.SuppressedLabel(5)
			var rows int
			for _, row := range s.bcells[1:] {
				if row[0] == store.RoleGP.Label() && row[1] == qs[0].Text {
					// Beside a suppressed group the GPs' figures would give
					// it away by subtraction from the overall ones.
					if got, want := row[2] == store.ComplementaryLabel, c.suppressed; got != want {
						t.Fatalf("GP row %q withheld: %v, want %v", row, got, want)
					}
				}
				if row[0] != store.RoleConsultant.Label() || row[1] != qs[0].Text {
					continue
				}
				rows++
				if c.suppressed {
					for _, cell := range row[2:] {
						if cell != label {
							t.Fatalf("suppressed group shows %q: %q", cell, row)
						}
					}
				} else if got, want := row[2], fmt.Sprint(c.consultants); got != want {
					t.Fatalf("consultants n = %q, want %q (row %q)", got, want, row)
				}
			}
			if rows != 1 {
				t.Fatalf("%d consultant rows for the first question, want 1: %q", rows, s.bcells)
			}
			if got, want := s.cells[1][1], fmt.Sprint(10+c.consultants); got != want {
				t.Fatalf("overall n = %q, want %q", got, want)
			}
		})
	}
}

func TestQuestionsEditor(t *testing.T) {
	ui, s, r := feedbackUI(t)
	texts := func() string {
		qs, err := ui.db.Questions(ui.ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, q := range qs {
			out = append(out, fmt.Sprintf("%d:%s", q.Position, q.Text))
		}
		return strings.Join(out, " | ")
	}
	if got, want := len(s.questions), len(store.PublishedQuestions); got != want {
		t.Fatalf("a new round has %d questions, want the %d published ones", got, want)
	}

	s.qNew.SetText("Was the visit well organised?")
	waitIdle(t)
	s.addQuestion()
	waitIdle(t)
	s.qlist.Select(4)
	waitIdle(t)
	s.qText.SetText("Was your visit well organised?")
	waitIdle(t)
	s.saveQuestion()
	waitIdle(t)
	s.moveQuestion(-1)
	waitIdle(t)
	want := fmt.Sprintf("1:%s | 2:%s | 3:%s | 4:Was your visit well organised? | 5:%s",
		store.PublishedQuestions[0], store.PublishedQuestions[1], store.PublishedQuestions[2], store.PublishedQuestions[3])
	if got := texts(); got != want {
		t.Fatalf("questions\n%s\nwant\n%s", got, want)
	}
	// Paper entry follows the new order at once.
	keyIn(ui, s, "555")
	waitIdle(t)
	if got, want := s.entry.question.Text, "Was your visit well organised?"; got != want {
		t.Fatalf("fourth question keyed is %q, want %q", got, want)
	}
}

func TestFeedbackNoAnswersYet(t *testing.T) {
	// One keyed form answering the first question only: the others have no
	// answers, which the table says rather than showing a mean.
	ui, s, _ := feedbackUI(t)
	keyIn(ui, s, "5{Return}")
	if got, want := s.cells[1][2], "5.00"; got != want {
		t.Fatalf("mean of question 1 = %q, want %q", got, want)
	}
	if got, want := s.cells[2][2], store.NoAnswersLabel; got != want {
		t.Fatalf("mean of question 2 = %q, want %q", got, want)
	}
}
