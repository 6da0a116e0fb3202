package app

import (
	"errors"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/liaisonapp/liaison/app/tasks"
	"github.com/liaisonapp/liaison/store"
)

// errCancelled means the user closed a file dialog without choosing.
var errCancelled = errors.New("cancelled")

// fileDialogs chooses files. The native dialogs block, so they run off the
// UI goroutine; tests replace the whole thing.
type fileDialogs struct {
	// open asks for a file to read with the given extension (such as "csv")
	// and calls done on the UI goroutine with its path.
	open func(title, ext string, done func(path string, err error))
	// save asks where to write a file named name and calls done likewise.
	// It only chooses a path: it never creates, opens or truncates the
	// file, so a refused choice leaves every file as it was.
	save func(title, name string, done func(path string, err error))
}

// newFileDialogs is the window's file dialogs: the native ones on Windows,
// Fyne's elsewhere (see files_windows.go and files_other.go), with every
// save target checked against the database at dbPath.
func newFileDialogs(win fyne.Window, dbPath func() string) fileDialogs {
	check := func(path string) error { return tasks.CheckOutPath(path, dbPath()) }
	return guardSaves(nativeFiles(win, check), dbPath)
}

// guardSaves refuses, as if the user had picked an error, a save target
// that would destroy something: the database itself, a folder, a link or a
// device (tasks.CheckOutPath). The dialogs only choose a path, so the check
// runs before anything is written.
func guardSaves(f fileDialogs, dbPath func() string) fileDialogs {
	save := f.save
	f.save = func(title, name string, done func(string, error)) {
		save(title, name, func(path string, err error) {
			if err == nil {
				err = tasks.CheckOutPath(path, dbPath())
			}
			done(path, err)
		})
	}
	return f
}

// withExt adds ext (such as "csv") to path unless it already ends with it,
// as an organiser typing "board" means "board.csv".
func withExt(path, ext string) string {
	if ext == "" || strings.EqualFold(filepath.Ext(path), "."+ext) {
		return path
	}
	return path + "." + ext
}

// fyneOpen asks for a file to read with Fyne's own dialog.
func fyneOpen(win fyne.Window, ext string, done func(string, error)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			done("", err)
			return
		}
		if r == nil {
			done("", errCancelled)
			return
		}
		r.Close()
		done(r.URI().Path(), nil)
	}, win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{"." + ext}))
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

// savePicker chooses where to save a file without opening it: a folder
// (chosen with Fyne's folder dialog, which only lists folders) and a file
// name. Fyne's own save dialog cannot be used: it creates, and so
// truncates, the chosen file before its callback runs, so choosing the
// database there would empty it whatever the callback then decided.
type savePicker struct {
	win    fyne.Window
	ext    string
	check  func(path string) error
	done   func(path string, err error)
	folder string

	dialog    *dialog.CustomDialog
	folderTxt *widget.Label
	chooseBtn *widget.Button
	name      *widget.Entry
	problem   *widget.Label
	saveBtn   *widget.Button
	cancelBtn *widget.Button
	// folders is the folder dialog while it is open, for tests.
	folders *dialog.FileDialog
}

// lastSaveFolder is where the previous save went in this session, so a
// board pack's files land together.
var lastSaveFolder string

// fyneSave shows a savePicker for a file called name in the last folder
// saved to (or the user's Documents). check refuses a path (the database,
// a folder, a device) with a message shown in the picker, which stays open
// for another choice. done gets the path, or errCancelled.
func fyneSave(win fyne.Window, title, name string, check func(string) error, done func(string, error)) *savePicker {
	p := &savePicker{win: win, ext: strings.TrimPrefix(filepath.Ext(name), "."), check: check, done: done, folder: startFolder()}
	p.folderTxt = widget.NewLabel(p.folder)
	p.folderTxt.Wrapping = fyne.TextWrapBreak
	p.chooseBtn = widget.NewButtonWithIcon("Choose folder…", theme.FolderOpenIcon(), p.chooseFolder)
	p.name = widget.NewEntry()
	p.name.SetText(name)
	p.name.OnSubmitted = func(string) { p.save() }
	p.problem = widget.NewLabel("")
	p.problem.Wrapping = fyne.TextWrapWord
	p.problem.Importance = widget.DangerImportance
	p.problem.Hide()
	p.cancelBtn = widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), func() {
		p.dialog.Hide()
		done("", errCancelled)
	})
	p.saveBtn = widget.NewButtonWithIcon("Save", theme.DocumentSaveIcon(), p.save)
	p.saveBtn.Importance = widget.HighImportance
	form := container.New(layout.NewFormLayout(),
		widget.NewLabel("Folder"), container.NewBorder(nil, nil, nil, p.chooseBtn, p.folderTxt),
		widget.NewLabel("File name"), p.name)
	p.dialog = dialog.NewCustomWithoutButtons(title, container.NewVBox(form, p.problem), win)
	p.dialog.SetButtons([]fyne.CanvasObject{p.cancelBtn, p.saveBtn})
	p.dialog.Resize(fyne.NewSize(640, 260))
	p.dialog.Show()
	win.Canvas().Focus(p.name)
	return p
}

// startFolder is the folder a save starts in: the last one used, else
// Documents, else the home folder.
func startFolder() string {
	if lastSaveFolder != "" {
		if info, err := os.Stat(lastSaveFolder); err == nil && info.IsDir() {
			return lastSaveFolder
		}
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "."
	}
	if docs := filepath.Join(home, "Documents"); isDir(docs) {
		return docs
	}
	return home
}

func isDir(path string) bool {
	info, err := os.Stat(path)
	return err == nil && info.IsDir()
}

// chooseFolder opens Fyne's folder dialog on the current folder.
func (p *savePicker) chooseFolder() {
	d := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
		p.folders = nil
		if err != nil {
			p.say(err.Error())
			return
		}
		if dir == nil {
			return
		}
		p.folder = dir.Path()
		p.folderTxt.SetText(p.folder)
		p.problem.Hide()
	}, p.win)
	if loc, err := storage.ListerForURI(storage.NewFileURI(p.folder)); err == nil {
		d.SetLocation(loc)
	}
	d.Resize(fyne.NewSize(900, 600))
	p.folders = d
	d.Show()
}

// target is the full path the picker would save to.
func (p *savePicker) target() string {
	name := strings.TrimSpace(p.name.Text)
	if name == "" {
		return ""
	}
	if !filepath.IsAbs(name) {
		name = filepath.Join(p.folder, name)
	}
	return withExt(name, p.ext)
}

// save checks the chosen path and, for an existing file, asks before
// replacing it. Nothing is opened here: the caller writes the file.
func (p *savePicker) save() {
	path := p.target()
	if path == "" {
		p.say("Type a file name.")
		return
	}
	if err := p.check(path); err != nil {
		p.say(store.ErrorMessage(err))
		return
	}
	finish := func() {
		p.dialog.Hide()
		lastSaveFolder = filepath.Dir(path)
		p.done(path, nil)
	}
	if _, err := os.Lstat(path); err != nil {
		finish()
		return
	}
	dialog.ShowConfirm("Replace the file?", filepath.Base(path)+" already exists in "+filepath.Dir(path)+".\nReplace it?",
		func(ok bool) {
			if ok {
				finish()
			}
		}, p.win)
}

// say shows why the chosen path cannot be used; the picker stays open.
func (p *savePicker) say(msg string) {
	p.problem.SetText(msg)
	p.problem.Show()
}
