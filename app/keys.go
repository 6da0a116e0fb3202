package app

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// formKeys is what Enter and Esc do in one form: Enter submits (as the
// form's main button would, so a disabled Save stays disabled) and Esc
// cancels. A nil submit leaves Enter alone, as on a question whose main
// button deletes something.
type formKeys struct {
	submit, cancel func()
}

func (k *formKeys) typed(ev *fyne.KeyEvent) bool {
	switch ev.Name {
	case fyne.KeyEscape:
		if k.cancel != nil {
			k.cancel()
			return true
		}
	case fyne.KeyReturn, fyne.KeyEnter:
		if k.submit != nil {
			k.submit()
			return true
		}
	}
	return false
}

// Fyne's Entry, Select and Check swallow Esc, and Select and Check swallow
// Enter, so a form whose cursor is in a field would never hear them. These
// three hand both keys to their form's formKeys; every other key does what
// it always did.

// formEntry is a widget.Entry whose Esc cancels its form and whose Enter
// submits it (Shift+Enter in a multi-line entry, where Enter is a new line).
type formEntry struct {
	widget.Entry
	keys *formKeys
}

func newFormEntry() *formEntry {
	e := &formEntry{}
	e.ExtendBaseWidget(e)
	return e
}

func newFormMultiLineEntry() *formEntry {
	e := newFormEntry()
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	return e
}

// TypedKey hands Esc to the form.
func (e *formEntry) TypedKey(ev *fyne.KeyEvent) {
	if e.keys != nil && ev.Name == fyne.KeyEscape && e.keys.typed(ev) {
		return
	}
	e.Entry.TypedKey(ev)
}

// formSelect is a widget.Select whose Enter submits its form and whose Esc
// cancels it (an open list of options still closes on Esc first).
type formSelect struct {
	widget.Select
	keys *formKeys
}

func newFormSelect(options []string, changed func(string)) *formSelect {
	s := &formSelect{}
	s.Options, s.OnChanged = options, changed
	s.ExtendBaseWidget(s)
	return s
}

// TypedKey hands Enter and Esc to the form.
func (s *formSelect) TypedKey(ev *fyne.KeyEvent) {
	if s.keys != nil && s.keys.typed(ev) {
		return
	}
	s.Select.TypedKey(ev)
}

// formCheck is a widget.Check whose Enter submits its form and whose Esc
// cancels it; Space still ticks it.
type formCheck struct {
	widget.Check
	keys *formKeys
}

func newFormCheck(label string, changed func(bool)) *formCheck {
	c := &formCheck{}
	c.Text, c.OnChanged = label, changed
	c.ExtendBaseWidget(c)
	return c
}

// TypedKey hands Enter and Esc to the form.
func (c *formCheck) TypedKey(ev *fyne.KeyEvent) {
	if c.keys != nil && c.keys.typed(ev) {
		return
	}
	c.Check.TypedKey(ev)
}

// bind makes the fields of a form answer to k. A single-line entry submits
// on Enter unless it already does something of its own there.
func (k *formKeys) bind(fields ...fyne.CanvasObject) {
	for _, f := range fields {
		switch w := f.(type) {
		case *formEntry:
			w.keys = k
			if w.OnSubmitted == nil && k.submit != nil {
				w.OnSubmitted = func(string) { k.submit() }
			}
		case *formSelect:
			w.keys = k
		case *formCheck:
			w.keys = k
		}
	}
}

// withKeys gives an open dialog its keys: the fields answer to k, and
// while the dialog is the topmost one k also hears Enter and Esc typed
// with no field focused (after a click on the dialog's background, say).
// The keys go when the dialog closes.
func (ui *UI) withKeys(d dialog.Dialog, k *formKeys, fields ...fyne.CanvasObject) *formKeys {
	k.bind(fields...)
	ui.keyStack = append(ui.keyStack, k)
	d.SetOnClosed(func() {
		if i := slices.Index(ui.keyStack, k); i >= 0 {
			ui.keyStack = slices.Delete(ui.keyStack, i, i+1)
		}
	})
	return k
}

// hearDialogKeys routes Enter and Esc typed with no field focused to the
// topmost dialog's keys, and everything else to what the window did before.
func (ui *UI) hearDialogKeys() {
	c := ui.win.Canvas()
	prev := c.OnTypedKey()
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) {
		if n := len(ui.keyStack); n > 0 {
			if ui.keyStack[n-1].typed(ev) {
				return
			}
		}
		if prev != nil {
			prev(ev)
		}
	})
}

// pressIfEnabled taps b unless it is disabled or hidden, as a click would.
func pressIfEnabled(b *widget.Button) func() {
	return func() {
		if !b.Disabled() && b.Visible() && b.OnTapped != nil {
			b.OnTapped()
		}
	}
}

// showInfo shows a message that Enter or Esc closes.
func (ui *UI) showInfo(title, message string) {
	d := dialog.NewInformation(title, message, ui.win)
	ui.withKeys(d, &formKeys{submit: d.Hide, cancel: d.Hide})
	d.Show()
}

// showConfirm asks a yes-or-no question; Esc answers no. Enter is left
// alone, since the questions asked this way delete something.
func (ui *UI) showConfirm(title, message string, yes func()) *dialog.ConfirmDialog {
	d := dialog.NewConfirm(title, message, func(ok bool) {
		if ok {
			yes()
		}
	}, ui.win)
	ui.withKeys(d, &formKeys{cancel: d.Hide})
	d.Show()
	return d
}
