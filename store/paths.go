package store

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// DefaultPath returns where Liaison keeps its database when --db is not
// given: in the user's own local (never roaming) application-data folder,
// which needs no admin rights. %APPDATA% is avoided on purpose: it may be
// redirected to a network share, where SQLite's WAL breaks.
//
//	Windows: %LOCALAPPDATA%\Liaison\liaison.db
//	macOS:   ~/Library/Application Support/Liaison/liaison.db
//	Linux:   $XDG_DATA_HOME/liaison/liaison.db (default ~/.local/share/liaison)
func DefaultPath() (string, error) {
	return defaultPath(runtime.GOOS, os.Getenv, os.UserHomeDir)
}

func defaultPath(goos string, getenv func(string) string, home func() (string, error)) (string, error) {
	switch goos {
	case "windows":
		if dir := getenv("LOCALAPPDATA"); dir != "" {
			return filepath.Join(dir, "Liaison", "liaison.db"), nil
		}
		h, err := home()
		if err != nil {
			return "", Errorf(EINVALID, "Cannot find your local application-data folder (%%LOCALAPPDATA%% is not set): %v. Use --db PATH.", err)
		}
		return filepath.Join(h, "AppData", "Local", "Liaison", "liaison.db"), nil
	case "darwin":
		h, err := home()
		if err != nil {
			return "", Errorf(EINVALID, "Cannot find your home folder: %v. Use --db PATH.", err)
		}
		return filepath.Join(h, "Library", "Application Support", "Liaison", "liaison.db"), nil
	default:
		if dir := getenv("XDG_DATA_HOME"); dir != "" && filepath.IsAbs(dir) {
			return filepath.Join(dir, "liaison", "liaison.db"), nil
		}
		h, err := home()
		if err != nil {
			return "", Errorf(EINVALID, "Cannot find your home folder: %v. Use --db PATH.", err)
		}
		return filepath.Join(h, ".local", "share", "liaison", "liaison.db"), nil
	}
}

// LooksRemote reports whether path seems to be on a network share (a UNC
// path such as \\server\share), where SQLite's locking and WAL are unsafe.
func LooksRemote(path string) bool {
	return strings.HasPrefix(path, `\\`) || strings.HasPrefix(path, "//")
}

// PortableFolder is the folder beside the executable where `--portable`
// keeps the database and its backups.
const PortableFolder = "Liaison-data"

// PortablePath is the database of a portable install whose executable is
// at exe: Liaison-data/liaison.db beside it. Without --portable, Liaison
// writes nothing beside the executable.
func PortablePath(exe string) string {
	return filepath.Join(filepath.Dir(exe), PortableFolder, "liaison.db")
}
