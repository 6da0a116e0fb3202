package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/liaisonapp/liaison/app/tasks"
	"github.com/liaisonapp/liaison/store"
	"github.com/liaisonapp/liaison/store/match"
)

// suggestDialog shows a whole-round suggestion: each pair with its reason
// and a tick box, and the unpaired with why.
type suggestDialog struct {
	dialog                             *dialog.CustomDialog
	sug                                tasks.Suggestion
	accept                             []bool // accept[i] is whether sug.Pairs[i] is ticked
	list                               *widget.List
	unpaired                           *widget.List
	head                               *widget.Label
	why                                *widget.Label // the selected unpaired person's whole reason
	acceptBtn, allBtn, noneBtn, cancel *widget.Button
	optionsBtn                         *widget.Button // opens the matching options
}

// showSuggest runs the matcher off the UI goroutine and shows its answer.
func (s *pairingsScreen) showSuggest() {
	ui := s.ui
	round := ui.round
	var sug tasks.Suggestion
	ui.run(func() (err error) {
		sug, err = tasks.SuggestPairs(ui.ctx, ui.db, round.ID)
		return err
	}, func() { s.openSuggest(sug) })
}

func (s *pairingsScreen) openSuggest(sug tasks.Suggestion) {
	ui := s.ui
	d := &suggestDialog{sug: sug, accept: make([]bool, len(sug.Pairs))}
	// Only pairs among people not yet paired start ticked: a pair that
	// would break up a stored one (perhaps with visits done) is the
	// organiser's call, one tick at a time.
	for i, p := range sug.Pairs {
		d.accept[i] = sug.IsNew(p) && len(sug.Replaces(p)) == 0
	}
	d.head = widget.NewLabel("")
	d.head.Wrapping = fyne.TextWrapWord
	d.list = widget.NewList(func() int { return len(sug.Pairs) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("name\nreason")
			l.Truncation = fyne.TextTruncateEllipsis
			return container.NewBorder(nil, nil, widget.NewCheck("", nil), nil, l)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			c := o.(*fyne.Container)
			l, check := c.Objects[0].(*widget.Label), c.Objects[1].(*widget.Check)
			p := sug.Pairs[i]
			check.OnChanged = nil
			check.SetChecked(d.accept[i] || !sug.IsNew(p))
			if sug.IsNew(p) {
				check.Enable()
				check.OnChanged = func(on bool) { d.accept[i] = on; d.update() }
			} else {
				check.Disable()
			}
			text := personLabel(p.Primary) + " – " + personLabel(p.Secondary) + "\n"
			switch {
			case sug.KeptUnderWay(p):
				text += "kept: " + tasks.UnderWayReason
			case p.Locked:
				text += "kept: locked by the organiser"
			case !sug.IsNew(p):
				text += "kept: already paired · " + p.Reason
			default:
				text += p.Reason
				for _, e := range sug.Replaces(p) {
					text += " · replaces " + tasks.PairNames(e)
				}
			}
			l.SetText(text)
		})
	d.unpaired = widget.NewList(func() int { return len(sug.Unpaired) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("name\nwhy")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			u := sug.Unpaired[i]
			o.(*widget.Label).SetText(personLabel(u.Person) + "\n" + u.Why)
		})
	d.why = widget.NewLabel("Select an unpaired person to read the whole reason.")
	d.why.Wrapping = fyne.TextWrapWord
	d.unpaired.OnSelected = func(i widget.ListItemID) {
		u := sug.Unpaired[i]
		d.why.SetText(personLabel(u.Person) + ": " + u.Why)
	}
	pairsHead := widget.NewLabelWithStyle("Suggested pairs: "+store.Thousands(len(sug.Pairs)), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	unHead := widget.NewLabelWithStyle("Unpaired: "+store.Thousands(len(sug.Unpaired)), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	split := container.NewVSplit(container.NewBorder(pairsHead, nil, nil, nil, d.list),
		container.NewBorder(unHead, d.why, nil, nil, d.unpaired))
	split.Offset = 0.7

	d.dialog = dialog.NewCustomWithoutButtons("Suggested pairs for "+ui.round.Name, container.NewBorder(d.head, nil, nil, nil, split), ui.win)
	d.cancel = widget.NewButton("Cancel", d.dialog.Hide)
	d.allBtn = widget.NewButton("Tick all", func() { d.setAll(true) })
	d.noneBtn = widget.NewButton("Tick none", func() { d.setAll(false) })
	d.acceptBtn = widget.NewButtonWithIcon("Accept", theme.ConfirmIcon(), func() { s.acceptSuggestion(d) })
	d.acceptBtn.Importance = widget.HighImportance
	d.optionsBtn = widget.NewButtonWithIcon("Options…", theme.SettingsIcon(), s.showOptions)
	d.dialog.SetButtons([]fyne.CanvasObject{d.cancel, d.optionsBtn, d.allBtn, d.noneBtn, d.acceptBtn})
	d.update()
	d.dialog.Resize(fyne.NewSize(1150, 760))
	ui.withKeys(d.dialog, &formKeys{submit: pressIfEnabled(d.acceptBtn), cancel: d.dialog.Hide})
	d.dialog.Show()
	s.suggest = d
}

// setAll ticks every new pair (including those that replace stored
// unlocked pairs), or none.
func (d *suggestDialog) setAll(on bool) {
	for i, p := range d.sug.Pairs {
		d.accept[i] = on && d.sug.IsNew(p)
	}
	d.list.Refresh()
	d.update()
}

// accepted returns the ticked pairs.
func (d *suggestDialog) accepted() []match.Pair {
	var out []match.Pair
	for i, p := range d.sug.Pairs {
		if d.accept[i] {
			out = append(out, p)
		}
	}
	return out
}

// update says what accepting would do, and enables Accept when it would do
// anything.
func (d *suggestDialog) update() {
	remove, add := d.sug.Plan(d.accepted())
	text := "Locked pairs are kept. Tick the pairs to accept: " + store.Plural(len(add), "new pair", "new pairs") + " ticked"
	if len(remove) > 0 {
		text += ", replacing " + store.Plural(len(remove), "unlocked pair", "unlocked pairs") + " and their visits"
	} else {
		text += "; pairs that would replace a stored pair start unticked"
	}
	d.head.SetText(text + ".")
	d.acceptBtn.SetText("Accept " + store.Thousands(len(add)))
	if len(add) > 0 {
		d.acceptBtn.Enable()
	} else {
		d.acceptBtn.Disable()
	}
}

// acceptSuggestion stores the ticked pairs in one transaction.
func (s *pairingsScreen) acceptSuggestion(d *suggestDialog) {
	ui := s.ui
	round := ui.round
	remove, add := d.sug.Plan(d.accepted())
	if len(add) == 0 {
		return
	}
	d.dialog.Hide()
	ui.write(func() error { return tasks.ApplyPlan(ui.ctx, ui.db, round.ID, remove, add) }, ui.Changed)
}
