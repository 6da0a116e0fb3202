package match

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// bruteLAP returns the least total cost of assigning every row to a distinct
// column, trying every injection.
func bruteLAP(cost []int64, rows, cols int) int64 {
	used := make([]bool, cols)
	best := int64(-1)
	var try func(i int, sum int64)
	try = func(i int, sum int64) {
		if i == rows {
			if best < 0 || sum < best {
				best = sum
			}
			return
		}
		for j := range cols {
			if !used[j] {
				used[j] = true
				try(i+1, sum+cost[i*cols+j])
				used[j] = false
			}
		}
	}
	try(0, 0)
	return best
}

func TestSolveLAPMatchesBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for c := range 400 {
		rows := rng.IntN(7) + 1
		cols := rows + rng.IntN(8-rows)
		spread := []int64{2, 5, 1000}[c%3] // few distinct costs, so many ties, or almost none
		cost := make([]int64, rows*cols)
		for k := range cost {
			cost[k] = rng.Int64N(spread)
		}
		t.Run(fmt.Sprintf("case%d_%dx%d", c, rows, cols), func(t *testing.T) {
			a := solveLAP(cost, rows, cols)
			seen := map[int]bool{}
			var sum int64
			for i, j := range a {
				if j < 0 || j >= cols || seen[j] {
					t.Fatalf("assignment %v is not one distinct column per row", a)
				}
				seen[j] = true
				sum += cost[i*cols+j]
			}
			if got, want := sum, bruteLAP(cost, rows, cols); got != want {
				t.Fatalf("cost = %d, want %d (brute force)", got, want)
			}
		})
	}
}

// BenchmarkSolveLAPRandom1000 times the solver alone on 1,000 × 1,000
// random costs with almost no ties, its slowest regime; real rounds have a
// handful of distinct costs and are much faster.
func BenchmarkSolveLAPRandom1000(b *testing.B) {
	const n = 1000
	rng := rand.New(rand.NewPCG(9, 10))
	cost := make([]int64, n*n)
	for k := range cost {
		cost[k] = rng.Int64N(1_000_000)
	}
	for b.Loop() {
		solveLAP(cost, n, n)
	}
}
