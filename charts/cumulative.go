package charts

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/liaisonapp/liaison/store"
	"github.com/wcharczuk/go-chart/v2/drawing"
)

// Point says that N things happened on Date: N pairs made, N visits done,
// N projects completed. Points need not be sorted or unique per day.
type Point struct {
	Date time.Time
	N    int
}

// Marker is the shape drawn at each step of a line, so lines differ by
// shape and dash as well as colour.
type Marker int

// The markers, given to series in this order.
const (
	MarkerCircle Marker = iota
	MarkerSquare
	MarkerTriangle
	MarkerDiamond
)

// dashes are the stroke patterns of series 0, 1, 2, ... in units of the
// line width; nil is solid.
var dashes = [][]float64{nil, {4, 2}, {1, 1.5}, {4, 1.5, 1, 1.5}}

// Line is one series as drawn: its running total per day.
type Line struct {
	Name string
	// Steps are the cumulative totals, one per day that had any events,
	// in date order.
	Steps []Point
	// Total is the last running total, written at the end of the line.
	Total  int
	Dash   []float64
	Marker Marker
}

// CumulativeTable is the cumulative chart as data.
type CumulativeTable struct {
	Lines []Line
	// From and To are the first and last day on the time axis.
	From, To time.Time
	// XTicks are the date axis's ticks with their labels; none when
	// nothing has been recorded, so an empty chart names no date.
	XTicks []DateTick
	// YMax is the top of the count axis and YTicks its ticks (from 0).
	YMax   int
	YTicks []int
}

// DateTick is one labelled tick of a date axis.
type DateTick struct {
	Date  time.Time
	Label string
}

// Empty reports whether no line has anything to show.
func (t CumulativeTable) Empty() bool {
	for _, l := range t.Lines {
		if len(l.Steps) > 0 {
			return false
		}
	}
	return true
}

