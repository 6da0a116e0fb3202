package app

import (
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/liaisonapp/liaison/app/tasks"
	"github.com/liaisonapp/liaison/store"
)

// commentsView is the Feedback screen's Comments tab: the survey's
// free-text comments, searchable, with any that names a participant
// flagged. Flagged comments are never exported. It reads the round's
// participants itself, off the UI goroutine, whenever the screen shows
// fresh responses.
type commentsView struct {
	ui *UI

	all   []tasks.Comment
	shown []tasks.Comment

	search    *widget.Entry
	count     *widget.Label
	list      *widget.List
	exportBtn *widget.Button
	// lastExport is what the last export said, for tests.
	lastExport string
}

func newCommentsView(ui *UI) *commentsView {
	v := &commentsView{ui: ui}
	v.search = widget.NewEntry()
	v.search.SetPlaceHolder("Search the comments")
	v.search.OnChanged = func(string) { v.filter() }
	v.count = widget.NewLabel("")
	v.list = widget.NewList(func() int { return len(v.shown) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Wrapping = fyne.TextWrapWord
			return container.NewBorder(nil, nil, widget.NewIcon(theme.WarningIcon()), nil, l)
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id >= len(v.shown) {
				return
			}
			c := v.shown[id]
			box := o.(*fyne.Container)
			label, icon := box.Objects[0].(*widget.Label), box.Objects[1].(*widget.Icon)
			text := c.Text
			if c.Role != "" {
				text += "  — " + c.Role.Label()
			}
			if c.Flagged() {
				icon.Show()
				text = "Names " + strings.Join(c.Names, ", ") + ": not exported or quoted.\n" + text
			} else {
				icon.Hide()
			}
			label.SetText(text)
			v.list.SetItemHeight(id, label.MinSize().Height)
		})
	v.exportBtn = widget.NewButtonWithIcon("Export comments…", theme.DocumentSaveIcon(), v.export)
	return v
}

// content lays out the tab.
func (v *commentsView) content() fyne.CanvasObject {
	top := container.NewBorder(nil, nil, nil, container.NewHBox(v.count, v.exportBtn), v.search)
	return container.NewBorder(top, nil, nil, nil, v.list)
}

// show reads the round's comments and the participants, to flag comments
// that name them.
func (v *commentsView) show(roundID int64) {
	ui := v.ui
	var cs []tasks.Comment
	// The responses are read here, off the UI goroutine, only for their
	// comments; a result for a round no longer shown is dropped.
	ui.run(func() error {
		rs, err := ui.db.Responses(ui.ctx, roundID)
		if err != nil {
			return err
		}
		people, err := ui.db.FindParticipants(ui.ctx, store.ParticipantFilter{RoundID: roundID})
		cs = tasks.Comments(rs, people)
		return err
	}, func() {
		if ui.round.ID != roundID {
			return
		}
		v.all = cs
		v.filter()
	})
}

func (v *commentsView) filter() {
	v.shown = tasks.SearchComments(v.all, v.search.Text)
	flagged := 0
	for _, c := range v.all {
		if c.Flagged() {
			flagged++
		}
	}
	text := store.Plural(len(v.all), "comment", "comments")
	if len(v.shown) != len(v.all) {
		text = store.Thousands(len(v.shown)) + " of " + text
	}
	if flagged > 0 {
		text += " (" + store.Thousands(flagged) + " naming someone)"
	}
	v.count.SetText(text)
	v.list.Refresh()
}

// export writes the comments that name nobody.
func (v *commentsView) export() {
	ui := v.ui
	if !ui.haveRound() {
		return
	}
	cs := v.all
	ui.files.save("Export the comments", "feedback-comments.csv", func(path string, err error) {
		if err != nil {
			if err != errCancelled {
				ui.showError(err)
			}
			return
		}
		var written, withheld int
		ui.run(func() error {
			return tasks.WriteFileAtomic(path, func(w io.Writer) (err error) {
				written, withheld, err = tasks.ExportComments(w, cs)
				return err
			})
		}, func() {
			msg := "Wrote " + store.Plural(written, "comment", "comments") + " to " + path + "."
			if withheld > 0 {
				msg += "\n" + store.Plural(withheld, "comment naming a participant was", "comments naming participants were") + " left out."
			}
			v.lastExport = msg
			dialog.ShowInformation("Comments exported", msg, ui.win)
		})
	})
}

// paperComment is the comment field under the paper-form keyer: what the
// form's "anything else?" box says, saved with the form on Enter.
func (s *feedbackScreen) paperComment() fyne.CanvasObject {
	s.comment = widget.NewEntry()
	s.comment.SetPlaceHolder("Comment on this form, if any (Enter saves the form)")
	s.comment.OnSubmitted = func(string) {
		if c := s.ui.win.Canvas(); c != nil {
			c.Focus(s.entry)
		}
		s.entry.save()
	}
	return container.NewBorder(nil, container.NewPadded(s.comment), nil, nil, container.NewPadded(s.entry))
}
