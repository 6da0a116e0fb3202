package sqlite_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/liaisonapp/liaison/store"
	"github.com/liaisonapp/liaison/store/sqlite"
)

// TestOpen_ManyAtOnceOnANewFile opens one new file from several separate
// *DB at once, many times over: every Open succeeds (it once failed about
// one time in thirty with "database is locked", and sometimes called the
// half-created file "not a Liaison database").
func TestOpen_ManyAtOnceOnANewFile(t *testing.T) {
	const trials, openers = 30, 6
	for trial := range trials {
		path := filepath.Join(t.TempDir(), fmt.Sprintf("new%d.db", trial))
		var wg sync.WaitGroup
		errs := make([]error, openers)
		for i := range errs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				db, err := sqlite.Open(path)
				if err == nil {
					err = db.Close()
				}
				errs[i] = err
			}()
		}
		wg.Wait()
		for _, err := range errs {
			if err != nil {
				t.Fatalf("trial %d: concurrent Open of a new file: %v", trial, err)
			}
		}
	}
}

func TestOpen_Folder(t *testing.T) {
	dir := t.TempDir()
	_, err := sqlite.Open(dir)
	wantCode(t, err, store.ECANTOPEN)
	if msg := store.ErrorMessage(err); !strings.Contains(msg, "is a folder, not a database file") || !strings.Contains(msg, filepath.Join(dir, "liaison.db")) {
		t.Fatalf("message %q does not say a folder was given and what to give instead", msg)
	}
}

// fillRound stores a round with n participants, enough to span pages.
func fillRound(tb testing.TB, db *sqlite.DB, name string, n int) store.Round {
	tb.Helper()
	r := mustRound(tb, db, name)
	ps := make([]store.Participant, n)
	for i := range ps {
		ps[i] = store.Participant{Name: fmt.Sprintf("Person %d of %s", i, name), Email: fmt.Sprintf("p%d@%d.example", i, r.ID), Role: store.RoleGP, Organisation: strings.Repeat("Practice ", 8)}
	}
	if _, _, err := db.UpsertParticipants(context.Background(), r.ID, ps); err != nil {
		tb.Fatal(err)
	}
	return r
}

// damage overwrites a page in the middle of a closed database file.
func damage(tb testing.TB, path string) {
	tb.Helper()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	fi, _ := f.Stat()
	if fi.Size() < 8*4096 {
		tb.Fatalf("database is only %d bytes; too small to damage in the middle", fi.Size())
	}
	if _, err := f.WriteAt([]byte(strings.Repeat("\xde\xad\xbe\xef", 1024)), (fi.Size()/4096/2)*4096); err != nil {
		tb.Fatal(err)
	}
}

func TestOpen_Damaged(t *testing.T) {
	path := filepath.Join(t.TempDir(), "liaison.db")
	db, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	fillRound(t, db, "Damaged", 500)
	db.Close()
	db, err = sqlite.Open(path) // the day's backup
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	damage(t, path)
	before := fileHash(t, path)

	_, err = sqlite.Open(path)
	wantCode(t, err, store.EDAMAGED)
	bs, _ := store.Backups(path)
	if len(bs) == 0 {
		t.Fatal("no backup was made on opening")
	}
	msg := store.ErrorMessage(err)
	for _, want := range []string{"is damaged", "has not changed or repaired it", bs[0].Path, "liaison restore --db"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q lacks %q", msg, want)
		}
	}
	if fileHash(t, path) != before {
		t.Error("opening a damaged database changed it")
	}
}

