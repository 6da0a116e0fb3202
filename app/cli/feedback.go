package cli

import (
	"flag"
	"fmt"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"

	"github.com/liaisonapp/liaison/app/tasks"
	"github.com/liaisonapp/liaison/store"
	"github.com/liaisonapp/liaison/store/forms"
)

// importFeedbackFlags is `liaison import feedback FILE`: a forms export
// (Microsoft Forms, Google Forms or a spreadsheet) comes in with the
// mapping printed for the organiser to check, or not at all.
func importFeedbackFlags(fs *flag.FlagSet) func(env *Env, args []string) error {
	roundName := roundFlag(fs)
	return func(env *Env, args []string) error {
		defer batchGC()()
		t, err := tasks.ReadTable(args[0])
		if err != nil {
			return err
		}
		r, found, err := env.DB.LookupRound(env.Ctx, *roundName, env.Now())
		if err != nil {
			return err
		}
		var qs []store.Question
		if found {
			if qs, err = env.DB.Questions(env.Ctx, r.ID); err != nil {
				return err
			}
		} else {
			// A new round starts with the published questions; it is
			// created only once the file is known to be good, so that a
			// rejected file writes nothing at all.
			for i, text := range store.PublishedQuestions {
				qs = append(qs, store.Question{ID: int64(i + 1), Position: i + 1, Text: text})
			}
		}
		plan := forms.Detect(t, qs)
		fmt.Fprintf(env.Stdout, "Round: %s\nFile: %s (%s, %d rows)\n", r.Name, args[0], t.Encoding, len(t.Rows))
		fmt.Fprint(env.Stdout, tasks.MappingText(plan, qs))
		if !found {
			if err := forms.Apply(t, plan, "").Err(); err != nil {
				return err
			}
			if r, err = env.round(*roundName); err != nil {
				return err
			}
			if qs, err = env.DB.Questions(env.Ctx, r.ID); err != nil {
				return err
			}
			plan = forms.Detect(t, qs)
		}
		res, added, skipped, err := tasks.ImportTable(env.Ctx, env.DB, r.ID, t, plan, "import:"+filepath.Base(args[0]))
		if err != nil {
			return err
		}
		for _, q := range tasks.QuestionTexts(res.Plan.NewQuestions) {
			fmt.Fprintf(env.Stdout, "New question added: %s\n", q)
		}
		fmt.Fprintf(env.Stdout, "%d added, %d already there, %s added", added, skipped, store.Plural(len(res.Plan.NewQuestions), "new question", "new questions"))
		if res.Skipped > 0 {
			fmt.Fprintf(env.Stdout, " (%d empty rows left out)", res.Skipped)
		}
		fmt.Fprintln(env.Stdout, ".")
		return nil
	}
}

// batchGC gives the garbage collector four times its usual headroom until
// the function it returns is called. An import holds the whole file and
// its responses live (some 100 MB for 100,000 responses); at the default
// setting the collector marks that heap again and again while the import
// adds to it, which costs more than the import itself. A command that
// exits when the import is done can afford the memory.
func batchGC() (restore func()) {
	old := debug.SetGCPercent(400)
	return func() { debug.SetGCPercent(old) }
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
		r, err := env.round(*roundName)
		if err != nil {
			return err
		}
		existing, err := env.DB.Reflections(env.Ctx, r.ID)
		if err != nil {
			return err
		}
		fresh, already := tasks.NewReflections(existing, bodies)
		if err := env.DB.CreateReflections(env.Ctx, r.ID, fresh); err != nil {
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
		r, err := env.round(*roundName)
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
