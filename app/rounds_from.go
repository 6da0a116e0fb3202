package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/liaisonapp/liaison/app/tasks"
	"github.com/liaisonapp/liaison/store"
)

// roundFromDialog starts the next round from the current one: the
// organiser ticks who continues; the questions and settings come along.
type roundFromDialog struct {
	dialog         *dialog.CustomDialog
	from           store.Round
	people         []store.Participant
	keep           []bool
	name           *widget.Entry
	list           *widget.List
	count, problem *widget.Label
	create         *widget.Button
	allBtn, none   *widget.Button
}

// showRoundFrom reads the round's participants off the UI goroutine and
// opens the dialog on them.
func (ui *UI) showRoundFrom() {
	if !ui.haveRound() {
		return
	}
	from := ui.round
	var people []store.Participant
	ui.run(func() (err error) {
		people, err = ui.db.FindParticipants(ui.ctx, store.ParticipantFilter{RoundID: from.ID})
		return err
	}, func() { ui.openRoundFrom(from, people) })
}

func (ui *UI) openRoundFrom(from store.Round, people []store.Participant) {
	d := &roundFromDialog{from: from, people: people, keep: make([]bool, len(people))}
	for i := range d.keep {
		d.keep[i] = true
	}
	d.name = widget.NewEntry()
	d.name.SetPlaceHolder("e.g. Southampton 2026–27")
	d.name.OnChanged = func(string) { d.update() }
	d.count = widget.NewLabel("")
	d.problem = widget.NewLabel("")
	d.problem.Importance = widget.DangerImportance
	d.problem.Wrapping = fyne.TextWrapWord
	d.list = widget.NewList(func() int { return len(d.people) },
		func() fyne.CanvasObject { return widget.NewCheck("name", nil) },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			c := o.(*widget.Check)
			c.OnChanged = nil
			c.SetText(personLabel(d.people[i]))
			c.SetChecked(d.keep[i])
			c.OnChanged = func(on bool) { d.keep[i] = on; d.update() }
		})
	intro := widget.NewLabel(fmt.Sprintf("The new round gets %s's survey questions and matching options. Tick the people "+
		"who will take part again; nobody is paired again with a partner from an earlier round.", from.Name))
	intro.Wrapping = fyne.TextWrapWord
	top := container.NewVBox(intro, widget.NewForm(widget.NewFormItem("New round's name", d.name)), d.count)
	d.dialog = dialog.NewCustomWithoutButtons("New round from "+from.Name, container.NewBorder(top, d.problem, nil, nil, d.list), ui.win)
	cancel := widget.NewButton("Cancel", d.dialog.Hide)
	d.allBtn = widget.NewButton("Tick all", func() { d.setAll(true) })
	d.none = widget.NewButton("Tick none", func() { d.setAll(false) })
	d.create = widget.NewButtonWithIcon("Create", theme.ConfirmIcon(), func() { ui.createRoundFrom(d) })
	d.create.Importance = widget.HighImportance
	d.dialog.SetButtons([]fyne.CanvasObject{cancel, d.allBtn, d.none, d.create})
	d.update()
	d.dialog.Resize(fyne.NewSize(900, 700))
	d.dialog.Show()
	ui.win.Canvas().Focus(d.name)
	ui.roundFrom = d
}

func (d *roundFromDialog) setAll(on bool) {
	for i := range d.keep {
		d.keep[i] = on
	}
	d.list.Refresh()
	d.update()
}

func (d *roundFromDialog) continuing() []store.Participant {
	var out []store.Participant
	for i, p := range d.people {
		if d.keep[i] {
			out = append(out, p)
		}
	}
	return out
}

// update says how many are carried and enables Create once there is a name.
func (d *roundFromDialog) update() {
	d.count.SetText(store.Plural(len(d.continuing()), "participant", "participants") + " of " +
		store.Thousands(len(d.people)) + " ticked to carry over")
	if strings.TrimSpace(d.name.Text) == "" {
		d.create.Disable()
	} else {
		d.create.Enable()
	}
}

// createRoundFrom creates the round in one transaction and switches to it;
// a refusal (a name already taken) keeps the dialog open and says why.
func (ui *UI) createRoundFrom(d *roundFromDialog) {
	name, carry := d.name.Text, d.continuing()
	var r store.Round
	var err error
	ui.async(func() { r, err = tasks.NewRoundFrom(ui.ctx, ui.db, d.from, name, carry) }, func() {
		if err != nil {
			if store.ErrorCode(err) == store.EINTERNAL {
				ui.showError(err)
			}
			d.problem.SetText(store.ErrorMessage(err))
			return
		}
		d.dialog.Hide()
		ui.round = r
		ui.reloadRounds(nil)
	})
}
