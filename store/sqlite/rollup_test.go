package sqlite_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/liaisonapp/liaison/store"
	"github.com/liaisonapp/liaison/store/sqlite"
)

// dirState records every file in dir with its size, mtime and hash, to
// prove that reading a database left its folder exactly as it was.
func dirState(tb testing.TB, dir string) map[string]string {
	tb.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		tb.Fatal(err)
	}
	out := map[string]string{}
	for _, e := range entries {
		fi, err := e.Info()
		if err != nil {
			tb.Fatal(err)
		}
		h := fileHash(tb, filepath.Join(dir, e.Name()))
		out[e.Name()] = fi.ModTime().Format(time.RFC3339Nano) + " " + strconv.FormatInt(fi.Size(), 10) + " " + string(h[:])
	}
	return out
}

func sameState(tb testing.TB, before, after map[string]string) {
	tb.Helper()
	for name, s := range after {
		if b, ok := before[name]; !ok {
			tb.Errorf("%s appeared beside the database", name)
		} else if b != s {
			tb.Errorf("%s changed", name)
		}
	}
	for name := range before {
		if _, ok := after[name]; !ok {
			tb.Errorf("%s disappeared", name)
		}
	}
}

// closedDB makes a database in a folder of its own with a round of two
// pairs, one of whose visits are done, three responses and a project, and
// closes it.
func closedDB(tb testing.TB, name string) string {
	tb.Helper()
	dir := filepath.Join(tb.TempDir(), "scheme #1 at 50%")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		tb.Fatal(err)
	}
	path := filepath.Join(dir, name)
	db, err := sqlite.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	ctx := context.Background()
	r := mustRound(tb, db, "Wessex 2025")
	p1 := mustPair(tb, db, r.ID, "gp1@x.nhs.uk", "c1@x.nhs.uk")
	mustPair(tb, db, r.ID, "gp2@x.nhs.uk", "c2@x.nhs.uk")
	mustParticipant(tb, db, r.ID, "Nora Nurse", "", store.RoleNurse)
	ps, err := db.FindPairings(ctx, r.ID)
	if err != nil {
		tb.Fatal(err)
	}
	for _, p := range ps {
		if p.ID == p1.ID {
			p.Visits[0].Status, p.Visits[1].Status = store.VisitDone, store.VisitDone
			if err := db.SaveVisits(ctx, p.ID, p.Visits); err != nil {
				tb.Fatal(err)
			}
		}
	}
	qs, err := db.Questions(ctx, r.ID)
	if err != nil {
		tb.Fatal(err)
	}
	var rs []store.Response
	for i, s := range []int{6, 5, 4} {
		rs = append(rs, store.Response{Key: "k" + strconv.Itoa(i), Role: store.RoleGP, Scores: map[int64]int{qs[0].ID: s}})
	}
	if _, _, err := db.AddResponses(ctx, r.ID, rs); err != nil {
		tb.Fatal(err)
	}
	if err := db.CreateProject(ctx, &store.Project{RoundID: r.ID, Title: "Letters", Status: store.ProjectCompleted}); err != nil {
		tb.Fatal(err)
	}
	if err := db.SetSetting(ctx, store.RoundKey(r.ID, store.SettingSuppressK), "3"); err != nil {
		tb.Fatal(err)
	}
	if err := db.Close(); err != nil {
		tb.Fatal(err)
	}
	return path
}

