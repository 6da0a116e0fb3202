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
// AUTOINCREMENT) and a trigger counts every deletion, so "no deletion since,
// and rows above the last ID" is exactly what changed; after any deletion
// it counts again in full. It works across processes: it looks at the
// database, not at who wrote it.
type tallyCache struct {
	mu     sync.Mutex
	rounds map[int64]cachedTally
}

type cachedTally struct {
	lastID, deletions int64
	tally             store.Tally
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
	var lastID, deletions int64
	if err := tx.QueryRowContext(ctx, `SELECT (SELECT coalesce(max(id), 0) FROM responses), (SELECT count FROM response_deletions WHERE id = 1)`).
		Scan(&lastID, &deletions); err != nil {
		return store.Tally{}, err
	}
	old, ok := c.rounds[roundID]
	if !ok || old.deletions != deletions {
		old = cachedTally{tally: store.Tally{Counts: map[int64][6]int{}, ByRole: map[store.Role]store.Tally{}}}
	}
	t := old.tally.Clone()
	if lastID != old.lastID {
		if err := countScores(ctx, tx, roundID, old.lastID, &t); err != nil {
			return store.Tally{}, err
		}
	}
	if c.rounds == nil {
		c.rounds = map[int64]cachedTally{}
	}
	c.rounds[roundID] = cachedTally{lastID: lastID, deletions: deletions, tally: t}
	return t.Clone(), nil
}

// countScores adds the scores of the round's responses with an ID above
// from to t, overall and by role, parsing the packed "questionID:score,…" text in place. The
// unary + keeps SQLite on the rowid range (a few new rows) rather than the
// (round_id, key) index, which would walk every response of the round.
func countScores(ctx context.Context, tx *sql.Tx, roundID, from int64, t *store.Tally) error {
	rows, err := tx.QueryContext(ctx, `SELECT role, scores FROM responses WHERE id > ? AND +round_id = ?`, from, roundID)
	if err != nil {
		return err
	}
	defer rows.Close()
	n := 0
	var role, raw sql.RawBytes
	for rows.Next() {
		if err := rows.Scan(&role, &raw); err != nil {
			return err
		}
		n++
		addPacked(raw, t.Counts)
		r := store.Role(role)
		g, ok := t.ByRole[r]
		if !ok {
			g = store.Tally{Counts: map[int64][6]int{}}
		}
		g.Responses++
		addPacked(raw, g.Counts)
		t.ByRole[r] = g
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
