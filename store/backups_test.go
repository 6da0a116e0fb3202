package store

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestBackupName(t *testing.T) {
	at := time.Date(2026, 11, 28, 9, 15, 0, 0, time.Local)
	for note, want := range map[string]string{
		"":                "liaison 2026-11-28.db",
		"-":               "liaison 2026-11-28 091500.db",
		"before schema 3": "liaison 2026-11-28 091500 before schema 3.db",
	} {
		if got := BackupName("/data/liaison.db", at, note); got != want {
			t.Errorf("BackupName(note %q) = %q, want %q", note, got, want)
		}
	}
	if got, want := BackupsDir("/data/liaison.db"), filepath.Join("/data", "backups"); got != want {
		t.Errorf("BackupsDir = %q, want %q", got, want)
	}
}

// TestPruneBackups makes a daily copy for each of 400 days, and finds the
// last ten days and one copy a month for a year left.
func TestPruneBackups(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "liaison.db")
	if err := os.Mkdir(BackupsDir(db), 0o700); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 28, 12, 0, 0, 0, time.Local)
	for i := 0; i < 400; i++ {
		day := now.AddDate(0, 0, -i)
		if err := os.WriteFile(filepath.Join(BackupsDir(db), BackupName(db, day, "")), nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	// Someone else's database in the same folder is not ours to prune.
	other := filepath.Join(BackupsDir(db), "liaison 2 2020-01-01.db")
	if err := os.WriteFile(other, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := PruneBackups(db, now); err != nil {
		t.Fatal(err)
	}
	bs, err := Backups(db)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, b := range bs {
		names = append(names, filepath.Base(b.Path))
	}
	want := []string{
		"liaison 2026-11-28.db", "liaison 2026-11-27.db", "liaison 2026-11-26.db", "liaison 2026-11-25.db", "liaison 2026-11-24.db",
		"liaison 2026-11-23.db", "liaison 2026-11-22.db", "liaison 2026-11-21.db", "liaison 2026-11-20.db", "liaison 2026-11-19.db",
		"liaison 2026-10-31.db", "liaison 2026-09-30.db", "liaison 2026-08-31.db", "liaison 2026-07-31.db", "liaison 2026-06-30.db",
		"liaison 2026-05-31.db", "liaison 2026-04-30.db", "liaison 2026-03-31.db", "liaison 2026-02-28.db", "liaison 2026-01-31.db",
		"liaison 2025-12-31.db",
	}
	if len(names) != len(want) {
		t.Fatalf("kept %d backups:\n%q\nwant %d:\n%q", len(names), names, len(want), want)
	}
	for i := range want {
		if names[i] != want[i] {
			t.Errorf("backup %d = %q, want %q", i, names[i], want[i])
		}
	}
	if _, err := os.Stat(other); err != nil {
		t.Errorf("another database's backup was pruned: %v", err)
	}
}
