//go:build !linux && !windows

package lockfile

// remote cannot tell a network drive from its type here; paths that look
// remote are still caught by OnNetworkDrive.
func remote(string) bool { return false }
