package app

import (
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/liaisonapp/liaison/store"
	"github.com/liaisonapp/liaison/store/demo"
	"github.com/liaisonapp/liaison/store/lockfile"
)

// welcome is the first-start choice on an empty database.
type welcome struct {
	dialog  dialog.Dialog
	demoBtn *widget.Button
	newBtn  *widget.Button
}

// showWelcome offers "Open the demo round" and "Start a new round".
func (ui *UI) showWelcome() *welcome {
	w := &welcome{}
	text := widget.NewLabel("Liaison keeps a GP–consultant liaison scheme in one place: participants, pairs and their visits, " +
		"feedback, reflections, improvement projects and the celebration event.\n\nThis database is empty. " +
		"Try the demo round (fictional people, the published Southampton figures) or start your own round.")
	text.Wrapping = fyne.TextWrapWord
	w.demoBtn = widget.NewButtonWithIcon("Open the demo round", theme.MediaPlayIcon(), nil)
	w.newBtn = widget.NewButtonWithIcon("Start a new round…", theme.ContentAddIcon(), nil)
	w.newBtn.Importance = widget.HighImportance
	body := container.NewVBox(text, container.NewGridWithColumns(2, w.demoBtn, w.newBtn))
	w.dialog = dialog.NewCustomWithoutButtons("Welcome to Liaison", container.NewGridWrap(fyne.NewSize(560, 180), body), ui.win)
	w.demoBtn.OnTapped = func() { w.dialog.Hide(); ui.openDemo() }
	w.newBtn.OnTapped = func() { w.dialog.Hide(); ui.showNewRound() }
	ui.withKeys(w.dialog, &formKeys{submit: w.newBtn.OnTapped, cancel: w.dialog.Hide})
	w.dialog.Show()
	ui.welcome = w
	return w
}

// openDemo creates the demo round if needed and switches to it.
func (ui *UI) openDemo() {
	var r store.Round
	ui.write(func() (err error) { r, err = demo.Create(ui.ctx, ui.db); return err }, func() {
		ui.round = r
		ui.reloadRounds(nil)
	})
}

// newRoundForm is the "Start a new round" form.
type newRoundForm struct {
	name, starts, ends *formEntry
	dialog             *dialog.FormDialog
}

// showNewRound asks for a round's name and dates and creates it.
func (ui *UI) showNewRound() {
	f := &newRoundForm{name: newFormEntry(), starts: newDateEntry(""), ends: newDateEntry("")}
	f.name.SetPlaceHolder("e.g. Southampton 2026–27")
	f.name.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" {
			return fmt.Errorf("a round needs a name")
		}
		return nil
	}
	f.starts.SetPlaceHolder(store.DateHint + " (optional)")
	f.ends.SetPlaceHolder(store.DateHint + " (optional)")
	// Checked as typed, so Create stays disabled (and nothing typed is
	// lost to an error after the form closes) until the dates make sense.
	f.ends.Validator = func(s string) error {
		end, err := store.ParseDate(s)
		if err != nil {
			return errors.New(store.ErrorMessage(err))
		}
		if start, err := store.ParseDate(f.starts.Text); err == nil && start != "" && end != "" && end < start {
			return fmt.Errorf("ends before it starts")
		}
		return nil
	}
	f.starts.OnChanged = func(string) { f.ends.Validate() }
	items := []*widget.FormItem{
		widget.NewFormItem("Name", f.name),
		widget.NewFormItem("Starts on", f.starts),
		widget.NewFormItem("Ends on", f.ends),
	}
	f.dialog = dialog.NewForm("Start a new round", "Create", "Cancel", items, func(ok bool) {
		if !ok {
			return
		}
		r := store.Round{Name: f.name.Text, StartsOn: strings.TrimSpace(f.starts.Text), EndsOn: strings.TrimSpace(f.ends.Text)}
		ui.write(func() error { return ui.db.CreateRound(ui.ctx, &r) }, func() {
			ui.round = r
			ui.reloadRounds(nil)
		})
	}, ui.win)
	f.dialog.Resize(fyne.NewSize(560, 280))
	ui.withKeys(f.dialog, &formKeys{submit: f.dialog.Submit, cancel: f.dialog.Hide}, f.name, f.starts, f.ends)
	f.dialog.Show()
	ui.win.Canvas().Focus(f.name)
	ui.newRound = f
}

// showAbout shows the version, the versions inside it and where the data
// lives: what an organiser reads out to IT.
func (ui *UI) showAbout() {
	lines := ui.info.Lines()
	lines = append(lines, "", "For organisers of GP–consultant liaison schemes (workplace exchanges).", "",
		"Your data is kept only on this computer. Nothing is sent over the network.")
	// One line per place Liaison keeps data.
	lines = append(lines, "Database: "+ui.db.Path(),
		"Backups (one a day, kept for ten days, and one a month for a year): "+store.BackupsDir(ui.db.Path()))
	if lockfile.OnNetworkDrive(ui.db.Path()) {
		lines = append(lines, "", "Warning: this looks like a network folder, where the database may be damaged. Keep it on this computer.")
	}
	l := widget.NewLabel(strings.Join(lines, "\n"))
	l.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom("About Liaison", "Close", container.NewGridWrap(fyne.NewSize(620, 330), l), ui.win)
	ui.withKeys(d, &formKeys{submit: d.Hide, cancel: d.Hide})
	d.Show()
	ui.about = l
}

// showDeleteRound deletes the current round and everything in it (people,
// pairs, feedback, reflections, projects, events) after the organiser types
// its name, so personal data can be removed when it is no longer needed.
func (ui *UI) showDeleteRound() {
	r := ui.round
	if r.ID == 0 {
		return
	}
	confirm := newFormEntry()
	confirm.SetPlaceHolder(r.Name)
	msg := widget.NewLabel(fmt.Sprintf("This deletes the round %q and everything in it: participants, pairs and visits, feedback, "+
		"reflections, projects and events. It cannot be undone.\n\nType the round's name to confirm.", r.Name))
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm("Delete this round", "Delete for good", "Keep it",
		container.NewGridWrap(fyne.NewSize(520, 200), container.NewVBox(msg, confirm)), func(ok bool) {
			if !ok {
				return
			}
			if !sameName(confirm.Text, r.Name) {
				ui.showError(store.Errorf(store.EINVALID, "The name typed does not match %q; nothing was deleted.", r.Name))
				return
			}
			ui.write(func() error { return ui.db.DeleteRound(ui.ctx, r.ID) }, func() {
				ui.round = store.Round{}
				ui.reloadRounds(nil)
			})
		}, ui.win)
	// Enter deletes only when the name typed matches, as the button does.
	ui.withKeys(d, &formKeys{submit: d.Confirm, cancel: d.Hide}, confirm)
	d.Show()
	ui.win.Canvas().Focus(confirm)
	ui.deleteRound = confirm
	ui.deleteDialog = d
}

// sameName compares a typed name with a stored one the way a person would:
// ignoring case, extra spaces and which dash was used (a UK keyboard types
// "-" where the demo round's name has "–").
func sameName(typed, name string) bool {
	norm := func(s string) string {
		s = strings.NewReplacer("–", "-", "—", "-", "‐", "-", "‑", "-").Replace(s)
		return strings.ToLower(strings.Join(strings.Fields(s), " "))
	}
	return norm(typed) == norm(name)
}
