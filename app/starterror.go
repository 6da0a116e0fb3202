package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/liaisonapp/liaison/assets"
	"github.com/liaisonapp/liaison/store"
)

// ShowStartError tells the user, in a window, why Liaison could not start
// (a database written by a newer Liaison, a file that is not a Liaison
// database, a folder it cannot create) and runs until they close it. The
// Windows GUI build has no console, so stderr alone would say nothing.
func ShowStartError(a fyne.App, err error) {
	w := startErrorWindow(a, err)
	w.ShowAndRun()
}

func startErrorWindow(a fyne.App, err error) fyne.Window {
	w := a.NewWindow("Liaison cannot start")
	w.SetIcon(assets.IconPNG)
	msg := widget.NewLabel(store.ErrorMessage(err))
	msg.Wrapping = fyne.TextWrapWord
	quit := widget.NewButtonWithIcon("Close", theme.CancelIcon(), w.Close)
	quit.Importance = widget.HighImportance
	head := container.NewHBox(widget.NewIcon(theme.ErrorIcon()), widget.NewLabelWithStyle("Liaison cannot open its database", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	w.SetContent(container.NewPadded(container.NewVBox(head, msg, container.NewHBox(layout.NewSpacer(), quit))))
	w.Resize(fyne.NewSize(560, 0))
	return w
}
