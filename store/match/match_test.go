package match_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/liaisonapp/liaison/store"
	"github.com/liaisonapp/liaison/store/match"
)

func gp(id int64, name, org, loc string, wishes ...string) store.Participant {
	return store.Participant{ID: id, Name: name, Email: strings.ToLower(name) + "@nhs.net", Role: store.RoleGP,
		Organisation: org, Locality: loc, Wishes: wishes}
}

func consultant(id int64, name, org, loc, specialty string) store.Participant {
	return store.Participant{ID: id, Name: name, Email: strings.ToLower(name) + "@nhs.net", Role: store.RoleConsultant,
		Organisation: org, Locality: loc, Specialty: specialty}
}

// pairs renders the pairs as "Primary-Secondary" by name, in result order.
func pairs(r match.Result) []string {
	var out []string
	for _, p := range r.Pairs {
		out = append(out, p.Primary.Name+"-"+p.Secondary.Name)
	}
	return out
}

func unpaired(r match.Result) map[string]string {
	out := map[string]string{}
	for _, u := range r.Unpaired {
		out[u.Person.Name] = u.Why
	}
	return out
}

func TestSuggestHardRules(t *testing.T) {
	t.Run("OnePrimaryWithOneSecondary", func(t *testing.T) {
		in := match.Input{People: []store.Participant{
			gp(1, "Ann", "P1", ""), gp(2, "Bob", "P2", ""), gp(3, "Cat", "P3", ""),
			consultant(4, "Dan", "T1", "", ""),
		}}
		r := match.Suggest(in, match.DefaultOptions())
		if got, want := pairs(r), []string{"Ann-Dan"}; !slices.Equal(got, want) {
			t.Fatalf("pairs = %v, want %v (GPs are never paired with each other)", got, want)
		}
		for _, p := range r.Pairs {
			if p.Primary.Role != store.RoleGP || p.Secondary.Role != store.RoleConsultant {
				t.Fatalf("pair %+v is not GP with consultant", p)
			}
		}
		if got, want := len(r.Unpaired), 2; got != want {
			t.Fatalf("unpaired = %d, want %d", got, want)
		}
	})

	t.Run("NeverSameOrganisation", func(t *testing.T) {
		in := match.Input{People: []store.Participant{
			gp(1, "Ann", " Royal Hampshire ", "East"),
			consultant(2, "Dan", "royal hampshire", "East", ""),
		}}
		r := match.Suggest(in, match.DefaultOptions())
		if got := pairs(r); len(got) != 0 {
			t.Fatalf("pairs = %v, want none: same organisation ignoring case and spaces", got)
		}
	})

	t.Run("EmptyOrganisationNeverConflicts", func(t *testing.T) {
		in := match.Input{People: []store.Participant{gp(1, "Ann", "", ""), consultant(2, "Dan", "", "", "")}}
		r := match.Suggest(in, match.DefaultOptions())
		if got, want := pairs(r), []string{"Ann-Dan"}; !slices.Equal(got, want) {
			t.Fatalf("pairs = %v, want %v", got, want)
		}
	})

	t.Run("NeverPairedBefore", func(t *testing.T) {
		noEmail := consultant(3, "Eve Ng", "T1", "", "")
		noEmail.Email = ""
		in := match.Input{
			People: []store.Participant{gp(1, "Ann", "P1", ""), consultant(2, "Dan", "T1", "", ""), noEmail},
			// Ann was paired with both before: Dan by email, Eve by name.
			PairedBefore: [][2]string{{"dan@nhs.net", "ann@nhs.net"}, {"ann@nhs.net", "eve ng"}},
		}
		r := match.Suggest(in, match.DefaultOptions())
		if got := pairs(r); len(got) != 0 {
			t.Fatalf("pairs = %v, want none: Ann was paired with both in an earlier round", got)
		}
		in.PairedBefore = in.PairedBefore[:1]
		r = match.Suggest(in, match.DefaultOptions())
		if got, want := pairs(r), []string{"Ann-Eve Ng"}; !slices.Equal(got, want) {
			t.Fatalf("pairs = %v, want %v", got, want)
		}
	})

	t.Run("LockedPairsKept", func(t *testing.T) {
		// Ann-Dan would score best, but the organiser locked Ann with Eve,
		// even though they share an organisation.
		in := match.Input{
			People: []store.Participant{
				gp(1, "Ann", "P1", "East", "Cardiology"), gp(2, "Bob", "P2", "West"),
				consultant(3, "Dan", "T1", "East", "Cardiology"), consultant(4, "Eve", "P1", "West", ""),
			},
			Locked: []store.Pairing{{PrimaryID: 1, SecondaryID: 4, Locked: true}},
		}
		r := match.Suggest(in, match.DefaultOptions())
		if got, want := pairs(r), []string{"Ann-Eve", "Bob-Dan"}; !slices.Equal(got, want) {
			t.Fatalf("pairs = %v, want %v", got, want)
		}
		if !r.Pairs[0].Locked || r.Pairs[1].Locked {
			t.Fatalf("locked flags = %v, %v; want true, false", r.Pairs[0].Locked, r.Pairs[1].Locked)
		}
	})

	t.Run("RoleOnNeitherSide", func(t *testing.T) {
		nurse := store.Participant{ID: 1, Name: "Nia", Role: store.RoleNurse, Organisation: "P1"}
		in := match.Input{People: []store.Participant{nurse, consultant(2, "Dan", "T1", "", "")}}
		r := match.Suggest(in, match.DefaultOptions())
		if got, want := unpaired(r)["Nia"], "role Nurse is on neither side of the matching"; got != want {
			t.Fatalf("why = %q, want %q", got, want)
		}
		opt := match.DefaultOptions()
		opt.PrimaryRoles = append(opt.PrimaryRoles, store.RoleNurse)
		r = match.Suggest(in, opt)
		if got, want := pairs(r), []string{"Nia-Dan"}; !slices.Equal(got, want) {
			t.Fatalf("with nurses on the primary side: pairs = %v, want %v", got, want)
		}
	})
}

