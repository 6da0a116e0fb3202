package sqlite

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/liaisonapp/liaison/store"
)

// Events returns the round's events by date.
func (d *DB) Events(ctx context.Context, roundID int64) ([]store.Event, error) {
	return events(ctx, d.db, `WHERE round_id = ? ORDER BY event_date, id`, roundID)
}

// eventColumns are the columns events (and Meetings) read, in order.
const eventColumns = `id, coalesce(round_id, 0), coalesce(forum_id, 0), name, event_date, venue, capacity`

// events reads the events that where (a WHERE clause with its ORDER BY,
// never user input) picks.
func events(ctx context.Context, q querier, where string, args ...any) ([]store.Event, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+eventColumns+` FROM events `+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []store.Event
	for rows.Next() {
		var e store.Event
		if err := rows.Scan(&e.ID, &e.RoundID, &e.ForumID, &e.Name, &e.Date, &e.Venue, &e.Capacity); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

func validEvent(e *store.Event) error {
	e.Name = strings.TrimSpace(e.Name)
	if e.Name == "" {
		return store.Errorf(store.EINVALID, "An event needs a name.")
	}
	if e.Capacity < 0 {
		return store.Errorf(store.EINVALID, "An event's capacity cannot be negative.")
	}
	return validDate("The event date", &e.Date)
}

// CreateEvent stores a new event, in a round or, as a meeting, in a forum.
func (d *DB) CreateEvent(ctx context.Context, e *store.Event) error {
	if err := validEvent(e); err != nil {
		return err
	}
	if (e.RoundID == 0) == (e.ForumID == 0) {
		return store.Errorf(store.EINVALID, "An event belongs to a round or, as a meeting, to a forum: one of them, not both.")
	}
	return d.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO events (round_id, forum_id, name, event_date, venue, capacity) VALUES (?, ?, ?, ?, ?, ?)`,
			nullID(e.RoundID), nullID(e.ForumID), e.Name, e.Date, e.Venue, e.Capacity)
		if err != nil {
			return constraint(err, "Event "+e.Name)
		}
		e.ID, err = res.LastInsertId()
		return err
	})
}

// UpdateEvent saves changes to an event's name, date, venue and capacity;
// its round or forum stays.
func (d *DB) UpdateEvent(ctx context.Context, e *store.Event) error {
	if err := validEvent(e); err != nil {
		return err
	}
	return d.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE events SET name = ?, event_date = ?, venue = ?, capacity = ? WHERE id = ?`,
			e.Name, e.Date, e.Venue, e.Capacity, e.ID)
		if err != nil {
			return err
		}
		return checkAffected(res, "Event %d does not exist.", e.ID)
	})
}

// DeleteEvent deletes an event with its agenda and attendees.
func (d *DB) DeleteEvent(ctx context.Context, id int64) error {
	return d.deleteRow(ctx, "events", "Event", id)
}

// Agenda returns an event's agenda in order.
func (d *DB) Agenda(ctx context.Context, eventID int64) ([]store.AgendaItem, error) {
	return agenda(ctx, d.db, eventID)
}

func agenda(ctx context.Context, q querier, eventID int64) ([]store.AgendaItem, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, event_id, position, starts, minutes, title, speaker FROM agenda_items WHERE event_id = ? ORDER BY position, starts, id`, eventID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []store.AgendaItem
	for rows.Next() {
		var a store.AgendaItem
		if err := rows.Scan(&a.ID, &a.EventID, &a.Position, &a.Starts, &a.Minutes, &a.Title, &a.Speaker); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// SaveAgendaItem creates (ID 0) or updates an agenda item.
func (d *DB) SaveAgendaItem(ctx context.Context, a *store.AgendaItem) error {
	a.Title = strings.TrimSpace(a.Title)
	if a.Title == "" {
		return store.Errorf(store.EINVALID, "An agenda item needs a title.")
	}
	if a.Starts != "" {
		if _, err := time.Parse("15:04", a.Starts); err != nil {
			return store.Errorf(store.EINVALID, "The start time %q is not a time; write it as HH:MM, e.g. 13:30.", a.Starts)
		}
	}
	if a.Minutes < 0 {
		return store.Errorf(store.EINVALID, "An agenda item cannot last a negative time.")
	}
	return d.write(ctx, func(tx *sql.Tx) error {
		if a.ID == 0 {
			res, err := tx.ExecContext(ctx, `INSERT INTO agenda_items (event_id, position, starts, minutes, title, speaker) VALUES (?, ?, ?, ?, ?, ?)`,
				a.EventID, a.Position, a.Starts, a.Minutes, a.Title, a.Speaker)
			if err != nil {
				return constraint(err, "The agenda item")
			}
			a.ID, err = res.LastInsertId()
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE agenda_items SET position = ?, starts = ?, minutes = ?, title = ?, speaker = ? WHERE id = ?`,
			a.Position, a.Starts, a.Minutes, a.Title, a.Speaker, a.ID)
		if err != nil {
			return err
		}
		return checkAffected(res, "Agenda item %d does not exist.", a.ID)
	})
}

// DeleteAgendaItem deletes an agenda item.
func (d *DB) DeleteAgendaItem(ctx context.Context, id int64) error {
	return d.deleteRow(ctx, "agenda_items", "Agenda item", id)
}

