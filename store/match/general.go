package match

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/liaisonapp/liaison/store"
)

// A role on both sides.
//
// When the organiser puts a role on both sides (side A: GP, manager; side
// B: consultant, manager), a manager may be paired with anyone on the other
// side from them, which for a manager is everyone: GPs, consultants and
// other managers, though never with themselves. The people no longer split
// into two sides that only pair across, so the round is no longer a
// bipartite assignment: three managers can pair in any of three ways, an
// odd cycle no assignment or flow between two sides can express (its best
// fractional answer pairs each with "half" of the other two). So a round
// with someone of such a role is solved as a maximum-weight matching of a
// general graph, by Edmonds' blossom algorithm (blossom.go), which handles
// odd cycles exactly:
//
//   - each person is a vertex, with one copy per place they offer; an edge
//     joins two people the rules allow to pair, from every copy of one to
//     every copy of the other;
//   - two people who both offer several places could be joined by two of
//     their copies, which would pair them twice; their edge is replaced by
//     a gadget u–x–y–v (two extra vertices): x–y matched means no pair,
//     u–x and y–v matched means the pair, so they pair at most once;
//   - every edge weighs big + w, w being the pair's preference weight (the
//     same scoreInt as the two-sided matching, scaled to prefer stored
//     pairs only on ties) and big more than the most weight any matching
//     can gain, so the heaviest matching has the most pairs and, among
//     those, the most weight: the same optimum as the two-sided matching.
//
// Without such a role nothing changes: Suggest solves the round as before.

// generalEdge is two people the rules allow to pair, by index into the
// pool, with the pair's weight (non-negative).
type generalEdge struct {
	a, b int
	w    int64
}

// solveGeneral finds, among the pairings of n people where person i takes
// up to caps[i] partners and each of edges may be used once, one with the
// most pairs and, among those, the most weight. It returns the edges used.
func solveGeneral(caps []int, edges []generalEdge) []generalEdge {
	if len(edges) == 0 {
		return nil
	}
	maxPairs, maxW := int64(0), int64(0)
	for _, c := range caps {
		maxPairs += int64(c)
	}
	maxPairs /= 2
	for _, e := range edges {
		maxW = max(maxW, e.w)
	}
	big := (maxPairs+1)*(maxW+1) + 1
	// Number the copies, then the gadgets' vertices.
	first := make([]int, len(caps))
	owner := []int{-1} // vertices are numbered from 1
	for i, c := range caps {
		first[i] = len(owner)
		for range c {
			owner = append(owner, i)
		}
	}
	type gadget struct{ x, y int }
	gadgets := map[int]gadget{}
	nv := len(owner) - 1
	for k, e := range edges {
		if caps[e.a] > 1 && caps[e.b] > 1 {
			gadgets[k] = gadget{nv + 1, nv + 2}
			nv += 2
		}
	}
	bl := newBlossom(nv)
	byPair := map[[2]int]int{}
	for k, e := range edges {
		w := big + e.w
		g, ok := gadgets[k]
		if !ok {
			for i := range caps[e.a] {
				for j := range caps[e.b] {
					bl.addEdge(first[e.a]+i, first[e.b]+j, w)
				}
			}
			byPair[[2]int{min(e.a, e.b), max(e.a, e.b)}] = k
			continue
		}
		bl.addEdge(g.x, g.y, w)
		for i := range caps[e.a] {
			bl.addEdge(first[e.a]+i, g.x, w)
		}
		for j := range caps[e.b] {
			bl.addEdge(g.y, first[e.b]+j, w)
		}
	}
	mate := bl.solve()
	var used []generalEdge
	isCopy := func(v int) bool { return v > 0 && v < len(owner) }
	for u := 1; u < len(owner); u++ {
		if v := mate[u]; isCopy(v) && u < v {
			used = append(used, edges[byPair[[2]int{min(owner[u], owner[v]), max(owner[u], owner[v])}]])
		}
	}
	for k, g := range gadgets {
		if isCopy(mate[g.x]) && isCopy(mate[g.y]) {
			used = append(used, edges[k])
		}
	}
	slices.SortFunc(used, func(p, q generalEdge) int { return cmp.Or(cmp.Compare(p.a, q.a), cmp.Compare(p.b, q.b)) })
	return used
}