// trapInput is a 3 × 3 round where the best-looking pair is a trap. Ann and
// Dan share a locality and Ann wished for Dan's specialty (score 5), but Dan
// is the only consultant Bob may have (he was paired with Eve and Fay
// before). Taking Ann-Dan first, as a greedy pass does, strands Bob. The
// optimum, by hand: Bob-Dan (0), then Cat-Fay share North (2) and Ann-Eve
// (0): three pairs, weight 2. The other full matching, Ann-Fay + Cat-Eve,
// weighs 0.
func trapInput() match.Input {
	return match.Input{
		People: []store.Participant{
			gp(1, "Ann", "P1", "East", "Cardiology"), gp(2, "Bob", "P2", "West"), gp(3, "Cat", "P3", "North"),
			consultant(4, "Dan", "T1", "East", "Cardiology"), consultant(5, "Eve", "T2", "West", "Renal"),
			consultant(6, "Fay", "T2", "North", "Renal"),
		},
		PairedBefore: [][2]string{{"bob@nhs.net", "eve@nhs.net"}, {"bob@nhs.net", "fay@nhs.net"}},
	}
}

// split separates GPs from consultants, the only roles these tests use.
func split(people []store.Participant) (gps, cons []store.Participant) {
	for _, p := range people {
		if p.Role == store.RoleGP {
			gps = append(gps, p)
		} else {
			cons = append(cons, p)
		}
	}
	return gps, cons
}

// greedy pairs the highest-scoring allowed pair first, as a hand-made
// spreadsheet would. It is here only to show the trap catches it.
func greedy(in match.Input, opt match.Options) int {
	gps, cons := split(in.People)
	used := map[int64]bool{}
	n := 0
	for len(used) < 2*min(len(gps), len(cons)) {
		best, bi, bj := -1.0, -1, -1
		for i, g := range gps {
			for j, c := range cons {
				if s := score(g, c, opt); !used[g.ID] && !used[c.ID] && allowed(g, c, in.PairedBefore) && s > best {
					best, bi, bj = s, i, j
				}
			}
		}
		if bi < 0 {
			break
		}
		used[gps[bi].ID], used[cons[bj].ID] = true, true
		n++
	}
	return n
}

