// Package pdfdoc writes simple A4 documents — headings, paragraphs, tables,
// charts and a page-numbered footer — as PDF, for anything Liaison prints:
// the board summary, appraisal pages, an event's programme, sign-in sheets
// and badges. It embeds the charts' font (go-chart's Roboto) as a UTF-8
// TrueType font, so names such as Seán, Zoë and Ó Súilleabháin print as
// written and every document looks like its charts. It knows nothing of
// Fyne or the database: callers hand it text and PNG bytes.
package pdfdoc

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"
	"github.com/wcharczuk/go-chart/v2/roboto"
)

// Sizes of an A4 page and its margins, in millimetres.
const (
	PageWidth  = 210.0
	PageHeight = 297.0
	Margin     = 18.0
	// ContentWidth is the width between the margins.
	ContentWidth = PageWidth - 2*Margin
)

// font is the family name the embedded Roboto is registered under.
const font = "roboto"

// Text sizes, in points.
const (
	sizeTitle   = 18
	sizeHeading = 13
	sizeBody    = 10
	sizeSmall   = 8
)

// lineHeight is a body line's height in mm for a font size in points.
func lineHeight(pt float64) float64 { return pt * 0.3528 * 1.35 }

// Doc is one PDF document being written. Its methods add content at the
// current position and start a new page when the content does not fit.
// Errors are kept and returned by Write, as fpdf does.
type Doc struct {
	f      *fpdf.Fpdf
	images int
}

// Options describe a document.
type Options struct {
	// Title goes in the PDF's properties and in every page's footer.
	Title string
	// Footer, when set, is printed at the foot of every page before the
	// page number ("Liaison · Southampton 2017–18").
	Footer string
	// Created is the date stored in the file's properties; the zero time
	// means the time of writing. With the same Created, the same content
	// always gives the same bytes.
	Created time.Time
}

// New starts an A4 portrait document with the charts' font embedded.
func New(o Options) *Doc {
	f := fpdf.New("P", "mm", "A4", "")
	// Roboto Medium is the only weight go-chart embeds; headings are set
	// apart by size, and "B" maps to the same face so that bold text
	// never falls back to a core font without accents.
	f.AddUTF8FontFromBytes(font, "", roboto.Roboto)
	f.AddUTF8FontFromBytes(font, "B", roboto.Roboto)
	f.SetMargins(Margin, Margin, Margin)
	f.SetAutoPageBreak(true, Margin+6)
	f.SetTitle(o.Title, true)
	f.SetCreator("Liaison", true)
	f.SetCreationDate(o.Created)
	f.SetModificationDate(o.Created)
	f.SetCompression(true)
	// Sorted, so that the same content gives the same bytes.
	f.SetCatalogSort(true)
	f.AliasNbPages("{nb}")
	f.SetFooterFunc(func() {
		f.SetY(-(Margin - 2))
		f.SetFont(font, "", sizeSmall)
		f.SetTextColor(90, 90, 90)
		left := o.Footer
		if left == "" {
			left = o.Title
		}
		f.CellFormat(ContentWidth*0.75, 4, left, "", 0, "L", false, 0, "")
		f.CellFormat(ContentWidth*0.25, 4, fmt.Sprintf("Page %d of {nb}", f.PageNo()), "", 0, "R", false, 0, "")
		f.SetTextColor(0, 0, 0)
	})
	d := &Doc{f: f}
	d.NewPage()
	return d
}

// NewPage starts a new page.
func (d *Doc) NewPage() {
	d.f.AddPage()
	d.f.SetFont(font, "", sizeBody)
}

// Pages is how many pages the document has so far.
func (d *Doc) Pages() int { return d.f.PageCount() }

// Title writes the document's title in large type.
func (d *Doc) Title(text string) {
	d.f.SetFont(font, "B", sizeTitle)
	d.f.MultiCell(ContentWidth, lineHeight(sizeTitle), clean(text), "", "L", false)
	d.f.Ln(2)
	d.f.SetFont(font, "", sizeBody)
}

