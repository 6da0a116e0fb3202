package sqlite

import sqlite3 "github.com/mattn/go-sqlite3"

// Version is the version of the SQLite library compiled into Liaison, such
// as "3.50.4", for `liaison --version` and Help → About.
func Version() string {
	v, _, _ := sqlite3.Version()
	return v
}
