package sqlite

import (
	"database/sql"
	"fmt"
	"os"
)

// WriteReadOnly tries to write to the database at path on a read-only
// connection and returns the error as Liaison reports it.
func WriteReadOnly(path string) error {
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = db.Exec(`INSERT INTO settings (key, value) VALUES ('x', 'y')`)
	return trouble(path, err)
}

// CreateAtSchema creates a Liaison database at path with only the first
// version migrations applied, as an older Liaison left it.
func CreateAtSchema(path string, version int) error {
	ms, err := migrations()
	if err != nil {
		return err
	}
	os.Remove(path)
	db, err := sql.Open("sqlite3", dsn(path))
	if err != nil {
		return err
	}
	defer db.Close()
	for _, m := range ms[:version] {
		if _, err := db.Exec(m.sql); err != nil {
			return err
		}
	}
	_, err = db.Exec(fmt.Sprintf(`PRAGMA user_version = %d; PRAGMA application_id = %d`, version, ApplicationID))
	return err
}

// SetBusyTimeout makes databases opened from now on wait ms for a lock,
// and returns the function that puts the usual wait back.
func SetBusyTimeout(ms int) (restore func()) {
	old := busyTimeoutMS
	busyTimeoutMS = ms
	return func() { busyTimeoutMS = old }
}
