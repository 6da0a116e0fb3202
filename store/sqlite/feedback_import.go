package sqlite

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"strconv"
	"strings"
	"time"

	"github.com/liaisonapp/liaison/store"
)

// ImportResponses stores an imported survey export in one transaction: it
// adds newQuestions to the round (after its existing questions) and then
// rs, skipping any response whose Key the round already has. A score keyed
// by a negative placeholder -(j+1) answers newQuestions[j] (the convention
// of forms.Apply) and is re-keyed to that question's new ID inside the same
// transaction, so a failure leaves neither questions nor responses behind.
// rs is not changed.
func (d *DB) ImportResponses(ctx context.Context, roundID int64, newQuestions []string, rs []store.Response) (added, skipped int, err error) {
	given := false
	return d.ImportResponseChunks(ctx, roundID, newQuestions, func() ([]store.Response, error) {
		if given {
			return nil, nil
		}
		given = true
		return rs, nil
	})
}

// ImportResponseChunks is ImportResponses for responses that arrive a
// slice at a time: it calls next, on a goroutine of its own, until next
// returns an empty slice, storing each slice while next prepares the one
// after, so that reading a large export overlaps with writing it. When
// next returns an error nothing is stored and ImportResponseChunks returns
// that error as it is.
func (d *DB) ImportResponseChunks(ctx context.Context, roundID int64, newQuestions []string, next func() ([]store.Response, error)) (added, skipped int, err error) {
	for j, text := range newQuestions {
		if strings.TrimSpace(text) == "" {
			return 0, 0, store.Errorf(store.EINVALID, "New question %d has no text.", j+1)
		}
	}
	err = d.bulkWrite(ctx, func(tx *sql.Tx) error {
		// With foreign keys off for the bulk insert, check the one they
		// would have checked 100,000 times: the round exists.
		var one int
		if err := tx.QueryRowContext(ctx, `SELECT 1 FROM rounds WHERE id = ?`, roundID).Scan(&one); err != nil {
			return notFound(err, "Round %d does not exist.", roundID)
		}
		// The round's questions as they are inside this transaction, plus
		// the new ones, so every score can be checked before anything is
		// written.
		known := map[int64]bool{}
		rows, err := tx.QueryContext(ctx, `SELECT id FROM questions WHERE round_id = ?`, roundID)
		if err != nil {
			return err
		}
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return err
			}
			known[id] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		var pos int
		if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(position), 0) FROM questions WHERE round_id = ?`, roundID).Scan(&pos); err != nil {
			return err
		}
		newIDs := make([]int64, len(newQuestions))
		for j, text := range newQuestions {
			pos++
			res, err := tx.ExecContext(ctx, `INSERT INTO questions (round_id, position, text) VALUES (?, ?, ?)`, roundID, pos, strings.TrimSpace(text))
			if err != nil {
				return constraint(err, "The question "+strconv.Quote(text))
			}
			if newIDs[j], err = res.LastInsertId(); err != nil {
				return err
			}
		}
		var seq int64
		if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM responses`).Scan(&seq); err != nil {
			return err
		}
		// Rows go in batches of importBatch per statement: one call into
		// SQLite per batch rather than per row is most of what makes a
		// 100,000-response import keep pace with the sqlite3 shell. The
		// batches are encoded on another goroutine while SQLite stores the
		// previous one, so the Go work costs no wall time on two cores.
		done := make(chan struct{})
		defer close(done)
		batches := encodeBatches(done, next, roundID, newIDs, known, seq, d.Now)
		// The full-size statements, shared source or not, prepared once.
		var full [2]*sql.Stmt
		defer func() {
			for _, st := range full {
				if st != nil {
					st.Close()
				}
			}
		}()
		for b := range batches {
			if b.err != nil {
				return b.err
			}
			var res sql.Result
			var err error
			if b.rows == importBatch {
				k := 0
				if b.shared {
					k = 1
				}
				if full[k] == nil {
					if full[k], err = tx.PrepareContext(ctx, insertResponses(importBatch, b.shared)); err != nil {
						return err
					}
				}
				res, err = full[k].ExecContext(ctx, b.args...)
			} else {
				res, err = tx.ExecContext(ctx, insertResponses(b.rows, b.shared), b.args...)
			}
			if err != nil {
				return err
			}
			n, err := res.RowsAffected()
			if err != nil {
				return err
			}
			added += int(n)
			skipped += b.rows - int(n)
		}
		return nil
	})
	if err != nil {
		return 0, 0, err
	}
	return added, skipped, nil
}

