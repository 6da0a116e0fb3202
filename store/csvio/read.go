package csvio

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/liaisonapp/liaison/store"
)

// The encodings Read reports in Table.Encoding, so the GUI can tell the
// organiser how their file was understood.
const (
	EncodingUTF8        = "UTF-8"
	EncodingUTF8BOM     = "UTF-8 with BOM"
	EncodingWindows1252 = "Windows-1252"
	EncodingUTF16LE     = "UTF-16LE"
	EncodingUTF16BE     = "UTF-16BE"
	// EncodingMacRoman is Excel for Mac's "CSV (Macintosh)": Mac OS Roman
	// text with CR-only line ends.
	EncodingMacRoman = "Mac Roman"
)

// Table is a whole CSV file, read into memory. Sign-up sheets are small
// (hundreds, at most tens of thousands of rows), and holding them lets the
// GUI preview everything before a single row is written.
type Table struct {
	// Header holds the first record's cells, trimmed of spaces.
	Header []string
	// Rows holds every later record that has at least one non-blank cell.
	Rows []Row
	// Encoding says how the bytes were decoded: "UTF-8", "UTF-8 with BOM",
	// "Windows-1252", or "UTF-16LE"/"UTF-16BE" for Excel's "Unicode Text".
	Encoding string
	// Delimiter is the separator sniffed from the header line: ',', ';' or '\t'.
	Delimiter rune
	// HeaderLine is the physical line the header is on: 1 unless the file
	// starts with blank lines or Excel's "sep=" line.
	HeaderLine int
}

// Row is one record of a Table.
type Row struct {
	// Line is the physical line in the file where this record starts (the
	// header is line 1). It is not the record number: a quoted cell with line
	// breaks makes a record span several lines, and the organiser will look
	// for the line in a text editor or count rows in Excel from the top.
	Line int
	// Cells holds the record's cells, padded with "" to the header's length.
	// A record longer than the header keeps its extra cells.
	Cells []string
}

// Read reads a whole CSV file as spreadsheets and forms tools write it. It
// strips a UTF-8 BOM, decodes Windows-1252 when the bytes are not valid
// UTF-8 (Excel's "CSV" on a British Windows laptop), reads CR-only line
// ends as lines (Excel for Mac's "CSV (Macintosh)", decoded as Mac Roman
// when not UTF-8), sniffs the delimiter from the header line, and skips
// blank rows. It undoes our own exports' formula protection (see Unescape)
// in every cell, so an export edited in Excel imports as it was. Malformed CSV comes back as a
// *store.Error with code EINVALID whose message names the line and column
// (counted in characters from 1).
func Read(r io.Reader) (*Table, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("csvio: reading the file: %w", err)
	}
	rd, err := NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	return rd.ReadAll()
}

// Unescape undoes Escape: a cell that starts with an apostrophe followed by
// what Escape defuses (= + - @ tab, CR or LF, also behind invisible
// characters or full-width) is one our exports defused against formula
// injection, and Excel keeps the apostrophe when the file is saved again.
// Only that one apostrophe is removed, so "'=HYPERLINK(...)" reads back as
// "=HYPERLINK(...)" and "'+44 1234" as "+44 1234"; any other apostrophe,
// as in "'Twas" or "O'Brien", is the organiser's own and stays.
func Unescape(s string) string {
	if len(s) >= 2 && s[0] == '\'' && needsEscape(s[1:]) {
		return s[1:]
	}
	return s
}

// sniff picks the delimiter that occurs most often outside quotes on the
// header line. A semicolon file read with a comma would give one column and
// no error, so guessing right matters. Ties go to the comma, then the
// semicolon.
func sniff(text string) rune {
	var comma, semi, tab int
	inQuotes, seen := false, false
loop:
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c == '"' {
			inQuotes, seen = !inQuotes, true
			continue
		}
		if inQuotes {
			continue
		}
		switch c {
		case '\n':
			if seen {
				break loop
			}
		case ',':
			comma, seen = comma+1, true
		case ';':
			semi, seen = semi+1, true
		case '\t':
			tab, seen = tab+1, true
		case ' ', '\r':
		default:
			seen = true
		}
	}
	switch {
	case semi > comma && semi >= tab:
		return ';'
	case tab > comma && tab > semi:
		return '\t'
	}
	return ','
}

// blank reports whether every cell is empty or spaces: Excel writes ",,,,"
// for rows that once held data.
func blank(rec []string) bool {
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// describeParseError turns an encoding/csv error into a message an
// organiser can act on in Excel or a text editor. line is the physical
// line at fault, without its line end.
func describeParseError(pe *csv.ParseError, line string) error {
	col := pe.Column
	if col > len(line)+1 {
		col = len(line) + 1
	}
	if col < 1 {
		col = 1
	}
	where := fmt.Sprintf("Line %d, column %d", pe.Line, utf8.RuneCountInString(line[:col-1])+1)
	switch {
	case errors.Is(pe.Err, csv.ErrBareQuote):
		return store.Errorf(store.EINVALID, "%s: a double quote (\") is inside a cell that does not start with one. Put the whole cell in double quotes and write the quote twice (\"\"), or remove it.", where)
	case errors.Is(pe.Err, csv.ErrQuote) && col <= len(line) && line[col-1] == '"':
		return store.Errorf(store.EINVALID, "%s: there is text after the closing double quote of a cell. A quote inside a quoted cell must be written twice (\"\").", where)
	case errors.Is(pe.Err, csv.ErrQuote):
		return store.Errorf(store.EINVALID, "Line %d: a cell opens a double quote (\") that is never closed, so the rest of the file would be one cell. Close the quote, or write a quote inside a cell twice (\"\").", pe.StartLine)
	}
	return store.Errorf(store.EINVALID, "%s: %v.", where, pe.Err)
}

// Normalize reduces a header to lower-case letters and digits, so that
// "E-mail Address", "email_address" and "EmailAddress" all match.
func Normalize(header string) string {
	var b strings.Builder
	for _, r := range header {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// Column returns the index of the first column whose header, normalised,
// equals any of names normalised, or -1 when there is none.
func (t *Table) Column(names ...string) int {
	want := make([]string, len(names))
	for i, n := range names {
		want[i] = Normalize(n)
	}
	for i, h := range t.Header {
		nh := Normalize(h)
		for _, w := range want {
			if nh == w {
				return i
			}
		}
	}
	return -1
}
