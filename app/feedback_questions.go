package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
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
