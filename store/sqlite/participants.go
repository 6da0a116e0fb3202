package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/liaisonapp/liaison/store"
)

// FindParticipants returns the participants that match f, ordered by name.
func (d *DB) FindParticipants(ctx context.Context, f store.ParticipantFilter) ([]store.Participant, error) {
	return findParticipants(ctx, d.db, f)
}

type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func findParticipants(ctx context.Context, q querier, f store.ParticipantFilter) ([]store.Participant, error) {
	where, args := []string{"1 = 1"}, []any{}
	if f.RoundID != 0 {
		where, args = append(where, "round_id = ?"), append(args, f.RoundID)
	}
	if f.ID != 0 {
		where, args = append(where, "id = ?"), append(args, f.ID)
	}
	if f.Role != "" {
		where, args = append(where, "role = ?"), append(args, string(f.Role))
	}
	if f.Locality != "" {
		where, args = append(where, "lower(locality) = lower(?)"), append(args, f.Locality)
	}
	if s := strings.TrimSpace(f.Search); s != "" {
		like := "%" + strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(strings.ToLower(s)) + "%"
		where = append(where, `(lower(name) LIKE ? ESCAPE '\' OR lower(email) LIKE ? ESCAPE '\' OR lower(organisation) LIKE ? ESCAPE '\' OR lower(specialty) LIKE ? ESCAPE '\')`)
		args = append(args, like, like, like, like)
	}
	rows, err := q.QueryContext(ctx, `SELECT id, round_id, name, email, role, organisation, specialty, locality, wishes, places, request
		FROM participants WHERE `+strings.Join(where, " AND ")+` ORDER BY name COLLATE NOCASE, id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []store.Participant
	for rows.Next() {
		var p store.Participant
		var wishes string
		if err := rows.Scan(&p.ID, &p.RoundID, &p.Name, &p.Email, &p.Role, &p.Organisation, &p.Specialty, &p.Locality, &wishes, &p.Places, &p.Request); err != nil {
			return nil, err
		}
		p.Wishes = splitList(wishes)
		out = append(out, p)
	}
	return out, rows.Err()
}

// CreateParticipant stores a new participant.
func (d *DB) CreateParticipant(ctx context.Context, p *store.Participant) error {
	if err := store.ValidateParticipant(p); err != nil {
		return err
	}
	return d.write(ctx, func(tx *sql.Tx) error { return insertParticipant(ctx, tx, p) })
}

func insertParticipant(ctx context.Context, tx *sql.Tx, p *store.Participant) error {
	p.Places = p.PlacesOrOne()
	res, err := tx.ExecContext(ctx, `INSERT INTO participants (round_id, name, email, role, organisation, specialty, locality, wishes, places, request)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, p.RoundID, p.Name, p.Email, string(p.Role), p.Organisation, p.Specialty, p.Locality, joinList(p.Wishes),
		p.Places, p.Request)
	if err != nil {
		return constraint(err, participantWhat(p))
	}
	p.ID, err = res.LastInsertId()
	return err
}

func participantWhat(p *store.Participant) string {
	if p.Email != "" {
		return fmt.Sprintf("A participant with the email %s in this round", p.Email)
	}
	return fmt.Sprintf("Participant %s", p.Name)
}

// UpdateParticipant saves changes to a participant.
func (d *DB) UpdateParticipant(ctx context.Context, p *store.Participant) error {
	if err := store.ValidateParticipant(p); err != nil {
		return err
	}
	return d.write(ctx, func(tx *sql.Tx) error { return updateParticipant(ctx, tx, p) })
}

func updateParticipant(ctx context.Context, tx *sql.Tx, p *store.Participant) error {
	p.Places = p.PlacesOrOne()
	res, err := tx.ExecContext(ctx, `UPDATE participants SET name = ?, email = ?, role = ?, organisation = ?, specialty = ?, locality = ?, wishes = ?,
		places = ?, request = ? WHERE id = ?`, p.Name, p.Email, string(p.Role), p.Organisation, p.Specialty, p.Locality, joinList(p.Wishes),
		p.Places, p.Request, p.ID)
	if err != nil {
		return constraint(err, participantWhat(p))
	}
	if err := checkAffected(res, "Participant %d does not exist.", p.ID); err != nil {
		return err
	}
	return overbooked(ctx, tx, "id = ?", p.ID)
}

// DeleteParticipant deletes a participant; their pairing and its visits go
// with them.
func (d *DB) DeleteParticipant(ctx context.Context, id int64) error {
	return d.deleteRow(ctx, "participants", "Participant", id)
}

