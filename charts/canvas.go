package charts

import (
	"image"
	"image/png"
	"io"
	"math"

	"github.com/golang/freetype/truetype"
	"github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"
	"golang.org/x/image/math/fixed"
)

// canvas is go-chart's raster renderer drawing into an image we supply,
// so that PNG output can reuse its pixels (see PNGEncoder). go-chart's own chart.PNG
// allocates a fresh image for every chart, and the first write to fresh
// memory is a page fault per 4 KiB: filling a new 1920×1080 image cost
// about 13 ms where refilling a used one costs 0.1 ms, which was a third of
// `liaison charts`. It follows go-chart's rasterRenderer (MIT licence)
// method for method, so PNG output is unchanged.
type canvas struct {
	img    *image.RGBA
	gc     *drawing.RasterGraphicContext
	rotate *float64
	s      chart.Style
}

// newCanvas returns a renderer drawing into img.
func newCanvas(img *image.RGBA) *canvas {
	gc, _ := drawing.NewRasterGraphicContext(img) // fails only for an image other than *image.RGBA
	return &canvas{img: img, gc: gc}
}

// reset readies c for the next chart: no path, style or turn is left
// from the last. The rasterisers are kept, with the memory they grew.
func (c *canvas) reset() {
	c.gc.BeginPath()
	c.s = chart.Style{}
	c.ClearTextRotation()
}

// PNGEncoder writes charts as PNG images, drawing each into the pixels of
// the one before when it is the same size, with the same rasterisers and
// file buffers. Fresh memory is slow to fill (see canvas), so a command
// writing many charts keeps one PNGEncoder per goroutine. It is not safe
// for use by several goroutines at once.
type PNGEncoder struct {
	img  *image.RGBA
	cv   *canvas // draws into img
	file pngFile
}

// Prepare makes the pixels for charts of the given size before the first
// Encode needs them, so a command can have it done on another core while
// it reads the figures.
func (e *PNGEncoder) Prepare(width, height int) {
	if !e.pixels(width, height) {
		return
	}
	// The first write to each page is the slow part; new pixels are
	// zero, so writing a zero to each page is enough.
	for i := 0; i < len(e.img.Pix); i += 4096 {
		e.img.Pix[i] = 0
	}
}

// pixels makes sure e has an image of the given size, with a canvas
// drawing into it, and reports whether it had to make them.
func (e *PNGEncoder) pixels(width, height int) bool {
	if e.img != nil && e.img.Rect.Dx() == width && e.img.Rect.Dy() == height {
		return false
	}
	e.img = &image.RGBA{Pix: newPixels(4 * width * height), Stride: 4 * width, Rect: image.Rect(0, 0, width, height)}
	e.cv = newCanvas(e.img)
	return true
}

// Encode writes c to w as a PNG image, in one write.
func (e *PNGEncoder) Encode(w io.Writer, c *Chart) error {
	data, err := e.PNG(c)
	if err != nil {
		return err
	}
	_, err = w.Write(data)
	return err
}

// PNG returns c as a PNG file, in memory of e's that the next call
// reuses.
func (e *PNGEncoder) PNG(c *Chart) ([]byte, error) {
	e.pixels(c.Size())
	// The old pixels need no clearing: every chart begins by filling its
	// whole background.
	e.cv.reset()
	if err := c.render(e.cv, e.img, nil); err != nil {
		return nil, err
	}
	e.file.encode(e.img)
	return e.file.data, nil
}

// ResetStyle implements chart.Renderer.
func (c *canvas) ResetStyle() {
	c.s = chart.Style{Font: c.s.Font}
	c.ClearTextRotation()
}

// GetDPI implements chart.Renderer.
func (c *canvas) GetDPI() float64 { return c.gc.GetDPI() }

// SetDPI implements chart.Renderer.
func (c *canvas) SetDPI(dpi float64) { c.gc.SetDPI(dpi) }

// SetClassName implements chart.Renderer; a bitmap has no classes.
func (c *canvas) SetClassName(string) {}

// SetStrokeColor implements chart.Renderer.
func (c *canvas) SetStrokeColor(col drawing.Color) { c.s.StrokeColor = col }

// SetFillColor implements chart.Renderer.
func (c *canvas) SetFillColor(col drawing.Color) { c.s.FillColor = col }

// SetStrokeWidth implements chart.Renderer.
func (c *canvas) SetStrokeWidth(width float64) { c.s.StrokeWidth = width }

// SetStrokeDashArray implements chart.Renderer.
func (c *canvas) SetStrokeDashArray(dash []float64) { c.s.StrokeDashArray = dash }

// MoveTo implements chart.Renderer.
func (c *canvas) MoveTo(x, y int) { c.gc.MoveTo(float64(x), float64(y)) }

// LineTo implements chart.Renderer.
func (c *canvas) LineTo(x, y int) { c.gc.LineTo(float64(x), float64(y)) }

