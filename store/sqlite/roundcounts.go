package sqlite

import (
	"context"
	"database/sql"

	"github.com/liaisonapp/liaison/store"
)

// RoundCounts reads round roundID's counts in one read transaction: only
// what the figures to date add up, so the dashboard and the live charts
// need not load every participant and pair.
func (d *DB) RoundCounts(ctx context.Context, roundID int64) (store.RoundCounts, error) {
	var out store.RoundCounts
	tx, err := d.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return out, err
	}
	defer tx.Rollback()
	err = readRoundCounts(ctx, tx, roundID, &out)
	return out, err
}

// readRoundCounts reads round id's counts through q, for the figures to
// date and for a roll-up of a file opened read-only.
func readRoundCounts(ctx context.Context, q querier, id int64, out *store.RoundCounts) error {
	rows, err := q.QueryContext(ctx, `SELECT email, name, role FROM participants WHERE round_id = ? ORDER BY id`, id)
	if err != nil {
		return err
	}
	for rows.Next() {
		var email, name string
		var role store.Role
		if err := rows.Scan(&email, &name, &role); err != nil {
			rows.Close()
			return err
		}
		out.People = append(out.People, store.RollupPerson{Key: store.PersonKey(email, name), Role: role})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}

	if err := q.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM pairings WHERE round_id = ?1),
		(SELECT count(*) FROM visits v JOIN pairings p ON p.id = v.pairing_id WHERE p.round_id = ?1 AND v.status = 'done'),
		(SELECT count(*) FROM pairings p WHERE p.round_id = ?1
			AND (SELECT count(*) FROM visits v WHERE v.pairing_id = p.id AND v.status = 'done') = 2)`, id).
		Scan(&out.Pairs, &out.VisitsDone, &out.PairsCompleted); err != nil {
		return err
	}

	out.Projects = map[store.ProjectStatus]int{}
	rows, err = q.QueryContext(ctx, `SELECT status, count(*) FROM projects WHERE round_id = ? GROUP BY status`, id)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var s store.ProjectStatus
		var n int
		if err := rows.Scan(&s, &n); err != nil {
			return err
		}
		out.Projects[s] += n
	}
	return rows.Err()
}
