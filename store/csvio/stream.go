package csvio

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"github.com/liaisonapp/liaison/store"
)

// MaxRecord is the longest row (a record, which quoted line breaks may
// spread over several lines) a file may have: 1 MB. A longer one is
// refused before it is held in memory; it is almost always a cell that
// opens a double quote and never closes it, which makes the rest of the
// file one cell.
const MaxRecord = 1 << 20

// Reader reads a CSV file a row at a time, as Read does for a whole file:
// the encoding is found from the whole file first (a fast pass over its
// bytes), then the header is read and the delimiter sniffed from it, and
// after that rows are decoded only as Next asks for them. An import of a
// large export never holds the file.
type Reader struct {
	// Header holds the first record's cells, trimmed of spaces.
	Header []string
	// Encoding, Delimiter and HeaderLine are as in Table.
	Encoding   string
	Delimiter  rune
	HeaderLine int

	src   io.ReadSeeker
	start int64 // where the file started in src
	br    *bufio.Reader
	cr    *csv.Reader
	lim   *recordLimit
	// line counts the physical lines read so far; csvLines those of them
	// that cr read (its own line numbers), so that its positions can be
	// turned into the file's.
	line, csvLines int
	// csvOnly reads every line with encoding/csv (tests compare the two).
	csvOnly bool
}

// NewReader reads the head of the file in src (from where src is now) and
// returns a Reader positioned at its first row. Like Read, it refuses an
// Excel workbook and an empty file, and names the line and column of
// malformed CSV.
func NewReader(src io.ReadSeeker) (*Reader, error) { return newReader(src, false) }

// newReader is NewReader, with every line read by encoding/csv when
// csvOnly (the tests compare the two).
func newReader(src io.ReadSeeker, csvOnly bool) (*Reader, error) {
	start, err := src.Seek(0, io.SeekCurrent)
	if err != nil {
		return nil, fmt.Errorf("csvio: reading the file: %w", err)
	}
	rd := &Reader{src: src, start: start, csvOnly: csvOnly}
	text, enc, err := rd.open()
	if err != nil {
		return nil, err
	}
	rd.Encoding = enc
	br := bufio.NewReaderSize(text, 64<<10)
	head, _ := br.Peek(64 << 10) // as much of the head as there is
	if sep, n := sepLine(head); sep != 0 {
		// Keep the sep= line as a blank line, so line numbers still
		// match the file.
		br.Discard(n)
		rd.Delimiter = sep
	} else {
		rd.Delimiter = sniff(string(head))
	}
	rd.br = br
	rd.cr = csv.NewReader(br) // reads br itself, with no buffer of its own, so the two can take turns
	rd.cr.Comma = rd.Delimiter
	rd.cr.FieldsPerRecord = -1
	rec, line, err := rd.record()
	if err == io.EOF {
		return nil, store.Errorf(store.EINVALID, "The file is empty: there is not even a header line.")
	}
	if err != nil {
		return nil, err
	}
	rd.Header = make([]string, len(rec))
	for i, c := range rec {
		rd.Header[i] = strings.TrimSpace(c)
	}
	rd.HeaderLine = line
	return rd, nil
}

// Next returns the next row that has a non-blank cell, its cells padded
// with "" to the header's length and unescaped as Read does, or io.EOF
// after the last.
func (rd *Reader) Next() (Row, error) {
	for {
		rec, line, err := rd.record()
		if err != nil {
			return Row{}, err
		}
		if blank(rec) {
			continue
		}
		for len(rec) < len(rd.Header) {
			rec = append(rec, "")
		}
		return Row{Line: line, Cells: rec}, nil
	}
}

// ReadAll reads the rest of the file into a Table.
func (rd *Reader) ReadAll() (*Table, error) {
	t := &Table{Header: rd.Header, Encoding: rd.Encoding, Delimiter: rd.Delimiter, HeaderLine: rd.HeaderLine}
	for {
		row, err := rd.Next()
		if err == io.EOF {
			return t, nil
		}
		if err != nil {
			return nil, err
		}
		t.Rows = append(t.Rows, row)
	}
}

