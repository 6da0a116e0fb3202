package tasks

import (
	"cmp"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/liaisonapp/liaison/store"
	"github.com/liaisonapp/liaison/store/csvio"
)

// ImportCounts is what importing a checked sign-up sheet into a round would
// do, worked out before writing so the GUI's preview and the command line
// say the same.
type ImportCounts struct {
	// Created and Updated count the rows that would add a participant and
	// those that would update a stored one.
	Created, Updated int
	// KeptEmpty counts the empty cells, in columns the file has, of rows
	// that update a stored participant whose value there is not empty. The
	// store keeps those values (an empty cell never erases data), and the
	// organiser is told so.
	KeptEmpty int
}

// CountImport predicts what UpsertParticipants will do with imp's rows in a
// round holding existing, matching as it does: by email ignoring case, or
// for a row with no email by name (store.NameKey) among stored
// participants with no email, each stored participant once.
func CountImport(imp *csvio.ParticipantImport, existing []store.Participant) ImportCounts {
	byEmail := map[string]store.Participant{}
	byName := map[string][]store.Participant{}
	for _, p := range existing {
		if p.Email != "" {
			byEmail[strings.ToLower(p.Email)] = p
		} else {
			k := store.NameKey(p.Name)
			byName[k] = append(byName[k], p)
		}
	}
	// byName must hand out the oldest first, as the store does.
	for _, ps := range byName {
		slices.SortFunc(ps, func(a, b store.Participant) int { return cmp.Compare(a.ID, b.ID) })
	}
	var c ImportCounts
	for _, r := range imp.Rows {
		stored, ok := byEmail[strings.ToLower(r.P.Email)]
		ok = ok && r.P.Email != ""
		if k := store.NameKey(r.P.Name); r.P.Email == "" && len(byName[k]) > 0 {
			stored, ok = byName[k][0], true
			byName[k] = byName[k][1:]
		}
		if !ok {
			c.Created++
			continue
		}
		c.Updated++
		for _, f := range []struct {
			field    string
			got, had string
		}{
			{csvio.FieldOrganisation, r.P.Organisation, stored.Organisation},
			{csvio.FieldSpecialty, r.P.Specialty, stored.Specialty},
			{csvio.FieldLocality, r.P.Locality, stored.Locality},
			{csvio.FieldWishes, strings.Join(r.P.Wishes, ";"), strings.Join(stored.Wishes, ";")},
		} {
			if _, present := imp.Mapping[f.field]; present && strings.TrimSpace(f.got) == "" && strings.TrimSpace(f.had) != "" {
				c.KeptEmpty++
			}
		}
	}
	return c
}

// ImportDone is the message after an import: how many were new and how
// many updated, and, when empty cells kept stored values, that they did,
// so nobody wonders whether a blank in the spreadsheet erased anything.
func ImportDone(created, updated, keptEmpty int, round string) string {
	msg := fmt.Sprintf("%d new, %d updated in %q", created, updated, round)
	if keptEmpty > 0 {
		msg += fmt.Sprintf("; empty cells left the stored value unchanged (%s)", store.Plural(keptEmpty, "cell", "cells"))
	}
	return msg + "."
}

// ReadParticipantsFile opens and reads a sign-up sheet; a file that cannot
// be opened or read as CSV at all is an EINVALID error naming it.
func ReadParticipantsFile(path string) (*csvio.ParticipantImport, error) {
	return readFile(path, csvio.ReadParticipants)
}

// ReadAttendeesFile opens and reads an attendee list as ReadParticipantsFile
// reads a sign-up sheet.
func ReadAttendeesFile(path string) (*csvio.AttendeeImport, error) {
	return readFile(path, csvio.ReadAttendees)
}

// readFile opens path and reads it with read, naming the file in any error:
// one that cannot be opened, or read as CSV at all, is EINVALID.
func readFile[T any](path string, read func(io.Reader) (*T, error)) (*T, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, store.Errorf(store.EINVALID, "Cannot open %s: %v", path, unwrapPath(err))
	}
	defer f.Close()
	imp, err := read(f)
	if err != nil {
		if store.ErrorCode(err) == store.EINTERNAL {
			return nil, store.Errorf(store.EINVALID, "Cannot read %s: %v", path, err)
		}
		return nil, store.Errorf(store.EINVALID, "%s: %s", filepath.Base(path), store.ErrorMessage(err))
	}
	return imp, nil
}

// ParticipantRow is one row of the participants export. Its csv tags are
// the export's header, declared once here; they are names the importer
// reads back, so an exported file can be edited in Excel and imported
// again.
type ParticipantRow struct {
	Name         string `csv:"Name"`
	Email        string `csv:"Email"`
	Role         string `csv:"Role"`
	Organisation string `csv:"Organisation"`
	Specialty    string `csv:"Specialty"`
	Locality     string `csv:"Locality"`
	Wishes       string `csv:"Wished specialties"`
	Places       int    `csv:"Places"`
	Request      string `csv:"Would like to be paired with"`
}

// ExportParticipants writes ps as CSV for Excel through csvio.Write (UTF-8
// with BOM, CRLF, every text cell defused against formula injection).
func ExportParticipants(w io.Writer, ps []store.Participant) error {
	rows := make([]ParticipantRow, len(ps))
	for i, p := range ps {
		rows[i] = ParticipantRow{p.Name, p.Email, p.Role.Label(), p.Organisation, p.Specialty, p.Locality, strings.Join(p.Wishes, "; "),
			p.PlacesOrOne(), p.Request}
	}
	return csvio.Write(w, rows)
}

// QuoteList quotes each header and joins them: `"Notes", "Timestamp"`.
func QuoteList(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}
