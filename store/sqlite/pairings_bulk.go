package sqlite

import (
	"context"
	"database/sql"
	"strconv"

	"github.com/liaisonapp/liaison/store"
)

// ReplacePairings deletes the round's pairings whose IDs are in remove (with
// their visits) and stores add (each with its two visits), all in one
// transaction. Accepting suggested pairs may break up unlocked pairs that
// share a person with a new one; doing both at once means a failure part
// way (a clash, a disk error) leaves the round's pairs exactly as they were.
// The IDs of add's pairings and visits are set on success.
func (d *DB) ReplacePairings(ctx context.Context, roundID int64, remove []int64, add []store.Pairing) error {
	work := make([]store.Pairing, len(add))
	copy(work, add)
	err := d.write(ctx, func(tx *sql.Tx) error {
		for _, id := range remove {
			res, err := tx.ExecContext(ctx, `DELETE FROM pairings WHERE id = ? AND round_id = ?`, id, roundID)
			if err != nil {
				return err
			}
			if err := checkAffected(res, "Pair %d is no longer in this round; nothing was changed.", id); err != nil {
				return err
			}
		}
		for i := range work {
			work[i].RoundID = roundID
			if err := insertPairing(ctx, tx, &work[i]); err != nil {
				p := work[i]
				return store.Errorf(store.ErrorCode(err), "Pairing %s with %s: %s Nothing was changed.",
					nameOr(p.Primary.Name, p.PrimaryID), nameOr(p.Secondary.Name, p.SecondaryID), store.ErrorMessage(err))
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	copy(add, work)
	return nil
}

// nameOr names a person in a message, by ID when the name is not known.
func nameOr(name string, id int64) string {
	if name != "" {
		return name
	}
	return "participant " + strconv.FormatInt(id, 10)
}
