package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/liaisonapp/liaison/store"
)

// FindPairings returns the round's pairings with both people and both
// visits, one row per pair, reading only the people who are paired.
func (d *DB) FindPairings(ctx context.Context, roundID int64) ([]store.Pairing, error) {
	const person = `%[1]s.id, %[1]s.round_id, %[1]s.name, %[1]s.email, %[1]s.role, %[1]s.organisation, %[1]s.specialty, %[1]s.locality, %[1]s.wishes, %[1]s.places, %[1]s.request`
	const visit = `%[1]s.id, %[1]s.host, %[1]s.visit_date, %[1]s.session, %[1]s.status, %[1]s.notes, %[1]s.reflection_received`
	rows, err := d.db.QueryContext(ctx, `SELECT p.id, p.round_id, p.locked, p.reason, `+
		fmt.Sprintf(person, "a")+`, `+fmt.Sprintf(person, "b")+`, `+fmt.Sprintf(visit, "v1")+`, `+fmt.Sprintf(visit, "v2")+`
		FROM pairings p
		JOIN participants a ON a.id = p.primary_id
		JOIN participants b ON b.id = p.secondary_id
		JOIN visits v1 ON v1.pairing_id = p.id AND v1.host = 'primary'
		JOIN visits v2 ON v2.pairing_id = p.id AND v2.host = 'secondary'
		WHERE p.round_id = ? ORDER BY p.id`, roundID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []store.Pairing
	for rows.Next() {
		var p store.Pairing
		var wa, wb string
		a, b, v1, v2 := &p.Primary, &p.Secondary, &p.Visits[0], &p.Visits[1]
		if err := rows.Scan(&p.ID, &p.RoundID, &p.Locked, &p.Reason,
			&a.ID, &a.RoundID, &a.Name, &a.Email, &a.Role, &a.Organisation, &a.Specialty, &a.Locality, &wa, &a.Places, &a.Request,
			&b.ID, &b.RoundID, &b.Name, &b.Email, &b.Role, &b.Organisation, &b.Specialty, &b.Locality, &wb, &b.Places, &b.Request,
			&v1.ID, &v1.Host, &v1.Date, &v1.Session, &v1.Status, &v1.Notes, &v1.ReflectionReceived,
			&v2.ID, &v2.Host, &v2.Date, &v2.Session, &v2.Status, &v2.Notes, &v2.ReflectionReceived); err != nil {
			return nil, err
		}
		a.Wishes, b.Wishes = splitList(wa), splitList(wb)
		p.PrimaryID, p.SecondaryID = a.ID, b.ID
		v1.PairingID, v2.PairingID = p.ID, p.ID
		out = append(out, p)
	}
	return out, rows.Err()
}

// CreatePairing stores a pairing with its two visits, both proposed unless
// p.Visits says otherwise.
func (d *DB) CreatePairing(ctx context.Context, p *store.Pairing) error {
	return d.write(ctx, func(tx *sql.Tx) error { return insertPairing(ctx, tx, p) })
}

func insertPairing(ctx context.Context, tx *sql.Tx, p *store.Pairing) error {
	if p.PrimaryID == 0 || p.SecondaryID == 0 {
		return store.Errorf(store.EINVALID, "A pair needs two people.")
	}
	if p.PrimaryID == p.SecondaryID {
		return store.Errorf(store.EINVALID, "A person cannot be paired with themselves.")
	}
	if err := checkPairPeople(ctx, tx, 0, p.RoundID, p.PrimaryID, p.SecondaryID); err != nil {
		return err
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO pairings (round_id, primary_id, secondary_id, locked, reason) VALUES (?, ?, ?, ?, ?)`,
		p.RoundID, p.PrimaryID, p.SecondaryID, boolInt(p.Locked), strings.TrimSpace(p.Reason))
	if err != nil {
		return constraint(err, "A pair for one of these people")
	}
	if p.ID, err = res.LastInsertId(); err != nil {
		return err
	}
	for i, side := range []store.Side{store.SidePrimary, store.SideSecondary} {
		v := &p.Visits[i]
		v.PairingID, v.Host = p.ID, side
		if v.Status == "" {
			v.Status = store.VisitProposed
		}
		if err := validVisit(v); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO visits (pairing_id, host, visit_date, session, status, notes, reflection_received) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			v.PairingID, string(v.Host), v.Date, v.Session, string(v.Status), v.Notes, boolInt(v.ReflectionReceived))
		if err != nil {
			return err
		}
		if v.ID, err = res.LastInsertId(); err != nil {
			return err
		}
	}
	return nil
}

func validVisit(v *store.Visit) error {
	if !v.Status.Valid() {
		return store.Errorf(store.EINVALID, "%q is not a visit status; use proposed, confirmed, done or cancelled.", v.Status)
	}
	session, err := store.ParseSession(v.Session)
	if err != nil {
		return err
	}
	v.Session = session
	return validDate("The visit date", &v.Date)
}

// checkPairPeople checks what the schema cannot: both people belong to the
// pair's round, and neither is already in another pair of it (on either
// side). pairID is the pair being changed, 0 for a new one.
func checkPairPeople(ctx context.Context, tx *sql.Tx, pairID, roundID, a, b int64) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM participants WHERE round_id = ? AND id IN (?, ?)`,
		roundID, a, b).Scan(&n); err != nil {
		return err
	}
	if n != 2 {
		return store.Errorf(store.EINVALID, "Both people in a pair must be participants of the same round.")
	}
	// The scheme's rule: never two people from the same organisation (an
	// organisation left blank cannot clash).
	var org string
	err := tx.QueryRowContext(ctx, `SELECT a.organisation FROM participants a JOIN participants b ON b.id = ?
		WHERE a.id = ? AND trim(a.organisation) <> '' AND lower(trim(a.organisation)) = lower(trim(b.organisation))`, b, a).Scan(&org)
	if err == nil {
		return store.Errorf(store.EINVALID, "Both people work at %s; the scheme never pairs two people from the same organisation.", strings.TrimSpace(org))
	} else if !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	// A person is in at most as many pairs as the places they offer, and
	// the same two people are paired once.
	var name string
	var places, pairs int
	err = tx.QueryRowContext(ctx, `SELECT x.name, x.places, count(*) FROM pairings p JOIN participants x ON x.id IN (p.primary_id, p.secondary_id)
		WHERE p.round_id = ? AND p.id <> ? AND x.id IN (?, ?) GROUP BY x.id HAVING count(*) >= x.places ORDER BY x.id LIMIT 1`,
		roundID, pairID, a, b).Scan(&name, &places, &pairs)
	if err == nil {
		if places == 1 {
			return store.Errorf(store.ECONFLICT, "%s is already in another pair; unpair them first.", name)
		}
		return store.Errorf(store.ECONFLICT, "%s offers %d places and is already in %d pairs; unpair one first or offer more places.", name, places, pairs)
	} else if !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	var twice int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM pairings WHERE id <> ? AND
		((primary_id = ? AND secondary_id = ?) OR (primary_id = ? AND secondary_id = ?))`, pairID, a, b, b, a).Scan(&twice); err != nil {
		return err
	}
	if twice > 0 {
		return store.Errorf(store.ECONFLICT, "These two are already paired.")
	}
	return nil
}

// UpdatePairing saves a pairing's locked flag and reason (and its people).
func (d *DB) UpdatePairing(ctx context.Context, p *store.Pairing) error {
	if p.PrimaryID == p.SecondaryID {
		return store.Errorf(store.EINVALID, "A person cannot be paired with themselves.")
	}
	return d.write(ctx, func(tx *sql.Tx) error {
		// The schema cannot see that both people belong to the pair's
		// round, so check it here as insertPairing does.
		var roundID int64
		if err := tx.QueryRowContext(ctx, `SELECT round_id FROM pairings WHERE id = ?`, p.ID).Scan(&roundID); err != nil {
			return notFound(err, "Pair %d does not exist.", p.ID)
		}
		if err := checkPairPeople(ctx, tx, p.ID, roundID, p.PrimaryID, p.SecondaryID); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE pairings SET primary_id = ?, secondary_id = ?, locked = ?, reason = ? WHERE id = ?`,
			p.PrimaryID, p.SecondaryID, boolInt(p.Locked), strings.TrimSpace(p.Reason), p.ID)
		if err != nil {
			return constraint(err, "A pair for one of these people")
		}
		return checkAffected(res, "Pair %d does not exist.", p.ID)
	})
}

