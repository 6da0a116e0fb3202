package app

import (
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/liaisonapp/liaison/app/tasks"
	"github.com/liaisonapp/liaison/store"
	"github.com/liaisonapp/liaison/store/match"
)

// optionsDialog edits the round's matching options: which roles go on each
// side, the weights and the priority specialties. Saving stores them with
// the round and suggests again with them.
type optionsDialog struct {
	dialog       *dialog.CustomDialog
	sideA, sideB *widget.CheckGroup
	weights      map[string]*widget.Entry
	priority     *widget.Entry
	problem      *widget.Label
	save, reset  *widget.Button
}

// showOptions loads the round's saved options off the UI goroutine and
// opens the dialog on them.
func (s *pairingsScreen) showOptions() {
	ui := s.ui
	round := ui.round
	var opt match.Options
	ui.run(func() (err error) {
		opt, err = tasks.LoadMatchOptions(ui.ctx, ui.db, round.ID)
		if err != nil {
			// Unreadable saved options: start the dialog from the defaults
			// rather than lock the organiser out of fixing them.
			opt, err = match.DefaultOptions(), nil
		}
		return err
	}, func() { s.openOptions(opt) })
}

func roleLabels() []string {
	var out []string
	for _, r := range store.Roles {
		out = append(out, r.Label())
	}
	return out
}

func (s *pairingsScreen) openOptions(opt match.Options) {
	ui := s.ui
	d := &optionsDialog{weights: map[string]*widget.Entry{}}
	d.sideA = widget.NewCheckGroup(roleLabels(), nil)
	d.sideA.Horizontal = true
	d.sideB = widget.NewCheckGroup(roleLabels(), nil)
	d.sideB.Horizontal = true
	d.priority = widget.NewEntry()
	d.priority.SetPlaceHolder("e.g. Geriatric medicine; Mental health")
	d.problem = widget.NewLabel("")
	d.problem.Importance = widget.DangerImportance
	d.problem.Wrapping = fyne.TextWrapWord

	form := widget.NewForm(
		widget.NewFormItem("Side A (practice side)", d.sideA),
		widget.NewFormItem("Side B (hospital side)", d.sideB),
	)
	for _, name := range match.WeightNames {
		e := widget.NewEntry()
		d.weights[name] = e
		item := widget.NewFormItem("Weight: "+name, e)
		h := match.WeightHelp[name]
		item.HintText = strings.ToUpper(h[:1]) + h[1:] + "; 0 ignores it."
		form.AppendItem(item)
	}
	pi := widget.NewFormItem("Priority specialties", d.priority)
	pi.HintText = "Separated by semicolons; a pair with one of them is worth the priority weight."
	form.AppendItem(pi)
	d.fill(opt)

	intro := widget.NewLabel("Everyone on side A is paired with someone on side B. One more pair always comes first; " +
		"the weights then choose among the pairings with the most pairs. The options are saved with the round " +
		"and used by liaison match on the command line too.")
	intro.Wrapping = fyne.TextWrapWord
	body := container.NewBorder(intro, d.problem, nil, nil, container.NewVScroll(form))
	d.dialog = dialog.NewCustomWithoutButtons("Matching options for "+ui.round.Name, body, ui.win)
	cancel := widget.NewButton("Cancel", d.dialog.Hide)
	d.reset = widget.NewButton("Defaults", func() { d.fill(match.DefaultOptions()) })
	d.save = widget.NewButtonWithIcon("Save and suggest", theme.ConfirmIcon(), func() { s.saveOptions(d) })
	d.save.Importance = widget.HighImportance
	d.dialog.SetButtons([]fyne.CanvasObject{cancel, d.reset, d.save})
	d.dialog.Resize(fyne.NewSize(1000, 700))
	d.dialog.Show()
	s.options = d
}

// fill shows opt in the dialog's widgets; nothing is saved until Save.
func (d *optionsDialog) fill(opt match.Options) {
	labels := func(rs []store.Role) []string {
		var out []string
		for _, r := range rs {
			out = append(out, r.Label())
		}
		return out
	}
	d.sideA.SetSelected(labels(opt.PrimaryRoles))
	d.sideB.SetSelected(labels(opt.SecondaryRoles))
	for _, name := range match.WeightNames {
		w, _ := opt.Weight(name)
		d.weights[name].SetText(strconv.FormatFloat(*w, 'f', -1, 64))
	}
	d.priority.SetText(strings.Join(opt.PrioritySpecialties, "; "))
	d.problem.SetText("")
}

// read returns the options the dialog shows, or why they cannot be used.
func (d *optionsDialog) read() (match.Options, error) {
	var opt match.Options
	roles := func(labels []string) []store.Role {
		var out []store.Role
		for _, r := range store.Roles {
			if slices.Contains(labels, r.Label()) {
				out = append(out, r)
			}
		}
		return out
	}
	opt.PrimaryRoles, opt.SecondaryRoles = roles(d.sideA.Selected), roles(d.sideB.Selected)
	for _, name := range match.WeightNames {
		text := strings.TrimSpace(d.weights[name].Text)
		v, err := strconv.ParseFloat(strings.ReplaceAll(text, ",", "."), 64)
		if text == "" {
			v, err = 0, nil
		}
		if err != nil {
			return opt, store.Errorf(store.EINVALID, "The weight %s, %q, is not a number.", name, text)
		}
		w, _ := opt.Weight(name)
		*w = v
	}
	opt.PrioritySpecialties = tasks.CleanList(strings.Split(d.priority.Text, ";"))
	return opt, opt.Check()
}

// saveOptions checks and saves the options, then suggests again with them.
func (s *pairingsScreen) saveOptions(d *optionsDialog) {
	opt, err := d.read()
	if err != nil {
		d.problem.SetText(store.ErrorMessage(err))
		return
	}
	d.problem.SetText("")
	ui := s.ui
	round := ui.round
	d.dialog.Hide()
	if s.suggest != nil {
		s.suggest.dialog.Hide()
	}
	var sug tasks.Suggestion
	ui.run(func() error {
		if err := tasks.SaveMatchOptions(ui.ctx, ui.db, round.ID, opt); err != nil {
			return err
		}
		sug, err = tasks.SuggestPairsWith(ui.ctx, ui.db, round.ID, opt)
		return err
	}, func() { s.openSuggest(sug) })
}
