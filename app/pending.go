package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// pending is a screen whose work has not landed yet. It says so plainly
// rather than pretending.
type pending struct {
	ui                 *UI
	name, issue, about string
}

func newPending(ui *UI, name, issue, about string) *pending {
	return &pending{ui: ui, name: name, issue: issue, about: about}
}

func (p *pending) title() string { return p.name }

func (p *pending) content() fyne.CanvasObject {
	head := widget.NewLabelWithStyle(p.name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	head.SizeName = "headingText"
	what := widget.NewLabel(p.about)
	what.Wrapping = fyne.TextWrapWord
	not := widget.NewLabel("This screen is not built yet: it arrives with " + p.issue + ". Nothing here is stored or lost in the meantime.")
	not.Wrapping = fyne.TextWrapWord
	return container.NewPadded(container.NewVBox(head, what, widget.NewSeparator(), not))
}

func (p *pending) refresh() {}
