package charts

import (
	"fmt"
	"math"

	"github.com/liaisonapp/liaison/store"
)

// QuestionScores is one survey question with how many responses gave each
// score. Counts[0] is the number of 1s, Counts[5] the number of 6s.
type QuestionScores struct {
	Text   string
	Counts [6]int
	// Withheld, when set, is written in place of the question's figures
	// ("fewer than 5"): too few answered it for its figures to be shown
	// anywhere they can leave the laptop or be projected. Counts are then
	// zero, so nothing of them can reach the image.
	Withheld string
}

// Add counts one response's score; it reports false, counting nothing, for
// a score outside 1..6 (an unanswered question is not a score).
func (q *QuestionScores) Add(score int) bool {
	if score < 1 || score > 6 {
		return false
	}
	q.Counts[score-1]++
	return true
}

// N is the number of responses that answered the question.
func (q QuestionScores) N() int {
	n := 0
	for _, c := range q.Counts {
		n += c
	}
	return n
}

// Mean is the weighted average of the scores of those who answered, the
// survey's published figure; NaN when nobody answered.
func (q QuestionScores) Mean() float64 {
	n, sum := 0, 0
	for i, c := range q.Counts {
		n += c
		sum += (i + 1) * c
	}
	if n == 0 {
		return math.NaN()
	}
	return float64(sum) / float64(n)
}

// The fixed scale of the survey. Axes always span it, whatever the data:
// an auto-scaled axis makes a mean of 3.85 among 4s and 5s look like zero.
const (
	ScoreMin = 1
	ScoreMax = 6
)

// MeanRow is one question of the means chart.
type MeanRow struct {
	Text string
	N    int
	Mean float64 // NaN when N is 0
	// Label is written at the end of the bar: "4.59 (n = 71)", or
	// "no responses".
	Label string
}

// MeansTable is the means chart as data: the fixed axis and one row per question.
type MeansTable struct {
	AxisMin, AxisMax float64
	Ticks            []float64
	Rows             []MeanRow
}

// MeansData computes each question's weighted mean for the means chart.
func MeansData(qs []QuestionScores) MeansTable {
	t := MeansTable{AxisMin: ScoreMin, AxisMax: ScoreMax}
	for v := ScoreMin; v <= ScoreMax; v++ {
		t.Ticks = append(t.Ticks, float64(v))
	}
	for _, q := range qs {
		r := MeanRow{Text: q.Text, N: q.N(), Mean: q.Mean()}
		if q.Withheld != "" {
			r.N, r.Mean, r.Label = 0, math.NaN(), q.Withheld
		} else if r.N == 0 {
			r.Label = "no responses"
		} else {
			r.Label = fmt.Sprintf("%.2f (n = %s)", r.Mean, store.Thousands(r.N))
		}
		t.Rows = append(t.Rows, r)
	}
	return t
}

// responsesRange describes the smallest and largest n over the questions,
// for subtitles: "n = 71 responses" or "n = 65–71 responses per question".
// Withheld questions are left out: their n is not shown either.
func responsesRange(qs []QuestionScores) string {
	var shown []QuestionScores
	for _, q := range qs {
		if q.Withheld == "" {
			shown = append(shown, q)
		}
	}
	if len(shown) == 0 {
		if len(qs) > 0 {
			return qs[0].Withheld + " responses per question"
		}
		return "n = 0 responses"
	}
	lo, hi := shown[0].N(), shown[0].N()
	for _, q := range shown[1:] {
		lo, hi = min(lo, q.N()), max(hi, q.N())
	}
	if lo == hi {
		return fmt.Sprintf("n = %s responses", store.Thousands(lo))
	}
	return fmt.Sprintf("n = %s–%s responses per question", store.Thousands(lo), store.Thousands(hi))
}

