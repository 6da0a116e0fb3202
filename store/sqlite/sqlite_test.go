package sqlite_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	_ "github.com/mattn/go-sqlite3"

	"github.com/liaisonapp/liaison/store"
	"github.com/liaisonapp/liaison/store/sqlite"
)

// MustOpenDB opens a fresh database file in a temporary directory and
// closes it when the test ends. Tests never use :memory:, which would give
// each pooled connection its own empty database.
func MustOpenDB(tb testing.TB) *sqlite.DB {
	tb.Helper()
	return MustOpenPath(tb, filepath.Join(tb.TempDir(), "liaison.db"))
}

// MustOpenPath opens the database at path and closes it when the test ends.
func MustOpenPath(tb testing.TB, path string) *sqlite.DB {
	tb.Helper()
	db, err := sqlite.Open(path)
	if err != nil {
		tb.Fatalf("Open(%s): %v", path, err)
	}
	tb.Cleanup(func() {
		if err := db.Close(); err != nil {
			tb.Errorf("Close: %v", err)
		}
	})
	return db
}

// wantCode fails the test unless err carries the application error code.
func wantCode(tb testing.TB, err error, code string) {
	tb.Helper()
	if got := store.ErrorCode(err); got != code {
		tb.Fatalf("error code = %q, want %q (err: %v)", got, code, err)
	}
}

// pragmaInt reads an integer PRAGMA through database/sql directly.
func pragmaInt(tb testing.TB, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}, name string) int {
	tb.Helper()
	var v int
	if err := q.QueryRowContext(context.Background(), "PRAGMA "+name).Scan(&v); err != nil {
		tb.Fatalf("PRAGMA %s: %v", name, err)
	}
	return v
}

// rawOpen opens path with the driver alone: none of Liaison's checks and
// none of its connection settings.
func rawOpen(tb testing.TB, path string) *sql.DB {
	tb.Helper()
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		tb.Fatal(err)
	}
	return db
}

// fileHash returns the SHA-256 of the file's bytes, to prove it unchanged.
func fileHash(tb testing.TB, path string) [32]byte {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	return sha256.Sum256(b)
}

// count returns the number of rows in table, read straight from the pool.
func count(tb testing.TB, db *sqlite.DB, table string) int {
	tb.Helper()
	var n int
	if err := db.Pool().QueryRow(`SELECT count(*) FROM ` + table).Scan(&n); err != nil {
		tb.Fatalf("count %s: %v", table, err)
	}
	return n
}

func TestOpen(t *testing.T) {
	t.Run("MigratesFromEmpty", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "liaison.db")
		db := MustOpenPath(t, path)
		if got, want := pragmaInt(t, db.Pool(), "user_version"), sqlite.SchemaVersion(); got != want {
			t.Fatalf("user_version = %d, want %d", got, want)
		}
		if got, want := pragmaInt(t, db.Pool(), "application_id"), sqlite.ApplicationID; got != want {
			t.Fatalf("application_id = %#x, want %#x", got, want)
		}
		if sqlite.SchemaVersion() < 1 {
			t.Fatalf("SchemaVersion() = %d, want at least 1", sqlite.SchemaVersion())
		}
		if got, want := db.Path(), path; got != want {
			t.Fatalf("Path() = %q, want %q", got, want)
		}
	})

	t.Run("ReopenIsNoOp", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "liaison.db")
		db, err := sqlite.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		r := store.Round{Name: "Southampton 2017–18"}
		if err := db.CreateRound(context.Background(), &r); err != nil {
			t.Fatal(err)
		}
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
		before := fileHash(t, path)

		db, err = sqlite.Open(path)
		if err != nil {
			t.Fatalf("second Open: %v", err)
		}
		rs, err := db.Rounds(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if len(rs) != 1 || rs[0].Name != r.Name {
			t.Fatalf("Rounds after reopening = %+v, want just %q", rs, r.Name)
		}
		if got, want := pragmaInt(t, db.Pool(), "user_version"), sqlite.SchemaVersion(); got != want {
			t.Fatalf("user_version = %d, want %d", got, want)
		}
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
		if fileHash(t, path) != before {
			t.Fatal("re-opening an up-to-date database changed the file")
		}
	})

	t.Run("EmptyFileIsNewDatabase", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "liaison.db")
		if err := os.WriteFile(path, nil, 0o600); err != nil {
			t.Fatal(err)
		}
		db := MustOpenPath(t, path)
		if got, want := pragmaInt(t, db.Pool(), "user_version"), sqlite.SchemaVersion(); got != want {
			t.Fatalf("user_version = %d, want %d", got, want)
		}
	})

	t.Run("CreatesFolder", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "a", "b", "liaison.db")
		MustOpenPath(t, path)
		if _, err := os.Stat(path); err != nil {
			t.Fatalf("database file not created: %v", err)
		}
	})

	t.Run("HashInPath", func(t *testing.T) {
		// A file: URI would cut the name at '#'; a plain path must not.
		path := filepath.Join(t.TempDir(), "round #2.db")
		MustOpenPath(t, path)
		if _, err := os.Stat(path); err != nil {
			t.Fatalf("database file %q not created: %v", path, err)
		}
	})

	t.Run("ErrPath", func(t *testing.T) {
		for _, path := range []string{"", "   ", filepath.Join(t.TempDir(), "what?.db")} {
			_, err := sqlite.Open(path)
			wantCode(t, err, store.EINVALID)
		}
	})
}

