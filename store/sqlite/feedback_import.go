package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"database/sql/driver"
	"encoding/binary"
	"errors"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/liaisonapp/liaison/store"
)

// ImportResponses stores rs as ImportResponseChunks does, all at once.
// rs is not changed.
func (d *DB) ImportResponses(ctx context.Context, imp store.ResponseImport, rs []store.Response) (store.ImportCounts, error) {
	given := false
	return d.ImportResponseChunks(ctx, imp, func() ([]store.Response, error) {
		if given {
			return nil, nil
		}
		given = true
		return rs, nil
	})
}

// ImportResponseChunks stores an imported survey export in one
// transaction, all or nothing, taking the responses from next a slice at a
// time until it returns an empty slice. next runs on a goroutine of its
// own, so reading a large export overlaps with storing it; when next
// returns an error nothing is stored and ImportResponseChunks returns that
// error as it is.
//
// The round is imp.RoundID, or the round called imp.RoundName, created in
// this same transaction when there is none. imp.NewQuestions are resolved
// (or added) first; a score keyed by a negative placeholder -(j+1) answers
// imp.NewQuestions[j] (the convention of forms.Apply). A response whose Key
// the round already has is the same response: it is counted unchanged when
// its answers are the same, and otherwise its stored answers are updated
// (see store.ResponseImport) and it is counted changed.
func (d *DB) ImportResponseChunks(ctx context.Context, imp store.ResponseImport, next func() ([]store.Response, error)) (store.ImportCounts, error) {
	var out store.ImportCounts
	if len(imp.NewQuestions)+len(imp.Answers) > store.MaxScoreColumns {
		return out, store.Errorf(store.EINVALID, "The file has %d score columns; Liaison takes at most %d.", len(imp.NewQuestions)+len(imp.Answers), store.MaxScoreColumns)
	}
	for j, text := range imp.NewQuestions {
		if strings.TrimSpace(text) == "" {
			return out, store.Errorf(store.EINVALID, "New question %d has no text.", j+1)
		}
	}
	errDryRun := errors.New("dry run")
	err := d.bulkWrite(ctx, !imp.DryRun, func(tx *sql.Tx) error {
		c, err := d.importResponses(ctx, tx, imp, next)
		if err != nil {
			return err
		}
		out = c
		if imp.DryRun {
			return errDryRun
		}
		return nil
	})
	if err != nil && err != errDryRun {
		return store.ImportCounts{}, err
	}
	return out, nil
}

