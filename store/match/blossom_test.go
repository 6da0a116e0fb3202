package match

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// bruteMatching returns the most pairs, and the most weight among those,
// of any matching of edges on vertices 0..n-1 where vertex i takes up to
// caps[i] partners and each edge is used at most once.
func bruteMatching(caps []int, edges []generalEdge) (int, int64) {
	left := append([]int(nil), caps...)
	bestN, bestW := 0, int64(-1)
	var try func(k, n int, w int64)
	try = func(k, n int, w int64) {
		if k == len(edges) {
			if n > bestN || n == bestN && w > bestW {
				bestN, bestW = n, w
			}
			return
		}
		try(k+1, n, w)
		e := edges[k]
		if left[e.a] > 0 && left[e.b] > 0 {
			left[e.a]--
			left[e.b]--
			try(k+1, n+1, w+e.w)
			left[e.a]++
			left[e.b]++
		}
	}
	try(0, 0, 0)
	return bestN, bestW
}

func TestSolveGeneralMatchesBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 31))
	for c := range 3000 {
		n := 2 + rng.IntN(9)
		caps := make([]int, n)
		for i := range caps {
			caps[i] = 1
			if c%3 == 0 && rng.IntN(3) == 0 {
				caps[i] = 2 + rng.IntN(2)
			}
		}
		var edges []generalEdge
		for i := range n {
			for j := i + 1; j < n; j++ {
				if rng.IntN(3) > 0 && len(edges) < 16 {
					edges = append(edges, generalEdge{a: i, b: j, w: int64(rng.IntN(1 + c%40))})
				}
			}
		}
		t.Run(fmt.Sprintf("case%d_n%d_e%d", c, n, len(edges)), func(t *testing.T) {
			got := solveGeneral(caps, edges)
			deg := make([]int, n)
			seen := map[[2]int]bool{}
			var w int64
			for _, e := range got {
				deg[e.a]++
				deg[e.b]++
				w += e.w
				if seen[[2]int{e.a, e.b}] {
					t.Fatalf("pair %d-%d used twice", e.a, e.b)
				}
				seen[[2]int{e.a, e.b}] = true
			}
			for i, d := range deg {
				if d > caps[i] {
					t.Fatalf("vertex %d in %d pairs, takes %d", i, d, caps[i])
				}
			}
			wantN, wantW := bruteMatching(caps, edges)
			if len(got) != wantN || len(got) > 0 && w != wantW {
				t.Fatalf("%d pairs of weight %d, want %d of weight %d (caps %v, edges %v)", len(got), w, wantN, wantW, caps, edges)
			}
		})
	}
}

func TestSolveGeneralOddCycle(t *testing.T) {
	// Three people who may each pair with the other two: one pair, the
	// heaviest.
	got := solveGeneral([]int{1, 1, 1}, []generalEdge{{0, 1, 1}, {1, 2, 5}, {0, 2, 3}})
	if len(got) != 1 || got[0] != (generalEdge{1, 2, 5}) {
		t.Fatalf("got %v, want the pair 1-2", got)
	}
	// Two more pairs beat one heavier pair: a path a–b–c–d with a heavy
	// middle.
	got = solveGeneral([]int{1, 1, 1, 1}, []generalEdge{{0, 1, 0}, {1, 2, 100}, {2, 3, 0}})
	if len(got) != 2 {
		t.Fatalf("got %v, want two pairs", got)
	}
}