func TestOpen_Concurrent(t *testing.T) {
	// The GUI and a command in a terminal may open a new file at once: the
	// second must wait for the first's migration, not repeat it.
	path := filepath.Join(t.TempDir(), "liaison.db")
	const n = 4
	errs := make(chan error, n)
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			db, err := sqlite.Open(path)
			if err == nil {
				err = db.Close()
			}
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatalf("concurrent Open: %v", err)
		}
	}
	db := MustOpenPath(t, path)
	if got, want := count(t, db, "themes"), len(store.SchemeThemes); got != want {
		t.Fatalf("%d themes, want %d (the migration ran once)", got, want)
	}
}

func TestOpen_RefusesNewerSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "liaison.db")
	db, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	newer := sqlite.SchemaVersion() + 1
	raw := rawOpen(t, path)
	if _, err := raw.Exec(`PRAGMA user_version = ` + strconv.Itoa(newer)); err != nil {
		t.Fatal(err)
	}
	if err := raw.Close(); err != nil {
		t.Fatal(err)
	}
	before := fileHash(t, path)

	_, err = sqlite.Open(path)
	wantCode(t, err, store.ETOONEW)
	if msg := store.ErrorMessage(err); !strings.Contains(msg, "newer") {
		t.Fatalf("message %q does not say the file is from a newer Liaison", msg)
	}
	if fileHash(t, path) != before {
		t.Fatal("refusing a newer database changed the file")
	}
	raw = rawOpen(t, path)
	defer raw.Close()
	if got := pragmaInt(t, raw, "user_version"); got != newer {
		t.Fatalf("user_version = %d after refusal, want %d", got, newer)
	}
}