func TestSuggestBeatsGreedyTrap(t *testing.T) {
	in, opt := trapInput(), match.DefaultOptions()
	if got, want := greedy(in, opt), 2; got != want {
		t.Fatalf("greedy made %d pairs, want %d: the trap no longer traps", got, want)
	}
	r := match.Suggest(in, opt)
	if got, want := pairs(r), []string{"Ann-Eve", "Bob-Dan", "Cat-Fay"}; !slices.Equal(got, want) {
		t.Fatalf("pairs = %v, want %v", got, want)
	}
	if got, want := total(r), 2.0; got != want {
		t.Fatalf("total weight = %v, want %v", got, want)
	}
	if got := len(r.Unpaired); got != 0 {
		t.Fatalf("unpaired = %v, want none", r.Unpaired)
	}
}

// TestSuggestBeatsGreedyOnWeight: with everyone pairable, the best pair
// first (Ann-Dan, 5) forces Bob-Eve (0), total 5; Ann-Eve (3) + Bob-Dan (3)
// is 6.
func TestSuggestBeatsGreedyOnWeight(t *testing.T) {
	in := match.Input{People: []store.Participant{
		gp(1, "Ann", "P1", "East", "Cardiology", "Geriatric medicine"), gp(2, "Bob", "P2", "South", "Cardiology"),
		consultant(3, "Dan", "T1", "East", "Cardiology"), consultant(4, "Eve", "T1", "North", "Geriatric medicine"),
	}}
	r := match.Suggest(in, match.DefaultOptions())
	if got, want := pairs(r), []string{"Ann-Eve", "Bob-Dan"}; !slices.Equal(got, want) {
		t.Fatalf("pairs = %v, want %v", got, want)
	}
	if got, want := total(r), 6.0; got != want {
		t.Fatalf("total weight = %v, want %v", got, want)
	}
}

func total(r match.Result) float64 {
	var s float64
	for _, p := range r.Pairs {
		s += p.Score
	}
	return s
}

// score and allowed restate the rules independently of the package, for the
// brute-force check.
func score(p, s store.Participant, opt match.Options) float64 {
	var v float64
	if p.Locality != "" && strings.EqualFold(strings.TrimSpace(p.Locality), strings.TrimSpace(s.Locality)) {
		v += opt.LocalityWeight
	}
	for _, w := range p.Wishes {
		if s.Specialty != "" && strings.EqualFold(w, s.Specialty) {
			v += opt.WishWeight
			break
		}
	}
	for _, w := range s.Wishes {
		if p.Specialty != "" && strings.EqualFold(w, p.Specialty) {
			v += opt.WishWeight
			break
		}
	}
	return v
}

func key(p store.Participant) string {
	if p.Email != "" {
		return strings.ToLower(p.Email)
	}
	return strings.ToLower(p.Name)
}

func allowed(p, s store.Participant, before [][2]string) bool {
	if o := strings.TrimSpace(p.Organisation); o != "" && strings.EqualFold(o, strings.TrimSpace(s.Organisation)) {
		return false
	}
	for _, b := range before {
		if b == [2]string{key(p), key(s)} || b == [2]string{key(s), key(p)} {
			return false
		}
	}
	return true
}

// bruteForce tries every matching of gps to cons and returns the most pairs
// and, for that many, the highest total weight.
func bruteForce(gps, cons []store.Participant, before [][2]string, opt match.Options) (int, float64) {
	used := make([]bool, len(cons))
	bestN, bestW := 0, 0.0
	var try func(i, n int, w float64)
	try = func(i, n int, w float64) {
		if i == len(gps) {
			if n > bestN || n == bestN && w > bestW+1e-9 {
				bestN, bestW = n, w
			}
			return
		}
		try(i+1, n, w) // gps[i] left unpaired
		for j, c := range cons {
			if !used[j] && allowed(gps[i], c, before) {
				used[j] = true
				try(i+1, n+1, w+score(gps[i], c, opt))
				used[j] = false
			}
		}
	}
	try(0, 0, 0)
	return bestN, bestW
}

