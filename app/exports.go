package app

import (
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/liaisonapp/liaison/app/tasks"
	"github.com/liaisonapp/liaison/store"
)

// exportsMenu is the File menu's board pack, appraisal evidence and round
// settings. The work is tasks' (the command line calls the same
// functions); this is the window's side: choosing a folder, the settings
// dialog, and saying what was written.
type exportsMenu struct {
	ui *UI
	// pickFolder asks for a folder and calls done on the UI goroutine;
	// tests replace it.
	pickFolder func(title string, done func(path string, err error))

	// For tests: the settings dialog's fields and the last message shown.
	settings *roundSettingsForm
	lastDone string
}

func newExportsMenu(ui *UI) *exportsMenu {
	e := &exportsMenu{ui: ui}
	e.pickFolder = func(title string, done func(string, error)) {
		d := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
			switch {
			case err != nil:
				done("", err)
			case u == nil:
				done("", errCancelled)
			default:
				done(u.Path(), nil)
			}
		}, ui.win)
		d.SetTitleText(title)
		d.Resize(fyne.NewSize(900, 600))
		d.Show()
	}
	return e
}

// menuItems are the File menu's entries for the board and appraisal.
func (e *exportsMenu) menuItems() []*fyne.MenuItem {
	return []*fyne.MenuItem{
		fyne.NewMenuItem("Export board pack…", e.boardPack),
		fyne.NewMenuItem("Appraisal evidence for everyone…", e.appraisalForEveryone),
		fyne.NewMenuItem("Round settings…", e.showSettings),
	}
}

// packFolder is where a pack for round r goes inside the chosen folder:
// its own subfolder, so that choosing "Documents" never asks to replace it.
func packFolder(parent, kind string, r store.Round) string {
	return filepath.Join(parent, tasks.SafeFileName(strings.ToUpper(kind[:1])+kind[1:]+" - "+r.Name))
}

// boardPack asks for a folder and writes the round's board pack into a
// folder of its own there.
func (e *exportsMenu) boardPack() {
	ui := e.ui
	if !ui.haveRound() {
		return
	}
	r := ui.round
	e.pickFolder("Choose where to put the board pack", func(parent string, err error) {
		if err != nil {
			if err != errCancelled {
				ui.showError(err)
			}
			return
		}
		names := widget.NewCheck("Include participants' names in the pairs file (and project owners)", nil)
		dialog.ShowCustomConfirm("Export board pack", "Export", "Cancel", container.NewVBox(
			widget.NewLabel("The pack goes into "+packFolder(parent, tasks.BoardPackKind, r)+"."), names),
			func(ok bool) {
				if ok {
					e.writeBoardPack(parent, r, names.Checked)
				}
			}, ui.win)
	})
}

func (e *exportsMenu) writeBoardPack(parent string, r store.Round, names bool) {
	ui := e.ui
	dir := packFolder(parent, tasks.BoardPackKind, r)
	var pack *tasks.Pack
	busy := dialog.NewCustomWithoutButtons("Exporting the board pack…", widget.NewProgressBarInfinite(), ui.win)
	busy.Show()
	var err error
	ui.async(func() {
		if pack, err = tasks.BoardPack(ui.ctx, ui.db, r, ui.now(), tasks.BoardPackOptions{IncludeNames: names}); err == nil {
			err = tasks.WritePack(dir, ui.db.Path(), tasks.BoardPackKind, pack.Files)
		}
	}, func() {
		busy.Hide()
		if err != nil {
			ui.showError(err)
			return
		}
		msg := fmt.Sprintf("Wrote %s to %s: summary.pdf, the CSV files and every chart.", store.Plural(len(pack.Files), "file", "files"), dir)
		if !names {
			msg += "\nNobody is named in it."
		}
		for _, n := range pack.Notes {
			msg += "\n" + n
		}
		e.lastDone = msg
		dialog.ShowInformation("Board pack exported", msg, ui.win)
	})
}

// haveOrganiser checks that the round names its organiser, which every
// appraisal page prints, and offers the settings when it does not.
func (e *exportsMenu) haveOrganiser(rs store.RoundSettings) bool {
	if rs.OrganiserName != "" && rs.OrganiserContact != "" {
		return true
	}
	dialog.ShowConfirm("Who is the organiser?", "Appraisal pages give the organiser's name and contact, and this round has none yet. Set them now?",
		func(ok bool) {
			if ok {
				e.showSettings()
			}
		}, e.ui.win)
	return false
}

// withSettings reads the current round's settings off the UI goroutine,
// then calls then with them on it.
func (e *exportsMenu) withSettings(then func(r store.Round, rs store.RoundSettings)) {
	ui := e.ui
	if !ui.haveRound() {
		return
	}
	r := ui.round
	var rs store.RoundSettings
	ui.run(func() (err error) { rs, err = store.LoadRoundSettings(ui.ctx, ui.db, r.ID); return err }, func() { then(r, rs) })
}

// appraisalForEveryone writes a page for everyone whose pair completed
// both visits, into a folder of their own.
func (e *exportsMenu) appraisalForEveryone() {
	ui := e.ui
	e.withSettings(func(r store.Round, rs store.RoundSettings) {
		if !e.haveOrganiser(rs) {
			return
		}
		e.pickFolder("Choose where to put the appraisal pages", func(parent string, err error) {
			if err != nil {
				if err != errCancelled {
					ui.showError(err)
				}
				return
			}
			dir := packFolder(parent, tasks.AppraisalKind, r)
			var files []tasks.PackFile
			ui.run(func() error {
				as, err := tasks.Appraisals(ui.ctx, ui.db, r, ui.now(), "")
				if err != nil {
					return err
				}
				if len(as) == 0 {
					return store.Errorf(store.EINVALID, "Nobody in %s has completed both visits yet, so there is no appraisal evidence to write.", r.Name)
				}
				if files, err = tasks.AppraisalPack(as); err != nil {
					return err
				}
				return tasks.WritePack(dir, ui.db.Path(), tasks.AppraisalKind, files)
			}, func() {
				e.lastDone = fmt.Sprintf("Wrote %s to %s, one PDF per person named after them.", store.Plural(len(files), "appraisal page", "appraisal pages"), dir)
				dialog.ShowInformation("Appraisal evidence written", e.lastDone, ui.win)
			})
		})
	})
}

