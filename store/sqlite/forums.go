package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/liaisonapp/liaison/store"
)

// Forums lists every forum by name.
func (d *DB) Forums(ctx context.Context) ([]store.Forum, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT id, name, interval_n, interval_unit, venue FROM forums ORDER BY name COLLATE NOCASE, id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []store.Forum
	for rows.Next() {
		var f store.Forum
		if err := rows.Scan(&f.ID, &f.Name, &f.Every.N, &f.Every.Unit, &f.Venue); err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// SaveForum creates (ID 0) or updates a forum.
func (d *DB) SaveForum(ctx context.Context, f *store.Forum) error {
	f.Name, f.Venue = store.OneLine(f.Name), store.OneLine(f.Venue)
	if f.Name == "" {
		return store.Errorf(store.EINVALID, "A forum needs a name.")
	}
	if !f.Every.Valid() {
		return store.Errorf(store.EINVALID, "A forum meets every 1 to 52 weeks or every 1 to 12 months, not %s.", f.Every)
	}
	return d.write(ctx, func(tx *sql.Tx) error {
		if f.ID == 0 {
			res, err := tx.ExecContext(ctx, `INSERT INTO forums (name, interval_n, interval_unit, venue, created_at) VALUES (?, ?, ?, ?, ?)`,
				f.Name, f.Every.N, string(f.Every.Unit), f.Venue, d.Now().UTC().Format(time.RFC3339Nano))
			if err != nil {
				return constraint(err, "A forum called "+f.Name)
			}
			f.ID, err = res.LastInsertId()
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE forums SET name = ?, interval_n = ?, interval_unit = ?, venue = ? WHERE id = ?`,
			f.Name, f.Every.N, string(f.Every.Unit), f.Venue, f.ID)
		if err != nil {
			return constraint(err, "A forum called "+f.Name)
		}
		return checkAffected(res, "Forum %d does not exist.", f.ID)
	})
}

// DeleteForum deletes a forum with its meetings (and so their agendas and
// attendees); projects agreed at them lose the link and stay.
func (d *DB) DeleteForum(ctx context.Context, id int64) error {
	return d.deleteRow(ctx, "forums", "Forum", id)
}

// Meetings returns the forum's meetings by date (undated last), with how
// many are on each list, accepted and checked in, and its actions.
func (d *DB) Meetings(ctx context.Context, forumID int64) ([]store.Meeting, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT `+eventColumns+`,
		(SELECT count(*) FROM attendees a WHERE a.event_id = e.id),
		(SELECT count(*) FROM attendees a WHERE a.event_id = e.id AND a.rsvp = 'accepted'),
		(SELECT count(*) FROM attendees a WHERE a.event_id = e.id AND a.checked_in_at <> ''),
		(SELECT count(*) FROM projects p WHERE p.meeting_id = e.id)
		FROM events e WHERE forum_id = ? ORDER BY event_date = '', event_date, id`, forumID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []store.Meeting
	for rows.Next() {
		var m store.Meeting
		if err := rows.Scan(&m.ID, &m.RoundID, &m.ForumID, &m.Name, &m.Date, &m.Venue, &m.Capacity,
			&m.Invited, &m.Accepted, &m.CheckedIn, &m.Actions); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// ForumMeetings returns every forum's meetings, latest first.
func (d *DB) ForumMeetings(ctx context.Context) ([]store.Event, error) {
	return events(ctx, d.db, `WHERE forum_id IS NOT NULL ORDER BY event_date DESC, id DESC`)
}

// NewMeetingFrom creates the forum's next meeting from its last one (the
// latest dated, else the latest created) in one transaction; see
// store.ForumService.
func (d *DB) NewMeetingFrom(ctx context.Context, forumID int64, date string) (store.Event, error) {
	if err := validDate("The meeting's date", &date); err != nil {
		return store.Event{}, err
	}
	if date == "" {
		return store.Event{}, store.Errorf(store.EINVALID, "Give the new meeting a date.")
	}
	var e store.Event
	err := d.write(ctx, func(tx *sql.Tx) error {
		var f store.Forum
		err := tx.QueryRowContext(ctx, `SELECT id, name, venue FROM forums WHERE id = ?`, forumID).Scan(&f.ID, &f.Name, &f.Venue)
		if err != nil {
			return notFound(err, "Forum %d does not exist.", forumID)
		}
		e = store.Event{ForumID: f.ID, Name: f.Name, Date: date, Venue: f.Venue}
		var taken int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM events WHERE forum_id = ? AND event_date = ?`, forumID, date).Scan(&taken); err != nil {
			return err
		}
		if taken > 0 {
			return store.Errorf(store.ECONFLICT, "%s already meets on %s; choose another date.", f.Name, store.DayMonthYear(date))
		}
		// The last meeting: the latest dated one, else the latest made.
		last, err := events(ctx, tx, `WHERE forum_id = ? ORDER BY event_date = '', event_date DESC, id DESC LIMIT 1`, forumID)
		if err != nil {
			return err
		}
		if len(last) == 1 {
			from := last[0]
			e.Name, e.Capacity = from.Name, from.Capacity
			if from.Venue != "" {
				e.Venue = from.Venue
			}
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO events (forum_id, name, event_date, venue, capacity) VALUES (?, ?, ?, ?, ?)`,
			e.ForumID, e.Name, e.Date, e.Venue, e.Capacity)
		if err != nil {
			return constraint(err, "The meeting")
		}
		if e.ID, err = res.LastInsertId(); err != nil || len(last) == 0 {
			return err
		}
		// The agenda's shape, and everyone on the list invited afresh:
		// their answers, arrivals, waitlist places and needs belong to the
		// last meeting (needs are health data, entered per meeting).
		if _, err := tx.ExecContext(ctx, `INSERT INTO agenda_items (event_id, position, starts, minutes, title, speaker)
			SELECT ?, position, starts, minutes, title, speaker FROM agenda_items WHERE event_id = ? ORDER BY position, starts, id`,
			e.ID, last[0].ID); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO attendees (event_id, participant_id, name, organisation, role, rsvp, email)
			SELECT ?, participant_id, name, organisation, role, 'invited', email FROM attendees WHERE event_id = ? ORDER BY id`,
			e.ID, last[0].ID)
		return err
	})
	if err != nil {
		return store.Event{}, err
	}
	return e, nil
}

// MeetingProjects returns the projects agreed at a meeting, from every round.
func (d *DB) MeetingProjects(ctx context.Context, eventID int64) ([]store.Project, error) {
	return projects(ctx, d.db, `WHERE p.meeting_id = ? ORDER BY p.id`, eventID)
}

// GroupProjects returns the projects a group owns, from every round.
func (d *DB) GroupProjects(ctx context.Context, groupID int64) ([]store.Project, error) {
	return projects(ctx, d.db, `WHERE p.group_id = ? ORDER BY p.id`, groupID)
}

// TaskGroups lists every task-and-finish group by name.
func (d *DB) TaskGroups(ctx context.Context) ([]store.TaskGroup, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT id, name, lead, members FROM task_groups ORDER BY name COLLATE NOCASE, id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []store.TaskGroup
	for rows.Next() {
		var g store.TaskGroup
		var members string
		if err := rows.Scan(&g.ID, &g.Name, &g.Lead, &members); err != nil {
			return nil, err
		}
		g.Members = memberLines(members)
		out = append(out, g)
	}
	return out, rows.Err()
}

// memberLines splits the stored members, one name per line.
func memberLines(s string) []string {
	var out []string
	for _, m := range strings.Split(s, "\n") {
		if m = store.OneLine(m); m != "" && !slices.Contains(out, m) {
			out = append(out, m)
		}
	}
	return out
}

// SaveTaskGroup creates (ID 0) or updates a group, renaming it for the
// projects it owns.
func (d *DB) SaveTaskGroup(ctx context.Context, g *store.TaskGroup) error {
	g.Name, g.Lead = store.OneLine(g.Name), store.OneLine(g.Lead)
	g.Members = memberLines(strings.Join(g.Members, "\n"))
	if g.Name == "" {
		return store.Errorf(store.EINVALID, "A task-and-finish group needs a name.")
	}
	members := strings.Join(g.Members, "\n")
	return d.write(ctx, func(tx *sql.Tx) error {
		if g.ID == 0 {
			res, err := tx.ExecContext(ctx, `INSERT INTO task_groups (name, lead, members) VALUES (?, ?, ?)`, g.Name, g.Lead, members)
			if err != nil {
				return constraint(err, "A group called "+g.Name)
			}
			g.ID, err = res.LastInsertId()
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE task_groups SET name = ?, lead = ?, members = ? WHERE id = ?`, g.Name, g.Lead, members, g.ID)
		if err != nil {
			return constraint(err, "A group called "+g.Name)
		}
		if err := checkAffected(res, "Group %d does not exist.", g.ID); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE projects SET group_name = ? WHERE group_id = ?`, g.Name, g.ID)
		return err
	})
}

// DeleteTaskGroup deletes a group; the projects it owned keep no group.
// Its lead's and members' names are then made unreadable in the file
// (erase), as with every deletion of personal data.
func (d *DB) DeleteTaskGroup(ctx context.Context, id int64) error {
	err := d.write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE projects SET group_name = '', group_id = NULL WHERE group_id = ?`, id); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM task_groups WHERE id = ?`, id)
		if err != nil {
			return err
		}
		return checkAffected(res, "Group %d does not exist.", id)
	})
	if err != nil {
		return err
	}
	return d.erase(ctx)
}

// groupID finds the task-and-finish group called name (ignoring case),
// creating it when there is none, inside tx; 0 for no name. The insert
// does nothing when another writer has just created the group, and the
// group is read back either way.
func groupID(ctx context.Context, tx *sql.Tx, name string) (int64, string, error) {
	name = store.OneLine(name)
	if name == "" {
		return 0, "", nil
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO task_groups (name) VALUES (?) ON CONFLICT DO NOTHING`, name); err != nil {
		return 0, "", err
	}
	var id int64
	err := tx.QueryRowContext(ctx, `SELECT id, name FROM task_groups WHERE lower(name) = lower(?)`, name).Scan(&id, &name)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, "", store.Errorf(store.EINTERNAL, "The group %q could not be stored.", name)
	}
	return id, name, err
}

// checkMeeting refuses a project's link to an event that is not a forum
// meeting, inside tx.
func checkMeeting(ctx context.Context, tx *sql.Tx, p *store.Project) error {
	if p.MeetingID == 0 {
		return nil
	}
	var forum sql.NullInt64
	err := tx.QueryRowContext(ctx, `SELECT forum_id FROM events WHERE id = ?`, p.MeetingID).Scan(&forum)
	if err != nil {
		return notFound(err, "Project %q is linked to meeting %d, which does not exist.", p.Title, p.MeetingID)
	}
	if !forum.Valid {
		return store.Errorf(store.EINVALID, "Project %q can only be linked to a forum meeting, and event %d is a round's event.", p.Title, p.MeetingID)
	}
	return nil
}
