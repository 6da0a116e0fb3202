//go:build windows

package app

import (
	"errors"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	sqdialog "github.com/sqweek/dialog"
)

// nativeFiles uses Windows' own dialogs (familiar to NHS users and able to
// reach mapped drives), falling back to Fyne's when the native one fails.
// Windows locks belong to the handle, so its dialog opening files in the
// database's folder cannot drop SQLite's locks (see files_other.go), and
// its save dialog returns a path without creating the file.
func nativeFiles(win fyne.Window, check func(path string) error) fileDialogs {
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
						fyneSave(win, title, name, check, done)
						return
					}
					if err != nil {
						done("", err)
						return
					}
					// The Windows dialog does not add the extension itself,
					// so its own "replace?" question was about another name.
					full := withExt(path, ext)
					if _, statErr := os.Lstat(full); full == path || statErr != nil {
						done(full, nil)
						return
					}
					dialog.ShowConfirm("Replace the file?", filepath.Base(full)+" already exists in "+filepath.Dir(full)+".\nReplace it?",
						func(ok bool) {
							if !ok {
								done("", errCancelled)
								return
							}
							done(full, nil)
						}, win)
				})
			}()
		},
	}
}

// safeNative runs a native dialog, turning its panic into an error so
// Fyne's dialog can take over.
func safeNative(fn func() (string, error)) (path string, err error) {
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