// record reads one record, unescaped, and the physical line it starts on.
// A line without a double quote is one record, split at the delimiter,
// and is read here; encoding/csv, which would split it the same way but
// at several times the cost, reads the others (quoted cells, which may
// hold delimiters, quotes and line breaks).
func (rd *Reader) record() ([]string, int, error) {
	for !rd.csvOnly {
		rec, plain, err := rd.plainLine()
		if err != nil {
			return nil, 0, err
		}
		if !plain {
			break
		}
		if rec == nil {
			continue // an empty line, which encoding/csv skips too
		}
		for i, c := range rec {
			rec[i] = Unescape(c)
		}
		return rec, rd.line, nil
	}
	rec, err := rd.cr.Read()
	shift := rd.line - rd.csvLines // the file's line number less cr's
	if err == io.EOF {
		return nil, 0, err
	}
	if err != nil {
		var se *store.Error
		if errors.As(err, &se) {
			return nil, 0, se
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			pe.StartLine += shift
			pe.Line += shift
		}
		return nil, 0, rd.parseError(err)
	}
	start, _ := rd.cr.FieldPos(0)
	// The record's lines: its own, and one more for each line break in a
	// quoted cell (where encoding/csv makes CRLF an LF).
	lines := 1
	for _, c := range rec {
		lines += strings.Count(c, "\n")
	}
	rd.csvLines = start + lines - 1
	rd.line = rd.csvLines + shift
	for i, c := range rec {
		rec[i] = Unescape(c)
	}
	return rec, start + shift, nil
}

// plainLine reads the next line when it holds no double quote, and returns
// its cells (nil for an empty line); plain is false, and nothing is read,
// when the next record is for encoding/csv: a line with a quote, or one
// longer than the buffer.
func (rd *Reader) plainLine() (rec []string, plain bool, err error) {
	for {
		data, _ := rd.br.Peek(rd.br.Buffered())
		end := bytes.IndexByte(data, '\n')
		last := false
		if end < 0 {
			if rd.br.Buffered() == rd.br.Size() {
				return nil, false, nil // a very long line
			}
			if _, err := rd.br.Peek(rd.br.Buffered() + 1); err != nil {
				if err != io.EOF {
					if err == bufio.ErrBufferFull {
						return nil, false, nil
					}
					return nil, false, err
				}
				// The last line, without a line end.
				if data, _ = rd.br.Peek(rd.br.Buffered()); len(data) == 0 {
					return nil, false, nil // the end: encoding/csv says io.EOF
				}
				end, last = len(data), true
			} else {
				continue
			}
		}
		line := data[:end]
		if bytes.IndexByte(line, '"') >= 0 {
			return nil, false, nil
		}
		n := end
		if !last {
			n++
		}
		// As encoding/csv: a CR before the line end (or at the very end)
		// is not part of the line.
		if len(line) > 0 && line[len(line)-1] == '\r' {
			line = line[:len(line)-1]
		}
		var text string
		if len(line) > 0 {
			text = string(line)
		}
		rd.br.Discard(n)
		rd.line++
		if text == "" {
			return nil, true, nil
		}
		return strings.Split(text, string(rd.Delimiter)), true, nil
	}
}

