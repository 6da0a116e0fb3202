package csvio

import (
	"reflect"
	"strings"
	"testing"

	"github.com/liaisonapp/liaison/store"
)

// TestUnescapeUndoesEscape checks that every cell Escape defuses reads back
// as it was, so an export edited in Excel imports unchanged.
func TestUnescapeUndoesEscape(t *testing.T) {
	for _, s := range []string{"=HYPERLINK(\"http://x\")", "+44 1234", "-5 days", "@risk", "\tx", "\rx", "\nx", "'plain", "plain", "", "'"} {
		t.Run(s, func(t *testing.T) {
			if got := Unescape(Escape(s)); got != s {
				t.Fatalf("Unescape(Escape(%q)) = %q", s, got)
			}
		})
	}
}

func TestRead(t *testing.T) {
	tests := []struct {
		name      string
		in        string
		encoding  string
		delimiter rune
		header    []string
		rows      []Row
	}{
		{
			name:     "UTF-8 LF",
			in:       "Name,Role\nAnn,GP\nBob,Consultant\n",
			encoding: "UTF-8", delimiter: ',',
			header: []string{"Name", "Role"},
			rows:   []Row{{2, []string{"Ann", "GP"}}, {3, []string{"Bob", "Consultant"}}},
		},
		{
			name:     "CRLF without final line end",
			in:       "Name,Role\r\nAnn,GP\r\nBob,Consultant",
			encoding: "UTF-8", delimiter: ',',
			header: []string{"Name", "Role"},
			rows:   []Row{{2, []string{"Ann", "GP"}}, {3, []string{"Bob", "Consultant"}}},
		},
		{
			name:     "BOM is stripped from the first header",
			in:       "\xef\xbb\xbfName,Role\r\nZoë,GP\r\n",
			encoding: "UTF-8 with BOM", delimiter: ',',
			header: []string{"Name", "Role"},
			rows:   []Row{{2, []string{"Zoë", "GP"}}},
		},
		{
			name:     "Windows-1252 é £ and curly apostrophe",
			in:       "Name;Note\r\nRen\xe9e O\x92Brien;\xa35 parking\r\n",
			encoding: "Windows-1252", delimiter: ';',
			header: []string{"Name", "Note"},
			rows:   []Row{{2, []string{"Renée O’Brien", "£5 parking"}}},
		},
		{
			name:     "semicolon with commas inside cells",
			in:       "Name;Organisation\nAnn;Smith, Jones and Partners\n",
			encoding: "UTF-8", delimiter: ';',
			header: []string{"Name", "Organisation"},
			rows:   []Row{{2, []string{"Ann", "Smith, Jones and Partners"}}},
		},
		{
			name:     "tab separated",
			in:       "Name\tRole\nAnn\tGP\n",
			encoding: "UTF-8", delimiter: '\t',
			header: []string{"Name", "Role"},
			rows:   []Row{{2, []string{"Ann", "GP"}}},
		},
		{
			name:     "quoted header with a semicolon still sniffs comma",
			in:       "\"Name; full\",Role\nAnn,GP\n",
			encoding: "UTF-8", delimiter: ',',
			header: []string{"Name; full", "Role"},
			rows:   []Row{{2, []string{"Ann", "GP"}}},
		},
		{
			name:     "quoted cells with commas, quotes and line breaks keep physical lines",
			in:       "Name,Note\r\n\"Ann\",\"first\r\nsecond, \"\"quoted\"\"\"\r\nBob,x\r\n",
			encoding: "UTF-8", delimiter: ',',
			header: []string{"Name", "Note"},
			rows:   []Row{{2, []string{"Ann", "first\nsecond, \"quoted\""}}, {4, []string{"Bob", "x"}}},
		},
		{
			name:     "blank rows are skipped and short rows padded",
			in:       "Name,Role,Area\n\nAnn,GP\n,,\n , ,\nBob,GP,East,extra\n",
			encoding: "UTF-8", delimiter: ',',
			header: []string{"Name", "Role", "Area"},
			rows:   []Row{{3, []string{"Ann", "GP", ""}}, {6, []string{"Bob", "GP", "East", "extra"}}},
		},
		{
			name:     "header cells are trimmed",
			in:       " Name , Role \nAnn,GP\n",
			encoding: "UTF-8", delimiter: ',',
			header: []string{"Name", "Role"},
			rows:   []Row{{2, []string{"Ann", "GP"}}},
		},
		{
			name:     "Excel sep= line sets the delimiter",
			in:       "sep=;\r\nName;Role\r\nAnn;GP\r\n",
			encoding: "UTF-8", delimiter: ';',
			header: []string{"Name", "Role"},
			rows:   []Row{{3, []string{"Ann", "GP"}}},
		},
		{
			name:     "Excel Unicode Text is UTF-16LE with tabs",
			in:       "\xff\xfeN\x00a\x00m\x00e\x00\t\x00R\x00o\x00l\x00e\x00\r\x00\n\x00Z\x00o\x00\xeb\x00\t\x00G\x00P\x00\r\x00\n\x00",
			encoding: "UTF-16LE", delimiter: '\t',
			header: []string{"Name", "Role"},
			rows:   []Row{{2, []string{"Zoë", "GP"}}},
		},
		{
			name:     "CR-only line ends (Excel for Mac CSV) are lines",
			in:       "Name,Role\rAnn,GP\r\rBob,Consultant\r",
			encoding: "UTF-8", delimiter: ',',
			header: []string{"Name", "Role"},
			rows:   []Row{{2, []string{"Ann", "GP"}}, {4, []string{"Bob", "Consultant"}}},
		},
		{
			name:     "CR-only and not UTF-8 is Mac Roman",
			in:       "Name,Note\rRen\x8ee,\xa35 parking\r",
			encoding: "Mac Roman", delimiter: ',',
			header: []string{"Name", "Note"},
			rows:   []Row{{2, []string{"Renée", "£5 parking"}}},
		},
		{
			name:     "a lone CR inside a quoted cell of a CRLF file stays",
			in:       "Name,Note\r\nAnn,\"a\rb\"\r\n",
			encoding: "UTF-8", delimiter: ',',
			header: []string{"Name", "Note"},
			rows:   []Row{{2, []string{"Ann", "a\rb"}}},
		},
		{
			name:     "our export's formula protection is undone",
			in:       "Name,Note,Phone,Other\r\n\"'=HYPERLINK(\"\"x\"\")\",'@risk,'+44 1234,'-5\r\n'Twas,O'Brien,'',\"'\t\"\r\n",
			encoding: "UTF-8", delimiter: ',',
			header: []string{"Name", "Note", "Phone", "Other"},
			rows: []Row{
				{2, []string{"=HYPERLINK(\"x\")", "@risk", "+44 1234", "-5"}},
				{3, []string{"'Twas", "O'Brien", "''", "\t"}},
			},
		},
		{
			name:     "header only",
			in:       "Name,Role\r\n",
			encoding: "UTF-8", delimiter: ',',
			header: []string{"Name", "Role"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tab, err := Read(strings.NewReader(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if got, want := tab.Encoding, tt.encoding; got != want {
				t.Fatalf("Encoding = %q, want %q", got, want)
			}
			if got, want := tab.Delimiter, tt.delimiter; got != want {
				t.Fatalf("Delimiter = %q, want %q", got, want)
			}
			if got, want := tab.Header, tt.header; !reflect.DeepEqual(got, want) {
				t.Fatalf("Header = %q, want %q", got, want)
			}
			if got, want := tab.Rows, tt.rows; !reflect.DeepEqual(got, want) {
				t.Fatalf("Rows = %+v, want %+v", got, want)
			}
		})
	}
}

func TestReadErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string // a part of the message
	}{
		{"empty file", "", "The file is empty"},
		{"only blank lines", "\r\n\r\n", "The file is empty"},
		{"bare quote", "Name,Role\nAnn,GP\nBob \"Bobby\" Jones,GP\n", "Line 3, column 5: a double quote"},
		{"bare quote column counts characters not bytes", "Name,Role\nZoë \"Z\",GP\n", "Line 2, column 5: a double quote"},
		{"text after closing quote", "Name,Role\n\"Ann\"x,GP\n", "Line 2, column 5: there is text after the closing double quote"},
		{"quote never closed", "Name,Role\nAnn,GP\n\"Bob,GP\nCarl,GP\n", "Line 3: a cell opens a double quote (\") that is never closed"},
		{"xlsx workbook", "PK\x03\x04rest of a zip", "Excel workbook"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read(strings.NewReader(tt.in))
			if got, want := store.ErrorCode(err), store.EINVALID; got != want {
				t.Fatalf("ErrorCode = %q, want %q (err %v)", got, want, err)
			}
			if got := store.ErrorMessage(err); !strings.Contains(got, tt.want) {
				t.Fatalf("message = %q, want it to contain %q", got, tt.want)
			}
		})
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"E-mail Address", "emailaddress"},
		{"email_address", "emailaddress"},
		{"  EMAIL  ", "email"},
		{"\ufeffName", "name"},
		{"Job role (e.g. GP)", "jobroleeggp"},
		{"Spécialité", "spécialité"},
		{"PCN 2", "pcn2"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := Normalize(tt.in); got != tt.want {
				t.Fatalf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestTableColumn(t *testing.T) {
	tab := &Table{Header: []string{"Timestamp", "E-mail", "Email address", "Job_Role"}}
	tests := []struct {
		names []string
		want  int
	}{
		{[]string{"email"}, 1},
		{[]string{"Email address", "e-mail"}, 1}, // the first matching column, not the first name
		{[]string{"EMAIL ADDRESS"}, 2},
		{[]string{"job role"}, 3},
		{[]string{"role"}, -1},
		{nil, -1},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.names, "|"), func(t *testing.T) {
			if got := tab.Column(tt.names...); got != tt.want {
				t.Fatalf("Column(%q) = %d, want %d", tt.names, got, tt.want)
			}
		})
	}
}
