// Package match suggests pairs for a whole round of a liaison scheme.
//
// Organisers used to pair people by hand or by a first-come greedy pass,
// which strands people at the end: the last GPs find every consultant left
// is from their own trust or was their partner last year. Suggest instead
// solves the round as one optimal assignment: it makes as many pairs as the
// hard rules allow, then, among those, meets as many weighted preferences
// (same locality, a wished-for specialty) as possible. It is pure Go and
// deterministic, so a suggestion can be re-run and explained.
package match

import (
	"cmp"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"

	"github.com/liaisonapp/liaison/store"
)

// Options sets who may be paired with whom and how much each soft
// preference counts. Organisers can widen the sides (a practice nurse
// shadowing a specialist nurse, say) and tune the weights.
type Options struct {
	// PrimaryRoles are the roles on the host (primary-care) side and
	// SecondaryRoles those on the hospital side. A pair is always one
	// person from each side. A role may be on both sides (managers with
	// managers): its people may pair with anyone whose role is on the other
	// side from theirs, someone of the same role included, never with
	// themselves (see general.go). A nil list means the default: GP on the
	// primary side, consultant on the other.
	PrimaryRoles, SecondaryRoles []store.Role
	// LocalityWeight is what a pair in the same locality is worth, and
	// WishWeight what each wished-for specialty met is worth. Weights are
	// used to three decimal places; zero ignores that preference. They never
	// outweigh the number of pairs: one more pair always comes first.
	LocalityWeight, WishWeight float64
	// OtherLocalityWeight is what a pair from two different localities
	// (both recorded) is worth, for an organiser who wants people to see
	// another part of the region. It is usually zero or negative when
	// LocalityWeight is positive.
	OtherLocalityWeight float64
	// NewSpecialtyWeight is what it is worth, for each of the two, that the
	// partner's specialty is none of their partners' in earlier rounds
	// (Input.EarlierSpecialties): "a further opportunity to shadow a
	// colleague in a different speciality".
	NewSpecialtyWeight float64
	// PrioritySpecialties are the specialties the organiser wants paired
	// this round (say, frailty and mental health); PriorityWeight is what a
	// pair with one of them, on either side, is worth.
	PrioritySpecialties []string
	PriorityWeight      float64
	// RequestWeight is what it is worth that one of the two asked to be
	// paired with the other (store.Participant.Request), counted for each
	// who asked. Like every weight it never costs a pair.
	RequestWeight float64
}

// MaxWeightOption is the largest weight, either way, that Check accepts:
// far above any useful one, low enough to keep costs exact.
const MaxWeightOption = 1000

// WeightNames are the names of the weights, as the command line and the
// saved options give them, in the order they are shown.
var WeightNames = []string{"request", "wish", "locality", "other-locality", "new-specialty", "priority"}

// WeightHelp says in a few words what each of WeightNames is worth.
var WeightHelp = map[string]string{
	"wish":           "each specialty wished for that the partner has",
	"locality":       "the two in the same locality",
	"other-locality": "the two in different localities",
	"new-specialty":  "for each of the two, a partner's specialty none of their earlier partners had",
	"priority":       "a pair with one of the priority specialties",
	"request":        "each of the two who asked to be paired with the other",
}

// Weight returns the weight called name (one of WeightNames), to read or set.
func (o *Options) Weight(name string) (*float64, bool) {
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "wish":
		return &o.WishWeight, true
	case "locality":
		return &o.LocalityWeight, true
	case "other-locality":
		return &o.OtherLocalityWeight, true
	case "new-specialty":
		return &o.NewSpecialtyWeight, true
	case "priority":
		return &o.PriorityWeight, true
	case "request":
		return &o.RequestWeight, true
	}
	return nil, false
}

