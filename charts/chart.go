// Package charts turns Liaison's figures into charts for the screen, the
// projector and the board: data in, image or SVG out.
//
// It draws with go-chart v2's renderers but keeps that library behind this
// package's own API (go-chart is archived, so the renderer may have to be
// swapped one day without touching the GUI). Every chart states what it
// counts in its title, shows n, writes its values on the bars, uses the
// colour-blind-safe Okabe–Ito palette and never relies on colour alone.
// The layout of each chart is also available as plain data (BarData,
// MeansData, DivergingLayout, CumulativeData, CheckInData) so tests and
// exports can check the figures without looking at pixels.
//
// The package imports neither Fyne nor SQL: the GUI wraps Chart.Image in a
// canvas.Image, the command line writes Chart.PNG and Chart.SVG to files.
package charts

import (
	"fmt"
	"html"
	"image"
	"image/color"
	"image/draw"
	"io"
	"math"
	"strings"
	"time"

	"github.com/golang/freetype/truetype"
	"github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"
	"golang.org/x/image/math/fixed"
)

// Options sets the size and look of a chart. The zero value draws a
// 1280×720 light chart with type sized for that image.
type Options struct {
	// Width and Height are the image size in pixels; zero means 1280×720.
	Width, Height int
	// DPI maps font points to pixels. Zero scales it with the image, 96 at
	// 1280×720, so a 1920×1080 slide export keeps the same proportions.
	DPI float64
	// Theme is Light or HighContrast.
	Theme Theme
	// FontScale enlarges (or shrinks) every text; zero means 1. Use 1.3 or
	// more on a projector. Text is shrunk again only as far as needed to
	// keep long labels inside the image.
	FontScale float64
	// SuppressBelow is K of the small-number rule: a bar counting 0 < n < K
	// is shown as "fewer than K" with no figure and no length. Zero or one
	// turns suppression off.
	SuppressBelow int
	// Note is added to the subtitle, for what only the caller knows, such
	// as the response rate and its denominator.
	Note string
	// Today is the day the chart is drawn, for charts over time; zero
	// means today by the clock.
	Today time.Time
}

// Default sizes of the charts, in pixels and points.
const (
	DefaultWidth  = 1280
	DefaultHeight = 720
	baseDPI       = 96.0
	titlePt       = 17.0
	subtitlePt    = 12.0
	labelPt       = 12.0
	smallPt       = 10.5
	minShrink     = 0.55 // text never shrinks below this share of its size
)

func (o Options) normalised() Options {
	if o.Width <= 0 {
		o.Width = DefaultWidth
	}
	if o.Height <= 0 {
		o.Height = DefaultHeight
	}
	if o.DPI <= 0 {
		o.DPI = math.Max(72, baseDPI*math.Min(float64(o.Width)/DefaultWidth, float64(o.Height)/DefaultHeight))
	}
	if o.FontScale <= 0 {
		o.FontScale = 1
	}
	return o
}

// Chart is one chart, ready to render at the size its Options gave. It
// holds only the figures it was made from, so it is cheap to build and safe
// to render from any goroutine, one render at a time or many.
type Chart struct {
	// Title says what the chart counts or asks.
	Title string
	// Subtitle carries n and the scale.
	Subtitle string

	opts Options
	// fits reports whether the body fits the box at the painter's text
	// scale; render shrinks the text until it does (or minShrink).
	fits func(p *painter, body box) bool
	draw func(p *painter, body box)
}

// Size returns the image size the chart renders at.
func (c *Chart) Size() (width, height int) { return c.opts.Width, c.opts.Height }

// PNG writes the chart as a PNG image. To write many, a PNGEncoder is
// faster.
func (c *Chart) PNG(w io.Writer) error {
	var e PNGEncoder
	return e.Encode(w, c)
}

// SVG writes the chart as an SVG document. The SVG names the font (Roboto)
// but does not embed it, so a viewer without Roboto uses a sans-serif.
func (c *Chart) SVG(w io.Writer) error {
	r, err := chart.SVG(c.opts.Width, c.opts.Height)
	if err != nil {
		return fmt.Errorf("charts: new renderer: %w", err)
	}
	return c.render(r, nil, w)
}

// Image renders the chart straight into a new image, without a PNG encode
// and decode, for live display.
func (c *Chart) Image() (image.Image, error) {
	img := image.NewRGBA(image.Rect(0, 0, c.opts.Width, c.opts.Height))
	if err := c.drawRaster(img); err != nil {
		return nil, err
	}
	return img, nil
}