// day drops the time of day, keeping the calendar date as written.
func day(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// CumulativeData turns events per day into running totals, one line per
// series in name order (a map has no order of its own). today is the day
// the chart is drawn: the axis of a chart with nothing on it, or with one
// day only, reaches back from its day and never into the future.
func CumulativeData(series map[string][]Point, today time.Time) CumulativeTable {
	var t CumulativeTable
	names := make([]string, 0, len(series))
	for name := range series {
		names = append(names, name)
	}
	sort.Strings(names)
	maxTotal := 0
	for i, name := range names {
		byDay := map[time.Time]int{}
		for _, pt := range series[name] {
			byDay[day(pt.Date)] += pt.N
		}
		days := make([]time.Time, 0, len(byDay))
		for d := range byDay {
			days = append(days, d)
		}
		sort.Slice(days, func(a, b int) bool { return days[a].Before(days[b]) })
		l := Line{Name: name, Dash: dashes[i%len(dashes)], Marker: Marker(i % 4)}
		run := 0
		for _, d := range days {
			run += byDay[d]
			l.Steps = append(l.Steps, Point{Date: d, N: run})
			if t.From.IsZero() || d.Before(t.From) {
				t.From = d
			}
			if d.After(t.To) {
				t.To = d
			}
		}
		l.Total = run
		maxTotal = max(maxTotal, run)
		t.Lines = append(t.Lines, l)
	}
	if t.From.IsZero() {
		t.From = day(today)
		t.To = t.From
	}
	if !t.To.After(t.From) {
		// One day of data (or none) still needs an axis with some width:
		// widen it into the past, which has happened, not the future.
		t.From = t.From.AddDate(0, 0, -1)
	}
	if !t.Empty() {
		t.XTicks = dateTicks(t.From, t.To)
	}
	step := niceStep(maxTotal)
	t.YMax = max(step, (maxTotal+step-1)/step*step)
	for v := 0; v <= t.YMax; v += step {
		t.YTicks = append(t.YTicks, v)
	}
	return t
}

// dateTicks labels up to five days evenly spread from from to to. A
// span of more than 300 days is labelled by month and year; a shorter one
// by day and month, with the year too when the span crosses a new year,
// so "3 Dec" and "14 Jan" are never read as the same year.
func dateTicks(from, to time.Time) []DateTick {
	days := int(math.Round(to.Sub(from).Hours() / 24))
	n := min(4, days)
	layout := "2 Jan"
	switch {
	case days > 300:
		layout = "Jan 2006"
	case from.Year() != to.Year():
		layout = "2 Jan 2006"
	}
	ticks := make([]DateTick, 0, n+1)
	for k := 0; k <= n; k++ {
		d := from.AddDate(0, 0, int(math.Round(float64(days*k)/float64(max(n, 1)))))
		ticks = append(ticks, DateTick{Date: d, Label: d.Format(layout)})
	}
	return ticks
}

// fitTicks drops every other tick (keeping the first and the last) until
// labels of the given widths fit side by side along width pixels: dates
// with their year are long, and a chart may be drawn small.
func fitTicks(ticks []DateTick, width int, labelWidth func(string) int) []DateTick {
	for len(ticks) > 2 {
		widest := 0
		for _, k := range ticks {
			widest = max(widest, labelWidth(k.Label))
		}
		if widest*(len(ticks)-1) <= width {
			break
		}
		var kept []DateTick
		for i, k := range ticks {
			if i%2 == 0 || i == len(ticks)-1 {
				kept = append(kept, k)
			}
		}
		if len(kept) == len(ticks) {
			break
		}
		ticks = kept
	}
	return ticks
}

// niceStep picks a tick step of 1, 2 or 5 times a power of ten that gives
// about five ticks up to m.
func niceStep(m int) int {
	if m <= 5 {
		return 1
	}
	raw := float64(m) / 5
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, f := range []float64{1, 2, 5, 10} {
		if f*p >= raw {
			return int(f * p)
		}
	}
	return int(10 * p)
}

// Cumulative charts running totals over time, such as pairs made and
// visits done, or projects completed. title says what is counted; each
// line ends with its name and total and has its own dash and marker.
// opts.Today is the day it is drawn (zero: today by the clock).
func Cumulative(title string, series map[string][]Point, opts Options) *Chart {
	opts = opts.normalised()
	today := opts.Today
	if today.IsZero() {
		today = time.Now()
	}
	t := CumulativeData(series, today)
	var parts []string
	for _, l := range t.Lines {
		parts = append(parts, fmt.Sprintf("%s: %s", l.Name, store.Thousands(l.Total)))
	}
	sub := "n = " + strings.Join(parts, ", ")
	if len(parts) == 0 {
		sub = "n = 0"
	}
	switch {
	case len(parts) == 0:
		sub += ": nothing recorded yet"
	case t.Empty():
		sub += " · nothing recorded yet"
	default:
		sub += fmt.Sprintf(" · running totals to %s", t.To.Format("2 Jan 2006"))
	}
	c := &cumulativeLayout{t: t}
	return &Chart{Title: title, Subtitle: withNote(sub, opts.Note), opts: opts, fits: c.fits, draw: c.draw}
}

type cumulativeLayout struct{ t CumulativeTable }

func (c *cumulativeLayout) endLabel(l Line) string {
	return fmt.Sprintf("%s %s", store.Thousands(l.Total), l.Name)
}

func (c *cumulativeLayout) fits(p *painter, body box) bool {
	lh := p.lineHeight(labelPt)
	endW := 0
	for _, l := range c.t.Lines {
		endW = max(endW, p.textWidth(c.endLabel(l), labelPt))
	}
	// The plot needs at least a third of the width and some height.
	return endW < body.w()*2/5 && body.h() > lh*(4+len(c.t.Lines))
}

func (c *cumulativeLayout) draw(p *painter, body box) {
	lh := p.lineHeight(labelPt)
	sh := p.lineHeight(smallPt)
	lw := math.Max(2, p.px(labelPt)*0.2)
	t := c.t

	// Legend: a sample of each line's dash and marker with its name.
	x := body.l
	for i, l := range t.Lines {
		col := p.pal.seriesColour(i)
		mid := body.t + lh/2
		p.polyline([][2]int{{x, mid}, {x + lh*2, mid}}, col, lw, l.Dash)
		p.marker(l.Marker, x+lh, mid, lh/4, col)
		x += lh*2 + lh/3
		p.text(l.Name, x, body.t, labelPt, p.pal.fg)
		x += p.textWidth(l.Name, labelPt) + lh
	}

	yTickW := p.textWidth(store.Thousands(t.YMax), smallPt)
	endW := 0
	for _, l := range t.Lines {
		endW = max(endW, p.textWidth(c.endLabel(l), labelPt))
	}
	// Tick labels keep clear of a marker sitting on the axis.
	tickGap := lh/4 + int(lw*2)
	plot := box{l: body.l + yTickW + tickGap + lh/4, t: body.t + lh*2, r: body.r - endW - lh/2 - int(lw*2), b: body.b - 2*sh - lh/4}
	span := t.To.Sub(t.From).Hours()
	xOf := func(d time.Time) int {
		return plot.l + int(math.Round(d.Sub(t.From).Hours()/span*float64(plot.w())))
	}
	yOf := func(v int) int {
		return plot.b - int(math.Round(float64(v)/float64(t.YMax)*float64(plot.h())))
	}
	for _, v := range t.YTicks {
		y := yOf(v)
		p.line(plot.l, y, plot.r, y, p.pal.grid, 1, nil)
		p.textRight(store.Thousands(v), plot.l-tickGap, y-sh/2, smallPt, p.pal.fg)
	}
	ticks := fitTicks(t.XTicks, plot.w(), func(s string) int { return p.textWidth(s, smallPt) + lh })
	for k, tick := range ticks {
		xx := xOf(tick.Date)
		p.line(xx, plot.b, xx, plot.b+lh/5, p.pal.fg, 1, nil)
		switch k {
		case 0:
			p.text(tick.Label, xx, plot.b+lh/4, smallPt, p.pal.fg)
		case len(ticks) - 1:
			p.textRight(tick.Label, xx, plot.b+lh/4, smallPt, p.pal.fg)
		default:
			p.textCentre(tick.Label, xx, plot.b+lh/4, smallPt, p.pal.fg)
		}
	}
	p.text("Date", plot.l, plot.b+lh/4+sh, smallPt, p.pal.muted)
	p.line(plot.l, plot.t, plot.l, plot.b, p.pal.fg, 1.5, nil)
	p.line(plot.l, plot.b, plot.r, plot.b, p.pal.fg, 1.5, nil)

	// Step lines: a running total changes on the day things happen.
	ends := make([]int, len(t.Lines))
	for i, l := range t.Lines {
		col := p.pal.seriesColour(i)
		pts := [][2]int{{plot.l, yOf(0)}}
		prev := 0
		for _, s := range l.Steps {
			xx := xOf(s.Date)
			pts = append(pts, [2]int{xx, yOf(prev)}, [2]int{xx, yOf(s.N)})
			prev = s.N
		}
		pts = append(pts, [2]int{plot.r, yOf(prev)})
		p.polyline(pts, col, lw, l.Dash)
		every := max(1, len(l.Steps)/30)
		for k, s := range l.Steps {
			if k%every == 0 || k == len(l.Steps)-1 {
				p.marker(l.Marker, xOf(s.Date), yOf(s.N), int(lw*2), col)
			}
		}
		ends[i] = yOf(l.Total)
	}

	// End labels, nudged apart so they never overlap.
	order := make([]int, len(t.Lines))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(a, b int) bool { return ends[order[a]] < ends[order[b]] })
	tops := make([]int, len(order))
	last := plot.t - lh
	for k, i := range order {
		tops[k] = max(ends[i]-lh/2, last+lh)
		last = tops[k]
	}
	if over := last + lh - (plot.b + lh/2); over > 0 {
		for k := range tops {
			tops[k] -= over
		}
	}
	for k, i := range order {
		p.text(c.endLabel(t.Lines[i]), plot.r+lh/2+int(lw*2), tops[k], labelPt, p.pal.fg)
	}
}

