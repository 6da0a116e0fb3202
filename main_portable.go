package main

import (
	"os"
	"path/filepath"

	"github.com/liaisonapp/liaison/store"
)

// portablePath is the database of `liaison --portable`: in a Liaison-data
// folder beside the executable (on a USB stick, say), links resolved so
// that a shortcut or symlink to the exe finds the real folder.
func portablePath() (string, error) {
	exe, err := os.Executable()
	if err == nil {
		exe, err = filepath.EvalSymlinks(exe)
	}
	if err != nil {
		return "", store.Errorf(store.EINVALID, "Cannot find where Liaison is (%v), so --portable cannot keep the data beside it. Use --db PATH.", err)
	}
	return store.PortablePath(exe), nil
}
