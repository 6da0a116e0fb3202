package charts

import (
	"fmt"
	"math"

	"github.com/liaisonapp/liaison/store"
)

// Segment is one score's part of a diverging bar. Start and End are
// offsets from the centre line (between scores 3 and 4) as shares of the
// question's n: negative to the left (scores 1–3), positive to the right
// (scores 4–6). A score nobody gave has Start == End and is not drawn, and
// its colour still belongs to its score, not to its position.
type Segment struct {
	Score      int
	Count      int
	Share      float64
	Start, End float64
}

// DivergingRow is one question's diverging bar.
type DivergingRow struct {
	Text string
	N    int
	// Segments holds scores 1..6 in order; Segments[i].Score == i+1.
	Segments [6]Segment
	// Low and High are the shares that scored 1–3 and 4–6.
	Low, High float64
	// Withheld is written in place of the bar of a question too few
	// answered (see QuestionScores.Withheld); N and every share are 0.
	Withheld string
}

// DivergingLayout lays out each question's bar: scores 3, 2, 1 stacked
// leftwards from the centre, 4, 5, 6 rightwards. A question nobody answered
// gets zero-width segments.
func DivergingLayout(qs []QuestionScores) []DivergingRow {
	rows := make([]DivergingRow, len(qs))
	for i, q := range qs {
		r := DivergingRow{Text: q.Text, N: q.N(), Withheld: q.Withheld}
		if q.Withheld != "" {
			q.Counts, r.N = [6]int{}, 0
		}
		for s := range r.Segments {
			r.Segments[s] = Segment{Score: s + 1, Count: q.Counts[s]}
			if r.N > 0 {
				r.Segments[s].Share = float64(q.Counts[s]) / float64(r.N)
			}
		}
		edge := 0.0
		for s := 2; s >= 0; s-- {
			r.Segments[s].End = edge
			edge -= r.Segments[s].Share
			r.Segments[s].Start = edge
		}
		r.Low = -edge
		edge = 0
		for s := 3; s < 6; s++ {
			r.Segments[s].Start = edge
			edge += r.Segments[s].Share
			r.Segments[s].End = edge
		}
		r.High = edge
		rows[i] = r
	}
	return rows
}

// divergingExtent is how far the axis reaches on each side of the centre:
// the largest share on either side, rounded up to the next quarter, so both
// sides use the same scale and no bar is cut off.
func divergingExtent(rows []DivergingRow) float64 {
	m := 0.0
	for _, r := range rows {
		m = math.Max(m, math.Max(r.Low, r.High))
	}
	e := math.Ceil(m*4-1e-9) / 4
	return math.Max(e, 0.25)
}

// Diverging charts the full distribution of scores of each question as a
// diverging stacked bar centred between 3 and 4, the percentage written on
// each segment wide enough to hold it, with a legend of score numbers.
func Diverging(qs []QuestionScores, opts Options) *Chart {
	opts = opts.normalised()
	l := &divergingLayout{rows: DivergingLayout(qs)}
	return &Chart{
		Title:    "Feedback: how each question was scored",
		Subtitle: withNote(responsesRange(qs)+" · share of responses per score; 1–3 left of centre, 4–6 right", opts.Note),
		opts:     opts, fits: l.fits, draw: l.draw,
	}
}

type divergingLayout struct{ rows []DivergingRow }

func (l *divergingLayout) rowText(r DivergingRow) string {
	if r.Withheld != "" {
		return r.Text
	}
	return fmt.Sprintf("%s (n = %s)", r.Text, store.Thousands(r.N))
}

// heights gives each row its wrapped question text and height, plus the
// legend's and axis's heights.
func (l *divergingLayout) heights(p *painter, body box) (lines [][]string, hs []int, legendH, axisH int) {
	lh := p.lineHeight(labelPt)
	legendH = lh * 2
	axisH = 2*p.lineHeight(smallPt) + lh/2
	lines = make([][]string, len(l.rows))
	hs = make([]int, len(l.rows))
	for i, r := range l.rows {
		lines[i] = p.wrap(l.rowText(r), labelPt, body.w())
		hs[i] = len(lines[i])*lh + l.barThick(p) + lh*3/4
	}
	return
}

func (l *divergingLayout) barThick(p *painter) int { return p.lineHeight(labelPt) * 3 / 2 }

func (l *divergingLayout) fits(p *painter, body box) bool {
	_, hs, legendH, axisH := l.heights(p, body)
	sum := legendH + axisH
	for _, h := range hs {
		sum += h
	}
	return sum <= body.h()
}

