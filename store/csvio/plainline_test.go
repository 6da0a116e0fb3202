package csvio

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/liaisonapp/liaison/store"
)

// readEvery reads text with NewReader and returns what Next gave, row by
// row with its line, or the first error's message.
func readEvery(text string, csvOnly bool) string {
	var b strings.Builder
	rd, err := newReader(bytes.NewReader([]byte(text)), csvOnly)
	if err != nil {
		return "error: " + store.ErrorMessage(err)
	}
	fmt.Fprintf(&b, "header %q line %d\n", rd.Header, rd.HeaderLine)
	for {
		row, err := rd.Next()
		if errors.Is(err, io.EOF) {
			return b.String()
		}
		if err != nil {
			return b.String() + "error: " + store.ErrorMessage(err)
		}
		fmt.Fprintf(&b, "%d %q\n", row.Line, row.Cells)
	}
}

// Lines without quotes are read without encoding/csv, and every row, line
// number and error comes out as encoding/csv alone gives them.
func TestPlainLinesReadAsEncodingCSVReadsThem(t *testing.T) {
	for _, text := range []string{
		"a,b\n1,2\n3,4\n",
		"a,b\r\n1,2\r\n\r\n3,4",
		"\"A\",\"B\"\n1,2\n\"x,y\",3\n4,\"multi\nline\"\n5,6\n",
		"a;b\n1;2\n\n\n3;\"4\"\"q\"\n7;8\r",
		"sep=;\na;b\n1;2\n",
		"a,b\n1,2\n3,x\"y\n5,6\n",   // a bare quote: the error names line 3
		"a,b\n1,2\n\"open,4\n5,6\n", // a quote never closed
		"a,b\n1,2,3\n\r\n \n4\n",
		"a,b\n'=1+1,2\n",
		"a\tb\n1\t2\n",
		"a,b\n\r\r\n1,2\r\r",
	} {
		want, got := readEvery(text, true), readEvery(text, false)
		if got != want {
			t.Errorf("%q:\nread plain: %s\nencoding/csv: %s", text, got, want)
		}
	}
}

func FuzzPlainLinesReadAsEncodingCSVReadsThem(f *testing.F) {
	f.Add("a,b\n1,2\n\"x\ny\",3\n\r\n4,5\r")
	f.Add("\"h\";\"i\"\n1;\"2\"\"\"\n\n3;4")
	f.Fuzz(func(t *testing.T, text string) {
		if want, got := readEvery(text, true), readEvery(text, false); got != want {
			t.Fatalf("%q:\nread plain: %s\nencoding/csv: %s", text, got, want)
		}
	})
}
