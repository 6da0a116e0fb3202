package sqlite

import "database/sql"

// Pool exposes the connection pool to the tests in package sqlite_test, so
// they can check each pooled connection's settings and the raw tables.
func (d *DB) Pool() *sql.DB { return d.db }