func (l *divergingLayout) draw(p *painter, body box) {
	lines, hs, legendH, axisH := l.heights(p, body)
	lh := p.lineHeight(labelPt)
	l.legend(p, body.l, body.t)

	// Spread spare height between the rows, up to a comfortable amount.
	used := legendH + axisH
	for _, h := range hs {
		used += h
	}
	extra := 0
	if len(hs) > 0 && used < body.h() {
		extra = min((body.h()-used)/len(hs), lh*2)
	}

	centre := (body.l + body.r) / 2
	half := float64(body.w()/2 - 2)
	ext := divergingExtent(l.rows)
	xOf := func(off float64) int { return centre + int(math.Round(off/ext*half)) }

	top := body.t + legendH
	y := top
	thick := l.barThick(p)
	for i, r := range l.rows {
		if y+hs[i] > body.b-axisH {
			break
		}
		y += extra / 2
		for _, s := range lines[i] {
			p.text(s, body.l, y, labelPt, p.pal.fg)
			y += lh
		}
		y += lh / 8
		if r.N == 0 {
			text := "no responses"
			if r.Withheld != "" {
				text = r.Withheld
			}
			p.textCentre(text, centre, y+(thick-lh)/2, labelPt, p.pal.fg)
		}
		for _, s := range r.Segments {
			if s.Count == 0 {
				continue
			}
			x0, x1 := xOf(s.Start), xOf(s.End)
			fill := p.pal.scores[s.Score-1]
			p.rect(x0, y, x1, y+thick, fill)
			p.outline(x0, y, x1, y+thick, p.pal.edge, p.edgeWidth())
			label := fmt.Sprintf("%.0f%%", s.Share*100)
			tw := p.textWidth(label, labelPt)
			if tw+lh/2 > x1-x0 {
				continue // too narrow to hold its figure; the legend and order still say which score it is
			}
			tx, ty := (x0+x1)/2-tw/2, y+(thick-lh)/2
			col, chip := p.pal.labelOn(fill)
			if chip {
				p.rect(tx-lh/6, ty, tx+tw+lh/6, ty+lh, p.pal.bg)
			}
			p.text(label, tx, ty, labelPt, col)
		}
		// The centre line, drawn per bar so it never crosses question text.
		p.line(centre, y-lh/4, centre, y+thick+lh/4, p.pal.fg, 2, nil)
		y += thick + lh*5/8 + extra - extra/2
	}

	// Centre line and percentage axis.
	bottom := y
	p.line(xOf(-ext), bottom, xOf(ext), bottom, p.pal.fg, 1, nil)
	for t := -ext; t <= ext+1e-9; t += 0.25 {
		x := xOf(t)
		p.line(x, bottom, x, bottom+lh/4, p.pal.fg, 1, nil)
		lbl := fmt.Sprintf("%.0f%%", math.Abs(t)*100)
		switch {
		case x-p.textWidth(lbl, smallPt)/2 < body.l:
			p.text(lbl, body.l, bottom+lh/4, smallPt, p.pal.fg)
		case x+p.textWidth(lbl, smallPt)/2 > body.r:
			p.textRight(lbl, body.r, bottom+lh/4, smallPt, p.pal.fg)
		default:
			p.textCentre(lbl, x, bottom+lh/4, smallPt, p.pal.fg)
		}
	}
	capY := bottom + lh/4 + p.lineHeight(smallPt)
	gap := lh / 2
	p.textRight("scores 1–3 (less likely)", centre-gap, capY, smallPt, p.pal.muted)
	p.text("scores 4–6 (more likely)", centre+gap, capY, smallPt, p.pal.muted)
}

// legend draws "Score: ■ 1 ■ 2 ■ 3 | ■ 4 ■ 5 ■ 6" with each number beside
// its colour, so no score is told by colour alone.
func (l *divergingLayout) legend(p *painter, x, y int) {
	lh := p.lineHeight(labelPt)
	sw := lh * 4 / 5
	p.text("Score:", x, y, labelPt, p.pal.fg)
	x += p.textWidth("Score:", labelPt) + lh/2
	for s := 1; s <= 6; s++ {
		if s == 4 {
			x += lh / 2
		}
		top := y + (lh-sw)/2
		p.rect(x, top, x+sw, top+sw, p.pal.scores[s-1])
		p.outline(x, top, x+sw, top+sw, p.pal.edge, p.edgeWidth())
		x += sw + lh/5
		num := fmt.Sprint(s)
		p.text(num, x, y, labelPt, p.pal.fg)
		x += p.textWidth(num, labelPt) + lh*3/5
	}
	p.text("(1 = least likely, 6 = most likely)", x+lh/2, y, labelPt, p.pal.muted)
}
