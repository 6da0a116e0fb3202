package app

import (
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/liaisonapp/liaison/store"
)

// tableRows makes a widget.Table work by rows, as people expect of a list
// of participants or pairs: a click anywhere in a row selects and
// highlights the whole row (Fyne marks only the cell), the row under the
// mouse is shaded, and a double-click opens the row. widget.Table has no
// double-tap of its own, so each cell is wrapped in a rowCell that has.
type tableRows struct {
	table *widget.Table
	// open is what a double-click does to a row; nil for none.
	open func(row int)
	// selected and hovered are rows, -1 for none.
	selected, hovered int
}

// rowSelect wraps t's cells and selection. Call it once t's OnSelected and
// OnUnselected are set: it keeps them and runs them after its own.
func rowSelect(t *widget.Table, open func(row int)) *tableRows {
	r := &tableRows{table: t, open: open, selected: -1, hovered: -1}
	create, update := t.CreateCell, t.UpdateCell
	t.CreateCell = func() fyne.CanvasObject { return newRowCell(r, create()) }
	t.UpdateCell = func(id widget.TableCellID, o fyne.CanvasObject) {
		c := o.(*rowCell)
		c.id = id
		c.paint()
		update(id, c.content)
	}
	selected, unselected := t.OnSelected, t.OnUnselected
	t.OnSelected = func(id widget.TableCellID) {
		r.mark(&r.selected, id.Row)
		if selected != nil {
			selected(id)
		}
	}
	t.OnUnselected = func(id widget.TableCellID) {
		if r.selected == id.Row {
			r.mark(&r.selected, -1)
		}
		if unselected != nil {
			unselected(id)
		}
	}
	return r
}

// mark moves a highlight (the selection or the hover) to row and redraws
// the rows it left and reached.
func (r *tableRows) mark(which *int, row int) {
	old := *which
	*which = row
	if old != row {
		r.refreshRow(old)
		r.refreshRow(row)
	}
}

func (r *tableRows) refreshRow(row int) {
	if row < 0 || r.table.Length == nil {
		return
	}
	_, cols := r.table.Length()
	for c := 0; c < cols; c++ {
		r.table.RefreshItem(widget.TableCellID{Row: row, Col: c})
	}
}

// rowCell is one table cell: the screen's own content over a background
// that shows whether its row is selected or under the mouse.
type rowCell struct {
	widget.BaseWidget
	rows    *tableRows
	id      widget.TableCellID
	bg      *canvas.Rectangle
	content fyne.CanvasObject
}

var (
	_ fyne.Tappable       = (*rowCell)(nil)
	_ fyne.DoubleTappable = (*rowCell)(nil)
	_ desktop.Mouseable   = (*rowCell)(nil)
	_ desktop.Hoverable   = (*rowCell)(nil)
)

func newRowCell(r *tableRows, content fyne.CanvasObject) *rowCell {
	c := &rowCell{rows: r, content: content, bg: canvas.NewRectangle(color.Transparent)}
	c.ExtendBaseWidget(c)
	return c
}

// paint colours the background for the row's state. The selected row is
// painted opaque, so the table's own single-cell marker beneath does not
// show through darker in the cell that was clicked.
func (c *rowCell) paint() {
	th := c.rows.table.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	var fill color.Color = color.Transparent
	switch c.id.Row {
	case c.rows.selected:
		fill = over(th.Color(theme.ColorNameSelection, v), th.Color(theme.ColorNameBackground, v))
	case c.rows.hovered:
		fill = th.Color(theme.ColorNameHover, v)
	}
	if c.bg.FillColor != fill {
		c.bg.FillColor = fill
		c.bg.Refresh()
	}
}

// over lays colour top over an opaque bottom.
func over(top, bottom color.Color) color.Color {
	t := color.NRGBAModel.Convert(top).(color.NRGBA)
	b := color.NRGBAModel.Convert(bottom).(color.NRGBA)
	mix := func(x, y uint8) uint8 { return uint8((int(x)*int(t.A) + int(y)*(255-int(t.A))) / 255) }
	return color.NRGBA{R: mix(t.R, b.R), G: mix(t.G, b.G), B: mix(t.B, b.B), A: 255}
}

