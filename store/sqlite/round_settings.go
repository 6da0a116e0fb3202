package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"

	"github.com/liaisonapp/liaison/store"
)

// RoundSetting returns the round's stored value of key, or def when it is
// not set.
func (d *DB) RoundSetting(ctx context.Context, roundID int64, key, def string) (string, error) {
	var v string
	err := d.db.QueryRowContext(ctx, `SELECT value FROM round_settings WHERE round_id = ? AND key = ?`, roundID, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return def, nil
	}
	return v, err
}

// SetRoundSetting stores value under key for the round.
func (d *DB) SetRoundSetting(ctx context.Context, roundID int64, key, value string) error {
	if strings.TrimSpace(key) == "" {
		return store.Errorf(store.EINVALID, "A round setting needs a name.")
	}
	return d.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO round_settings (round_id, key, value) VALUES (?, ?, ?)
			ON CONFLICT (round_id, key) DO UPDATE SET value = excluded.value`, roundID, key, value)
		return constraint(err, "A setting for round "+strconv.FormatInt(roundID, 10))
	})
}