// Attendees returns an event's attendees by name.
func (d *DB) Attendees(ctx context.Context, eventID int64) ([]store.Attendee, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT id, event_id, coalesce(participant_id, 0), name, organisation, role, rsvp, checked_in_at,
		email, access_needs, dietary_needs, waitlisted_at FROM attendees WHERE event_id = ? ORDER BY name COLLATE NOCASE, id`, eventID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return scanAttendees(rows)
}

// scanAttendees reads the rows of an attendees query made with the
// columns Attendees selects.
func scanAttendees(rows *sql.Rows) ([]store.Attendee, error) {
	var out []store.Attendee
	for rows.Next() {
		var a store.Attendee
		var in, wait string
		if err := rows.Scan(&a.ID, &a.EventID, &a.ParticipantID, &a.Name, &a.Organisation, &a.Role, &a.RSVP, &in,
			&a.Email, &a.AccessNeeds, &a.DietaryNeeds, &wait); err != nil {
			return nil, err
		}
		if in != "" {
			a.CheckedInAt, _ = time.Parse(time.RFC3339, in)
		}
		if wait != "" {
			a.WaitlistedAt, _ = time.Parse(time.RFC3339Nano, wait)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// SaveAttendee creates (ID 0) or updates an attendee.
func (d *DB) SaveAttendee(ctx context.Context, a *store.Attendee) error {
	if err := validAttendee(a); err != nil {
		return err
	}
	return d.write(ctx, func(tx *sql.Tx) error { return saveAttendee(ctx, tx, a) })
}

// SaveAttendees creates or updates all of as in one transaction: all or none.
func (d *DB) SaveAttendees(ctx context.Context, as []store.Attendee) error {
	for i := range as {
		if err := validAttendee(&as[i]); err != nil {
			return store.Errorf(store.EINVALID, "Attendee %d: %s", i+1, store.ErrorMessage(err))
		}
	}
	return d.write(ctx, func(tx *sql.Tx) error {
		for i := range as {
			if err := saveAttendee(ctx, tx, &as[i]); err != nil {
				return err
			}
		}
		return nil
	})
}

func validAttendee(a *store.Attendee) error {
	a.Name = store.OneLine(a.Name)
	a.Organisation, a.Role = store.OneLine(a.Organisation), store.OneLine(a.Role)
	a.Email = strings.TrimSpace(a.Email)
	a.AccessNeeds, a.DietaryNeeds = strings.TrimSpace(a.AccessNeeds), strings.TrimSpace(a.DietaryNeeds)
	if a.Name == "" {
		return store.Errorf(store.EINVALID, "An attendee needs a name.")
	}
	if a.Email != "" && !store.WellFormedEmail(a.Email) {
		return store.Errorf(store.EINVALID, "%q %s.", a.Email, store.EmailProblem(a.Email))
	}
	if a.RSVP == "" {
		a.RSVP = store.RSVPInvited
	}
	switch a.RSVP {
	case store.RSVPInvited, store.RSVPAccepted, store.RSVPWaitlisted, store.RSVPDeclined:
		return nil
	}
	return store.Errorf(store.EINVALID, "%q is not an RSVP; use invited, accepted, waitlisted or declined.", a.RSVP)
}

// timeText stores a time as text that sorts as time does, "" for none.
func timeText(t time.Time, layout string) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(layout)
}

func saveAttendee(ctx context.Context, tx *sql.Tx, a *store.Attendee) error {
	in := timeText(a.CheckedInAt, time.RFC3339)
	if a.RSVP != store.RSVPWaitlisted {
		a.WaitlistedAt = time.Time{}
	}
	wait := timeText(a.WaitlistedAt, time.RFC3339Nano)
	if a.ID == 0 {
		res, err := tx.ExecContext(ctx, `INSERT INTO attendees (event_id, participant_id, name, organisation, role, rsvp, checked_in_at,
			email, access_needs, dietary_needs, waitlisted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			a.EventID, nullID(a.ParticipantID), a.Name, a.Organisation, a.Role, string(a.RSVP), in, a.Email, a.AccessNeeds, a.DietaryNeeds, wait)
		if err != nil {
			return constraint(err, "Attendee "+a.Name)
		}
		a.ID, err = res.LastInsertId()
		return err
	}
	res, err := tx.ExecContext(ctx, `UPDATE attendees SET participant_id = ?, name = ?, organisation = ?, role = ?, rsvp = ?, checked_in_at = ?,
		email = ?, access_needs = ?, dietary_needs = ?, waitlisted_at = ? WHERE id = ?`,
		nullID(a.ParticipantID), a.Name, a.Organisation, a.Role, string(a.RSVP), in, a.Email, a.AccessNeeds, a.DietaryNeeds, wait, a.ID)
	if err != nil {
		return constraint(err, "Attendee "+a.Name)
	}
	return checkAffected(res, "Attendee %d does not exist.", a.ID)
}

// DeleteAttendee deletes an attendee.
func (d *DB) DeleteAttendee(ctx context.Context, id int64) error {
	return d.deleteRow(ctx, "attendees", "Attendee", id)
}

// CheckIn records an attendee's arrival at t, or clears it when t is zero.
func (d *DB) CheckIn(ctx context.Context, attendeeID int64, t time.Time) error {
	in := ""
	if !t.IsZero() {
		in = t.UTC().Format(time.RFC3339)
	}
	return d.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE attendees SET checked_in_at = ? WHERE id = ?`, in, attendeeID)
		if err != nil {
			return err
		}
		return checkAffected(res, "Attendee %d does not exist.", attendeeID)
	})
}

// deleteRow deletes the row id from table (always one of our own constant
// table names, never user input) in its own transaction. Deleting from a
// table that holds personal data is followed by erase.
func (d *DB) deleteRow(ctx context.Context, table, noun string, id int64) error {
	err := d.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM `+table+` WHERE id = ?`, id)
		if err != nil {
			return err
		}
		return checkAffected(res, "%s %d does not exist.", noun, id)
	})
	if err != nil || !personal[table] {
		return err
	}
	return d.erase(ctx)
}