func TestOpen_RefusesForeignFiles(t *testing.T) {
	t.Run("NotSQLite", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "participants.csv")
		content := []byte("Name,Email\r\nAlice Example,alice@example.org\r\n")
		if err := os.WriteFile(path, content, 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := sqlite.Open(path)
		wantCode(t, err, store.ENOTLIAISON)
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, content) {
			t.Fatalf("file changed to %q", got)
		}
	})

	t.Run("ForeignSQLite", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "other.db")
		raw := rawOpen(t, path)
		if _, err := raw.Exec(`CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('keep me')`); err != nil {
			t.Fatal(err)
		}
		if err := raw.Close(); err != nil {
			t.Fatal(err)
		}
		before := fileHash(t, path)

		_, err := sqlite.Open(path)
		wantCode(t, err, store.ENOTLIAISON)
		if fileHash(t, path) != before {
			t.Fatal("refusing a foreign SQLite database changed the file")
		}
		raw = rawOpen(t, path)
		defer raw.Close()
		if got := pragmaInt(t, raw, "application_id"); got != 0 {
			t.Fatalf("application_id = %#x, want 0", got)
		}
		var mode string
		if err := raw.QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil {
			t.Fatal(err)
		}
		if got, want := mode, "delete"; got != want {
			t.Fatalf("journal_mode = %q, want %q (left as it was)", got, want)
		}
	})

	t.Run("OtherApplicationID", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "other.db")
		raw := rawOpen(t, path)
		if _, err := raw.Exec(`PRAGMA application_id = 1234`); err != nil {
			t.Fatal(err)
		}
		if err := raw.Close(); err != nil {
			t.Fatal(err)
		}
		before := fileHash(t, path)
		_, err := sqlite.Open(path)
		wantCode(t, err, store.ENOTLIAISON)
		if fileHash(t, path) != before {
			t.Fatal("refusing another application's database changed the file")
		}
	})
}

func TestConnectionSettings(t *testing.T) {
	db := MustOpenDB(t)
	ctx := context.Background()
	// Hold several connections at once so that each is a different pooled
	// connection, not the same one handed back.
	const n = 4
	conns := make([]*sql.Conn, n)
	for i := range conns {
		c, err := db.Pool().Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		conns[i] = c
	}
	for i, c := range conns {
		var mode string
		if err := c.QueryRowContext(ctx, `PRAGMA journal_mode`).Scan(&mode); err != nil {
			t.Fatal(err)
		}
		if got, want := mode, "wal"; got != want {
			t.Fatalf("connection %d: journal_mode = %q, want %q", i, got, want)
		}
		if got, want := pragmaInt(t, c, "foreign_keys"), 1; got != want {
			t.Fatalf("connection %d: foreign_keys = %d, want %d", i, got, want)
		}
		if got := pragmaInt(t, c, "busy_timeout"); got < 1000 {
			t.Fatalf("connection %d: busy_timeout = %d ms, want at least 1000", i, got)
		}
		if got, want := pragmaInt(t, c, "synchronous"), 2; got != want {
			t.Fatalf("connection %d: synchronous = %d, want %d (FULL)", i, got, want)
		}
	}
}

func TestForeignKeys(t *testing.T) {
	ctx := context.Background()

	t.Run("PairingGoesWithParticipant", func(t *testing.T) {
		db := MustOpenDB(t)
		r := mustRound(t, db, "R")
		pr := mustPair(t, db, r.ID, "gp@example.org", "cons@example.org")
		if err := db.DeleteParticipant(ctx, pr.SecondaryID); err != nil {
			t.Fatal(err)
		}
		if got := count(t, db, "pairings"); got != 0 {
			t.Fatalf("%d pairings left after deleting a participant, want 0", got)
		}
		if got := count(t, db, "visits"); got != 0 {
			t.Fatalf("%d visits left after deleting a participant, want 0", got)
		}
	})

	t.Run("RawInsertRefused", func(t *testing.T) {
		// Even SQL that bypasses the service is held to the schema.
		db := MustOpenDB(t)
		if _, err := db.Pool().Exec(`INSERT INTO participants (round_id, name, role) VALUES (999, 'Nobody', 'gp')`); err == nil {
			t.Fatal("inserting a participant of a missing round succeeded")
		}
	})

	t.Run("RoundDeletionCascades", func(t *testing.T) {
		db := MustOpenDB(t)
		r := mustRound(t, db, "R")
		mustPair(t, db, r.ID, "gp@example.org", "cons@example.org")
		if _, _, err := db.AddResponses(ctx, r.ID, []store.Response{{Key: "a"}}); err != nil {
			t.Fatal(err)
		}
		if err := db.CreateReflection(ctx, &store.Reflection{RoundID: r.ID, Body: "Eye-opening.", Themes: []string{"education"}}); err != nil {
			t.Fatal(err)
		}
		if err := db.DeleteRound(ctx, r.ID); err != nil {
			t.Fatal(err)
		}
		for _, table := range []string{"rounds", "participants", "pairings", "visits", "questions", "responses", "reflections", "reflection_themes"} {
			if got := count(t, db, table); got != 0 {
				t.Errorf("%d rows left in %s after deleting the round", got, table)
			}
		}
		if got, want := count(t, db, "themes"), len(store.SchemeThemes); got != want {
			t.Errorf("%d themes after deleting the round, want %d (themes outlive rounds)", got, want)
		}
	})
}

