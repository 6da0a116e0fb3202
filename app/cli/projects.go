package cli

import (
	"flag"
	"io"

	"github.com/liaisonapp/liaison/app/tasks"
	"github.com/liaisonapp/liaison/store"
)

// exportProjectsFlags is `liaison export projects --out FILE`: the
// improvement-project register for the board.
func exportProjectsFlags(fs *flag.FlagSet) func(env *Env, args []string) error {
	return exportFlags(fs, func(env *Env, r store.Round) (func(w io.Writer) error, string, error) {
		ps, err := env.DB.Projects(env.Ctx, r.ID)
		if err != nil {
			return nil, "", err
		}
		pairs, err := env.DB.FindPairings(env.Ctx, r.ID)
		if err != nil {
			return nil, "", err
		}
		return func(w io.Writer) error { return tasks.ExportProjects(w, ps, pairs) },
			store.Plural(len(ps), "improvement project", "improvement projects"), nil
	})
}
