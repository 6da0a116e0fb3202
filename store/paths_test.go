package store

import (
	"path/filepath"
	"testing"
)

func TestPortablePathIsBesideTheExecutable(t *testing.T) {
	exe := filepath.Join("media", "usb", "Liaison.exe")
	if got, want := PortablePath(exe), filepath.Join("media", "usb", "Liaison-data", "liaison.db"); got != want {
		t.Fatalf("PortablePath(%q) = %q, want %q", exe, got, want)
	}
}
