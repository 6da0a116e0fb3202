package sqlite

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"time"

	"github.com/liaisonapp/liaison/store"
)

// Rounds lists every round, most recent first. created_at is RFC 3339 text
// with trimmed fractional seconds, which does not sort as text
// ("12:00:00.15Z" < "12:00:00.1Z"), so it is ordered as a time.
func (d *DB) Rounds(ctx context.Context) ([]store.Round, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT id, name, starts_on, ends_on, created_at FROM rounds ORDER BY julianday(created_at) DESC, id DESC`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []store.Round
	for rows.Next() {
		var r store.Round
		var created string
		if err := rows.Scan(&r.ID, &r.Name, &r.StartsOn, &r.EndsOn, &created); err != nil {
			return nil, err
		}
		r.CreatedAt, _ = time.Parse(time.RFC3339Nano, created)
		out = append(out, r)
	}
	return out, rows.Err()
}

// RoundByName finds a round by name, ignoring case.
func (d *DB) RoundByName(ctx context.Context, name string) (store.Round, error) {
	var r store.Round
	var created string
	err := d.db.QueryRowContext(ctx, `SELECT id, name, starts_on, ends_on, created_at FROM rounds WHERE lower(name) = lower(?)`,
		strings.TrimSpace(name)).Scan(&r.ID, &r.Name, &r.StartsOn, &r.EndsOn, &created)
	if err != nil {
		return r, notFound(err, "There is no round called %q.", name)
	}
	r.CreatedAt, _ = time.Parse(time.RFC3339Nano, created)
	return r, nil
}

// CreateRound stores a new round with the four published questions.
func (d *DB) CreateRound(ctx context.Context, r *store.Round) error {
	return d.write(ctx, func(tx *sql.Tx) error { return d.createRound(ctx, tx, r) })
}

// validDate checks a date and writes it back as YYYY-MM-DD, so that a date
// typed the British way (15/10/2026) is stored like every other.
func validDate(field string, s *string) error {
	d, err := store.ParseDateField(field, *s)
	if err != nil {
		return err
	}
	*s = d
	return nil
}

func (d *DB) createRound(ctx context.Context, tx *sql.Tx, r *store.Round) error {
	if err := d.checkRound(r); err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO rounds (name, starts_on, ends_on, created_at) VALUES (?, ?, ?, ?)`,
		r.Name, r.StartsOn, r.EndsOn, r.CreatedAt.Format(time.RFC3339Nano))
	if err != nil {
		return constraint(err, "A round called "+strconv.Quote(r.Name))
	}
	if r.ID, err = res.LastInsertId(); err != nil {
		return err
	}
	return addPublishedQuestions(ctx, tx, r.ID)
}

// checkRound checks a new round's name and dates, tidies them as stored,
// and stamps its creation time.
func (d *DB) checkRound(r *store.Round) error {
	r.Name = store.OneLine(r.Name)
	if r.Name == "" {
		return store.Errorf(store.EINVALID, "A round needs a name.")
	}
	if len(r.Name) > store.MaxText {
		return store.Errorf(store.EINVALID, "A round's name can be at most %d characters long.", store.MaxText)
	}
	if err := validDate("The start date", &r.StartsOn); err != nil {
		return err
	}
	if err := validDate("The end date", &r.EndsOn); err != nil {
		return err
	}
	if r.StartsOn != "" && r.EndsOn != "" && r.EndsOn < r.StartsOn {
		return store.Errorf(store.EINVALID, "The round ends (%s) before it starts (%s).", r.EndsOn, r.StartsOn)
	}
	r.CreatedAt = d.Now().UTC()
	return nil
}

func addPublishedQuestions(ctx context.Context, tx *sql.Tx, roundID int64) error {
	for i, text := range store.PublishedQuestions {
		if _, err := tx.ExecContext(ctx, `INSERT INTO questions (round_id, position, text) VALUES (?, ?, ?)`, roundID, i+1, text); err != nil {
			return err
		}
	}
	return nil
}

