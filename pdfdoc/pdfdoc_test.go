package pdfdoc_test

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/liaisonapp/liaison/pdfdoc"
	"github.com/liaisonapp/liaison/pdfdoc/pdftest"
)

func testPNG(t *testing.T) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 160, 90))
	for x := 0; x < 160; x++ {
		img.Set(x, x*90/160, color.RGBA{0, 70, 130, 255})
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestDocument(t *testing.T) {
	d := pdfdoc.New(pdfdoc.Options{Title: "Board summary", Footer: "Liaison · Round 2026"})
	d.Title("Board summary: Seán’s round")
	d.Heading("People", 20)
	d.Fields([][2]string{{"Name", "Dr Seán Ó Súilleabháin"}, {"Partner", "Zoë Æbelø–Smith"}})
	d.Paragraph("71 of 189 surveys sent = 37.6%")
	d.Bullets([]string{"First point", "Second point"})
	var rows [][]string
	for i := 0; i < 120; i++ {
		rows = append(rows, []string{"Row", strings.Repeat("long text ", i%4+1), "42"})
	}
	d.Table([]string{"Name", "Notes", "n"}, []float64{1, 3, 0.5}, rows, 2)
	d.Image(testPNG(t), 0)
	d.Note("Groups of fewer than 5 are not shown.")
	data, err := d.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	pages := pdftest.Pages(t, data)
	if pages < 3 || pages != d.Pages() {
		t.Errorf("pages = %d (doc says %d), want a long table to run over at least 3", pages, d.Pages())
	}
	text := pdftest.Text(t, data)
	for _, want := range []string{"Seán Ó Súilleabháin", "Zoë Æbelø–Smith", "Seán’s round", "71 of 189 surveys sent = 37.6%",
		"Page 1 of " + strconv.Itoa(pages), "Page " + strconv.Itoa(pages) + " of " + strconv.Itoa(pages), "Liaison · Round 2026", "fewer than 5"} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF's text lacks %q", want)
		}
	}
	// The header repeats on every page the table runs over.
	if n := strings.Count(text, "Notes"); n < 2 {
		t.Errorf("table header printed %d times, want it on each page of the table", n)
	}
}

func TestSameContentSameBytes(t *testing.T) {
	build := func() []byte {
		d := pdfdoc.New(pdfdoc.Options{Title: "T", Created: time.Date(2026, 7, 10, 9, 0, 0, 0, time.UTC)})
		d.Paragraph("Zoë")
		b, err := d.Bytes()
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	if !bytes.Equal(build(), build()) {
		t.Error("two builds of the same document differ: a pack written twice would not compare equal")
	}
}

func TestBadImage(t *testing.T) {
	d := pdfdoc.New(pdfdoc.Options{Title: "T"})
	d.Image([]byte("not a png"), 0)
	if _, err := d.Bytes(); err == nil {
		t.Error("a broken image gave no error")
	}
}
