package pdfdoc

// Printed documents for an event: a programme's timed lines, a sign-in
// sheet's ruled rows and name badges. They sit beside the report pieces
// in pdfdoc.go and use the same embedded font.

// Timed writes one line of a programme: the time in its own column, the
// title, and below it, smaller and lighter, who speaks. A line never
// breaks across pages.
func (d *Doc) Timed(time, title, sub string) {
	const timeW = 34.0
	h := lineHeight(sizeHeading - 1)
	need := h + 2
	if sub != "" {
		need += lineHeight(sizeBody)
	}
	d.ensure(need + 2)
	y := d.f.GetY()
	d.f.SetFont(font, "B", sizeHeading-1)
	d.f.SetXY(Margin, y)
	d.f.CellFormat(timeW, h, clean(time), "", 0, "L", false, 0, "")
	d.f.SetXY(Margin+timeW, y)
	d.f.MultiCell(ContentWidth-timeW, h, clean(title), "", "L", false)
	if sub != "" {
		d.f.SetFont(font, "", sizeBody)
		d.f.SetTextColor(100, 100, 100)
		d.f.SetX(Margin + timeW)
		d.f.MultiCell(ContentWidth-timeW, lineHeight(sizeBody), clean(sub), "", "L", false)
		d.f.SetTextColor(0, 0, 0)
	}
	d.f.Ln(3)
	d.f.SetFont(font, "", sizeBody)
}

// SignInRows writes a sign-in sheet: a ruled table of names and
// organisations with a wide empty column to sign in, rows tall enough
// for a signature, the header repeated on every page.
func (d *Doc) SignInRows(rows [][2]string) {
	const rowH = 11.0
	widths := []float64{ContentWidth * 0.36, ContentWidth * 0.34, ContentWidth * 0.30}
	header := func() {
		d.f.SetFont(font, "B", sizeBody)
		d.f.SetFillColor(230, 236, 244)
		for i, h := range []string{"Name", "Organisation", "Signature"} {
			d.f.CellFormat(widths[i], 8, h, "1", 0, "L", true, 0, "")
		}
		d.f.Ln(-1)
		d.f.SetFont(font, "", sizeBody)
	}
	header()
	for _, r := range rows {
		if d.ensure(rowH) {
			header()
		}
		d.f.CellFormat(widths[0], rowH, fit(d, clean(r[0]), widths[0]), "1", 0, "L", false, 0, "")
		d.f.CellFormat(widths[1], rowH, fit(d, clean(r[1]), widths[1]), "1", 0, "L", false, 0, "")
		d.f.CellFormat(widths[2], rowH, "", "1", 0, "L", false, 0, "")
		d.f.Ln(-1)
	}
}

// fit shortens s with an ellipsis until it fits in w mm at the current
// font, so a long organisation never runs into the next column.
func fit(d *Doc, s string, w float64) string {
	w -= 3
	if d.f.GetStringWidth(s) <= w {
		return s
	}
	r := []rune(s)
	for len(r) > 1 && d.f.GetStringWidth(string(r)+"…") > w {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
}

// Badge is one name badge: a name in large type, a line below it, and a
// small footer line (the event).
type Badge struct {
	Name, Line, Footer string
}

// Badges lays badges out perAcross × perDown to an A4 page (2 × 4 gives 8
// badges of about 87 × 65 mm, 2 × 5 gives 10), each with a light cutting
// border, the name shrunk to fit its width.
func (d *Doc) Badges(badges []Badge, perAcross, perDown int) {
	w := ContentWidth / float64(perAcross)
	h := (PageHeight - 2*Margin - 6) / float64(perDown)
	per := perAcross * perDown
	d.f.SetAutoPageBreak(false, 0)
	defer d.f.SetAutoPageBreak(true, Margin+6)
	for i, b := range badges {
		if i > 0 && i%per == 0 {
			d.NewPage()
		}
		k := i % per
		x := Margin + float64(k%perAcross)*w
		y := Margin + float64(k/perAcross)*h
		d.f.SetDrawColor(180, 180, 180)
		d.f.Rect(x, y, w, h, "D")
		d.f.SetDrawColor(0, 0, 0)
		// The name as large as fits on one line, down to 16 pt; a longer
		// name wraps onto a second line rather than being cut.
		size := 24.0
		for size > 16 {
			d.f.SetFont(font, "B", size)
			if d.f.GetStringWidth(b.Name) <= w-8 {
				break
			}
			size--
		}
		d.f.SetFont(font, "B", size)
		d.f.SetXY(x+4, y+h*0.22)
		d.f.MultiCell(w-8, lineHeight(size), clean(b.Name), "", "C", false)
		d.f.SetFont(font, "", 12)
		d.f.SetTextColor(70, 70, 70)
		d.f.SetXY(x+4, d.f.GetY()+2)
		d.f.MultiCell(w-8, lineHeight(12), clean(b.Line), "", "C", false)
		d.f.SetFont(font, "", sizeSmall)
		d.f.SetXY(x+4, y+h-10)
		d.f.CellFormat(w-8, 5, fit(d, clean(b.Footer), w-8), "", 0, "C", false, 0, "")
		d.f.SetTextColor(0, 0, 0)
	}
	d.f.SetFont(font, "", sizeBody)
}
