package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/liaisonapp/liaison/store"
)

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
	s.qText = newFormEntry()
	s.qText.SetPlaceHolder("Select a question to change its text")
	s.qlist.OnSelected = func(i widget.ListItemID) {
		s.selected = i
		if i < len(s.questions) {
			s.qText.SetText(s.questions[i].Text)
		}
	}
	s.qNew = newFormEntry()
	s.qNew.SetPlaceHolder("A new question, scored 1 (least likely) to 6 (most likely)")
	// Enter saves what is typed; Esc puts back the stored text, or clears
	// a new question.
	(&formKeys{submit: s.saveQuestion, cancel: s.revertQuestion}).bind(s.qText)
	(&formKeys{submit: s.addQuestion, cancel: func() { s.qNew.SetText("") }}).bind(s.qNew)
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

func (s *feedbackScreen) addQuestion() {
	ui := s.ui
	q := store.Question{RoundID: ui.round.ID, Text: s.qNew.Text}
	ui.write(func() error { return ui.db.CreateQuestion(ui.ctx, &q) }, func() {
		s.qNew.SetText("")
		ui.Changed()
	})
}

// revertQuestion puts the selected question's stored text back in the box.
func (s *feedbackScreen) revertQuestion() {
	if s.selected >= 0 && s.selected < len(s.questions) {
		s.qText.SetText(s.questions[s.selected].Text)
	}
}

func (s *feedbackScreen) saveQuestion() {
	if s.selected < 0 || s.selected >= len(s.questions) {
		s.ui.showError(store.Errorf(store.EINVALID, "Select the question to change first."))
		return
	}
	q := s.questions[s.selected]
	q.Text = s.qText.Text
	ui := s.ui
	ui.write(func() error { return ui.db.UpdateQuestion(ui.ctx, &q) }, ui.Changed)
}

// moveQuestion swaps the selected question with its neighbour and stores
// the whole new order in one step (store.ReorderQuestions), so positions
// stay 1, 2, 3 … and a failure leaves the old order, never half of each.
func (s *feedbackScreen) moveQuestion(by int) {
	i, j := s.selected, s.selected+by
	if i < 0 || i >= len(s.questions) || j < 0 || j >= len(s.questions) {
		return
	}
	ids := make([]int64, len(s.questions))
	for n, q := range s.questions {
		ids[n] = q.ID
	}
	ids[i], ids[j] = ids[j], ids[i]
	s.selected = j
	ui, roundID := s.ui, s.ui.round.ID
	var err error
	ui.async(ui.written(func() { err = ui.db.ReorderQuestions(ui.ctx, roundID, ids) }), func() {
		if err != nil {
			ui.showError(err)
		}
		ui.Changed()
	})
	s.qlist.Select(j)
}

func (s *feedbackScreen) deleteQuestion() {
	if s.selected < 0 || s.selected >= len(s.questions) {
		s.ui.showError(store.Errorf(store.EINVALID, "Select the question to delete first."))
		return
	}
	q := s.questions[s.selected]
	ui := s.ui
	ui.showConfirm("Delete the question?", fmt.Sprintf("Delete %q? Its scores are dropped from every response.", q.Text), func() {
		ui.write(func() error { return ui.db.DeleteQuestion(ui.ctx, q.ID) }, func() {
			s.selected = -1
			s.qlist.UnselectAll()
			s.qText.SetText("")
			ui.Changed()
		})
	})
}
