package store

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// Backups are copies of a database in a "backups" folder beside it, named
// after the database and the day they were made, so that a person can find
// one by its date in any file browser:
//
//	liaison 2026-11-28.db                        the first open of the day
//	liaison 2026-11-28 091500 before schema 3.db before a migration
//	liaison 2026-11-28 091500 before restore.db  before a restore
//	liaison 2026-11-28 091500.db                 Back up now / liaison backup
//
// PruneBackups keeps the copies of the last KeepDaily days and the newest
// copy of every month for a year.
const (
	KeepDaily   = 10
	KeepMonthly = 12
)

// BackupsDir returns the folder that holds the backups of the database at
// dbPath: "backups" beside it.
func BackupsDir(dbPath string) string {
	return filepath.Join(filepath.Dir(dbPath), "backups")
}

// BackupFile is one backup of a database in its backups folder.
type BackupFile struct {
	Path string
	// Day is the date in the name (local midnight).
	Day time.Time
	// Note is what follows the date: "" for the daily copy, "091500 before
	// schema 3" and so on for the others.
	Note    string
	ModTime time.Time
}

// Daily reports whether b is the automatic copy of its day.
func (b BackupFile) Daily() bool { return b.Note == "" }

// BackupName returns the file name of a backup of the database at dbPath
// made at t: the daily copy's name when note is "", otherwise one with the
// time of day and the note (which may itself be "" after the time: pass
// "-" for a copy made by hand).
func BackupName(dbPath string, t time.Time, note string) string {
	stem := strings.TrimSuffix(filepath.Base(dbPath), filepath.Ext(dbPath))
	name := stem + " " + t.Format(DateLayout)
	switch note {
	case "":
	case "-":
		name += " " + t.Format("150405")
	default:
		name += " " + t.Format("150405") + " " + note
	}
	return name + ".db"
}

// Backups lists the backups of the database at dbPath, newest first. A
// missing backups folder means none.
func Backups(dbPath string) ([]BackupFile, error) {
	dir := BackupsDir(dbPath)
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	prefix := strings.TrimSuffix(filepath.Base(dbPath), filepath.Ext(dbPath)) + " "
	var out []BackupFile
	for _, e := range entries {
		name := e.Name()
		if !e.Type().IsRegular() || !strings.HasPrefix(name, prefix) || !strings.HasSuffix(name, ".db") {
			continue
		}
		rest := strings.TrimSuffix(strings.TrimPrefix(name, prefix), ".db")
		if len(rest) < len(DateLayout) {
			continue
		}
		day, err := time.ParseInLocation(DateLayout, rest[:len(DateLayout)], time.Local)
		if err != nil {
			continue
		}
		note := rest[len(DateLayout):]
		if note != "" && note[0] != ' ' {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue
		}
		out = append(out, BackupFile{Path: filepath.Join(dir, name), Day: day, Note: strings.TrimSpace(note), ModTime: info.ModTime()})
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].Day.Equal(out[j].Day) {
			return out[i].Day.After(out[j].Day)
		}
		if !out[i].ModTime.Equal(out[j].ModTime) {
			return out[i].ModTime.After(out[j].ModTime)
		}
		return out[i].Path > out[j].Path
	})
	return out, nil
}

// BackupsToPrune returns which of bs (newest first, as Backups lists them)
// to delete at now: every backup is kept whose day is one of the KeepDaily
// most recent days with a backup, and so is the newest backup of each of
// the KeepMonthly months up to now's; the rest go.
func BackupsToPrune(bs []BackupFile, now time.Time) []BackupFile {
	keep := make([]bool, len(bs))
	var days []time.Time
	for i, b := range bs {
		if len(days) == 0 || !days[len(days)-1].Equal(b.Day) {
			days = append(days, b.Day)
		}
		if len(days) <= KeepDaily {
			keep[i] = true
		}
	}
	oldest := time.Date(now.Year(), now.Month()-KeepMonthly+1, 1, 0, 0, 0, 0, time.Local)
	seen := map[[2]int]bool{}
	for i, b := range bs {
		m := [2]int{b.Day.Year(), int(b.Day.Month())}
		if b.Day.Before(oldest) || seen[m] {
			continue
		}
		seen[m] = true
		keep[i] = true
	}
	var out []BackupFile
	for i, b := range bs {
		if !keep[i] {
			out = append(out, b)
		}
	}
	return out
}

// PruneBackups deletes the backups of the database at dbPath that
// BackupsToPrune gives up at now.
func PruneBackups(dbPath string, now time.Time) error {
	bs, err := Backups(dbPath)
	if err != nil {
		return err
	}
	var errs []error
	for _, b := range BackupsToPrune(bs, now) {
		if err := os.Remove(b.Path); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}
