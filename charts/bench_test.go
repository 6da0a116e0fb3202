package charts

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

// response is one survey submission as the store hands it over: a score
// per question, 0 where the question was not answered.
type response struct{ scores [4]int }

func makeResponses(n int) []response {
	rng := rand.New(rand.NewPCG(1, 2))
	rs := make([]response, n)
	for i := range rs {
		for q := range rs[i].scores {
			if rng.IntN(20) == 0 {
				continue // about 5% leave a question blank
			}
			rs[i].scores[q] = 1 + min(5, rng.IntN(4)+rng.IntN(3))
		}
	}
	return rs
}

// BenchmarkFeedbackCharts is the live path after a change: aggregate
// 100,000 responses, then render Means and Diverging for four questions
// at 1280×720 into images. Goal: at most 33 ms per op (two frames at 60 Hz).
func BenchmarkFeedbackCharts(b *testing.B) {
	rs := makeResponses(100_000)
	texts := [4]string{
		"Would you support a regular primary–secondary care forum?",
		"Did you find the scheme useful?",
		"How likely are you to take part again?",
		"Will you consider new ways of working as a result of better relationships?",
	}
	opts := Options{Width: 1280, Height: 720}
	b.ReportAllocs()
	for b.Loop() {
		qs := make([]QuestionScores, 4)
		for q := range qs {
			qs[q].Text = texts[q]
		}
		for i := range rs {
			for q, s := range rs[i].scores {
				qs[q].Add(s)
			}
		}
		for _, c := range []*Chart{Means(qs, opts), Diverging(qs, opts)} {
			if _, err := c.Image(); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkPNGEncoder writes slide-sized charts as `liaison charts` does,
// one PNGEncoder reusing its pixels.
func BenchmarkPNGEncoder(b *testing.B) {
	var e PNGEncoder
	cs := sampleCharts(Options{Width: 1920, Height: 1080})
	var buf bytes.Buffer
	for b.Loop() {
		for _, c := range cs {
			buf.Reset()
			if err := e.Encode(&buf, c); err != nil {
				b.Fatal(err)
			}
		}
	}
}
