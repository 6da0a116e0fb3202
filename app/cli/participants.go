package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/liaisonapp/liaison/app/tasks"
	"github.com/liaisonapp/liaison/store"
)

// importParticipantsFlags is `liaison import participants FILE`: read a
// sign-up sheet, and either store every row (creating or updating by email)
// or list every problem and store nothing.
func importParticipantsFlags(fs *flag.FlagSet) func(env *Env, args []string) error {
	roundName := roundFlag(fs)
	return func(env *Env, args []string) error {
		imp, err := tasks.ReadParticipantsFile(args[0])
		if err != nil {
			return err
		}
		if len(imp.Problems) > 0 {
			for _, p := range imp.Problems {
				fmt.Fprintln(env.Stderr, p.String())
			}
			if len(imp.Ignored) > 0 {
				fmt.Fprintf(env.Stderr, "Ignored columns: %s\n", tasks.QuoteList(imp.Ignored))
			}
			return store.Errorf(store.EINVALID, "%s has %s; nothing was imported. Fix them in the spreadsheet and import it again.",
				filepath.Base(args[0]), store.Plural(len(imp.Problems), "problem", "problems"))
		}
		var counts tasks.ImportCounts
		var created, updated int
		r, err := env.importInto(*roundName, func(ctx context.Context, r store.Round) error {
			existing, err := env.DB.FindParticipants(ctx, store.ParticipantFilter{RoundID: r.ID})
			if err != nil {
				return err
			}
			counts = tasks.CountImport(imp, existing)
			created, updated, err = env.DB.UpsertParticipants(ctx, r.ID, imp.Participants())
			return err
		})
		if err != nil {
			return err
		}
		fmt.Fprintln(env.Stdout, tasks.ImportDone(created, updated, counts.KeptEmpty, r.Name))
		if len(imp.Ignored) > 0 {
			fmt.Fprintf(env.Stdout, "Ignored columns: %s\n", tasks.QuoteList(imp.Ignored))
		}
		return nil
	}
}

// exportParticipantsFlags is `liaison export participants --out FILE`.
func exportParticipantsFlags(fs *flag.FlagSet) func(env *Env, args []string) error {
	return exportFlags(fs, func(env *Env, r store.Round) (func(w io.Writer) error, string, error) {
		ps, err := env.DB.FindParticipants(env.Ctx, store.ParticipantFilter{RoundID: r.ID})
		if err != nil {
			return nil, "", err
		}
		return func(w io.Writer) error { return tasks.ExportParticipants(w, ps) }, store.Plural(len(ps), "participant", "participants"), nil
	})
}

// exportFlags declares --round and --out for an export command and returns
// its runner: prepare reads the round and returns the writer of the CSV
// file and what it holds ("3 pairs"), for the message once it is written.
func exportFlags(fs *flag.FlagSet, prepare func(env *Env, r store.Round) (func(w io.Writer) error, string, error)) func(env *Env, args []string) error {
	roundName := roundFlag(fs)
	out := fs.String("out", "", "the CSV file to write")
	return func(env *Env, _ []string) error {
		if strings.TrimSpace(*out) == "" {
			return usageErrorf("Say where to write the file with --out FILE.")
		}
		if err := tasks.CheckOutPath(*out, env.DB.Path()); err != nil {
			return err
		}
		r, err := env.existingRound(*roundName)
		if err != nil {
			return err
		}
		write, what, err := prepare(env, r)
		if err != nil {
			return err
		}
		if err := tasks.WriteFileAtomic(*out, write); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "Wrote %s of %q to %s.\n", what, r.Name, *out)
		return nil
	}
}
