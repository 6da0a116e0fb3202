package cli

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/liaisonapp/liaison/app/tasks"
	"github.com/liaisonapp/liaison/store"
)

// eventFlag declares --event, which the event's commands take.
func eventFlag(fs *flag.FlagSet) *string {
	return fs.String("event", "", "the event (default: the round's celebration event, the first created); with --forum, the meeting's date (15/10/2026) or name")
}

// forumFlag declares --forum, which makes an event's command work on one
// of a forum's meetings rather than on a round's event.
func forumFlag(fs *flag.FlagSet) *string {
	return fs.String("forum", "", "a forum: work on one of its meetings (--event DATE; without it, today's meeting, else the next, else the latest), not a round's event")
}

// findEvent resolves --round, --forum and --event: a round's event, or a
// forum's meeting, which belongs to no round.
func (env *Env) findEvent(roundName, forumName, eventName string) (store.Event, error) {
	if strings.TrimSpace(forumName) != "" {
		if strings.TrimSpace(roundName) != "" {
			return store.Event{}, usageErrorf("a forum's meetings belong to no round: give --forum or --round, not both")
		}
		return tasks.FindForumMeeting(env.Ctx, env.DB, forumName, eventName, env.Now())
	}
	r, err := env.existingRound(roundName)
	if err != nil {
		return store.Event{}, err
	}
	return tasks.FindEvent(env.Ctx, env.DB, r.ID, eventName)
}

// eventHelp is `liaison help` for the commands that work on one event.
func eventHelp() string {
	return "Without --event, the round's celebration event (its first). A forum meeting belongs to no round:\n" +
		"choose it with --forum NAME and --event DATE (15/10/2026 or 2026-10-15) or the meeting's name;\n" +
		"without --event, the forum's meeting today, else its next, else its latest.\n"
}

// importAttendeesFlags is `liaison import attendees FILE`: an attendee
// list comes in whole, linked to participants by email, or not at all.
func importAttendeesFlags(fs *flag.FlagSet) func(env *Env, args []string) error {
	roundName := roundFlag(fs)
	eventName := eventFlag(fs)
	forumName := forumFlag(fs)
	return func(env *Env, args []string) error {
		imp, err := tasks.ReadAttendeesFile(args[0])
		if err != nil {
			return err
		}
		e, err := env.findEvent(*roundName, *forumName, *eventName)
		if err != nil {
			return err
		}
		res, err := tasks.ImportAttendees(env.Ctx, env.DB, e, imp)
		if err != nil {
			return err
		}
		name := e.Name
		if e.ForumID != 0 {
			name = store.MeetingLabel(e)
		}
		fmt.Fprintf(env.Stdout, "Event: %s\n%s\n", name, res)
		if len(imp.Ignored) > 0 {
			fmt.Fprintf(env.Stdout, "Ignored columns: %s\n", tasks.QuoteList(imp.Ignored))
		}
		return nil
	}
}

// eventExportFlags declares --round, --forum, --event and --out for an
// export of one event and returns its runner, as exportFlags does for a
// round. A forum's meeting, which belongs to no round, is written without
// looking up a round.
func eventExportFlags(fs *flag.FlagSet, prepare func(env *Env, e store.Event) (func(w io.Writer) error, string, error)) func(env *Env, args []string) error {
	eventName := eventFlag(fs)
	forumName := forumFlag(fs)
	ofRound := exportFlags(fs, func(env *Env, r store.Round) (func(w io.Writer) error, string, error) {
		e, err := tasks.FindEvent(env.Ctx, env.DB, r.ID, *eventName)
		if err != nil {
			return nil, "", err
		}
		return prepare(env, e)
	})
	return func(env *Env, args []string) error {
		if strings.TrimSpace(*forumName) == "" {
			return ofRound(env, args)
		}
		// exportFlags declared --round and --out on fs.
		out := fs.Lookup("out").Value.String()
		if strings.TrimSpace(out) == "" {
			return usageErrorf("Say where to write the file with --out FILE.")
		}
		if err := tasks.CheckOutPath(out, env.DB.Path()); err != nil {
			return err
		}
		e, err := env.findEvent(fs.Lookup("round").Value.String(), *forumName, *eventName)
		if err != nil {
			return err
		}
		write, what, err := prepare(env, e)
		if err != nil {
			return err
		}
		if err := tasks.WriteFileAtomic(out, write); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "Wrote %s, the meeting of %s, to %s.\n", what, store.LongDate(e.Date), out)
		return nil
	}
}

// exportAttendeesFlags is `liaison export attendees --out FILE`: the list
// without anyone's access or dietary needs, which are printed as counts.
func exportAttendeesFlags(fs *flag.FlagSet) func(env *Env, args []string) error {
	return eventExportFlags(fs, func(env *Env, e store.Event) (func(w io.Writer) error, string, error) {
		as, err := env.DB.Attendees(env.Ctx, e.ID)
		if err != nil {
			return nil, "", err
		}
		if counts := tasks.CateringCounts(as); len(counts) > 0 {
			fmt.Fprintln(env.Stdout, "Needs of those coming (counts for the caterers and the venue; not in the file):")
			for _, c := range counts {
				fmt.Fprintf(env.Stdout, "  %s (%s): %d\n", c.Need, c.Kind, c.People)
			}
		}
		return func(w io.Writer) error { return tasks.ExportAttendees(w, as) },
			store.Plural(len(as), "attendee", "attendees") + " of " + e.Name, nil
	})
}

// exportAgendaFlags is `liaison export agenda --out FILE`.
func exportAgendaFlags(fs *flag.FlagSet) func(env *Env, args []string) error {
	return eventExportFlags(fs, func(env *Env, e store.Event) (func(w io.Writer) error, string, error) {
		items, err := env.DB.Agenda(env.Ctx, e.ID)
		if err != nil {
			return nil, "", err
		}
		return func(w io.Writer) error { return tasks.ExportAgenda(w, items) },
			store.Plural(len(items), "agenda item", "agenda items") + " of " + e.Name, nil
	})
}

// printFlags is `liaison export programme|signin|badges --out FILE.pdf`:
// the event's printed documents, A4 PDFs with the charts' font embedded.
func printFlags(kind string) func(fs *flag.FlagSet) func(env *Env, args []string) error {
	return func(fs *flag.FlagSet) func(env *Env, args []string) error {
		perPage := 8
		if kind == "badges" {
			fs.IntVar(&perPage, "per-page", 8, "badges to a sheet: 8 or 10")
		}
		return eventExportFlags(fs, func(env *Env, e store.Event) (func(w io.Writer) error, string, error) {
			var pdf []byte
			var err error
			var what string
			switch kind {
			case "programme":
				items, err2 := env.DB.Agenda(env.Ctx, e.ID)
				if err2 != nil {
					return nil, "", err2
				}
				pdf, err = tasks.Programme(e, items, env.Now())
				what = "the programme"
			default:
				as, err2 := env.DB.Attendees(env.Ctx, e.ID)
				if err2 != nil {
					return nil, "", err2
				}
				if kind == "signin" {
					pdf, err = tasks.SignInSheet(e, as, env.Now())
					what = "the sign-in sheet"
				} else {
					pdf, err = tasks.Badges(e, as, perPage, env.Now())
					what = "the name badges"
				}
			}
			if err != nil {
				return nil, "", err
			}
			return func(w io.Writer) error { _, err := w.Write(pdf); return err }, what + " of " + e.Name, nil
		})
	}
}
