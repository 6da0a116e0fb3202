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
	rows, err := d.db.QueryContext(ctx, `SELECT id, round_id, title, prompted_by, coalesce(pairing_id, 0), owner, group_name, status,
		started_on, completed_on, impact, links, output_type, adopted_by, coalesce(saving, 0), saving_unit, saving_note, theme,
		coalesce(reflection_id, 0) FROM projects WHERE round_id = ? ORDER BY id`, roundID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []store.Project
	for rows.Next() {
		var p store.Project
		var adopted string
		if err := rows.Scan(&p.ID, &p.RoundID, &p.Title, &p.PromptedBy, &p.PairingID, &p.Owner, &p.Group, &p.Status,
			&p.StartedOn, &p.CompletedOn, &p.Impact, &p.Links, &p.Output, &adopted, &p.Saving, &p.SavingUnit, &p.SavingNote,
			&p.Theme, &p.ReflectionID); err != nil {
			return nil, err
		}
		p.AdoptedBy = splitList(adopted)
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
		res, err := tx.ExecContext(ctx, `INSERT INTO projects (round_id, title, prompted_by, pairing_id, owner, group_name, status,
			started_on, completed_on, impact, links, output_type, adopted_by, saving, saving_unit, saving_note, theme, reflection_id)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, p.RoundID, p.Title, p.PromptedBy, nullID(p.PairingID), p.Owner, p.Group,
			string(p.Status), p.StartedOn, p.CompletedOn, p.Impact, p.Links, string(p.Output), joinList(p.AdoptedBy), nullSaving(p),
			p.SavingUnit, p.SavingNote, p.Theme, nullID(p.ReflectionID))
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
		res, err := tx.ExecContext(ctx, `UPDATE projects SET title = ?, prompted_by = ?, pairing_id = ?, owner = ?, group_name = ?, status = ?,
			started_on = ?, completed_on = ?, impact = ?, links = ?, output_type = ?, adopted_by = ?, saving = ?, saving_unit = ?,
			saving_note = ?, theme = ?, reflection_id = ? WHERE id = ?`, p.Title, p.PromptedBy, nullID(p.PairingID), p.Owner, p.Group,
			string(p.Status), p.StartedOn, p.CompletedOn, p.Impact, p.Links, string(p.Output), joinList(p.AdoptedBy), nullSaving(p),
			p.SavingUnit, p.SavingNote, p.Theme, nullID(p.ReflectionID), p.ID)
		if err != nil {
			return constraint(err, "Project "+p.Title)
		}
		return checkAffected(res, "Project %d does not exist.", p.ID)
	})
}

// DeleteProject deletes a project.
func (d *DB) DeleteProject(ctx context.Context, id int64) error {
	return d.deleteRow(ctx, "projects", "Project", id)
}
