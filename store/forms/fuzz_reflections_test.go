package forms_test

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/liaisonapp/liaison/store/csvio"
	"github.com/liaisonapp/liaison/store/forms"
)

// FuzzReadReflections feeds arbitrary files through csvio.Read and
// ReadReflections and checks what must hold for any input: no panic; a
// problem means no reflection is read; otherwise every reflection is a
// trimmed, non-empty cell of one column, every other header is listed as
// ignored (reflections are anonymous, and the organiser is shown what was
// left unread), and the same file reads the same twice. The committed
// seeds are in testdata/fuzz/FuzzReadReflections.
func FuzzReadReflections(f *testing.F) {
	f.Add([]byte("Name,Email,Reflection\nDr A,a@nhs.net,Useful\n,,\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		tab, err := csvio.Read(bytes.NewReader(data))
		if err != nil {
			return // csvio's own tests cover malformed CSV
		}
		got, ignored, problems := forms.ReadReflections(tab)
		again, _, _ := forms.ReadReflections(tab)
		if !slices.Equal(got, again) {
			t.Fatalf("read %q, then %q", got, again)
		}
		if len(problems) > 0 {
			if len(got) > 0 {
				t.Fatalf("%d reflections read despite problems %v", len(got), problems)
			}
			return
		}
		if len(ignored) != len(tab.Header)-1 {
			t.Fatalf("ignored %q of header %q: every column but one should be listed", ignored, tab.Header)
		}
		// The column read is the one header not ignored.
		col := -1
		rest := slices.Clone(ignored)
		for i, h := range tab.Header {
			if k := slices.Index(rest, h); k >= 0 {
				rest = slices.Delete(rest, k, k+1)
				continue
			}
			col = i
		}
		if col < 0 {
			t.Fatalf("no column left unignored in %q (ignored %q)", tab.Header, ignored)
		}
		var want []string
		for _, r := range tab.Rows {
			if v := strings.TrimSpace(r.Cells[col]); v != "" {
				want = append(want, v)
			}
		}
		if !slices.Equal(got, want) {
			t.Fatalf("read %q, want the non-empty cells of column %d: %q", got, col+1, want)
		}
	})
}