// both reports whether role r is on both sides.
func (m *matcher) both(r store.Role) bool {
	return slices.Contains(m.opt.PrimaryRoles, r) && slices.Contains(m.opt.SecondaryRoles, r)
}

// mayPair reports whether the options let roles a and b pair: one on side
// A and the other on side B, either way round.
func (m *matcher) mayPair(a, b store.Role) bool {
	pa, sa := slices.Contains(m.opt.PrimaryRoles, a), slices.Contains(m.opt.SecondaryRoles, a)
	pb, sb := slices.Contains(m.opt.PrimaryRoles, b), slices.Contains(m.opt.SecondaryRoles, b)
	return pa && sb || sa && pb
}

// orient puts a pair the right way round: the person only on side A as the
// primary side, the person only on side B as the secondary; two who are
// both on both sides by ID.
func (m *matcher) orient(a, b store.Participant) (primary, secondary store.Participant) {
	pa, sb := slices.Contains(m.opt.PrimaryRoles, a.Role), slices.Contains(m.opt.SecondaryRoles, b.Role)
	pb, sa := slices.Contains(m.opt.PrimaryRoles, b.Role), slices.Contains(m.opt.SecondaryRoles, a.Role)
	switch {
	case pa && sb && !(pb && sa):
		return a, b
	case pb && sa && !(pa && sb):
		return b, a
	case a.ID <= b.ID:
		return a, b
	}
	return b, a
}