// Check reports options Suggest cannot use as the organiser means them: a
// side with no role, a role Liaison does not know, or a weight that is not
// a number or is beyond ±MaxWeightOption. A role on both sides is allowed.
func (o Options) Check() error {
	if len(o.PrimaryRoles) == 0 || len(o.SecondaryRoles) == 0 {
		return store.Errorf(store.EINVALID, "Each side of the matching needs at least one role.")
	}
	for _, r := range o.PrimaryRoles {
		if !r.Valid() {
			return store.Errorf(store.EINVALID, "%q is not a role Liaison knows.", r)
		}
	}
	for _, r := range o.SecondaryRoles {
		if !r.Valid() {
			return store.Errorf(store.EINVALID, "%q is not a role Liaison knows.", r)
		}
	}
	for _, name := range WeightNames {
		w, _ := o.Weight(name)
		if math.IsNaN(*w) || math.Abs(*w) > MaxWeightOption {
			return store.Errorf(store.EINVALID, "The weight %s must be a number between -%d and %d.", name, MaxWeightOption, MaxWeightOption)
		}
	}
	return nil
}

// DefaultOptions pairs GPs with consultants and values a wished-for
// specialty (3) a little above a shared locality (2), as the schemes we
// follow put the GP's learning need first and travel second; a named
// request (10) comes before both.
func DefaultOptions() Options {
	return Options{
		PrimaryRoles:   []store.Role{store.RoleGP},
		SecondaryRoles: []store.Role{store.RoleConsultant},
		LocalityWeight: 2,
		WishWeight:     3,
		RequestWeight:  10,
	}
}

// Input is everything Suggest looks at. It is plain data so that the
// command line, the GUI and tests can build it without a database.
type Input struct {
	// People are the round's participants; IDs should be unique.
	People []store.Participant
	// Locked are pairs the organiser has fixed. They are kept as they are,
	// even if they break a rule, and their people are not paired again.
	// PrimaryID and SecondaryID refer to People's IDs.
	Locked []store.Pairing
	// PairedBefore lists pairs from earlier rounds that must not be repeated,
	// each person given by lower-cased email, or lower-cased name when they
	// have no email. IDs are not used because they differ between rounds.
	PairedBefore [][2]string
	// Current are the round's stored pairs that are not locked. They bind
	// nothing, but among matchings with as many pairs and as much preference
	// weight as the best, Suggest picks one that keeps as many of them as
	// it can, so that asking again after a small change does not reshuffle
	// pairs the organiser has already told people about.
	Current []store.Pairing
	// EarlierSpecialties lists, for each person (keyed as in PairedBefore),
	// the specialties of their partners in earlier rounds, for
	// Options.NewSpecialtyWeight.
	EarlierSpecialties map[string][]string
}

// Pair is one pair in the result, with why it was made so the organiser can
// check it before accepting.
type Pair struct {
	Primary, Secondary store.Participant
	Locked             bool
	// Score is the total weight of the soft preferences the pair meets.
	Score float64
	// Reason says in plain English which preferences the pair meets.
	Reason string
}

// Unpaired is a person Suggest could not pair, and why, so the organiser
// can act: recruit another consultant, unlock a pair, or allow a role.
type Unpaired struct {
	Person store.Participant
	Why    string
}

// Result is a suggested matching for the round: the locked pairs first,
// then the new ones, each in order of the primary-side person's ID; the
// unpaired in order of ID.
type Result struct {
	Pairs    []Pair
	Unpaired []Unpaired
}

// scale turns float weights into the integer costs the solver works with,
// keeping three decimal places; maxWeight bounds them so costs cannot
// overflow however large the round.
const (
	scale     = 1000
	maxWeight = 1e6
)

// person is a participant with the fields the rules compare, normalised
// once and interned to small integers so that filling a 1,000 × 1,000 cost
// matrix compares integers, not strings. Zero means "not given".
type person struct {
	p         store.Participant
	org, loc  int32
	specialty int32
	wishes    []int32
	// earlier are the specialties of earlier partners; priority says the
	// person's own specialty is one of the priority specialties.
	earlier  []int32
	priority bool
	// places is how many partners they can still take; locked says they
	// are in a locked pair already.
	places int
	locked bool
}

type interner map[string]int32

// id returns the number for s, normalised (trimmed, case folded); 0 for "".
func (in interner) id(s string) int32 {
	k := norm(s)
	if k == "" {
		return 0
	}
	if n, ok := in[k]; ok {
		return n
	}
	n := int32(len(in) + 1)
	in[k] = n
	return n
}

