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
// attendees (linked to them, or imported with their email), and their
// name where the organiser typed it (see forgetName), and then makes the
// deleted data unreadable in the file (see erase). From every round (roundID 0) also means from every forum
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
		if err := forgetName(ctx, tx, email, roundID); err != nil {
			return err
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

// forgetName blanks where the organiser typed the name of the person with
// email instead of linking them: the owner of a project of the round
// roundID (of any round when it is 0) and, when they go from every round,
// a task-and-finish group's lead and their line in its members (groups
// outlive rounds, so erasing someone from one round leaves them). Their
// names are those they were stored under as participants and attendees in
// the rounds they go from; names compare as store.NameSortKey does,
// ignoring case, spacing and a title such as Dr.
func forgetName(ctx context.Context, tx *sql.Tx, email string, roundID int64) error {
	rows, err := tx.QueryContext(ctx, `SELECT name FROM participants WHERE email <> '' AND lower(email) = lower(?) AND (? = 0 OR round_id = ?)
		UNION SELECT a.name FROM attendees a JOIN events e ON e.id = a.event_id
			WHERE a.email <> '' AND lower(a.email) = lower(?) AND (? = 0 OR e.round_id = ?)`,
		email, roundID, roundID, email, roundID, roundID)
	if err != nil {
		return err
	}
	names := map[string]bool{}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			rows.Close()
			return err
		}
		if k := store.NameSortKey(name); k != "" {
			names[k] = true
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(names) == 0 {
		return err
	}
	theirs := func(s string) bool { return names[store.NameSortKey(s)] }

	type owned struct {
		id   int64
		text []string
	}
	var projects, groups []owned
	rows, err = tx.QueryContext(ctx, `SELECT id, owner FROM projects WHERE owner <> '' AND (? = 0 OR round_id = ?)`, roundID, roundID)
	if err != nil {
		return err
	}
	for rows.Next() {
		var o owned
		var owner string
		if err := rows.Scan(&o.id, &owner); err != nil {
			rows.Close()
			return err
		}
		if theirs(owner) {
			projects = append(projects, o)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, p := range projects {
		if _, err := tx.ExecContext(ctx, `UPDATE projects SET owner = '' WHERE id = ?`, p.id); err != nil {
			return err
		}
	}
	if roundID != 0 {
		return nil
	}
	rows, err = tx.QueryContext(ctx, `SELECT id, lead, members FROM task_groups WHERE lead <> '' OR members <> ''`)
	if err != nil {
		return err
	}
	for rows.Next() {
		var o owned
		var lead, members string
		if err := rows.Scan(&o.id, &lead, &members); err != nil {
			rows.Close()
			return err
		}
		changed := theirs(lead)
		if changed {
			lead = ""
		}
		var kept []string
		for _, line := range strings.Split(members, "\n") {
			if theirs(line) {
				changed = true
				continue
			}
			kept = append(kept, line)
		}
		if changed {
			o.text = []string{lead, strings.Join(kept, "\n")}
			groups = append(groups, o)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, g := range groups {
		if _, err := tx.ExecContext(ctx, `UPDATE task_groups SET lead = ?, members = ? WHERE id = ?`, g.text[0], g.text[1], g.id); err != nil {
			return err
		}
	}
	return nil
}
