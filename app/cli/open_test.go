package cli

import (
	"github.com/liaisonapp/liaison/store"
	"github.com/liaisonapp/liaison/store/sqlite"
)

// testOpen opens the SQLite store, as main.go's opener does.
func testOpen(path string) (store.Service, error) { return sqlite.Open(path) }

// testRestore restores with the SQLite store, as main.go's restorer does.
var testRestore Restorer = sqlite.Restore

// testOpenRollup opens a database read-only, as main.go's does.
var testOpenRollup store.RollupOpener = sqlite.OpenRollup
