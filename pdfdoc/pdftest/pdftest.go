// Package pdftest reads PDFs back in tests: the page count in pure Go, and
// the text through poppler's pdftotext when it is installed.
package pdftest

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"
)

// pageObject matches a page object's type, not the page tree's (/Pages).
var pageObject = regexp.MustCompile(`/Type\s*/Page[^s]`)

// Pages checks that data is a PDF and returns how many pages it has, by
// counting its page objects (fpdf writes object dictionaries uncompressed).
func Pages(t testing.TB, data []byte) int {
	t.Helper()
	if !bytes.HasPrefix(data, []byte("%PDF-")) {
		t.Fatalf("not a PDF: starts %q", data[:min(len(data), 16)])
	}
	if !bytes.Contains(data[max(0, len(data)-1024):], []byte("%%EOF")) {
		t.Fatalf("PDF has no %%%%EOF at its end: truncated?")
	}
	return len(pageObject.FindAll(data, -1))
}

// Text returns the text of the PDF as pdftotext lays it out, or skips
// the test when pdftotext is not installed (apt-get install poppler-utils).
func Text(t testing.TB, data []byte) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext is not installed (poppler-utils); the text of the PDF is not checked")
	}
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-layout", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}