func norm(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// historyKey is how PairedBefore names a person.
func historyKey(p store.Participant) string {
	if k := norm(p.Email); k != "" {
		return k
	}
	return norm(p.Name)
}

// Suggest pairs the round. It keeps the locked pairs, then finds, among all
// matchings that obey the hard rules, one with the most pairs and, among
// those, the highest total preference weight. A person who offers several
// places (store.Participant.Places) may be in as many pairs, one per
// partner; the places are filled optimally too. The same input gives the
// same result whatever the order of People, Locked or PairedBefore.
func Suggest(in Input, opt Options) Result {
	if opt.PrimaryRoles == nil {
		opt.PrimaryRoles = DefaultOptions().PrimaryRoles
	}
	if opt.SecondaryRoles == nil {
		opt.SecondaryRoles = DefaultOptions().SecondaryRoles
	}
	m := &matcher{opt: opt, orgs: interner{}, locs: interner{}, specs: interner{}, earlier: in.EarlierSpecialties}
	m.locW = weightInt(opt.LocalityWeight)
	m.wishW = weightInt(opt.WishWeight)
	m.otherLocW = weightInt(opt.OtherLocalityWeight)
	m.newW = weightInt(opt.NewSpecialtyWeight)
	m.prioW = weightInt(opt.PriorityWeight)
	m.reqW = weightInt(opt.RequestWeight)
	for _, sp := range opt.PrioritySpecialties {
		if id := m.specs.id(sp); id != 0 {
			m.priority = append(m.priority, id)
		}
	}

	people := slices.Clone(in.People)
	slices.SortStableFunc(people, compareParticipants)
	byID := make(map[int64]store.Participant, len(people))
	for _, p := range people {
		if _, ok := byID[p.ID]; !ok {
			byID[p.ID] = p
		}
	}
	m.wants = resolveRequests(people)

	var res Result
	lockedUse := m.lockedPairs(in.Locked, byID, &res)
	if m.hasBothSides(people) {
		// Someone may pair with their own role: a general matching.
		m.suggestGeneral(people, in, lockedUse, &res)
		m.explainRequests(&res, byID, lockedUse, in.PairedBefore)
		return res
	}

	// Sort the pool into the two sides, each with the places left after
	// the locked pairs; everyone else is unpaired.
	var prim, sec []person
	nPrimAll, nSecAll := 0, 0
	var neither []Unpaired
	for _, p := range people {
		side := m.side(p.Role)
		switch side {
		case 1:
			nPrimAll++
		case 2:
			nSecAll++
		}
		left := p.PlacesOrOne() - lockedUse[p.ID]
		if lockedUse[p.ID] > 0 && (left <= 0 || side == 0) {
			continue
		}
		q := m.person(p)
		q.places, q.locked = left, lockedUse[p.ID] > 0
		switch side {
		case 1:
			prim = append(prim, q)
		case 2:
			sec = append(sec, q)
		default:
			neither = append(neither, Unpaired{Person: p, Why: neitherWhy(p.Role)})
		}
	}

	before := pairedBefore(in.PairedBefore, prim, sec)
	forbid := maps.Clone(before)
	if forbid == nil {
		forbid = map[[2]int]bool{}
	}
	// Two people already locked together (one of them with places left)
	// are not paired a second time.
	maps.Copy(forbid, current(in.Locked, prim, sec))
	cells := m.assign(prim, sec, forbid, current(in.Current, prim, sec))

	// Pairs in order of the primary-side person (prim is sorted by ID).
	nPrim, nSec := make([]int, len(prim)), make([]int, len(sec))
	for _, c := range cells {
		nPrim[c[0]]++
		nSec[c[1]]++
		res.Pairs = append(res.Pairs, m.pair(prim[c[0]].p, sec[c[1]].p, false))
	}
	multi := slices.ContainsFunc(prim, manyPlaces) || slices.ContainsFunc(sec, manyPlaces)
	unpaired := append([]Unpaired(nil), neither...)
	for i, n := range nPrim {
		if n == 0 && !prim[i].locked {
			unpaired = append(unpaired, Unpaired{Person: prim[i].p,
				Why: m.unpairedWhy(prim[i], i, sec, before, true, places(prim), places(sec), nSecAll, multi)})
		}
	}
	for j, n := range nSec {
		if n == 0 && !sec[j].locked {
			unpaired = append(unpaired, Unpaired{Person: sec[j].p,
				Why: m.unpairedWhy(sec[j], j, prim, before, false, places(sec), places(prim), nPrimAll, multi)})
		}
	}
	slices.SortStableFunc(unpaired, func(a, b Unpaired) int { return compareParticipants(a.Person, b.Person) })
	res.Unpaired = unpaired
	m.explainRequests(&res, byID, lockedUse, in.PairedBefore)
	return res
}

func manyPlaces(p person) bool { return p.places > 1 }

// places adds up the places a side has left.
func places(side []person) int {
	n := 0
	for _, p := range side {
		n += p.places
	}
	return n
}

// matcher holds what one call of Suggest shares between its steps.
type matcher struct {
	opt                    Options
	orgs, locs, specs      interner
	locW, wishW            int64
	otherLocW, newW, prioW int64
	reqW                   int64
	priority               []int32
	earlier                map[string][]string
	// wants maps a person's ID to the ID of the person they asked for, or
	// to -1 when nobody in the round answers to the request.
	wants map[int64]int64
}

func weightInt(w float64) int64 {
	if math.IsNaN(w) {
		return 0
	}
	w = max(-maxWeight, min(maxWeight, w))
	return int64(math.Round(w * scale))
}

func compareParticipants(a, b store.Participant) int {
	return cmp.Or(
		cmp.Compare(a.ID, b.ID),
		strings.Compare(a.Name, b.Name),
		strings.Compare(a.Email, b.Email),
		strings.Compare(string(a.Role), string(b.Role)),
		strings.Compare(a.Organisation, b.Organisation),
		strings.Compare(a.Locality, b.Locality),
		strings.Compare(a.Specialty, b.Specialty),
		slices.Compare(a.Wishes, b.Wishes),
	)
}

// side says which side a role is on: 1 primary, 2 secondary, 0 neither.
func (m *matcher) side(r store.Role) int {
	switch {
	case slices.Contains(m.opt.PrimaryRoles, r):
		return 1
	case slices.Contains(m.opt.SecondaryRoles, r):
		return 2
	}
	return 0
}

func (m *matcher) person(p store.Participant) person {
	q := person{p: p, org: m.orgs.id(p.Organisation), loc: m.locs.id(p.Locality), specialty: m.specs.id(p.Specialty)}
	for _, w := range p.Wishes {
		if id := m.specs.id(w); id != 0 && !slices.Contains(q.wishes, id) {
			q.wishes = append(q.wishes, id)
		}
	}
	for _, sp := range m.earlier[historyKey(p)] {
		if id := m.specs.id(sp); id != 0 && !slices.Contains(q.earlier, id) {
			q.earlier = append(q.earlier, id)
		}
	}
	q.priority = q.specialty != 0 && slices.Contains(m.priority, q.specialty)
	return q
}

// lockedPairs adds the locked pairs to res, in a fixed order, and returns
// how many locked pairs each person is in.
func (m *matcher) lockedPairs(locked []store.Pairing, byID map[int64]store.Participant, res *Result) map[int64]int {
	locked = slices.Clone(locked)
	slices.SortFunc(locked, func(a, b store.Pairing) int {
		return cmp.Or(cmp.Compare(a.PrimaryID, b.PrimaryID), cmp.Compare(a.SecondaryID, b.SecondaryID))
	})
	locked = slices.CompactFunc(locked, func(a, b store.Pairing) bool {
		return a.PrimaryID == b.PrimaryID && a.SecondaryID == b.SecondaryID
	})
	find := func(id int64, filled store.Participant) store.Participant {
		if p, ok := byID[id]; ok {
			return p
		}
		if filled.ID == id {
			return filled
		}
		return store.Participant{ID: id}
	}
	in := make(map[int64]int, 2*len(locked))
	for _, l := range locked {
		p, s := find(l.PrimaryID, l.Primary), find(l.SecondaryID, l.Secondary)
		res.Pairs = append(res.Pairs, m.pair(p, s, true))
		in[l.PrimaryID]++
		in[l.SecondaryID]++
	}
	return in
}

// pairedBefore returns the earlier pairs among the pool as a set of
// (primary index, secondary index).
func pairedBefore(history [][2]string, prim, sec []person) map[[2]int]bool {
	if len(history) == 0 {
		return nil
	}
	pi := map[string][]int{}
	for i, p := range prim {
		if k := historyKey(p.p); k != "" {
			pi[k] = append(pi[k], i)
		}
	}
	si := map[string][]int{}
	for j, s := range sec {
		if k := historyKey(s.p); k != "" {
			si[k] = append(si[k], j)
		}
	}
	set := map[[2]int]bool{}
	for _, h := range history {
		a, b := norm(h[0]), norm(h[1])
		for _, ab := range [][2]string{{a, b}, {b, a}} {
			for _, i := range pi[ab[0]] {
				for _, j := range si[ab[1]] {
					set[[2]int{i, j}] = true
				}
			}
		}
	}
	return set
}

// current returns the stored pairs among the pool as a set of (primary
// index, secondary index).
func current(stored []store.Pairing, prim, sec []person) map[[2]int]bool {
	if len(stored) == 0 {
		return nil
	}
	index := func(side []person) map[int64]int {
		m := make(map[int64]int, len(side))
		for i, p := range side {
			if _, ok := m[p.p.ID]; !ok {
				m[p.p.ID] = i
			}
		}
		return m
	}
	pi, si := index(prim), index(sec)
	set := map[[2]int]bool{}
	for _, c := range stored {
		i, okP := pi[c.PrimaryID]
		j, okS := si[c.SecondaryID]
		if okP && okS {
			set[[2]int{i, j}] = true
		}
	}
	return set
}

// allowed reports whether the hard rules let a and b pair; a is primary.
func allowed(a, b *person, i, j int, before map[[2]int]bool) bool {
	if a.org != 0 && a.org == b.org {
		return false
	}
	return !before[[2]int{i, j}]
}

// scoreInt is the preference weight of a primary a with a secondary b, in
// the solver's integer units.
func (m *matcher) scoreInt(a, b *person) int64 {
	var s int64
	if a.loc != 0 && b.loc != 0 {
		if a.loc == b.loc {
			s += m.locW
		} else {
			s += m.otherLocW
		}
	}
	if a.priority || b.priority {
		s += m.prioW
	}
	if len(a.earlier) > 0 && b.specialty != 0 && !slices.Contains(a.earlier, b.specialty) {
		s += m.newW
	}
	if len(b.earlier) > 0 && a.specialty != 0 && !slices.Contains(b.earlier, a.specialty) {
		s += m.newW
	}
	if b.specialty != 0 && slices.Contains(a.wishes, b.specialty) {
		s += m.wishW
	}
	if a.specialty != 0 && slices.Contains(b.wishes, a.specialty) {
		s += m.wishW
	}
	if m.wants[a.p.ID] == b.p.ID {
		s += m.reqW
	}
	if m.wants[b.p.ID] == a.p.ID {
		s += m.reqW
	}
	return s
}

// bounds are the highest and lowest weight a pair can have, in the
// solver's units.
func (m *matcher) bounds() (hi, lo int64) {
	hi = max(0, m.locW, m.otherLocW) + 2*max(0, m.wishW) + max(0, m.prioW) + 2*max(0, m.newW) + 2*max(0, m.reqW)
	lo = min(0, m.locW, m.otherLocW) + 2*min(0, m.wishW) + min(0, m.prioW) + 2*min(0, m.newW) + 2*min(0, m.reqW)
	return hi, lo
}

// assign solves the assignment and returns the pairs it makes, as
// (primary index, secondary index) in order of the primary, then the
// secondary. When everyone takes one partner it is an assignment problem
// (solveLAP); when someone takes more, a b-matching (assignFlow).
//
// The cost of an allowed cell is maxScore − score, between 0 and d; a
// forbidden cell costs k·d + 1, more than the spread of any k allowed
// cells. So an assignment with fewer forbidden cells always costs less, and
// the optimum has the most allowed pairs and, among those, the best score.
// Forbidden cells it still had to use are dropped.
//
// To prefer the stored pairs in keep without giving up a pair or any
// weight, every cost is multiplied by rows+1 and a kept cell costs one less:
// the at most rows units kept pairs can save are less than one unit of the
// old costs.
func (m *matcher) assign(prim, sec []person, before, keep map[[2]int]bool) [][2]int {
	if len(prim) == 0 || len(sec) == 0 {
		return nil
	}
	if slices.ContainsFunc(prim, manyPlaces) || slices.ContainsFunc(sec, manyPlaces) {
		return m.assignFlow(prim, sec, before, keep)
	}
	match := make([]int, len(prim))
	for i := range match {
		match[i] = -1
	}
	hi, lo := m.bounds()
	d := hi - lo
	// The solver needs rows <= cols: put the smaller side on the rows.
	transpose := len(prim) > len(sec)
	rows, cols := len(prim), len(sec)
	if transpose {
		rows, cols = cols, rows
	}
	forbidden := int64(rows)*d + 1
	at := func(i, j int) int {
		if transpose {
			return j*cols + i
		}
		return i*cols + j
	}
	cost := make([]int64, rows*cols)
	for i := range prim {
		a := &prim[i]
		for j := range sec {
			b := &sec[j]
			c := forbidden
			if a.org == 0 || a.org != b.org {
				c = hi - m.scoreInt(a, b)
			}
			cost[at(i, j)] = c
		}
	}
	for ij := range before {
		cost[at(ij[0], ij[1])] = forbidden
	}
	if len(keep) > 0 && forbidden < math.MaxInt64/4/(int64(rows)+1)/(int64(rows)+1) {
		for k := range cost {
			cost[k] *= int64(rows) + 1
		}
		for ij := range keep {
			if c := &cost[at(ij[0], ij[1])]; *c < forbidden*(int64(rows)+1) {
				*c--
			}
		}
	}
	for r, c := range solveLAP(cost, rows, cols) {
		i, j := r, c
		if transpose {
			i, j = c, r
		}
		if allowed(&prim[i], &sec[j], i, j, before) {
			match[i] = j
		}
	}
	var cells [][2]int
	for i, j := range match {
		if j >= 0 {
			cells = append(cells, [2]int{i, j})
		}
	}
	return cells
}

// assignFlow is assign for a pool where someone takes several partners.
// A cell the rules forbid is left out; an allowed one costs maxScore −
// score (scaled, as in assign, so that keeping stored pairs only breaks
// ties) plus one, which adds the same to every pairing of a given size.
func (m *matcher) assignFlow(prim, sec []person, before, keep map[[2]int]bool) [][2]int {
	hi, _ := m.bounds()
	rows, cols := len(prim), len(sec)
	capA, capB := make([]int, rows), make([]int, cols)
	for i, p := range prim {
		capA[i] = p.places
	}
	for j, p := range sec {
		capB[j] = p.places
	}
	mult := int64(1)
	if bound := int64(min(places(prim), places(sec))); len(keep) > 0 && hi < math.MaxInt64/16/(bound+1)/(bound+1) {
		mult = bound + 1
	}
	cost := make([]int64, rows*cols)
	for i := range prim {
		for j := range sec {
			c := int64(-1)
			if allowed(&prim[i], &sec[j], i, j, before) {
				c = (hi-m.scoreInt(&prim[i], &sec[j]))*mult + 1
				if mult > 1 && keep[[2]int{i, j}] {
					c--
				}
			}
			cost[i*cols+j] = c
		}
	}
	return solveFlow(cost, rows, cols, capA, capB)
}

// pair builds a result pair with its score and reason.
func (m *matcher) pair(p, s store.Participant, locked bool) Pair {
	var score float64
	var why []string
	pw, sw := m.wants[p.ID] == s.ID && s.ID != 0, m.wants[s.ID] == p.ID && p.ID != 0
	switch {
	case pw && sw:
		score += 2 * m.opt.RequestWeight
		why = append(why, "each asked to be paired with the other")
	case pw:
		score += m.opt.RequestWeight
		why = append(why, "requested by "+cmp.Or(strings.TrimSpace(p.Name), "the "+noun(p.Role, false)))
	case sw:
		score += m.opt.RequestWeight
		why = append(why, "requested by "+cmp.Or(strings.TrimSpace(s.Name), "the "+noun(s.Role, false)))
	}
	pl, sl := strings.TrimSpace(p.Locality), strings.TrimSpace(s.Locality)
	switch {
	case pl != "" && norm(pl) == norm(sl):
		score += m.opt.LocalityWeight
		why = append(why, "same locality: "+pl)
	case pl != "" && sl != "":
		score += m.opt.OtherLocalityWeight
		if m.opt.OtherLocalityWeight != 0 {
			why = append(why, fmt.Sprintf("different localities: %s and %s", pl, sl))
		}
	}
	if sp := strings.TrimSpace(s.Specialty); sp != "" && wishes(p, sp) {
		score += m.opt.WishWeight
		why = append(why, "specialty wished for: "+sp)
	}
	if sp := strings.TrimSpace(p.Specialty); sp != "" && wishes(s, sp) {
		score += m.opt.WishWeight
		why = append(why, fmt.Sprintf("specialty wished for by the %s: %s", noun(s.Role, false), sp))
	}
	if sp, ok := m.prioritySpecialty(p, s); ok {
		score += m.opt.PriorityWeight
		why = append(why, "priority specialty: "+sp)
	}
	for _, x := range [][2]store.Participant{{p, s}, {s, p}} {
		if sp, ok := m.newSpecialty(x[0], x[1]); ok {
			score += m.opt.NewSpecialtyWeight
			if m.opt.NewSpecialtyWeight != 0 {
				why = append(why, fmt.Sprintf("a specialty new to %s: %s", cmp.Or(strings.TrimSpace(x[0].Name), "them"), sp))
			}
		}
	}
	if locked {
		return Pair{Primary: p, Secondary: s, Locked: true, Score: score, Reason: "locked by the organiser"}
	}
	if len(why) == 0 {
		why = append(why, "no shared locality or wished-for specialty", orgClause(p, s))
	}
	return Pair{Primary: p, Secondary: s, Score: score, Reason: strings.Join(why, "; ")}
}

// prioritySpecialty returns the priority specialty of the pair, if either
// has one: the secondary side's first, as it is usually the specialist.
func (m *matcher) prioritySpecialty(p, s store.Participant) (string, bool) {
	for _, x := range []store.Participant{s, p} {
		sp := strings.TrimSpace(x.Specialty)
		if sp != "" && slices.ContainsFunc(m.opt.PrioritySpecialties, func(q string) bool { return norm(q) == norm(sp) }) {
			return sp, true
		}
	}
	return "", false
}

// newSpecialty returns the partner's specialty when x had partners in
// earlier rounds and none of them had it.
func (m *matcher) newSpecialty(x, partner store.Participant) (string, bool) {
	earlier := m.earlier[historyKey(x)]
	sp := strings.TrimSpace(partner.Specialty)
	if sp == "" || !slices.ContainsFunc(earlier, func(e string) bool { return norm(e) != "" }) {
		return "", false
	}
	if slices.ContainsFunc(earlier, func(e string) bool { return norm(e) == norm(sp) }) {
		return "", false
	}
	return sp, true
}

func wishes(p store.Participant, specialty string) bool {
	return slices.ContainsFunc(p.Wishes, func(w string) bool { return norm(w) == norm(specialty) })
}

// orgClause says what is known about the two organisations; a pair is only
// made when they differ or one is not recorded, and the reason says which.
func orgClause(p, s store.Participant) string {
	var missing []string
	for _, x := range []store.Participant{p, s} {
		if strings.TrimSpace(x.Organisation) == "" {
			missing = append(missing, cmp.Or(strings.TrimSpace(x.Name), fmt.Sprintf("participant %d", x.ID)))
		}
	}
	if len(missing) == 0 {
		return "different organisations"
	}
	return "organisation not recorded for " + strings.Join(missing, " and ")
}

func neitherWhy(r store.Role) string {
	if r == "" {
		return "no role recorded, so they are on neither side of the matching"
	}
	return fmt.Sprintf("role %s is on neither side of the matching", r.Label())
}

// unpairedWhy explains why x, at index xi on its side, was left out. others
// is the pool on the other side, mySide and otherSide how many places are
// left on each side, otherAll how many people on the other side there are
// in the round in all, multi whether anyone takes several partners.
func (m *matcher) unpairedWhy(x person, xi int, others []person, before map[[2]int]bool, primary bool, mySide, otherSide, otherAll int, multi bool) string {
	mine, theirs := m.opt.PrimaryRoles, m.opt.SecondaryRoles
	if !primary {
		mine, theirs = theirs, mine
	}
	if len(others) == 0 {
		if otherAll == 0 {
			return fmt.Sprintf("there are no %s in the round", sideNoun(theirs, true))
		}
		return fmt.Sprintf("every %s is already in a locked pair", sideNoun(theirs, false))
	}
	var nAllowed, nOrg, nBefore int
	for k := range others {
		a, b, i, j := &x, &others[k], xi, k
		if !primary {
			a, b, i, j = b, a, j, i
		}
		switch {
		case a.org != 0 && a.org == b.org:
			nOrg++
		case before[[2]int{i, j}]:
			nBefore++
		default:
			nAllowed++
		}
	}
	if nAllowed == 0 {
		var parts []string
		if nOrg > 0 {
			parts = append(parts, fmt.Sprintf("%d %s from the same organisation (%s)",
				nOrg, isAre(nOrg), strings.TrimSpace(x.p.Organisation)))
		}
		if nBefore > 0 {
			parts = append(parts, fmt.Sprintf("%d %s paired with them in an earlier round", nBefore, wasWere(nBefore)))
		}
		return fmt.Sprintf("no %s left who is not from the same organisation or already paired with them: %s",
			sideNoun(theirs, false), strings.Join(parts, " and "))
	}
	why := ""
	switch {
	case mySide > otherSide && multi:
		why = fmt.Sprintf("more places for %s than for %s left to fill (%d and %d); ",
			sideNoun(mine, true), sideNoun(theirs, true), mySide, otherSide)
	case mySide > otherSide:
		why = fmt.Sprintf("more %s than %s left to pair (%d and %d); ",
			sideNoun(mine, true), sideNoun(theirs, true), mySide, otherSide)
	}
	switch {
	case multi && nAllowed == 1:
		why += fmt.Sprintf("the one %s they could be paired with has every place taken by other %s",
			sideNoun(theirs, false), sideNoun(mine, true))
	case multi:
		why += fmt.Sprintf("all %d %s they could be paired with have every place taken by other %s",
			nAllowed, sideNoun(theirs, true), sideNoun(mine, true))
	case nAllowed == 1:
		why += fmt.Sprintf("the one %s they could be paired with is paired with another %s",
			sideNoun(theirs, false), sideNoun(mine, false))
	default:
		why += fmt.Sprintf("all %d %s they could be paired with are paired with other %s",
			nAllowed, sideNoun(theirs, true), sideNoun(mine, true))
	}
	if multi {
		return why + ", and pairing them instead would not pair more people or meet more preferences"
	}
	return why + ", and pairing them instead would leave someone else unpaired"
}

func isAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}

func wasWere(n int) string {
	if n == 1 {
		return "was"
	}
	return "were"
}

// noun is a role as it reads mid-sentence: "GP", "consultant", "support
// workers".
func noun(r store.Role, plural bool) string {
	l := r.Label()
	if l != strings.ToUpper(l) {
		l = strings.ToLower(l)
	}
	if plural {
		l += "s"
	}
	return l
}

// sideNoun names a side by its roles: "consultant", "GPs or nurses".
func sideNoun(roles []store.Role, plural bool) string {
	var n []string
	for _, r := range roles {
		n = append(n, noun(r, plural))
	}
	switch len(n) {
	case 0:
		if plural {
			return "people"
		}
		return "person"
	case 1:
		return n[0]
	}
	return strings.Join(n[:len(n)-1], ", ") + " or " + n[len(n)-1]
}