func TestOpenRollup(t *testing.T) {
	ctx := context.Background()
	path := closedDB(t, "wessex.db")
	before := dirState(t, filepath.Dir(path))
	if _, err := os.Stat(path + "-wal"); err == nil {
		t.Fatal("the closed database still has a -wal file; the test needs one without")
	}

	rr, err := sqlite.OpenRollup(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	rounds, err := rr.Rounds(ctx)
	if err != nil || len(rounds) != 1 || rounds[0].Name != "Wessex 2025" {
		t.Fatalf("Rounds = %v, %v", rounds, err)
	}
	got, err := rr.RollupRound(ctx, rounds[0])
	if err != nil {
		t.Fatal(err)
	}
	if err := rr.Close(); err != nil {
		t.Fatal(err)
	}
	if len(got.People) != 5 || got.Pairs != 2 || got.VisitsDone != 2 || got.PairsCompleted != 1 || got.K != 3 {
		t.Errorf("people %d, pairs %d, visits done %d, pairs completed %d, K %d; want 5, 2, 2, 1, 3",
			len(got.People), got.Pairs, got.VisitsDone, got.PairsCompleted, got.K)
	}
	if !slices.Contains(got.People, store.RollupPerson{Key: "name:" + store.NameKey("Nora Nurse"), Role: store.RoleNurse}) {
		t.Errorf("the nurse without an email is not keyed by name: %v", got.People)
	}
	if got.Tally.Responses != 3 || got.Tally.Counts[got.Questions[0].ID] != [6]int{0, 0, 0, 1, 1, 1} || len(got.Questions) != 4 {
		t.Errorf("tally %+v, questions %d", got.Tally, len(got.Questions))
	}
	if got.Projects[store.ProjectCompleted] != 1 {
		t.Errorf("projects %v", got.Projects)
	}
	sameState(t, before, dirState(t, filepath.Dir(path)))
}

// TestOpenRollup_OpenInLiaison reads a database that Liaison has open,
// with a write in its -wal not yet merged: the roll-up sees it, and
// writes nothing beside the file.
func TestOpenRollup_OpenInLiaison(t *testing.T) {
	ctx := context.Background()
	path := closedDB(t, "open.db")
	db := MustOpenPath(t, path)
	r, err := db.RoundByName(ctx, "Wessex 2025")
	if err != nil {
		t.Fatal(err)
	}
	mustParticipant(t, db, r.ID, "Late Comer", "late@x.nhs.uk", store.RoleManager)
	main := fileHash(t, path)
	names := func() []string {
		es, _ := os.ReadDir(filepath.Dir(path))
		var out []string
		for _, e := range es {
			out = append(out, e.Name())
		}
		return out
	}
	beforeNames := names()

	rr, err := sqlite.OpenRollup(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	got, err := rr.RollupRound(ctx, r)
	if err != nil {
		t.Fatal(err)
	}
	rr.Close()
	if len(got.People) != 6 {
		t.Errorf("%d people, want 6 with the one still in the -wal", len(got.People))
	}
	if fileHash(t, path) != main {
		t.Error("the database file changed")
	}
	if after := names(); !slices.Equal(after, beforeNames) {
		t.Errorf("files beside the database: %v, before %v", after, beforeNames)
	}
}

func TestOpenRollup_Refuses(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	newer := closedDB(t, "newer.db")
	raw := rawOpen(t, newer)
	if _, err := raw.Exec(`PRAGMA journal_mode = DELETE`); err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`PRAGMA user_version = ` + strconv.Itoa(sqlite.SchemaVersion()+1)); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	text := filepath.Join(dir, "notes.db")
	if err := os.WriteFile(text, []byte("not a database at all\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	foreign := filepath.Join(dir, "other.db")
	raw = rawOpen(t, foreign)
	if _, err := raw.Exec(`CREATE TABLE t (x)`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	old := closedDB(t, "old.db")
	raw = rawOpen(t, old)
	if _, err := raw.Exec(`PRAGMA journal_mode = DELETE`); err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`ALTER TABLE projects DROP COLUMN status`); err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`PRAGMA user_version = 1`); err != nil {
		t.Fatal(err)
	}
	raw.Close()

	for _, c := range []struct {
		name, path, code, says string
	}{
		{"Newer", newer, store.ETOONEW, "newer version of Liaison"},
		{"NotSQLite", text, store.ENOTLIAISON, "not an SQLite file"},
		{"Foreign", foreign, store.ENOTLIAISON, "not a Liaison one"},
		{"Missing", filepath.Join(dir, "gone.db"), store.ENOTFOUND, "does not exist"},
		{"Folder", dir, store.EINVALID, "is a folder"},
		{"Old", old, store.ETOOOLD, "open it once in this version of Liaison"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var before map[string]string
			if fi, err := os.Stat(c.path); err == nil && !fi.IsDir() {
				before = dirState(t, filepath.Dir(c.path))
			}
			rr, err := sqlite.OpenRollup(ctx, c.path)
			if err == nil {
				rr.Close()
			}
			wantCode(t, err, c.code)
			if msg := store.ErrorMessage(err); !strings.Contains(msg, c.path) || !strings.Contains(msg, c.says) {
				t.Errorf("message %q should name the file and say %q", msg, c.says)
			}
			if before != nil {
				sameState(t, before, dirState(t, filepath.Dir(c.path)))
			}
		})
	}
}
