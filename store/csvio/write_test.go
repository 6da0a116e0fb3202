package csvio

import (
	"bytes"
	"encoding/csv"
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestEscape(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"Ann Smith", "Ann Smith"},
		{"=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"},
		{"+44 20 7946 0000", "'+44 20 7946 0000"},
		{"-2+3", "'-2+3"},
		{"-5", "'-5"}, // in a text field a minus is text, so it is escaped
		{"@SUM(A1:A2)", "'@SUM(A1:A2)"},
		{"\t=1", "'\t=1"},
		{"\r=1", "'\r=1"},
		{"\n=1", "'\n=1"},
		{"a=b", "a=b"},
		{" =1", " =1"},
		{"'already", "'already"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := Escape(tt.in); got != tt.want {
				t.Fatalf("Escape(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// exportRow mixes the field kinds an export has.
type exportRow struct {
	Name   string  `csv:"Name"`
	Role   Text    `csv:"Role"`
	Score  float64 `csv:"Score"`
	Change int     `csv:"Change"`
	Kind   kind    `csv:"Kind"`
}

// kind is a named string type, as store.Role is: csvutil does not see it
// as a string, so Write's last line of defence must escape it.
type kind string

func TestWrite(t *testing.T) {
	t.Run("BOM, CRLF, escaping and numbers", func(t *testing.T) {
		rows := []exportRow{
			{Name: "=cmd|' /C calc'!A0", Role: "@GP", Score: 4.59, Change: -3, Kind: "k"},
			{Name: "Zoë, \"Doc\"\nSmith", Role: "Consultant", Score: -1.5, Change: 2, Kind: "-k"},
		}
		var buf bytes.Buffer
		if err := Write(&buf, rows); err != nil {
			t.Fatal(err)
		}
		want := "\ufeffName,Role,Score,Change,Kind\r\n" +
			"'=cmd|' /C calc'!A0,'@GP,4.59,-3,k\r\n" +
			"\"Zoë, \"\"Doc\"\"\r\nSmith\",Consultant,-1.5,2,'-k\r\n"
		if got := buf.String(); got != want {
			t.Fatalf("Write wrote\n%q\nwant\n%q", got, want)
		}
	})
	t.Run("empty slice writes the header", func(t *testing.T) {
		var buf bytes.Buffer
		if err := Write(&buf, []exportRow{}); err != nil {
			t.Fatal(err)
		}
		if got, want := buf.String(), "\ufeffName,Role,Score,Change,Kind\r\n"; got != want {
			t.Fatalf("Write wrote %q, want %q", got, want)
		}
	})
	t.Run("empty slice of pointers writes the header", func(t *testing.T) {
		var buf bytes.Buffer
		if err := Write(&buf, []*exportRow(nil)); err != nil {
			t.Fatal(err)
		}
		if got, want := buf.String(), "\ufeffName,Role,Score,Change,Kind\r\n"; got != want {
			t.Fatalf("Write wrote %q, want %q", got, want)
		}
	})
	t.Run("slice of pointers", func(t *testing.T) {
		var buf bytes.Buffer
		if err := Write(&buf, []*exportRow{{Name: "+1", Score: 2}}); err != nil {
			t.Fatal(err)
		}
		if got, want := buf.String(), "\ufeffName,Role,Score,Change,Kind\r\n'+1,,2,0,\r\n"; got != want {
			t.Fatalf("Write wrote %q, want %q", got, want)
		}
	})
	t.Run("not a slice", func(t *testing.T) {
		if err := Write(&bytes.Buffer{}, exportRow{}); err == nil {
			t.Fatal("Write of a struct returned no error")
		}
	})
	t.Run("write error comes back", func(t *testing.T) {
		err := Write(failingWriter{}, []exportRow{{Name: "Ann"}})
		if !errors.Is(err, errDiskFull) {
			t.Fatalf("err = %v, want %v", err, errDiskFull)
		}
	})
	t.Run("round trip through Read", func(t *testing.T) {
		rows := []exportRow{{Name: "Ann \"A\" Smith", Role: "GP", Score: 5.25, Change: 1}}
		var buf bytes.Buffer
		if err := Write(&buf, rows); err != nil {
			t.Fatal(err)
		}
		tab, err := Read(&buf)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := tab.Encoding, EncodingUTF8BOM; got != want {
			t.Fatalf("Encoding = %q, want %q", got, want)
		}
		if got, want := tab.Rows[0].Cells, []string{"Ann \"A\" Smith", "GP", "5.25", "1", ""}; !reflect.DeepEqual(got, want) {
			t.Fatalf("Cells = %q, want %q", got, want)
		}
	})
}

var errDiskFull = errors.New("disk full")

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errDiskFull }

func TestWriteRows(t *testing.T) {
	header := []string{"Question", "-1", "Mean"}
	rows := [][]string{
		{"=1+1", "-3", "-4.59"},
		{"Useful?", "-", "1e5"},
		{"@x", "-1.", "12.50"},
		{"+1", ".5", "-0"},
		{"\tTab", "-2+3", "3.85"},
	}
	before := rows[0][0]
	var buf bytes.Buffer
	if err := WriteRows(&buf, header, rows); err != nil {
		t.Fatal(err)
	}
	if rows[0][0] != before {
		t.Fatalf("WriteRows changed the caller's row to %q", rows[0][0])
	}
	out := buf.String()
	if !strings.HasPrefix(out, "\ufeff") {
		t.Fatalf("output %q does not start with a BOM", out)
	}
	if strings.Count(out, "\r\n") != 6 {
		t.Fatalf("output %q does not have 6 CRLF line ends", out)
	}
	r := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, "\ufeff")))
	got, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"Question", "-1", "Mean"},
		{"'=1+1", "-3", "-4.59"},
		{"Useful?", "'-", "1e5"},
		{"'@x", "'-1.", "12.50"},
		{"'+1", ".5", "-0"},
		{"'\tTab", "'-2+3", "3.85"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("WriteRows wrote %q, want %q", got, want)
	}
}

func TestPlainNumber(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"0", true}, {"42", true}, {"-3", true}, {"4.59", true}, {"-4.59", true},
		{"", false}, {"-", false}, {"-.5", false}, {"1.", false}, {"1.2.3", false},
		{"1e5", true}, {"-1.5E+06", true}, {"2e-3", true}, {"1e", false}, {"1e+", false}, {"-2+3", false}, {"- 3", false}, {"-Inf", false}, {"NaN", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := plainNumber(tt.in); got != tt.want {
				t.Fatalf("plainNumber(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestTextMarshalText(t *testing.T) {
	for _, tt := range []struct{ in, want string }{{"-5", "'-5"}, {"=A1", "'=A1"}, {"GP", "GP"}} {
		t.Run(tt.in, func(t *testing.T) {
			b, err := Text(tt.in).MarshalText()
			if err != nil {
				t.Fatal(err)
			}
			if got := string(b); got != tt.want {
				t.Fatalf("Text(%q).MarshalText() = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
