package charts

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"image/color"
	"io"
	"math"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/liaisonapp/liaison/store"
)

func TestBarDataSuppression(t *testing.T) {
	const k = 5
	tests := []struct {
		name           string
		n, k           int
		wantSuppressed bool
		wantValue      string
	}{
		{"K-1", k - 1, k, true, "fewer than 5"},
		{"K", k, k, false, "5"},
		{"K+1", k + 1, k, false, "6"},
		{"one", 1, k, true, "fewer than 5"},
		{"zero identifies nobody", 0, k, false, "0"},
		{"K=0 turns it off", 1, 0, false, "1"},
		{"thousands", 12345, k, false, "12,345"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bars := BarData([]Count{{Label: "GP", N: tt.n}}, tt.k)
			if got, want := len(bars), 1; got != want {
				t.Fatalf("len = %d, want %d", got, want)
			}
			if got, want := bars[0].Suppressed, tt.wantSuppressed; got != want {
				t.Fatalf("Suppressed = %v, want %v", got, want)
			}
			if got, want := bars[0].Value, tt.wantValue; got != want {
				t.Fatalf("Value = %q, want %q", got, want)
			}
		})
	}
}

// A suppressed figure must not reach the image in any form.
func TestSuppressedFigureNotInSVG(t *testing.T) {
	// Totton and Romsey hold 5 between them, so the total minus
	// Winchester's 12 gives away no locality of fewer than 5.
	c := ParticipantsByLocality([]Count{{"Romsey", 2}, {"Totton", 3}, {"Winchester", 12}}, Options{SuppressBelow: 5})
	svg := renderSVG(t, c)
	if !strings.Contains(svg, ">fewer than 5<") {
		t.Fatal(`SVG lacks "fewer than 5"`)
	}
	if strings.Contains(svg, ">3<") {
		t.Fatal("SVG writes the suppressed figure 3")
	}
	if !strings.Contains(svg, ">12<") {
		t.Fatal("SVG lacks the figure 12")
	}
}

// The total is in the subtitle, so one hidden bar needs the smallest shown
// bar hidden too, until the hidden bars hold K between them.
func TestBarDataComplementary(t *testing.T) {
	values := func(bars []Bar) string {
		var out []string
		for _, b := range bars {
			out = append(out, b.Label+"="+b.Value)
		}
		return strings.Join(out, " ")
	}
	for _, c := range []struct {
		name   string
		counts []Count
		want   string
	}{
		{"OneSmall", []Count{{"GP", 30}, {"Consultant", 29}, {"Manager", 2}},
			"GP=30 Consultant=" + store.ComplementaryLabel + " Manager=fewer than 5"},
		{"SmallOnesMakeK", []Count{{"GP", 30}, {"Nurse", 3}, {"Manager", 2}},
			"GP=30 Nurse=fewer than 5 Manager=fewer than 5"},
		{"ZeroIsNoSecret", []Count{{"GP", 30}, {"Consultant", 29}, {"Manager", 0}},
			"GP=30 Consultant=29 Manager=0"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := values(BarData(c.counts, 5)); got != c.want {
				t.Fatalf("bars\n got %s\nwant %s", got, c.want)
			}
		})
	}
}

func TestMeansData(t *testing.T) {
	tests := []struct {
		name      string
		counts    [6]int
		wantN     int
		wantMean  float64 // NaN for none
		wantLabel string
	}{
		// 373 / 71 = 5.2535…, the published "support a forum" figure.
		{"published", [6]int{0, 1, 3, 8, 24, 35}, 71, 373.0 / 71, "5.25 (n = 71)"},
		{"all the same score", [6]int{0, 0, 0, 9, 0, 0}, 9, 4, "4.00 (n = 9)"},
		{"ends only", [6]int{1, 0, 0, 0, 0, 1}, 2, 3.5, "3.50 (n = 2)"},
		{"nobody answered", [6]int{}, 0, math.NaN(), "no responses"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := MeansData([]QuestionScores{{Text: "Q", Counts: tt.counts}})
			if m.AxisMin != 1 || m.AxisMax != 6 {
				t.Fatalf("axis = %v..%v, want the fixed 1..6", m.AxisMin, m.AxisMax)
			}
			if got, want := len(m.Ticks), 6; got != want {
				t.Fatalf("ticks = %v, want 1..6", m.Ticks)
			}
			for i, v := range m.Ticks {
				if got, want := v, float64(i+1); got != want {
					t.Fatalf("tick %d = %v, want %v", i, got, want)
				}
			}
			r := m.Rows[0]
			if got, want := r.N, tt.wantN; got != want {
				t.Fatalf("N = %d, want %d", got, want)
			}
			if math.IsNaN(tt.wantMean) != math.IsNaN(r.Mean) || !math.IsNaN(r.Mean) && math.Abs(r.Mean-tt.wantMean) > 1e-12 {
				t.Fatalf("Mean = %v, want %v", r.Mean, tt.wantMean)
			}
			if got, want := r.Label, tt.wantLabel; got != want {
				t.Fatalf("Label = %q, want %q", got, want)
			}
		})
	}
}