// UpsertParticipants creates or updates all of ps in one transaction:
// either all are written or none. A row is matched to a stored participant
// of the round by email (ignoring case) or, when the row has no email, by
// name (trimmed, ignoring case) among stored participants with no email, so
// that importing the same sign-up sheet twice does not add its email-less
// people twice. Each stored participant is matched by one row at most.
//
// An update never blanks a stored value: an empty organisation, specialty,
// locality or wish list keeps what is stored, because a spreadsheet column
// left out or a cell left empty is far more often an omission than a wish
// to erase data.
func (d *DB) UpsertParticipants(ctx context.Context, roundID int64, ps []store.Participant) (created, updated int, err error) {
	for i := range ps {
		if err := store.ValidateParticipant(&ps[i]); err != nil {
			return 0, 0, store.Errorf(store.EINVALID, "Row %d: %s", i+1, store.ErrorMessage(err))
		}
	}
	err = d.write(ctx, func(tx *sql.Tx) error {
		byEmail := map[string]int64{}
		byName := map[string][]int64{} // email-less participants, oldest first
		rows, err := tx.QueryContext(ctx, `SELECT id, lower(email), name FROM participants WHERE round_id = ? ORDER BY id`, roundID)
		if err != nil {
			return err
		}
		for rows.Next() {
			var id int64
			var email, name string
			if err := rows.Scan(&id, &email, &name); err != nil {
				rows.Close()
				return err
			}
			if email != "" {
				byEmail[email] = id
			} else {
				k := store.NameKey(name)
				byName[k] = append(byName[k], id)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		ins, err := tx.PrepareContext(ctx, `INSERT INTO participants (round_id, name, email, role, organisation, specialty, locality, wishes, places, request)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
		if err != nil {
			return err
		}
		defer ins.Close()
		upd, err := tx.PrepareContext(ctx, `UPDATE participants SET name = ?, role = ?,
			organisation = coalesce(nullif(?, ''), organisation), specialty = coalesce(nullif(?, ''), specialty),
			locality = coalesce(nullif(?, ''), locality), wishes = coalesce(nullif(?, ''), wishes),
			places = coalesce(nullif(?, 0), places), request = coalesce(nullif(?, ''), request), email = ? WHERE id = ?`)
		if err != nil {
			return err
		}
		defer upd.Close()
		for i := range ps {
			p := &ps[i]
			p.RoundID = roundID
			id, ok := byEmail[strings.ToLower(p.Email)]
			ok = ok && p.Email != ""
			if k := store.NameKey(p.Name); p.Email == "" && len(byName[k]) > 0 {
				id, ok = byName[k][0], true
				byName[k] = byName[k][1:]
			}
			if ok {
				p.ID = id
				if _, err := upd.ExecContext(ctx, p.Name, string(p.Role), p.Organisation, p.Specialty, p.Locality, joinList(p.Wishes), p.Places, p.Request, p.Email, id); err != nil {
					if t := trouble(d.path, err); store.ErrorCode(t) != store.EINTERNAL {
						return t // the disk, not the row
					}
					return store.Errorf(store.EINVALID, "Row %d: %s", i+1, store.ErrorMessage(constraint(err, participantWhat(p))))
				}
				updated++
				continue
			}
			res, err := ins.ExecContext(ctx, roundID, p.Name, p.Email, string(p.Role), p.Organisation, p.Specialty, p.Locality, joinList(p.Wishes),
				p.PlacesOrOne(), p.Request)
			if err != nil {
				if t := trouble(d.path, err); store.ErrorCode(t) != store.EINTERNAL {
					return t // the disk, not the row
				}
				return store.Errorf(store.EINVALID, "Row %d: %s", i+1, store.ErrorMessage(constraint(err, participantWhat(p))))
			}
			if p.ID, err = res.LastInsertId(); err != nil {
				return err
			}
			if p.Email != "" {
				byEmail[strings.ToLower(p.Email)] = p.ID
			}
			created++
		}
		return overbooked(ctx, tx, "round_id = ?", roundID)
	})
	if err != nil {
		return 0, 0, err
	}
	return created, updated, nil
}

// CountParticipants counts the round's participants by role and by
// locality, in SQL, for figures that need no names.
func (d *DB) CountParticipants(ctx context.Context, roundID int64) (store.ParticipantCounts, error) {
	c := store.ParticipantCounts{ByRole: map[store.Role]int{}, ByLocality: map[string]int{}}
	rows, err := d.db.QueryContext(ctx, `SELECT role, locality, count(*) FROM participants WHERE round_id = ? GROUP BY role, locality`, roundID)
	if err != nil {
		return c, err
	}
	defer rows.Close()
	for rows.Next() {
		var role store.Role
		var place string
		var n int
		if err := rows.Scan(&role, &place, &n); err != nil {
			return c, err
		}
		c.Total += n
		c.ByRole[role] += n
		c.ByLocality[strings.TrimSpace(place)] += n
	}
	return c, rows.Err()
}

// overbooked refuses participants (those that where, with arg, selects)
// who are now in more pairs than the places they offer, as when an edit or
// an import lowers someone's places below their pairs.
func overbooked(ctx context.Context, tx *sql.Tx, where string, arg any) error {
	var name string
	var places, pairs int
	err := tx.QueryRowContext(ctx, `SELECT x.name, x.places, count(*) FROM participants x
		JOIN pairings p ON x.id IN (p.primary_id, p.secondary_id)
		WHERE x.`+where+` GROUP BY x.id HAVING count(*) > x.places ORDER BY x.id LIMIT 1`, arg).Scan(&name, &places, &pairs)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	} else if err != nil {
		return err
	}
	return store.Errorf(store.ECONFLICT, "%s is in %s but would offer %s; unpair someone first.",
		name, store.Plural(pairs, "pair", "pairs"), store.Plural(places, "place", "places"))
}
