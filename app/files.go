package app

import (
	"errors"
	"path/filepath"
	"runtime"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	sqdialog "github.com/sqweek/dialog"

	"github.com/liaisonapp/liaison/app/tasks"
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
	save func(title, name string, done func(path string, err error))
}

// guardSaves refuses, as if the user had picked an error, a save target
// that would destroy something: the database itself, a folder, a link or a
// device (tasks.CheckOutPath).
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

// nativeFiles uses the operating system's own dialogs (familiar to NHS
// users and able to reach mapped drives), falling back to Fyne's dialogs
// when the native one is unavailable, such as without GTK on Linux.
func nativeFiles(win fyne.Window) fileDialogs {
	return fileDialogs{
		open: func(title, ext string, done func(string, error)) {
			go func() {
				path, err := safeNative(func() (string, error) {
					return sqdialog.File().Title(title).Filter(strings.ToUpper(ext)+" files", ext).Load()
				})
				fyne.Do(func() {
					if err != nil && !errors.Is(err, errCancelled) {
						fyneOpen(win, ext, done)
						return
					}
					done(path, err)
				})
			}()
		},
		save: func(title, name string, done func(string, error)) {
			ext := strings.TrimPrefix(filepath.Ext(name), ".")
			go func() {
				path, err := safeNative(func() (string, error) {
					return sqdialog.File().Title(title).Filter(strings.ToUpper(ext)+" files", ext).SetStartFile(name).Save()
				})
				fyne.Do(func() {
					if err != nil && !errors.Is(err, errCancelled) {
						fyneSave(win, name, done)
						return
					}
					// The Windows dialog does not add the extension itself.
					if err == nil && ext != "" && !strings.EqualFold(filepath.Ext(path), "."+ext) {
						path += "." + ext
					}
					done(path, err)
				})
			}()
		},
	}
}

// safeNative runs a native dialog, turning its panic (no display, no GTK)
// into an error so the Fyne dialog can take over.
//
// The native dialog is used on Windows only. GTK's and macOS's dialogs open
// the files of the folder shown to guess their type; when that folder holds
// the database, closing those descriptors drops this process's POSIX locks
// on it (a known SQLite hazard), and a `liaison` command run meanwhile then
// deletes the WAL under the open window, whose later saves are lost. Windows
// locks belong to the handle, so its native dialog is safe; elsewhere Fyne's
// own dialog, which opens nothing, is used.
func safeNative(fn func() (string, error)) (path string, err error) {
	if !nativeDialogSafe(runtime.GOOS) {
		return "", errors.New("no native dialog")
	}
	defer func() {
		if r := recover(); r != nil {
			err = errors.New("native dialog failed")
		}
	}()
	path, err = fn()
	if errors.Is(err, sqdialog.ErrCancelled) {
		return "", errCancelled
	}
	return path, err
}

// nativeDialogSafe reports whether the operating system's own file dialog
// can be used without risking the database's locks (see safeNative).
func nativeDialogSafe(goos string) bool { return goos == "windows" }

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

func fyneSave(win fyne.Window, name string, done func(string, error)) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			done("", err)
			return
		}
		if w == nil {
			done("", errCancelled)
			return
		}
		w.Close()
		done(w.URI().Path(), nil)
	}, win)
	d.SetFileName(name)
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}