// selectRow selects the cell's row as Fyne's own click would, and takes
// the keyboard focus so the arrow keys and Space work from there.
func (c *rowCell) selectRow() {
	t := c.rows.table
	t.Select(c.id)
	if cv := fyne.CurrentApp().Driver().CanvasForObject(t); cv != nil {
		cv.Focus(t)
	}
}

// MouseDown selects at once: a cell that can be double-tapped hears its
// single tap only after the double-tap delay, which would make every
// selection feel slow.
func (c *rowCell) MouseDown(ev *desktop.MouseEvent) {
	if ev.Button == desktop.MouseButtonPrimary {
		c.selectRow()
	}
}

// MouseUp is part of desktop.Mouseable.
func (c *rowCell) MouseUp(*desktop.MouseEvent) {}

// Tapped selects the row (it is what touch screens and tests send).
func (c *rowCell) Tapped(*fyne.PointEvent) { c.selectRow() }

// DoubleTapped opens the row.
func (c *rowCell) DoubleTapped(*fyne.PointEvent) {
	c.selectRow()
	if c.rows.open != nil {
		c.rows.open(c.id.Row)
	}
}

// MouseIn shades the row under the mouse.
func (c *rowCell) MouseIn(*desktop.MouseEvent) { c.rows.mark(&c.rows.hovered, c.id.Row) }

// MouseMoved is part of desktop.Hoverable.
func (c *rowCell) MouseMoved(*desktop.MouseEvent) {}

// MouseOut clears the shading.
func (c *rowCell) MouseOut() {
	if c.rows.hovered == c.id.Row {
		c.rows.mark(&c.rows.hovered, -1)
	}
}

func (c *rowCell) CreateRenderer() fyne.WidgetRenderer {
	return &rowCellRenderer{c: c, objects: []fyne.CanvasObject{c.bg, c.content}}
}

type rowCellRenderer struct {
	c       *rowCell
	objects []fyne.CanvasObject
}

// Layout stretches the background over half the gap on each side, so a
// highlighted row reads as one band across the column dividers.
func (r *rowCellRenderer) Layout(size fyne.Size) {
	pad := r.c.rows.table.Theme().Size(theme.SizeNamePadding)
	r.c.bg.Move(fyne.NewPos(-pad/2, 0))
	r.c.bg.Resize(fyne.NewSize(size.Width+pad, size.Height))
	r.c.content.Move(fyne.NewPos(0, 0))
	r.c.content.Resize(size)
}

func (r *rowCellRenderer) MinSize() fyne.Size           { return r.c.content.MinSize() }
func (r *rowCellRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *rowCellRenderer) Destroy()                     {}
func (r *rowCellRenderer) Refresh() {
	r.c.paint()
	r.c.content.Refresh()
}

// countWidth is the width of a table column that holds a count: room for
// 9,999,999 with its thousands separators in the current theme, so a
// count of 100,000 or more is never cut to "100,0…".
func countWidth() float32 {
	th := fyne.CurrentApp().Settings().Theme()
	text := fyne.MeasureText(store.Thousands(9_999_999), th.Size(theme.SizeNameText), fyne.TextStyle{})
	return float32(math.Ceil(float64(text.Width + 2*th.Size(theme.SizeNameInnerPadding) + 2)))
}

// fitCounts widens the count columns cols of a cell table to their widest
// text (the header row is bold), never below widths, so a count of
// 100,000 or 1,234,567 shows whole while a small round keeps its compact
// columns. The tables it serves have a row per question, group or month,
// so measuring them stays small.
func fitCounts(t *widget.Table, cells [][]string, widths []float32, cols ...int) {
	for c, w := range fittedWidths(cells, widths, cols...) {
		t.SetColumnWidth(c, w)
	}
}

// fittedWidths is widths with the columns cols widened to their widest text.
func fittedWidths(cells [][]string, widths []float32, cols ...int) []float32 {
	th := fyne.CurrentApp().Settings().Theme()
	size := th.Size(theme.SizeNameText)
	pad := 2*th.Size(theme.SizeNameInnerPadding) + 2
	out := append([]float32(nil), widths...)
	for _, c := range cols {
		for i, row := range cells {
			if c < len(row) {
				w := fyne.MeasureText(row[c], size, fyne.TextStyle{Bold: i == 0}).Width + pad
				out[c] = max(out[c], float32(math.Ceil(float64(w))))
			}
		}
	}
	return out
}