func TestDataVersion(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "liaison.db")
	a := MustOpenPath(t, path)
	b := MustOpenPath(t, path)

	v1, err := a.DataVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	v2, err := a.DataVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if v1 != v2 {
		t.Fatalf("DataVersion moved from %d to %d with no change", v1, v2)
	}
	if err := b.SetSetting(ctx, "theme", "high-contrast"); err != nil {
		t.Fatal(err)
	}
	v3, err := a.DataVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if v3 == v2 {
		t.Fatalf("DataVersion stayed %d after another connection committed", v3)
	}
	if got, err := a.Setting(ctx, "theme", ""); err != nil || got != "high-contrast" {
		t.Fatalf("Setting seen by the first connection = %q, %v", got, err)
	}
}

func TestDataVersion_Concurrent(t *testing.T) {
	// The GUI polls from its own goroutine while other code may ask too.
	db := MustOpenDB(t)
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := db.DataVersion(context.Background()); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
}

func TestSettings(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	if got, err := db.Setting(ctx, "scale", "1.0"); err != nil || got != "1.0" {
		t.Fatalf("Setting of a missing key = %q, %v; want the default", got, err)
	}
	for _, v := range []string{"1.5", "2.0", ""} {
		if err := db.SetSetting(ctx, "scale", v); err != nil {
			t.Fatal(err)
		}
		if got, err := db.Setting(ctx, "scale", "1.0"); err != nil || got != v {
			t.Fatalf("Setting after SetSetting(%q) = %q, %v", v, got, err)
		}
	}
}

func TestBackup(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	mustRound(t, db, "Backed up")
	dst := filepath.Join(t.TempDir(), "copy.db")
	if err := db.Backup(ctx, dst); err != nil {
		t.Fatal(err)
	}
	cp := MustOpenPath(t, dst)
	if _, err := cp.RoundByName(ctx, "backed up"); err != nil {
		t.Fatalf("the copy lacks the round: %v", err)
	}
	if err := db.Backup(ctx, dst); err == nil {
		t.Fatal("Backup over an existing file succeeded")
	}
}

// mustRound creates a round called name.
func mustRound(tb testing.TB, db *sqlite.DB, name string) store.Round {
	tb.Helper()
	r := store.Round{Name: name}
	if err := db.CreateRound(context.Background(), &r); err != nil {
		tb.Fatalf("CreateRound(%q): %v", name, err)
	}
	return r
}

// mustParticipant creates a participant in the round.
func mustParticipant(tb testing.TB, db *sqlite.DB, roundID int64, name, email string, role store.Role) store.Participant {
	tb.Helper()
	p := store.Participant{RoundID: roundID, Name: name, Email: email, Role: role}
	if err := db.CreateParticipant(context.Background(), &p); err != nil {
		tb.Fatalf("CreateParticipant(%q): %v", name, err)
	}
	return p
}

// mustPair creates a GP and a consultant with the given emails and pairs them.
func mustPair(tb testing.TB, db *sqlite.DB, roundID int64, gpEmail, consEmail string) store.Pairing {
	tb.Helper()
	gp := mustParticipant(tb, db, roundID, "GP "+gpEmail, gpEmail, store.RoleGP)
	cons := mustParticipant(tb, db, roundID, "Consultant "+consEmail, consEmail, store.RoleConsultant)
	p := store.Pairing{RoundID: roundID, PrimaryID: gp.ID, SecondaryID: cons.ID}
	if err := db.CreatePairing(context.Background(), &p); err != nil {
		tb.Fatalf("CreatePairing: %v", err)
	}
	return p
}
