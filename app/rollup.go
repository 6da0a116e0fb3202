package app

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/liaisonapp/liaison/app/tasks"
	"github.com/liaisonapp/liaison/store"
)

// rollupDialog is File → Regional roll-up…: the organiser picks several
// Liaison databases (one per scheme) and a folder, and Liaison writes
// their combined figures there, reading each file strictly read-only. The
// work is tasks.BuildRollup, as `liaison rollup` does; this is the
// window's side: choosing files, running it off the UI goroutine, and
// saying what was written and which files were refused and why.
type rollupDialog struct {
	ui     *UI
	dialog *dialog.CustomDialog
	files  []string
	list   *widget.List
	// rounds holds round names separated by commas; empty reads every round.
	rounds *widget.Entry
	// parent is the folder the roll-up's own folder goes into.
	parent       string
	where, empty *widget.Label
	result       *widget.Label
	preview      *canvas.Image
	add, remove  *widget.Button
	folder, run  *widget.Button
	// selected is the row of files picked for Remove, or -1.
	selected int
	// load runs the roll-up; a newer run replaces an older one.
	load loader
	// lastDone is the last outcome shown, for tests.
	lastDone string
}

// rollupFolderName is the folder a roll-up goes into inside the chosen one.
func rollupFolderName(ui *UI) string {
	return "Regional roll-up " + ui.now().Format("2006-01-02")
}

// showRollup opens the roll-up dialog.
func (ui *UI) showRollup() {
	d := &rollupDialog{ui: ui, selected: -1}
	d.load.acrossRounds = true
	d.list = widget.NewList(func() int { return len(d.files) },
		func() fyne.CanvasObject { return widget.NewLabel("file") },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(d.files[i]) })
	d.list.OnSelected = func(i widget.ListItemID) { d.selected = i; d.update() }
	d.list.OnUnselected = func(widget.ListItemID) { d.selected = -1; d.update() }
	d.rounds = widget.NewEntry()
	d.rounds.SetPlaceHolder("every round (or names, separated by commas)")
	d.where = widget.NewLabel("")
	d.where.Wrapping = fyne.TextWrapWord
	d.result = widget.NewLabel("")
	d.result.Wrapping = fyne.TextWrapWord
	d.preview = canvas.NewImageFromImage(nil)
	d.preview.FillMode = canvas.ImageFillContain
	d.preview.SetMinSize(fyne.NewSize(400, 225))
	d.preview.Hide()
	d.add = widget.NewButtonWithIcon("Add a database…", theme.ContentAddIcon(), d.addFile)
	d.remove = widget.NewButtonWithIcon("Remove", theme.ContentRemoveIcon(), d.removeFile)
	d.folder = widget.NewButtonWithIcon("Choose folder…", theme.FolderOpenIcon(), d.chooseFolder)
	intro := widget.NewLabel("Adds up several schemes' Liaison databases into one folder of CSV files and charts. " +
		"The databases are only read: nothing is written to them or beside them. A file that is not a Liaison " +
		"database, is damaged, or comes from a newer Liaison is left out, and the roll-up says why.")
	intro.Wrapping = fyne.TextWrapWord
	top := container.NewVBox(intro, container.NewHBox(d.add, d.remove))
	form := widget.NewForm(widget.NewFormItem("Rounds", d.rounds),
		widget.NewFormItem("Write to", container.NewBorder(nil, nil, nil, d.folder, d.where)))
	d.empty = widget.NewLabel("No database chosen yet: Add a database… for each scheme's file.")
	// The list keeps room for a few files however long the outcome below.
	room := canvas.NewRectangle(color.Transparent)
	room.SetMinSize(fyne.NewSize(0, 140))
	files := container.NewStack(room, d.list, container.NewCenter(d.empty))
	bottom := container.NewVBox(form, container.NewBorder(nil, nil, nil, d.preview, d.result))
	d.dialog = dialog.NewCustomWithoutButtons("Regional roll-up", container.NewBorder(top, bottom, nil, nil, files), ui.win)
	d.run = widget.NewButtonWithIcon("Roll up", theme.ConfirmIcon(), d.start)
	d.run.Importance = widget.HighImportance
	d.dialog.SetButtons([]fyne.CanvasObject{widget.NewButton("Close", d.dialog.Hide), d.run})
	ui.withKeys(d.dialog, &formKeys{submit: pressIfEnabled(d.run), cancel: d.dialog.Hide}, d.rounds)
	d.update()
	d.dialog.Resize(fyne.NewSize(900, 720))
	d.dialog.Show()
	ui.rollup = d
}