func TestQuestionScoresAdd(t *testing.T) {
	var q QuestionScores
	for _, s := range []int{0, 1, 6, 7, -1, 6} {
		q.Add(s)
	}
	if got, want := q.Counts, [6]int{1, 0, 0, 0, 0, 2}; got != want {
		t.Fatalf("Counts = %v, want %v", got, want)
	}
}

func TestDivergingLayout(t *testing.T) {
	type seg struct{ start, end float64 }
	tests := []struct {
		name      string
		counts    [6]int
		want      [6]seg
		low, high float64
	}{
		{"even", [6]int{1, 1, 1, 1, 1, 1},
			[6]seg{{-3.0 / 6, -2.0 / 6}, {-2.0 / 6, -1.0 / 6}, {-1.0 / 6, 0}, {0, 1.0 / 6}, {1.0 / 6, 2.0 / 6}, {2.0 / 6, 3.0 / 6}}, 0.5, 0.5},
		{"no 3s, 4s or 5s", [6]int{0, 2, 0, 0, 0, 2},
			[6]seg{{-0.5, -0.5}, {-0.5, 0}, {0, 0}, {0, 0}, {0, 0}, {0, 0.5}}, 0.5, 0.5},
		{"all high", [6]int{0, 0, 0, 1, 1, 2},
			[6]seg{{0, 0}, {0, 0}, {0, 0}, {0, 0.25}, {0.25, 0.5}, {0.5, 1}}, 0, 1},
		{"all 1s", [6]int{4, 0, 0, 0, 0, 0},
			[6]seg{{-1, 0}, {0, 0}, {0, 0}, {0, 0}, {0, 0}, {0, 0}}, 1, 0},
		{"nobody answered", [6]int{},
			[6]seg{}, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := DivergingLayout([]QuestionScores{{Text: "Q", Counts: tt.counts}})[0]
			for i, s := range r.Segments {
				if got, want := s.Score, i+1; got != want {
					t.Fatalf("segment %d score = %d, want %d", i, got, want)
				}
				if got, want := s.Count, tt.counts[i]; got != want {
					t.Fatalf("score %d count = %d, want %d", i+1, got, want)
				}
				if math.Abs(s.Start-tt.want[i].start) > 1e-12 || math.Abs(s.End-tt.want[i].end) > 1e-12 {
					t.Fatalf("score %d = [%v, %v], want [%v, %v]", i+1, s.Start, s.End, tt.want[i].start, tt.want[i].end)
				}
			}
			if math.Abs(r.Low-tt.low) > 1e-12 || math.Abs(r.High-tt.high) > 1e-12 {
				t.Fatalf("low, high = %v, %v, want %v, %v", r.Low, r.High, tt.low, tt.high)
			}
		})
	}
}

func TestDivergingExtent(t *testing.T) {
	tests := []struct {
		counts [6]int
		want   float64
	}{
		{[6]int{0, 0, 0, 1, 1, 2}, 1},
		{[6]int{1, 1, 1, 1, 1, 1}, 0.5},
		{[6]int{1, 0, 0, 0, 0, 3}, 0.75},
		{[6]int{}, 0.25},
	}
	for _, tt := range tests {
		rows := DivergingLayout([]QuestionScores{{Counts: tt.counts}})
		if got := divergingExtent(rows); got != tt.want {
			t.Fatalf("extent of %v = %v, want %v", tt.counts, got, tt.want)
		}
	}
}

