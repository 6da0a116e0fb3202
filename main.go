// Command liaison is the Liaison desktop app for organisers of GP–consultant
// liaison schemes, with a small command line in the same binary:
//
//	liaison [--db PATH]                 the GUI
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

	fyneapp "fyne.io/fyne/v2/app"

	"github.com/liaisonapp/liaison/app"
	"github.com/liaisonapp/liaison/app/cli"
	"github.com/liaisonapp/liaison/store"
	"github.com/liaisonapp/liaison/store/demo"
	"github.com/liaisonapp/liaison/store/sqlite"
)

func main() {
	args := os.Args[1:]
	if cli.IsCommand(args) {
		os.Exit(cli.Run(context.Background(), args, os.Stdout, os.Stderr))
	}
	os.Exit(runGUI(args))
}

// runGUI opens the database and shows the main window.
func runGUI(args []string) int {
	fs := flag.NewFlagSet("liaison", flag.ContinueOnError)
	dbPath := fs.String("db", "", "the database file (default: your local application-data folder)")
	withDemo := fs.Bool("demo", false, "open on the demo round when the database is empty")
	fs.Usage = func() { fmt.Fprint(os.Stderr, cli.Usage()) }
	if err := fs.Parse(args); err != nil {
		return 2
	}
	path := *dbPath
	if path == "" {
		var err error
		if path, err = store.DefaultPath(); err != nil {
			fmt.Fprintln(os.Stderr, "liaison:", store.ErrorMessage(err))
			return 1
		}
	}
	db, err := sqlite.Open(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, "liaison:", store.ErrorMessage(err))
		return 1
	}
	defer db.Close()
	if *withDemo {
		if rounds, err := db.Rounds(context.Background()); err == nil && len(rounds) == 0 {
			if _, err := demo.Create(context.Background(), db); err != nil {
				fmt.Fprintln(os.Stderr, "liaison:", store.ErrorMessage(err))
				return 1
			}
		}
	}
	a := fyneapp.NewWithID("io.github.liaisonapp.liaison")
	app.New(a, db, app.Options{}).ShowAndRun()
	return 0
}
