package charts

import (
	"fmt"
	"math"

	"github.com/liaisonapp/liaison/store"
)

// Count is one bar of a breakdown: how many participants have a role, how
// many reflections carry a theme, how many projects have a status.
type Count struct {
	Label string
	N     int
}

// Bar is one bar as drawn: its figure, or "fewer than K" when the
// small-number rule hides it.
type Bar struct {
	Label string
	// N is the true count. When Suppressed it is never drawn or written.
	N int
	// Suppressed is true when 0 < N < K, or when the bar is withheld so
	// that a smaller one cannot be worked out: it has no length and no figure.
	Suppressed bool
	// Value is the text written beside the bar: the count, or "fewer than K".
	Value string
}

// BarData applies the small-number rule with threshold k to counts, keeping
// their order (the caller's order is meaningful: roles in workflow order,
// localities by name). A zero count is shown as 0: it identifies nobody.
// The chart's subtitle gives the total, so while the hidden bars hold more
// than 0 but fewer than k between them, the smallest bar still shown is
// hidden too (store.ComplementaryLabel, which says why), or the total minus the shown bars would give
// the hidden one away.
func BarData(counts []Count, k int) []Bar {
	bars := make([]Bar, len(counts))
	hidden := 0
	for i, c := range counts {
		b := Bar{Label: c.Label, N: c.N, Value: store.Thousands(c.N)}
		if k > 1 && c.N > 0 && c.N < k {
			b.Suppressed = true
			b.Value = store.SuppressedLabel(k)
			hidden += c.N
		}
		bars[i] = b
	}
	for hidden > 0 && hidden < k {
		next := -1
		for i, b := range bars {
			if !b.Suppressed && b.N > 0 && (next < 0 || b.N < bars[next].N) {
				next = i
			}
		}
		if next < 0 {
			break
		}
		bars[next].Suppressed, bars[next].Value = true, store.ComplementaryLabel
		hidden += bars[next].N
	}
	return bars
}

// total sums the counts. Overall totals are shown whatever their size (the
// feedback issue's rule); only the breakdown is suppressed.
func total(counts []Count) int {
	n := 0
	for _, c := range counts {
		n += c.N
	}
	return n
}

// ParticipantsByRole charts how many participants the round has in each
// role, suppressing roles with fewer than opts.SuppressBelow people.
func ParticipantsByRole(counts []Count, opts Options) *Chart {
	return barChart("Who took part: participants by role",
		fmt.Sprintf("n = %s participants", store.Thousands(total(counts))), counts, opts)
}

// ParticipantsByLocality charts how many participants come from each
// locality or primary care network, with small numbers suppressed.
func ParticipantsByLocality(counts []Count, opts Options) *Chart {
	return barChart("Where they work: participants by locality",
		fmt.Sprintf("n = %s participants", store.Thousands(total(counts))), counts, opts)
}

// Themes charts how many reflections carry each theme. A reflection may
// carry several themes, so the bars can add up to more than reflections,
// the number of reflections read, which the subtitle states as n.
func Themes(counts []Count, reflections int, opts Options) *Chart {
	return barChart("What the reflections talk about: reflections per theme",
		fmt.Sprintf("n = %s reflections; one reflection can carry several themes", store.Thousands(reflections)), counts, opts)
}

// ProjectsByStatus charts how many improvement projects are at each status.
func ProjectsByStatus(counts []Count, opts Options) *Chart {
	return barChart("Improvement projects by status",
		fmt.Sprintf("n = %s projects", store.Thousands(total(counts))), counts, opts)
}

// Bars charts counts under the caller's title and subtitle (which should
// give n), with the small-number rule at opts.SuppressBelow, for a
// breakdown the other charts do not name, such as participants per scheme
// in a regional roll-up.
func Bars(title, subtitle string, counts []Count, opts Options) *Chart {
	return barChart(title, subtitle, counts, opts)
}

func withNote(subtitle, note string) string {
	if note == "" {
		return subtitle
	}
	return subtitle + " · " + note
}

// barChart draws counts as horizontal bars, labels on the left (wrapped),
// the figure written at the end of each bar.
func barChart(title, subtitle string, counts []Count, opts Options) *Chart {
	opts = opts.normalised()
	bars := BarData(counts, opts.SuppressBelow)
	l := &barLayout{bars: bars}
	return &Chart{Title: title, Subtitle: withNote(subtitle, opts.Note), opts: opts, fits: l.fits, draw: l.draw}
}

type barLayout struct{ bars []Bar }

// labelWidth is the width of the label column: the widest label, at most
// 35% of the body.
func (l *barLayout) labelWidth(p *painter, body box) int {
	w := 0
	for _, b := range l.bars {
		w = max(w, p.textWidth(b.Label, labelPt))
	}
	return min(w, body.w()*35/100)
}

// rowHeights gives each bar's row its height: enough for its wrapped label
// and a bar, with the rows sharing out spare space up to a comfortable pitch.
func (l *barLayout) rowHeights(p *painter, body box) ([][]string, []int) {
	lw := l.labelWidth(p, body)
	lh := p.lineHeight(labelPt)
	pitch := lh * 2
	if n := len(l.bars); n > 0 {
		pitch = max(pitch, min(body.h()/n, lh*4))
	}
	lines := make([][]string, len(l.bars))
	hs := make([]int, len(l.bars))
	for i, b := range l.bars {
		lines[i] = p.wrap(b.Label, labelPt, lw)
		hs[i] = max(pitch, len(lines[i])*lh+lh/2)
	}
	return lines, hs
}

func (l *barLayout) fits(p *painter, body box) bool {
	_, hs := l.rowHeights(p, body)
	sum := 0
	for _, h := range hs {
		sum += h
	}
	return sum <= body.h()
}

func (l *barLayout) draw(p *painter, body box) {
	if len(l.bars) == 0 {
		p.text("No data yet.", body.l, body.t, labelPt, p.pal.fg)
		return
	}
	lines, hs := l.rowHeights(p, body)
	lw := l.labelWidth(p, body)
	lh := p.lineHeight(labelPt)
	gap := lh / 2
	x0 := body.l + lw + gap
	valueW := 0
	maxN := 0
	for _, b := range l.bars {
		valueW = max(valueW, p.textWidth(b.Value, labelPt))
		if !b.Suppressed {
			maxN = max(maxN, b.N)
		}
	}
	plotW := body.r - x0 - valueW - gap
	y := body.t
	for i, b := range l.bars {
		if y+hs[i] > body.b {
			p.text(fmt.Sprintf("… and %d more not shown: enlarge the chart", len(l.bars)-i), body.l, min(y, body.b-lh), smallPt, p.pal.fg)
			break
		}
		mid := y + hs[i]/2
		ty := mid - len(lines[i])*lh/2
		for _, s := range lines[i] {
			p.textRight(s, body.l+lw, ty, labelPt, p.pal.fg)
			ty += lh
		}
		thick := int(math.Min(float64(hs[i])*0.7, float64(lh)*2.2))
		end := x0
		if !b.Suppressed && maxN > 0 {
			end = x0 + int(math.Round(float64(b.N)/float64(maxN)*float64(plotW)))
			p.rect(x0, mid-thick/2, end, mid+thick/2, p.pal.bar)
		}
		p.text(b.Value, end+gap/2, mid-lh/2, labelPt, p.pal.fg)
		y += hs[i]
	}
	p.line(x0, body.t, x0, y, p.pal.fg, 1.5, nil)
}
