// Package lockfile keeps a second Liaison window off a database that one
// window already has open. The lock is the operating system's own (flock
// on Unix, LockFileEx on Windows) on a file beside the database, so it goes
// when the process goes, however it ends: a window that crashed or was
// killed never blocks the next start. Only the GUI takes it; commands in a
// terminal may still write while a window is open, and the window shows
// their changes.
package lockfile

import (
	"errors"
	"os"
	"path/filepath"
	"strings"

	"github.com/liaisonapp/liaison/store"
)

// Lock is a held lock on a database; Release lets the next window in.
type Lock struct {
	f *os.File
}

// Path returns the lock file of the database at dbPath.
func Path(dbPath string) string { return dbPath + ".lock" }

// errHeld is what the system-specific lock returns when another process
// holds the lock.
var errHeld = errors.New("held by another process")

// Acquire takes the lock of the database at dbPath. When another Liaison
// window has it, the error (code EINUSE) names the database.
func Acquire(dbPath string) (*Lock, error) {
	// The window may be the first to use a new folder for its database.
	os.MkdirAll(filepath.Dir(dbPath), 0o700)
	f, err := os.OpenFile(Path(dbPath), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, store.Errorf(store.ECANTOPEN, "Liaison cannot create its lock file %s beside the database: %v. Check that you can write to that folder.", Path(dbPath), err)
	}
	if err := lock(f); err != nil {
		f.Close()
		if errors.Is(err, errHeld) {
			return nil, store.Errorf(store.EINUSE, "The database %s is already open in another Liaison window. Switch to that window (it may be on another screen or minimised), or close it first; two windows on one database could undo each other's changes.", dbPath)
		}
		return nil, store.Errorf(store.ECANTOPEN, "Liaison cannot lock %s: %v.", Path(dbPath), err)
	}
	return &Lock{f: f}, nil
}

// Release gives the lock up. The lock file stays: deleting it could let
// two windows lock two different files of the same name.
func (l *Lock) Release() error {
	if l == nil || l.f == nil {
		return nil
	}
	err := unlock(l.f)
	if cerr := l.f.Close(); err == nil {
		err = cerr
	}
	l.f = nil
	return err
}

// OnNetworkDrive reports whether the database at path seems to be on a
// network drive (a \\server\share path, a mapped drive letter on Windows,
// an NFS or SMB mount on Linux), where SQLite's locks and its WAL cannot be
// trusted.
func OnNetworkDrive(path string) bool {
	if store.LooksRemote(path) || strings.HasPrefix(path, `\\`) {
		return true
	}
	return remote(path)
}
