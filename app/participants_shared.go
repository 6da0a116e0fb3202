package app

import (
	"errors"
	"io"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/liaisonapp/liaison/app/tasks"
	"github.com/liaisonapp/liaison/store"
)

// deleteAsk asks before something is deleted and says what goes with it.
// The Participants and Pairings screens keep the one they show, so tests
// can read the question and press its buttons.
type deleteAsk struct {
	dialog  *dialog.CustomDialog
	text    *widget.Label
	yes, no *widget.Button
}

// askDelete shows a question titled title whose text says what goes, with
// a button labelled keep that does nothing and a red one labelled yes that
// runs del off the UI goroutine and refreshes the screen when it is done.
func askDelete(ui *UI, title, text, keep, yes string, height float32, del func() error) *deleteAsk {
	a := &deleteAsk{text: widget.NewLabel(text)}
	a.text.Wrapping = fyne.TextWrapWord
	a.dialog = dialog.NewCustomWithoutButtons(title, a.text, ui.win)
	a.no = widget.NewButton(keep, a.dialog.Hide)
	a.yes = widget.NewButtonWithIcon(yes, theme.DeleteIcon(), func() {
		a.dialog.Hide()
		ui.write(del, ui.Changed)
	})
	a.yes.Importance = widget.DangerImportance
	a.dialog.SetButtons([]fyne.CanvasObject{a.no, a.yes})
	a.dialog.Resize(fyne.NewSize(560, height))
	// Esc keeps; Enter does nothing, so a stray key never deletes.
	ui.withKeys(a.dialog, &formKeys{cancel: a.dialog.Hide})
	a.dialog.Show()
	return a
}

// saveFile asks where to save name, writes it through write off the UI
// goroutine (into a temporary file renamed into place, so a failure leaves
// no half-written file), and then says what was written in a dialog titled
// doneTitle. Cancelling the file picker does nothing.
func saveFile(ui *UI, title, name string, write func(w io.Writer) error, doneTitle string, doneText func(path string) string) {
	ui.files.save(title, name, func(path string, err error) {
		if err != nil {
			if err != errCancelled {
				ui.showError(err)
			}
			return
		}
		ui.run(func() error { return tasks.WriteFileAtomic(path, write) }, func() {
			ui.showInfo(doneTitle, doneText(path))
		})
	})
}

// setEnabled enables buttons when on is true and disables them otherwise.
func setEnabled(on bool, buttons ...*widget.Button) {
	for _, b := range buttons {
		if on {
			b.Enable()
		} else {
			b.Disable()
		}
	}
}

// withID finds the row whose ID is id among rows shown in a table; a zero
// id means nothing is selected.
func withID[T any](rows []T, id int64, idOf func(T) int64) (T, bool) {
	if id != 0 {
		for _, r := range rows {
			if idOf(r) == id {
				return r, true
			}
		}
	}
	var zero T
	return zero, false
}

// newDateEntry is the one date field of every form (rounds, visits,
// projects, events): it asks for store.DateHint and checks what is typed
// with store.ParseDate, so each accepts and refuses the same dates with the
// same words.
func newDateEntry(value string) *formEntry {
	e := newFormEntry()
	e.SetPlaceHolder(store.DateHint)
	e.SetText(value)
	e.Validator = func(s string) error {
		if _, err := store.ParseDate(s); err != nil {
			return errors.New(store.ErrorMessage(err))
		}
		return nil
	}
	return e
}