// Heading writes a section heading, starting a new page first when less
// than space mm would be left under it, so a heading never ends a page.
func (d *Doc) Heading(text string, space float64) {
	d.ensure(lineHeight(sizeHeading) + 3 + space)
	d.f.Ln(3)
	d.f.SetFont(font, "B", sizeHeading)
	d.f.SetTextColor(0, 70, 130)
	d.f.MultiCell(ContentWidth, lineHeight(sizeHeading), clean(text), "", "L", false)
	d.f.SetTextColor(0, 0, 0)
	d.f.Ln(1)
	d.f.SetFont(font, "", sizeBody)
}

// Paragraph writes text wrapped to the page width. A blank line in text
// starts a new paragraph.
func (d *Doc) Paragraph(text string) {
	d.f.SetFont(font, "", sizeBody)
	d.f.MultiCell(ContentWidth, lineHeight(sizeBody), clean(text), "", "L", false)
	d.f.Ln(1.5)
}

// Note writes text in small grey type: sources, rules, caveats.
func (d *Doc) Note(text string) {
	d.f.SetFont(font, "", sizeSmall)
	d.f.SetTextColor(70, 70, 70)
	d.f.MultiCell(ContentWidth, lineHeight(sizeSmall), clean(text), "", "L", false)
	d.f.SetTextColor(0, 0, 0)
	d.f.SetFont(font, "", sizeBody)
	d.f.Ln(1)
}

// Bullets writes each item as a bulleted, wrapped paragraph.
func (d *Doc) Bullets(items []string) {
	d.f.SetFont(font, "", sizeBody)
	h := lineHeight(sizeBody)
	for _, it := range items {
		lines := d.f.SplitText(clean(it), ContentWidth-6)
		d.ensure(h * float64(min(len(lines), 3)))
		y := d.f.GetY()
		d.f.SetXY(Margin, y)
		d.f.CellFormat(6, h, "•", "", 0, "L", false, 0, "")
		d.f.SetXY(Margin+6, y)
		d.f.MultiCell(ContentWidth-6, h, strings.Join(lines, "\n"), "", "L", false)
		d.f.Ln(0.8)
	}
	d.f.Ln(1)
}

// Fields writes label–value lines, the labels in a column of their own:
// "Name   Dr Seán Ó Súilleabháin".
func (d *Doc) Fields(fields [][2]string) {
	d.f.SetFont(font, "", sizeBody)
	h := lineHeight(sizeBody)
	labelW := 0.0
	for _, kv := range fields {
		labelW = max(labelW, d.f.GetStringWidth(clean(kv[0])))
	}
	labelW = min(labelW+4, ContentWidth/2)
	for _, kv := range fields {
		lines := d.f.SplitText(clean(kv[1]), ContentWidth-labelW)
		if len(lines) == 0 {
			lines = []string{""}
		}
		d.ensure(h * float64(len(lines)))
		y := d.f.GetY()
		d.f.SetTextColor(70, 70, 70)
		d.f.SetXY(Margin, y)
		d.f.CellFormat(labelW, h, clean(kv[0]), "", 0, "L", false, 0, "")
		d.f.SetTextColor(0, 0, 0)
		d.f.SetXY(Margin+labelW, y)
		d.f.MultiCell(ContentWidth-labelW, h, strings.Join(lines, "\n"), "", "L", false)
	}
	d.f.Ln(2)
}