func (d *DB) importResponses(ctx context.Context, tx *sql.Tx, imp store.ResponseImport, next func() ([]store.Response, error)) (out store.ImportCounts, err error) {
	// With foreign keys off for the bulk insert, check the one they would
	// have checked 100,000 times: the round exists.
	if imp.RoundID == 0 {
		if out.Round, out.RoundCreated, err = d.ensureRound(ctx, tx, imp.RoundName); err != nil {
			return out, err
		}
	} else {
		var created string
		r := &out.Round
		if err := tx.QueryRowContext(ctx, `SELECT id, name, starts_on, ends_on, created_at FROM rounds WHERE id = ?`, imp.RoundID).
			Scan(&r.ID, &r.Name, &r.StartsOn, &r.EndsOn, &created); err != nil {
			return out, notFound(err, "Round %d does not exist.", imp.RoundID)
		}
		r.CreatedAt, _ = time.Parse(time.RFC3339Nano, created)
	}
	roundID := out.Round.ID

	// The round's questions as they are inside this transaction, so that
	// every score can be checked before anything is written, and each new
	// question either found by its text or added.
	known := map[int64]bool{}
	byText := map[string]int64{}
	var pos int
	rows, err := tx.QueryContext(ctx, `SELECT id, position, text FROM questions WHERE round_id = ?`, roundID)
	if err != nil {
		return out, err
	}
	for rows.Next() {
		var id int64
		var p int
		var text string
		if err := rows.Scan(&id, &p, &text); err != nil {
			rows.Close()
			return out, err
		}
		known[id] = true
		byText[questionKey(text)] = id
		pos = max(pos, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return out, err
	}
	newIDs := make([]int64, len(imp.NewQuestions))
	for j, text := range imp.NewQuestions {
		text = strings.TrimSpace(text)
		if id, ok := byText[questionKey(text)]; ok {
			newIDs[j] = id
			continue
		}
		pos++
		res, err := tx.ExecContext(ctx, `INSERT INTO questions (round_id, position, text) VALUES (?, ?, ?)`, roundID, pos, text)
		if err != nil {
			return out, constraint(err, "The question "+strconv.Quote(text))
		}
		if newIDs[j], err = res.LastInsertId(); err != nil {
			return out, err
		}
		byText[questionKey(text)] = newIDs[j]
		out.NewQuestions = append(out.NewQuestions, text)
	}
	covered := make(map[int64]bool, len(imp.Answers)+len(newIDs))
	for _, id := range imp.Answers {
		covered[id] = true
	}
	for _, id := range newIDs {
		covered[id] = true
	}

	// Does the round hold any responses yet? A first import (the usual
	// case, and the large one) then only inserts; otherwise each batch
	// first looks up which of its keys are stored.
	var stored int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT 1 FROM responses WHERE round_id = ? LIMIT 1)`, roundID).Scan(&stored); err != nil {
		return out, err
	}
	if out.Form, err = importForm(ctx, tx, roundID, imp); err != nil {
		return out, err
	}
	var seq int64
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM responses`).Scan(&seq); err != nil {
		return out, err
	}

	// Rows go in batches of importBatch per statement: one call into
	// SQLite per batch rather than per row is most of what makes a
	// 100,000-response import keep pace with the sqlite3 shell. The
	// batches are encoded on another goroutine while SQLite stores the
	// previous one, so the Go work costs little wall time on two cores.
	done := make(chan struct{})
	batches := encodeBatches(done, next, encoding{
		roundID: roundID, newIDs: newIDs, known: known, seq: seq, now: d.Now, form: out.Form,
	})
	// On the way out, stop the encoder and wait for it: next must not be
	// running once the import has returned (the caller closes the file
	// and reads next's state).
	defer func() {
		close(done)
		for range batches {
		}
	}()
	var insert [2]*sql.Stmt // shared source or not, prepared once
	var lookup, update *sql.Stmt
	var jsonBuf []byte
	defer func() {
		for _, st := range []*sql.Stmt{insert[0], insert[1], lookup, update} {
			if st != nil {
				st.Close()
			}
		}
	}()
	for b := range batches {
		if b.err != nil {
			return out, b.err
		}
		fresh := b.rows
		if stored > 0 {
			if lookup == nil {
				if lookup, err = tx.PrepareContext(ctx, selectResponses(importBatch)); err != nil {
					return out, err
				}
				if update, err = tx.PrepareContext(ctx, `UPDATE responses SET scores = ?, role = ?, comment = ? WHERE round_id = ? AND key = ?`); err != nil {
					return out, err
				}
			}
			have, err := storedResponses(ctx, tx, lookup, roundID, b.rows)
			if err != nil {
				return out, err
			}
			fresh = b.rows[:0:0]
			for _, r := range b.rows {
				s, ok := have[r.key]
				if !ok {
					fresh = append(fresh, r)
					continue
				}
				merged := s
				merged.scores = mergeScores(s.scores, r.scores, covered)
				if imp.HasRole {
					merged.role = r.role
				}
				if imp.HasComment {
					merged.comment = r.comment
				}
				if merged == s {
					out.Unchanged++
					continue
				}
				if _, err := update.ExecContext(ctx, merged.scores, merged.role, merged.comment, roundID, r.key); err != nil {
					return out, err
				}
				out.Changed++
			}
		}
		if len(fresh) == 0 {
			continue
		}
		json, shared, ok := b.json, b.shared, b.ok
		if len(fresh) != len(b.rows) {
			json, shared, ok = batchJSON(fresh, &jsonBuf)
		}
		var res sql.Result
		if ok {
			k := 0
			if shared {
				k = 1
			}
			if insert[k] == nil {
				if insert[k], err = tx.PrepareContext(ctx, insertResponses(shared)); err != nil {
					return out, err
				}
			}
			var source any
			if shared {
				source = fresh[0].source
			}
			// A []byte: SQLite takes a blob given to its JSON functions as JSONB.
			res, err = insert[k].ExecContext(ctx, roundID, source, json)
		} else {
			res, err = insertRows(ctx, tx, roundID, fresh)
		}
		if err != nil {
			return out, err
		}
		n, err := res.RowsAffected()
		if err != nil {
			return out, err
		}
		out.Added += int(n)
		out.Unchanged += len(fresh) - int(n) // a key twice in one file
	}
	return out, nil
}

