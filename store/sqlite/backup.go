package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"time"

	sqlite3 "github.com/mattn/go-sqlite3"

	"github.com/liaisonapp/liaison/store"
)

// BackupsDir returns the folder beside the database that holds its
// automatic backups.
func (d *DB) BackupsDir() string { return store.BackupsDir(d.path) }

// AutoBackupError returns why the automatic backup of the first open of
// the day failed, or nil. It does not stop the database from opening.
func (d *DB) AutoBackupError() error { return d.backupErr }

// Backup writes a consistent copy of the database, including what is still
// in the WAL, to dst, which must not exist. The copy is written under a
// temporary name beside dst and renamed, so dst is never half a database.
func (d *DB) Backup(ctx context.Context, dst string) error {
	if _, err := os.Lstat(dst); err == nil {
		return store.Errorf(store.ECONFLICT, "%s already exists; Liaison does not write a backup over another file. Choose a new name.", dst)
	}
	tmp, err := tempName(dst)
	if err != nil {
		return backupTrouble(dst, err)
	}
	if _, err := d.db.ExecContext(ctx, `VACUUM INTO ?`, tmp); err != nil {
		os.Remove(tmp)
		return backupTrouble(dst, err)
	}
	if err := os.Rename(tmp, dst); err != nil {
		os.Remove(tmp)
		return backupTrouble(dst, err)
	}
	return nil
}

// tempName returns an unused name beside path for a file that is renamed
// to path once complete. The file is not left behind.
func tempName(path string) (string, error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.partial")
	if err != nil {
		return "", err
	}
	name := f.Name()
	f.Close()
	// VACUUM INTO wants a file that does not exist.
	return name, os.Remove(name)
}

func backupTrouble(dst string, err error) error {
	var se sqlite3.Error
	if errors.As(err, &se) {
		switch se.Code {
		case sqlite3.ErrFull:
			return store.Errorf(store.EDISKFULL, "The disk that would hold the backup %s is full, so no backup was made. Free some space, or choose another disk, and try again.", dst)
		case sqlite3.ErrCantOpen, sqlite3.ErrReadonly, sqlite3.ErrPerm:
			return store.Errorf(store.EREADONLY, "Liaison cannot write the backup %s: its folder is missing or read-only. Choose another folder.", dst)
		}
	}
	if errors.Is(err, fs.ErrPermission) || errors.Is(err, fs.ErrNotExist) {
		return store.Errorf(store.EREADONLY, "Liaison cannot write the backup %s: its folder is missing or read-only. Choose another folder.", dst)
	}
	return trouble(dst, err)
}

// autoBackup copies the database into its backups folder under today's
// name with note (see store.BackupName) and prunes old copies.
func (d *DB) autoBackup(ctx context.Context, note string) error {
	now := d.Now()
	if err := os.MkdirAll(d.BackupsDir(), 0o700); err != nil {
		return backupTrouble(d.BackupsDir(), err)
	}
	dst := filepath.Join(d.BackupsDir(), store.BackupName(d.path, now, note))
	if err := d.Backup(ctx, dst); err != nil && store.ErrorCode(err) != store.ECONFLICT {
		return err
	}
	return store.PruneBackups(d.path, now)
}