func TestCumulativeData(t *testing.T) {
	d := func(s string) time.Time {
		v, err := time.Parse("2006-01-02 15:04", s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	tab := CumulativeData(map[string][]Point{
		"Visits done": {{d("2025-02-10 09:00"), 2}, {d("2025-01-27 10:00"), 1}, {d("2025-02-10 16:30"), 3}},
		"Pairs made":  {{d("2025-01-06 12:00"), 20}, {d("2025-01-13 12:00"), 5}},
	}, d("2025-06-01 12:00"))
	if got, want := len(tab.Lines), 2; got != want {
		t.Fatalf("lines = %d, want %d", got, want)
	}
	if got, want := tab.Lines[0].Name, "Pairs made"; got != want {
		t.Fatalf("first line = %q, want %q (name order)", got, want)
	}
	visits := tab.Lines[1]
	wantSteps := []Point{{d("2025-01-27 00:00"), 1}, {d("2025-02-10 00:00"), 6}}
	if got, want := len(visits.Steps), len(wantSteps); got != want {
		t.Fatalf("steps = %v, want %v", visits.Steps, wantSteps)
	}
	for i, s := range visits.Steps {
		if !s.Date.Equal(wantSteps[i].Date) || s.N != wantSteps[i].N {
			t.Fatalf("step %d = %v %d, want %v %d", i, s.Date, s.N, wantSteps[i].Date, wantSteps[i].N)
		}
	}
	if got, want := visits.Total, 6; got != want {
		t.Fatalf("total = %d, want %d", got, want)
	}
	if got, want := tab.Lines[0].Total, 25; got != want {
		t.Fatalf("pairs total = %d, want %d", got, want)
	}
	if got, want := tab.From, d("2025-01-06 00:00"); !got.Equal(want) {
		t.Fatalf("From = %v, want %v", got, want)
	}
	if got, want := tab.To, d("2025-02-10 00:00"); !got.Equal(want) {
		t.Fatalf("To = %v, want %v", got, want)
	}
	if got, want := tab.YMax, 25; got != want {
		t.Fatalf("YMax = %d, want %d", got, want)
	}
	if got, want := tab.YTicks[1], 5; got != want {
		t.Fatalf("tick step = %d, want %d", got, want)
	}
	if l0, l1 := tab.Lines[0], tab.Lines[1]; l0.Marker == l1.Marker || len(l0.Dash) == len(l1.Dash) {
		t.Fatalf("lines share a marker or dash: %v %v / %v %v", l0.Marker, l0.Dash, l1.Marker, l1.Dash)
	}
}

func TestNiceStep(t *testing.T) {
	for _, tt := range []struct{ max, want int }{{0, 1}, {5, 1}, {6, 2}, {25, 5}, {112, 50}, {1000, 200}, {100000, 20000}} {
		if got := niceStep(tt.max); got != tt.want {
			t.Fatalf("niceStep(%d) = %d, want %d", tt.max, got, tt.want)
		}
	}
}

func TestCheckInData(t *testing.T) {
	tests := []struct {
		name              string
		in, accepted      int
		wantLabel         string
		wantWaiting       int
		wantShareHundreds int
	}{
		{"some", 42, 60, "42 of 60 accepted attendees checked in (70%)", 18, 70},
		{"walk-ins", 65, 60, "65 of 60 accepted attendees checked in (108%)", 0, 108},
		{"nobody accepted", 0, 0, "0 checked in; nobody has accepted yet", 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := CheckInData(tt.in, tt.accepted)
			if got, want := c.Label, tt.wantLabel; got != want {
				t.Fatalf("Label = %q, want %q", got, want)
			}
			if got, want := c.Waiting, tt.wantWaiting; got != want {
				t.Fatalf("Waiting = %d, want %d", got, want)
			}
			if got, want := int(math.Round(c.Share*100)), tt.wantShareHundreds; got != want {
				t.Fatalf("Share = %v, want %d%%", c.Share, want)
			}
		})
	}
}

func TestContrastRatio(t *testing.T) {
	tests := []struct {
		name string
		a, b color.Color
		want float64
	}{
		{"black on white", color.Black, color.White, 21},
		{"same colour", color.RGBA{0x77, 0x77, 0x77, 0xff}, color.RGBA{0x77, 0x77, 0x77, 0xff}, 1},
		{"#777 on white, the usual just-fails example", color.RGBA{0x77, 0x77, 0x77, 0xff}, color.White, 4.478},
		{"order does not matter", color.White, color.RGBA{0x77, 0x77, 0x77, 0xff}, 4.478},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ContrastRatio(tt.a, tt.b); math.Abs(got-tt.want) > 0.005 {
				t.Fatalf("ContrastRatio = %.3f, want %.3f", got, tt.want)
			}
		})
	}
}

