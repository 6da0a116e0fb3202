//go:build !windows

package app

import (
	"fmt"
	"os"
)

// showFatal tells the user why Liaison must stop; a terminal is where
// Linux and macOS users started it from, if anywhere.
func showFatal(msg string) { fmt.Fprintln(os.Stderr, "liaison: "+msg) }
