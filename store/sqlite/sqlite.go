// Package sqlite is Liaison's store on an embedded SQLite database. It is the
// only package that imports the SQLite driver and the only one with SQL in it.
package sqlite

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	sqlite3 "github.com/mattn/go-sqlite3"

	"github.com/liaisonapp/liaison/store"
)

// ApplicationID marks a SQLite file as Liaison's ("LIAI" in ASCII), so that
// Liaison never migrates somebody else's database.
const ApplicationID = 0x4C494149

//go:embed migrations/*.sql
var migrationFS embed.FS

// DB is the SQLite implementation of store.Service.
type DB struct {
	db   *sql.DB
	path string
	// watch is a connection kept for PRAGMA data_version, which only changes
	// when some other connection commits. watchMu guards it: the GUI polls
	// from its own goroutine while others may ask or Close.
	watchMu sync.Mutex
	watch   *sql.Conn
	// Now returns the current time; tests replace it.
	Now func() time.Time
	// tallies caches each round's response tally for Tally.
	tallies tallyCache
	// backupErr is why the first open of the day could not back up.
	backupErr error
}

var _ store.Service = (*DB)(nil)

// busyTimeoutMS is how long a connection waits for another one's write
// lock before giving up with EBUSY. Only tests change it.
var busyTimeoutMS = 5000

func busyTimeout() time.Duration { return time.Duration(busyTimeoutMS) * time.Millisecond }

// peekDSN opens a database with none of Liaison's settings, only a busy
// timeout, so that looking at a file (one to refuse, a backup, a damaged
// one) cannot change its header; queryOnly also forbids writes, which
// VACUUM INTO counts as.
func peekDSN(path string, queryOnly bool) string {
	dsn := path + "?_busy_timeout=" + strconv.Itoa(busyTimeoutMS)
	if queryOnly {
		dsn += "&_query_only=1"
	}
	return dsn
}

// dsn keeps every connection setting in the DSN, so that every pooled
// connection has foreign keys, WAL, a busy timeout, immediate write
// transactions, durable commits and secure delete (deleted personal data is
// overwritten with zeros, not left readable in free pages of the file). A
// plain path is used, not a file: URI, which would cut the name at '#'.
func dsn(path string) string {
	return path + "?_foreign_keys=on&_journal_mode=WAL&_busy_timeout=" + strconv.Itoa(busyTimeoutMS) + "&_txlock=immediate&_synchronous=FULL&_secure_delete=on"
}

// Open opens (creating if needed) the Liaison database at path and brings
// its schema up to date. A database written by a newer Liaison, or a file
// that is not a Liaison database, is refused without being changed; so is
// a damaged one (EDAMAGED, naming the newest backup), which is never
// repaired silently. Before a migration, and on the first open of each day,
// a copy goes to the backups folder beside the database (store.BackupsDir).
//
// Several processes may open a database that does not exist yet at once:
// the one that loses the race to create it waits and tries again.
func Open(path string) (*DB, error) {
	if strings.TrimSpace(path) == "" {
		return nil, store.Errorf(store.EINVALID, "No database path was given.")
	}
	if strings.ContainsAny(path, "?") {
		return nil, store.Errorf(store.EINVALID, "The database path %q contains '?', which SQLite cannot open; choose another name.", path)
	}
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return nil, cantOpenError(path, nil)
	}
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, cantOpenError(path, err)
		}
	}
	if err := checkHeader(path); err != nil {
		return nil, err
	}
	if err := inspect(path); err != nil {
		return nil, err
	}
	deadline := time.Now().Add(2 * busyTimeout())
	for {
		d, err := openAndMigrate(path)
		if err == nil {
			d.backupErr = d.dailyBackup(context.Background())
			return d, nil
		}
		if !isBusy(err) || time.Now().After(deadline) {
			if store.ErrorCode(err) == store.EINTERNAL {
				err = trouble(path, err)
			}
			return nil, err
		}
		// Changing a new file to WAL can report "database is locked" at
		// once, without waiting, while another process creates it.
		time.Sleep(time.Duration(10+rand.IntN(40)) * time.Millisecond)
	}
}

