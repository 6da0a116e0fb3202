package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/liaisonapp/liaison/assets"
	"github.com/liaisonapp/liaison/store"
)

// Restorer replaces the database at dbPath with the backup from (after
// checking it and saving the current database in the backups folder) and
// returns where that copy went. main.go hands over the SQLite store's, so
// that the GUI does not depend on it.
type Restorer func(ctx context.Context, dbPath, from string) (saved string, err error)

// backUpNow copies the database into its backups folder and says where.
func (ui *UI) backUpNow() {
	dst := filepath.Join(store.BackupsDir(ui.db.Path()), store.BackupName(ui.db.Path(), ui.now(), "-"))
	ui.run(func() error {
		if err := os.MkdirAll(filepath.Dir(dst), 0o700); err != nil {
			return store.Errorf(store.EREADONLY, "Liaison cannot create the backups folder %s: %v.", filepath.Dir(dst), err)
		}
		return ui.db.Backup(ui.ctx, dst)
	}, func() {
		dialog.ShowInformation("Backed up", "A copy of the database is now in\n"+dst+"\n\nFile > Restore… puts it back.", ui.win)
	})
}

// backupLabel names a backup for a list: its day, its time when it has one,
// and why it was made.
func backupLabel(b store.BackupFile) string {
	label := b.Day.Format("Mon 2 Jan 2006")
	note := b.Note
	if len(note) >= 6 {
		if t, err := time.Parse("150405", note[:6]); err == nil {
			label += " " + t.Format("15:04")
			note = strings.TrimSpace(note[6:])
		}
	}
	switch {
	case b.Daily():
		label += " (the day's first copy)"
	case note == "":
		label += " (made by hand)"
	default:
		label += " (" + note + ")"
	}
	return label
}

// showRestore offers the backups in the backups folder, newest first, or
// another file, and restores the one chosen after asking.
func (ui *UI) showRestore() {
	if ui.restore == nil {
		return
	}
	bs, err := store.Backups(ui.db.Path())
	if err != nil {
		ui.showError(err)
		return
	}
	labels := make([]string, len(bs))
	for i, b := range bs {
		labels[i] = backupLabel(b)
	}
	list := widget.NewSelect(labels, nil)
	if len(bs) > 0 {
		list.SetSelectedIndex(0)
	} else {
		list.PlaceHolder = "(no backups yet)"
		list.Disable()
	}
	var d *dialog.ConfirmDialog
	other := widget.NewButtonWithIcon("Another file…", theme.FolderOpenIcon(), func() {
		d.Hide()
		ui.files.open("Choose a Liaison backup", "db", func(path string, err error) {
			if err == nil {
				ui.confirmRestore(path)
			}
		})
	})
	where := widget.NewLabel("Backups in " + store.BackupsDir(ui.db.Path()) + ":")
	where.Wrapping = fyne.TextWrapWord
	content := container.NewVBox(where, list, container.NewHBox(other))
	d = dialog.NewCustomConfirm("Restore a backup", "Restore…", "Cancel", container.NewGridWrap(fyne.NewSize(560, 150), content), func(ok bool) {
		if i := list.SelectedIndex(); ok && i >= 0 {
			ui.confirmRestore(bs[i].Path)
		}
	}, ui.win)
	// Enter goes on to the question below (it restores nothing by itself).
	ui.withKeys(d, &formKeys{submit: d.Confirm, cancel: d.Hide})
	d.Show()
	ui.restoreList = list
}

// confirmRestore asks before replacing the database with from.
func (ui *UI) confirmRestore(from string) {
	msg := widget.NewLabel(fmt.Sprintf("Everything in %s will be replaced by the backup %s.\n\n"+
		"The database as it is now is saved in the backups folder first, so you can go back to it.", ui.db.Path(), from))
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm("Replace the database?", "Restore", "Cancel", container.NewGridWrap(fyne.NewSize(520, 170), msg), func(ok bool) {
		if ok {
			ui.doRestore(from)
		}
	}, ui.win)
	// Replacing the database is never done by Enter; Esc keeps it.
	ui.withKeys(d, &formKeys{cancel: d.Hide})
	d.Show()
	ui.restoreConfirm = d
}

func (ui *UI) doRestore(from string) {
	var saved string
	ui.write(func() (err error) {
		saved, err = ui.restore(ui.ctx, ui.db.Path(), from)
		return err
	}, func() {
		ui.round = store.Round{} // the restored file may not have it
		ui.reloadRounds(nil)
		text := "The database now holds what the backup " + from + " held."
		if saved != "" {
			text += "\n\nWhat it held before is saved as " + saved + "."
		}
		dialog.ShowInformation("Restored", text, ui.win)
	})
}

// ShowDamaged tells the user, in a window, that the database is damaged
// (err's message) and offers to restore the newest good backup, newest.
// Restoring runs restore off the UI goroutine; when it succeeds the window
// closes and start is called on the UI goroutine to show the main window.
// Nothing is restored unless the user asks: a damaged file is never
// repaired silently. It runs until the last window is closed.
func ShowDamaged(a fyne.App, err error, newest string, restore func() error, start func()) {
	w := startErrorWindow(a, err)
	what := store.ErrorMessage(err)
	if i := strings.Index(what, " The newest backup is"); i > 0 {
		what = what[:i] // the rest is for the command line
	}
	msg := widget.NewLabel(what + "\n\nRestore the newest good backup, " + newest + "? The damaged file is kept in the backups folder.")
	msg.Wrapping = fyne.TextWrapWord
	status := widget.NewLabel("")
	var fix *widget.Button
	quit := widget.NewButtonWithIcon("Close", theme.CancelIcon(), w.Close)
	fix = widget.NewButtonWithIcon("Restore the newest backup", theme.HistoryIcon(), func() {
		fix.Disable()
		status.SetText("Restoring…")
		go func() {
			err := restore()
			fyne.Do(func() {
				if err != nil {
					status.SetText(store.ErrorMessage(err))
					status.Wrapping = fyne.TextWrapWord
					return
				}
				start()
				w.Close()
			})
		}()
	})
	fix.Importance = widget.HighImportance
	head := container.NewHBox(widget.NewIcon(theme.ErrorIcon()), widget.NewLabelWithStyle("Liaison's database is damaged", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	w.SetContent(container.NewPadded(container.NewVBox(head, msg, status, container.NewHBox(layout.NewSpacer(), quit, fix))))
	w.SetIcon(assets.IconPNG)
	w.Resize(fyne.NewSize(600, 0))
	w.ShowAndRun()
}
