package charts

import (
	"image/color"
	"math"

	"github.com/wcharczuk/go-chart/v2/drawing"
)

// Theme chooses the colours a chart is drawn in. Light suits a laptop
// screen and printed board papers; HighContrast suits a washed-out
// projector at the back of a hall.
type Theme int

// The themes. Light is the zero value so an empty Options is usable.
const (
	Light Theme = iota
	HighContrast
)

// String names the theme as the settings screen shows it.
func (t Theme) String() string {
	if t == HighContrast {
		return "High contrast"
	}
	return "Light"
}

// MinTextContrast is the WCAG contrast ratio every piece of text must reach
// against what is directly behind it: AA (4.5:1) in the light theme, AAA
// (7:1) in the high-contrast theme used on projectors.
func (t Theme) MinTextContrast() float64 {
	if t == HighContrast {
		return 7
	}
	return 4.5
}

// The Okabe–Ito palette (Okabe and Ito 2008), chosen because its colours
// stay distinct for the common forms of colour blindness.
var (
	okabeOrange    = drawing.ColorFromHex("E69F00")
	okabeSkyBlue   = drawing.ColorFromHex("56B4E9")
	okabeGreen     = drawing.ColorFromHex("009E73")
	okabeYellow    = drawing.ColorFromHex("F0E442")
	okabeBlue      = drawing.ColorFromHex("0072B2")
	okabeVermilion = drawing.ColorFromHex("D55E00")
	okabePurple    = drawing.ColorFromHex("CC79A7")
	black          = drawing.Color{R: 0, G: 0, B: 0, A: 255}
	white          = drawing.Color{R: 255, G: 255, B: 255, A: 255}
)

// ScoreColours gives the fixed colour of each score 1..6 (index 0 is score
// 1). The same score always has the same colour, whatever the counts, so a
// reader can compare bars; lightness falls away from the centre on both
// sides, warm for 1–3 and cool for 4–6.
var ScoreColours = [6]color.Color{okabeVermilion, okabeOrange, okabeYellow, okabeSkyBlue, okabeGreen, okabeBlue}

// palette is the set of colours one theme draws with.
type palette struct {
	bg, fg, muted, grid drawing.Color
	bar                 drawing.Color   // single-series bars
	series              []drawing.Color // lines, in series order
	scores              [6]drawing.Color
	// edge outlines every score segment and legend swatch. Neighbouring
	// scores (orange beside yellow) differ by less than 3:1, and the yellow
	// of score 3 is only about 1.2:1 on white, so the edge, not the fill,
	// is what separates a segment from its neighbours and the background;
	// it reaches 3:1 against every score colour.
	edge    drawing.Color
	minText float64
}

func paletteFor(t Theme) palette {
	scores := [6]drawing.Color{okabeVermilion, okabeOrange, okabeYellow, okabeSkyBlue, okabeGreen, okabeBlue}
	if t == HighContrast {
		return palette{
			bg: black, fg: white,
			muted:   drawing.ColorFromHex("D0D0D0"),
			grid:    drawing.ColorFromHex("707070"),
			bar:     okabeSkyBlue,
			series:  []drawing.Color{okabeSkyBlue, okabeOrange, okabeYellow, okabePurple, okabeGreen, white},
			scores:  scores,
			edge:    black, // every score colour reaches 3:1 on black by itself
			minText: t.MinTextContrast(),
		}
	}
	return palette{
		bg: white, fg: drawing.ColorFromHex("111111"),
		muted:   drawing.ColorFromHex("4D4D4D"),
		grid:    drawing.ColorFromHex("D9D9D9"),
		bar:     okabeBlue,
		series:  []drawing.Color{okabeBlue, okabeVermilion, okabeGreen, okabePurple, drawing.ColorFromHex("111111")},
		scores:  scores,
		edge:    drawing.ColorFromHex("111111"),
		minText: t.MinTextContrast(),
	}
}

// seriesColour gives series i a colour, cycling when there are more series
// than colours (dash and marker still tell them apart).
func (p palette) seriesColour(i int) drawing.Color { return p.series[i%len(p.series)] }

// labelOn says how to write text on a filled shape: directly in black or
// white when one of them reaches the theme's contrast, otherwise on a small
// chip of the theme's background so the text still reaches it.
func (p palette) labelOn(fill drawing.Color) (text drawing.Color, chip bool) {
	b, w := ContrastRatio(black, fill), ContrastRatio(white, fill)
	best := black
	if w > b {
		best = white
	}
	if math.Max(b, w) >= p.minText {
		return best, false
	}
	return p.fg, true
}

// ContrastRatio returns the WCAG 2 contrast ratio of two colours, from 1
// (identical) to 21 (black on white). Transparency is ignored: charts
// draw opaque colours only.
func ContrastRatio(a, b color.Color) float64 {
	la, lb := relativeLuminance(a), relativeLuminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// relativeLuminance is WCAG 2's relative luminance of an sRGB colour.
func relativeLuminance(c color.Color) float64 {
	r, g, b, _ := color.NRGBAModel.Convert(c).RGBA()
	lin := func(v uint32) float64 {
		s := float64(v) / 0xffff
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}
