// Package cli is the command-line side of Liaison, in the same binary as
// the GUI: `liaison demo`, `liaison report`, `liaison import …`,
// `liaison export …` and friends, for scripting and for tests. Errors go to
// stderr with a non-zero exit status, and a failed command writes nothing.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/liaisonapp/liaison/store"
)

// Env is what a command runs with.
type Env struct {
	Ctx    context.Context
	Stdout io.Writer
	Stderr io.Writer
	// Now returns the current time; tests fix it.
	Now func() time.Time
	// DB is the open store; set once the command's flags are parsed.
	DB store.Service
	// open opens the store at a path; main.go hands it over, so that only
	// main knows the store is SQLite.
	open Opener
	// DBPath is the database file, for a command that opens it itself.
	DBPath string
	// restore replaces the database at a path with a backup; main.go
	// hands it over with open.
	restore Restorer
	// openRollup opens a database read-only for `liaison rollup`; main.go
	// hands it over with open.
	openRollup store.RollupOpener
}

// Opener opens (creating if need be) the database file at path.
type Opener func(path string) (store.Service, error)

// Restorer replaces the database at dbPath with the backup from, refusing
// (and changing nothing) when from is not a Liaison database this version
// can read, after saving the current database in the backups folder; it
// returns where that copy went. It must work on a database that cannot be
// opened (a damaged one), so it is not a method of the open store.
type Restorer func(ctx context.Context, dbPath, from string) (saved string, err error)

// command is one subcommand: its usage line, its flags and what it does
// with its positional arguments.
type command struct {
	usage string
	// flags adds the command's own flags (besides --db) to fs and returns
	// the function that runs it.
	flags func(fs *flag.FlagSet) func(env *Env, args []string) error
	// nargs is how many positional arguments it takes; with atLeast set,
	// it takes atLeast or more instead.
	nargs, atLeast int
	// noDB is set for a command that works on files named as its
	// arguments, not on --db (rollup): it has no --db flag.
	noDB bool
	// ownDB is set for a command that must not have the database opened
	// for it (restore, which must work on a damaged file); it gets DBPath.
	ownDB bool
	// help, when set, returns what `liaison help NAME` prints below the
	// usage line and the flags.
	help func() string
}

// commands maps "name" or "name kind" (such as "import participants") to
// its command.
var commands = map[string]command{
	"demo":                {usage: "demo --db PATH", flags: demoFlags},
	"report":              {usage: "report --db PATH [--round NAME] [--json]", flags: reportFlags},
	"import feedback":     {usage: "import feedback FILE --db PATH [--round NAME] [--new-form | --form N]", flags: importFeedbackFlags, nargs: 1},
	"import reflections":  {usage: "import reflections FILE --db PATH [--round NAME]", flags: importReflectionsFlags, nargs: 1},
	"export feedback":     {usage: "export feedback --db PATH --out FILE [--round NAME]", flags: exportFeedbackFlags},
	"import participants": {usage: "import participants FILE --db PATH [--round NAME]", flags: importParticipantsFlags, nargs: 1},
	"export participants": {usage: "export participants --db PATH --out FILE [--round NAME]", flags: exportParticipantsFlags},
	"export calendar":     {usage: "export calendar --db PATH --out FILE.ics [--round NAME] [--person NAME]", flags: exportCalendarFlags},
	"export messages": {usage: "export messages --db PATH --kind intro|reminder|chaser|invitation --out FILE.csv|FILE.eml [--to EMAIL] [--round NAME]",
		flags: exportMessagesFlags, help: messagesHelp},
	"template": {usage: "template intro|reminder|chaser|invitation --db PATH [--round NAME] [--subject TEXT] [--body-file FILE] [--reset]",
		flags: templateFlags, nargs: 1, help: messagesHelp},
	"export pairings":  {usage: "export pairings --db PATH --out FILE [--round NAME]", flags: exportPairingsFlags},
	"export projects":  {usage: "export projects --db PATH --out FILE [--round NAME]", flags: exportProjectsFlags},
	"import attendees": {usage: "import attendees FILE --db PATH [--round NAME | --forum NAME] [--event NAME|DATE]", help: eventHelp, flags: importAttendeesFlags, nargs: 1},
	"export attendees": {usage: "export attendees --db PATH --out FILE [--round NAME | --forum NAME] [--event NAME|DATE]", help: eventHelp, flags: exportAttendeesFlags},
	"export agenda":    {usage: "export agenda --db PATH --out FILE [--round NAME | --forum NAME] [--event NAME|DATE]", help: eventHelp, flags: exportAgendaFlags},
	"export programme": {usage: "export programme --db PATH --out FILE.pdf [--round NAME | --forum NAME] [--event NAME|DATE]", help: eventHelp, flags: printFlags("programme")},
	"export signin":    {usage: "export signin --db PATH --out FILE.pdf [--round NAME | --forum NAME] [--event NAME|DATE]", help: eventHelp, flags: printFlags("signin")},
	"export badges":    {usage: "export badges --db PATH --out FILE.pdf [--round NAME | --forum NAME] [--event NAME|DATE] [--per-page 8|10]", help: eventHelp, flags: printFlags("badges")},
	"match": {usage: "match --db PATH [--round NAME] [--side-a ROLES] [--side-b ROLES] [--weight NAME=N]… [--priority SPECIALTIES] [--apply [--replace]]",
		flags: matchFlags, help: matchHelp},
	"charts":       {usage: "charts --db PATH --out DIR [--round NAME]", flags: chartsFlags},
	"export board": {usage: "export board --db PATH --out DIR [--round NAME] [--include-names]", flags: exportBoardFlags},
	"export appraisal": {usage: "export appraisal --db PATH --out DIR [--round NAME] [--email ADDRESS] [--organiser NAME --contact TEXT]",
		flags: exportAppraisalFlags},
	"export comments": {usage: "export comments --db PATH --out FILE [--round NAME]", flags: exportCommentsFlags},
	"set organiser":   {usage: "set organiser --db PATH [--round NAME] --organiser NAME --contact TEXT", flags: setOrganiserFlags},
	"set rate":        {usage: "set rate --db PATH [--round NAME] [--surveys-sent N] [--base participants|completed|surveys_sent] [--k K]", flags: setRateFlags},
	"new-round": {usage: "new-round NAME --db PATH [--from ROUND] (--continuing FILE | --everyone)", flags: newRoundFlags, nargs: 1,
		help: func() string {
			return "Starts the next round from one in one step: the people who continue, the survey questions\n" +
				"and the round's settings (the matching options) are carried over. Partners from earlier\n" +
				"rounds are never paired again.\n"
		}},
}

