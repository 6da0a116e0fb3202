package sqlite

import (
	"database/sql"
	"strconv"
)

// Pool exposes the connection pool to the tests in package sqlite_test, so
// they can check each pooled connection's settings and the raw tables.
func (d *DB) Pool() *sql.DB { return d.db }

// LimitPages makes the pool a single connection and lets the database grow
// by at most extra pages, so a test can fill the "disk".
func (d *DB) LimitPages(extra int) error {
	d.db.SetMaxOpenConns(1)
	var pages int
	if err := d.db.QueryRow(`PRAGMA page_count`).Scan(&pages); err != nil {
		return err
	}
	_, err := d.db.Exec(`PRAGMA max_page_count = ` + strconv.Itoa(pages+extra))
	return err
}