// dailyBackup makes the day's automatic copy unless there is one already
// or the database holds nothing yet.
func (d *DB) dailyBackup(ctx context.Context) error {
	name := filepath.Join(d.BackupsDir(), store.BackupName(d.path, d.Now(), ""))
	if _, err := os.Stat(name); err == nil {
		return nil
	}
	var any bool
	if err := d.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM rounds)`).Scan(&any); err != nil || !any {
		return trouble(d.path, err)
	}
	return d.autoBackup(ctx, "")
}

// Restore replaces the database at dbPath with the backup from. It first
// checks from: a file that is not a Liaison database, that a newer Liaison
// wrote, or that is damaged is refused, naming the file and why, and the
// database is not touched. Then it backs up the current database into the
// backups folder ("… before restore"; a damaged one is copied byte for
// byte), copies from into it with SQLite's backup API (so a window that
// has the database open sees the restored data at once) and brings the
// restored schema up to date. It returns the path of the copy it made of
// the database it replaced ("" when there was none).
func Restore(ctx context.Context, dbPath, from string) (saved string, err error) {
	if err := checkBackupFile(ctx, dbPath, from); err != nil {
		return "", err
	}
	if fi, err := os.Stat(dbPath); err == nil && fi.IsDir() {
		return "", cantOpenError(dbPath, nil)
	} else if err == nil && fi.Size() > 0 {
		if saved, err = saveBeforeRestore(ctx, dbPath); err != nil {
			return "", store.Errorf(store.ErrorCode(err), "The database was not restored, because Liaison could not first back up the current one: %s", store.ErrorMessage(err))
		}
	}
	deletions := responseDeletions(ctx, dbPath)
	if err := copyInto(ctx, dbPath, from); err != nil {
		return saved, err
	}
	d, err := Open(dbPath) // migrates a backup from an older Liaison
	if err != nil {
		return saved, err
	}
	// Every process's Tally cache trusts response IDs that only grow and a
	// count of deletions; a restore breaks the first, so it counts as a
	// deletion newer than any that a cache has seen.
	err = d.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE response_deletions SET count = max(count, ?) + 1 WHERE id = 1`, deletions)
		return err
	})
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	return saved, err
}

// responseDeletions reads the database's count of response deletions, or
// 0 when it cannot be read.
func responseDeletions(ctx context.Context, dbPath string) int64 {
	db, err := sql.Open("sqlite3", peekDSN(dbPath, true))
	if err != nil {
		return 0
	}
	defer db.Close()
	var n int64
	db.QueryRowContext(ctx, `SELECT count FROM response_deletions WHERE id = 1`).Scan(&n)
	return n
}

// checkBackupFile refuses from unless it is a sound Liaison database that
// this version can read, and other than dbPath itself.
func checkBackupFile(ctx context.Context, dbPath, from string) error {
	fi, err := os.Stat(from)
	if err != nil {
		return store.Errorf(store.ENOTFOUND, "There is no backup file %s. The database has not been changed.", from)
	}
	if fi.IsDir() {
		return store.Errorf(store.EINVALID, "%s is a folder, not a backup file. The database has not been changed.", from)
	}
	if cur, err := os.Stat(dbPath); err == nil && os.SameFile(fi, cur) {
		return store.Errorf(store.EINVALID, "%s is the database itself, not a backup of it. Choose a file from %s.", from, store.BackupsDir(dbPath))
	}
	if err := checkHeader(from); err != nil || fi.Size() == 0 {
		return store.Errorf(store.ENOTLIAISON, "%s is not a Liaison database, so Liaison will not restore it; the database has not been changed.", from)
	}
	src, err := sql.Open("sqlite3", peekDSN(from, true))
	if err != nil {
		return err
	}
	defer src.Close()
	appID, version, _, err := schemaInfo(ctx, src)
	if err != nil {
		return store.Errorf(store.EDAMAGED, "%s cannot be read as a database (%v), so Liaison will not restore it; the database has not been changed. Choose another backup.", from, err)
	}
	if appID != ApplicationID {
		return store.Errorf(store.ENOTLIAISON, "%s is an SQLite database, but not a Liaison one, so Liaison will not restore it; the database has not been changed.", from)
	}
	if known := SchemaVersion(); version > known {
		return store.Errorf(store.ETOONEW, "%s was made by a newer version of Liaison (schema %d; this version knows up to %d), so this version cannot restore it; the database has not been changed. Restore it with the newer Liaison.", from, version, known)
	}
	if err := quickCheck(ctx, src, from); err != nil {
		return store.Errorf(store.EDAMAGED, "%s is damaged, so Liaison will not restore it; the database has not been changed. Choose an older backup.", from)
	}
	return nil
}

