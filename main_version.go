package main

import (
	"github.com/liaisonapp/liaison/about"
	"github.com/liaisonapp/liaison/store/sqlite"
)

// Set by the linker in release builds (.ci/build-windows):
// -X main.version=0.1.0 -X main.commit=… -X main.date=….
var version, commit, date string

// buildInfo is what `liaison --version` prints and Help → About shows.
// Only main knows the store is SQLite, so its version is read here.
func buildInfo() about.Info { return about.New(version, commit, date, sqlite.Version()) }
