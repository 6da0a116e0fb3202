package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/liaisonapp/liaison/store"
)

// rollupReader reads one Liaison database for a regional roll-up, strictly
// read-only (store.RollupReader).
type rollupReader struct {
	db   *sql.DB
	path string
}

var _ store.RollupReader = (*rollupReader)(nil)

// rollupNeeds are the tables and columns a roll-up reads. Every schema
// since the first has them, so a database from an older Liaison can be
// read as it is; one that lacks them is refused, since a read-only reader
// cannot bring it up to date.
var rollupNeeds = map[string][]string{
	"rounds":       {"id", "name", "starts_on", "ends_on", "created_at"},
	"participants": {"round_id", "name", "email", "role"},
	"pairings":     {"id", "round_id"},
	"visits":       {"pairing_id", "status"},
	"questions":    {"id", "round_id", "position", "text"},
	"responses":    {"id", "round_id", "role", "scores"},
	"projects":     {"round_id", "status"},
	"settings":     {"key", "value"},
}

// readOnlyURI is the SQLite URI that opens path read-only. With immutable,
// SQLite takes no locks and never looks for, or creates, a -wal or -shm
// file beside it: right for a database that no program has open, whose
// write-ahead log was merged and removed when it was closed. A database
// with a -wal beside it is open in Liaison (or was not closed): it is read
// with mode=ro alone, through the -wal and -shm that are already there, so
// that the latest changes count. A URI, unlike the plain paths elsewhere
// in this package, needs its path percent-encoded: '#' and '?' would
// otherwise end the name (see TRAPS.md on DSNs).
func readOnlyURI(path string, immutable bool) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	p := filepath.ToSlash(abs)
	switch {
	case strings.HasPrefix(p, "//"):
		p = "//" + p // a Windows share, \\server\share: an empty authority, then the path
	case !strings.HasPrefix(p, "/"):
		p = "/" + p // C:/x.db → /C:/x.db, as SQLite wants on Windows
	}
	var b strings.Builder
	b.WriteString("file:")
	for i := 0; i < len(p); i++ {
		c := p[i]
		if c == '/' || c == '-' || c == '_' || c == '.' || c == '~' || c == ':' ||
			'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' {
			b.WriteByte(c)
			continue
		}
		b.WriteString("%" + strings.ToUpper(strconv.FormatUint(uint64(c)|0x100, 16)[1:]))
	}
	b.WriteString("?mode=ro")
	if immutable {
		b.WriteString("&immutable=1")
	}
	b.WriteString("&_query_only=1")
	return b.String(), nil
}

