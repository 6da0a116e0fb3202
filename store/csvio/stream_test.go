package csvio_test

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/liaisonapp/liaison/store"
	"github.com/liaisonapp/liaison/store/csvio"
)

// countingReader counts the bytes read through it, to show that a refused
// file was not read to its end.
type countingReader struct {
	*bytes.Reader
	n int
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.Reader.Read(p)
	c.n += n
	return n, err
}

func TestReaderStreams(t *testing.T) {
	var b strings.Builder
	b.WriteString("ID;Score\r\n")
	for i := 0; i < 50000; i++ {
		b.WriteString("1;4\r\n")
	}
	rd, err := csvio.NewReader(strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	if rd.Delimiter != ';' || strings.Join(rd.Header, "|") != "ID|Score" || rd.Encoding != csvio.EncodingUTF8 {
		t.Fatalf("reader %+v", rd)
	}
	n := 0
	for {
		row, err := rd.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		n++
		if row.Line != n+1 || row.Cells[1] != "4" {
			t.Fatalf("row %d: %+v", n, row)
		}
	}
	if n != 50000 {
		t.Fatalf("%d rows, want 50000", n)
	}
}

func TestEncodingFoundFromTheWholeFile(t *testing.T) {
	// A café on the last line, in Windows-1252, well past the first read.
	head := "Name,Organisation\n" + strings.Repeat("Ann,Trust\n", 60000)
	rd, err := csvio.NewReader(strings.NewReader(head + "Zo\xeb,Caf\xe9\n"))
	if err != nil {
		t.Fatal(err)
	}
	tab, err := rd.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if tab.Encoding != csvio.EncodingWindows1252 || tab.Rows[len(tab.Rows)-1].Cells[0] != "Zoë" {
		t.Fatalf("encoding %s, last row %v", tab.Encoding, tab.Rows[len(tab.Rows)-1].Cells)
	}
	// Valid UTF-8 whose two-byte letters straddle every read boundary.
	utf := "Name\n" + strings.Repeat("ë", 400000) + "\n"
	if tab, err = csvio.Read(strings.NewReader(utf)); err != nil || tab.Encoding != csvio.EncodingUTF8 {
		t.Fatalf("encoding %v, err %v", tab, err)
	}
}

func TestLongRowsAreRefusedUnread(t *testing.T) {
	for _, c := range []struct {
		name, text, want string
	}{
		{"LongLine", "ID,Comment\n1,ok\n2," + strings.Repeat("x", 3<<20) + "\n3,ok\n", "Line 3 is longer than 1 MB"},
		{"UnclosedQuote", "ID,Comment\n1,ok\n2,\"oops\n" + strings.Repeat("x,y\n", 1<<20), "Line 3: a row is longer than 1 MB"},
		{"LongHeader", strings.Repeat("h,", 1<<20) + "\n", "Line 1 is longer than 1 MB"},
	} {
		t.Run(c.name, func(t *testing.T) {
			src := &countingReader{Reader: bytes.NewReader([]byte(c.text))}
			rd, err := csvio.NewReader(src)
			src.n = 0 // the encoding pass reads every byte once
			if err == nil {
				_, err = rd.ReadAll()
			}
			if store.ErrorCode(err) != store.EINVALID || !strings.Contains(store.ErrorMessage(err), c.want) {
				t.Fatalf("error %v, want one saying %q", err, c.want)
			}
			if src.n > 2*csvio.MaxRecord {
				t.Fatalf("read %d bytes of a %d-byte file before refusing it", src.n, len(c.text))
			}
		})
	}
}
