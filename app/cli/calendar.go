package cli

import (
	"flag"
	"io"
	"strings"

	"github.com/liaisonapp/liaison/app/tasks"
	"github.com/liaisonapp/liaison/store"
)

// exportCalendarFlags is `liaison export calendar --out FILE [--person
// NAME]`: every dated visit of the round, or those of one person's pairs,
// as one .ics file that Outlook opens.
func exportCalendarFlags(fs *flag.FlagSet) func(env *Env, args []string) error {
	who := fs.String("person", "", "only the visits of the pairs of the participant with this `NAME` or email")
	return exportFlags(fs, func(env *Env, r store.Round) (func(w io.Writer) error, string, error) {
		pairs, err := env.DB.FindPairings(env.Ctx, r.ID)
		if err != nil {
			return nil, "", err
		}
		if k := strings.TrimSpace(*who); k != "" {
			var mine []store.Pairing
			for _, p := range pairs {
				for _, x := range []store.Participant{p.Primary, p.Secondary} {
					if strings.EqualFold(x.Email, k) || store.NameKey(x.Name) == store.NameKey(k) {
						mine = append(mine, p)
						break
					}
				}
			}
			if len(mine) == 0 {
				return nil, "", store.Errorf(store.ENOTFOUND, "Nobody called %q is in a pair of %s.", k, r.Name)
			}
			pairs = mine
		}
		events := tasks.RoundCalendarEvents(pairs)
		if len(events) == 0 {
			return nil, "", store.Errorf(store.EINVALID, "No visit has a date yet; nothing was written.")
		}
		stamp := env.Now()
		return func(w io.Writer) error { return tasks.WriteCalendar(w, stamp, events) }, store.Plural(len(events), "visit", "visits"), nil
	})
}
