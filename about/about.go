// Package about describes this build of Liaison for `liaison --version`
// and Help → About: its version, when and from which commit it was built,
// and the Go, Fyne and SQLite versions inside it. It imports neither Fyne
// nor SQLite: main passes the SQLite version in.
package about

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
)

// Info is what a build says about itself.
type Info struct {
	// Version is the release (FyneApp.toml's Version), or "" for a
	// development build.
	Version string
	// Commit is the source commit, "-modified" when built with changes;
	// Date is when the binary was built (RFC 3339, UTC).
	Commit, Date string
	// Go, Fyne and SQLite are the versions of each inside the binary.
	Go, Fyne, SQLite string
}

// New gathers the build's details. version, commit and date come from the
// linker (-X, see .ci/build-windows); when they are empty, as in a plain
// `go build`, the commit and its time are taken from the Go toolchain's own
// record of the checkout where there is one.
func New(version, commit, date, sqlite string) Info {
	i := Info{Version: version, Commit: commit, Date: date, Go: runtime.Version(), SQLite: sqlite}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return i
	}
	for _, d := range bi.Deps {
		if d.Path == "fyne.io/fyne/v2" {
			i.Fyne = d.Version
			if d.Replace != nil {
				i.Fyne = d.Replace.Version
			}
		}
	}
	var modified bool
	var vcsCommit, vcsTime string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			vcsCommit = s.Value
		case "vcs.time":
			vcsTime = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	if i.Commit == "" && vcsCommit != "" {
		i.Commit = vcsCommit[:min(12, len(vcsCommit))]
		if modified {
			i.Commit += "-modified"
		}
		if i.Date == "" && vcsTime != "" {
			i.Date = vcsTime + " (commit time)"
		}
	}
	return i
}

// Lines are the lines `liaison --version` prints and About shows.
func (i Info) Lines() []string {
	v := i.Version
	if v == "" {
		v = "development build"
	}
	built := "Built " + orUnknown(i.Date) + " from commit " + orUnknown(i.Commit)
	if i.Date == "" && i.Commit == "" {
		built = "Built from source; no build date or commit recorded"
	}
	return []string{
		"Liaison " + v,
		built,
		fmt.Sprintf("Go %s, Fyne %s, SQLite %s", orUnknown(strings.TrimPrefix(i.Go, "go")), orUnknown(strings.TrimPrefix(i.Fyne, "v")), orUnknown(i.SQLite)),
	}
}

// String is Lines, one per line.
func (i Info) String() string { return strings.Join(i.Lines(), "\n") + "\n" }

func orUnknown(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}
