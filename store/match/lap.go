package match

import "math"

// solveLAP finds an assignment of every row to a distinct column that
// minimises the total cost, for a dense rows×cols matrix held row by row in
// cost, with rows <= cols. It returns, for each row, its column.
//
// It is the shortest augmenting path method of Jonker and Volgenant (as
// refined by Crouse for rectangular problems): each row in turn is added by
// a Dijkstra search over reduced costs, keeping dual potentials so reduced
// costs stay non-negative. Costs are integers so that ties are exact and the
// result is the same on every machine. Among columns at the same distance a
// free one is taken first, which ends searches early when, as here, many
// cells share a cost.
//
// Rows are added in index order and columns scanned in a fixed order, so the
// same matrix always gives the same assignment. The caller sorts rows and
// columns by participant ID; that is how ties are broken by ID order.
func solveLAP(cost []int64, rows, cols int) []int {
	if rows > cols {
		panic("match: solveLAP needs rows <= cols")
	}
	const inf = math.MaxInt64
	u := make([]int64, rows)
	v := make([]int64, cols)
	dist := make([]int64, cols)
	path := make([]int, cols)
	col4row := make([]int, rows)
	row4col := make([]int, cols)
	for i := range col4row {
		col4row[i] = -1
	}
	for j := range row4col {
		row4col[j] = -1
	}
	remaining := make([]int, cols)
	visitedRows := make([]int, 0, rows)
	doneCols := make([]int, 0, cols) // columns settled by the current search

	for cur := 0; cur < rows; cur++ {
		// Dijkstra from row cur over reduced costs to the nearest free column.
		for j := range dist {
			dist[j] = inf
		}
		for k := range remaining {
			remaining[k] = k
		}
		nRemaining := cols
		visitedRows = visitedRows[:0]
		doneCols = doneCols[:0]
		var minVal int64
		i := cur
		sink := -1
		for sink < 0 {
			visitedRows = append(visitedRows, i)
			best := -1
			var lowest int64 = inf
			row := cost[i*cols : (i+1)*cols]
			base := minVal - u[i]
			for k := 0; k < nRemaining; k++ {
				j := remaining[k]
				r := base + row[j] - v[j]
				if r < dist[j] {
					path[j] = i
					dist[j] = r
				}
				if d := dist[j]; d < lowest || d == lowest && better(j, remaining[best], row4col) {
					lowest = d
					best = k
				}
			}
			minVal = lowest
			j := remaining[best]
			doneCols = append(doneCols, j)
			if row4col[j] < 0 {
				sink = j
			} else {
				i = row4col[j]
			}
			nRemaining--
			remaining[best] = remaining[nRemaining]
		}

		// Update the potentials so reduced costs stay non-negative.
		u[cur] += minVal
		for _, r := range visitedRows {
			if r != cur {
				u[r] += minVal - dist[col4row[r]]
			}
		}
		for _, j := range doneCols {
			v[j] -= minVal - dist[j]
		}

		// Flip the augmenting path.
		for j := sink; ; {
			r := path[j]
			row4col[j] = r
			j, col4row[r] = col4row[r], j
			if r == cur {
				break
			}
		}
	}
	return col4row
}

// better breaks a tie between columns j and b at the same distance: a free
// column ends the search, so it comes first; then the lower index, which is
// the lower participant ID. Breaking ties by index rather than by scan order
// keeps the choice independent of how the scan list was shuffled.
func better(j, b int, row4col []int) bool {
	jFree, bFree := row4col[j] < 0, row4col[b] < 0
	if jFree != bFree {
		return jFree
	}
	return j < b
}