// polyline strokes connected segments with a dash pattern given in units
// of the line width.
func (p *painter) polyline(pts [][2]int, c drawing.Color, width float64, dash []float64) {
	if len(pts) < 2 {
		return
	}
	p.r.ResetStyle()
	p.r.SetStrokeColor(c)
	p.r.SetStrokeWidth(width)
	if len(dash) > 0 {
		d := make([]float64, len(dash))
		for i, v := range dash {
			d[i] = v * width
		}
		p.r.SetStrokeDashArray(d)
	}
	p.r.MoveTo(pts[0][0], pts[0][1])
	for _, pt := range pts[1:] {
		p.r.LineTo(pt[0], pt[1])
	}
	p.r.Stroke()
}

// marker draws a filled shape of radius r at (x, y), ringed in the
// background colour so it stands out where lines cross.
func (p *painter) marker(m Marker, x, y, r int, c drawing.Color) {
	p.r.ResetStyle()
	p.r.SetFillColor(c)
	p.r.SetStrokeColor(p.pal.bg)
	p.r.SetStrokeWidth(1)
	switch m {
	case MarkerSquare:
		p.r.MoveTo(x-r, y-r)
		p.r.LineTo(x+r, y-r)
		p.r.LineTo(x+r, y+r)
		p.r.LineTo(x-r, y+r)
		p.r.Close()
	case MarkerTriangle:
		p.r.MoveTo(x, y-r-r/3)
		p.r.LineTo(x+r+r/4, y+r)
		p.r.LineTo(x-r-r/4, y+r)
		p.r.Close()
	case MarkerDiamond:
		p.r.MoveTo(x, y-r-r/3)
		p.r.LineTo(x+r+r/3, y)
		p.r.LineTo(x, y+r+r/3)
		p.r.LineTo(x-r-r/3, y)
		p.r.Close()
	default:
		p.r.Circle(float64(r), x, y)
	}
	p.r.FillStroke()
}
