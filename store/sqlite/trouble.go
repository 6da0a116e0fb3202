package sqlite

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"

	sqlite3 "github.com/mattn/go-sqlite3"

	"github.com/liaisonapp/liaison/store"
)

// trouble turns an error about the database file itself (locked too long,
// read-only, disk full, damaged, cannot be opened) into an application
// error that says what happened to which file and what to do. Any other
// error is returned unchanged, so callers can wrap every error with it.
func trouble(path string, err error) error {
	if err == nil {
		return nil
	}
	var se sqlite3.Error
	if errors.As(err, &se) {
		switch se.Code {
		case sqlite3.ErrBusy, sqlite3.ErrLocked:
			return busyError(path)
		case sqlite3.ErrReadonly:
			return readOnlyError(path)
		case sqlite3.ErrFull:
			return diskFullError(path)
		case sqlite3.ErrCorrupt, sqlite3.ErrNotADB:
			return damagedError(path, err.Error())
		case sqlite3.ErrCantOpen:
			return cantOpenError(path, nil)
		case sqlite3.ErrIoErr:
			return store.Errorf(store.ECANTOPEN, "Liaison could not read or write the database %s (%v). If it is on a USB stick or a network drive, check that it is still connected, then try again.", path, err)
		}
		return err
	}
	switch {
	case errors.Is(err, syscall.ENOSPC):
		return diskFullError(path)
	case errors.Is(err, fs.ErrPermission), errors.Is(err, syscall.EROFS):
		return readOnlyError(path)
	}
	return err
}

func busyError(path string) error {
	return store.Errorf(store.EBUSY, "The database %s is busy: another Liaison window or command kept it locked for more than %s. Wait until it has finished (a large import can take a minute) and try again.", path, waited())
}

// waited says how long a connection waits for a lock, as people say it.
func waited() string {
	if busyTimeoutMS%1000 == 0 {
		return store.Plural(busyTimeoutMS/1000, "second", "seconds")
	}
	return busyTimeout().String()
}

func readOnlyError(path string) error {
	return store.Errorf(store.EREADONLY, "The database %s is read-only: Liaison cannot save to it or to its folder. Copy it somewhere you can write, such as your Documents folder, and open the copy (--db PATH), or ask IT to give you write access.", path)
}

func diskFullError(path string) error {
	return store.Errorf(store.EDISKFULL, "The disk that holds the database %s is full, so nothing was saved. Free some space (empty the recycle bin, move large files elsewhere) and try again.", path)
}

// damagedError says that the file is damaged and which backup to restore.
func damagedError(path, detail string) error {
	msg := "The database " + path + " is damaged (" + detail + "). Liaison has not changed or repaired it."
	if bs, _ := store.Backups(path); len(bs) > 0 {
		msg += " The newest backup is " + bs[0].Path + ". To restore it, start Liaison's window, which offers to, or run: liaison restore --db " + quoteArg(path) + " --from " + quoteArg(bs[0].Path)
	} else {
		msg += " There is no backup of it in " + store.BackupsDir(path) + "; if you have a copy elsewhere, restore it with liaison restore --db " + quoteArg(path) + " --from FILE."
	}
	return store.Errorf(store.EDAMAGED, "%s", msg)
}

func cantOpenError(path string, err error) error {
	if fi, serr := os.Stat(path); serr == nil && fi.IsDir() {
		return store.Errorf(store.ECANTOPEN, "%s is a folder, not a database file. Give the path of a file, such as %s.", path, filepath.Join(path, "liaison.db"))
	}
	if notWritable(path) {
		return readOnlyError(path)
	}
	if err != nil {
		if t := trouble(path, err); store.ErrorCode(t) != store.EINTERNAL {
			return t
		}
		return store.Errorf(store.ECANTOPEN, "Liaison cannot open or create the database %s: %v. Check that its folder exists and that you can write to it.", path, err)
	}
	return store.Errorf(store.ECANTOPEN, "Liaison cannot open or create the database %s. Check that its folder exists, that the drive is connected and that you can write to it.", path)
}

// quoteArg quotes a command-line argument that has spaces or quotes in it,
// so a suggested command can be pasted.
func quoteArg(s string) string {
	for _, r := range s {
		if r == ' ' || r == '"' || r == '\'' || r == '\t' {
			return `"` + s + `"`
		}
	}
	return s
}

// notWritable reports whether the database file, or the folder where
// SQLite keeps its -wal and -shm files beside it, cannot be written, which
// SQLite reports only as "unable to open database file".
func notWritable(path string) bool {
	if f, err := os.OpenFile(path, os.O_WRONLY, 0); err == nil {
		f.Close()
	} else if errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EROFS) {
		return true
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".liaison-write-test-*")
	if err != nil {
		return errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EROFS)
	}
	name := f.Name()
	f.Close()
	os.Remove(name)
	return false
}
