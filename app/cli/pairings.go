package cli

import (
	"flag"
	"fmt"
	"io"

	"github.com/liaisonapp/liaison/app/tasks"
	"github.com/liaisonapp/liaison/store"
	"github.com/liaisonapp/liaison/store/match"
)

// matchFlags is `liaison match [--apply]`: print the suggested pairs with
// their reasons and the unpaired with why; with --apply, store them.
func matchFlags(fs *flag.FlagSet) func(env *Env, args []string) error {
	roundName := roundFlag(fs)
	apply := fs.Bool("apply", false, "store the suggested pairs among people not yet paired")
	replace := fs.Bool("replace", false, "with --apply, also store suggested pairs that break up unlocked stored pairs with no visit confirmed or done (their proposed visits are deleted)")
	options := addMatchOptionFlags(fs)
	return func(env *Env, _ []string) error {
		if *replace && !*apply {
			return usageErrorf("--replace only makes sense with --apply.")
		}
		// Only --apply writes, so only --apply may create the round.
		round := env.existingRound
		if *apply {
			round = env.round
		}
		r, err := round(*roundName)
		if err != nil {
			return err
		}
		opt, err := tasks.LoadMatchOptions(env.Ctx, env.DB, r.ID)
		if err != nil && !options.given() {
			return err
		}
		if err := options.apply(&opt); err != nil {
			return err
		}
		w := env.Stdout
		if options.given() {
			if err := tasks.SaveMatchOptions(env.Ctx, env.DB, r.ID, opt); err != nil {
				return err
			}
			fmt.Fprintf(w, "Saved these matching options for %q:\n", r.Name)
		} else {
			fmt.Fprintf(w, "Matching options for %q:\n", r.Name)
		}
		for _, l := range tasks.DescribeOptions(opt) {
			fmt.Fprintf(w, "  %s\n", l)
		}
		s, err := tasks.SuggestPairsWith(env.Ctx, env.DB, r.ID, opt)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "Suggested pairs for %q: %d\n", r.Name, len(s.Pairs))
		for _, p := range s.Pairs {
			mark := "new"
			switch {
			case s.KeptUnderWay(p):
				mark = "kept"
			case p.Locked:
				mark = "locked"
			case !s.IsNew(p):
				mark = "kept"
			}
			fmt.Fprintf(w, "  [%s] %s – %s: %s\n", mark, tasks.PersonText(p.Primary), tasks.PersonText(p.Secondary), p.Reason)
			for _, e := range s.Replaces(p) {
				fmt.Fprintf(w, "        replaces %s\n", tasks.PairNames(e))
			}
		}
		fmt.Fprintf(w, "Unpaired: %d\n", len(s.Unpaired))
		for _, u := range s.Unpaired {
			fmt.Fprintf(w, "  %s: %s\n", tasks.PersonText(u.Person), u.Why)
		}
		// A stored pair may have visits done: breaking it up needs --replace.
		var accepted []match.Pair
		held := 0
		for _, p := range s.Pairs {
			if len(s.Replaces(p)) > 0 && !*replace {
				held++
				continue
			}
			accepted = append(accepted, p)
		}
		remove, add := s.Plan(accepted)
		if held > 0 {
			fmt.Fprintf(w, "%s would break up stored unlocked pairs; they are stored only with --apply --replace.\n",
				store.Plural(held, "suggested pair", "suggested pairs"))
		}
		if !*apply {
			if len(add) > 0 {
				fmt.Fprintf(w, "Nothing stored; run again with --apply to store %s.\n", store.Plural(len(add), "new pair", "new pairs"))
			}
			return nil
		}
		if err := tasks.ApplyPlan(env.Ctx, env.DB, r.ID, remove, add); err != nil {
			return err
		}
		fmt.Fprintf(w, "Stored %s", store.Plural(len(add), "new pair", "new pairs"))
		if len(remove) > 0 {
			fmt.Fprintf(w, ", replacing %s", store.Plural(len(remove), "unlocked pair", "unlocked pairs"))
		}
		fmt.Fprintln(w, ".")
		return nil
	}
}

// exportPairingsFlags is `liaison export pairings --out FILE`.
func exportPairingsFlags(fs *flag.FlagSet) func(env *Env, args []string) error {
	return exportFlags(fs, func(env *Env, r store.Round) (func(w io.Writer) error, string, error) {
		ps, err := env.DB.FindPairings(env.Ctx, r.ID)
		if err != nil {
			return nil, "", err
		}
		today := env.Now()
		return func(w io.Writer) error { return tasks.ExportPairings(w, ps, today) }, store.Plural(len(ps), "pair", "pairs"), nil
	})
}
