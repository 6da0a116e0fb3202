package sqlite

import (
	"context"
	"database/sql"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "write newdatabase.sql from the migrations")

// openReplaying makes a new database at path by replaying every
// migration, as Liaison did before newdatabase.sql.
func openReplaying(t *testing.T, path string) *DB {
	t.Helper()
	sdb, err := sql.Open("sqlite3", dsn(path))
	if err != nil {
		t.Fatal(err)
	}
	d := &DB{db: sdb, path: path}
	t.Cleanup(func() { d.Close() })
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	if err := d.apply(context.Background(), ms, ""); err != nil {
		t.Fatal(err)
	}
	return d
}

// A new database made from newdatabase.sql holds exactly what replaying
// every migration gives: the same tables, indexes and triggers, word for
// word, the same rows and the same version. With -update the file is
// written from the migrations (after a migration is added).
func TestNewDatabaseSchemaIsTheMigrations(t *testing.T) {
	migrated := openReplaying(t, filepath.Join(t.TempDir(), "migrated.db"))
	if *update {
		text, err := newDatabaseText(migrated.db, SchemaVersion())
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile("newdatabase.sql", []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Skip("wrote newdatabase.sql: build again to use it")
	}
	if got, want := snapshotVersion(newDatabaseSQL), SchemaVersion(); got != want {
		t.Fatalf("newdatabase.sql is for schema %d, the migrations reach %d: run go test ./store/sqlite -run TestNewDatabaseSchemaIsTheMigrations -update", got, want)
	}
	fresh, err := Open(filepath.Join(t.TempDir(), "fresh.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer fresh.Close()
	want, err := dumpDatabase(migrated.db)
	if err != nil {
		t.Fatal(err)
	}
	got, err := dumpDatabase(fresh.db)
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Fatalf("a new database differs from the migrations':\n--- from newdatabase.sql\n%s\n--- from the migrations\n%s", got, want)
	}
}

// dumpDatabase writes out everything a database holds, in an order that
// does not depend on how it was made: its version and application ID, each
// schema entry's SQL and each table's rows.
func dumpDatabase(db *sql.DB) (string, error) {
	ctx := context.Background()
	var b strings.Builder
	var version, appID int
	if err := db.QueryRowContext(ctx, `SELECT (SELECT user_version FROM pragma_user_version), (SELECT application_id FROM pragma_application_id)`).Scan(&version, &appID); err != nil {
		return "", err
	}
	fmt.Fprintf(&b, "version %d application %d\n", version, appID)
	entries, err := schemaEntries(db)
	if err != nil {
		return "", err
	}
	var lines []string
	for _, e := range entries {
		lines = append(lines, e.kind+" "+e.name+" "+e.sql)
	}
	slices.Sort(lines)
	b.WriteString(strings.Join(lines, "\n") + "\n")
	for _, e := range entries {
		if e.kind != "table" {
			continue
		}
		rows, err := tableRows(db, e.name)
		if err != nil {
			return "", err
		}
		slices.Sort(rows)
		for _, r := range rows {
			fmt.Fprintf(&b, "%s: %s\n", e.name, r)
		}
	}
	return b.String(), nil
}

type schemaEntry struct{ kind, name, sql string }

// schemaEntries lists the schema in the order it was created, leaving out
// what SQLite makes by itself (sqlite_sequence, automatic indexes).
func schemaEntries(db *sql.DB) ([]schemaEntry, error) {
	rows, err := db.Query(`SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY rowid`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var es []schemaEntry
	for rows.Next() {
		var e schemaEntry
		if err := rows.Scan(&e.kind, &e.name, &e.sql); err != nil {
			return nil, err
		}
		es = append(es, e)
	}
	es = append(es, schemaEntry{kind: "table", name: "sqlite_sequence"})
	return es, rows.Err()
}

// tableRows returns each row of table as SQL values, "(1, 'a', NULL)".
func tableRows(db *sql.DB, table string) ([]string, error) {
	rows, err := db.Query(`SELECT * FROM "` + table + `"`)
	if err != nil {
		if table == "sqlite_sequence" {
			return nil, nil // no AUTOINCREMENT table has a row yet
		}
		return nil, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	var out []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		lits := make([]string, len(vals))
		for i, v := range vals {
			lits[i] = sqlLiteral(v)
		}
		out = append(out, "("+strings.Join(lits, ", ")+")")
	}
	return out, rows.Err()
}

func sqlLiteral(v any) string {
	switch v := v.(type) {
	case nil:
		return "NULL"
	case int64:
		return strconv.FormatInt(v, 10)
	case float64:
		return strconv.FormatFloat(v, 'g', -1, 64)
	case string:
		return "'" + strings.ReplaceAll(v, "'", "''") + "'"
	case []byte:
		return "X'" + hex.EncodeToString(v) + "'"
	case bool:
		if v {
			return "1"
		}
		return "0"
	}
	return fmt.Sprintf("'%v'", v)
}

// newDatabaseText writes the SQL that makes db's schema and rows in a new
// database: tables, then their rows, then indexes and triggers (so no
// trigger fires on the rows).
func newDatabaseText(db *sql.DB, version int) (string, error) {
	entries, err := schemaEntries(db)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	b.WriteString(newDatabaseHeader(version))
	for _, e := range entries {
		if e.kind == "table" && e.sql != "" {
			b.WriteString(e.sql + ";\n")
		}
	}
	for _, e := range entries {
		if e.kind != "table" {
			continue
		}
		rows, err := tableRows(db, e.name)
		if err != nil {
			return "", err
		}
		for _, r := range rows {
			fmt.Fprintf(&b, "INSERT INTO \"%s\" VALUES %s;\n", e.name, r)
		}
	}
	for _, e := range entries {
		if e.kind != "table" {
			b.WriteString(e.sql + ";\n")
		}
	}
	return b.String(), nil
}
