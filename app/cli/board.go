package cli

import (
	"flag"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/liaisonapp/liaison/app/tasks"
	"github.com/liaisonapp/liaison/store"
)

// exportBoardFlags is `liaison export board --out DIR [--round NAME]
// [--include-names]`: the board pack, written as one folder.
func exportBoardFlags(fs *flag.FlagSet) func(env *Env, args []string) error {
	roundName := roundFlag(fs)
	out := fs.String("out", "", "the folder to write the pack to (new, empty, or an earlier board pack)")
	names := fs.Bool("include-names", false, "put participants' names in the pairs file and project owners in the projects file")
	return func(env *Env, _ []string) error {
		if strings.TrimSpace(*out) == "" {
			return usageErrorf("Say where to write the board pack with --out DIR.")
		}
		r, err := env.existingRound(*roundName)
		if err != nil {
			return err
		}
		pack, err := tasks.BoardPack(env.Ctx, env.DB, r, env.Now(), tasks.BoardPackOptions{IncludeNames: *names})
		if err != nil {
			return err
		}
		if err := tasks.WritePack(*out, env.DB.Path(), tasks.BoardPackKind, pack.Files); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "Wrote the board pack for %s to %s (%s):\n", r.Name, *out, store.Plural(len(pack.Files)+1, "file", "files"))
		for _, f := range pack.Files {
			fmt.Fprintln(env.Stdout, "  "+filepath.Join(*out, f.Name))
		}
		for _, n := range pack.Notes {
			fmt.Fprintln(env.Stdout, "Note: "+n)
		}
		if !*names {
			fmt.Fprintln(env.Stdout, "Nobody is named in the pack (add --include-names for the pairs' names).")
		}
		return nil
	}
}

// organiserFlags declares --organiser and --contact, which `set organiser`
// and `export appraisal` take.
func organiserFlags(fs *flag.FlagSet) (name, contact *string) {
	return fs.String("organiser", "", "the organiser's name, as the appraisal pages print it"),
		fs.String("contact", "", "how to reach the organiser (email or phone)")
}

// withOrganiser returns the round's settings with the organiser's name
// and contact replaced by the flags given, without storing them.
func withOrganiser(env *Env, r store.Round, name, contact string, set map[string]bool) (store.RoundSettings, error) {
	rs, err := store.LoadRoundSettings(env.Ctx, env.DB, r.ID)
	if err != nil {
		return rs, err
	}
	if set["organiser"] {
		rs.OrganiserName = strings.TrimSpace(name)
	}
	if set["contact"] {
		rs.OrganiserContact = strings.TrimSpace(contact)
	}
	return rs, rs.Check()
}

// flagsSet returns the names of the flags given on the command line.
func flagsSet(fs *flag.FlagSet) map[string]bool {
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	return set
}

// exportAppraisalFlags is `liaison export appraisal --out DIR [--round NAME]
// [--email ADDRESS]`: one PDF per person who completed both visits, or
// for the one person with that email.
func exportAppraisalFlags(fs *flag.FlagSet) func(env *Env, args []string) error {
	roundName := roundFlag(fs)
	out := fs.String("out", "", "the folder to write the pages to (new, empty, or earlier appraisal pages)")
	email := fs.String("email", "", "only the participant with this email")
	orgName, orgContact := organiserFlags(fs)
	return func(env *Env, _ []string) error {
		if strings.TrimSpace(*out) == "" {
			return usageErrorf("Say where to write the appraisal pages with --out DIR.")
		}
		r, err := env.existingRound(*roundName)
		if err != nil {
			return err
		}
		set := flagsSet(fs)
		rs, err := withOrganiser(env, r, *orgName, *orgContact, set)
		if err != nil {
			return err
		}
		if rs.OrganiserName == "" || rs.OrganiserContact == "" {
			return store.Errorf(store.EINVALID, "The appraisal pages name the organiser and how to reach them, and %s has no %s yet: "+
				"add --organiser NAME --contact EMAIL, or run liaison set organiser first.", r.Name, missingOrganiser(rs))
		}
		as, err := tasks.Appraisals(env.Ctx, env.DB, r, env.Now(), *email)
		if err != nil {
			return err
		}
		if len(as) == 0 {
			return store.Errorf(store.EINVALID, "Nobody in %s has completed both visits yet, so there is no appraisal evidence to write.", r.Name)
		}
		for i := range as {
			as[i].Settings = rs
		}
		files, err := tasks.AppraisalPack(as)
		if err != nil {
			return err
		}
		if err := tasks.WritePack(*out, env.DB.Path(), tasks.AppraisalKind, files); err != nil {
			return err
		}
		// The organiser given on the command line is kept for the round
		// once the pages are written: a failed command stores nothing.
		if set["organiser"] || set["contact"] {
			if err := store.SaveRoundSettings(env.Ctx, env.DB, r.ID, rs); err != nil {
				return err
			}
		}
		fmt.Fprintf(env.Stdout, "Wrote %s for %s to %s:\n", store.Plural(len(files), "appraisal page", "appraisal pages"), r.Name, *out)
		for _, f := range files {
			fmt.Fprintln(env.Stdout, "  "+filepath.Join(*out, f.Name))
		}
		return nil
	}
}

