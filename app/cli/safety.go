package cli

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/liaisonapp/liaison/store"
)

// The commands that keep an organiser's data safe: backups, restore and
// erasure. They are registered here rather than in the table in cli.go so
// that this file holds all of them.
func init() {
	commands["backup"] = command{usage: "backup --db PATH [--out FILE]", flags: backupFlags}
	commands["restore"] = command{usage: "restore --db PATH --from FILE", flags: restoreFlags, ownDB: true}
	commands["delete round"] = command{usage: "delete round NAME --db PATH --yes", flags: deleteRoundFlags, nargs: 1}
	commands["delete participant"] = command{usage: "delete participant EMAIL --db PATH [--round NAME] --yes", flags: deleteParticipantFlags, nargs: 1}
}

func backupFlags(fs *flag.FlagSet) func(env *Env, args []string) error {
	out := fs.String("out", "", "the backup file to write (default: a new file in the backups folder beside the database)")
	return func(env *Env, _ []string) error {
		dst := *out
		now := env.Now()
		if dst == "" {
			dir := store.BackupsDir(env.DB.Path())
			if err := os.MkdirAll(dir, 0o700); err != nil {
				return store.Errorf(store.EREADONLY, "Liaison cannot create the backups folder %s: %v. Give --out FILE somewhere you can write.", dir, err)
			}
			dst = filepath.Join(dir, store.BackupName(env.DB.Path(), now, "-"))
		} else if fi, err := os.Stat(dst); err == nil && fi.IsDir() {
			dst = filepath.Join(dst, store.BackupName(env.DB.Path(), now, "-"))
		}
		if err := env.DB.Backup(env.Ctx, dst); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "Backed up %s to %s.\nRestore it with: liaison restore --db %s --from %s\n", env.DB.Path(), dst, shellQuote(env.DB.Path()), shellQuote(dst))
		return nil
	}
}

func restoreFlags(fs *flag.FlagSet) func(env *Env, args []string) error {
	from := fs.String("from", "", "the backup to restore")
	return func(env *Env, _ []string) error {
		if *from == "" {
			msg := "--from FILE is required"
			if bs, _ := store.Backups(env.DBPath); len(bs) > 0 {
				msg += "; the newest backup is " + bs[0].Path
			}
			return usageErrorf("%s", msg)
		}
		saved, err := env.restore(env.Ctx, env.DBPath, *from)
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "Restored %s from %s.\n", env.DBPath, *from)
		if saved != "" {
			fmt.Fprintf(env.Stdout, "The database as it was before is saved as %s.\n", saved)
		}
		return nil
	}
}

func deleteRoundFlags(fs *flag.FlagSet) func(env *Env, args []string) error {
	yes := fs.Bool("yes", false, "confirm: delete for good")
	return func(env *Env, args []string) error {
		if !*yes {
			return usageErrorf("this deletes the round %q and everything in it (participants, pairs, feedback, reflections, projects, events) for good; add --yes to confirm", args[0])
		}
		r, err := env.existingRound(args[0])
		if err != nil {
			return err
		}
		if err := env.DB.DeleteRound(env.Ctx, r.ID); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "Deleted the round %q and everything in it; none of it can be read in %s any more.\n", r.Name, env.DB.Path())
		env.backupsNote()
		return nil
	}
}

func deleteParticipantFlags(fs *flag.FlagSet) func(env *Env, args []string) error {
	yes := fs.Bool("yes", false, "confirm: delete for good")
	roundName := fs.String("round", "", "delete them from this round only (default: from every round)")
	return func(env *Env, args []string) error {
		email := strings.TrimSpace(args[0])
		where := "every round"
		if *roundName != "" {
			where = fmt.Sprintf("the round %q", *roundName)
		}
		if !*yes {
			return usageErrorf("this deletes %s from %s, with their pairs, visits and places on event lists, and their name where it was typed as a project's owner or in a task-and-finish group, for good; add --yes to confirm", email, where)
		}
		var roundID int64
		if *roundName != "" {
			r, err := env.existingRound(*roundName)
			if err != nil {
				return err
			}
			roundID = r.ID
		}
		rounds, err := env.DB.ErasePerson(env.Ctx, email, roundID)
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "Deleted %s from %s %s, with their pairs, visits, places on event lists and name as a project's owner or group member; none of it can be read in %s any more.\n",
			email, map[bool]string{true: "the round", false: "the rounds"}[len(rounds) == 1], quoteList(rounds), env.DB.Path())
		env.backupsNote()
		return nil
	}
}

// backupsNote says that older backups still hold what was deleted, and
// for how long, when there are any.
func (env *Env) backupsNote() {
	bs, err := store.Backups(env.DB.Path())
	if err != nil && !errors.Is(err, fs.ErrNotExist) || len(bs) == 0 {
		return
	}
	fmt.Fprintf(env.Stdout, "The %s in %s, made before now, still hold it: daily copies are deleted after %d days and monthly ones after a year, or delete them yourself.\n",
		store.Plural(len(bs), "backup", "backups"), store.BackupsDir(env.DB.Path()), store.KeepDaily)
}

// shellQuote quotes a path with spaces so that a printed command can be
// pasted.
func shellQuote(s string) string {
	if strings.ContainsAny(s, " '\"\t") {
		return `"` + s + `"`
	}
	return s
}

// quoteList quotes each name and joins them: `"Autumn", "Spring"`.
func quoteList(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = strconv.Quote(s)
	}
	return strings.Join(q, ", ")
}