// questionKey is how a new question's text is matched to a question the
// round already has: ignoring case and surrounding spaces.
func questionKey(text string) string { return strings.ToLower(strings.TrimSpace(text)) }

// importForm returns the form number the import's keyed responses go
// under: imp.Form, or with imp.NewForm the one after the round's highest
// (1 when the round has no responses with an ID yet).
func importForm(ctx context.Context, tx *sql.Tx, roundID int64, imp store.ResponseImport) (int, error) {
	if !imp.NewForm {
		return max(imp.Form, 1), nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT DISTINCT substr(key, 1, instr(key, ':')) FROM responses WHERE round_id = ? AND key GLOB 'id*:*'`, roundID)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	highest := 0
	for rows.Next() {
		var prefix string
		if err := rows.Scan(&prefix); err != nil {
			return 0, err
		}
		if prefix == "id:" {
			highest = max(highest, 1)
		} else if n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(prefix, "id"), ":")); err == nil {
			highest = max(highest, n)
		}
	}
	return highest + 1, rows.Err()
}

// formKey puts a response ID's key ("id:17") under form: form 1 keeps it
// as it is, form 2 makes it "id2:17". Other keys (content fingerprints,
// keyed-in entries) belong to no form.
func formKey(key string, form int) string {
	if form <= 1 || !strings.HasPrefix(key, "id:") {
		return key
	}
	return "id" + strconv.Itoa(form) + key[2:]
}

// row is one response encoded for storing.
type row struct{ scores, role, source, key, comment string }

// storedResponse is what a re-import compares: a stored response's
// answers.
type storedResponse struct{ scores, role, comment string }

// selectResponses returns a query for the stored answers of up to n keys
// of a round: parameter 1 is the round, 2… the keys.
func selectResponses(n int) string {
	var b strings.Builder
	b.WriteString("SELECT key, scores, role, comment FROM responses WHERE round_id = ?1 AND key IN (")
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("?" + strconv.Itoa(i+2))
	}
	b.WriteString(")")
	return b.String()
}

// storedResponses returns the stored answers of those of rs whose key the
// round has. full is selectResponses(importBatch), prepared.
func storedResponses(ctx context.Context, tx *sql.Tx, full *sql.Stmt, roundID int64, rs []row) (map[string]storedResponse, error) {
	args := make([]any, 1, 1+len(rs))
	args[0] = roundID
	for _, r := range rs {
		args = append(args, r.key)
	}
	var rows *sql.Rows
	var err error
	if len(rs) == importBatch {
		rows, err = full.QueryContext(ctx, args...)
	} else {
		rows, err = tx.QueryContext(ctx, selectResponses(len(rs)), args...)
	}
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	have := map[string]storedResponse{}
	for rows.Next() {
		var key string
		var s storedResponse
		if err := rows.Scan(&key, &s.scores, &s.role, &s.comment); err != nil {
			return nil, err
		}
		have[key] = s
	}
	return have, rows.Err()
}

// mergeScores returns stored packed scores with the answers to covered
// questions replaced by those in file (also packed): a question the file
// has a column for takes the file's answer, or loses its answer where the
// file's cell is blank; any other question keeps what was stored.
func mergeScores(stored, file string, covered map[int64]bool) string {
	var pairs [][2]int64
	for k, part := range [2]string{stored, file} {
		fromFile := k == 1
		for part != "" {
			var pair string
			if i := strings.IndexByte(part, ','); i >= 0 {
				pair, part = part[:i], part[i+1:]
			} else {
				pair, part = part, ""
			}
			c := strings.IndexByte(pair, ':')
			if c < 0 {
				continue
			}
			id, err1 := strconv.ParseInt(pair[:c], 10, 64)
			v, err2 := strconv.ParseInt(pair[c+1:], 10, 64)
			if err1 != nil || err2 != nil || (!fromFile && covered[id]) {
				continue
			}
			pairs = append(pairs, [2]int64{id, v})
		}
	}
	sort.Slice(pairs, func(i, j int) bool { return pairs[i][0] < pairs[j][0] })
	var buf []byte
	for i, p := range pairs {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = strconv.AppendInt(buf, p[0], 10)
		buf = append(buf, ':')
		buf = strconv.AppendInt(buf, p[1], 10)
	}
	return string(buf)
}

// bulkWrite is write for a large import, on a connection of its own with
// foreign-key checks off while the import lasts, because every row refers
// to the same round and fn checks that once. The setting is put back before
// the connection returns to the pool; a connection whose setting cannot be
// put back is discarded. The page cache keeps SQLite's default size: a
// cache of 64 MB, to hold the whole unique index, made 100,000 responses
// about 12% slower to import, in order or shuffled, as every new page of
// it is memory touched for the first time (scripts/bench_charts.sh).
//
// When no other connection has the database open (a `liaison import` in a
// terminal, with the window closed), the import is written once, straight
// into the file with a rollback journal, and the database goes back to WAL
// afterwards: in WAL mode every page is written twice, to the WAL and
// then, when the command closes the database, into the file. SQLite itself
// refuses to leave WAL mode while another connection (the window, another
// command) has the file open; then the import goes through the WAL as
// usual. A crash part-way is rolled back from the journal either way. A
// transaction that will be rolled back (a dry run, writeOnce false) stays
// in WAL mode: it writes nothing to save.
func (d *DB) bulkWrite(ctx context.Context, writeOnce bool, fn func(tx *sql.Tx) error) error {
	return trouble(d.path, d.bulkWriteConn(ctx, writeOnce, fn))
}

func (d *DB) bulkWriteConn(ctx context.Context, writeOnce bool, fn func(tx *sql.Tx) error) error {
	conn, err := d.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	alone := writeOnce && d.leaveWAL(ctx, conn)
	defer func() {
		bg := context.Background() // restore even when ctx is cancelled
		_, err1 := conn.ExecContext(bg, `PRAGMA foreign_keys = ON`)
		var err2 error
		if alone {
			// Back to WAL, waiting (busy timeout) for anyone who opened
			// the file meanwhile; should that fail, the next connection
			// to open the file turns WAL on again (see dsn).
			var mode string
			err2 = conn.QueryRowContext(bg, `PRAGMA journal_mode = WAL`).Scan(&mode)
		}
		if err1 != nil || err2 != nil {
			conn.Raw(func(any) error { return driver.ErrBadConn })
		}
	}()
	if _, err := conn.ExecContext(ctx, `PRAGMA foreign_keys = OFF`); err != nil {
		return err
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}

// leaveWAL switches conn's database to a rollback journal when conn is the
// only connection to it, and reports whether it did. The pool's idle
// connections in this process are closed first; one that is in use (the
// window's watcher) or another process's keeps the database in WAL, at
// once: the busy timeout is off for the attempt, so nobody waits for it.
func (d *DB) leaveWAL(ctx context.Context, conn *sql.Conn) bool {
	d.db.SetMaxIdleConns(0) // closes the idle ones
	d.db.SetMaxIdleConns(maxIdleConns)
	if _, err := conn.ExecContext(ctx, `PRAGMA busy_timeout = 0`); err != nil {
		return false
	}
	var mode string
	err := conn.QueryRowContext(ctx, `PRAGMA journal_mode = DELETE`).Scan(&mode)
	if _, err2 := conn.ExecContext(context.Background(), `PRAGMA busy_timeout = `+strconv.Itoa(busyTimeoutMS)); err2 != nil {
		conn.Raw(func(any) error { return driver.ErrBadConn })
	}
	return err == nil && mode == "delete"
}

// importBatch is how many responses an import inserts per statement.
// Beyond a few hundred rows bigger batches gain little.
const importBatch = 1000

// insertResponses is an INSERT of a batch of responses sent as one JSON
// array (parameter 3) of [scores, role, key, comment] arrays, or with
// shared false [scores, role, key, comment, source] ones; parameter 1 is the
// round and, with shared, parameter 2 the source of every response (an
// export's responses all share one). One parameter per batch rather than
// four or five per row saves 400,000 calls from Go into SQLite on a
// 100,000-response import, which is most of what lets it keep pace with
// the sqlite3 shell's .import; SQLite's own JSON reader splits the batch
// far faster. jsonb_each keeps the array's order, so IDs follow the file;
// unlike json_each it hands each row over as SQLite's binary JSON, which
// ->> reads without turning it back into text and parsing it again.
func insertResponses(shared bool) string {
	source := "value->>4"
	if shared {
		source = "?2"
	}
	return `INSERT INTO responses (round_id, scores, role, source, key, comment)
		SELECT ?1, value->>0, value->>1, ` + source + `, value->>2, value->>3 FROM jsonb_each(?3) WHERE true
		ON CONFLICT (round_id, key) DO NOTHING`
}

// batchJSON encodes rs as insertResponses(shared) takes them, sharing the
// source when every response has the same, in SQLite's binary JSON
// (JSONB, https://sqlite.org/jsonb.html): an array of arrays of raw text,
// which SQLite walks without parsing anything. ok is false when a text
// holds a NUL character, which SQLite's JSON functions would cut the text
// at: such a batch is stored a row at a time instead.
func batchJSON(rs []row, scratch *[]byte) (jsonb []byte, shared, ok bool) {
	shared = true
	for _, r := range rs {
		shared = shared && r.source == rs[0].source
		if strings.IndexByte(r.scores, 0) >= 0 || strings.IndexByte(r.role, 0) >= 0 || strings.IndexByte(r.key, 0) >= 0 ||
			strings.IndexByte(r.comment, 0) >= 0 || strings.IndexByte(r.source, 0) >= 0 {
			return nil, false, false
		}
	}
	texts := func(r row) []string {
		if shared {
			return []string{r.scores, r.role, r.key, r.comment}
		}
		return []string{r.scores, r.role, r.key, r.comment, r.source}
	}
	size := 0 // the outer array's payload
	for _, r := range rs {
		n := 0
		for _, t := range texts(r) {
			n += jsonbHeaderLen(len(t)) + len(t)
		}
		size += jsonbHeaderLen(n) + n
	}
	buf := appendJSONBHeader((*scratch)[:0], jsonbArray, size)
	for _, r := range rs {
		n := 0
		for _, t := range texts(r) {
			n += jsonbHeaderLen(len(t)) + len(t)
		}
		buf = appendJSONBHeader(buf, jsonbArray, n)
		for _, t := range texts(r) {
			buf = appendJSONBHeader(buf, jsonbTextRaw, len(t))
			buf = append(buf, t...)
		}
	}
	*scratch = buf
	// A copy: the encoder fills scratch with the next batch while SQLite
	// stores this one.
	return bytes.Clone(buf), shared, true
}

// JSONB element types.
const (
	jsonbTextRaw = 10 // text as it is, escaped by SQLite if ever written out as JSON
	jsonbArray   = 11
)

// jsonbHeaderLen is the length of the header of a JSONB element whose
// payload is n bytes: the type and a size of 0–11 in one byte, or a byte
// saying how many bytes (1, 2, 4 or 8) of size follow.
func jsonbHeaderLen(n int) int {
	switch {
	case n <= 11:
		return 1
	case n <= 0xff:
		return 2
	case n <= 0xffff:
		return 3
	case n <= 0xffffffff:
		return 5
	}
	return 9
}

// appendJSONBHeader appends the header of a JSONB element of type typ
// with a payload of n bytes, the size big-endian.
func appendJSONBHeader(buf []byte, typ byte, n int) []byte {
	switch jsonbHeaderLen(n) {
	case 1:
		return append(buf, byte(n)<<4|typ)
	case 2:
		return append(buf, 12<<4|typ, byte(n))
	case 3:
		return append(buf, 13<<4|typ, byte(n>>8), byte(n))
	case 5:
		return binary.BigEndian.AppendUint32(append(buf, 14<<4|typ), uint32(n))
	}
	return binary.BigEndian.AppendUint64(append(buf, 15<<4|typ), uint64(n))
}

// batch is at most importBatch encoded responses, also as batchJSON
// encodes them, or the error that stopped the encoding.
type batch struct {
	rows       []row
	json       []byte // JSONB
	shared, ok bool
	err        error
}

// insertRows stores rs a row at a time, for the rare batch batchJSON
// cannot encode; it returns the rows added, as a multi-row insert would.
func insertRows(ctx context.Context, tx *sql.Tx, roundID int64, rs []row) (sql.Result, error) {
	st, err := tx.PrepareContext(ctx, `INSERT INTO responses (round_id, scores, role, source, key, comment) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (round_id, key) DO NOTHING`)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	var n int64
	for _, r := range rs {
		res, err := st.ExecContext(ctx, roundID, r.scores, r.role, r.source, r.key, r.comment)
		if err != nil {
			return nil, err
		}
		k, err := res.RowsAffected()
		if err != nil {
			return nil, err
		}
		n += k
	}
	return driverResult(n), nil
}

// driverResult is a sql.Result of n rows affected.
type driverResult int64

func (r driverResult) LastInsertId() (int64, error) { return 0, errors.New("no single insert ID") }
func (r driverResult) RowsAffected() (int64, error) { return int64(r), nil }

// encoding is what encodeBatches needs to know of the import.
type encoding struct {
	roundID int64
	newIDs  []int64        // the questions the placeholders -1, -2, … stand for
	known   map[int64]bool // the round's questions
	seq     int64          // the highest response ID so far, for keys of responses without one
	now     func() time.Time
	form    int
}

// encodeBatches checks and encodes responses on a goroutine of its own,
// taking them from next a slice at a time until it returns none, and sends
// batches of at most importBatch responses. A bad response, or an error
// from next, ends the stream with that error. Closing done stops it early.
func encodeBatches(done <-chan struct{}, next func() ([]store.Response, error), e encoding) <-chan batch {
	out := make(chan batch, 2)
	go func() {
		defer close(out)
		send := func(b batch) bool {
			select {
			case out <- b:
				return true
			case <-done:
				return false
			}
		}
		rows := make([]row, 0, importBatch)
		var jsonBuf []byte
		// encoded prepares the batch's JSON here, while SQLite stores the
		// batch before.
		encoded := func(rs []row) batch {
			b := batch{rows: rs}
			b.json, b.shared, b.ok = batchJSON(rs, &jsonBuf)
			return b
		}
		pairs := make([][2]int64, 0, 8)
		var buf []byte
		n := 0 // responses so far, to name a bad one
		for {
			rs, err := next()
			if err != nil {
				send(batch{err: err})
				return
			}
			if len(rs) == 0 {
				break
			}
			for i := range rs {
				r := &rs[i]
				n++
				pairs, buf, err = encodeImported(r.Scores, e.newIDs, e.known, pairs[:0], buf[:0])
				if err != nil {
					send(batch{err: store.Errorf(store.EINVALID, "Response %d %s", n, err.Error())})
					return
				}
				if r.Role != "" && !r.Role.Valid() {
					send(batch{err: store.Errorf(store.EINVALID, "Response %d has the role %q, which Liaison does not know.", n, r.Role)})
					return
				}
				key := formKey(r.Key, e.form)
				if key == "" {
					e.seq++
					key = "entry:" + strconv.FormatInt(e.seq, 10) + ":" + strconv.FormatInt(e.now().UnixNano(), 36)
				}
				rows = append(rows, row{string(buf), string(r.Role), r.Source, key, r.Comment})
				if len(rows) == importBatch {
					if !send(encoded(rows)) {
						return
					}
					rows = make([]row, 0, importBatch)
				}
			}
		}
		if len(rows) > 0 {
			send(encoded(rows))
		}
	}()
	return out
}

// importError is a reason that reads on from "Response N".
type importError string

func (e importError) Error() string { return string(e) }

// encodeImported writes scores in encodeScores' format into buf, mapping
// placeholder keys to newIDs and checking every question and score. pairs
// and buf are scratch space reused from row to row, so that a
// 100,000-row import does not allocate for each one.
func encodeImported(scores map[int64]int, newIDs []int64, known map[int64]bool, pairs [][2]int64, buf []byte) ([][2]int64, []byte, error) {
	for id, v := range scores {
		if v < 1 || v > 6 {
			return pairs, buf, importError("scores " + strconv.Itoa(v) + "; scores run from 1 to 6.")
		}
		switch {
		case id < 0 && int(-id) <= len(newIDs):
			id = newIDs[-id-1]
		case id < 0:
			return pairs, buf, importError("answers new question " + strconv.FormatInt(-id, 10) + ", but only " + strconv.Itoa(len(newIDs)) + " new questions were given.")
		case !known[id]:
			return pairs, buf, importError("answers question " + strconv.FormatInt(id, 10) + ", which is not in this round.")
		}
		pairs = append(pairs, [2]int64{id, int64(v)})
	}
	// Insertion sort: a response answers a handful of questions.
	for i := 1; i < len(pairs); i++ {
		for j := i; j > 0 && pairs[j][0] < pairs[j-1][0]; j-- {
			pairs[j], pairs[j-1] = pairs[j-1], pairs[j]
		}
	}
	for i, p := range pairs {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = strconv.AppendInt(buf, p[0], 10)
		buf = append(buf, ':')
		buf = strconv.AppendInt(buf, p[1], 10)
	}
	return pairs, buf, nil
}

// CreateReflections stores rs in the round in one transaction, all or
// nothing: an imported file of reflections either comes in whole or not at
// all. Each reflection is checked as CreateReflection checks one; the IDs
// are set in rs.
func (d *DB) CreateReflections(ctx context.Context, roundID int64, rs []store.Reflection) error {
	for i := range rs {
		rs[i].RoundID = roundID
		if err := validReflection(&rs[i]); err != nil {
			return store.Errorf(store.EINVALID, "Reflection %d: %s", i+1, store.ErrorMessage(err))
		}
	}
	return d.write(ctx, func(tx *sql.Tx) error {
		stmt, err := tx.PrepareContext(ctx, `INSERT INTO reflections (round_id, body, approved, excerpt) VALUES (?, ?, ?, ?)`)
		if err != nil {
			return err
		}
		defer stmt.Close()
		for i := range rs {
			r := &rs[i]
			res, err := stmt.ExecContext(ctx, roundID, r.Body, boolInt(r.Approved), r.Excerpt)
			if err != nil {
				return constraint(err, "The reflection")
			}
			if r.ID, err = res.LastInsertId(); err != nil {
				return err
			}
			if len(r.Themes) > 0 {
				if err := setThemes(ctx, tx, r); err != nil {
					return err
				}
			}
		}
		return nil
	})
}