// Means charts the weighted mean score of each question as a horizontal
// bar on a fixed 1–6 axis, the mean (2 dp) and n written at its end.
func Means(qs []QuestionScores, opts Options) *Chart {
	opts = opts.normalised()
	l := &meansLayout{t: MeansData(qs)}
	return &Chart{
		Title:    "Feedback: weighted mean score per question",
		Subtitle: withNote(responsesRange(qs)+" · scale 1 (least likely) to 6 (most likely)", opts.Note),
		opts:     opts, fits: l.fits, draw: l.draw,
	}
}

type meansLayout struct{ t MeansTable }

// columns splits the body into the question-text column and the plot,
// leaving room on the right for the longest label past a bar at 6.
func (l *meansLayout) columns(p *painter, body box) (textW, x1, x6 int) {
	gap := p.lineHeight(labelPt) / 2
	textW = body.w() * 38 / 100
	labelW := 0
	for _, r := range l.t.Rows {
		labelW = max(labelW, p.textWidth(r.Label, labelPt))
	}
	x1 = body.l + textW + gap
	x6 = body.r - labelW - gap
	return
}

func (l *meansLayout) rows(p *painter, body box) ([][]string, []int, int) {
	textW, _, _ := l.columns(p, body)
	lh := p.lineHeight(labelPt)
	axisH := 2*p.lineHeight(smallPt) + lh/2
	lines := make([][]string, len(l.t.Rows))
	hs := make([]int, len(l.t.Rows))
	pitch := lh * 2
	if n := len(l.t.Rows); n > 0 {
		pitch = max(pitch, min((body.h()-axisH)/n, lh*5))
	}
	for i, r := range l.t.Rows {
		lines[i] = p.wrap(r.Text, labelPt, textW)
		hs[i] = max(pitch, len(lines[i])*lh+lh/2)
	}
	return lines, hs, axisH
}

func (l *meansLayout) fits(p *painter, body box) bool {
	_, hs, axisH := l.rows(p, body)
	sum := axisH
	for _, h := range hs {
		sum += h
	}
	return sum <= body.h()
}

func (l *meansLayout) draw(p *painter, body box) {
	lines, hs, axisH := l.rows(p, body)
	_, x1, x6 := l.columns(p, body)
	lh := p.lineHeight(labelPt)
	xOf := func(v float64) int {
		return x1 + int(math.Round((v-l.t.AxisMin)/(l.t.AxisMax-l.t.AxisMin)*float64(x6-x1)))
	}
	plotH := 0
	for _, h := range hs {
		plotH += h
	}
	plotH = min(plotH, body.h()-axisH)
	bottom := body.t + plotH
	for _, v := range l.t.Ticks {
		x := xOf(v)
		p.line(x, body.t, x, bottom, p.pal.grid, 1, nil)
		p.textCentre(fmt.Sprint(v), x, bottom+lh/4, smallPt, p.pal.fg)
	}
	p.textCentre("Mean score: 1 = least likely, 6 = most likely", (x1+x6)/2, bottom+lh/4+p.lineHeight(smallPt), smallPt, p.pal.muted)
	y := body.t
	for i, r := range l.t.Rows {
		if y+hs[i] > bottom {
			break
		}
		mid := y + hs[i]/2
		ty := mid - len(lines[i])*lh/2
		for _, s := range lines[i] {
			p.text(s, body.l, ty, labelPt, p.pal.fg)
			ty += lh
		}
		end := x1
		if r.N > 0 {
			thick := int(math.Min(float64(hs[i])*0.6, float64(lh)*2))
			end = xOf(r.Mean)
			p.rect(x1, mid-thick/2, end, mid+thick/2, p.pal.bar)
		}
		p.text(r.Label, end+lh/4, mid-lh/2, labelPt, p.pal.fg)
		y += hs[i]
	}
	p.line(x1, body.t, x1, bottom, p.pal.fg, 1.5, nil)
	p.line(x1, bottom, x6, bottom, p.pal.fg, 1.5, nil)
}