// Every text the charts write, on whatever is behind it, reaches the
// theme's contrast; lines and bars reach WCAG's 3:1 for graphics.
func TestThemeContrast(t *testing.T) {
	for _, th := range []Theme{Light, HighContrast} {
		t.Run(th.String(), func(t *testing.T) {
			p := paletteFor(th)
			min := th.MinTextContrast()
			for name, c := range map[string]color.Color{"text": p.fg, "secondary text": p.muted} {
				if got := ContrastRatio(c, p.bg); got < min {
					t.Fatalf("%s on background = %.2f, want ≥ %v", name, got, min)
				}
			}
			for i, fill := range p.scores {
				text, chip := p.labelOn(fill)
				behind := fill
				if chip {
					behind = p.bg
				}
				if got := ContrastRatio(text, behind); got < min {
					t.Fatalf("label on score %d = %.2f, want ≥ %v", i+1, got, min)
				}
				if got, want := colorHex(fill), colorHex(ScoreColours[i]); got != want {
					t.Fatalf("score %d colour = %s, ScoreColours says %s", i+1, got, want)
				}
			}
			// A segment is told from its neighbour by its edge, and from
			// the background by its fill or its edge.
			for i, fill := range p.scores {
				if got := ContrastRatio(p.edge, fill); got < 3 {
					t.Fatalf("edge on score %d = %.2f, want ≥ 3", i+1, got)
				}
				if f, e := ContrastRatio(fill, p.bg), ContrastRatio(p.edge, p.bg); f < 3 && e < 3 {
					t.Fatalf("score %d on background = %.2f and its edge %.2f, want one ≥ 3", i+1, f, e)
				}
			}
			if got := ContrastRatio(p.bar, p.bg); got < 3 {
				t.Fatalf("bar on background = %.2f, want ≥ 3", got)
			}
			for i, c := range p.series {
				if got := ContrastRatio(c, p.bg); got < 3 {
					t.Fatalf("series %d on background = %.2f, want ≥ 3", i, got)
				}
			}
		})
	}
}

// colorHex writes a colour as RRGGBB for comparisons in tests.
func colorHex(c color.Color) string {
	r, g, b, _ := c.RGBA()
	return strings.ToUpper(string([]byte{hexDigit(r >> 12), hexDigit(r >> 8 & 15), hexDigit(g >> 12), hexDigit(g >> 8 & 15), hexDigit(b >> 12), hexDigit(b >> 8 & 15)}))
}

func hexDigit(v uint32) byte { return "0123456789abcdef"[v&15] }

func TestWrapFits(t *testing.T) {
	p := newMeasurePainter(Options{})
	text := "Will you consider new ways of working as a result of better relationships with colleagues across the primary–secondary care interface? Supercalifragilisticexpialidociousnesses"
	for _, width := range []int{80, 200, 500} {
		lines := p.wrap(text, labelPt, width)
		if len(lines) < 2 {
			t.Fatalf("width %d: %d line(s), want wrapping", width, len(lines))
		}
		for _, l := range lines {
			if w := p.textWidth(l, labelPt); w > width {
				t.Fatalf("width %d: line %q is %d px", width, l, w)
			}
		}
		if got, want := strings.Join(strings.Fields(strings.Join(lines, "")), ""), strings.Join(strings.Fields(text), ""); got != want {
			t.Fatalf("width %d: wrapping lost text: %q", width, got)
		}
	}
}

// Question texts are typed by organisers: &, < and quotes must not break
// the SVG.
func TestSVGEscapesText(t *testing.T) {
	qs := []QuestionScores{{Text: `Primary & secondary care <together> "now"`, Counts: [6]int{1, 2, 3, 4, 5, 6}}}
	for _, c := range []*Chart{Means(qs, Options{}), Diverging(qs, Options{})} {
		dec := xml.NewDecoder(strings.NewReader(renderSVG(t, c)))
		for {
			_, err := dec.Token()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatalf("%s: SVG is not well-formed XML: %v", c.Title, err)
			}
		}
	}
}

