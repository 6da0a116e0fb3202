package app

import (
	"fmt"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/liaisonapp/liaison/store"
)

// paperEntry keys paper survey forms at typing speed, keyboard only: a
// digit 1–6 scores the current question and moves on, 0, '-' or Space
// skips it (not answered), Backspace goes back one, Enter saves the form
// and starts the next, and Ctrl+Z (or U) undoes the last saved form. A
// letter (G, C, N, M, P, S, O) sets the respondent's role when the form
// asks for it. Seventy forms of four questions is about 400 key presses.
type paperEntry struct {
	widget.BaseWidget

	questions []store.Question
	// scores holds what has been keyed for the current form, one per
	// question: 1..6, or 0 for skipped; len(scores) is the question being
	// keyed.
	scores []int
	role   store.Role
	// count is how many forms were saved this session (less undone ones).
	count   int
	focused bool

	// onSave stores a keyed form; onUndo deletes the last one stored. Each
	// reports back through saved / undone.
	onSave func(r store.Response)
	onUndo func()

	// status is a hint about the last key; lastSaved says what the last
	// save or undo did and stays until the next one.
	status, lastSaved string

	// What is drawn.
	frame    *canvas.Rectangle
	heading  *canvas.Text
	question *widget.Label
	// sofar holds one cell per question: its number above, its score
	// (or – for skipped, _ for the current one) below, in large type.
	sofar   *fyne.Container
	cells   []*canvas.Text
	help    *widget.Label
	message *widget.Label
	box     fyne.CanvasObject
}

// roleKeys maps the letters that set a respondent's role.
var roleKeys = map[rune]store.Role{
	'g': store.RoleGP, 'c': store.RoleConsultant, 'n': store.RoleNurse, 'm': store.RoleManager,
	'p': store.RolePharmacist, 's': store.RoleSupportWorker, 'o': store.RoleOther,
}

func newPaperEntry() *paperEntry {
	e := &paperEntry{}
	e.ExtendBaseWidget(e)
	e.frame = canvas.NewRectangle(color.Transparent)
	e.frame.StrokeWidth = 3
	e.frame.CornerRadius = 6
	e.heading = canvas.NewText("", theme.Color(theme.ColorNameForeground))
	e.heading.TextSize = 22
	e.heading.TextStyle.Bold = true
	e.question = widget.NewLabel("")
	e.question.Wrapping = fyne.TextWrapWord
	e.question.SizeName = theme.SizeNameHeadingText
	e.sofar = container.NewHBox()
	e.help = widget.NewLabel("Keys: 1–6 score the question · 0, - or Space skip it · Backspace goes back · Enter saves the form · Ctrl+Z or U undoes the last saved form · G C N M P S O set the role (GP, Consultant, Nurse, Manager, Pharmacist, Support worker, Other)")
	e.help.Wrapping = fyne.TextWrapWord
	e.message = widget.NewLabel("")
	e.message.Wrapping = fyne.TextWrapWord
	e.box = container.NewStack(e.frame, container.NewPadded(container.NewVBox(container.NewPadded(e.heading), e.question,
		container.NewPadded(e.sofar), e.message, widget.NewSeparator(), e.help)))
	e.show()
	return e
}

// CreateRenderer implements fyne.Widget.
func (e *paperEntry) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(e.box)
}

// setQuestions starts again with a round's questions, dropping any
// half-keyed form.
func (e *paperEntry) setQuestions(qs []store.Question) {
	e.questions = qs
	e.scores = e.scores[:0]
	e.cells = e.cells[:0]
	e.sofar.Objects = nil
	for i := range qs {
		num := canvas.NewText(fmt.Sprintf("Q%d", i+1), theme.Color(theme.ColorNamePlaceHolder))
		num.TextSize = 16
		num.Alignment = fyne.TextAlignCenter
		v := canvas.NewText("·", theme.Color(theme.ColorNameForeground))
		v.TextSize = 44
		v.TextStyle.Bold = true
		v.Alignment = fyne.TextAlignCenter
		e.cells = append(e.cells, v)
		e.sofar.Add(container.NewGridWrap(fyne.NewSize(72, 84), container.NewVBox(num, v)))
	}
	e.sofar.Refresh()
	e.role = ""
	e.show()
}

// Tapped focuses the widget, so a click starts keying.
func (e *paperEntry) Tapped(*fyne.PointEvent) {
	if c := fyne.CurrentApp().Driver().CanvasForObject(e); c != nil {
		c.Focus(e)
	}
}

// FocusGained implements fyne.Focusable.
func (e *paperEntry) FocusGained() { e.focused = true; e.show() }

// FocusLost implements fyne.Focusable.
func (e *paperEntry) FocusLost() { e.focused = false; e.show() }

// TypedRune implements fyne.Focusable: scores, skips, roles and undo.
func (e *paperEntry) TypedRune(r rune) {
	switch {
	case r >= '1' && r <= '6':
		e.key(int(r - '0'))
	case r == '0' || r == '-' || r == ' ':
		e.key(0)
	case r == 'u' || r == 'U':
		e.undo()
	default:
		if role, ok := roleKeys[r|0x20]; ok && r < 0x80 {
			e.role = role
			e.status = ""
			e.show()
		}
	}
}

// TypedKey implements fyne.Focusable: Backspace and Enter (Return or
// the keypad's).
func (e *paperEntry) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyBackspace:
		if n := len(e.scores); n > 0 {
			e.scores = e.scores[:n-1]
		} else {
			e.role = ""
		}
		e.status = ""
		e.show()
	case fyne.KeyReturn, fyne.KeyEnter:
		e.save()
	}
	// Space, digits and letters arrive here as keys too, but the window
	// also sends them as runes, which TypedRune handles: acting on both
	// would skip two questions for one press of Space.
}

