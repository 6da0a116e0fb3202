package tasks

import (
	"os"
	"strings"
	"syscall"
	"testing"

	"github.com/liaisonapp/liaison/store"
)

// On Windows a file open in another program cannot be replaced: the
// message says where it is probably open and what to do, and repeats no
// temporary name. Elsewhere the system's reason is given as it is.
func TestReplaceErrorSaysTheFileIsOpen(t *testing.T) {
	rename := func(errno syscall.Errno) error {
		return &os.LinkError{Op: "rename", Old: `C:\out\.p.csv.123.tmp`, New: `C:\out\p.csv`, Err: errno}
	}
	tests := []struct {
		goos, path string
		err        error
		want       string
	}{
		{"windows", `C:\out\p.csv`, rename(5), `Cannot replace C:\out\p.csv: it is probably open in Excel or another program. Close it there and try again.`},
		{"windows", `C:\out\programme.pdf`, rename(32), `Cannot replace C:\out\programme.pdf: it is probably open in a PDF viewer or another program. Close it there and try again.`},
		{"windows", `C:\out\event.ics`, rename(33), `Cannot replace C:\out\event.ics: it is probably open in another program. Close it there and try again.`},
		{"windows", `C:\out\p.csv`, rename(112), `Cannot write C:\out\p.csv: ` + syscall.Errno(112).Error()},
		{"linux", "/out/p.csv", rename(syscall.EACCES), "Cannot write /out/p.csv: " + syscall.EACCES.Error()},
	}
	for _, tt := range tests {
		err := replaceError(tt.goos, tt.path, tt.err)
		if got := store.ErrorMessage(err); got != tt.want {
			t.Errorf("%s %s: %q, want %q", tt.goos, tt.path, got, tt.want)
		}
		if strings.Contains(store.ErrorMessage(err), ".tmp") {
			t.Errorf("the message names the temporary file: %q", store.ErrorMessage(err))
		}
	}
}