// IsCommand reports whether args are for the command line rather than the
// GUI: anything that starts with a word ("report", or a mistyped "reprot",
// which then gets "unknown command" rather than a window).
func IsCommand(args []string) bool {
	return len(args) > 0 && !strings.HasPrefix(args[0], "-")
}

// Usage returns the usage text listing every command.
func Usage() string {
	var lines []string
	for _, c := range commands {
		lines = append(lines, "  liaison "+c.usage)
	}
	sort.Strings(lines)
	return "Usage:\n  liaison [--db PATH]            the GUI\n" + strings.Join(lines, "\n") +
		"\n\nRun `liaison help COMMAND` for a command's options, e.g. liaison help match.\n" +
		"Without --db the database is in your local application-data folder.\n" +
		"Without --round commands use the most recent round (an import into an empty database creates one\n" +
		"named after the year). Only imports and match --apply create a round named by --round.\n"
}

// Run runs the command in args (without the program name) on the store
// that open opens (restore for `liaison restore`), and returns the
// process exit status: 0 on success, 1 when the command failed, 2 for a
// usage error.
func Run(ctx context.Context, args []string, stdout, stderr io.Writer, open Opener, restore Restorer) int {
	return RunWith(ctx, args, stdout, stderr, Tools{Open: open, Restore: restore})
}

// Tools are what main.go hands the command line, so that only main knows
// the store is SQLite.
type Tools struct {
	// Open opens the database of --db.
	Open Opener
	// Restore puts a backup back (`liaison restore`).
	Restore Restorer
	// OpenRollup opens a database strictly read-only (`liaison rollup`).
	OpenRollup store.RollupOpener
}

// RunWith is Run with every tool the commands use.
func RunWith(ctx context.Context, args []string, stdout, stderr io.Writer, t Tools) int {
	env := &Env{Ctx: ctx, Stdout: stdout, Stderr: stderr, Now: time.Now, open: t.Open, restore: t.Restore, openRollup: t.OpenRollup}
	return env.run(args)
}