// randomRound makes a round of nGP GPs and nCons consultants with few
// organisations, localities and specialties, so that rules and preferences
// collide often.
func randomRound(rng *rand.Rand, nGP, nCons int) match.Input {
	orgs := []string{"", "P1", "P2", "T1", "t1 ", "T2"}
	locs := []string{"", "East", "west", "West", "North"}
	specs := []string{"Cardiology", "Renal", "Geriatric medicine", "General practice"}
	pick := func(xs []string) string { return xs[rng.IntN(len(xs))] }
	var in match.Input
	id := int64(0)
	for k := range nGP + nCons {
		id += 1 + int64(rng.IntN(3))
		p := store.Participant{ID: id, Name: fmt.Sprintf("Person %d", id), Email: fmt.Sprintf("p%d@nhs.net", id),
			Organisation: pick(orgs), Locality: pick(locs), Specialty: pick(specs)}
		if rng.IntN(4) == 0 {
			p.Email = ""
		}
		p.Role = store.RoleGP
		if k >= nGP {
			p.Role = store.RoleConsultant
		}
		for range rng.IntN(3) {
			p.Wishes = append(p.Wishes, pick(specs))
		}
		in.People = append(in.People, p)
	}
	for range rng.IntN(4) * min(1, len(in.People)) {
		a, b := in.People[rng.IntN(len(in.People))], in.People[rng.IntN(len(in.People))]
		in.PairedBefore = append(in.PairedBefore, [2]string{key(a), key(b)})
	}
	return in
}

func TestSuggestMatchesBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	opts := []match.Options{match.DefaultOptions(), {LocalityWeight: 1, WishWeight: 0.5}, {LocalityWeight: 5, WishWeight: 1}}
	for c := range 300 {
		nGP, nCons := rng.IntN(8), rng.IntN(8)
		in, opt := randomRound(rng, nGP, nCons), opts[c%len(opts)]
		t.Run(fmt.Sprintf("case%d_%dx%d", c, nGP, nCons), func(t *testing.T) {
			gps, cons := split(in.People)
			r := match.Suggest(in, opt)
			wantN, wantW := bruteForce(gps, cons, in.PairedBefore, opt)
			seen := map[int64]bool{}
			for _, p := range r.Pairs {
				if !allowed(p.Primary, p.Secondary, in.PairedBefore) {
					t.Fatalf("pair %s-%s breaks a hard rule", p.Primary.Name, p.Secondary.Name)
				}
				if got, want := p.Score, score(p.Primary, p.Secondary, opt); got != want {
					t.Fatalf("pair %s-%s score = %v, want %v", p.Primary.Name, p.Secondary.Name, got, want)
				}
				if seen[p.Primary.ID] || seen[p.Secondary.ID] {
					t.Fatalf("someone is in two pairs: %v", pairs(r))
				}
				seen[p.Primary.ID], seen[p.Secondary.ID] = true, true
			}
			if got, want := len(r.Pairs), wantN; got != want {
				t.Fatalf("pairs = %d, want %d (brute force)", got, want)
			}
			if got, want := total(r), wantW; math.Abs(got-want) > 1e-9 {
				t.Fatalf("total weight = %v, want %v (brute force)", got, want)
			}
			if got, want := len(r.Pairs)*2+len(r.Unpaired), len(in.People); got != want {
				t.Fatalf("people accounted for = %d, want %d", got, want)
			}
		})
	}
}