// appraisalFor writes one participant's page to a file they choose.
func (e *exportsMenu) appraisalFor(p store.Participant) {
	ui := e.ui
	e.withSettings(func(r store.Round, rs store.RoundSettings) {
		if !e.haveOrganiser(rs) {
			return
		}
		if strings.TrimSpace(p.Email) == "" {
			ui.showError(store.Errorf(store.EINVALID, "%s has no email, which is how Liaison finds their pair; add it first.", p.Name))
			return
		}
		ui.files.save("Save the appraisal evidence", tasks.AppraisalFileName(p), func(path string, err error) {
			if err != nil {
				if err != errCancelled {
					ui.showError(err)
				}
				return
			}
			ui.run(func() error {
				as, err := tasks.Appraisals(ui.ctx, ui.db, r, ui.now(), p.Email)
				if err != nil {
					return err
				}
				data, err := tasks.AppraisalPDF(as[0])
				if err != nil {
					return err
				}
				return tasks.WriteFileAtomic(path, func(w io.Writer) error { _, err := w.Write(data); return err })
			}, func() {
				e.lastDone = "Wrote " + path + "."
				dialog.ShowInformation("Appraisal evidence written", e.lastDone, ui.win)
			})
		})
	})
}

// Rate-base choices as the settings dialog shows them.
var rateBaseLabels = []struct{ base, label string }{
	{store.RateBaseParticipants, "participants in the round"},
	{store.RateBaseCompleted, "participants who completed both visits"},
	{store.RateBaseSurveysSent, "surveys sent (the number below)"},
}

// roundSettingsForm edits the round's own settings.
type roundSettingsForm struct {
	dialog                      dialog.Dialog
	organiser, contact, sent, k *widget.Entry
	base                        *widget.Select
}

// showSettings opens the round's settings: the organiser for the
// appraisal pages, and how the response rate and breakdowns are worked out.
func (e *exportsMenu) showSettings() {
	ui := e.ui
	e.withSettings(func(r store.Round, rs store.RoundSettings) {
		f := &roundSettingsForm{organiser: widget.NewEntry(), contact: widget.NewEntry(), sent: widget.NewEntry(), k: widget.NewEntry()}
		f.organiser.SetText(rs.OrganiserName)
		f.contact.SetText(rs.OrganiserContact)
		f.contact.SetPlaceHolder("email or phone")
		if rs.SurveysSent > 0 {
			f.sent.SetText(strconv.Itoa(rs.SurveysSent))
		}
		f.k.SetText(strconv.Itoa(rs.SuppressK))
		var labels []string
		for _, b := range rateBaseLabels {
			labels = append(labels, b.label)
		}
		f.base = widget.NewSelect(labels, nil)
		for _, b := range rateBaseLabels {
			if b.base == rs.RateBase {
				f.base.SetSelected(b.label)
			}
		}
		form := widget.NewForm(
			widget.NewFormItem("Organiser", f.organiser),
			widget.NewFormItem("Contact", f.contact),
			widget.NewFormItem("Surveys sent", f.sent),
			widget.NewFormItem("Response rate out of", f.base),
			widget.NewFormItem("Hide groups smaller than K", f.k),
		)
		content := container.NewVBox(widget.NewLabel("Settings of "+r.Name+" (this round only)"), form)
		f.dialog = dialog.NewCustomConfirm("Round settings", "Save", "Cancel", content, func(ok bool) {
			if ok {
				e.saveSettings(r, f)
			}
		}, ui.win)
		f.dialog.Resize(fyne.NewSize(560, 0))
		e.settings = f
		f.dialog.Show()
	})
}

// read turns the form into settings, or says what is wrong with it.
func (f *roundSettingsForm) read() (store.RoundSettings, error) {
	rs := store.RoundSettings{OrganiserName: f.organiser.Text, OrganiserContact: f.contact.Text}
	for _, b := range rateBaseLabels {
		if b.label == f.base.Selected {
			rs.RateBase = b.base
		}
	}
	if s := strings.TrimSpace(f.sent.Text); s != "" {
		n, err := strconv.Atoi(strings.ReplaceAll(s, ",", ""))
		if err != nil || n < 1 {
			return rs, store.Errorf(store.EINVALID, "Surveys sent must be a whole number of at least 1 (or left empty), not %q.", s)
		}
		rs.SurveysSent = n
	}
	k, err := strconv.Atoi(strings.TrimSpace(f.k.Text))
	if err != nil {
		return rs, store.Errorf(store.EINVALID, "K must be a whole number (the default is %d), not %q.", store.DefaultSuppressK, f.k.Text)
	}
	rs.SuppressK = k
	return rs, rs.Check()
}

func (e *exportsMenu) saveSettings(r store.Round, f *roundSettingsForm) {
	ui := e.ui
	rs, err := f.read()
	if err != nil {
		ui.showError(err)
		return
	}
	ui.write(func() error { return store.SaveRoundSettings(ui.ctx, ui.db, r.ID, rs) }, ui.Changed)
}
