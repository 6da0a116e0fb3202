package tasks

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"github.com/liaisonapp/liaison/store"
)

// PackFile is one file of a folder Liaison writes in one go: a board pack
// or a set of appraisal pages.
type PackFile struct {
	// Name is the file's name inside the folder, with no folder of its own.
	Name string
	Data []byte
}

// PackMarker is the file every folder written by WritePack carries. It
// tells a later export that the folder is its own to replace, and tells a
// reader what wrote it.
const PackMarker = "written-by-liaison.txt"

// WritePack writes files as the folder dir, all or nothing: into a new
// folder beside dir, which is renamed to dir once every file is written, so
// a failure leaves no half pack (and any previous pack intact). kind names
// the pack in the marker file and in messages ("board pack"). dir may not
// exist yet, may be empty, or may hold an earlier pack of the same kind,
// which is replaced; a folder holding anything else is refused. dbPath,
// when not "", guards the database: it may not lie inside dir.
func WritePack(dir, dbPath, kind string, files []PackFile) error {
	if strings.TrimSpace(dir) == "" {
		return store.Errorf(store.EINVALID, "Say which folder to write the %s to.", kind)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return store.Errorf(store.EINVALID, "Cannot use the folder %s: %v", dir, err)
	}
	if dbPath != "" {
		if db := canonical(dbPath); db == abs || strings.HasPrefix(db, abs+string(filepath.Separator)) {
			return store.Errorf(store.EINVALID, "%s holds Liaison's own database; replacing it with the %s would destroy it. Choose another folder.", dir, kind)
		}
	}
	existing, err := checkPackDir(abs, kind)
	if err != nil {
		return err
	}
	marker := fmt.Sprintf("Liaison %s\r\n\r\nThis folder was written by Liaison in one go. Exporting the %s again to this folder replaces everything in it.\r\n", kind, kind)
	all := append([]PackFile{{Name: PackMarker, Data: []byte(marker)}}, files...)
	seen := map[string]bool{}
	for _, f := range all {
		if f.Name == "" || f.Name != filepath.Base(f.Name) || f.Name == "." || f.Name == ".." {
			return store.Errorf(store.EINTERNAL, "pack file name %q is not a plain file name", f.Name)
		}
		if seen[strings.ToLower(f.Name)] {
			return store.Errorf(store.EINTERNAL, "pack file name %q is used twice", f.Name)
		}
		seen[strings.ToLower(f.Name)] = true
	}
	parent := filepath.Dir(abs)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return store.Errorf(store.EINVALID, "Cannot create the folder %s: %v", parent, unwrapPath(err))
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(abs)+".*.tmp")
	if err != nil {
		return store.Errorf(store.EINVALID, "Cannot write in %s: %v", parent, unwrapPath(err))
	}
	defer os.RemoveAll(tmp) // gone after the rename; left over only on failure
	if err := os.Chmod(tmp, 0o755); err != nil {
		return store.Errorf(store.EINVALID, "Cannot write in %s: %v", parent, unwrapPath(err))
	}
	for _, f := range all {
		if err := writeSynced(filepath.Join(tmp, f.Name), f.Data); err != nil {
			return store.Errorf(store.EINVALID, "Cannot write %s: %v", f.Name, unwrapPath(err))
		}
	}
	if !existing {
		if err := os.Remove(abs); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return store.Errorf(store.EINVALID, "Cannot replace the empty folder %s: %v", dir, unwrapPath(err))
		}
		if err := os.Rename(tmp, abs); err != nil {
			return store.Errorf(store.EINVALID, "Cannot create %s: %v", dir, unwrapPath(err))
		}
		return nil
	}
	// Move the old pack aside, put the new one in its place, then delete
	// the old one; if the swap fails, the old pack goes back.
	old := tmp + ".old"
	if err := os.Rename(abs, old); err != nil {
		return store.Errorf(store.EINVALID, "Cannot replace the earlier %s in %s (is a file in it open?): %v", kind, dir, unwrapPath(err))
	}
	if err := os.Rename(tmp, abs); err != nil {
		if rerr := os.Rename(old, abs); rerr != nil {
			return store.Errorf(store.EINVALID, "Cannot replace %s: %v; the earlier %s is now in %s", dir, unwrapPath(err), kind, old)
		}
		return store.Errorf(store.EINVALID, "Cannot replace %s: %v", dir, unwrapPath(err))
	}
	os.RemoveAll(old)
	return nil
}

// checkPackDir says whether dir holds an earlier pack of this kind, and
// refuses anything that is not a folder Liaison may replace.
func checkPackDir(dir, kind string) (existing bool, err error) {
	info, err := os.Lstat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, store.Errorf(store.EINVALID, "Cannot use the folder %s: %v", dir, unwrapPath(err))
	}
	if !info.IsDir() {
		return false, store.Errorf(store.EINVALID, "%s is not a folder; choose a folder (new or empty) for the %s.", dir, kind)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false, store.Errorf(store.EINVALID, "Cannot read the folder %s: %v", dir, unwrapPath(err))
	}
	if len(entries) == 0 {
		return false, nil
	}
	marker, err := os.ReadFile(filepath.Join(dir, PackMarker))
	if err != nil || !strings.HasPrefix(string(marker), "Liaison "+kind+"\r\n") {
		return false, store.Errorf(store.EINVALID, "%s already holds files that are not an earlier Liaison %s, so Liaison will not replace it. Choose a new or empty folder.", dir, kind)
	}
	for _, e := range entries {
		if e.IsDir() {
			return false, store.Errorf(store.EINVALID, "%s holds an earlier %s and the folder %s, which Liaison did not write; move it out, or choose a new folder.", dir, kind, e.Name())
		}
	}
	return true, nil
}

// writeSynced writes a new file and flushes it to disk before the folder
// is renamed into place.
func writeSynced(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// windowsReserved are names Windows will not give a file, with any extension.
var windowsReserved = map[string]bool{"con": true, "prn": true, "aux": true, "nul": true,
	"com1": true, "com2": true, "com3": true, "com4": true, "com5": true, "com6": true, "com7": true, "com8": true, "com9": true,
	"lpt1": true, "lpt2": true, "lpt3": true, "lpt4": true, "lpt5": true, "lpt6": true, "lpt7": true, "lpt8": true, "lpt9": true}

// SafeFileName turns a person's name into a file name every system
// accepts, keeping letters as written ("Seán Ó Súilleabháin"): path
// separators, characters Windows forbids and control characters become
// spaces, runs of spaces one, and leading and trailing dots and spaces go.
// An empty result is "unnamed".
func SafeFileName(name string) string {
	mapped := strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || strings.ContainsRune(`<>:"/\|?*`, r) || !unicode.IsPrint(r) {
			return ' '
		}
		return r
	}, name)
	s := strings.Trim(strings.Join(strings.Fields(mapped), " "), ". ")
	if len(s) > 100 {
		s = strings.TrimRight(strings.ToValidUTF8(s[:100], ""), ". ")
	}
	if s == "" {
		s = "unnamed"
	}
	if windowsReserved[strings.ToLower(strings.SplitN(s, ".", 2)[0])] {
		s = "_" + s
	}
	return s
}