// QuadCurveTo implements chart.Renderer.
func (c *canvas) QuadCurveTo(cx, cy, x, y int) {
	c.gc.QuadCurveTo(float64(cx), float64(cy), float64(x), float64(y))
}

// ArcTo implements chart.Renderer.
func (c *canvas) ArcTo(cx, cy int, rx, ry, startAngle, delta float64) {
	c.gc.ArcTo(float64(cx), float64(cy), rx, ry, startAngle, delta)
}

// Close implements chart.Renderer.
func (c *canvas) Close() { c.gc.Close() }

// Stroke implements chart.Renderer.
func (c *canvas) Stroke() {
	c.gc.SetStrokeColor(c.s.StrokeColor)
	c.gc.SetLineWidth(c.s.StrokeWidth)
	c.gc.SetLineDash(c.s.StrokeDashArray, 0)
	c.gc.Stroke()
}

// Fill implements chart.Renderer.
func (c *canvas) Fill() {
	c.gc.SetFillColor(c.s.FillColor)
	c.gc.Fill()
}

// FillStroke implements chart.Renderer.
func (c *canvas) FillStroke() {
	c.gc.SetFillColor(c.s.FillColor)
	c.gc.SetStrokeColor(c.s.StrokeColor)
	c.gc.SetLineWidth(c.s.StrokeWidth)
	c.gc.SetLineDash(c.s.StrokeDashArray, 0)
	c.gc.FillStroke()
}

// Circle implements chart.Renderer: it traces the circle, for Fill or Stroke.
func (c *canvas) Circle(radius float64, x, y int) {
	xf, yf := float64(x), float64(y)
	c.gc.MoveTo(xf-radius, yf)
	c.gc.QuadCurveTo(xf-radius, yf-radius, xf, yf-radius)
	c.gc.QuadCurveTo(xf+radius, yf-radius, xf+radius, yf)
	c.gc.QuadCurveTo(xf+radius, yf+radius, xf, yf+radius)
	c.gc.QuadCurveTo(xf-radius, yf+radius, xf-radius, yf)
}

// SetFont implements chart.Renderer.
func (c *canvas) SetFont(f *truetype.Font) { c.s.Font = f }

// SetFontSize implements chart.Renderer.
func (c *canvas) SetFontSize(size float64) { c.s.FontSize = size }

// SetFontColor implements chart.Renderer.
func (c *canvas) SetFontColor(col drawing.Color) { c.s.FontColor = col }

// Text implements chart.Renderer. Level text is composed of cached glyph
// masks (see glyphCache); turned text is drawn from its outline.
func (c *canvas) Text(body string, x, y int) {
	if c.rotate == nil && c.s.Font != nil {
		scale := fixed.Int26_6(c.s.FontSize * c.gc.GetDPI())
		if drawCachedText(c.img, c.s.Font, scale, body, x, y, c.s.FontColor) == nil {
			return
		}
	}
	if c.rotate != nil {
		c.gc.Translate(float64(x), float64(y))
		c.gc.Rotate(*c.rotate)
		x, y = 0, 0
	}
	c.gc.SetFont(c.s.Font)
	c.gc.SetFontSize(c.s.FontSize)
	c.gc.SetFillColor(c.s.FontColor)
	c.gc.CreateStringPath(body, float64(x), float64(y))
	c.gc.Fill()
}

// MeasureText implements chart.Renderer: the text's box in pixels, turned
// with the text rotation.
func (c *canvas) MeasureText(body string) chart.Box {
	c.gc.SetFont(c.s.Font)
	c.gc.SetFontSize(c.s.FontSize)
	l, t, r, b, err := c.gc.GetStringBounds(body)
	if err != nil {
		return chart.Box{}
	}
	// As go-chart does: the box starts at 0,0 and keeps the text's extent.
	r, b = r+math.Abs(l), b+math.Abs(t)
	box := chart.Box{Right: int(math.Ceil(r)), Bottom: int(math.Ceil(b))}
	if c.rotate == nil {
		return box
	}
	return box.Corners().Rotate(chart.RadiansToDegrees(*c.rotate)).Box()
}

// SetTextRotation implements chart.Renderer.
func (c *canvas) SetTextRotation(radians float64) { c.rotate = &radians }

// ClearTextRotation implements chart.Renderer.
func (c *canvas) ClearTextRotation() {
	c.gc.SetMatrixTransform(drawing.NewIdentityMatrix())
	c.rotate = nil
}

// Save implements chart.Renderer: it hands the image to a
// chart.RGBACollector, or writes it as a PNG. Chart.PNG and Chart.Image
// take the pixels from the image directly instead.
func (c *canvas) Save(w io.Writer) error {
	if collector, ok := w.(chart.RGBACollector); ok {
		collector.SetRGBA(c.img)
		return nil
	}
	return png.Encode(w, c.img)
}
