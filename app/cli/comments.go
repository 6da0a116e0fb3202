package cli

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/liaisonapp/liaison/app/tasks"
	"github.com/liaisonapp/liaison/store"
)

// exportCommentsFlags is `liaison export comments --out FILE [--round
// NAME]`: the survey's free-text comments as Excel-safe CSV, without any
// that names a participant.
func exportCommentsFlags(fs *flag.FlagSet) func(env *Env, args []string) error {
	roundName := roundFlag(fs)
	out := fs.String("out", "", "the CSV file to write")
	return func(env *Env, _ []string) error {
		if strings.TrimSpace(*out) == "" {
			return usageErrorf("Say where to write the comments with --out FILE.")
		}
		if err := tasks.CheckOutPath(*out, env.DB.Path()); err != nil {
			return err
		}
		r, err := env.existingRound(*roundName)
		if err != nil {
			return err
		}
		rs, err := env.DB.Responses(env.Ctx, r.ID)
		if err != nil {
			return err
		}
		people, err := env.DB.FindParticipants(env.Ctx, store.ParticipantFilter{RoundID: r.ID})
		if err != nil {
			return err
		}
		cs := tasks.Comments(rs, people)
		var written, withheld int
		if err := tasks.WriteFileAtomic(*out, func(w io.Writer) (err error) {
			written, withheld, err = tasks.ExportComments(w, cs)
			return err
		}); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "Wrote %s from %s to %s.\n", store.Plural(written, "comment", "comments"), r.Name, *out)
		if withheld > 0 {
			fmt.Fprintf(env.Stdout, "Held back %s that %s a participant by name (see the Feedback screen's Comments):\n",
				store.Plural(withheld, "comment", "comments"), map[bool]string{true: "names", false: "name"}[withheld == 1])
			for _, c := range cs {
				if c.Flagged() {
					fmt.Fprintf(env.Stdout, "  names %s\n", strings.Join(c.Names, ", "))
				}
			}
		}
		return nil
	}
}
