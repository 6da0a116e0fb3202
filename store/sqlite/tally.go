package sqlite

import (
	"context"
	"database/sql"
	"strconv"
	"sync"

	"github.com/liaisonapp/liaison/store"
)

// tallyCache remembers each round's tally and the last response it
// counted, so that after a response is keyed in (or a few are imported)
// Tally reads only the new rows. Response IDs only ever grow (the table is
// AUTOINCREMENT), so "the count went up by exactly the number of rows above
// the last ID" proves nothing was deleted; anything else recounts in full.
// It works across processes: it looks at the rows, not at who wrote them.
type tallyCache struct {
	mu     sync.Mutex
	rounds map[int64]cachedTally
}

type cachedTally struct {
	lastID int64
	tally  store.Tally
}

// Tally counts the round's responses and their scores per question.
func (d *DB) Tally(ctx context.Context, roundID int64) (store.Tally, error) {
	c := &d.tallies
	c.mu.Lock()
	defer c.mu.Unlock()
	tx, err := d.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return store.Tally{}, err
	}
	defer tx.Rollback()
	var n int
	var lastID int64
	if err := tx.QueryRowContext(ctx, `SELECT count(*), coalesce(max(id), 0) FROM responses WHERE round_id = ?`, roundID).Scan(&n, &lastID); err != nil {
		return store.Tally{}, err
	}
	old, ok := c.rounds[roundID]
	if ok && old.tally.Responses == n && old.lastID == lastID {
		return copyTally(old.tally), nil
	}
	t, from := store.Tally{Counts: map[int64][6]int{}}, int64(0)
	if ok && lastID > old.lastID && n > old.tally.Responses {
		t, from = copyTally(old.tally), old.lastID
	}
	if err := countScores(ctx, tx, roundID, from, &t); err != nil {
		return store.Tally{}, err
	}
	if from > 0 && t.Responses != n {
		// Rows were deleted as well as added: count again from scratch.
		t = store.Tally{Counts: map[int64][6]int{}}
		if err := countScores(ctx, tx, roundID, 0, &t); err != nil {
			return store.Tally{}, err
		}
	}
	if c.rounds == nil {
		c.rounds = map[int64]cachedTally{}
	}
	c.rounds[roundID] = cachedTally{lastID: lastID, tally: t}
	return copyTally(t), nil
}

// countScores adds the scores of the round's responses with an ID above
// from to t, parsing the packed "questionID:score,…" text in place.
func countScores(ctx context.Context, tx *sql.Tx, roundID, from int64, t *store.Tally) error {
	rows, err := tx.QueryContext(ctx, `SELECT scores FROM responses WHERE round_id = ? AND id > ?`, roundID, from)
	if err != nil {
		return err
	}
	defer rows.Close()
	n := 0
	var raw sql.RawBytes
	for rows.Next() {
		if err := rows.Scan(&raw); err != nil {
			return err
		}
		n++
		addPacked(raw, t.Counts)
	}
	t.Responses += n
	return rows.Err()
}

// addPacked counts one response's packed scores into counts.
func addPacked(b []byte, counts map[int64][6]int) {
	for len(b) > 0 {
		end := 0
		for end < len(b) && b[end] != ',' {
			end++
		}
		pair := b[:end]
		if end < len(b) {
			end++
		}
		b = b[end:]
		colon := -1
		for i, ch := range pair {
			if ch == ':' {
				colon = i
				break
			}
		}
		if colon <= 0 || colon != len(pair)-2 {
			continue
		}
		v := int(pair[colon+1] - '0')
		if v < 1 || v > 6 {
			continue
		}
		id, err := strconv.ParseInt(string(pair[:colon]), 10, 64)
		if err != nil {
			continue
		}
		c := counts[id]
		c[v-1]++
		counts[id] = c
	}
}

func copyTally(t store.Tally) store.Tally {
	out := store.Tally{Responses: t.Responses, Counts: make(map[int64][6]int, len(t.Counts))}
	for k, v := range t.Counts {
		out.Counts[k] = v
	}
	return out
}
