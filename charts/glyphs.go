package charts

import (
	"image"
	"image/draw"
	"math"
	"sync"

	"github.com/golang/freetype/truetype"
	"github.com/wcharczuk/go-chart/v2/drawing"
	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"
)

// Text on a chart repeats the same few dozen glyphs at a few sizes, and
// go-chart rasterises every one of them afresh from its outline, which was
// a quarter of drawing a chart. glyphCache keeps each glyph's coverage
// once per font, size and quarter-pixel position, and canvas.Text
// composites the kept masks. The masks come from the same outlines and
// rasteriser, so text looks the same; a glyph may sit up to an eighth of a
// pixel from where it was.

// glyphPhases is how many horizontal sub-pixel positions are kept per glyph.
const glyphPhases = 4

type glyphKey struct {
	font  *truetype.Font
	scale fixed.Int26_6
	index truetype.Index
	phase int
}

// glyphMask is a glyph's coverage and where its top-left corner sits from
// the pen position (the whole pixel left of the pen, on the baseline).
type glyphMask struct {
	mask   *image.Alpha
	dx, dy int
}

// glyphCache is shared by every chart drawn in the process.
var glyphCache = struct {
	sync.Mutex
	m map[glyphKey]*glyphMask
}{m: map[glyphKey]*glyphMask{}}

// maxCachedGlyphs bounds the cache; beyond it the cache starts again.
const maxCachedGlyphs = 4096

// cachedGlyph returns the mask of glyph i at scale, drawn phase/glyphPhases
// of a pixel right of a whole pixel.
func cachedGlyph(f *truetype.Font, scale fixed.Int26_6, i truetype.Index, phase int) (*glyphMask, error) {
	k := glyphKey{f, scale, i, phase}
	glyphCache.Lock()
	g, ok := glyphCache.m[k]
	glyphCache.Unlock()
	if ok {
		return g, nil
	}
	g, err := drawGlyph(f, scale, i, float64(phase)/glyphPhases)
	if err != nil {
		return nil, err
	}
	glyphCache.Lock()
	if len(glyphCache.m) >= maxCachedGlyphs {
		clear(glyphCache.m)
	}
	glyphCache.m[k] = g
	glyphCache.Unlock()
	return g, nil
}

// glyphScratch is an image and a graphic context to rasterise glyphs in,
// kept between glyphs: a new context allocates two rasterisers, which cost
// more than drawing the glyph. Its pixels are transparent between uses.
type glyphScratch struct {
	img *image.RGBA
	gc  *drawing.RasterGraphicContext
}

var glyphScratches sync.Pool

// borrowGlyphScratch returns a scratch of at least w×h pixels.
func borrowGlyphScratch(w, h int) *glyphScratch {
	sc, _ := glyphScratches.Get().(*glyphScratch)
	if sc == nil || sc.img.Rect.Dx() < w || sc.img.Rect.Dy() < h {
		size := 64
		for size < max(w, h) {
			size *= 2
		}
		img := image.NewRGBA(image.Rect(0, 0, size, size))
		gc, _ := drawing.NewRasterGraphicContext(img) // never fails for *image.RGBA
		sc = &glyphScratch{img: img, gc: gc}
	}
	return sc
}

// drawGlyph rasterises glyph i with the pen at (frac, 0), as go-chart's
// RasterGraphicContext draws a glyph of a string.
func drawGlyph(f *truetype.Font, scale fixed.Int26_6, i truetype.Index, frac float64) (*glyphMask, error) {
	var buf truetype.GlyphBuf
	if err := buf.Load(f, scale, i, font.HintingNone); err != nil {
		return nil, err
	}
	// The outline's box in pixels, y downwards, with a pixel to spare.
	b := buf.Bounds
	left := int(math.Floor(float64(b.Min.X)/64+frac)) - 1
	top := int(math.Floor(float64(-b.Max.Y)/64)) - 1
	right := int(math.Ceil(float64(b.Max.X)/64+frac)) + 1
	bottom := int(math.Ceil(float64(-b.Min.Y)/64)) + 1
	w, h := max(right-left, 1), max(bottom-top, 1)
	sc := borrowGlyphScratch(w, h)
	defer glyphScratches.Put(sc)
	e0 := 0
	for _, e1 := range buf.Ends {
		drawing.DrawContour(sc.gc, buf.Points[e0:e1], frac-float64(left), -float64(top))
		e0 = e1
	}
	sc.gc.SetFillColor(drawing.ColorWhite)
	sc.gc.Fill()
	mask := image.NewAlpha(image.Rect(0, 0, w, h))
	for y := range h {
		row := sc.img.Pix[y*sc.img.Stride:]
		for x := range w {
			mask.Pix[y*mask.Stride+x] = row[4*x+3]
			row[4*x], row[4*x+1], row[4*x+2], row[4*x+3] = 0, 0, 0, 0 // clean for the next glyph
		}
	}
	return &glyphMask{mask: mask, dx: left, dy: top}, nil
}

// drawCachedText writes s in colour c with its baseline's left end at
// (x, y), composing cached glyph masks; go-chart's CreateStringPath places
// the glyphs the same way.
func drawCachedText(dst *image.RGBA, f *truetype.Font, scale fixed.Int26_6, s string, x, y int, c drawing.Color) error {
	src := image.NewUniform(c)
	pen := float64(x)
	prev, hasPrev := truetype.Index(0), false
	for _, r := range s {
		i := f.Index(r)
		if hasPrev {
			pen += fixedToFloat(f.Kern(scale, prev, i))
		}
		whole := math.Floor(pen)
		phase := int(math.Round((pen - whole) * glyphPhases))
		if phase == glyphPhases {
			whole, phase = whole+1, 0
		}
		g, err := cachedGlyph(f, scale, i, phase)
		if err != nil {
			return err
		}
		at := image.Pt(int(whole)+g.dx, y+g.dy)
		draw.DrawMask(dst, g.mask.Rect.Add(at), src, image.Point{}, g.mask, image.Point{}, draw.Over)
		pen += fixedToFloat(f.HMetric(scale, i).AdvanceWidth)
		prev, hasPrev = i, true
	}
	return nil
}

// fixedToFloat converts 26.6 fixed point to pixels as go-chart does.
func fixedToFloat(x fixed.Int26_6) float64 { return float64(x) / 64 }