func (env *Env) run(args []string) int {
	if len(args) > 1 && args[0] == "help" {
		return env.help(args[1:])
	}
	if len(args) == 0 || args[0] == "help" || args[0] == "--help" || args[0] == "-h" {
		fmt.Fprint(env.Stdout, Usage())
		return 0
	}
	if slices.ContainsFunc(args, func(a string) bool { return a == "--help" || a == "-help" || a == "-h" }) {
		if env.help(args[:min(2, len(args))]) == 0 {
			return 0
		}
	}
	name, cmd, rest, ok := lookup(args)
	if !ok {
		fmt.Fprintf(env.Stderr, "liaison: unknown command %q\n\n%s", strings.Join(args[:min(2, len(args))], " "), Usage())
		return 2
	}
	fs := flag.NewFlagSet("liaison "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	dbPath := new(string)
	if !cmd.noDB {
		dbPath = fs.String("db", "", "the database file (default: your local application-data folder)")
	}
	runFn := cmd.flags(fs)
	pos, err := parseInterspersed(fs, rest)
	if err != nil {
		fmt.Fprintf(env.Stderr, "liaison %s: %v\nusage: liaison %s\n", name, err, cmd.usage)
		return 2
	}
	if cmd.atLeast > 0 && len(pos) < cmd.atLeast {
		fmt.Fprintf(env.Stderr, "liaison %s: expected at least %d argument(s), got %d\nusage: liaison %s\n", name, cmd.atLeast, len(pos), cmd.usage)
		return 2
	}
	if cmd.atLeast == 0 && len(pos) != cmd.nargs {
		fmt.Fprintf(env.Stderr, "liaison %s: expected %d argument(s), got %d\nusage: liaison %s\n", name, cmd.nargs, len(pos), cmd.usage)
		return 2
	}
	if cmd.noDB {
		if err := runFn(env, pos); err != nil {
			return env.fail(name, err)
		}
		return 0
	}
	path := *dbPath
	if path == "" {
		if path, err = store.DefaultPath(); err != nil {
			return env.fail(name, err)
		}
	}
	env.DBPath = path
	if cmd.ownDB {
		if err := runFn(env, pos); err != nil {
			return env.fail(name, err)
		}
		return 0
	}
	db, err := env.open(path)
	if err != nil {
		return env.fail(name, err)
	}
	defer db.Close()
	env.DB = db
	if err := runFn(env, pos); err != nil {
		return env.fail(name, err)
	}
	return 0
}

func (env *Env) fail(name string, err error) int {
	var u usageError
	if errors.As(err, &u) {
		fmt.Fprintf(env.Stderr, "liaison %s: %s\nusage: liaison %s\n", name, string(u), commands[name].usage)
		return 2
	}
	fmt.Fprintf(env.Stderr, "liaison %s: %s\n", name, store.ErrorMessage(err))
	return 1
}

// usageError is a command used wrongly (a flag missing or contradictory):
// exit status 2 and the usage line, as for an unknown flag.
type usageError string

func (u usageError) Error() string { return string(u) }

func usageErrorf(format string, args ...any) error { return usageError(fmt.Sprintf(format, args...)) }

// parseInterspersed parses flags that may come before, between or after
// the positional arguments ("import participants FILE --db PATH").
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, errors.New("see the usage below")
			}
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// roundFlag declares --round, which every command that works on a round takes.
func roundFlag(fs *flag.FlagSet) *string {
	return fs.String("round", "", "the round (default: the most recent)")
}

// round resolves --round NAME (or the most recent round) for a command
// that writes, creating the round when there is none.
func (env *Env) round(name string) (store.Round, error) {
	return env.DB.ResolveRound(env.Ctx, name, env.Now())
}

// importInto runs an import into the round named by --round (or the most
// recent round). A round that does not exist yet is created in the same
// transaction as the import's writes, which fn makes through ctx, so a
// refused or killed import leaves no empty round behind.
func (env *Env) importInto(name string, fn func(ctx context.Context, r store.Round) error) (store.Round, error) {
	r, found, err := env.DB.LookupRound(env.Ctx, name, env.Now())
	if err != nil {
		return r, err
	}
	if found {
		return r, fn(env.Ctx, r)
	}
	return env.DB.InNewRound(env.Ctx, r.Name, fn)
}

// existingRound resolves --round for a command that only reads (report,
// export, charts, match without --apply): it never creates a round, so a
// mistyped name is an error listing the rounds there are, rather than a
// new empty round that then becomes every later command's default.
func (env *Env) existingRound(name string) (store.Round, error) {
	return env.DB.ExistingRound(env.Ctx, name)
}

// lookup finds the command that args start with ("match", or "import
// participants"), and returns its name and the arguments after it.
func lookup(args []string) (name string, cmd command, rest []string, ok bool) {
	if len(args) == 0 {
		return "", command{}, nil, false
	}
	if cmd, ok = commands[args[0]]; ok {
		return args[0], cmd, args[1:], true
	}
	if len(args) > 1 {
		name = args[0] + " " + args[1]
		if cmd, ok = commands[name]; ok {
			return name, cmd, args[2:], true
		}
	}
	return "", command{}, nil, false
}

// help prints `liaison help COMMAND`: the usage line, every flag with what
// it does, and the command's own notes.
func (env *Env) help(args []string) int {
	name, cmd, _, ok := lookup(args)
	if !ok {
		fmt.Fprintf(env.Stderr, "liaison help: unknown command %q\n\n%s", strings.Join(args, " "), Usage())
		return 2
	}
	fs := flag.NewFlagSet("liaison "+name, flag.ContinueOnError)
	if !cmd.noDB {
		fs.String("db", "", "the database file (default: your local application-data folder)")
	}
	cmd.flags(fs)
	var b strings.Builder
	fmt.Fprintf(&b, "Usage: liaison %s\n\nOptions:\n", cmd.usage)
	fs.VisitAll(func(f *flag.Flag) {
		arg, usage := flag.UnquoteUsage(f)
		if arg == "string" || arg == "value" {
			arg = strings.ToUpper(f.Name)
		}
		line := "  --" + f.Name
		if arg != "" {
			line += " " + arg
		}
		fmt.Fprintf(&b, "%s\n        %s\n", line, usage)
	})
	if cmd.help != nil {
		b.WriteString("\n" + cmd.help())
	}
	fmt.Fprint(env.Stdout, b.String())
	return 0
}
