package cli

import (
	"flag"
	"fmt"
	"strings"

	"github.com/liaisonapp/liaison/app/tasks"
	"github.com/liaisonapp/liaison/store"
)

// newRoundFlags is `liaison new-round NAME --from ROUND (--continuing FILE
// | --everyone)`: the next round in one step.
func newRoundFlags(fs *flag.FlagSet) func(env *Env, args []string) error {
	from := fs.String("from", "", "the `ROUND` to start from (default: the most recent)")
	file := fs.String("continuing", "", "a CSV `FILE` naming who continues, by email or name; with a column such as \"Will you continue?\" only the rows answering yes")
	everyone := fs.Bool("everyone", false, "carry every participant of the round")
	return func(env *Env, args []string) error {
		name := strings.TrimSpace(args[0])
		if (*file == "") == !*everyone {
			return usageErrorf("Say who continues: --continuing FILE, or --everyone.")
		}
		r, err := env.existingRound(*from)
		if err != nil {
			return err
		}
		people, err := env.DB.FindParticipants(env.Ctx, store.ParticipantFilter{RoundID: r.ID})
		if err != nil {
			return err
		}
		carry := people
		if *file != "" {
			t, err := tasks.ReadTable(*file)
			if err != nil {
				return err
			}
			var problems []string
			carry, problems = tasks.Continuing(t, people)
			if len(problems) > 0 {
				return store.Errorf(store.EINVALID, "%s has %s; nothing was created:\n  %s", *file,
					store.Plural(len(problems), "problem", "problems"), strings.Join(problems, "\n  "))
			}
		}
		nr, err := tasks.NewRoundFrom(env.Ctx, env.DB, r, name, carry)
		if err != nil {
			return err
		}
		qs, err := env.DB.Questions(env.Ctx, nr.ID)
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "Created %q from %q: %s carried over, %s and the matching options. Earlier partners stay excluded.\n",
			nr.Name, r.Name, store.Plural(len(carry), "participant", "participants"), store.Plural(len(qs), "survey question", "survey questions"))
		return nil
	}
}
