// Command liaison is the Liaison desktop app for organisers of GP–consultant
// liaison schemes, with a small command line in the same binary:
//
//	liaison [--db PATH | --portable]    the GUI
//	liaison --version                   versions of Liaison, Go, Fyne and SQLite
//	liaison demo --db PATH              create the demo round
//	liaison report --db PATH [--json]   the round's headline figures
//
// Run `liaison help` for every command.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"

	fyneapp "fyne.io/fyne/v2/app"

	_ "github.com/liaisonapp/liaison/internal/quietlocale" // before Fyne reads the locale

	"github.com/liaisonapp/liaison/app"
	"github.com/liaisonapp/liaison/app/cli"
	"github.com/liaisonapp/liaison/store"
	"github.com/liaisonapp/liaison/store/demo"
	"github.com/liaisonapp/liaison/store/lockfile"
	"github.com/liaisonapp/liaison/store/sqlite"
)

func main() {
	args := os.Args[1:]
	if cli.IsCommand(args) {
		os.Exit(cli.RunWith(context.Background(), args, os.Stdout, os.Stderr,
			cli.Tools{Open: openStore, Restore: sqlite.Restore, OpenRollup: sqlite.OpenRollup}))
	}
	os.Exit(runGUI(args))
}

// runGUI opens the database and shows the main window. On Windows the GUI
// build has no console, so a database that cannot be opened is reported in
// a window as well as on stderr.
func runGUI(args []string) int {
	fs := flag.NewFlagSet("liaison", flag.ContinueOnError)
	dbPath := fs.String("db", "", "the database file (default: your local application-data folder)")
	withDemo := fs.Bool("demo", false, "open on the demo round when the database is empty")
	portable := fs.Bool("portable", false, "keep the database and its backups in a Liaison-data folder beside the program")
	showVersion := fs.Bool("version", false, "print the version and exit")
	fs.Usage = func() { fmt.Fprint(os.Stderr, cli.Usage()) }
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *showVersion {
		fmt.Print(buildInfo())
		return 0
	}
	if *portable {
		if *dbPath != "" {
			fmt.Fprintln(os.Stderr, "liaison: --portable and --db cannot be used together: --portable keeps the database beside the program")
			return 2
		}
		var err error
		if *dbPath, err = portablePath(); err != nil {
			fmt.Fprintln(os.Stderr, "liaison:", store.ErrorMessage(err))
			return 1
		}
	}
	if fs.NArg() > 0 {
		// Such as `liaison --db x.db report`: the command must come first.
		fmt.Fprintf(os.Stderr, "liaison: unexpected %q after the options; a command comes first, e.g. liaison %s --db PATH\n\n%s",
			fs.Arg(0), fs.Arg(0), cli.Usage())
		return 2
	}
	// Without OpenGL 2.1 no window can open: say so and what to do.
	graphics := app.WatchGraphics()
	defer graphics.Stop()
	a := fyneapp.NewWithID("io.github.liaisonapp.liaison")
	path := *dbPath
	if path == "" {
		var err error
		if path, err = store.DefaultPath(); err != nil {
			fmt.Fprintln(os.Stderr, "liaison:", store.ErrorMessage(err))
			graphics.Run(func() { app.ShowStartError(a, err) })
			return 1
		}
	}
	// One window per database: a second one is refused, naming the file.
	// (A folder given as --db gets Open's own message, without a lock file
	// beside it.)
	if fi, err := os.Stat(path); err != nil || !fi.IsDir() {
		lock, err := lockfile.Acquire(path)
		if err != nil {
			fmt.Fprintln(os.Stderr, "liaison:", store.ErrorMessage(err))
			graphics.Run(func() { app.ShowStartError(a, err) })
			return 1
		}
		defer lock.Release()
	}
	opt := app.Options{Restore: sqlite.Restore, OpenRollup: sqlite.OpenRollup, About: buildInfo()}
	if lockfile.OnNetworkDrive(path) {
		opt.Warning = "The database " + path + " seems to be on a network drive, where SQLite cannot lock it reliably and it may be damaged. Keep it on this computer (the default place is your local application-data folder)."
		fmt.Fprintln(os.Stderr, "liaison: warning:", opt.Warning)
	}
	db, err := openForGUI(path, *withDemo)
	if store.ErrorCode(err) == store.EDAMAGED {
		fmt.Fprintln(os.Stderr, "liaison:", store.ErrorMessage(err))
		newest, nerr := sqlite.NewestGoodBackup(context.Background(), path)
		if nerr != nil {
			graphics.Run(func() { app.ShowStartError(a, err) })
			return 1
		}
		var restored *sqlite.DB
		graphics.Run(func() {
			app.ShowDamaged(a, err, newest, func() error {
				if _, err := sqlite.Restore(context.Background(), path, newest); err != nil {
					return err
				}
				var err error
				restored, err = openForGUI(path, false)
				return err
			}, func() {
				ui := app.New(a, restored, opt)
				ui.Start()
				ui.Window().Show()
			})
		})
		if restored != nil {
			restored.Close()
		}
		return 0
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "liaison:", store.ErrorMessage(err))
		graphics.Run(func() { app.ShowStartError(a, err) })
		return 1
	}
	defer db.Close()
	if err := db.AutoBackupError(); err != nil {
		fmt.Fprintln(os.Stderr, "liaison: warning: today's automatic backup failed:", store.ErrorMessage(err))
		opt.Warning = strings.TrimSpace(opt.Warning + "\n\nToday's automatic backup failed: " + store.ErrorMessage(err))
	}
	graphics.Run(func() { app.New(a, db, opt).ShowAndRun() })
	if graphics.Failed() {
		return 1
	}
	return 0
}

// openStore opens the SQLite database at path: main is the only package
// that knows the store is SQLite.
func openStore(path string) (store.Service, error) { return sqlite.Open(path) }

// openForGUI opens the database at path (or the default one), adding the
// demo round to an empty database when withDemo is set.
func openForGUI(path string, withDemo bool) (*sqlite.DB, error) {
	if path == "" {
		var err error
		if path, err = store.DefaultPath(); err != nil {
			return nil, err
		}
	}
	db, err := sqlite.Open(path)
	if err != nil {
		return nil, err
	}
	if withDemo {
		rounds, err := db.Rounds(context.Background())
		if err == nil && len(rounds) == 0 {
			_, err = demo.Create(context.Background(), db)
		}
		if err != nil {
			db.Close()
			return nil, err
		}
	}
	return db, nil
}
