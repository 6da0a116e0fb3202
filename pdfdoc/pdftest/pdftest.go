// Package pdftest reads PDFs back in tests: the page count in pure Go, and
// the text through poppler's pdftotext when it is installed.
package pdftest

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
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

// Render draws one page (1 is the first) of the PDF at dpi through poppler's
// pdftoppm, as a person would see it, or skips the test when pdftoppm is
// not installed.
func Render(t testing.TB, data []byte, page, dpi int) image.Image {
	t.Helper()
	bin, err := exec.LookPath("pdftoppm")
	if err != nil {
		t.Skip("pdftoppm is not installed (poppler-utils); the PDF is not looked at")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "doc.pdf")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	p := strconv.Itoa(page)
	if out, err := exec.Command(bin, "-png", "-r", strconv.Itoa(dpi), "-f", p, "-l", p, "-singlefile", path, filepath.Join(dir, "page")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	f, err := os.Open(filepath.Join(dir, "page.png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// Ink returns the share (0–1) of the pixels in r of img that are dark
// enough to be print: text, lines, rules.
func Ink(img image.Image, r image.Rectangle) float64 {
	r = r.Intersect(img.Bounds())
	if r.Empty() {
		return 0
	}
	dark := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			c := color.GrayModel.Convert(img.At(x, y)).(color.Gray)
			if c.Y < 128 {
				dark++
			}
		}
	}
	return float64(dark) / float64(r.Dx()*r.Dy())
}
