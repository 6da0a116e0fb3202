package sqlite

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/liaisonapp/liaison/store"
)

// personal lists the tables whose rows hold personal data (names, emails,
// organisations, comments, reflections) or own rows that do: deleting from
// them is followed by erase.
var personal = map[string]bool{
	"rounds": true, "participants": true, "pairings": true, "responses": true,
	"reflections": true, "events": true, "attendees": true,
	"forums": true, "task_groups": true,
}

// erase makes deleted data unreadable in the file before a deletion
// returns. secure_delete zeroes freed space in the database file, but in
// WAL mode the deleted rows' old pages stay in the -wal file until a
// checkpoint copies the new pages back; a TRUNCATE checkpoint does that and
// empties the -wal. A checkpoint cannot finish while another connection (a
// window drawing a chart, a command reading) still reads from the WAL, so
// erase waits a little for it and then says so.
func (d *DB) erase(ctx context.Context) error {
	deadline := time.Now().Add(busyTimeout())
	for {
		var busy, logPages, done int
		err := d.db.QueryRowContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`).Scan(&busy, &logPages, &done)
		if err != nil && !isBusy(err) {
			return trouble(d.path, err)
		}
		if err == nil && busy == 0 {
			return nil
		}
		if time.Now().After(deadline) {
			return store.Errorf(store.EBUSY, "The data was deleted, but another Liaison window or command was reading the database %s, so the deleted text may stay readable in %s-wal until it finishes. Close other Liaison windows and delete again, or open and close Liaison once.", d.path, d.path)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// ErasePerson deletes every participant with the given email (ignoring
// case) from the round roundID, or from every round when roundID is 0,
// together with their pairings and visits and their records as event
// attendees (linked to them, or imported with their email), and then makes the deleted data unreadable in the file (see
// erase). From every round (roundID 0) also means from every forum
// meeting's list. It returns the names of the rounds they were deleted
// from, then of the forums as "NAME (forum)", and
// ENOTFOUND when there was nobody with that email. Anonymous reflections
// and survey responses cannot be traced to a person, so they stay.
func (d *DB) ErasePerson(ctx context.Context, email string, roundID int64) (rounds []string, err error) {
	email = strings.TrimSpace(email)
	if email == "" {
		return nil, store.Errorf(store.EINVALID, "Give the email address of the person to delete.")
	}
	err = d.write(ctx, func(tx *sql.Tx) error {
		// Their rounds: where they took part, or were on an event's list
		// (an attendee imported with their email, linked or not). Then the
		// forums whose meetings listed them: forum meetings belong to no
		// round, so only "every round" (roundID 0) reaches them.
		rows, err := tx.QueryContext(ctx, `SELECT name FROM (
				SELECT 0 AS k, julianday(r.created_at) AS o, r.id AS i, r.name AS name FROM rounds r WHERE (? = 0 OR r.id = ?) AND (
					EXISTS (SELECT 1 FROM participants p WHERE p.round_id = r.id AND p.email <> '' AND lower(p.email) = lower(?))
					OR EXISTS (SELECT 1 FROM attendees a JOIN events e ON e.id = a.event_id WHERE e.round_id = r.id AND a.email <> '' AND lower(a.email) = lower(?)))
				UNION ALL
				SELECT 1, lower(f.name), f.id, f.name || ' (forum)' FROM forums f WHERE ? = 0 AND EXISTS (SELECT 1 FROM attendees a JOIN events e ON e.id = a.event_id
					WHERE e.forum_id = f.id AND ((a.email <> '' AND lower(a.email) = lower(?))
						OR a.participant_id IN (SELECT id FROM participants WHERE email <> '' AND lower(email) = lower(?)))))
			ORDER BY k, o, i`, roundID, roundID, email, email, roundID, email, email)
		if err != nil {
			return err
		}
		for rows.Next() {
			var name string
			if err := rows.Scan(&name); err != nil {
				rows.Close()
				return err
			}
			rounds = append(rounds, name)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if len(rounds) == 0 {
			return store.Errorf(store.ENOTFOUND, "Nobody with the email %s is stored%s.", email, map[bool]string{true: " in that round", false: ""}[roundID != 0])
		}
		// Attendee rows hold their name, organisation and any access or
		// dietary needs: they go, not just their link to the participant.
		if _, err := tx.ExecContext(ctx, `DELETE FROM attendees WHERE event_id IN (SELECT id FROM events WHERE ? = 0 OR round_id = ?)
			AND ((email <> '' AND lower(email) = lower(?))
				OR participant_id IN (SELECT id FROM participants WHERE email <> '' AND lower(email) = lower(?)))`, roundID, roundID, email, email); err != nil {
			return err
		}
		// Someone else's "would like to be paired with" may name them, by
		// email or by name: that goes too.
		if _, err := tx.ExecContext(ctx, `UPDATE participants SET request = '' WHERE request <> '' AND (? = 0 OR round_id = ?) AND (
				lower(trim(request)) = lower(?)
				OR lower(trim(request)) IN (SELECT lower(name) FROM participants WHERE email <> '' AND lower(email) = lower(?) AND (? = 0 OR round_id = ?))
				OR lower(trim(request)) IN (SELECT 'dr ' || lower(name) FROM participants WHERE email <> '' AND lower(email) = lower(?) AND (? = 0 OR round_id = ?)))`,
			roundID, roundID, email, email, roundID, roundID, email, roundID, roundID); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM participants WHERE email <> '' AND lower(email) = lower(?) AND (? = 0 OR round_id = ?)`, email, roundID, roundID)
		return err
	})
	if err != nil {
		return nil, err
	}
	return rounds, d.erase(ctx)
}