func TestSuggestDeterministic(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	in := randomRound(rng, 40, 35)
	// Identical people, so many matchings tie.
	for k := range 10 {
		in.People = append(in.People, gp(int64(1000+k), "Twin", "P9", "East", "Renal"))
	}
	in.Locked = []store.Pairing{{PrimaryID: in.People[0].ID, SecondaryID: in.People[45].ID},
		{PrimaryID: in.People[1].ID, SecondaryID: in.People[46].ID}}
	want := match.Suggest(in, match.DefaultOptions())
	for k := range 20 {
		sh := match.Input{People: slices.Clone(in.People), Locked: slices.Clone(in.Locked),
			PairedBefore: slices.Clone(in.PairedBefore)}
		rng.Shuffle(len(sh.People), func(i, j int) { sh.People[i], sh.People[j] = sh.People[j], sh.People[i] })
		rng.Shuffle(len(sh.Locked), func(i, j int) { sh.Locked[i], sh.Locked[j] = sh.Locked[j], sh.Locked[i] })
		rng.Shuffle(len(sh.PairedBefore), func(i, j int) {
			sh.PairedBefore[i], sh.PairedBefore[j] = sh.PairedBefore[j], sh.PairedBefore[i]
		})
		if got := match.Suggest(sh, match.DefaultOptions()); !reflect.DeepEqual(got, want) {
			t.Fatalf("shuffle %d gave a different result:\n got %v\nwant %v", k, pairs(got), pairs(want))
		}
	}
}

func TestSuggestTiesGoToLowerID(t *testing.T) {
	t.Run("TwoEqualGPs", func(t *testing.T) {
		in := match.Input{People: []store.Participant{
			gp(7, "Ann", "P1", "East"), gp(3, "Bob", "P1", "East"), consultant(5, "Dan", "T1", "East", ""),
		}}
		if got, want := pairs(match.Suggest(in, match.DefaultOptions())), []string{"Bob-Dan"}; !slices.Equal(got, want) {
			t.Fatalf("pairs = %v, want %v", got, want)
		}
	})
	t.Run("TwoEqualConsultants", func(t *testing.T) {
		in := match.Input{People: []store.Participant{
			gp(1, "Ann", "P1", "East"), consultant(9, "Dan", "T1", "East", ""), consultant(4, "Eve", "T1", "East", ""),
		}}
		if got, want := pairs(match.Suggest(in, match.DefaultOptions())), []string{"Ann-Eve"}; !slices.Equal(got, want) {
			t.Fatalf("pairs = %v, want %v", got, want)
		}
	})
}