// TypedShortcut handles Ctrl+Z (undo) while keying.
func (e *paperEntry) TypedShortcut(s fyne.Shortcut) {
	switch s := s.(type) {
	case *fyne.ShortcutUndo:
		e.undo()
	case *desktop.CustomShortcut:
		if s.KeyName == fyne.KeyZ {
			e.undo()
		}
	}
}

// key records a score (0 for skipped) for the current question and moves
// to the next.
func (e *paperEntry) key(v int) {
	if len(e.questions) == 0 {
		e.status = "This round has no questions yet: add them on the Questions tab."
		e.show()
		return
	}
	if len(e.scores) >= len(e.questions) {
		e.status = "All questions are keyed: press Enter to save, or Backspace to change the last one."
		e.show()
		return
	}
	e.scores = append(e.scores, v)
	e.status = ""
	e.show()
}

// save hands the keyed form to onSave and starts the next one. A form
// with nothing answered is not a response.
func (e *paperEntry) save() {
	r := store.Response{Source: "paper", Role: e.role, Scores: map[int64]int{}}
	for i, v := range e.scores {
		if v > 0 {
			r.Scores[e.questions[i].ID] = v
		}
	}
	if len(r.Scores) == 0 {
		e.status = "Nothing keyed yet: type the form's scores, 1 to 6, then Enter."
		e.show()
		return
	}
	e.scores = e.scores[:0]
	e.role = ""
	if e.onSave != nil {
		e.onSave(r)
	}
}

// saved is called once a form is stored.
func (e *paperEntry) saved(r store.Response) {
	e.count++
	e.lastSaved = fmt.Sprintf("Saved form %d: %s. Ctrl+Z or U undoes it.", e.count, e.describe(r))
	e.show()
}

func (e *paperEntry) undo() {
	if e.onUndo != nil {
		e.onUndo()
	}
}

// undone is called once the last saved form is deleted (ok) or when there
// was none to undo.
func (e *paperEntry) undone(ok bool) {
	if ok {
		e.count--
		e.lastSaved = fmt.Sprintf("Undid the last saved form; %d saved this session.", e.count)
	} else {
		e.lastSaved = "There is no saved form to undo."
	}
	e.show()
}

// describe renders a saved response's scores in question order.
func (e *paperEntry) describe(r store.Response) string {
	parts := make([]string, len(e.questions))
	for i, q := range e.questions {
		if v, ok := r.Scores[q.ID]; ok {
			parts[i] = fmt.Sprint(v)
		} else {
			parts[i] = "–"
		}
	}
	s := strings.Join(parts, " ")
	if r.Role != "" {
		s += " (" + r.Role.Label() + ")"
	}
	return s
}

// show redraws from the state.
func (e *paperEntry) show() {
	fg := theme.Color(theme.ColorNameForeground)
	if e.focused {
		e.frame.StrokeColor = theme.Color(theme.ColorNamePrimary)
	} else {
		e.frame.StrokeColor = theme.Color(theme.ColorNameInputBorder)
	}
	e.heading.Color = fg
	n := len(e.scores)
	role := ""
	if e.role != "" {
		role = " · role " + e.role.Label()
	}
	switch {
	case len(e.questions) == 0:
		e.heading.Text = "No questions to key"
		e.question.SetText("Add the survey's questions first.")
	case !e.focused:
		e.heading.Text = fmt.Sprintf("Form %d · %d keyed this session", e.count+1, e.count)
		e.question.SetText("Click here (or Tab to here) to start keying paper forms.")
	case n >= len(e.questions):
		e.heading.Text = fmt.Sprintf("Form %d · all %d questions keyed%s", e.count+1, len(e.questions), role)
		e.question.SetText("Press Enter to save this form and start the next.")
	default:
		e.heading.Text = fmt.Sprintf("Form %d · question %d of %d%s", e.count+1, n+1, len(e.questions), role)
		e.question.SetText(e.questions[n].Text)
	}
	for i, c := range e.cells {
		switch {
		case i < n && e.scores[i] == 0:
			c.Text = "–"
		case i < n:
			c.Text = fmt.Sprint(e.scores[i])
		case i == n && e.focused:
			c.Text = "_"
		default:
			c.Text = "·"
		}
		c.Color = fg
		c.Refresh()
	}
	e.message.SetText(strings.TrimSpace(e.lastSaved + "\n" + e.status))
	e.heading.Refresh()
	e.frame.Refresh()
}

func (s *feedbackScreen) saveForm(r store.Response) {
	ui := s.ui
	if !ui.haveRound() {
		return
	}
	roundID := ui.round.ID
	if s.comment != nil {
		r.Comment = strings.TrimSpace(s.comment.Text)
	}
	rs := []store.Response{r}
	var err error
	ui.async(ui.written(func() { _, _, err = ui.db.AddResponses(ui.ctx, roundID, rs) }), func() {
		if err != nil {
			ui.showError(store.Errorf(store.ErrorCode(err), "The form %s was not saved: %s Key it again.", s.entry.describe(r), store.ErrorMessage(err)))
			return
		}
		if s.enteredIn != roundID {
			s.entered, s.enteredIn = nil, roundID
		}
		s.entered = append(s.entered, rs[0].ID)
		if s.comment != nil && r.Comment != "" {
			s.comment.SetText("")
		}
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
	ui.async(ui.written(func() { err = ui.db.DeleteResponse(ui.ctx, id) }), func() {
		if err != nil && store.ErrorCode(err) != store.ENOTFOUND {
			ui.showError(err)
			return
		}
		s.entered = s.entered[:len(s.entered)-1]
		s.entry.undone(err == nil)
		ui.Changed()
	})
}
