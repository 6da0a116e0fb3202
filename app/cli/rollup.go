package cli

import (
	"flag"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/liaisonapp/liaison/app/tasks"
	"github.com/liaisonapp/liaison/store"
)

func init() {
	commands["rollup"] = command{usage: "rollup --out DIR [--round NAME]… FILE.db [FILE.db …]", flags: rollupFlags, atLeast: 1, noDB: true,
		help: func() string {
			return "Adds up several Liaison databases (one per scheme of a region) into one folder of CSV files\n" +
				"and charts: totals, participants by role, the survey's figures per question and projects by\n" +
				"status, for each scheme (named by its file and rounds) and for all of them. The files are read\n" +
				"only: nothing is written to them or beside them, even while Liaison has one open. People are\n" +
				"counted once however many rounds or schemes they were in; breakdowns follow the small-number\n" +
				"rule with the largest K of the rounds read. A file that is missing, not a Liaison database,\n" +
				"damaged, from a newer Liaison, or from an older one that must be opened once in this version\n" +
				"first, is refused by name with the reason, and the rest still roll up. DIR must be new, empty\n" +
				"or an earlier roll-up (which is replaced).\n"
		}}
}

// listFlag is a flag that may be given several times.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ", ") }

func (l *listFlag) Set(v string) error {
	if strings.TrimSpace(v) == "" {
		return fmt.Errorf("a round needs a name")
	}
	*l = append(*l, v)
	return nil
}

// rollupFlags is `liaison rollup --out DIR [--round NAME]… FILE.db …`.
func rollupFlags(fs *flag.FlagSet) func(env *Env, args []string) error {
	out := fs.String("out", "", "the folder to write the roll-up to (new, empty, or an earlier roll-up)")
	var rounds listFlag
	fs.Var(&rounds, "round", "a round to read from each file (give it again for more; default: every round)")
	return func(env *Env, files []string) error {
		if strings.TrimSpace(*out) == "" {
			return usageErrorf("Say where to write the roll-up with --out DIR.")
		}
		if env.openRollup == nil {
			return store.Errorf(store.EINTERNAL, "this build of Liaison cannot read databases for a roll-up")
		}
		ru, err := tasks.BuildRollup(env.Ctx, env.openRollup, files, tasks.RollupOptions{Rounds: rounds, Now: env.Now()})
		if err != nil {
			return err
		}
		if err := tasks.WriteRollup(*out, ru); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "Wrote the regional roll-up of %s to %s (%s, K = %d):\n",
			store.Plural(ru.Included(), "scheme", "schemes"), *out, store.Plural(len(ru.Files)+1, "file", "files"), ru.K)
		for _, f := range ru.Files {
			fmt.Fprintln(env.Stdout, "  "+filepath.Join(*out, f.Name))
		}
		for _, s := range ru.Sources {
			if s.Refused == "" {
				fmt.Fprintf(env.Stdout, "Rolled up: %s\n", s.Label())
			}
		}
		for _, s := range ru.Refused() {
			fmt.Fprintf(env.Stdout, "Refused: %s\n", s.Refused)
		}
		return nil
	}
}