// OpenRollup opens the Liaison database at path for a regional roll-up
// (store.RollupOpener), strictly read-only: it never writes to the file,
// never migrates it, and creates no -wal or -shm beside it (see
// readOnlyURI). A file that is missing, not a Liaison database, damaged,
// or written by a newer Liaison is refused with a message naming it and
// saying why; so is one from an older Liaison that lacks a table the
// roll-up reads (store.ETOOOLD).
func OpenRollup(ctx context.Context, path string) (store.RollupReader, error) {
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, store.Errorf(store.ENOTFOUND, "%s does not exist.", path)
	case err != nil:
		return nil, store.Errorf(store.ECANTOPEN, "%s cannot be read: %v.", path, unwrapPathError(err))
	case fi.IsDir():
		return nil, store.Errorf(store.EINVALID, "%s is a folder, not a Liaison database.", path)
	case fi.Size() == 0:
		return nil, store.Errorf(store.ENOTLIAISON, "%s is empty, not a Liaison database.", path)
	}
	if err := checkHeader(path); err != nil {
		return nil, store.Errorf(store.ENOTLIAISON, "%s is not a Liaison database (it is not an SQLite file).", path)
	}
	_, walErr := os.Stat(path + "-wal")
	_, shmErr := os.Stat(path + "-shm")
	live := walErr == nil
	if live && shmErr != nil {
		// Reading the log would need a new -shm file beside the database.
		return nil, store.Errorf(store.EBUSY, "%s was not closed properly (its %s file is still there), so its latest changes cannot be read without writing beside it. Open it once in Liaison and close it, then roll up again.",
			path, filepath.Base(path)+"-wal")
	}
	uri, err := readOnlyURI(path, !live)
	if err != nil {
		return nil, store.Errorf(store.ECANTOPEN, "%s cannot be read: %v.", path, err)
	}
	db, err := sql.Open("sqlite3", uri)
	if err != nil {
		return nil, err
	}
	r := &rollupReader{db: db, path: path}
	if err := r.check(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return r, nil
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// check refuses a database the roll-up cannot read as it is.
func (r *rollupReader) check(ctx context.Context) error {
	appID, version, tables, err := schemaInfo(ctx, r.db)
	if err != nil {
		return store.Errorf(store.EDAMAGED, "%s cannot be read as a database (%s); it may be damaged.", r.path, strings.TrimSpace(err.Error()))
	}
	if appID != ApplicationID {
		if tables == 0 {
			return store.Errorf(store.ENOTLIAISON, "%s is an empty SQLite database, not a Liaison one.", r.path)
		}
		return store.Errorf(store.ENOTLIAISON, "%s is an SQLite database, but not a Liaison one.", r.path)
	}
	if known := SchemaVersion(); version > known {
		return store.Errorf(store.ETOONEW, "%s was written by a newer version of Liaison (schema %d; this version knows up to %d). Roll it up with the newer Liaison.", r.path, version, known)
	}
	if err := quickCheck(ctx, r.db, r.path); err != nil {
		return store.Errorf(store.EDAMAGED, "%s is damaged, so its figures cannot be trusted. Restore it from a backup in Liaison first.", r.path)
	}
	for table, cols := range rollupNeeds {
		have := map[string]bool{}
		rows, err := r.db.QueryContext(ctx, `SELECT name FROM pragma_table_info(?)`, table)
		if err != nil {
			return trouble(r.path, err)
		}
		for rows.Next() {
			var c string
			if err := rows.Scan(&c); err != nil {
				rows.Close()
				return trouble(r.path, err)
			}
			have[c] = true
		}
		rows.Close()
		for _, c := range cols {
			if !have[c] {
				return store.Errorf(store.ETOOOLD, "%s was written by an older version of Liaison and has no %s.%s, which the roll-up reads; a roll-up never changes a file, so open it once in this version of Liaison (which brings it up to date), then roll up again.", r.path, table, c)
			}
		}
	}
	return nil
}

// Rounds lists the file's rounds, oldest first.
func (r *rollupReader) Rounds(ctx context.Context) ([]store.Round, error) {
	rows, err := r.db.QueryContext(ctx, `SELECT id, name, starts_on, ends_on, created_at FROM rounds ORDER BY julianday(created_at), id`)
	if err != nil {
		return nil, trouble(r.path, err)
	}
	defer rows.Close()
	var out []store.Round
	for rows.Next() {
		var rd store.Round
		var created string
		if err := rows.Scan(&rd.ID, &rd.Name, &rd.StartsOn, &rd.EndsOn, &created); err != nil {
			return nil, trouble(r.path, err)
		}
		rd.CreatedAt, _ = time.Parse(time.RFC3339Nano, created)
		out = append(out, rd)
	}
	return out, trouble(r.path, rows.Err())
}

// RollupRound reads round rd's counts in one read transaction, so that
// they come from one snapshot even while Liaison has the file open.
func (r *rollupReader) RollupRound(ctx context.Context, rd store.Round) (store.RollupRound, error) {
	out := store.RollupRound{Round: rd,
		Tally: store.Tally{Counts: map[int64][6]int{}, ByRole: map[store.Role]store.Tally{}}}
	tx, err := r.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return out, trouble(r.path, err)
	}
	defer tx.Rollback()
	if err := r.readRound(ctx, tx, &out); err != nil {
		return out, trouble(r.path, err)
	}
	return out, nil
}

func (r *rollupReader) readRound(ctx context.Context, tx *sql.Tx, out *store.RollupRound) error {
	id := out.Round.ID
	// K as LoadRoundSettings reads it: the round's own, else the global
	// value, else the default.
	k := store.DefaultSuppressK
	rows, err := tx.QueryContext(ctx, `SELECT key, value FROM settings WHERE key IN (?, ?)`,
		store.SettingSuppressK, store.RoundKey(id, store.SettingSuppressK))
	if err != nil {
		return err
	}
	var global, own string
	for rows.Next() {
		var key, value string
		if err := rows.Scan(&key, &value); err != nil {
			rows.Close()
			return err
		}
		if key == store.SettingSuppressK {
			global = value
		} else {
			own = value
		}
	}
	rows.Close()
	for _, v := range []string{global, own} {
		if n, err := strconv.Atoi(v); err == nil && n >= 1 {
			k = n
		}
	}
	out.K = k

	if err := readRoundCounts(ctx, tx, id, &out.RoundCounts); err != nil {
		return err
	}

	rows, err = tx.QueryContext(ctx, `SELECT id, position, text FROM questions WHERE round_id = ? ORDER BY position, id`, id)
	if err != nil {
		return err
	}
	for rows.Next() {
		q := store.Question{RoundID: id}
		if err := rows.Scan(&q.ID, &q.Position, &q.Text); err != nil {
			rows.Close()
			return err
		}
		out.Questions = append(out.Questions, q)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	return countScores(ctx, tx, id, 0, &out.Tally)
}

// Close releases the file.
func (r *rollupReader) Close() error { return r.db.Close() }
