package cli

import (
	"encoding/json"
	"flag"
	"fmt"
	"sort"

	"github.com/liaisonapp/liaison/store"
	"github.com/liaisonapp/liaison/store/demo"
)

func demoFlags(fs *flag.FlagSet) func(env *Env, args []string) error {
	return func(env *Env, _ []string) error {
		before, err := env.DB.RoundByName(env.Ctx, demo.RoundName)
		existed := err == nil
		r, err := demo.Create(env.Ctx, env.DB)
		if err != nil {
			return err
		}
		if existed && before.ID == r.ID {
			fmt.Fprintf(env.Stdout, "The demo round %q is already in %s; nothing was added.\n", r.Name, env.DB.Path())
			return nil
		}
		fmt.Fprintf(env.Stdout, "Created the demo round %q in %s.\n", r.Name, env.DB.Path())
		return nil
	}
}

func reportFlags(fs *flag.FlagSet) func(env *Env, args []string) error {
	roundName := roundFlag(fs)
	asJSON := fs.Bool("json", false, "print one JSON object")
	return func(env *Env, _ []string) error {
		r, err := env.existingRound(*roundName)
		if err != nil {
			return err
		}
		f, err := store.ComputeFigures(env.Ctx, env.DB, r, env.Now())
		if err != nil {
			return err
		}
		toDate, err := store.ComputeToDate(env.Ctx, env.DB)
		if err != nil {
			return err
		}
		if *asJSON {
			enc := json.NewEncoder(env.Stdout)
			enc.SetIndent("", "  ")
			return enc.Encode(struct {
				store.Figures
				ToDate store.ToDate `json:"to_date"`
			}{f, toDate})
		}
		printFigures(env, f)
		printToDate(env, toDate)
		return nil
	}
}

func printFigures(env *Env, f store.Figures) {
	w := env.Stdout
	fmt.Fprintf(w, "Round: %s\n", f.Round)
	fmt.Fprintf(w, "Participants: %d\n", f.Participants)
	roles := make([]string, 0, len(f.ParticipantsByRole))
	for role := range f.ParticipantsByRole {
		roles = append(roles, role)
	}
	sort.Strings(roles)
	for _, role := range roles {
		fmt.Fprintf(w, "  %-16s %d\n", role, f.ParticipantsByRole[role])
	}
	fmt.Fprintf(w, "Pairs: %d (%d completed both visits)\n", f.Pairings, f.Visits.PairsCompleted)
	fmt.Fprintf(w, "Visits: %d done of %d planned (%d cancelled, %d overdue)\n", f.Visits.Done, f.Visits.Planned, f.Visits.Cancelled, f.Visits.Overdue)
	fmt.Fprintf(w, "Feedback: %s\n", f.Feedback.RateText())
	for _, q := range f.Feedback.Questions {
		if q.N == 0 {
			// A mean of 0 would read as the worst score, not as none.
			fmt.Fprintf(w, "  %s  (n=0)  %s\n", store.NoAnswersLabel, q.Text)
			continue
		}
		fmt.Fprintf(w, "  %.2f  (n=%d, 95%% CI %.2f–%.2f, %.0f%% scored 5 or 6)  %s\n", q.Mean, q.N, q.CI95[0], q.CI95[1], 100*q.Top2, q.Text)
	}
	fmt.Fprintf(w, "Reflections: %d\n", f.Reflections)
	fmt.Fprintf(w, "Projects: %d completed of %d\n", f.Projects.Completed, f.Projects.Total)
}

// printToDate prints the figures across every round, saying what each
// counts: people once each, the rest added over the rounds.
func printToDate(env *Env, t store.ToDate) {
	fmt.Fprintf(env.Stdout, "To date, across %s: %s (each counted once), %s, %s, %s, %s\n",
		store.Plural(t.Rounds, "round", "rounds"), store.Plural(t.Participants, "person", "people"),
		store.Plural(t.Pairs, "pair", "pairs"), store.Plural(t.VisitsDone, "visit done", "visits done"),
		store.Plural(t.Responses, "feedback response", "feedback responses"),
		store.Plural(t.ProjectsCompleted, "project completed", "projects completed"))
}
