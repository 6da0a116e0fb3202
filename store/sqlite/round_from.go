package sqlite

import (
	"context"
	"database/sql"
	"strconv"

	"github.com/liaisonapp/liaison/store"
)

// CreateRoundFrom stores a new round that follows round fromID, in one
// transaction: it gets fromID's survey questions (in place of the
// published ones a new round starts with) and round settings (the
// matching options among them), and people as its participants. Nothing
// is written when any part fails. The IDs of r and people are set.
func (d *DB) CreateRoundFrom(ctx context.Context, r *store.Round, fromID int64, people []store.Participant) error {
	for i := range people {
		if err := store.ValidateParticipant(&people[i]); err != nil {
			return store.Errorf(store.EINVALID, "Participant %d: %s", i+1, store.ErrorMessage(err))
		}
	}
	work := make([]store.Participant, len(people))
	copy(work, people)
	nr := *r
	err := d.write(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM rounds WHERE id = ?`, fromID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return store.Errorf(store.ENOTFOUND, "Round %d does not exist.", fromID)
		}
		if err := d.createRound(ctx, tx, &nr); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM questions WHERE round_id = ?`, nr.ID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO questions (round_id, position, text)
			SELECT ?, position, text FROM questions WHERE round_id = ? ORDER BY position, id`, nr.ID, fromID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO round_settings (round_id, key, value)
			SELECT ?, key, value FROM round_settings WHERE round_id = ?`, nr.ID, fromID); err != nil {
			return err
		}
		for i := range work {
			p := &work[i]
			p.ID, p.RoundID = 0, nr.ID
			if err := insertParticipant(ctx, tx, p); err != nil {
				return store.Errorf(store.ErrorCode(err), "%s (participant %s) Nothing was created.", store.ErrorMessage(err), strconv.Itoa(i+1))
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	*r = nr
	copy(people, work)
	return nil
}