// saveBeforeRestore backs up the database at dbPath before a restore
// replaces it: with VACUUM INTO when it can be read, or else (a damaged
// file) by copying its bytes and those of its WAL as they are.
func saveBeforeRestore(ctx context.Context, dbPath string) (string, error) {
	dir := store.BackupsDir(dbPath)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", backupTrouble(dir, err)
	}
	dst := filepath.Join(dir, store.BackupName(dbPath, time.Now(), "before restore"))
	for i := 2; ; i++ {
		if _, err := os.Lstat(dst); err != nil {
			break
		}
		dst = filepath.Join(dir, store.BackupName(dbPath, time.Now(), "before restore "+strconv.Itoa(i)))
	}
	// Not _query_only, which forbids VACUUM INTO; nothing here writes.
	src, err := sql.Open("sqlite3", peekDSN(dbPath, false))
	if err != nil {
		return "", err
	}
	_, err = src.ExecContext(ctx, `VACUUM INTO ?`, dst)
	src.Close()
	if err == nil {
		return dst, nil
	}
	os.Remove(dst)
	if !isDamage(err) {
		return "", backupTrouble(dst, err)
	}
	if err := copyFile(dbPath, dst); err != nil {
		return "", backupTrouble(dst, err)
	}
	if err := copyFile(dbPath+"-wal", dst+"-wal"); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return "", backupTrouble(dst, err)
	}
	return dst, nil
}

func isDamage(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && (se.Code == sqlite3.ErrCorrupt || se.Code == sqlite3.ErrNotADB)
}

// copyInto copies the database from into the one at dbPath. The backup API
// writes through SQLite's own locking and WAL, so other connections (a
// window) stay consistent. A damaged database the API cannot write into is
// replaced as a file instead: a copy of from is written beside it and
// renamed over it, after its stale WAL and shared-memory files are removed
// (SQLite would otherwise replay the old WAL into the restored file).
func copyInto(ctx context.Context, dbPath, from string) error {
	err := backupAPI(ctx, dbPath, from)
	if err == nil || !isDamage(err) {
		return trouble(dbPath, err)
	}
	tmp, err := tempName(dbPath)
	if err != nil {
		return trouble(dbPath, err)
	}
	src, err := sql.Open("sqlite3", peekDSN(from, false))
	if err != nil {
		return err
	}
	_, err = src.ExecContext(ctx, `VACUUM INTO ?`, tmp)
	src.Close()
	if err != nil {
		os.Remove(tmp)
		return trouble(dbPath, err)
	}
	for _, side := range []string{"-wal", "-shm"} {
		if err := os.Remove(dbPath + side); err != nil && !errors.Is(err, fs.ErrNotExist) {
			os.Remove(tmp)
			return trouble(dbPath, err)
		}
	}
	return trouble(dbPath, os.Rename(tmp, dbPath))
}

// backupAPI copies every page of from into dbPath with sqlite3_backup.
func backupAPI(ctx context.Context, dbPath, from string) error {
	dst, err := sql.Open("sqlite3", dsn(dbPath))
	if err != nil {
		return err
	}
	defer dst.Close()
	src, err := sql.Open("sqlite3", peekDSN(from, true))
	if err != nil {
		return err
	}
	defer src.Close()
	dc, err := dst.Conn(ctx)
	if err != nil {
		return err
	}
	defer dc.Close()
	sc, err := src.Conn(ctx)
	if err != nil {
		return err
	}
	defer sc.Close()
	return dc.Raw(func(dconn any) error {
		return sc.Raw(func(sconn any) error {
			b, err := dconn.(*sqlite3.SQLiteConn).Backup("main", sconn.(*sqlite3.SQLiteConn), "main")
			if err != nil {
				return err
			}
			for {
				done, err := b.Step(-1)
				if err != nil {
					b.Finish()
					return err
				}
				if done {
					return b.Finish()
				}
			}
		})
	})
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		os.Remove(to)
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		os.Remove(to)
		return err
	}
	return out.Close()
}

// NewestGoodBackup returns the newest backup of the database at dbPath
// that Restore would accept, or ENOTFOUND when there is none.
func NewestGoodBackup(ctx context.Context, dbPath string) (string, error) {
	bs, err := store.Backups(dbPath)
	if err != nil {
		return "", err
	}
	for _, b := range bs {
		if checkBackupFile(ctx, dbPath, b.Path) == nil {
			return b.Path, nil
		}
	}
	return "", store.Errorf(store.ENOTFOUND, "There is no usable backup of %s in %s.", dbPath, store.BackupsDir(dbPath))
}
