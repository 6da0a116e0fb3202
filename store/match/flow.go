package match

import "math"

// solveFlow pairs rows with columns when some take more than one partner:
// row i takes up to capA[i] columns, column j up to capB[j] rows, and each
// cell at most once (the same two people are never paired twice). cost
// holds the rows×cols cell costs row by row, non-negative, or -1 for a
// cell that may not be used. It returns the cells used: as many as
// possible and, among those, the cheapest in total.
//
// This is the b-matching form of the assignment problem, solved as a
// minimum-cost maximum flow (source → row → column → sink) by successive
// shortest paths: each search is a dense Dijkstra over reduced costs with
// Johnson potentials, so reduced costs stay non-negative while flow is
// pushed back along used cells. Every augmentation adds one pair, and the
// last flow is the largest, of least cost for its size. Scanning in index
// order makes the result the same for the same matrix.
func solveFlow(cost []int64, rows, cols int, capA, capB []int) [][2]int {
	const inf = math.MaxInt64 / 4
	n := rows + cols + 1 // rows, then columns, then the sink
	sink := rows + cols
	pot := make([]int64, n)
	dist := make([]int64, n)
	prev := make([]int, n)
	done := make([]bool, n)
	flowA := make([]int, rows)
	flowB := make([]int, cols)
	used := make([]bool, rows*cols)
	// usedIn[j] lists the rows using column j, for the backward edges.
	usedIn := make([][]int, cols)
	var h heap
	for {
		for v := range n {
			dist[v], prev[v], done[v] = inf, -2, false
		}
		h := h[:0]
		for i := range rows {
			if flowA[i] < capA[i] {
				dist[i], prev[i] = -pot[i], -1 // from the source, whose potential stays 0
				h.push(item{dist[i], i})
			}
		}
		relax := func(v int, d int64, from int) {
			if d < dist[v] {
				dist[v], prev[v] = d, from
				h.push(item{d, v})
			}
		}
		for len(h) > 0 {
			it := h.pop()
			u := it.node
			if done[u] || it.dist != dist[u] {
				continue
			}
			if u == sink {
				break
			}
			done[u] = true
			switch {
			case u < rows:
				for j := range cols {
					k := u*cols + j
					if cost[k] < 0 || used[k] || done[rows+j] {
						continue
					}
					relax(rows+j, dist[u]+cost[k]+pot[u]-pot[rows+j], u)
				}
			case u < sink:
				j := u - rows
				for _, i := range usedIn[j] {
					if done[i] {
						continue
					}
					relax(i, dist[u]-cost[i*cols+j]+pot[u]-pot[i], u)
				}
				if flowB[j] < capB[j] {
					relax(sink, dist[u]+pot[u]-pot[sink], u)
				}
			}
		}
		if dist[sink] >= inf {
			break
		}
		// The search stopped at the sink: nodes not settled by then are at
		// least as far, and counting them as exactly as far keeps every
		// reduced cost non-negative.
		for v := range n {
			pot[v] += min(dist[v], dist[sink])
		}
		// Push one unit back from the sink to the source.
		v := prev[sink]
		flowB[v-rows]++
		for {
			u := prev[v]
			if u == -1 {
				flowA[v]++
				break
			}
			if u < rows { // row u → column v: the cell is now used
				j := v - rows
				used[u*cols+j] = true
				usedIn[j] = append(usedIn[j], u)
			} else { // column u → row v: the cell is given up
				j := u - rows
				used[v*cols+j] = false
				usedIn[j] = remove(usedIn[j], v)
			}
			v = u
		}
	}
	var out [][2]int
	for i := range rows {
		for j := range cols {
			if used[i*cols+j] {
				out = append(out, [2]int{i, j})
			}
		}
	}
	return out
}

func remove(xs []int, x int) []int {
	for k, y := range xs {
		if y == x {
			return append(xs[:k], xs[k+1:]...)
		}
	}
	return xs
}

// item is a node of the search with its tentative distance.
type item struct {
	dist int64
	node int
}

// heap is a binary min-heap of items, by distance and then node, so that
// the search settles nodes in the same order on every run.
type heap []item

func (it item) less(o item) bool { return it.dist < o.dist || it.dist == o.dist && it.node < o.node }

func (h *heap) push(it item) {
	*h = append(*h, it)
	q := *h
	for k := len(q) - 1; k > 0; {
		p := (k - 1) / 2
		if !q[k].less(q[p]) {
			break
		}
		q[k], q[p] = q[p], q[k]
		k = p
	}
}

func (h *heap) pop() item {
	q := *h
	top := q[0]
	last := len(q) - 1
	q[0] = q[last]
	q = q[:last]
	for k := 0; ; {
		l, r, m := 2*k+1, 2*k+2, k
		if l < len(q) && q[l].less(q[m]) {
			m = l
		}
		if r < len(q) && q[r].less(q[m]) {
			m = r
		}
		if m == k {
			break
		}
		q[k], q[m] = q[m], q[k]
		k = m
	}
	*h = q
	return top
}
