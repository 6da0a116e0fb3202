package sqlite

import (
	"context"
	"database/sql"
	"strings"

	"github.com/liaisonapp/liaison/store"
)

// Reflections returns the round's reflections with their themes.
func (d *DB) Reflections(ctx context.Context, roundID int64) ([]store.Reflection, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT r.id, r.body, r.approved, r.excerpt, coalesce(group_concat(t.name, ';'), '')
		FROM reflections r
		LEFT JOIN reflection_themes rt ON rt.reflection_id = r.id
		LEFT JOIN themes t ON t.id = rt.theme_id
		WHERE r.round_id = ? GROUP BY r.id ORDER BY r.id`, roundID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []store.Reflection
	for rows.Next() {
		r := store.Reflection{RoundID: roundID}
		var themes string
		if err := rows.Scan(&r.ID, &r.Body, &r.Approved, &r.Excerpt, &themes); err != nil {
			return nil, err
		}
		r.Themes = splitList(themes)
		out = append(out, r)
	}
	return out, rows.Err()
}

func validReflection(r *store.Reflection) error {
	r.Body = strings.TrimSpace(r.Body)
	r.Excerpt = strings.TrimSpace(r.Excerpt)
	if r.Body == "" {
		return store.Errorf(store.EINVALID, "A reflection needs some text.")
	}
	if r.Excerpt != "" && !strings.Contains(r.Body, r.Excerpt) {
		return store.Errorf(store.EINVALID, "The approved excerpt must be taken word for word from the reflection.")
	}
	return nil
}

// CreateReflection stores a reflection with its themes; a theme not yet
// known is created.
func (d *DB) CreateReflection(ctx context.Context, r *store.Reflection) error {
	if err := validReflection(r); err != nil {
		return err
	}
	return d.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO reflections (round_id, body, approved, excerpt) VALUES (?, ?, ?, ?)`,
			r.RoundID, r.Body, boolInt(r.Approved), r.Excerpt)
		if err != nil {
			return constraint(err, "The reflection")
		}
		if r.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		return setThemes(ctx, tx, r)
	})
}

// UpdateReflection saves a reflection's text, approval and themes.
func (d *DB) UpdateReflection(ctx context.Context, r *store.Reflection) error {
	if err := validReflection(r); err != nil {
		return err
	}
	return d.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE reflections SET body = ?, approved = ?, excerpt = ? WHERE id = ?`,
			r.Body, boolInt(r.Approved), r.Excerpt, r.ID)
		if err != nil {
			return err
		}
		if err := checkAffected(res, "Reflection %d does not exist.", r.ID); err != nil {
			return err
		}
		return setThemes(ctx, tx, r)
	})
}

func setThemes(ctx context.Context, tx *sql.Tx, r *store.Reflection) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM reflection_themes WHERE reflection_id = ?`, r.ID); err != nil {
		return err
	}
	for _, name := range r.Themes {
		name = strings.TrimSpace(strings.ReplaceAll(name, ";", ","))
		if name == "" {
			continue
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO themes (name) VALUES (?) ON CONFLICT DO NOTHING`, name); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO reflection_themes (reflection_id, theme_id)
			SELECT ?, id FROM themes WHERE lower(name) = lower(?)`, r.ID, name); err != nil {
			return err
		}
	}
	return nil
}

// DeleteReflection deletes a reflection.
func (d *DB) DeleteReflection(ctx context.Context, id int64) error {
	return d.deleteRow(ctx, "reflections", "Reflection", id)
}

// Themes lists every theme, the scheme's five first.
func (d *DB) Themes(ctx context.Context) ([]store.Theme, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT id, name, keywords, builtin FROM themes ORDER BY builtin DESC, id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []store.Theme
	for rows.Next() {
		var t store.Theme
		var kw string
		if err := rows.Scan(&t.ID, &t.Name, &kw, &t.Builtin); err != nil {
			return nil, err
		}
		t.Keywords = splitList(kw)
		out = append(out, t)
	}
	return out, rows.Err()
}

// SaveTheme creates a theme (ID 0) or saves its name and keywords.
func (d *DB) SaveTheme(ctx context.Context, t *store.Theme) error {
	t.Name = strings.TrimSpace(t.Name)
	if t.Name == "" {
		return store.Errorf(store.EINVALID, "A theme needs a name.")
	}
	return d.write(ctx, func(tx *sql.Tx) error {
		if t.ID == 0 {
			res, err := tx.ExecContext(ctx, `INSERT INTO themes (name, keywords) VALUES (?, ?)`, t.Name, joinList(t.Keywords))
			if err != nil {
				return constraint(err, "A theme called "+t.Name)
			}
			t.ID, err = res.LastInsertId()
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE themes SET name = ?, keywords = ? WHERE id = ?`, t.Name, joinList(t.Keywords), t.ID)
		if err != nil {
			return constraint(err, "A theme called "+t.Name)
		}
		return checkAffected(res, "Theme %d does not exist.", t.ID)
	})
}

// DeleteTheme deletes one of the organiser's own themes; the scheme's five
// stay.
func (d *DB) DeleteTheme(ctx context.Context, id int64) error {
	return d.write(ctx, func(tx *sql.Tx) error {
		var builtin bool
		if err := tx.QueryRowContext(ctx, `SELECT builtin FROM themes WHERE id = ?`, id).Scan(&builtin); err != nil {
			return notFound(err, "Theme %d does not exist.", id)
		}
		if builtin {
			return store.Errorf(store.EINVALID, "The scheme's five themes cannot be deleted.")
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM themes WHERE id = ?`, id)
		return err
	})
}