// bulkWrite is write for a large import, on a connection of its own tuned
// for it while the import lasts: a page cache big enough for the
// responses' unique index (64 MB at most, used only as needed), so SQLite
// does not spill and re-read index pages mid-transaction, and foreign-key
// checks off, because every row refers to the same round and fn checks that
// once. Both settings are put back before the connection returns to the
// pool; a connection whose settings cannot be put back is discarded.
func (d *DB) bulkWrite(ctx context.Context, fn func(tx *sql.Tx) error) error {
	conn, err := d.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	var cache int
	if err := conn.QueryRowContext(ctx, `PRAGMA cache_size`).Scan(&cache); err != nil {
		return err
	}
	defer func() {
		bg := context.Background() // restore even when ctx is cancelled
		_, err1 := conn.ExecContext(bg, `PRAGMA foreign_keys = ON`)
		_, err2 := conn.ExecContext(bg, `PRAGMA cache_size = `+strconv.Itoa(cache))
		if err1 != nil || err2 != nil {
			conn.Raw(func(any) error { return driver.ErrBadConn })
		}
	}()
	if _, err := conn.ExecContext(ctx, `PRAGMA foreign_keys = OFF`); err != nil {
		return err
	}
	if _, err := conn.ExecContext(ctx, `PRAGMA cache_size = -65536`); err != nil {
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

// importBatch is how many responses ImportResponses inserts per statement.
// At five parameters a row a batch stays well under SQLite's limit of
// 32,766; beyond a few hundred rows bigger batches gain little.
const importBatch = 1000

// insertResponses returns an INSERT of n responses. Parameter 1 is the
// round. With shared, parameter 2 is the source of every response and each
// response has four more (scores, role, key, comment); otherwise each has
// five (scores, role, source, key, comment). An export's responses all
// share one source, and binding it once per batch saves a fifth of the
// calls into SQLite.
func insertResponses(n int, shared bool) string {
	var b strings.Builder
	b.WriteString("INSERT INTO responses (round_id, scores, role, source, key, comment) VALUES ")
	p := 1
	next := func() string { p++; return "?" + strconv.Itoa(p) }
	if shared {
		p = 2
	}
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("(?1, ")
		b.WriteString(next())
		b.WriteString(", ")
		b.WriteString(next())
		b.WriteString(", ")
		if shared {
			b.WriteString("?2")
		} else {
			b.WriteString(next())
		}
		b.WriteString(", ")
		b.WriteString(next())
		b.WriteString(", ")
		b.WriteString(next())
		b.WriteString(")")
	}
	b.WriteString(" ON CONFLICT (round_id, key) DO NOTHING")
	return b.String()
}

// batch is one statement's worth of encoded responses, or the error that
// stopped the encoding.
type batch struct {
	args   []any // as insertResponses(rows, shared) numbers them
	rows   int
	shared bool
	err    error
}

// encodeBatches checks and encodes responses on a goroutine of its own,
// taking them from next a slice at a time until it returns none, and sends
// batches of at most importBatch responses. A bad response, or an error
// from next, ends the stream with that error. Closing done stops it early.
// seq is the highest response ID so far, from which responses without a
// Key get a unique one.
func encodeBatches(done <-chan struct{}, next func() ([]store.Response, error), roundID int64, newIDs []int64, known map[int64]bool, seq int64, now func() time.Time) <-chan batch {
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
		type row struct{ scores, role, source, key, comment string }
		rows := make([]row, 0, importBatch)
		flush := func() bool {
			if len(rows) == 0 {
				return true
			}
			// Share the source when every response of the batch has the same.
			b := batch{rows: len(rows), shared: true}
			for _, r := range rows[1:] {
				b.shared = b.shared && r.source == rows[0].source
			}
			b.args = make([]any, 0, 2+5*len(rows))
			b.args = append(b.args, roundID)
			if b.shared {
				b.args = append(b.args, rows[0].source)
			}
			for _, r := range rows {
				if b.shared {
					b.args = append(b.args, r.scores, r.role, r.key, r.comment)
				} else {
					b.args = append(b.args, r.scores, r.role, r.source, r.key, r.comment)
				}
			}
			rows = rows[:0]
			return send(b)
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
				pairs, buf, err = encodeImported(r.Scores, newIDs, known, pairs[:0], buf[:0])
				if err != nil {
					send(batch{err: store.Errorf(store.EINVALID, "Response %d %s", n, err.Error())})
					return
				}
				if r.Role != "" && !r.Role.Valid() {
					send(batch{err: store.Errorf(store.EINVALID, "Response %d has the role %q, which Liaison does not know.", n, r.Role)})
					return
				}
				key := r.Key
				if key == "" {
					seq++
					key = "entry:" + strconv.FormatInt(seq, 10) + ":" + strconv.FormatInt(now().UnixNano(), 36)
				}
				rows = append(rows, row{string(buf), string(r.Role), r.Source, key, r.Comment})
				if len(rows) == importBatch && !flush() {
					return
				}
			}
		}
		flush()
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
