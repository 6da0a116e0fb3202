package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/liaisonapp/liaison/store"
)

// twoRounds makes a database with the people of signup in the rounds
// "Spring" and "Autumn", and returns its path.
func twoRounds(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	db := filepath.Join(dir, "liaison.db")
	csv := filepath.Join(dir, "signup.csv")
	content := "Name,Email,Role,Organisation\r\n" +
		"Dr Hermione Quillfeather,h.quillfeather@nhs.example,GP,Quill Surgery\r\n" +
		"Dr Bartholomew Oakhurst,b.oakhurst@nhs.example,Consultant,Oakhurst Trust\r\n"
	if err := os.WriteFile(csv, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, round := range []string{"Spring", "Autumn"} {
		if code, _, stderr := run(t, "import", "participants", csv, "--db", db, "--round", round); code != 0 {
			t.Fatalf("import exited %d: %s", code, stderr)
		}
	}
	return db
}

// inFile reports which of texts can be read in the database or its WAL.
func inFile(t *testing.T, db string, texts ...string) []string {
	t.Helper()
	var all []byte
	for _, p := range []string{db, db + "-wal"} {
		b, _ := os.ReadFile(p)
		all = append(all, bytes.ToLower(b)...)
	}
	var found []string
	for _, s := range texts {
		if bytes.Contains(all, []byte(strings.ToLower(s))) {
			found = append(found, s)
		}
	}
	return found
}

func TestDeleteRound(t *testing.T) {
	db := twoRounds(t)
	t.Run("ErrNoYes", func(t *testing.T) {
		code, _, stderr := run(t, "delete", "round", "Spring", "--db", db)
		if code != 2 || !strings.Contains(stderr, "add --yes to confirm") || !strings.Contains(stderr, "usage: liaison delete round NAME --db PATH --yes") {
			t.Fatalf("without --yes: exit %d, %q; want 2 and the usage", code, stderr)
		}
	})
	t.Run("ErrUnknownRound", func(t *testing.T) {
		code, _, stderr := run(t, "delete", "round", "Sprung", "--db", db, "--yes")
		if code != 1 || !strings.Contains(stderr, `There is no round called "Sprung". The rounds are: "Autumn", "Spring".`) {
			t.Fatalf("unknown round: exit %d, %q", code, stderr)
		}
	})
	t.Run("OK", func(t *testing.T) {
		code, stdout, stderr := run(t, "delete", "round", "spring", "--db", db, "--yes")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		if !strings.Contains(stdout, `Deleted the round "Spring"`) {
			t.Errorf("stdout %q", stdout)
		}
		code, stdout, _ = run(t, "report", "--db", db, "--round", "Autumn", "--json")
		if code != 0 || !strings.Contains(stdout, `"participants": 2`) {
			t.Errorf("the other round changed: %s", stdout)
		}
	})
}

func TestDeleteParticipant(t *testing.T) {
	db := twoRounds(t)
	person := []string{"Hermione Quillfeather", "h.quillfeather@nhs.example"}
	if got := inFile(t, db, person...); len(got) != 2 {
		t.Fatalf("before deleting only %q are in the file; the test cannot see them", got)
	}
	t.Run("ErrNoYes", func(t *testing.T) {
		if code, _, stderr := run(t, "delete", "participant", "h.quillfeather@nhs.example", "--db", db); code != 2 || !strings.Contains(stderr, "--yes") {
			t.Fatalf("exit %d, %q", code, stderr)
		}
	})
	t.Run("OneRound", func(t *testing.T) {
		code, stdout, stderr := run(t, "delete", "participant", "H.Quillfeather@nhs.example", "--db", db, "--round", "Spring", "--yes")
		if code != 0 || !strings.Contains(stdout, `from the round "Spring"`) {
			t.Fatalf("exit %d: %s%s", code, stdout, stderr)
		}
	})
	t.Run("EveryRound", func(t *testing.T) {
		code, stdout, stderr := run(t, "delete", "participant", "h.quillfeather@nhs.example", "--db", db, "--yes")
		if code != 0 || !strings.Contains(stdout, `from the round "Autumn"`) {
			t.Fatalf("exit %d: %s%s", code, stdout, stderr)
		}
		if got := inFile(t, db, person...); len(got) > 0 {
			t.Errorf("after the command returned, %q are still readable in the database or its WAL", got)
		}
		if got := inFile(t, db, "Bartholomew Oakhurst"); len(got) != 1 {
			t.Errorf("the other participant went too")
		}
	})
	t.Run("ErrNobody", func(t *testing.T) {
		code, _, stderr := run(t, "delete", "participant", "h.quillfeather@nhs.example", "--db", db, "--yes")
		if code != 1 || !strings.Contains(stderr, "Nobody with the email h.quillfeather@nhs.example") {
			t.Fatalf("exit %d, %q", code, stderr)
		}
	})
}

func TestBackupAndRestore(t *testing.T) {
	db := twoRounds(t)
	backup := filepath.Join(t.TempDir(), "before autumn deleted.db")
	code, stdout, stderr := run(t, "backup", "--db", db, "--out", backup)
	if code != 0 || !strings.Contains(stdout, "liaison restore --db "+db+` --from "`+backup+`"`) {
		t.Fatalf("backup: exit %d: %s%s", code, stdout, stderr)
	}
	if code, _, stderr := run(t, "backup", "--db", db, "--out", backup); code != 1 || !strings.Contains(stderr, "already exists") {
		t.Fatalf("a second backup over the first: exit %d, %q", code, stderr)
	}
	if code, _, stderr := run(t, "delete", "round", "Autumn", "--db", db, "--yes"); code != 0 {
		t.Fatal(stderr)
	}

	t.Run("ErrNotLiaison", func(t *testing.T) {
		other := filepath.Join(t.TempDir(), "notes.db")
		os.WriteFile(other, []byte("not a database at all"), 0o600)
		before, _ := os.ReadFile(db)
		code, _, stderr := run(t, "restore", "--db", db, "--from", other)
		if code != 1 || !strings.Contains(stderr, other+" is not a Liaison database") {
			t.Fatalf("exit %d, %q", code, stderr)
		}
		if after, _ := os.ReadFile(db); !bytes.Equal(before, after) {
			t.Fatal("a refused restore changed the database")
		}
	})
	t.Run("ErrNoFrom", func(t *testing.T) {
		if code, _, stderr := run(t, "restore", "--db", db); code != 2 || !strings.Contains(stderr, "--from FILE is required") {
			t.Fatalf("exit %d, %q", code, stderr)
		}
	})
	t.Run("OK", func(t *testing.T) {
		code, stdout, stderr := run(t, "restore", "--db", db, "--from", backup)
		if code != 0 || !strings.Contains(stdout, "The database as it was before is saved as "+store.BackupsDir(db)) {
			t.Fatalf("restore: exit %d: %s%s", code, stdout, stderr)
		}
		if code, stdout, _ := run(t, "report", "--db", db, "--round", "Autumn", "--json"); code != 0 || !strings.Contains(stdout, `"participants": 2`) {
			t.Fatalf("after restoring, Autumn is %s", stdout)
		}
	})
}

// TestDatabaseTrouble: problems with the database file itself are said as
// what they are, with what to do.
func TestDatabaseTrouble(t *testing.T) {
	t.Run("Folder", func(t *testing.T) {
		dir := t.TempDir()
		code, _, stderr := run(t, "report", "--db", dir)
		if code != 1 || !strings.Contains(stderr, dir+" is a folder, not a database file") {
			t.Fatalf("exit %d, %q", code, stderr)
		}
	})
	t.Run("Damaged", func(t *testing.T) {
		db := twoRounds(t)
		// Reopening on the same day makes the day's backup.
		if code, _, stderr := run(t, "report", "--db", db); code != 0 {
			t.Fatal(stderr)
		}
		bs, _ := store.Backups(db)
		if len(bs) == 0 {
			t.Fatal("no backup was made")
		}
		grow := filepath.Join(t.TempDir(), "big.csv")
		writeExport(t, grow, 3000)
		if code, _, stderr := run(t, "import", "feedback", grow, "--db", db, "--round", "Spring"); code != 0 {
			t.Fatal(stderr)
		}
		f, _ := os.OpenFile(db, os.O_RDWR, 0)
		fi, _ := f.Stat()
		f.WriteAt(bytes.Repeat([]byte{0xde, 0xad}, 2048), fi.Size()/2/4096*4096)
		f.Close()
		code, _, stderr := run(t, "report", "--db", db)
		for _, want := range []string{"is damaged", "liaison restore --db " + db + ` --from "` + bs[0].Path + `"`} {
			if code != 1 || !strings.Contains(stderr, want) {
				t.Errorf("exit %d, %q lacks %q", code, stderr, want)
			}
		}
		if strings.Contains(stderr, "Something went wrong") {
			t.Errorf("%q", stderr)
		}
		if code, stdout, stderr := run(t, "restore", "--db", db, "--from", bs[0].Path); code != 0 {
			t.Fatalf("restoring the damaged database: exit %d: %s%s", code, stdout, stderr)
		}
		if code, stdout, _ := run(t, "report", "--db", db, "--round", "Spring", "--json"); code != 0 || !strings.Contains(stdout, `"participants": 2`) {
			t.Fatalf("after restoring: %s", stdout)
		}
	})
}
