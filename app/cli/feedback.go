package cli

import (
	"context"
	"flag"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/liaisonapp/liaison/app/tasks"
	"github.com/liaisonapp/liaison/store"
	"github.com/liaisonapp/liaison/store/forms"
)

// importFeedbackFlags is `liaison import feedback FILE`: a forms export
// (Microsoft Forms, Google Forms or a spreadsheet) comes in with the
// mapping printed for the organiser to check, or not at all. The file is
// streamed: its head decides the mapping, and the rest is stored as it is
// read, so a large export is never held in memory.
func importFeedbackFlags(fs *flag.FlagSet) func(env *Env, args []string) error {
	roundName := roundFlag(fs)
	newForm := fs.Bool("new-form", false, "the file is a different form whose response IDs restart at 1: keep its responses apart from those already stored")
	form := fs.Int("form", 0, "re-import form N of the round (as --new-form numbered it)")
	return func(env *Env, args []string) error {
		if *newForm && *form > 0 {
			return usageErrorf("Give either --new-form or --form N, not both.")
		}
		ff, err := tasks.OpenFeedback(args[0])
		if err != nil {
			return err
		}
		defer ff.Close()
		r, found, err := env.DB.LookupRound(env.Ctx, *roundName, env.Now())
		if err != nil {
			return err
		}
		qs := tasks.PublishedQuestionsDraft()
		if found {
			if qs, err = env.DB.Questions(env.Ctx, r.ID); err != nil {
				return err
			}
		}
		plan := forms.Detect(ff.Sample, qs)
		fmt.Fprintf(env.Stdout, "Round: %s\nFile: %s (%s)\n", r.Name, args[0], ff.Sample.Encoding)
		fmt.Fprint(env.Stdout, tasks.MappingText(plan, qs))
		res, c, err := tasks.ImportFeedback(env.Ctx, env.DB, tasks.FeedbackImport{
			Round: r, Found: found, RoundName: r.Name, Plan: plan,
			Source: "import:" + filepath.Base(args[0]), NewForm: *newForm, Form: *form,
		}, ff)
		if err != nil {
			return err
		}
		if words := res.ScoreWords(); len(words) > 0 {
			fmt.Fprintf(env.Stdout, "Scores written as words, read as:\n  %s\n", strings.Join(words, "\n  "))
		}
		for _, q := range c.NewQuestions {
			fmt.Fprintf(env.Stdout, "New question added: %s\n", q)
		}
		if *newForm || c.Form > 1 {
			fmt.Fprintf(env.Stdout, "Responses with an ID are stored as form %d of this round; re-import later downloads of this form with --form %d.\n", c.Form, c.Form)
		}
		fmt.Fprintf(env.Stdout, "%d added, %d changed, %d already there, %s added",
			c.Added, c.Changed, c.Unchanged, store.Plural(len(c.NewQuestions), "new question", "new questions"))
		if res.Skipped > 0 {
			fmt.Fprintf(env.Stdout, " (%d empty rows left out)", res.Skipped)
		}
		fmt.Fprintln(env.Stdout, ".")
		return nil
	}
}

// importReflectionsFlags is `liaison import reflections FILE`: one
// anonymous reflection per row; every other column (names, emails) is left
// unread and the organiser is told so.
func importReflectionsFlags(fs *flag.FlagSet) func(env *Env, args []string) error {
	roundName := roundFlag(fs)
	return func(env *Env, args []string) error {
		t, err := tasks.ReadTable(args[0])
		if err != nil {
			return err
		}
		bodies, ignored, problems := forms.ReadReflections(t)
		if len(problems) > 0 {
			return forms.Result{Problems: problems}.Err()
		}
		var fresh []store.Reflection
		var already int
		r, err := env.importInto(*roundName, func(ctx context.Context, r store.Round) error {
			existing, err := env.DB.Reflections(ctx, r.ID)
			if err != nil {
				return err
			}
			fresh, already = tasks.NewReflections(existing, bodies)
			return env.DB.CreateReflections(ctx, r.ID, fresh)
		})
		if err != nil {
			return err
		}
		if len(ignored) > 0 {
			quoted := make([]string, len(ignored))
			for i, h := range ignored {
				quoted[i] = strconv.Quote(h)
			}
			fmt.Fprintf(env.Stdout, "Ignored columns (reflections stay anonymous, so names and emails are never read): %s\n", strings.Join(quoted, ", "))
		}
		fmt.Fprintf(env.Stdout, "Round: %s\n%d added, %d already there.\n", r.Name, len(fresh), already)
		return nil
	}
}

// exportFeedbackFlags is `liaison export feedback --out FILE`: the
// per-question summary for the board, with the breakdown by role
// suppressed below K.
func exportFeedbackFlags(fs *flag.FlagSet) func(env *Env, args []string) error {
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
		f, err := store.ComputeFigures(env.Ctx, env.DB, r, env.Now())
		if err != nil {
			return err
		}
		qs, err := env.DB.Questions(env.Ctx, r.ID)
		if err != nil {
			return err
		}
		rs, err := env.DB.Responses(env.Ctx, r.ID)
		if err != nil {
			return err
		}
		header, rows := tasks.FeedbackSummaryRows(qs, rs, f.Feedback.SuppressK, f.Feedback.RateText())
		if err := tasks.WriteCSVAtomic(*out, header, rows); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "Wrote the feedback summary of %s (%d responses, groups under %d suppressed) to %s.\n",
			r.Name, len(rs), f.Feedback.SuppressK, *out)
		return nil
	}
}