// maxIdleConns is how many open connections the pool keeps between uses
// (database/sql's own default).
const maxIdleConns = 2

func openAndMigrate(path string) (*DB, error) {
	sdb, err := sql.Open("sqlite3", dsn(path))
	if err != nil {
		return nil, err
	}
	sdb.SetMaxIdleConns(maxIdleConns)
	d := &DB{db: sdb, path: path, Now: time.Now}
	if err := d.migrate(context.Background()); err != nil {
		sdb.Close()
		return nil, err
	}
	return d, nil
}

// isBusy reports whether err is SQLite's "database is locked".
func isBusy(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && (se.Code == sqlite3.ErrBusy || se.Code == sqlite3.ErrLocked)
}

// checkHeader refuses a file that exists but is not a SQLite database,
// before the driver is allowed near it.
func checkHeader(path string) error {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	} else if err != nil {
		return cantOpenError(path, err)
	}
	defer f.Close()
	head := make([]byte, 16)
	n, _ := f.Read(head)
	if n == 0 {
		return nil // an empty file is a new database
	}
	if string(head[:n]) != "SQLite format 3\x00" {
		return store.Errorf(store.ENOTLIAISON, "%s is not a Liaison database (it is not an SQLite file). Choose another file.", path)
	}
	return nil
}

// inspect refuses a foreign, too-new or damaged database on a query-only
// connection without Liaison's settings, before dsn's _journal_mode=WAL
// (applied as soon as a connection opens) could rewrite the refused file's
// header.
func inspect(path string) error {
	if fi, err := os.Stat(path); err != nil || fi.Size() == 0 {
		return nil // a new database; Open reports any other problem
	}
	sdb, err := sql.Open("sqlite3", peekDSN(path, true))
	if err != nil {
		return err
	}
	defer sdb.Close()
	if err := checkSchema(context.Background(), sdb, path, SchemaVersion()); err != nil {
		return err
	}
	return quickCheck(context.Background(), sdb, path)
}

// quickCheck runs PRAGMA quick_check, which reads every page of the file
// (in about a tenth of a second for 100,000 responses), and reports a
// damaged file as EDAMAGED.
func quickCheck(ctx context.Context, q querier, path string) error {
	rows, err := q.QueryContext(ctx, `PRAGMA quick_check(3)`)
	if err != nil {
		return fileTrouble(path, err)
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return fileTrouble(path, err)
		}
		if s != "ok" {
			problems = append(problems, s)
		}
	}
	if err := rows.Err(); err != nil {
		return fileTrouble(path, err)
	}
	if len(problems) > 0 {
		return damagedError(path, strings.Join(problems, "; "))
	}
	return nil
}

// schemaInfo reads the application ID, the schema version and the number
// of tables in one statement, so that all three come from the same
// snapshot even while another process is creating the database.
func schemaInfo(ctx context.Context, q querier) (appID, version, tables int, err error) {
	err = q.QueryRowContext(ctx, `SELECT (SELECT application_id FROM pragma_application_id),
		(SELECT user_version FROM pragma_user_version), (SELECT count(*) FROM sqlite_master)`).Scan(&appID, &version, &tables)
	return
}

// checkSchema refuses a database that another application owns (or that is
// not a database at all) and one written by a newer Liaison than known.
func checkSchema(ctx context.Context, q querier, path string, known int) error {
	appID, version, tables, err := schemaInfo(ctx, q)
	if err != nil {
		return fileTrouble(path, err)
	}
	if appID != ApplicationID && (appID != 0 || tables > 0) {
		return store.Errorf(store.ENOTLIAISON, "%s is an SQLite database, but not a Liaison one; Liaison has left it untouched.", path)
	}
	if version > known {
		return store.Errorf(store.ETOONEW, "%s was written by a newer version of Liaison (schema %d; this version knows up to %d). Please use the newer Liaison; the file has not been changed.", path, version, known)
	}
	return nil
}

// fileTrouble is trouble for a file whose header says SQLite: one that
// SQLite then finds is not a database, or corrupt, is damaged.
func fileTrouble(path string, err error) error {
	if isBusy(err) {
		return err // Open waits and tries again
	}
	return trouble(path, err)
}

