package match_test

import (
	"fmt"
	"testing"

	"github.com/liaisonapp/liaison/store/match"
)

// BenchmarkSuggest1000x1000Contested is a harder round than the realistic
// one: every GP wishes for Cardiology and most live in East, while only one
// consultant in ten is a cardiologist, so the solver must trade many
// near-equal options against each other.
func BenchmarkSuggest1000x1000Contested(b *testing.B) {
	in := bigRound(1000)
	for i := range in.People {
		p := &in.People[i]
		if i%2 == 0 {
			p.Wishes = []string{"Cardiology"}
			if i%10 != 0 {
				p.Locality = "East"
			}
		} else if i%20 == 1 {
			p.Specialty = "Cardiology"
		} else if p.Specialty == "Cardiology" {
			p.Specialty = fmt.Sprintf("Other %d", i%7)
		}
	}
	var r match.Result
	for b.Loop() {
		r = match.Suggest(in, match.DefaultOptions())
	}
	b.ReportMetric(float64(len(r.Pairs)), "pairs")
}
