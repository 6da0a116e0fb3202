package charts

import (
	"image"
	"image/draw"
	"testing"

	"github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"
)

// Text composed of cached glyphs looks like text drawn from its outlines:
// no glyph is clipped or moved (the ink of every column agrees to within
// a few percent), at sizes from axis labels to slide titles.
func TestCachedTextMatchesOutlineText(t *testing.T) {
	f, err := chart.GetDefaultFont()
	if err != nil {
		t.Fatal(err)
	}
	const s = "Would you support a regular primary–secondary care forum? 1,234 ÆØ gjpqy (Wé)"
	for _, pt := range []float64{9, 14, 26, 40} {
		outline := image.NewRGBA(image.Rect(0, 0, 2400, 160))
		cached := image.NewRGBA(outline.Rect)
		for _, img := range []*image.RGBA{outline, cached} {
			draw.Draw(img, img.Rect, image.White, image.Point{}, draw.Src)
		}
		gc, err := drawing.NewRasterGraphicContext(outline)
		if err != nil {
			t.Fatal(err)
		}
		gc.SetDPI(96)
		gc.SetFont(f)
		gc.SetFontSize(pt)
		gc.SetFillColor(drawing.ColorBlack)
		if _, err := gc.CreateStringPath(s, 10, 100); err != nil {
			t.Fatal(err)
		}
		gc.Fill()
		c := newCanvas(cached)
		c.SetDPI(96)
		c.SetFont(f)
		c.SetFontSize(pt)
		c.SetFontColor(drawing.ColorBlack)
		c.Text(s, 10, 100)

		// Ink per stretch of 8 columns. A glyph may sit an eighth of a
		// pixel from where the outline put it, which moves at most a
		// quarter-pixel column of a full-height stroke (em pixels high;
		// go-chart sets pt×DPI/64 pixels to the em) into the next
		// stretch; a clipped or misplaced glyph moves whole strokes.
		em := pt * 96 / 64
		var inkA, inkB int
		for x0 := 0; x0 < outline.Rect.Dx(); x0 += 8 {
			var a, b int
			for x := x0; x < min(x0+8, outline.Rect.Dx()); x++ {
				for y := 0; y < outline.Rect.Dy(); y++ {
					a += 255 - int(outline.Pix[outline.PixOffset(x, y)])
					b += 255 - int(cached.Pix[cached.PixOffset(x, y)])
				}
			}
			inkA, inkB = inkA+a, inkB+b
			if d := max(a-b, b-a); float64(d) > 255*em/4+float64(a)*0.15 {
				t.Fatalf("%v pt: columns %d–%d have ink %d from the outlines but %d cached", pt, x0, x0+7, a, b)
			}
		}
		if inkA == 0 || inkB < inkA*98/100 || inkB > inkA*102/100 {
			t.Fatalf("%v pt: ink %d from the outlines, %d cached", pt, inkA, inkB)
		}
	}
}