// open decodes the file from the start: it checks the whole file's bytes
// once for the encoding (and for Excel for Mac's CR-only line ends), then
// seeks back and returns the decoded text as a stream, limited to records
// of MaxRecord bytes.
func (rd *Reader) open() (io.Reader, string, error) {
	if _, err := rd.src.Seek(rd.start, io.SeekStart); err != nil {
		return nil, "", fmt.Errorf("csvio: reading the file: %w", err)
	}
	var head [4]byte
	n, err := io.ReadFull(rd.src, head[:])
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return nil, "", fmt.Errorf("csvio: reading the file: %w", err)
	}
	if bytes.HasPrefix(head[:n], []byte("PK\x03\x04")) {
		return nil, "", store.Errorf(store.EINVALID, "This is an Excel workbook, not a CSV file. In Excel choose File > Save As and the type \"CSV UTF-8 (Comma delimited)\", then import that file.")
	}
	skip := 0
	switch {
	case bytes.HasPrefix(head[:n], []byte("\xff\xfe")):
		return rd.from(2, EncodingUTF16LE, xunicode.UTF16(xunicode.LittleEndian, xunicode.IgnoreBOM).NewDecoder(), false)
	case bytes.HasPrefix(head[:n], []byte("\xfe\xff")):
		return rd.from(2, EncodingUTF16BE, xunicode.UTF16(xunicode.BigEndian, xunicode.IgnoreBOM).NewDecoder(), false)
	case bytes.HasPrefix(head[:n], []byte("\xef\xbb\xbf")):
		skip = 3
	}
	valid, cr, lf, err := scan(rd.src, rd.start+int64(skip))
	if err != nil {
		return nil, "", fmt.Errorf("csvio: reading the file: %w", err)
	}
	crOnly := cr && !lf
	switch {
	case valid && skip > 0:
		return rd.from(skip, EncodingUTF8BOM, nil, crOnly)
	case valid:
		return rd.from(0, EncodingUTF8, nil, crOnly)
	case crOnly && skip == 0:
		// CR-only line ends and not UTF-8: Excel for Mac's "CSV
		// (Macintosh)", in Mac OS Roman.
		return rd.from(0, EncodingMacRoman, charmap.Macintosh.NewDecoder(), true)
	}
	// Windows-1252 decodes any byte sequence, so it is the last resort
	// rather than a guess among several. (A BOM followed by invalid UTF-8
	// is a file pasted together from two sources: Windows-1252 at least
	// keeps every byte visible.)
	return rd.from(skip, EncodingWindows1252, charmap.Windows1252.NewDecoder(), crOnly)
}

// from returns the file's text from byte skip on, decoded with dec (nil
// for UTF-8), with CR line ends made LF when crOnly.
func (rd *Reader) from(skip int, enc string, dec transform.Transformer, crOnly bool) (io.Reader, string, error) {
	if _, err := rd.src.Seek(rd.start+int64(skip), io.SeekStart); err != nil {
		return nil, "", fmt.Errorf("csvio: reading the file: %w", err)
	}
	var r io.Reader = rd.src
	if dec != nil {
		r = transform.NewReader(r, dec)
	}
	if crOnly {
		// encoding/csv only splits lines on LF. Without this the whole
		// file would be one header line with no rows.
		r = crToLF{r}
	}
	rd.lim = &recordLimit{r: r, line: 1, startLine: 1}
	return rd.lim, enc, nil
}

// scan reads src from off to its end and reports whether the bytes are
// valid UTF-8 and whether they hold a CR and an LF.
func scan(src io.ReadSeeker, off int64) (valid, cr, lf bool, err error) {
	if _, err := src.Seek(off, io.SeekStart); err != nil {
		return false, false, false, err
	}
	buf := make([]byte, 256<<10)
	valid = true
	carry := 0 // bytes of an incomplete rune kept from the last read
	for {
		n, err := src.Read(buf[carry:])
		n += carry
		chunk := buf[:n]
		cr = cr || bytes.IndexByte(chunk, '\r') >= 0
		lf = lf || bytes.IndexByte(chunk, '\n') >= 0
		if valid {
			// Hold back the last few bytes when they may be the start of a
			// rune that the next read completes.
			keep := 0
			if err == nil {
				for k := 1; k <= 3 && k <= len(chunk); k++ {
					if b := chunk[len(chunk)-k]; b >= 0xC0 {
						if !utf8.FullRune(chunk[len(chunk)-k:]) {
							keep = k
						}
						break
					} else if b < 0x80 {
						break
					}
				}
			}
			if !utf8.Valid(chunk[:len(chunk)-keep]) {
				valid = false
			}
			carry = copy(buf, chunk[len(chunk)-keep:])
		}
		if err == io.EOF {
			if carry > 0 {
				valid = false
			}
			return valid, cr, lf, nil
		}
		if err != nil {
			return false, false, false, err
		}
		if !valid {
			carry = 0
		}
	}
}

