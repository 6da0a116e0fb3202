package sqlite

import (
	"context"
	"database/sql"
	"sort"
	"strconv"
	"strings"

	"github.com/liaisonapp/liaison/store"
)

// Questions returns the round's survey questions in order.
func (d *DB) Questions(ctx context.Context, roundID int64) ([]store.Question, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT id, round_id, position, text FROM questions WHERE round_id = ? ORDER BY position, id`, roundID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []store.Question
	for rows.Next() {
		var q store.Question
		if err := rows.Scan(&q.ID, &q.RoundID, &q.Position, &q.Text); err != nil {
			return nil, err
		}
		out = append(out, q)
	}
	return out, rows.Err()
}

// CreateQuestion adds a question; with Position 0 it goes last.
func (d *DB) CreateQuestion(ctx context.Context, q *store.Question) error {
	q.Text = strings.TrimSpace(q.Text)
	if q.Text == "" {
		return store.Errorf(store.EINVALID, "A question needs its text.")
	}
	return d.write(ctx, func(tx *sql.Tx) error {
		if q.Position == 0 {
			if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(position), 0) + 1 FROM questions WHERE round_id = ?`, q.RoundID).Scan(&q.Position); err != nil {
				return err
			}
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO questions (round_id, position, text) VALUES (?, ?, ?)`, q.RoundID, q.Position, q.Text)
		if err != nil {
			return constraint(err, "The question")
		}
		q.ID, err = res.LastInsertId()
		return err
	})
}

// UpdateQuestion saves a question's text and position.
func (d *DB) UpdateQuestion(ctx context.Context, q *store.Question) error {
	q.Text = strings.TrimSpace(q.Text)
	if q.Text == "" {
		return store.Errorf(store.EINVALID, "A question needs its text.")
	}
	return d.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE questions SET text = ?, position = ? WHERE id = ?`, q.Text, q.Position, q.ID)
		if err != nil {
			return err
		}
		return checkAffected(res, "Question %d does not exist.", q.ID)
	})
}

// DeleteQuestion deletes a question; its scores are dropped from every
// response when the responses are next read.
func (d *DB) DeleteQuestion(ctx context.Context, id int64) error {
	return d.deleteRow(ctx, "questions", "Question", id)
}

// encodeScores packs scores as "questionID:score" pairs, in question order.
func encodeScores(s map[int64]int) string {
	ids := make([]int64, 0, len(s))
	for id := range s {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	var b strings.Builder
	for i, id := range ids {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.FormatInt(id, 10))
		b.WriteByte(':')
		b.WriteString(strconv.Itoa(s[id]))
	}
	return b.String()
}

// decodeScores unpacks encodeScores' format, keeping only scores 1..6 for
// questions that still exist.
func decodeScores(s string, known map[int64]bool) map[int64]int {
	out := make(map[int64]int, 4)
	for s != "" {
		var pair string
		if i := strings.IndexByte(s, ','); i >= 0 {
			pair, s = s[:i], s[i+1:]
		} else {
			pair, s = s, ""
		}
		c := strings.IndexByte(pair, ':')
		if c < 0 {
			continue
		}
		id, err1 := strconv.ParseInt(pair[:c], 10, 64)
		v, err2 := strconv.Atoi(pair[c+1:])
		if err1 == nil && err2 == nil && v >= 1 && v <= 6 && known[id] {
			out[id] = v
		}
	}
	return out
}

// Responses returns the round's survey responses.
func (d *DB) Responses(ctx context.Context, roundID int64) ([]store.Response, error) {
	qs, err := d.Questions(ctx, roundID)
	if err != nil {
		return nil, err
	}
	known := make(map[int64]bool, len(qs))
	for _, q := range qs {
		known[q.ID] = true
	}
	rows, err := d.db.QueryContext(ctx, `SELECT id, scores, role, source, key, comment FROM responses WHERE round_id = ? ORDER BY id`, roundID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []store.Response
	for rows.Next() {
		r := store.Response{RoundID: roundID}
		var scores string
		if err := rows.Scan(&r.ID, &scores, &r.Role, &r.Source, &r.Key, &r.Comment); err != nil {
			return nil, err
		}
		r.Scores = decodeScores(scores, known)
		out = append(out, r)
	}
	return out, rows.Err()
}

// AddResponses stores rs in one transaction. A response whose Key is
// already in the round (a re-import of the same export) is skipped and
// counted; a response without a Key gets a unique one.
func (d *DB) AddResponses(ctx context.Context, roundID int64, rs []store.Response) (added, skipped int, err error) {
	qs, err := d.Questions(ctx, roundID)
	if err != nil {
		return 0, 0, err
	}
	known := make(map[int64]bool, len(qs))
	for _, q := range qs {
		known[q.ID] = true
	}
	for i, r := range rs {
		for id, v := range r.Scores {
			if !known[id] {
				return 0, 0, store.Errorf(store.EINVALID, "Response %d answers question %d, which is not in this round.", i+1, id)
			}
			if v < 1 || v > 6 {
				return 0, 0, store.Errorf(store.EINVALID, "Response %d scores %d; scores run from 1 to 6.", i+1, v)
			}
		}
		if r.Role != "" && !r.Role.Valid() {
			return 0, 0, store.Errorf(store.EINVALID, "Response %d has the role %q, which Liaison does not know.", i+1, r.Role)
		}
	}
	err = d.write(ctx, func(tx *sql.Tx) error {
		stmt, err := tx.PrepareContext(ctx, `INSERT INTO responses (round_id, scores, role, source, key, comment) VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT (round_id, key) DO NOTHING`)
		if err != nil {
			return err
		}
		defer stmt.Close()
		var seq int64
		if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM responses`).Scan(&seq); err != nil {
			return err
		}
		for i := range rs {
			r := &rs[i]
			r.RoundID = roundID
			if r.Key == "" {
				seq++
				r.Key = "entry:" + strconv.FormatInt(seq, 10) + ":" + strconv.FormatInt(d.Now().UnixNano(), 36)
			}
			res, err := stmt.ExecContext(ctx, roundID, encodeScores(r.Scores), string(r.Role), r.Source, r.Key, r.Comment)
			if err != nil {
				return constraint(err, "The response")
			}
			n, err := res.RowsAffected()
			if err != nil {
				return err
			}
			if n == 0 {
				skipped++
				continue
			}
			if r.ID, err = res.LastInsertId(); err != nil {
				return err
			}
			added++
		}
		return nil
	})
	if err != nil {
		return 0, 0, err
	}
	return added, skipped, nil
}

// DeleteResponse deletes one response.
func (d *DB) DeleteResponse(ctx context.Context, id int64) error {
	return d.deleteRow(ctx, "responses", "Response", id)
}