func TestDiskFull(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name  string
		write func(db *sqlite.DB, roundID int64) error
	}{
		{"Participants", func(db *sqlite.DB, roundID int64) error {
			ps := make([]store.Participant, 5000)
			for i := range ps {
				ps[i] = store.Participant{Name: fmt.Sprintf("Newcomer %d", i), Email: fmt.Sprintf("n%d@x.example", i), Role: store.RoleNurse, Organisation: strings.Repeat("Trust ", 20)}
			}
			_, _, err := db.UpsertParticipants(ctx, roundID, ps)
			return err
		}},
		{"Responses", func(db *sqlite.DB, roundID int64) error {
			qs, err := db.Questions(ctx, roundID)
			if err != nil {
				return err
			}
			rs := make([]store.Response, 20000)
			for i := range rs {
				rs[i] = store.Response{Scores: map[int64]int{qs[0].ID: 1 + i%6}, Key: fmt.Sprint("r", i), Source: "import:x.csv", Comment: "A comment long enough to fill pages quickly"}
			}
			_, err = db.ImportResponses(ctx, store.ResponseImport{RoundID: roundID, NewQuestions: []string{"A new question"}}, rs)
			return err
		}},
		{"Round", func(db *sqlite.DB, roundID int64) error {
			for i := 0; ; i++ {
				if err := db.CreateRound(ctx, &store.Round{Name: fmt.Sprintf("Round %d %s", i, strings.Repeat("x", 150))}); err != nil {
					return err
				}
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db := MustOpenDB(t)
			r := fillRound(t, db, "Full", 200)
			before := dump(t, db)
			if err := db.LimitPages(20); err != nil {
				t.Fatal(err)
			}
			err := tc.write(db, r.ID)
			wantCode(t, err, store.EDISKFULL)
			msg := store.ErrorMessage(err)
			if !strings.Contains(msg, "is full") || strings.Contains(msg, "Row ") || strings.Contains(msg, "Something went wrong") {
				t.Errorf("message %q: want the disk is full, with no row and no 'Something went wrong'", msg)
			}
			if tc.name != "Round" {
				if got := dump(t, db); got != before {
					t.Errorf("the database changed although the write failed:\nbefore %s\nafter  %s", before, got)
				}
			}
			var ok string
			if err := db.Pool().QueryRow(`PRAGMA integrity_check`).Scan(&ok); err != nil || ok != "ok" {
				t.Errorf("integrity_check = %q, %v", ok, err)
			}
		})
	}
}

// dump summarises every table's rows, to show a database unchanged.
func dump(tb testing.TB, db *sqlite.DB) string {
	tb.Helper()
	var b strings.Builder
	for _, table := range []string{"rounds", "participants", "questions", "responses", "pairings", "visits"} {
		var n int
		var sum string
		if err := db.Pool().QueryRow(`SELECT count(*), coalesce(sum(length(CAST(t.rowid AS TEXT))), 0) FROM `+table+` t`).Scan(&n, &sum); err != nil {
			tb.Fatal(err)
		}
		fmt.Fprintf(&b, "%s=%d/%s ", table, n, sum)
	}
	return b.String()
}

func TestTrouble_ReadOnly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "liaison.db")
	db := MustOpenPath(t, path)
	mustRound(t, db, "Kept")
	// Root can write to any file, so a read-only file cannot be made here:
	// a read-only connection to it gives SQLite's own SQLITE_READONLY.
	err := sqlite.WriteReadOnly(path)
	wantCode(t, err, store.EREADONLY)
	if msg := store.ErrorMessage(err); !strings.Contains(msg, "is read-only") || !strings.Contains(msg, "Copy it somewhere you can write") || !strings.Contains(msg, path) {
		t.Errorf("message %q does not say the file is read-only and what to do", msg)
	}
}

func TestBackups(t *testing.T) {
	ctx := context.Background()

	t.Run("FirstOpenOfTheDay", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "liaison.db")
		db := MustOpenPath(t, path)
		mustRound(t, db, "Daily")
		db2 := MustOpenPath(t, path)
		bs, err := store.Backups(path)
		if err != nil {
			t.Fatal(err)
		}
		if len(bs) != 1 || !bs[0].Daily() || bs[0].Day.Format(store.DateLayout) != time.Now().Format(store.DateLayout) {
			t.Fatalf("backups after opening twice = %+v, want today's daily copy only", bs)
		}
		if got, want := filepath.Dir(bs[0].Path), db2.BackupsDir(); got != want {
			t.Fatalf("backup in %s, want %s", got, want)
		}
		cp := MustOpenPath(t, bs[0].Path)
		if _, err := cp.RoundByName(ctx, "Daily"); err != nil {
			t.Fatalf("the daily copy lacks the round: %v", err)
		}
		MustOpenPath(t, path)
		if bs2, _ := store.Backups(path); len(bs2) != 1 {
			t.Fatalf("a third open made another copy: %+v", bs2)
		}
	})

	t.Run("NothingToBackUp", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "liaison.db")
		MustOpenPath(t, path)
		MustOpenPath(t, path)
		if _, err := os.Stat(store.BackupsDir(path)); !os.IsNotExist(err) {
			t.Fatalf("an empty database was backed up (%v)", err)
		}
	})

	t.Run("BeforeMigration", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "liaison.db")
		if err := sqlite.CreateAtSchema(path, 1); err != nil {
			t.Fatal(err)
		}
		raw := rawOpen(t, path)
		if _, err := raw.Exec(`INSERT INTO rounds (name, created_at) VALUES ('Old round', '2020-01-01T00:00:00Z')`); err != nil {
			t.Fatal(err)
		}
		raw.Close()
		db := MustOpenPath(t, path)
		if got, want := pragmaInt(t, db.Pool(), "user_version"), sqlite.SchemaVersion(); got != want {
			t.Fatalf("user_version = %d, want %d", got, want)
		}
		bs, _ := store.Backups(path)
		var found bool
		for _, b := range bs {
			if strings.HasSuffix(b.Note, fmt.Sprintf("before schema %d", sqlite.SchemaVersion())) {
				found = true
				old := rawOpen(t, b.Path)
				if got := pragmaInt(t, old, "user_version"); got != 1 {
					t.Errorf("the copy before the migration has schema %d, want 1", got)
				}
				old.Close()
			}
		}
		if !found {
			t.Fatalf("no copy before the migration among %+v", bs)
		}
	})
}