// sepLine recognises the "sep=;" first line that Excel writes and reads,
// returning the separator and the line's length without its line end.
func sepLine(head []byte) (rune, int) {
	end := bytes.IndexByte(head, '\n')
	if end < 0 {
		end = len(head)
	}
	first := bytes.TrimRight(head[:end], "\r")
	if len(first) == 5 && strings.EqualFold(string(first[:4]), "sep=") {
		switch sep := rune(first[4]); sep {
		case ',', ';', '\t', '|':
			return sep, len(first)
		}
	}
	return 0, 0
}

// crToLF turns every CR into LF.
type crToLF struct{ r io.Reader }

func (c crToLF) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	for i := range p[:n] {
		if p[i] == '\r' {
			p[i] = '\n'
		}
	}
	return n, err
}

// recordLimit passes text through, refusing a record longer than
// MaxRecord: it follows double quotes, so a line break inside a quoted
// cell does not end the record, and counts lines, so the refusal can name
// the line the record starts on.
type recordLimit struct {
	r         io.Reader
	inQuotes  bool
	length    int // bytes of the current record so far
	line      int // the physical line being read
	startLine int // the line the current record started on
	err       error
}

func (l *recordLimit) Read(p []byte) (int, error) {
	if l.err != nil {
		return 0, l.err
	}
	n, err := l.r.Read(p)
	chunk := p[:n]
	if !l.inQuotes && bytes.IndexByte(chunk, '"') < 0 {
		// The usual case: no quotes, so every LF ends a record.
		if last := bytes.LastIndexByte(chunk, '\n'); last >= 0 {
			l.line += bytes.Count(chunk, []byte{'\n'})
			l.startLine = l.line
			l.length = len(chunk) - last - 1
		} else {
			l.length += len(chunk)
		}
	} else {
		for _, b := range chunk {
			l.length++
			switch b {
			case '"':
				l.inQuotes = !l.inQuotes
			case '\n':
				l.line++
				if !l.inQuotes {
					l.startLine, l.length = l.line, 0
				}
			}
		}
	}
	if l.length > MaxRecord {
		if l.inQuotes {
			l.err = store.Errorf(store.EINVALID, "Line %d: a row is longer than 1 MB, so the file was not read. Most likely a cell opens a double quote (\") that is never closed, which makes the rest of the file one cell: close the quote, or write a quote inside a cell twice (\"\").", l.startLine)
		} else {
			l.err = store.Errorf(store.EINVALID, "Line %d is longer than 1 MB, so the file was not read: a survey or sign-up sheet has no row that long. Check that this is the right file.", l.startLine)
		}
		return 0, l.err
	}
	return n, err
}

// parseError turns an encoding/csv error into a message an organiser can
// act on, quoting the line at fault: it reads the file again as far as that
// line.
func (rd *Reader) parseError(err error) error {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return store.Errorf(store.EINVALID, "The file could not be read as CSV: %v.", err)
	}
	line := ""
	if text, _, err := rd.open(); err == nil {
		br := bufio.NewReader(text)
		for i := 1; i <= pe.Line; i++ {
			s, err := br.ReadString('\n')
			if i == pe.Line {
				line = strings.TrimRight(s, "\r\n")
			}
			if err != nil {
				break
			}
		}
	}
	return describeParseError(pe, line)
}
