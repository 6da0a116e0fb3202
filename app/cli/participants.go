package cli

import (
	"cmp"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/liaisonapp/liaison/store"
	"github.com/liaisonapp/liaison/store/csvio"
	"github.com/liaisonapp/liaison/store/sqlite"
)

// importParticipantsFlags is `liaison import participants FILE`: read a
// sign-up sheet, and either store every row (creating or updating by email)
// or list every problem and store nothing.
func importParticipantsFlags(fs *flag.FlagSet) func(env *Env, args []string) error {
	roundName := roundFlag(fs)
	return func(env *Env, args []string) error {
		imp, err := readParticipantsFile(args[0])
		if err != nil {
			return err
		}
		if len(imp.Problems) > 0 {
			for _, p := range imp.Problems {
				fmt.Fprintln(env.Stderr, p.String())
			}
			if len(imp.Ignored) > 0 {
				fmt.Fprintf(env.Stderr, "Ignored columns: %s\n", quoteList(imp.Ignored))
			}
			return store.Errorf(store.EINVALID, "%s has %s; nothing was imported. Fix them in the spreadsheet and import it again.",
				filepath.Base(args[0]), plural(len(imp.Problems), "problem", "problems"))
		}
		r, err := env.round(*roundName)
		if err != nil {
			return err
		}
		existing, err := env.DB.FindParticipants(env.Ctx, store.ParticipantFilter{RoundID: r.ID})
		if err != nil {
			return err
		}
		counts := CountImport(imp, existing)
		created, updated, err := env.DB.UpsertParticipants(env.Ctx, r.ID, imp.Participants())
		if err != nil {
			return err
		}
		fmt.Fprintln(env.Stdout, ImportDone(created, updated, counts.KeptEmpty, r.Name))
		if len(imp.Ignored) > 0 {
			fmt.Fprintf(env.Stdout, "Ignored columns: %s\n", quoteList(imp.Ignored))
		}
		return nil
	}
}

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
// for a row with no email by name (sqlite.NameKey) among stored
// participants with no email, each stored participant once.
func CountImport(imp *csvio.ParticipantImport, existing []store.Participant) ImportCounts {
	byEmail := map[string]store.Participant{}
	byName := map[string][]store.Participant{}
	for _, p := range existing {
		if p.Email != "" {
			byEmail[strings.ToLower(p.Email)] = p
		} else {
			k := sqlite.NameKey(p.Name)
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
		if k := sqlite.NameKey(r.P.Name); r.P.Email == "" && len(byName[k]) > 0 {
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
		msg += fmt.Sprintf("; empty cells left the stored value unchanged (%s)", plural(keptEmpty, "cell", "cells"))
	}
	return msg + "."
}

// readParticipantsFile opens and reads a sign-up sheet; a file that cannot
// be opened or read as CSV at all is an EINVALID error naming it.
func readParticipantsFile(path string) (*csvio.ParticipantImport, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, store.Errorf(store.EINVALID, "Cannot open %s: %v", path, unwrapPath(err))
	}
	defer f.Close()
	imp, err := csvio.ReadParticipants(f)
	if err != nil {
		if store.ErrorCode(err) == store.EINTERNAL {
			return nil, store.Errorf(store.EINVALID, "Cannot read %s: %v", path, err)
		}
		return nil, store.Errorf(store.EINVALID, "%s: %s", filepath.Base(path), store.ErrorMessage(err))
	}
	return imp, nil
}

// unwrapPath drops the path that *os.PathError repeats, since the message
// names the file already.
func unwrapPath(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}

// exportParticipantsFlags is `liaison export participants --out FILE`.
func exportParticipantsFlags(fs *flag.FlagSet) func(env *Env, args []string) error {
	return exportFlags(fs, func(env *Env, r store.Round) (func(w io.Writer) error, string, error) {
		ps, err := env.DB.FindParticipants(env.Ctx, store.ParticipantFilter{RoundID: r.ID})
		if err != nil {
			return nil, "", err
		}
		return func(w io.Writer) error { return ExportParticipants(w, ps) }, plural(len(ps), "participant", "participants"), nil
	})
}

// exportFlags declares --round and --out for an export command and returns
// its runner: prepare reads the round and returns the writer of the CSV
// file and what it holds ("3 pairs"), for the message once it is written.
func exportFlags(fs *flag.FlagSet, prepare func(env *Env, r store.Round) (func(w io.Writer) error, string, error)) func(env *Env, args []string) error {
	roundName := roundFlag(fs)
	out := fs.String("out", "", "the CSV file to write")
	return func(env *Env, _ []string) error {
		if err := CheckOutPath(*out, env.DB.Path()); err != nil {
			return err
		}
		r, err := env.round(*roundName)
		if err != nil {
			return err
		}
		write, what, err := prepare(env, r)
		if err != nil {
			return err
		}
		if err := WriteFileAtomic(*out, write); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "Wrote %s of %q to %s.\n", what, r.Name, *out)
		return nil
	}
}

// ParticipantsHeader is the header of the participants export. Its names
// are ones the importer reads back, so an exported file can be edited in
// Excel and imported again.
var ParticipantsHeader = []string{"Name", "Email", "Role", "Organisation", "Specialty", "Locality", "Wished specialties"}

// ExportParticipants writes ps as CSV for Excel (UTF-8 with BOM, CRLF,
// every text cell defused against formula injection by csvio).
func ExportParticipants(w io.Writer, ps []store.Participant) error {
	rows := make([][]string, len(ps))
	for i, p := range ps {
		rows[i] = []string{p.Name, p.Email, p.Role.Label(), p.Organisation, p.Specialty, p.Locality, strings.Join(p.Wishes, "; ")}
	}
	return csvio.WriteRows(w, ParticipantsHeader, rows)
}

// plural writes a count with the right noun: "1 problem", "3 problems".
func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

// quoteList quotes each header and joins them: `"Notes", "Timestamp"`.
func quoteList(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}