func TestRestore(t *testing.T) {
	ctx := context.Background()
	setup := func(t *testing.T) (path, backup string) {
		path = filepath.Join(t.TempDir(), "liaison.db")
		db, err := sqlite.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		r := fillRound(t, db, "Before", 300)
		addResponses(t, db, r.ID, 0, 10)
		backup = filepath.Join(t.TempDir(), "good.db")
		if err := db.Backup(ctx, backup); err != nil {
			t.Fatal(err)
		}
		mustRound(t, db, "After the backup")
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
		return path, backup
	}
	rounds := func(t *testing.T, db *sqlite.DB) []string {
		rs, err := db.Rounds(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, r := range rs {
			names = append(names, r.Name)
		}
		return names
	}

	t.Run("OK", func(t *testing.T) {
		path, backup := setup(t)
		saved, err := sqlite.Restore(ctx, path, backup)
		if err != nil {
			t.Fatal(err)
		}
		if got := rounds(t, MustOpenPath(t, path)); len(got) != 1 || got[0] != "Before" {
			t.Fatalf("rounds after restoring = %q, want just Before", got)
		}
		if filepath.Dir(saved) != store.BackupsDir(path) || !strings.HasSuffix(saved, "before restore.db") {
			t.Fatalf("the replaced database was saved as %q", saved)
		}
		if got := rounds(t, MustOpenPath(t, saved)); len(got) != 2 {
			t.Fatalf("the copy made before restoring has rounds %q, want both", got)
		}
	})

	t.Run("IntoAnOpenDatabase", func(t *testing.T) {
		path, backup := setup(t)
		live := MustOpenPath(t, path)
		if got := rounds(t, live); len(got) != 2 {
			t.Fatalf("rounds = %q", got)
		}
		// Responses added after the backup, and a tally that counted them.
		r, _ := live.RoundByName(ctx, "Before")
		addResponses(t, live, r.ID, 10, 15)
		if tl, _ := live.Tally(ctx, r.ID); tl.Responses != 15 {
			t.Fatalf("tally before restoring = %d", tl.Responses)
		}
		if _, err := sqlite.Restore(ctx, path, backup); err != nil {
			t.Fatal(err)
		}
		if got := rounds(t, live); len(got) != 1 || got[0] != "Before" {
			t.Fatalf("an open window sees rounds %q after the restore, want just Before", got)
		}
		// The window's tally of the round counts what the backup holds,
		// not what it counted before.
		r, _ = live.RoundByName(ctx, "Before")
		if tl, err := live.Tally(ctx, r.ID); err != nil || tl.Responses != 10 {
			t.Fatalf("tally after restoring = %d responses (%v), want the backup's 10", tl.Responses, err)
		}
	})

	t.Run("OverADamagedDatabase", func(t *testing.T) {
		path, backup := setup(t)
		damage(t, path)
		if _, err := sqlite.Open(path); store.ErrorCode(err) != store.EDAMAGED {
			t.Fatalf("Open of the damaged file: %v", err)
		}
		saved, err := sqlite.Restore(ctx, path, backup)
		if err != nil {
			t.Fatal(err)
		}
		if got := rounds(t, MustOpenPath(t, path)); len(got) != 1 || got[0] != "Before" {
			t.Fatalf("rounds after restoring = %q, want just Before", got)
		}
		if _, err := os.Stat(saved); err != nil {
			t.Fatalf("the damaged file was not kept: %v", err)
		}
	})

	t.Run("NewestGoodBackup", func(t *testing.T) {
		path, _ := setup(t)
		MustOpenPath(t, path).Close() // the day's copy
		got, err := sqlite.NewestGoodBackup(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		if filepath.Dir(got) != store.BackupsDir(path) {
			t.Fatalf("NewestGoodBackup = %q", got)
		}
	})

	refuse := func(t *testing.T, makeFile func(t *testing.T, file string), code string, words ...string) {
		path, _ := setup(t)
		file := filepath.Join(t.TempDir(), "candidate.db")
		makeFile(t, file)
		before := fileHash(t, path)
		_, err := sqlite.Restore(ctx, path, file)
		wantCode(t, err, code)
		msg := store.ErrorMessage(err)
		for _, w := range append(words, file, "has not been changed") {
			if !strings.Contains(msg, w) {
				t.Errorf("message %q lacks %q", msg, w)
			}
		}
		if fileHash(t, path) != before {
			t.Error("a refused restore changed the database")
		}
		if bs, _ := store.Backups(path); len(bs) > 0 {
			t.Errorf("a refused restore made backups: %+v", bs)
		}
	}
	t.Run("ErrNotLiaison", func(t *testing.T) {
		refuse(t, func(t *testing.T, file string) {
			os.WriteFile(file, []byte("Name,Email\r\n"), 0o600)
		}, store.ENOTLIAISON, "not a Liaison database")
	})
	t.Run("ErrForeignSQLite", func(t *testing.T) {
		refuse(t, func(t *testing.T, file string) {
			raw := rawOpen(t, file)
			raw.Exec(`CREATE TABLE notes (body TEXT)`)
			raw.Close()
		}, store.ENOTLIAISON, "not a Liaison one")
	})
	t.Run("ErrNewer", func(t *testing.T) {
		refuse(t, func(t *testing.T, file string) {
			MustOpenPath(t, file).Close()
			raw := rawOpen(t, file)
			raw.Exec(fmt.Sprintf(`PRAGMA user_version = %d`, sqlite.SchemaVersion()+1))
			raw.Close()
		}, store.ETOONEW, "newer version of Liaison", fmt.Sprintf("schema %d", sqlite.SchemaVersion()+1))
	})
	t.Run("ErrDamaged", func(t *testing.T) {
		refuse(t, func(t *testing.T, file string) {
			db, _ := sqlite.Open(file)
			fillRound(t, db, "Soon damaged", 500)
			db.Close()
			damage(t, file)
		}, store.EDAMAGED, "is damaged")
	})
	t.Run("ErrMissing", func(t *testing.T) {
		refuse(t, func(t *testing.T, file string) {}, store.ENOTFOUND)
	})
}

// addResponses adds responses keyed from to to-1 in the round.
func addResponses(tb testing.TB, db *sqlite.DB, roundID int64, from, to int) {
	tb.Helper()
	qs, err := db.Questions(context.Background(), roundID)
	if err != nil {
		tb.Fatal(err)
	}
	var rs []store.Response
	for i := from; i < to; i++ {
		rs = append(rs, store.Response{Scores: map[int64]int{qs[0].ID: 1 + i%6}, Key: fmt.Sprint("k", i), Source: "paper"})
	}
	if _, _, err := db.AddResponses(context.Background(), roundID, rs); err != nil {
		tb.Fatal(err)
	}
}

func TestTrouble_Busy(t *testing.T) {
	t.Cleanup(sqlite.SetBusyTimeout(200))
	db := MustOpenDB(t)
	other := rawOpen(t, db.Path()+"?_busy_timeout=200")
	defer other.Close()
	conn, err := other.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(context.Background(), `BEGIN IMMEDIATE`); err != nil {
		t.Fatal(err)
	}
	defer conn.ExecContext(context.Background(), `ROLLBACK`)
	err = db.CreateRound(context.Background(), &store.Round{Name: "Waits"})
	wantCode(t, err, store.EBUSY)
	if msg := store.ErrorMessage(err); !strings.Contains(msg, db.Path()+" is busy") || !strings.Contains(msg, "more than 200ms") || !strings.Contains(msg, "try again") {
		t.Errorf("message %q", msg)
	}
}