// ensureRound returns the round called name inside tx, creating it (with
// the published questions) when there is none. Two processes that name
// the same new round at once both get it: the insert does nothing when the
// other got there first, and the read-back in the same transaction finds
// its round. created says whether this call made it.
func (d *DB) ensureRound(ctx context.Context, tx *sql.Tx, name string) (r store.Round, created bool, err error) {
	r = store.Round{Name: name}
	if err := d.checkRound(&r); err != nil {
		return r, false, err
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO rounds (name, starts_on, ends_on, created_at) VALUES (?, '', '', ?) ON CONFLICT DO NOTHING`,
		r.Name, r.CreatedAt.Format(time.RFC3339Nano))
	if err != nil {
		return r, false, err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return r, false, err
	}
	var createdAt string
	if err := tx.QueryRowContext(ctx, `SELECT id, name, starts_on, ends_on, created_at FROM rounds WHERE lower(name) = lower(?)`, r.Name).
		Scan(&r.ID, &r.Name, &r.StartsOn, &r.EndsOn, &createdAt); err != nil {
		return r, false, err
	}
	r.CreatedAt, _ = time.Parse(time.RFC3339Nano, createdAt)
	if n == 1 {
		if err := addPublishedQuestions(ctx, tx, r.ID); err != nil {
			return r, false, err
		}
	}
	return r, n == 1, nil
}

// ResolveRound returns the round named name, creating it when it does not
// exist. With no name it returns the most recent round, or creates one
// named after now's year when the database has none.
func (d *DB) ResolveRound(ctx context.Context, name string, now time.Time) (store.Round, error) {
	r, found, err := d.LookupRound(ctx, name, now)
	if err != nil || found {
		return r, err
	}
	err = d.write(ctx, func(tx *sql.Tx) error {
		r, _, err = d.ensureRound(ctx, tx, r.Name)
		return err
	})
	return r, err
}

// txKey carries InNewRound's transaction in a context, for write to join.
type txKey struct{}

// InNewRound creates the round called name (or finds it, when another
// command has just created it) and runs fn with it in the same
// transaction: every write fn makes through ctx joins that transaction,
// and commits with it or not at all. An import into a round that does not
// exist yet runs inside it, so a refused or killed import leaves no empty
// round behind. Reads in fn see the database as it was before.
func (d *DB) InNewRound(ctx context.Context, name string, fn func(ctx context.Context, r store.Round) error) (store.Round, error) {
	var r store.Round
	err := d.write(ctx, func(tx *sql.Tx) error {
		var err error
		if r, _, err = d.ensureRound(ctx, tx, name); err != nil {
			return err
		}
		return fn(context.WithValue(ctx, txKey{}, tx), r)
	})
	if err != nil {
		return store.Round{}, err
	}
	return r, nil
}

// ExistingRound resolves a round for a command that only reads: the round
// called name, or with no name the most recent one. It never creates a
// round: an unknown name is an ENOTFOUND error that lists the rounds there
// are, so a typo is caught rather than charted as an empty round.
func (d *DB) ExistingRound(ctx context.Context, name string) (store.Round, error) {
	r, found, err := d.LookupRound(ctx, name, d.Now())
	if err != nil || found {
		return r, err
	}
	rs, err := d.Rounds(ctx)
	if err != nil {
		return store.Round{}, err
	}
	if len(rs) == 0 {
		return store.Round{}, store.Errorf(store.ENOTFOUND, "The database has no rounds yet. Import a sign-up sheet or a feedback export (which create the round), or create one in the app.")
	}
	names := make([]string, len(rs))
	for i, r := range rs {
		names[i] = strconv.Quote(r.Name)
	}
	return store.Round{}, store.Errorf(store.ENOTFOUND, "There is no round called %q. The rounds are: %s.", strings.TrimSpace(name), strings.Join(names, ", "))
}

// LookupRound resolves a round as ResolveRound does, without creating it:
// when found is false, r holds only the name the new round would get. A
// command that must not write on failure looks first and creates the
// round only once its input has been checked.
func (d *DB) LookupRound(ctx context.Context, name string, now time.Time) (r store.Round, found bool, err error) {
	if name = strings.TrimSpace(name); name != "" {
		r, err = d.RoundByName(ctx, name)
		if store.ErrorCode(err) == store.ENOTFOUND {
			return store.Round{Name: name}, false, nil
		}
		return r, err == nil, err
	}
	rs, err := d.Rounds(ctx)
	if err != nil {
		return store.Round{}, false, err
	}
	if len(rs) > 0 {
		return rs[0], true, nil
	}
	return store.Round{Name: strconv.Itoa(now.Year())}, false, nil
}

// DeleteRound deletes a round and everything in it.
func (d *DB) DeleteRound(ctx context.Context, id int64) error {
	err := d.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM rounds WHERE id = ?`, id)
		if err != nil {
			return err
		}
		if err := checkAffected(res, "Round %d does not exist.", id); err != nil {
			return err
		}
		// The round's own settings (the organiser's name and contact among
		// them) go with it; a later round given the same ID starts clean.
		// substr, not LIKE, as LIKE would treat a "_" in a key as a wildcard.
		prefix := store.RoundKeyPrefix(id)
		_, err = tx.ExecContext(ctx, `DELETE FROM settings WHERE substr(key, 1, ?) = ?`, len(prefix), prefix)
		return err
	})
	if err != nil {
		return err
	}
	// Nothing of the round may stay readable once this returns.
	return d.erase(ctx)
}
