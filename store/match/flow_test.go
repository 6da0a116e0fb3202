package match

import (
	"math/rand/v2"
	"testing"
)

// TestFlowAgreesWithLAP checks that, when everyone takes one partner, the
// b-matching solver finds as many pairs at the same total cost as the
// assignment solver.
func TestFlowAgreesWithLAP(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for c := range 300 {
		rows := 1 + rng.IntN(7)
		cols := rows + rng.IntN(5)
		cost := make([]int64, rows*cols)
		for k := range cost {
			cost[k] = int64(rng.IntN(20))
		}
		var lapTotal int64
		for r, col := range solveLAP(cost, rows, cols) {
			lapTotal += cost[r*cols+col]
		}
		ones := func(n int) []int {
			out := make([]int, n)
			for i := range out {
				out[i] = 1
			}
			return out
		}
		cells := solveFlow(cost, rows, cols, ones(rows), ones(cols))
		var flowTotal int64
		for _, cell := range cells {
			flowTotal += cost[cell[0]*cols+cell[1]]
		}
		if len(cells) != rows || flowTotal != lapTotal {
			t.Fatalf("case %d: flow %d pairs costing %d, LAP %d costing %d", c, len(cells), flowTotal, rows, lapTotal)
		}
	}
}