// Far too many bars for the image are shrunk, and the rest are counted in
// a note rather than cut off silently.
func TestTooManyBarsSaysSo(t *testing.T) {
	var counts []Count
	for i := range 80 {
		counts = append(counts, Count{Label: "Primary care network number " + store.Thousands(i+1), N: i + 5})
	}
	svg := renderSVG(t, ParticipantsByLocality(counts, Options{Width: 640, Height: 360}))
	if !strings.Contains(svg, "more not shown") {
		t.Fatal("no note about the bars left out")
	}
}

func renderSVG(t *testing.T, c *Chart) string {
	t.Helper()
	var b bytes.Buffer
	if err := c.SVG(&b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// Every score segment and legend swatch is outlined in the theme's edge
// colour, so the score-3 yellow (about 1.2:1 on white) and neighbouring
// scores of similar lightness are still told apart at 3:1. Checked in the
// SVG, where each filled shape is followed by its outline.
func TestDivergingSegmentsHaveADarkEdge(t *testing.T) {
	for _, th := range []Theme{Light, HighContrast} {
		t.Run(th.String(), func(t *testing.T) {
			p := paletteFor(th)
			var b strings.Builder
			if err := Diverging(published, Options{Theme: th}).SVG(&b); err != nil {
				t.Fatal(err)
			}
			rgba := func(c color.Color) string {
				r, g, bl, _ := c.RGBA()
				return fmt.Sprintf("rgba(%d,%d,%d,1.0)", r>>8, g>>8, bl>>8)
			}
			styles := regexp.MustCompile(`style="([^"]*)"`).FindAllStringSubmatch(b.String(), -1)
			segments := 0
			for i, s := range styles {
				for score, fill := range p.scores {
					if s[1] != "stroke-width:0;stroke:none;fill:"+rgba(fill) {
						continue
					}
					segments++
					if i+1 == len(styles) {
						t.Fatalf("score %d shape is the last element, with no outline", score+1)
					}
					if got, want := styles[i+1][1], "stroke:"+rgba(p.edge)+";fill:none"; !strings.HasSuffix(got, want) {
						t.Fatalf("score %d shape outlined with %q, want …%q", score+1, got, want)
					}
				}
			}
			// 23 non-empty segments (nobody scored question 1 a 1) and 6 swatches.
			if got, want := segments, 23+6; got != want {
				t.Fatalf("%d score shapes, want %d", got, want)
			}
		})
	}
}

// A question too few answered carries no figure into either feedback
// chart: its bar is replaced by the reason, and its n is left out of the
// subtitle's range.
func TestWithheldQuestion(t *testing.T) {
	qs := []QuestionScores{
		{Text: "Forum", Counts: [6]int{0, 1, 3, 8, 24, 35}},
		{Text: "Useful", Withheld: "fewer than 5"},
		// Counts left in by mistake must still not be drawn.
		{Text: "Again", Counts: [6]int{0, 0, 1, 1, 1, 0}, Withheld: "fewer than 5"},
	}
	m := MeansData(qs)
	for _, i := range []int{1, 2} {
		r := m.Rows[i]
		if r.N != 0 || !math.IsNaN(r.Mean) || r.Label != "fewer than 5" {
			t.Fatalf("means row %d = %+v, want no figures and the label \"fewer than 5\"", i, r)
		}
	}
	for i, r := range DivergingLayout(qs)[1:] {
		if r.N != 0 || r.Low != 0 || r.High != 0 || r.Withheld != "fewer than 5" {
			t.Fatalf("diverging row %d = %+v, want no figures", i+1, r)
		}
		for _, s := range r.Segments {
			if s.Count != 0 || s.Share != 0 {
				t.Fatalf("diverging row %d shows score %d: %+v", i+1, s.Score, s)
			}
		}
	}
	if got, want := responsesRange(qs), "n = 71 responses"; got != want {
		t.Fatalf("subtitle range = %q, want %q", got, want)
	}
	if got, want := responsesRange(qs[1:]), "fewer than 5 responses per question"; got != want {
		t.Fatalf("subtitle range = %q, want %q", got, want)
	}
	for _, c := range []*Chart{Means(qs, Options{}), Diverging(qs, Options{})} {
		svg := renderSVG(t, c)
		if !strings.Contains(svg, ">fewer than 5<") {
			t.Fatalf("%s: SVG lacks \"fewer than 5\"", c.Title)
		}
		if strings.Contains(svg, "n = 3") || strings.Contains(svg, "n = 0") {
			t.Fatalf("%s: SVG gives the withheld question's n", c.Title)
		}
	}
}

func TestCumulativeDateTicks(t *testing.T) {
	d := func(s string) time.Time {
		v, err := time.Parse("2006-01-02", s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	labels := func(tab CumulativeTable) []string {
		var out []string
		for _, k := range tab.XTicks {
			out = append(out, k.Label)
		}
		return out
	}
	for _, tt := range []struct {
		name     string
		from, to string
		want     []string
	}{
		{"WithinAYear", "2025-01-06", "2025-03-10", []string{"6 Jan", "22 Jan", "7 Feb", "22 Feb", "10 Mar"}},
		{"AcrossNewYear", "2025-11-03", "2026-02-23", []string{"3 Nov 2025", "1 Dec 2025", "29 Dec 2025", "26 Jan 2026", "23 Feb 2026"}},
		{"LongerThan300Days", "2017-09-01", "2018-09-30", []string{"Sep 2017", "Dec 2017", "Mar 2018", "Jun 2018", "Sep 2018"}},
		{"TwoDaysAcrossNewYear", "2025-12-31", "2026-01-01", []string{"31 Dec 2025", "1 Jan 2026"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			tab := CumulativeData(map[string][]Point{"Visits done": {{d(tt.from), 1}, {d(tt.to), 1}}}, d("2026-06-01"))
			if got := labels(tab); strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Fatalf("ticks %q, want %q", got, tt.want)
			}
		})
	}
}

func TestCumulativeNeverNamesAFutureDate(t *testing.T) {
	today := time.Date(2026, 11, 28, 15, 4, 0, 0, time.UTC)
	for _, tt := range []struct {
		name   string
		series map[string][]Point
	}{
		{"EmptyRound", map[string][]Point{"Visits done": nil, "Pairs with both visits done": nil}},
		{"NoSeries", map[string][]Point{}},
		{"OnlyToday", map[string][]Point{"Visits done": {{today, 2}}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			tab := CumulativeData(tt.series, today)
			if tab.To.After(today) {
				t.Fatalf("the axis runs to %s, after today %s", tab.To.Format("2 Jan 2006"), today.Format("2 Jan 2006"))
			}
			for _, k := range tab.XTicks {
				if k.Date.After(today) {
					t.Fatalf("tick %q is in the future", k.Label)
				}
			}
			c := Cumulative("Visits done, over time", tt.series, Options{Today: today})
			tomorrow := today.AddDate(0, 0, 1).Format("2 Jan 2006")
			if strings.Contains(c.Subtitle, tomorrow) {
				t.Fatalf("subtitle %q names tomorrow", c.Subtitle)
			}
			if tab.Empty() && (strings.Contains(c.Subtitle, "running totals to") || len(tab.XTicks) > 0) {
				t.Fatalf("an empty chart names a date: %q, ticks %v", c.Subtitle, tab.XTicks)
			}
		})
	}
}

func TestFitTicksDropsCrowdedLabels(t *testing.T) {
	var ticks []DateTick
	for i, l := range []string{"2 Oct 2017", "21 Nov 2017", "10 Jan 2018", "28 Feb 2018", "19 Apr 2018"} {
		ticks = append(ticks, DateTick{Date: time.Date(2017, 10, 2+i, 0, 0, 0, 0, time.UTC), Label: l})
	}
	width := func(s string) int { return 10 * len(s) }
	if got := fitTicks(ticks, 1000, width); len(got) != 5 {
		t.Fatalf("ticks that fit were dropped: %v", got)
	}
	got := fitTicks(ticks, 300, width)
	if len(got) != 3 || got[0].Label != "2 Oct 2017" || got[2].Label != "19 Apr 2018" {
		t.Fatalf("crowded ticks kept %v, want the first, middle and last", got)
	}
}
