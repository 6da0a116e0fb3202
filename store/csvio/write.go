package csvio

import (
	"encoding/csv"
	"fmt"
	"io"
	"reflect"
	"strings"

	"github.com/jszwec/csvutil"
)

// bom is the UTF-8 byte order mark. Excel needs it to read a CSV file as
// UTF-8; without it "Zoë" and "–" turn into mojibake.
const bom = "\ufeff"

// Escape defuses a text cell that Excel would run as a formula: one
// starting with = + - @ tab, CR or LF gets a leading apostrophe, as OWASP's
// "CSV Injection" page advises. A participant's name or a reflection is
// typed by someone else, and the board opens the export in Excel. The
// trigger also counts behind invisible characters that a spreadsheet may
// drop (a byte order mark, zero-width spaces and joiners, a no-break
// space), and in its full-width form (＝ ＋ － ＠), which Excel on an East
// Asian keyboard reads as the ASCII sign.
func Escape(s string) string {
	if needsEscape(s) {
		return "'" + s
	}
	return s
}

// needsEscape reports whether a text cell would start a formula.
func needsEscape(s string) bool {
	for _, r := range s {
		switch r {
		case '=', '+', '-', '@', '\t', '\r', '\n', '＝', '＋', '－', '＠':
			return true
		case '\ufeff', '\u200b', '\u200c', '\u200d', '\u2060', '\u00a0', '\u202f':
			continue // invisible: look at what follows
		}
		return false
	}
	return false
}

// Text is a string field that is escaped with Escape when csvutil encodes
// it. Use it for named string types that Write would otherwise pass
// through untouched; numbers belong in numeric fields, which stay numbers.
type Text string

// MarshalText implements encoding.TextMarshaler, which csvutil uses.
func (t Text) MarshalText() ([]byte, error) {
	return []byte(Escape(string(t))), nil
}

// Write writes v, a slice of structs, as CSV that Excel opens correctly: a
// UTF-8 BOM, a header from the struct's fields (or csv tags), CRLF line
// ends. Fields of type string and Text are escaped with Escape; numeric
// fields are written as numbers. Any other cell (a named string type such
// as store.Role, say) is escaped unless it is a plain number, so that a
// field type nobody thought of cannot carry a formula. An empty slice
// still gets its header.
func Write(w io.Writer, v any) error {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Slice && rv.Kind() != reflect.Array {
		return fmt.Errorf("csvio: Write wants a slice of structs, got %T", v)
	}
	if _, err := io.WriteString(w, bom); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	enc := csvutil.NewEncoder(escapingWriter{cw})
	enc.WithMarshalers(csvutil.NewMarshalers(
		csvutil.MarshalFunc(func(s string) ([]byte, error) { return []byte(Escape(s)), nil }),
	))
	var err error
	if rv.Len() == 0 {
		elem := rv.Type().Elem()
		if elem.Kind() == reflect.Pointer {
			elem = elem.Elem()
		}
		err = enc.EncodeHeader(reflect.Zero(elem).Interface())
	} else {
		err = enc.Encode(v)
	}
	if err != nil {
		return fmt.Errorf("csvio: encoding CSV: %w", err)
	}
	cw.Flush()
	return cw.Error()
}

// escapingWriter escapes, on its way to w, every cell that is not a plain
// number.
type escapingWriter struct{ w *csv.Writer }

// Write implements csvutil.Writer.
func (e escapingWriter) Write(rec []string) error {
	for i, c := range rec {
		if !plainNumber(c) {
			rec[i] = Escape(c)
		}
	}
	return e.w.Write(rec)
}

// WriteRows writes a header and rows whose columns are only known at run
// time (survey questions, say), with the same BOM, CRLF and escaping as
// Write. A cell that is a plain decimal number, such as "-3" or "4.59", is
// left alone so that Excel still sees a number.
func WriteRows(w io.Writer, header []string, rows [][]string) error {
	if _, err := io.WriteString(w, bom); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	ew := escapingWriter{cw}
	rec := make([]string, 0, len(header))
	// Copy each row, so that escaping does not change the caller's slices.
	if err := ew.Write(append(rec[:0], header...)); err != nil {
		return err
	}
	for _, r := range rows {
		if err := ew.Write(append(rec[:0], r...)); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// plainNumber reports whether s is a decimal number as Go and Excel write
// one: an optional minus sign, digits, optionally a point and digits, and
// optionally an exponent ("-1.5E+06"). Excel reads it as a number, never
// as a formula.
func plainNumber(s string) bool {
	digits := func() bool {
		n := 0
		for n < len(s) && s[n] >= '0' && s[n] <= '9' {
			n++
		}
		s = s[n:]
		return n > 0
	}
	s = strings.TrimPrefix(s, "-")
	if !digits() {
		return false
	}
	if strings.HasPrefix(s, ".") {
		s = s[1:]
		if !digits() {
			return false
		}
	}
	if len(s) > 0 && (s[0] == 'e' || s[0] == 'E') {
		s = s[1:]
		if len(s) > 0 && (s[0] == '+' || s[0] == '-') {
			s = s[1:]
		}
		if !digits() {
			return false
		}
	}
	return s == ""
}
