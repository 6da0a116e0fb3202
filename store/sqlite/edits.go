package sqlite

import (
	"context"
	"database/sql"
	"slices"
	"time"

	"github.com/liaisonapp/liaison/store"
)

// This file holds the edits that change several rows at once. Each is one
// transaction, so a failure part-way (a bad ID, a full disk, a killed
// process) leaves every row as it was, never half of the edit applied.

// ReorderQuestions numbers the round's questions 1, 2, 3 … in the order of
// ids. Every question of the round must be listed exactly once.
func (d *DB) ReorderQuestions(ctx context.Context, roundID int64, ids []int64) error {
	seen := make(map[int64]bool, len(ids))
	for _, id := range ids {
		if seen[id] {
			return store.Errorf(store.EINVALID, "Question %d is listed twice in the new order; list each question once.", id)
		}
		seen[id] = true
	}
	return d.write(ctx, func(tx *sql.Tx) error {
		stmt, err := tx.PrepareContext(ctx, `UPDATE questions SET position = ? WHERE id = ? AND round_id = ?`)
		if err != nil {
			return err
		}
		defer stmt.Close()
		for i, id := range ids {
			res, err := stmt.ExecContext(ctx, i+1, id, roundID)
			if err != nil {
				return err
			}
			if err := checkAffected(res, "Question %d is not a question of this round.", id); err != nil {
				return err
			}
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM questions WHERE round_id = ?`, roundID).Scan(&n); err != nil {
			return err
		}
		if n != len(ids) {
			return store.Errorf(store.EINVALID, "The new order lists %d of the round's %d questions; list every question once.", len(ids), n)
		}
		return nil
	})
}

// visitNames name a pair's two visits, in the order of Pairing.Visits.
var visitNames = [2]string{"The visit to the practice", "The visit to the hospital"}

// SaveVisits saves both visits of the pair in one transaction. A visit is
// found by the pair and its host side; a visit ID, when given, must be
// that visit's.
func (d *DB) SaveVisits(ctx context.Context, pairingID int64, visits [2]store.Visit) error {
	for i := range visits {
		if err := validVisit(&visits[i]); err != nil {
			return store.Errorf(store.ErrorCode(err), "%s: %s", visitNames[i], store.ErrorMessage(err))
		}
	}
	return d.write(ctx, func(tx *sql.Tx) error {
		var one int
		if err := tx.QueryRowContext(ctx, `SELECT 1 FROM pairings WHERE id = ?`, pairingID).Scan(&one); err != nil {
			return notFound(err, "Pair %d does not exist.", pairingID)
		}
		for i, side := range []store.Side{store.SidePrimary, store.SideSecondary} {
			v := visits[i]
			res, err := tx.ExecContext(ctx, `UPDATE visits SET visit_date = ?, session = ?, status = ?, notes = ?, reflection_received = ?
				WHERE pairing_id = ? AND host = ? AND (? = 0 OR id = ?)`,
				v.Date, v.Session, string(v.Status), v.Notes, boolInt(v.ReflectionReceived), pairingID, string(side), v.ID, v.ID)
			if err != nil {
				return err
			}
			if err := checkAffected(res, "%s (visit %d) is not a visit of pair %d.", visitNames[i], v.ID, pairingID); err != nil {
				return err
			}
		}
		return nil
	})
}

// MoveAgendaItem moves the item to position to (1 is first), renumbers the
// agenda and, with shiftTimes, retimes the stretch between the old and the
// new place (see store.EventService).
func (d *DB) MoveAgendaItem(ctx context.Context, itemID int64, to int, shiftTimes bool) error {
	return d.write(ctx, func(tx *sql.Tx) error {
		var eventID int64
		if err := tx.QueryRowContext(ctx, `SELECT event_id FROM agenda_items WHERE id = ?`, itemID).Scan(&eventID); err != nil {
			return notFound(err, "Agenda item %d does not exist.", itemID)
		}
		before, err := agenda(ctx, tx, eventID)
		if err != nil {
			return err
		}
		if to < 1 || to > len(before) {
			return store.Errorf(store.EINVALID, "The agenda has %d items, so an item can move to places 1 to %d; %d is not one of them.", len(before), len(before), to)
		}
		from := slices.IndexFunc(before, func(a store.AgendaItem) bool { return a.ID == itemID })
		after := slices.Clone(before)
		moved := after[from]
		after = slices.Insert(slices.Delete(after, from, from+1), to-1, moved)
		if shiftTimes {
			retime(before, after, min(from, to-1), max(from, to-1))
		}
		stmt, err := tx.PrepareContext(ctx, `UPDATE agenda_items SET position = ?, starts = ? WHERE id = ?`)
		if err != nil {
			return err
		}
		defer stmt.Close()
		for i, a := range after {
			res, err := stmt.ExecContext(ctx, i+1, a.Starts, a.ID)
			if err != nil {
				return err
			}
			if err := checkAffected(res, "Agenda item %d does not exist.", a.ID); err != nil {
				return err
			}
		}
		return nil
	})
}

// retime gives the items after[lo..hi] back-to-back start times from the
// start of before[lo], the first slot of the stretch. Each item keeps its
// length: its minutes, or, for an item without a length, the time until
// the next item started before the move. A stretch whose first slot has
// no start time is left untimed.
func retime(before, after []store.AgendaItem, lo, hi int) {
	t, err := time.Parse("15:04", before[lo].Starts)
	if err != nil {
		return
	}
	length := map[int64]time.Duration{}
	for i := lo; i <= hi; i++ {
		a := before[i]
		length[a.ID] = time.Duration(a.Minutes) * time.Minute
		if a.Minutes == 0 && i+1 < len(before) {
			start, err1 := time.Parse("15:04", a.Starts)
			next, err2 := time.Parse("15:04", before[i+1].Starts)
			if err1 == nil && err2 == nil && next.After(start) {
				length[a.ID] = next.Sub(start)
			}
		}
	}
	for i := lo; i <= hi; i++ {
		after[i].Starts = t.Format("15:04")
		t = t.Add(length[after[i].ID])
	}
}

// DeleteAttendees deletes every attendee in ids, or none of them.
func (d *DB) DeleteAttendees(ctx context.Context, ids []int64) error {
	ids = slices.Compact(slices.Sorted(slices.Values(ids)))
	return d.write(ctx, func(tx *sql.Tx) error {
		stmt, err := tx.PrepareContext(ctx, `DELETE FROM attendees WHERE id = ?`)
		if err != nil {
			return err
		}
		defer stmt.Close()
		for _, id := range ids {
			res, err := stmt.ExecContext(ctx, id)
			if err != nil {
				return err
			}
			if err := checkAffected(res, "Attendee %d does not exist; nobody was removed.", id); err != nil {
				return err
			}
		}
		return nil
	})
}

// InviteRound adds the round's participants who are not on the event's
// list yet, as invited, and returns the new attendees' IDs.
func (d *DB) InviteRound(ctx context.Context, eventID, roundID int64) ([]int64, error) {
	var added []int64
	err := d.write(ctx, func(tx *sql.Tx) error {
		var one int
		if err := tx.QueryRowContext(ctx, `SELECT 1 FROM events WHERE id = ?`, eventID).Scan(&one); err != nil {
			return notFound(err, "Event %d does not exist.", eventID)
		}
		if err := tx.QueryRowContext(ctx, `SELECT 1 FROM rounds WHERE id = ?`, roundID).Scan(&one); err != nil {
			return notFound(err, "Round %d does not exist.", roundID)
		}
		type person struct {
			id              int64
			name, org, role string
		}
		var people []person
		rows, err := tx.QueryContext(ctx, `SELECT p.id, p.name, p.organisation, p.role FROM participants p
			WHERE p.round_id = ? AND NOT EXISTS (SELECT 1 FROM attendees a WHERE a.event_id = ? AND a.participant_id = p.id)
			ORDER BY p.id`, roundID, eventID)
		if err != nil {
			return err
		}
		for rows.Next() {
			var p person
			if err := rows.Scan(&p.id, &p.name, &p.org, &p.role); err != nil {
				rows.Close()
				return err
			}
			people = append(people, p)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		// The unique index on (event, participant) makes a second invite
		// of the same person add nothing, whoever else writes meanwhile.
		stmt, err := tx.PrepareContext(ctx, `INSERT INTO attendees (event_id, participant_id, name, organisation, role, rsvp)
			VALUES (?, ?, ?, ?, ?, 'invited') ON CONFLICT DO NOTHING`)
		if err != nil {
			return err
		}
		defer stmt.Close()
		for _, p := range people {
			res, err := stmt.ExecContext(ctx, eventID, p.id, p.name, p.org, store.Role(p.role).Label())
			if err != nil {
				return constraint(err, "Attendee "+p.name)
			}
			if n, err := res.RowsAffected(); err != nil {
				return err
			} else if n == 0 {
				continue
			}
			id, err := res.LastInsertId()
			if err != nil {
				return err
			}
			added = append(added, id)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return added, nil
}
