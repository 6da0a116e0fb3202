package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/liaisonapp/liaison/store"
)

// SetRSVP records an attendee's answer, keeping the event within its
// capacity, in one transaction: an acceptance when every place is taken
// waitlists the person, and a decline of a place promotes the first
// waiting, who is returned.
func (d *DB) SetRSVP(ctx context.Context, attendeeID int64, rsvp store.RSVP, now time.Time) (got store.RSVP, promoted store.Attendee, err error) {
	switch rsvp {
	case store.RSVPInvited, store.RSVPAccepted, store.RSVPDeclined:
	default:
		return "", promoted, store.Errorf(store.EINVALID, "%q is not an answer; use invited, accepted or declined (Liaison waitlists by itself).", rsvp)
	}
	err = d.write(ctx, func(tx *sql.Tx) error {
		var eventID int64
		var was store.RSVP
		var capacity int
		err := tx.QueryRowContext(ctx, `SELECT a.event_id, a.rsvp, e.capacity FROM attendees a JOIN events e ON e.id = a.event_id
			WHERE a.id = ?`, attendeeID).Scan(&eventID, &was, &capacity)
		if errors.Is(err, sql.ErrNoRows) {
			return store.Errorf(store.ENOTFOUND, "Attendee %d does not exist.", attendeeID)
		}
		if err != nil {
			return err
		}
		got = rsvp
		wait := ""
		if rsvp == store.RSVPAccepted && was != store.RSVPAccepted && capacity > 0 {
			var taken int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM attendees WHERE event_id = ? AND rsvp = 'accepted'`, eventID).Scan(&taken); err != nil {
				return err
			}
			if taken >= capacity {
				got, wait = store.RSVPWaitlisted, now.UTC().Format(time.RFC3339Nano)
				if was == store.RSVPWaitlisted {
					return nil // already waiting: keep the place in the queue
				}
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE attendees SET rsvp = ?, waitlisted_at = ? WHERE id = ?`, string(got), wait, attendeeID); err != nil {
			return err
		}
		if was != store.RSVPAccepted || got == store.RSVPAccepted {
			return nil
		}
		// A place is free: the first to wait takes it, if the event is
		// within its capacity again.
		var taken int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM attendees WHERE event_id = ? AND rsvp = 'accepted'`, eventID).Scan(&taken); err != nil {
			return err
		}
		if capacity > 0 && taken >= capacity {
			return nil
		}
		err = tx.QueryRowContext(ctx, `SELECT id, name FROM attendees WHERE event_id = ? AND rsvp = 'waitlisted'
			ORDER BY waitlisted_at, id LIMIT 1`, eventID).Scan(&promoted.ID, &promoted.Name)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return err
		}
		promoted.EventID, promoted.RSVP = eventID, store.RSVPAccepted
		_, err = tx.ExecContext(ctx, `UPDATE attendees SET rsvp = 'accepted', waitlisted_at = '' WHERE id = ?`, promoted.ID)
		return err
	})
	if err != nil {
		return "", store.Attendee{}, err
	}
	return got, promoted, nil
}

// UpsertAttendees creates or updates all of as for the event in one
// transaction, matching stored attendees by email or, without one, by
// name, and linking each to the round's participant with the same email
// (for a forum meeting, the most recent round's).
func (d *DB) UpsertAttendees(ctx context.Context, eventID int64, as []store.Attendee) (created, updated int, err error) {
	for i := range as {
		as[i].EventID = eventID
		if err := validAttendee(&as[i]); err != nil {
			return 0, 0, store.Errorf(store.EINVALID, "Attendee %d: %s", i+1, store.ErrorMessage(err))
		}
	}
	err = d.write(ctx, func(tx *sql.Tx) error {
		created, updated = 0, 0
		stored, err := attendeesTx(ctx, tx, eventID)
		if err != nil {
			return err
		}
		byEmail, byName := map[string]*store.Attendee{}, map[string]*store.Attendee{}
		byParticipant := map[int64]*store.Attendee{}
		for i := range stored {
			a := &stored[i]
			if a.Email != "" {
				byEmail[strings.ToLower(a.Email)] = a
			} else {
				byName[store.NameKey(a.Name)] = a
			}
			if a.ParticipantID != 0 {
				byParticipant[a.ParticipantID] = a
			}
		}
		people := map[string]store.Participant{}
		// A round's event links to its round's participants; a forum
		// meeting, which has no round, to the most recent round's
		// participant with the email (later rows replace earlier ones).
		var roundID sql.NullInt64
		if err := tx.QueryRowContext(ctx, `SELECT round_id FROM events WHERE id = ?`, eventID).Scan(&roundID); err != nil {
			return notFound(err, "Event %d does not exist.", eventID)
		}
		var rows *sql.Rows
		if roundID.Valid {
			rows, err = tx.QueryContext(ctx, `SELECT id, email, name, organisation, role FROM participants
				WHERE round_id = ? AND email <> ''`, roundID.Int64)
		} else {
			rows, err = tx.QueryContext(ctx, `SELECT p.id, p.email, p.name, p.organisation, p.role FROM participants p
				JOIN rounds r ON r.id = p.round_id WHERE p.email <> '' ORDER BY julianday(r.created_at), r.id, p.id`)
		}
		if err != nil {
			return err
		}
		for rows.Next() {
			var p store.Participant
			if err := rows.Scan(&p.ID, &p.Email, &p.Name, &p.Organisation, &p.Role); err != nil {
				rows.Close()
				return err
			}
			people[strings.ToLower(p.Email)] = p
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for i := range as {
			a := &as[i]
			if p, ok := people[strings.ToLower(a.Email)]; ok && a.Email != "" {
				a.ParticipantID = p.ID
				if a.Organisation == "" {
					a.Organisation = p.Organisation
				}
				if a.Role == "" {
					a.Role = p.Role.Label()
				}
			}
			old := byEmail[strings.ToLower(a.Email)]
			if a.Email == "" {
				old = byName[store.NameKey(a.Name)]
			}
			if old == nil && a.ParticipantID != 0 {
				old = byParticipant[a.ParticipantID]
			}
			if old == nil {
				if err := saveAttendee(ctx, tx, a); err != nil {
					return err
				}
				created++
				continue
			}
			merged := *old
			merged.Name = a.Name
			for _, f := range []struct{ dst, src *string }{{&merged.Email, &a.Email}, {&merged.Organisation, &a.Organisation},
				{&merged.Role, &a.Role}, {&merged.AccessNeeds, &a.AccessNeeds}, {&merged.DietaryNeeds, &a.DietaryNeeds}} {
				if *f.src != "" {
					*f.dst = *f.src
				}
			}
			if a.ParticipantID != 0 {
				merged.ParticipantID = a.ParticipantID
			}
			if a.RSVP != store.RSVPInvited && a.RSVP != "" {
				merged.RSVP = a.RSVP
			}
			if !a.CheckedInAt.IsZero() {
				merged.CheckedInAt = a.CheckedInAt
			}
			if err := saveAttendee(ctx, tx, &merged); err != nil {
				return err
			}
			*a, *old = merged, merged
			updated++
		}
		return nil
	})
	if err != nil {
		return 0, 0, err
	}
	return created, updated, nil
}

// attendeesTx reads an event's attendees inside tx.
func attendeesTx(ctx context.Context, tx *sql.Tx, eventID int64) ([]store.Attendee, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, event_id, coalesce(participant_id, 0), name, organisation, role, rsvp, checked_in_at,
		email, access_needs, dietary_needs, waitlisted_at FROM attendees WHERE event_id = ? ORDER BY id`, eventID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return scanAttendees(rows)
}
