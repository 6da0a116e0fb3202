package sqlite

import (
	"runtime"
	"testing"
)

func TestReadOnlyURI(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the paths below are Unix ones")
	}
	for _, c := range []struct {
		path      string
		immutable bool
		want      string
	}{
		{"/data/liaison.db", true, "file:/data/liaison.db?mode=ro&immutable=1&_query_only=1"},
		{"/data/scheme #1 at 50%?.db", false, "file:/data/scheme%20%231%20at%2050%25%3F.db?mode=ro&_query_only=1"},
		{"/data/Seán.db", true, "file:/data/Se%C3%A1n.db?mode=ro&immutable=1&_query_only=1"},
	} {
		got, err := readOnlyURI(c.path, c.immutable)
		if err != nil || got != c.want {
			t.Errorf("readOnlyURI(%q) = %q, %v; want %q", c.path, got, err, c.want)
		}
	}
}
