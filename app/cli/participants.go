package cli

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/liaisonapp/liaison/store"
	"github.com/liaisonapp/liaison/store/csvio"
)

// importParticipantsFlags is `liaison import participants FILE`: read a
// sign-up sheet, and either store every row (creating or updating by email)
// or list every problem and store nothing.
func importParticipantsFlags(fs *flag.FlagSet) func(env *Env, args []string) error {
	roundName := fs.String("round", "", "the round (default: the most recent)")
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
		created, updated, err := env.DB.UpsertParticipants(env.Ctx, r.ID, imp.Participants())
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "%d new, %d updated in %q.\n", created, updated, r.Name)
		if len(imp.Ignored) > 0 {
			fmt.Fprintf(env.Stdout, "Ignored columns: %s\n", quoteList(imp.Ignored))
		}
		return nil
	}
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
	roundName := fs.String("round", "", "the round (default: the most recent)")
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