func TestSuggestReasons(t *testing.T) {
	withWish := consultant(4, "Dan", "T1", "East", "Geriatric medicine")
	withWish.Wishes = []string{"general practice"}
	gpSpecialty := gp(1, "Ann", "P1", "east", "Geriatric Medicine")
	gpSpecialty.Specialty = "General practice"
	tests := []struct {
		name   string
		p, s   store.Participant
		locked bool
		want   string
	}{
		{"LocalityAndWish", gp(1, "Ann", "P1", "East", "geriatric medicine"),
			consultant(4, "Dan", "T1", " east", "Geriatric medicine"), false,
			"same locality: East; specialty wished for: Geriatric medicine"},
		{"WishesBothWays", gpSpecialty, withWish, false,
			"same locality: east; specialty wished for: Geriatric medicine; specialty wished for by the consultant: General practice"},
		{"Nothing", gp(1, "Ann", "P1", "East", "Renal"), consultant(4, "Dan", "T1", "West", "Cardiology"), false,
			"no shared locality or wished-for specialty; different organisations"},
		{"OrganisationMissing", gp(1, "Ann", "", "East"), consultant(4, "Dan", "T1", "", ""), false,
			"no shared locality or wished-for specialty; organisation not recorded for Ann"},
		{"Locked", gp(1, "Ann", "P1", "East"), consultant(4, "Dan", "T1", "East", ""), true,
			"locked by the organiser"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := match.Input{People: []store.Participant{tt.p, tt.s}}
			if tt.locked {
				in.Locked = []store.Pairing{{PrimaryID: tt.p.ID, SecondaryID: tt.s.ID}}
			}
			r := match.Suggest(in, match.DefaultOptions())
			if len(r.Pairs) != 1 {
				t.Fatalf("pairs = %v, want one", pairs(r))
			}
			if got := r.Pairs[0].Reason; got != tt.want {
				t.Fatalf("reason = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestSuggestUnpairedWhy(t *testing.T) {
	tests := []struct {
		name   string
		in     match.Input
		person string
		want   string
	}{
		{"NoConsultants", match.Input{People: []store.Participant{gp(1, "Ann", "P1", "")}},
			"Ann", "there are no consultants in the round"},
		{"AllConsultantsLocked", match.Input{
			People: []store.Participant{gp(1, "Ann", "P1", ""), gp(2, "Bob", "P2", ""), consultant(3, "Dan", "T1", "", "")},
			Locked: []store.Pairing{{PrimaryID: 1, SecondaryID: 3}}},
			"Bob", "every consultant is already in a locked pair"},
		{"SameOrganisationOrPairedBefore", match.Input{
			People: []store.Participant{gp(1, "Ann", "Royal Hampshire", ""), consultant(2, "Dan", "royal hampshire", "", ""),
				consultant(3, "Eve", "ROYAL HAMPSHIRE", "", ""), consultant(4, "Fay", "T2", "", ""), gp(5, "Bob", "P2", "")},
			PairedBefore: [][2]string{{"ann@nhs.net", "fay@nhs.net"}}},
			"Ann", "no consultant left who is not from the same organisation or already paired with them: " +
				"2 are from the same organisation (Royal Hampshire) and 1 was paired with them in an earlier round"},
		{"MoreGPsThanConsultants", match.Input{
			People: []store.Participant{gp(1, "Ann", "P1", ""), gp(2, "Bob", "P2", ""), gp(3, "Cat", "P3", ""),
				consultant(4, "Dan", "T1", "", ""), consultant(5, "Eve", "T1", "", "")}},
			"Cat", "more GPs than consultants left to pair (3 and 2); all 2 consultants they could be paired with " +
				"are paired with other GPs, and pairing them instead would leave someone else unpaired"},
		{"OnlyPartnerTaken", match.Input{
			People: []store.Participant{gp(1, "Ann", "P1", ""), gp(2, "Bob", "P2", ""),
				consultant(3, "Dan", "T1", "", ""), consultant(4, "Eve", "P2", "", "")},
			PairedBefore: [][2]string{{"ann@nhs.net", "eve@nhs.net"}}},
			"Bob", "the one consultant they could be paired with is paired with another GP, " +
				"and pairing them instead would leave someone else unpaired"},
		{"ConsultantSide", match.Input{
			People: []store.Participant{gp(1, "Ann", "T1", ""), consultant(2, "Dan", "T1", "", "")}},
			"Dan", "no GP left who is not from the same organisation or already paired with them: " +
				"1 is from the same organisation (T1)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := unpaired(match.Suggest(tt.in, match.DefaultOptions()))[tt.person]
			if !ok {
				t.Fatalf("%s was paired, want unpaired", tt.person)
			}
			if got != tt.want {
				t.Fatalf("why = %q\nwant  %q", got, tt.want)
			}
		})
	}
}

// bigRound is a realistic large round: 1,000 GPs from 100 practices and
// 1,000 consultants from 3 trusts, 3 localities, 12 specialties, a few
// wishes each, and some pairs from an earlier round.
func bigRound(n int) match.Input {
	rng := rand.New(rand.NewPCG(5, 6))
	locs := []string{"East", "West", "North"}
	specs := []string{"Cardiology", "Renal", "Geriatric medicine", "Respiratory", "Diabetes", "Dermatology",
		"Gastroenterology", "Neurology", "Paediatrics", "Psychiatry", "Rheumatology", "Urology"}
	var in match.Input
	for i := range n {
		g := gp(int64(i+1), fmt.Sprintf("GP%d", i), fmt.Sprintf("Practice %d", i%100), locs[rng.IntN(3)])
		for range 1 + rng.IntN(3) {
			g.Wishes = append(g.Wishes, specs[rng.IntN(len(specs))])
		}
		in.People = append(in.People, g)
		c := consultant(int64(n+i+1), fmt.Sprintf("C%d", i), fmt.Sprintf("Trust %d", i%3), locs[rng.IntN(3)],
			specs[rng.IntN(len(specs))])
		if rng.IntN(5) == 0 {
			c.Wishes = []string{"General practice"}
		}
		in.People = append(in.People, c)
	}
	for range n / 10 {
		in.PairedBefore = append(in.PairedBefore, [2]string{
			fmt.Sprintf("gp%d@nhs.net", rng.IntN(n)), fmt.Sprintf("c%d@nhs.net", rng.IntN(n))})
	}
	return in
}

func BenchmarkSuggest1000x1000(b *testing.B) {
	in := bigRound(1000)
	var r match.Result
	for b.Loop() {
		r = match.Suggest(in, match.DefaultOptions())
	}
	b.ReportMetric(float64(len(r.Pairs)), "pairs")
}

// TestSuggestKeepsCurrentPairsOnTies checks that stored unlocked pairs are
// kept when nothing better is on offer, and given up only for more weight.
func TestSuggestKeepsCurrentPairsOnTies(t *testing.T) {
	stored := func(p, s int64) store.Pairing { return store.Pairing{PrimaryID: p, SecondaryID: s} }
	tests := []struct {
		name    string
		people  []store.Participant
		current []store.Pairing
		want    []string
	}{
		{"NoPreferences", []store.Participant{
			gp(1, "Ann", "P1", ""), gp(2, "Bea", "P2", ""),
			consultant(3, "Cy", "T1", "", ""), consultant(4, "Dee", "T1", "", "")},
			[]store.Pairing{stored(1, 4), stored(2, 3)},
			[]string{"Ann-Dee", "Bea-Cy"}},
		{"EqualWeightEitherWay", []store.Participant{
			gp(1, "Ann", "P1", "East"), gp(2, "Bea", "P2", "East"),
			consultant(3, "Cy", "T1", "East", ""), consultant(4, "Dee", "T1", "East", "")},
			[]store.Pairing{stored(1, 4)},
			[]string{"Ann-Dee", "Bea-Cy"}},
		{"BetterWeightWins", []store.Participant{
			gp(1, "Ann", "P1", "East"), gp(2, "Bea", "P2", "West"),
			consultant(3, "Cy", "T1", "East", ""), consultant(4, "Dee", "T1", "West", "")},
			[]store.Pairing{stored(1, 4), stored(2, 3)},
			[]string{"Ann-Cy", "Bea-Dee"}},
		{"MorePairsWin", []store.Participant{
			gp(1, "Ann", "P1", ""), gp(2, "Bea", "T2", ""),
			consultant(3, "Cy", "T1", "", ""), consultant(4, "Dee", "T2", "", "")},
			[]store.Pairing{stored(1, 3)},
			[]string{"Ann-Dee", "Bea-Cy"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := pairs(match.Suggest(match.Input{People: tt.people, Current: tt.current}, match.DefaultOptions()))
			if !slices.Equal(got, tt.want) {
				t.Fatalf("pairs = %v, want %v", got, tt.want)
			}
		})
	}
}

// BenchmarkSuggest1000x1000Stored is the big round asked again after every
// GP has a stored pair, which turns on the keep-stored-pairs tie-break.
func BenchmarkSuggest1000x1000Stored(b *testing.B) {
	in := bigRound(1000)
	for i := range 1000 {
		in.Current = append(in.Current, store.Pairing{PrimaryID: int64(i + 1), SecondaryID: int64(1000 + (i+7)%1000 + 1)})
	}
	var r match.Result
	for b.Loop() {
		r = match.Suggest(in, match.DefaultOptions())
	}
	b.ReportMetric(float64(len(r.Pairs)), "pairs")
}