// drawRaster draws the chart into img, which is the chart's size.
func (c *Chart) drawRaster(img *image.RGBA) error {
	return c.render(newCanvas(img), img, nil)
}

// render draws the chart with r. img is r's image when r draws pixels
// (rect then fills rectangles straight into it, many times cheaper than the
// anti-aliasing rasteriser), and the pixels stay there; for SVG img is nil
// and the document is saved to w.
func (c *Chart) render(r chart.Renderer, img *image.RGBA, w io.Writer) error {
	o := c.opts
	f, err := chart.GetDefaultFont()
	if err != nil {
		return fmt.Errorf("charts: font: %w", err)
	}
	r.SetDPI(o.DPI)
	svg := img == nil
	p := &painter{r: r, font: f, dpi: o.DPI, pal: paletteFor(o.Theme), escape: svg, w: o.Width, h: o.Height, scale: o.FontScale, ptFix: 64.0 / 72, img: img}
	if svg {
		p.ptFix = 1
	}
	p.fit(c)
	p.rect(0, 0, o.Width, o.Height, p.pal.bg)
	body := p.header(c.Title, c.Subtitle, true)
	c.draw(p, body)
	if !svg {
		return nil
	}
	return r.Save(w)
}

// box is a rectangle in pixels: left, top, right, bottom.
type box struct{ l, t, r, b int }

func (b box) w() int { return b.r - b.l }
func (b box) h() int { return b.b - b.t }

// painter draws on a go-chart renderer with the chart's font, theme and
// text scale. It measures text from the font's own metrics, which is
// cheaper than the renderer's path-based measure and the same for PNG and
// SVG, so both outputs wrap lines at the same words.
type painter struct {
	r      chart.Renderer
	font   *truetype.Font
	dpi    float64
	scale  float64 // FontScale times any shrink to fit
	pal    palette
	escape bool // SVG: the renderer writes text into XML unescaped
	// ptFix corrects the font size given to the renderer: go-chart's raster
	// renderer sets glyphs at pt×DPI/64 pixels where its SVG renderer (and
	// typography) use pt×DPI/72, so PNG text came out 12.5% larger than
	// measured and overflowed its space.
	ptFix float64
	w, h  int
	img   *image.RGBA // the raster renderer's image, nil for SVG
}

// px converts a size in points (before scaling) to pixels.
func (p *painter) px(pt float64) float64 { return pt * p.scale * p.dpi / 72 }

// lineHeight is the distance between baselines of text of size pt.
func (p *painter) lineHeight(pt float64) int { return int(math.Ceil(p.px(pt) * 1.25)) }

// ascent is the distance from the top of a line to its baseline.
func (p *painter) ascent(pt float64) int { return int(math.Round(p.px(pt) * 0.98)) }

// textWidth measures s at size pt from the font's advances and kerning.
func (p *painter) textWidth(s string, pt float64) int {
	scale := fixed.Int26_6(p.px(pt) * 64)
	var w fixed.Int26_6
	prev, first := truetype.Index(0), true
	for _, r := range s {
		i := p.font.Index(r)
		if !first {
			w += p.font.Kern(scale, prev, i)
		}
		w += p.font.HMetric(scale, i).AdvanceWidth
		prev, first = i, false
	}
	return w.Ceil()
}

// text writes s with its top-left corner at (x, top).
func (p *painter) text(s string, x, top int, pt float64, c drawing.Color) {
	if s == "" {
		return
	}
	p.r.ResetStyle()
	p.r.SetFont(p.font)
	p.r.SetFontSize(pt * p.scale * p.ptFix)
	p.r.SetFontColor(c)
	if p.escape {
		s = html.EscapeString(s)
	}
	p.r.Text(s, x, top+p.ascent(pt))
}

// textRight writes s so that it ends at x.
func (p *painter) textRight(s string, x, top int, pt float64, c drawing.Color) {
	p.text(s, x-p.textWidth(s, pt), top, pt, c)
}

// textCentre writes s centred on x.
func (p *painter) textCentre(s string, x, top int, pt float64, c drawing.Color) {
	p.text(s, x-p.textWidth(s, pt)/2, top, pt, c)
}

