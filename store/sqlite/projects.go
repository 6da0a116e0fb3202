package sqlite

import (
	"context"
	"database/sql"
	"slices"
	"strings"

	"github.com/liaisonapp/liaison/store"
)

// Projects returns the round's improvement projects.
func (d *DB) Projects(ctx context.Context, roundID int64) ([]store.Project, error) {
	return projects(ctx, d.db, `WHERE p.round_id = ? ORDER BY p.id`, roundID)
}

// projects reads the projects that where (a WHERE clause with its ORDER
// BY, never user input, on projects p) picks, with their group's name and
// the meeting that agreed them.
func projects(ctx context.Context, q querier, where string, args ...any) ([]store.Project, error) {
	rows, err := q.QueryContext(ctx, `SELECT p.id, p.round_id, p.title, p.prompted_by, coalesce(p.pairing_id, 0), p.owner,
		coalesce(g.name, ''), coalesce(p.group_id, 0), p.status, p.started_on, p.completed_on, p.impact, p.links, p.output_type,
		p.adopted_by, coalesce(p.saving, 0), p.saving_unit, p.saving_note, p.theme, coalesce(p.reflection_id, 0),
		coalesce(p.meeting_id, 0), coalesce(m.name, ''), coalesce(m.event_date, '')
		FROM projects p LEFT JOIN task_groups g ON g.id = p.group_id LEFT JOIN events m ON m.id = p.meeting_id `+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []store.Project
	for rows.Next() {
		var p store.Project
		var adopted, meeting, met string
		if err := rows.Scan(&p.ID, &p.RoundID, &p.Title, &p.PromptedBy, &p.PairingID, &p.Owner, &p.Group, &p.GroupID, &p.Status,
			&p.StartedOn, &p.CompletedOn, &p.Impact, &p.Links, &p.Output, &adopted, &p.Saving, &p.SavingUnit, &p.SavingNote,
			&p.Theme, &p.ReflectionID, &p.MeetingID, &meeting, &met); err != nil {
			return nil, err
		}
		p.AdoptedBy = splitList(adopted)
		if p.MeetingID != 0 {
			p.Meeting = store.MeetingLabel(store.Event{Name: meeting, Date: met})
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

func validProject(p *store.Project) error {
	p.Title = strings.TrimSpace(p.Title)
	if p.Title == "" {
		return store.Errorf(store.EINVALID, "A project needs a title.")
	}
	if p.Status == "" {
		p.Status = store.ProjectIdea
	}
	if !p.Status.Valid() {
		return store.Errorf(store.EINVALID, "%q is not a project status; use idea, in progress, completed or stopped.", p.Status)
	}
	if err := validDate("The start date", &p.StartedOn); err != nil {
		return err
	}
	if err := validDate("The completion date", &p.CompletedOn); err != nil {
		return err
	}
	if !p.Output.Valid() {
		return store.Errorf(store.EINVALID, "%q is not a kind of output; use one of: letter template, directory, leaflet, pathway, guideline or other.", p.Output)
	}
	if p.Saving < 0 {
		return store.Errorf(store.EINVALID, "Project %q saves a negative amount (%v); an estimate of what it saved is zero or more.", p.Title, p.Saving)
	}
	p.SavingUnit = store.OneLine(p.SavingUnit)
	p.Theme = store.OneLine(p.Theme)
	var orgs []string
	for _, o := range p.AdoptedBy {
		if o = store.OneLine(o); o != "" && !slices.Contains(orgs, o) {
			orgs = append(orgs, o)
		}
	}
	p.AdoptedBy = orgs
	if p.StartedOn != "" && p.CompletedOn != "" && p.CompletedOn < p.StartedOn {
		return store.Errorf(store.EINVALID, "Project %q is completed (%s) before it started (%s).", p.Title, p.CompletedOn, p.StartedOn)
	}
	return nil
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// nullSaving stores "no estimate" as NULL rather than 0.
func nullSaving(p *store.Project) any {
	if p.Saving == 0 && p.SavingUnit == "" {
		return nil
	}
	return p.Saving
}

// CreateProject stores a new project.
func (d *DB) CreateProject(ctx context.Context, p *store.Project) error {
	if err := validProject(p); err != nil {
		return err
	}
	return d.write(ctx, func(tx *sql.Tx) error {
		if err := linkProject(ctx, tx, p); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO projects (round_id, title, prompted_by, pairing_id, owner, group_name, status,
			started_on, completed_on, impact, links, output_type, adopted_by, saving, saving_unit, saving_note, theme, reflection_id,
			group_id, meeting_id)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, p.RoundID, p.Title, p.PromptedBy, nullID(p.PairingID), p.Owner, p.Group,
			string(p.Status), p.StartedOn, p.CompletedOn, p.Impact, p.Links, string(p.Output), joinList(p.AdoptedBy), nullSaving(p),
			p.SavingUnit, p.SavingNote, p.Theme, nullID(p.ReflectionID), nullID(p.GroupID), nullID(p.MeetingID))
		if err != nil {
			return constraint(err, "Project "+p.Title)
		}
		p.ID, err = res.LastInsertId()
		return err
	})
}

// UpdateProject saves changes to a project.
func (d *DB) UpdateProject(ctx context.Context, p *store.Project) error {
	if err := validProject(p); err != nil {
		return err
	}
	return d.write(ctx, func(tx *sql.Tx) error {
		if err := linkProject(ctx, tx, p); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE projects SET title = ?, prompted_by = ?, pairing_id = ?, owner = ?, group_name = ?, status = ?,
			started_on = ?, completed_on = ?, impact = ?, links = ?, output_type = ?, adopted_by = ?, saving = ?, saving_unit = ?,
			saving_note = ?, theme = ?, reflection_id = ?, group_id = ?, meeting_id = ? WHERE id = ?`, p.Title, p.PromptedBy, nullID(p.PairingID), p.Owner, p.Group,
			string(p.Status), p.StartedOn, p.CompletedOn, p.Impact, p.Links, string(p.Output), joinList(p.AdoptedBy), nullSaving(p),
			p.SavingUnit, p.SavingNote, p.Theme, nullID(p.ReflectionID), nullID(p.GroupID), nullID(p.MeetingID), p.ID)
		if err != nil {
			return constraint(err, "Project "+p.Title)
		}
		return checkAffected(res, "Project %d does not exist.", p.ID)
	})
}

// linkProject resolves a project's group by name (creating a new one) and
// checks its meeting, inside tx, before it is written.
func linkProject(ctx context.Context, tx *sql.Tx, p *store.Project) error {
	id, name, err := groupID(ctx, tx, p.Group)
	if err != nil {
		return err
	}
	p.GroupID, p.Group = id, name
	if err := checkMeeting(ctx, tx, p); err != nil {
		return err
	}
	p.Meeting = ""
	if p.MeetingID != 0 {
		var e store.Event
		if err := tx.QueryRowContext(ctx, `SELECT name, event_date FROM events WHERE id = ?`, p.MeetingID).Scan(&e.Name, &e.Date); err != nil {
			return err
		}
		p.Meeting = store.MeetingLabel(e)
	}
	return nil
}

// DeleteProject deletes a project.
func (d *DB) DeleteProject(ctx context.Context, id int64) error {
	return d.deleteRow(ctx, "projects", "Project", id)
}
