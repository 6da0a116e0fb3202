// Package tasks is what an organiser does with Liaison, below both front
// ends: importing and exporting files, suggesting and applying pairs,
// the import previews' counts, safe output paths and atomic writes. The
// window (package app) and the command line (package app/cli) call the
// same functions; tasks imports neither Fyne nor the SQLite driver and
// works on any store.Service.
package tasks

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"

	"github.com/liaisonapp/liaison/store"
	"github.com/liaisonapp/liaison/store/csvio"
)

// CheckOutPath refuses an output path that would destroy something: the
// database itself (or its -wal, -shm or -journal file), or anything that is
// not a plain file (a folder, a device, a link whose target would be
// replaced by a copy). dbPath may be "" when there is no database to guard.
func CheckOutPath(path, dbPath string) error {
	if strings.TrimSpace(path) == "" {
		return store.Errorf(store.EINVALID, "Say where to write the file.")
	}
	if dbPath != "" {
		out, db := canonical(path), canonical(dbPath)
		for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
			if sameFile(out, db+suffix) {
				return store.Errorf(store.EINVALID, "%s is Liaison's own database file; writing there would destroy it. Choose another file.", path)
			}
		}
	}
	info, err := os.Lstat(path)
	if err != nil {
		return nil // a new file
	}
	if !info.Mode().IsRegular() {
		return store.Errorf(store.EINVALID, "%s is not a plain file (it is a folder, a link or a device); choose a file name to write.", path)
	}
	return nil
}

// canonical makes path absolute and resolves the links in its folder.
func canonical(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return path
	}
	if dir, err := filepath.EvalSymlinks(filepath.Dir(abs)); err == nil {
		abs = filepath.Join(dir, filepath.Base(abs))
	}
	return abs
}

// sameFile reports whether a and b name the same file, by name or, when
// both exist, by identity (hard links, case-insensitive file systems).
func sameFile(a, b string) bool {
	if a == b {
		return true
	}
	ia, errA := os.Stat(a)
	ib, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(ia, ib)
}

// WriteFileAtomic writes a file through write into a temporary file beside
// path and renames it into place only when everything was written, so a
// failed export leaves no half-written file (and any old file intact). An
// existing file keeps its permissions; a new one is readable by others, as
// an export for the board is meant to be shared.
func WriteFileAtomic(path string, write func(w io.Writer) error) error {
	f, err := StageFile(path, write)
	if err != nil {
		return err
	}
	return f.Commit()
}

// StagedFile is a file written in full under a temporary name beside its
// path: Sync makes sure it is on the disk, Commit (which syncs it first if
// need be) renames it into place, Discard removes it. A command writing a
// set of files stages them all before it commits any, and may sync them
// on goroutines of their own while it goes on.
type StagedFile struct {
	path, tmp string
	f         *os.File // open until synced
	syncErr   error
}

// StageFile writes a file through write as WriteFileAtomic does, up to the
// sync and the rename.
func StageFile(path string, write func(w io.Writer) error) (*StagedFile, error) {
	if err := CheckOutPath(path, ""); err != nil {
		return nil, err
	}
	mode := fs.FileMode(0o644)
	if info, err := os.Stat(path); err == nil {
		mode = info.Mode().Perm()
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return nil, store.Errorf(store.EINVALID, "Cannot write in %s: %v", dir, unwrapPath(err))
	}
	f := &StagedFile{path: path, tmp: tmp.Name(), f: tmp}
	if err := write(tmp); err != nil {
		return nil, f.fail(err)
	}
	if err := tmp.Chmod(mode); err != nil {
		return nil, f.fail(err)
	}
	return f, nil
}

// fail removes the staged file and says why it could not be written.
func (f *StagedFile) fail(err error) error {
	f.Discard()
	if store.ErrorCode(err) != store.EINTERNAL {
		return err
	}
	return store.Errorf(store.EINVALID, "Cannot write %s: %v", f.path, unwrapPath(err))
}

// Sync writes the staged file through to the disk and closes it; a second
// call returns the first one's result.
func (f *StagedFile) Sync() error {
	if f.f == nil {
		return f.syncErr
	}
	err := f.f.Sync()
	if cerr := f.f.Close(); err == nil {
		err = cerr
	}
	f.f = nil
	if err != nil {
		f.syncErr = store.Errorf(store.EINVALID, "Cannot write %s: %v", f.path, unwrapPath(err))
	}
	return f.syncErr
}

// Commit syncs the staged file if need be and puts it in place of its path.
func (f *StagedFile) Commit() error {
	if err := f.Sync(); err != nil {
		f.Discard()
		return err
	}
	if err := os.Rename(f.tmp, f.path); err != nil {
		os.Remove(f.tmp)
		return replaceError(runtime.GOOS, f.path, err)
	}
	return nil
}

// replaceError says why the file at path could not be replaced. On
// Windows a file that another program has open (a CSV in Excel, a PDF in
// a viewer) cannot be replaced, and that is nearly always why: the
// message says so and what to do. Elsewhere an open file can be replaced,
// so the message gives the system's reason alone.
func replaceError(goos, path string, err error) error {
	if goos == "windows" && openElsewhere(err) {
		program := "another program"
		switch strings.ToLower(filepath.Ext(path)) {
		case ".csv":
			program = "Excel or another program"
		case ".pdf":
			program = "a PDF viewer or another program"
		}
		return store.Errorf(store.EINVALID, "Cannot replace %s: it is probably open in %s. Close it there and try again.", path, program)
	}
	return store.Errorf(store.EINVALID, "Cannot write %s: %v", path, unwrapPath(err))
}

// openElsewhere reports the Windows errors of replacing a file that
// another program has open: ERROR_ACCESS_DENIED (5), ERROR_SHARING_VIOLATION
// (32) and ERROR_LOCK_VIOLATION (33). Their numbers are compared, so the
// test runs on any system.
func openElsewhere(err error) bool {
	var errno syscall.Errno
	return errors.As(err, &errno) && (errno == 5 || errno == 32 || errno == 33)
}

// Discard removes the staged file; its path is left as it was. A nil
// StagedFile (one that was never staged) is left alone.
func (f *StagedFile) Discard() {
	if f == nil {
		return
	}
	if f.f != nil {
		f.f.Close()
		f.f = nil
	}
	os.Remove(f.tmp)
}

// unwrapPath drops the paths that *os.PathError and *os.LinkError (a
// rename's) repeat, since the message names the file already.
func unwrapPath(err error) error {
	switch e := err.(type) {
	case *os.PathError:
		return e.Err
	case *os.LinkError:
		return e.Err
	}
	return err
}

// ReadTable reads a CSV file (any encoding csvio knows), naming the file
// when it cannot be opened; the command line and the GUI read imports
// alike.
func ReadTable(path string) (*csvio.Table, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, store.Errorf(store.EINVALID, "Cannot open %s: %v", path, unwrapPath(err))
	}
	defer f.Close()
	// Streamed, so that a row over csvio.MaxRecord is refused before it
	// is held in memory.
	rd, err := csvio.NewReader(f)
	if err != nil {
		return nil, err
	}
	return rd.ReadAll()
}

// WriteCSVAtomic writes an Excel-safe CSV (csvio.WriteRows) to path the
// way WriteFileAtomic writes any file.
func WriteCSVAtomic(path string, header []string, rows [][]string) error {
	return WriteFileAtomic(path, func(w io.Writer) error { return csvio.WriteRows(w, header, rows) })
}
