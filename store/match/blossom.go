package match

// blossomEdge is an edge of the general graph: its two ends (numbered from
// 1) and its weight.
type blossomEdge struct {
	u, v int32
	w    int64
}

// blossom finds a maximum-weight matching of a general (not necessarily
// bipartite) graph: Edmonds' blossom algorithm in its primal–dual form
// (Galil, "Efficient algorithms for finding maximum matching in graphs",
// ACM Computing Surveys 1986), in O(n³) with a dense weight matrix.
//
// Vertices are 1…n; vertices n+1…2n number the blossoms, odd cycles of
// the search tree shrunk to one vertex while it looks for an augmenting
// path. Each vertex has a dual lab (twice Galil's u, so that weights stay
// integers), each blossom a dual z kept in lab too; an edge is tight when
// lab[u] + lab[v] = 2w. Each stage grows alternating trees from the free
// vertices over tight edges, labelling outer vertices S (0) and inner
// ones T (1), shrinks a blossom when two S vertices of one tree meet, and
// augments when two trees meet; when no tight edge is left it changes the
// duals by the largest step that keeps every edge's slack non-negative
// (making a new edge tight, or a T-blossom's z zero so it is expanded).
// A stage ends by augmenting, or, when an S vertex's dual would reach
// zero, by proving the matching of maximum weight.
type blossom struct {
	n, nx int
	// g[u][v] is the edge between u and v (vertices or top blossoms): for a
	// blossom, the edge of least slack to v from any vertex inside it. A
	// zero weight means no edge.
	g []blossomEdge
	// lab is the dual of each vertex and blossom.
	lab []int64
	// match[x] is the vertex x is matched to through its base (0: free).
	match []int
	// slack[x] is the vertex of least slack from an S vertex to x (0: none).
	slack []int
	// st[x] is the top blossom holding x; pa[x] the vertex x's tree edge
	// comes from.
	st, pa []int
	// flowerFrom[b*(n+1)+x] is the sub-blossom of b holding vertex x.
	flowerFrom []int
	// label: -1 none, 0 S (outer), 1 T (inner).
	label []int
	vis   []int
	stamp int
	// flower[b] lists b's sub-blossoms round the cycle, its base first.
	flower [][]int
	queue  []int
}

func newBlossom(n int) *blossom {
	m := 2*n + 1
	b := &blossom{n: n, nx: n, g: make([]blossomEdge, m*m), lab: make([]int64, m), match: make([]int, m),
		slack: make([]int, m), st: make([]int, m), pa: make([]int, m), flowerFrom: make([]int, m*(n+1)),
		label: make([]int, m), vis: make([]int, m), flower: make([][]int, m)}
	for u := 1; u < m; u++ {
		for v := 1; v < m; v++ {
			b.g[u*m+v] = blossomEdge{u: int32(u), v: int32(v)}
		}
	}
	return b
}

func (b *blossom) e(u, v int) *blossomEdge { return &b.g[u*(2*b.n+1)+v] }

func (b *blossom) ff(x, v int) *int { return &b.flowerFrom[x*(b.n+1)+v] }

// addEdge adds the edge u–v (1-based) with weight w > 0.
func (b *blossom) addEdge(u, v int, w int64) {
	b.e(u, v).w, b.e(v, u).w = w, w
}

// delta is twice the slack of an edge.
func (b *blossom) delta(e *blossomEdge) int64 {
	return b.lab[e.u] + b.lab[e.v] - 2*e.w
}

func (b *blossom) updateSlack(u, x int) {
	if b.slack[x] == 0 || b.delta(b.e(u, x)) < b.delta(b.e(b.slack[x], x)) {
		b.slack[x] = u
	}
}

func (b *blossom) setSlack(x int) {
	b.slack[x] = 0
	for u := 1; u <= b.n; u++ {
		if b.e(u, x).w > 0 && b.st[u] != x && b.label[b.st[u]] == 0 {
			b.updateSlack(u, x)
		}
	}
}

// push queues the vertices of x (a vertex or a blossom) for scanning.
func (b *blossom) push(x int) {
	if x <= b.n {
		b.queue = append(b.queue, x)
		return
	}
	for _, y := range b.flower[x] {
		b.push(y)
	}
}

func (b *blossom) setSt(x, top int) {
	b.st[x] = top
	if x > b.n {
		for _, y := range b.flower[x] {
			b.setSt(y, top)
		}
	}
}

