//go:build !windows

package app

import "fyne.io/fyne/v2"

// nativeFiles uses Fyne's own dialogs on Linux and macOS, never the
// operating system's. GTK's and macOS's dialogs open the files of the
// folder shown to guess their type; when that folder holds the database,
// closing those descriptors drops this process's POSIX locks on it (a known
// SQLite hazard), and a `liaison` command run meanwhile then deletes the
// WAL under the open window, whose later saves are lost. Leaving
// sqweek/dialog out of these builds also keeps GTK out of the binary, so
// no command initialises GTK or prints its locale warnings.
func nativeFiles(win fyne.Window, check func(path string) error) fileDialogs {
	return fileDialogs{
		open: func(_, ext string, done func(string, error)) { fyneOpen(win, ext, done) },
		save: func(title, name string, done func(string, error)) { fyneSave(win, title, name, check, done) },
	}
}