// update shows where the roll-up will go and enables what can be done.
func (d *rollupDialog) update() {
	if len(d.files) == 0 {
		d.empty.Show()
	} else {
		d.empty.Hide()
	}
	if d.parent == "" {
		d.where.SetText("(choose a folder)")
	} else {
		d.where.SetText(filepath.Join(d.parent, rollupFolderName(d.ui)))
	}
	if d.selected >= 0 && d.selected < len(d.files) {
		d.remove.Enable()
	} else {
		d.remove.Disable()
	}
	if len(d.files) > 0 && d.parent != "" {
		d.run.Enable()
	} else {
		d.run.Disable()
	}
}

// addFile asks for a database and adds it to the list, once.
func (d *rollupDialog) addFile() {
	d.ui.files.open("Choose a Liaison database to roll up", "db", func(path string, err error) {
		if err != nil {
			if err != errCancelled {
				d.ui.showError(err)
			}
			return
		}
		d.addPath(path)
	})
}

func (d *rollupDialog) addPath(path string) {
	if !slices.Contains(d.files, path) {
		d.files = append(d.files, path)
		d.list.Refresh()
	}
	d.update()
}

func (d *rollupDialog) removeFile() {
	if d.selected < 0 || d.selected >= len(d.files) {
		return
	}
	d.files = slices.Delete(d.files, d.selected, d.selected+1)
	d.selected = -1
	d.list.UnselectAll()
	d.list.Refresh()
	d.update()
}

func (d *rollupDialog) chooseFolder() {
	d.ui.exports.pickFolder("Choose where to put the regional roll-up", func(path string, err error) {
		if err != nil {
			if err != errCancelled {
				d.ui.showError(err)
			}
			return
		}
		d.parent = path
		d.update()
	})
}

// roundNames reads the Rounds field.
func (d *rollupDialog) roundNames() []string {
	var out []string
	for _, s := range strings.Split(d.rounds.Text, ",") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// start reads and writes the roll-up off the UI goroutine, then says what
// was written and which files were refused and why, with the combined
// participation chart (decoded off the UI goroutine too).
func (d *rollupDialog) start() {
	ui := d.ui
	if ui.openRollup == nil {
		ui.showError(store.Errorf(store.EINTERNAL, "this build of Liaison cannot read databases for a roll-up"))
		return
	}
	files, rounds := slices.Clone(d.files), d.roundNames()
	dir := filepath.Join(d.parent, rollupFolderName(ui))
	var ru *tasks.Rollup
	var img image.Image
	var err error
	d.run.Disable()
	d.lastDone = ""
	d.result.SetText("Rolling up " + store.Plural(len(files), "file", "files") + "…")
	ui.load(&d.load, func(ctx context.Context) error {
		if ru, err = tasks.BuildRollup(ctx, ui.openRollup, files, tasks.RollupOptions{Rounds: rounds, Now: ui.now()}); err != nil {
			return nil
		}
		if err = tasks.WriteRollup(dir, ru); err != nil {
			return nil
		}
		for _, f := range ru.Files {
			if f.Name == "charts-participants-by-role.png" {
				img, _ = png.Decode(bytes.NewReader(f.Data))
			}
		}
		return nil
	}, func() {
		d.update()
		if err != nil {
			// Nothing written: every file refused, or the folder.
			if store.ErrorCode(err) == store.EINTERNAL {
				ui.showError(err)
			}
			d.lastDone = store.ErrorMessage(err)
			d.result.SetText(d.lastDone)
			return
		}
		msg := fmt.Sprintf("Wrote %s to %s (K = %d).", store.Plural(len(ru.Files)+1, "file", "files"), dir, ru.K)
		for _, s := range ru.Sources {
			if s.Refused == "" {
				msg += "\nRolled up: " + s.Label()
			}
		}
		for _, s := range ru.Refused() {
			msg += "\nLeft out: " + s.Refused
		}
		d.lastDone = msg
		d.result.SetText(msg)
		if img != nil {
			d.preview.Image = img
			d.preview.Show()
			d.preview.Refresh()
		}
	})
}