// evenPosition returns the position of sub-blossom xr in blossom bl's
// cycle, reversing the cycle if need be so that the path from the base to
// xr has an even number of edges.
func (b *blossom) evenPosition(bl, xr int) int {
	f := b.flower[bl]
	pr := 0
	for pr < len(f) && f[pr] != xr {
		pr++
	}
	if pr%2 == 1 {
		for i, j := 1, len(f)-1; i < j; i, j = i+1, j-1 {
			f[i], f[j] = f[j], f[i]
		}
		return len(f) - pr
	}
	return pr
}

// setMatch matches u to the far end of its edge to v, re-matching inside
// u when u is a blossom so that its new base is the vertex on that edge.
func (b *blossom) setMatch(u, v int) {
	e := *b.e(u, v)
	b.match[u] = int(e.v)
	if u <= b.n {
		return
	}
	xr := *b.ff(u, int(e.u))
	pr := b.evenPosition(u, xr)
	f := b.flower[u]
	for i := 0; i < pr; i++ {
		b.setMatch(f[i], f[i^1])
	}
	b.setMatch(xr, v)
	rotated := append(append([]int(nil), f[pr:]...), f[:pr]...)
	copy(f, rotated)
}

// augment flips the alternating path from u back to its tree's root,
// starting with the edge u–v.
func (b *blossom) augment(u, v int) {
	for {
		xnv := b.st[b.match[u]]
		b.setMatch(u, v)
		if xnv == 0 {
			return
		}
		b.setMatch(xnv, b.st[b.pa[xnv]])
		u, v = b.st[b.pa[xnv]], xnv
	}
}

// lca walks up from u and v in turn and returns the first blossom both
// paths reach (their nearest common ancestor), or 0 when the two are in
// different trees.
func (b *blossom) lca(u, v int) int {
	b.stamp++
	for u != 0 || v != 0 {
		if u != 0 {
			if b.vis[u] == b.stamp {
				return u
			}
			b.vis[u] = b.stamp
			u = b.st[b.match[u]]
			if u != 0 {
				u = b.st[b.pa[u]]
			}
		}
		u, v = v, u
	}
	return 0
}

// addBlossom shrinks the odd cycle through u, lca and v into a new blossom.
func (b *blossom) addBlossom(u, lca, v int) {
	bl := b.n + 1
	for bl <= b.nx && b.st[bl] != 0 {
		bl++
	}
	if bl > b.nx {
		b.nx++
	}
	b.lab[bl], b.label[bl] = 0, 0
	b.match[bl] = b.match[lca]
	f := []int{lca}
	var side []int
	for x := u; x != lca; {
		y := b.st[b.match[x]]
		side = append(side, x, y)
		b.push(y)
		x = b.st[b.pa[y]]
	}
	for i := len(side) - 1; i >= 0; i-- {
		f = append(f, side[i])
	}
	for x := v; x != lca; {
		y := b.st[b.match[x]]
		f = append(f, x, y)
		b.push(y)
		x = b.st[b.pa[y]]
	}
	b.flower[bl] = f
	b.setSt(bl, bl)
	for x := 1; x <= b.nx; x++ {
		b.e(bl, x).w, b.e(x, bl).w = 0, 0
	}
	for x := 1; x <= b.n; x++ {
		*b.ff(bl, x) = 0
	}
	for _, xs := range f {
		for x := 1; x <= b.nx; x++ {
			if b.e(bl, x).w == 0 || b.delta(b.e(xs, x)) < b.delta(b.e(bl, x)) {
				*b.e(bl, x), *b.e(x, bl) = *b.e(xs, x), *b.e(x, xs)
			}
		}
		for x := 1; x <= b.n; x++ {
			if *b.ff(xs, x) != 0 {
				*b.ff(bl, x) = xs
			}
		}
	}
	b.setSlack(bl)
}

// expandBlossom undoes a T-blossom whose dual reached zero, labelling its
// sub-blossoms along the even path from where the tree enters it to its
// base.
func (b *blossom) expandBlossom(bl int) {
	for _, x := range b.flower[bl] {
		b.setSt(x, x)
	}
	xr := *b.ff(bl, int(b.e(bl, b.pa[bl]).u))
	pr := b.evenPosition(bl, xr)
	f := b.flower[bl]
	for i := 0; i < pr; i += 2 {
		xs, xns := f[i], f[i+1]
		b.pa[xs] = int(b.e(xns, xs).u)
		b.label[xs], b.label[xns] = 1, 0
		b.slack[xs] = 0
		b.setSlack(xns)
		b.push(xns)
	}
	b.label[xr], b.pa[xr] = 1, b.pa[bl]
	for i := pr + 1; i < len(f); i++ {
		b.label[f[i]] = -1
		b.setSlack(f[i])
	}
	b.st[bl] = 0
}

