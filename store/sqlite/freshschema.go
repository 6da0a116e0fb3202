package sqlite

import (
	_ "embed"
	"fmt"
	"strconv"
	"strings"
)

// newDatabaseSQL creates, in a new database, what the migrations up to its
// version leave there, at a fraction of their cost: replaying the
// migrations rebuilds tables one by one (each statement has SQLite read
// the whole schema again), which was most of the time `liaison` took to
// create a database. It is written by the test that checks it: go test
// ./store/sqlite -run TestNewDatabaseSchemaIsTheMigrations -update.
//
//go:embed newdatabase.sql
var newDatabaseSQL string

// snapshotVersion is the schema version a snapshot such as newDatabaseSQL
// creates, from its first line ("-- schema 8: …"); 0 when it cannot be
// read.
func snapshotVersion(snapshot string) int {
	first, _, _ := strings.Cut(snapshot, "\n")
	rest, ok := strings.CutPrefix(first, "-- schema ")
	if !ok {
		return 0
	}
	num, _, _ := strings.Cut(rest, ":")
	n, err := strconv.Atoi(num)
	if err != nil {
		return 0
	}
	return n
}

// newDatabaseHeader is newDatabaseSQL's first line for schema version.
func newDatabaseHeader(version int) string {
	return fmt.Sprintf("-- schema %d: what the migrations leave in a new database. Written by\n-- go test ./store/sqlite -run TestNewDatabaseSchemaIsTheMigrations -update; do not edit.\n", version)
}