func missingOrganiser(rs store.RoundSettings) string {
	switch {
	case rs.OrganiserName == "" && rs.OrganiserContact == "":
		return "organiser's name or contact"
	case rs.OrganiserName == "":
		return "organiser's name"
	}
	return "organiser's contact"
}

// setOrganiserFlags is `liaison set organiser --organiser NAME --contact
// TEXT [--round NAME]`.
func setOrganiserFlags(fs *flag.FlagSet) func(env *Env, args []string) error {
	roundName := roundFlag(fs)
	name, contact := organiserFlags(fs)
	return func(env *Env, _ []string) error {
		set := flagsSet(fs)
		if !set["organiser"] && !set["contact"] {
			return usageErrorf("Give --organiser NAME, --contact TEXT or both.")
		}
		r, err := env.existingRound(*roundName)
		if err != nil {
			return err
		}
		rs, err := withOrganiser(env, r, *name, *contact, set)
		if err != nil {
			return err
		}
		if err := store.SaveRoundSettings(env.Ctx, env.DB, r.ID, rs); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "Organiser of %s: %s, %s\n", r.Name, orNone(rs.OrganiserName), orNone(rs.OrganiserContact))
		return nil
	}
}

// setRateFlags is `liaison set rate [--surveys-sent N] [--base BASE] [--k K]
// [--round NAME]`: how the round's response rate and breakdowns are worked out.
func setRateFlags(fs *flag.FlagSet) func(env *Env, args []string) error {
	roundName := roundFlag(fs)
	sent := fs.Int("surveys-sent", 0, "how many surveys were sent (sets the base to surveys sent unless --base says otherwise)")
	base := fs.String("base", "", "the response rate's base: participants, completed or surveys_sent")
	k := fs.Int("k", 0, "K: breakdowns of fewer than K are not shown")
	return func(env *Env, _ []string) error {
		set := flagsSet(fs)
		if !set["surveys-sent"] && !set["base"] && !set["k"] {
			return usageErrorf("Give --surveys-sent N, --base BASE, --k K or any of them.")
		}
		r, err := env.existingRound(*roundName)
		if err != nil {
			return err
		}
		rs, err := store.LoadRoundSettings(env.Ctx, env.DB, r.ID)
		if err != nil {
			return err
		}
		if set["surveys-sent"] {
			if *sent < 1 {
				return store.Errorf(store.EINVALID, "--surveys-sent must be a whole number of at least 1, not %d.", *sent)
			}
			rs.SurveysSent, rs.RateBase = *sent, store.RateBaseSurveysSent
		}
		if set["base"] {
			rs.RateBase = strings.TrimSpace(*base)
		}
		if set["k"] {
			rs.SuppressK = *k
		}
		if err := store.SaveRoundSettings(env.Ctx, env.DB, r.ID, rs); err != nil {
			return err
		}
		f, err := store.ComputeFigures(env.Ctx, env.DB, r, env.Now())
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "Response rate of %s: %s\nSmall-number threshold K: %s\n", r.Name, f.Feedback.RateText(), strconv.Itoa(rs.SuppressK))
		return nil
	}
}

func orNone(s string) string {
	if s == "" {
		return "(not set)"
	}
	return s
}