// Table writes a table with a shaded header row. widths are the columns'
// shares of the page width (they need not add up to 1; they are scaled).
// Cells wrap; a row that does not fit starts a new page, which repeats the
// header. Columns listed in right are right-aligned (numbers).
func (d *Doc) Table(header []string, widths []float64, rows [][]string, right ...int) {
	if len(widths) != len(header) {
		widths = make([]float64, len(header))
		for i := range widths {
			widths[i] = 1
		}
	}
	total := 0.0
	for _, w := range widths {
		total += w
	}
	mm := make([]float64, len(widths))
	for i, w := range widths {
		mm[i] = ContentWidth * w / total
	}
	align := make([]string, len(header))
	for i := range align {
		align[i] = "L"
	}
	for _, i := range right {
		if i >= 0 && i < len(align) {
			align[i] = "R"
		}
	}
	const size = 9
	h := lineHeight(size)
	d.f.SetFont(font, "", size)
	var row func(cells []string, head bool)
	row = func(cells []string, head bool) {
		lines := make([][]string, len(mm))
		n := 1
		for i := range mm {
			c := ""
			if i < len(cells) {
				c = clean(cells[i])
			}
			lines[i] = d.f.SplitText(c, mm[i]-2)
			n = max(n, len(lines[i]))
		}
		rowH := h*float64(n) + 1.6
		if !head && d.ensure(rowH) {
			row(header, true)
		}
		y := d.f.GetY()
		x := Margin
		if head {
			d.f.SetFillColor(225, 234, 244)
			d.f.Rect(Margin, y, ContentWidth, rowH, "F")
		}
		for i, w := range mm {
			for j, l := range lines[i] {
				d.f.SetXY(x+1, y+0.8+float64(j)*h)
				d.f.CellFormat(w-2, h, l, "", 0, align[i], false, 0, "")
			}
			x += w
		}
		d.f.SetDrawColor(200, 200, 200)
		d.f.Line(Margin, y+rowH, Margin+ContentWidth, y+rowH)
		d.f.SetDrawColor(0, 0, 0)
		d.f.SetXY(Margin, y+rowH)
	}
	d.ensure(3 * h)
	row(header, true)
	for _, r := range rows {
		row(r, false)
	}
	d.f.Ln(3)
	d.f.SetFont(font, "", sizeBody)
}

// Image places a PNG (a chart from package charts, say) at the full
// content width, keeping its proportions, with a page break first when it
// does not fit. width is in mm; 0 means the full content width.
func (d *Doc) Image(png []byte, width float64) {
	if width <= 0 || width > ContentWidth {
		width = ContentWidth
	}
	d.images++
	name := fmt.Sprintf("image%d", d.images)
	info := d.f.RegisterImageOptionsReader(name, fpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(png))
	if info == nil || d.f.Err() {
		return
	}
	height := width * info.Height() / info.Width()
	d.ensure(height)
	x := Margin + (ContentWidth-width)/2
	d.f.ImageOptions(name, x, d.f.GetY(), width, height, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
	d.f.SetY(d.f.GetY() + height + 3)
}

// Space adds vertical space, in mm.
func (d *Doc) Space(mm float64) { d.f.Ln(mm) }

// Remaining is how many mm are left on the current page above the footer.
func (d *Doc) Remaining() float64 {
	_, bottom := d.f.GetAutoPageBreak()
	return PageHeight - bottom - d.f.GetY()
}

// ensure starts a new page when fewer than h mm are left, and reports
// whether it did.
func (d *Doc) ensure(h float64) bool {
	if d.Remaining() >= h {
		return false
	}
	d.NewPage()
	return true
}

// Write writes the finished document to w, or returns the first error met
// while building it.
func (d *Doc) Write(w io.Writer) error {
	if err := d.f.Error(); err != nil {
		return fmt.Errorf("pdfdoc: %w", err)
	}
	var buf bytes.Buffer
	if err := d.f.Output(&buf); err != nil {
		return fmt.Errorf("pdfdoc: %w", err)
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// Bytes returns the finished document.
func (d *Doc) Bytes() ([]byte, error) {
	var buf bytes.Buffer
	err := d.Write(&buf)
	return buf.Bytes(), err
}

// clean makes text safe for the embedded font: tabs become spaces and
// characters that are neither printable nor line breaks are dropped, so a
// stray control character pasted from a spreadsheet cannot upset a line.
func clean(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t':
			return ' '
		case r == '\n':
			return r
		case r < ' ' || r == 0x7f || r == '\ufeff':
			return -1
		}
		return r
	}, s)
}
