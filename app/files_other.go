//go:build !linux

package app

// hasGTKDisplay is only a question on Linux.
func hasGTKDisplay() bool { return true }