type migration struct {
	version int
	name    string
	sql     string
}

func migrations() ([]migration, error) {
	names, err := fs.Glob(migrationFS, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var ms []migration
	for i, name := range names {
		b, err := migrationFS.ReadFile(name)
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: i + 1, name: name, sql: string(b)})
	}
	return ms, nil
}

// SchemaVersion is the newest schema this build of Liaison knows.
func SchemaVersion() int {
	ms, _ := migrations()
	return len(ms)
}

// migrate applies every pending migration, and the user_version bump, in
// one immediate transaction, so a crash leaves either the old or the new
// schema, never half of one; and a new database costs one commit, not one
// per migration.
func (d *DB) migrate(ctx context.Context) error {
	ms, err := migrations()
	if err != nil {
		return err
	}
	if err := checkSchema(ctx, d.db, d.path, len(ms)); err != nil {
		return err
	}
	_, version, _, err := schemaInfo(ctx, d.db)
	if err != nil {
		return err
	}
	if version > 0 && version < len(ms) {
		if err := d.autoBackup(ctx, fmt.Sprintf("before schema %d", len(ms))); err != nil {
			return store.Errorf(store.ErrorCode(err), "Liaison needs to update the database %s, and backs it up first, but the backup failed, so nothing was changed: %s", d.path, store.ErrorMessage(err))
		}
	}
	if version >= len(ms) {
		return nil
	}
	return d.apply(ctx, ms, newDatabaseSQL)
}

// foreignKeysOff, as a migration's first line, makes apply run with
// foreign keys off. A migration that rebuilds a table other tables refer
// to needs it: with foreign keys on, DROP TABLE first deletes every row,
// and ON DELETE CASCADE empties the tables that refer to it (see
// https://sqlite.org/lang_altertable.html#otheralter).
const foreignKeysOff = "-- liaison: foreign_keys off"

// apply runs the migrations of ms that the database does not have yet, in
// one transaction. When one of them needs foreign keys off, they are all
// run so (PRAGMA foreign_keys cannot change inside a transaction), and
// PRAGMA foreign_key_check must find no new dangling row before the
// commit. A new database starts from snapshot (newDatabaseSQL: what the
// migrations up to its version leave) when it is no newer than ms, and
// from the first migration when snapshot is "".
func (d *DB) apply(ctx context.Context, ms []migration, snapshot string) error {
	// One connection for the pragma and the transaction: PRAGMA
	// foreign_keys is per connection, and does nothing inside a
	// transaction, so it is set before BEGIN.
	conn, err := d.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	var before int
	if err := conn.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&before); err != nil {
		return err
	}
	from := min(before, len(ms))
	fresh := before == 0 && snapshotVersion(snapshot) > 0 && snapshotVersion(snapshot) <= len(ms)
	if fresh {
		from = snapshotVersion(snapshot)
	}
	fkOff := false
	for _, m := range ms[from:] {
		fkOff = fkOff || strings.HasPrefix(m.sql, foreignKeysOff)
	}
	if fkOff {
		// The connection is thrown away afterwards rather than returned to
		// the pool, so no later work runs on it with foreign keys off.
		defer conn.Raw(func(any) error { return driver.ErrBadConn })
		if _, err := conn.ExecContext(ctx, `PRAGMA foreign_keys = OFF`); err != nil {
			return err
		}
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	// Another process may have migrated the database while this one waited
	// for the write lock: read the version again inside the transaction.
	var version int
	if err := tx.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&version); err != nil {
		return err
	}
	if version >= len(ms) {
		return nil
	}
	if version != before {
		// Another process migrated part of the way meanwhile: start again
		// from where it left the database, with foreign keys as that needs.
		tx.Rollback()
		return d.apply(ctx, ms, snapshot)
	}
	// With foreign keys off, the migrations must not leave a row that
	// refers to a missing one: foreign_key_check finds no more such rows
	// afterwards than before (a damaged file's own are not the
	// migration's doing, and must not lock the organiser out).
	var dangling int
	if fkOff {
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM pragma_foreign_key_check`).Scan(&dangling); err != nil {
			return err
		}
	}
	if fresh {
		if _, err := tx.ExecContext(ctx, snapshot); err != nil {
			return fmt.Errorf("creating the database: %w", err)
		}
	}
	for _, m := range ms[from:] {
		if _, err := tx.ExecContext(ctx, m.sql); err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
	}
	if fkOff {
		var after int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM pragma_foreign_key_check`).Scan(&after); err != nil {
			return err
		}
		if after > dangling {
			return fmt.Errorf("migrating to schema %d would leave %d rows that refer to missing ones", len(ms), after-dangling)
		}
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf(`PRAGMA user_version = %d`, len(ms))); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf(`PRAGMA application_id = %d`, ApplicationID)); err != nil {
		return err
	}
	return tx.Commit()
}