// DeletePairing deletes a pairing and its visits.
func (d *DB) DeletePairing(ctx context.Context, id int64) error {
	return d.deleteRow(ctx, "pairings", "Pair", id)
}

// UpdateVisit saves a visit's date, status, notes and reflection flag.
func (d *DB) UpdateVisit(ctx context.Context, v *store.Visit) error {
	if err := validVisit(v); err != nil {
		return err
	}
	return d.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE visits SET visit_date = ?, session = ?, status = ?, notes = ?, reflection_received = ? WHERE id = ?`,
			v.Date, v.Session, string(v.Status), v.Notes, boolInt(v.ReflectionReceived), v.ID)
		if err != nil {
			return err
		}
		return checkAffected(res, "Visit %d does not exist.", v.ID)
	})
}

// PairedBefore lists the people paired in other rounds, each pair as two
// lower-cased emails (or names, for someone with no email), so that
// matching never pairs the same two people again.
func (d *DB) PairedBefore(ctx context.Context, roundID int64) ([][2]string, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT
			CASE WHEN a.email <> '' THEN lower(a.email) ELSE lower(a.name) END,
			CASE WHEN b.email <> '' THEN lower(b.email) ELSE lower(b.name) END
		FROM pairings p JOIN participants a ON a.id = p.primary_id JOIN participants b ON b.id = p.secondary_id
		WHERE p.round_id <> ?`, roundID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out [][2]string
	for rows.Next() {
		var pr [2]string
		if err := rows.Scan(&pr[0], &pr[1]); err != nil {
			return nil, err
		}
		out = append(out, pr)
	}
	return out, rows.Err()
}