// found handles a tight edge from an S vertex; it reports whether the
// matching grew.
func (b *blossom) found(e blossomEdge) bool {
	u, v := b.st[e.u], b.st[e.v]
	switch b.label[v] {
	case -1:
		b.pa[v], b.label[v] = int(e.u), 1
		nu := b.st[b.match[v]]
		b.slack[v], b.slack[nu] = 0, 0
		b.label[nu] = 0
		b.push(nu)
	case 0:
		if l := b.lca(u, v); l == 0 {
			b.augment(u, v)
			b.augment(v, u)
			return true
		} else {
			b.addBlossom(u, l, v)
		}
	}
	return false
}

// stage grows the trees until the matching grows by one pair (true) or is
// of maximum weight (false).
func (b *blossom) stage() bool {
	for x := 1; x <= b.nx; x++ {
		b.label[x], b.slack[x] = -1, 0
	}
	b.queue = b.queue[:0]
	for x := 1; x <= b.nx; x++ {
		if b.st[x] == x && b.match[x] == 0 {
			b.pa[x], b.label[x] = 0, 0
			b.push(x)
		}
	}
	if len(b.queue) == 0 {
		return false
	}
	const inf = int64(1) << 62
	for {
		for len(b.queue) > 0 {
			u := b.queue[0]
			b.queue = b.queue[1:]
			if b.label[b.st[u]] == 1 {
				continue
			}
			for v := 1; v <= b.n; v++ {
				if e := b.e(u, v); e.w > 0 && b.st[u] != b.st[v] {
					if b.delta(e) == 0 {
						if b.found(*e) {
							return true
						}
					} else {
						b.updateSlack(u, b.st[v])
					}
				}
			}
		}
		d := inf
		for bl := b.n + 1; bl <= b.nx; bl++ {
			if b.st[bl] == bl && b.label[bl] == 1 {
				d = min(d, b.lab[bl]/2)
			}
		}
		for x := 1; x <= b.nx; x++ {
			if b.st[x] == x && b.slack[x] != 0 {
				switch b.label[x] {
				case -1:
					d = min(d, b.delta(b.e(b.slack[x], x)))
				case 0:
					d = min(d, b.delta(b.e(b.slack[x], x))/2)
				}
			}
		}
		for u := 1; u <= b.n; u++ {
			switch b.label[b.st[u]] {
			case 0:
				if b.lab[u] <= d {
					return false
				}
				b.lab[u] -= d
			case 1:
				b.lab[u] += d
			}
		}
		for bl := b.n + 1; bl <= b.nx; bl++ {
			if b.st[bl] == bl {
				switch b.label[bl] {
				case 0:
					b.lab[bl] += 2 * d
				case 1:
					b.lab[bl] -= 2 * d
				}
			}
		}
		b.queue = b.queue[:0]
		for x := 1; x <= b.nx; x++ {
			if s := b.slack[x]; b.st[x] == x && s != 0 && b.st[s] != x && b.delta(b.e(s, x)) == 0 {
				if b.found(*b.e(s, x)) {
					return true
				}
			}
		}
		for bl := b.n + 1; bl <= b.nx; bl++ {
			if b.st[bl] == bl && b.label[bl] == 1 && b.lab[bl] == 0 {
				b.expandBlossom(bl)
			}
		}
	}
}

// solve runs the stages and returns mate: mate[v] is the vertex matched
// to v, or 0.
func (b *blossom) solve() []int {
	var wmax int64
	for u := 1; u <= b.n; u++ {
		b.st[u] = u
		b.flower[u] = nil
		for v := 1; v <= b.n; v++ {
			if u == v {
				*b.ff(u, v) = u
			}
			wmax = max(wmax, b.e(u, v).w)
		}
	}
	for u := 1; u <= b.n; u++ {
		b.lab[u] = wmax
	}
	for b.stage() {
	}
	mate := make([]int, b.n+1)
	for u := 1; u <= b.n; u++ {
		mate[u] = b.match[u]
	}
	return mate
}