// Path returns the database file's path.
func (d *DB) Path() string { return d.path }

// Close closes the database.
func (d *DB) Close() error {
	d.watchMu.Lock()
	if d.watch != nil {
		d.watch.Close()
		d.watch = nil
	}
	d.watchMu.Unlock()
	return d.db.Close()
}

// DataVersion returns a number that changes whenever another connection (in
// this process or another one, such as `liaison import` in a terminal)
// commits a change to the database.
func (d *DB) DataVersion(ctx context.Context) (int64, error) {
	d.watchMu.Lock()
	defer d.watchMu.Unlock()
	if d.watch == nil {
		c, err := d.db.Conn(ctx)
		if err != nil {
			return 0, err
		}
		d.watch = c
	}
	var v int64
	err := d.watch.QueryRowContext(ctx, `PRAGMA data_version`).Scan(&v)
	return v, err
}

// Setting returns the stored value of key, or def when it is not set.
func (d *DB) Setting(ctx context.Context, key, def string) (string, error) {
	var v string
	err := d.db.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return def, nil
	}
	return v, err
}

// SetSetting stores value under key.
func (d *DB) SetSetting(ctx context.Context, key, value string) error {
	return d.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
		return err
	})
}

// write runs fn in one immediate transaction and commits it, or rolls it
// back when fn fails.
// Trouble with the database file itself (busy, read-only, disk full,
// damaged) is reported as such, whatever fn was doing.
func (d *DB) write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	// Inside InNewRound the write joins the transaction that creates the
	// round, which commits it.
	if tx, ok := ctx.Value(txKey{}).(*sql.Tx); ok {
		return fn(tx)
	}
	tx, err := d.db.BeginTx(ctx, nil)
	if err != nil {
		return trouble(d.path, err)
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return trouble(d.path, err)
	}
	return trouble(d.path, tx.Commit())
}

// constraint turns SQLite constraint failures into application errors with a
// message a person can act on.
func constraint(err error, what string) error {
	var se sqlite3.Error
	if !errors.As(err, &se) || se.Code != sqlite3.ErrConstraint {
		return err
	}
	switch se.ExtendedCode {
	case sqlite3.ErrConstraintUnique, sqlite3.ErrConstraintPrimaryKey:
		return store.Errorf(store.ECONFLICT, "%s already exists.", what)
	case sqlite3.ErrConstraintForeignKey:
		return store.Errorf(store.EINVALID, "%s refers to something that does not exist.", what)
	}
	return store.Errorf(store.EINVALID, "%s is not valid: %v", what, err)
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func notFound(err error, format string, args ...any) error {
	if errors.Is(err, sql.ErrNoRows) {
		return store.Errorf(store.ENOTFOUND, format, args...)
	}
	return err
}

func checkAffected(res sql.Result, format string, args ...any) error {
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return store.Errorf(store.ENOTFOUND, format, args...)
	}
	return nil
}

func splitList(s string) []string {
	if s == "" {
		return nil
	}
	var out []string
	for _, p := range strings.Split(s, ";") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func joinList(xs []string) string {
	var out []string
	for _, x := range xs {
		if x = strings.TrimSpace(strings.ReplaceAll(x, ";", ",")); x != "" {
			out = append(out, x)
		}
	}
	return strings.Join(out, ";")
}