// partnerRoles are the roles someone of role r may be paired with, in the
// order of the options.
func (m *matcher) partnerRoles(r store.Role) []store.Role {
	var out []store.Role
	for _, x := range slices.Concat(m.opt.SecondaryRoles, m.opt.PrimaryRoles) {
		if m.mayPair(r, x) && !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}

// suggestGeneral is Suggest for a round where someone's role is on both
// sides (see the comment at the top of this file). res holds the locked
// pairs already; lockedUse counts each person's locked pairs.
func (m *matcher) suggestGeneral(people []store.Participant, in Input, lockedUse map[int64]int, res *Result) {
	var pool []person
	var unpaired []Unpaired
	for _, p := range people {
		inSide := slices.Contains(m.opt.PrimaryRoles, p.Role) || slices.Contains(m.opt.SecondaryRoles, p.Role)
		left := p.PlacesOrOne() - lockedUse[p.ID]
		if lockedUse[p.ID] > 0 && (left <= 0 || !inSide) {
			continue
		}
		if !inSide {
			unpaired = append(unpaired, Unpaired{Person: p, Why: neitherWhy(p.Role)})
			continue
		}
		q := m.person(p)
		q.places, q.locked = left, lockedUse[p.ID] > 0
		pool = append(pool, q)
	}
	index := map[string][]int{}
	byID := map[int64]int{}
	for i, p := range pool {
		if k := historyKey(p.p); k != "" {
			index[k] = append(index[k], i)
		}
		if _, ok := byID[p.p.ID]; !ok {
			byID[p.p.ID] = i
		}
	}
	key := func(i, j int) [2]int { return [2]int{min(i, j), max(i, j)} }
	before := map[[2]int]bool{}
	for _, h := range in.PairedBefore {
		for _, i := range index[norm(h[0])] {
			for _, j := range index[norm(h[1])] {
				if i != j {
					before[key(i, j)] = true
				}
			}
		}
	}
	byIDs := func(stored []store.Pairing) map[[2]int]bool {
		set := map[[2]int]bool{}
		for _, c := range stored {
			i, okA := byID[c.PrimaryID]
			j, okB := byID[c.SecondaryID]
			if okA && okB && i != j {
				set[key(i, j)] = true
			}
		}
		return set
	}
	lockedTogether, keep := byIDs(in.Locked), byIDs(in.Current)

	caps := make([]int, len(pool))
	totalPlaces := 0
	for i, p := range pool {
		caps[i] = p.places
		totalPlaces += p.places
	}
	hi, lo := m.bounds()
	mult := int64(1)
	if bound := int64(totalPlaces/2) + 1; len(keep) > 0 && hi-lo < math.MaxInt64/64/bound/bound/bound {
		mult = bound
	}
	var edges []generalEdge
	for i := range pool {
		for j := i + 1; j < len(pool); j++ {
			a, b := &pool[i], &pool[j]
			if a.p.ID == b.p.ID || !m.mayPair(a.p.Role, b.p.Role) || a.org != 0 && a.org == b.org ||
				before[key(i, j)] || lockedTogether[key(i, j)] {
				continue
			}
			w := (m.scoreInt(a, b) - lo) * mult
			if mult > 1 && keep[key(i, j)] {
				w++
			}
			edges = append(edges, generalEdge{a: i, b: j, w: w})
		}
	}
	used := make([]int, len(pool))
	for _, e := range solveGeneral(caps, edges) {
		used[e.a]++
		used[e.b]++
		p, s := m.orient(pool[e.a].p, pool[e.b].p)
		res.Pairs = append(res.Pairs, m.pair(p, s, false))
	}
	// New pairs in order of their primary-side person, then the other.
	locked := 0
	for locked < len(res.Pairs) && res.Pairs[locked].Locked {
		locked++
	}
	slices.SortStableFunc(res.Pairs[locked:], func(x, y Pair) int {
		return cmp.Or(compareParticipants(x.Primary, y.Primary), compareParticipants(x.Secondary, y.Secondary))
	})
	multi := slices.ContainsFunc(pool, manyPlaces)
	for i, p := range pool {
		if used[i] == 0 && !p.locked {
			unpaired = append(unpaired, Unpaired{Person: p.p, Why: m.generalWhy(i, pool, people, before, multi)})
		}
	}
	slices.SortStableFunc(unpaired, func(a, b Unpaired) int { return compareParticipants(a.Person, b.Person) })
	res.Unpaired = unpaired
}

// generalWhy explains why pool[xi] was left out of a matching with a role
// on both sides; people is the whole round, locked pairs included.
func (m *matcher) generalWhy(xi int, pool []person, people []store.Participant, before map[[2]int]bool, multi bool) string {
	x := pool[xi]
	theirs := m.partnerRoles(x.p.Role)
	var nAllowed, nOrg, nBefore, nRole int
	for j := range pool {
		y := pool[j]
		if j == xi || y.p.ID == x.p.ID || !m.mayPair(x.p.Role, y.p.Role) {
			continue
		}
		nRole++
		switch {
		case x.org != 0 && x.org == y.org:
			nOrg++
		case before[[2]int{min(xi, j), max(xi, j)}]:
			nBefore++
		default:
			nAllowed++
		}
	}
	if nRole == 0 {
		if slices.ContainsFunc(people, func(y store.Participant) bool { return y.ID != x.p.ID && m.mayPair(x.p.Role, y.Role) }) {
			return fmt.Sprintf("everyone they could be paired with (%s) is already in a locked pair", sideNoun(theirs, true))
		}
		return fmt.Sprintf("there is nobody else in the round they could be paired with (%s)", sideNoun(theirs, true))
	}
	if nAllowed == 0 {
		var parts []string
		if nOrg > 0 {
			parts = append(parts, fmt.Sprintf("%d %s from the same organisation (%s)", nOrg, isAre(nOrg), strings.TrimSpace(x.p.Organisation)))
		}
		if nBefore > 0 {
			parts = append(parts, fmt.Sprintf("%d %s paired with them in an earlier round", nBefore, wasWere(nBefore)))
		}
		return fmt.Sprintf("no %s left who is not from the same organisation or already paired with them: %s",
			sideNoun(theirs, false), strings.Join(parts, " and "))
	}
	them := fmt.Sprintf("all %d people they could be paired with (%s)", nAllowed, sideNoun(theirs, true))
	if nAllowed == 1 {
		them = fmt.Sprintf("the one %s they could be paired with", sideNoun(theirs, false))
	}
	if multi {
		return them + " have every place taken by others, and pairing them instead would not pair more people or meet more preferences"
	}
	if nAllowed == 1 {
		return them + " is paired with someone else, and pairing them instead would leave someone else unpaired"
	}
	return them + " are paired with others, and pairing them instead would leave someone else unpaired"
}

// hasBothSides reports whether anyone in people has a role on both sides.
func (m *matcher) hasBothSides(people []store.Participant) bool {
	return slices.ContainsFunc(people, func(p store.Participant) bool { return m.both(p.Role) })
}