// rect fills a rectangle.
func (p *painter) rect(l, t, r, b int, c drawing.Color) {
	if r <= l || b <= t {
		return
	}
	if p.img != nil {
		draw.Draw(p.img, image.Rect(l, t, r, b), image.NewUniform(color.RGBA{c.R, c.G, c.B, 255}), image.Point{}, draw.Src)
		return
	}
	p.r.ResetStyle()
	p.r.SetFillColor(c)
	p.r.SetStrokeWidth(0)
	p.rectPath(l, t, r, b)
	p.r.Fill()
}

// outline strokes a rectangle.
func (p *painter) outline(l, t, r, b int, c drawing.Color, width float64) {
	p.r.ResetStyle()
	p.r.SetStrokeColor(c)
	p.r.SetStrokeWidth(width)
	p.rectPath(l, t, r, b)
	p.r.Stroke()
}

// rectPath traces a closed rectangle for the renderer to fill or stroke.
func (p *painter) rectPath(l, t, r, b int) {
	p.r.MoveTo(l, t)
	p.r.LineTo(r, t)
	p.r.LineTo(r, b)
	p.r.LineTo(l, b)
	p.r.Close()
}

// edgeWidth is the width of the outline around score segments: 1.5 px at
// 1280×720, growing with the image so a 1920×1080 slide keeps it visible.
func (p *painter) edgeWidth() float64 { return math.Max(1.5, p.dpi/64) }

// line strokes a straight line, dashed when dash is not empty.
func (p *painter) line(x0, y0, x1, y1 int, c drawing.Color, width float64, dash []float64) {
	p.r.ResetStyle()
	p.r.SetStrokeColor(c)
	p.r.SetStrokeWidth(width)
	if len(dash) > 0 {
		p.r.SetStrokeDashArray(dash)
	}
	p.r.MoveTo(x0, y0)
	p.r.LineTo(x1, y1)
	p.r.Stroke()
}

// wrap breaks s into lines no wider than width at size pt, breaking at
// spaces, and inside a word only when the word alone is too wide.
func (p *painter) wrap(s string, pt float64, width int) []string {
	var lines []string
	for _, para := range strings.Split(s, "\n") {
		line := ""
		for _, word := range strings.Fields(para) {
			try := word
			if line != "" {
				try = line + " " + word
			}
			if p.textWidth(try, pt) <= width {
				line = try
				continue
			}
			if line != "" {
				lines = append(lines, line)
			}
			line = word
			for p.textWidth(line, pt) > width && len([]rune(line)) > 1 {
				rs := []rune(line)
				n := len(rs) - 1
				for n > 1 && p.textWidth(string(rs[:n]), pt) > width {
					n--
				}
				lines = append(lines, string(rs[:n]))
				line = string(rs[n:])
			}
		}
		lines = append(lines, line)
	}
	return lines
}

// fit shrinks the painter's text scale step by step until the chart's
// body fits, so long labels are never cut off at the image edge.
func (p *painter) fit(c *Chart) {
	floor := p.scale * minShrink
	for p.scale > floor {
		if c.fits == nil || c.fits(p, p.header(c.Title, c.Subtitle, false)) {
			return
		}
		p.scale *= 0.92
	}
}

// header draws (or, when draw is false, only measures) the title and
// subtitle, wrapped, and returns the space left for the chart's body.
func (p *painter) header(title, subtitle string, draw bool) box {
	m := p.margin()
	y := m
	inner := p.w - 2*m
	for _, l := range p.wrap(title, titlePt, inner) {
		if draw {
			p.text(l, m, y, titlePt, p.pal.fg)
		}
		y += p.lineHeight(titlePt)
	}
	for _, l := range p.wrap(subtitle, subtitlePt, inner) {
		if draw {
			p.text(l, m, y, subtitlePt, p.pal.muted)
		}
		y += p.lineHeight(subtitlePt)
	}
	y += p.lineHeight(smallPt) / 2
	return box{l: m, t: y, r: p.w - m, b: p.h - m}
}

// margin is the blank border around the chart, in proportion to its size.
func (p *painter) margin() int {
	return int(math.Max(8, math.Min(float64(p.w), float64(p.h))*0.035))
}

// measurePainter returns a painter that only measures, for layout before
// drawing (and for the pure layout functions the tests use).
func newMeasurePainter(o Options) *painter {
	o = o.normalised()
	f, err := chart.GetDefaultFont()
	if err != nil {
		panic(err) // the font is compiled into go-chart; it always parses
	}
	return &painter{font: f, dpi: o.DPI, scale: o.FontScale, pal: paletteFor(o.Theme), w: o.Width, h: o.Height, ptFix: 1}
}
