package match_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/liaisonapp/liaison/store"
	"github.com/liaisonapp/liaison/store/match"
)

// requested restates the request rule: x named y by email or by name
// (ignoring case and a leading "Dr").
func requested(x, y store.Participant) bool {
	r := strings.ToLower(strings.TrimSpace(x.Request))
	if r == "" {
		return false
	}
	if strings.Contains(r, "@") {
		return r == strings.ToLower(y.Email)
	}
	return strings.TrimPrefix(r, "dr ") == strings.ToLower(y.Name)
}

// bruteForcePlaces tries every set of pairs in which each person is in at
// most as many pairs as their places and the same two at most once, and
// returns the most pairs and, for that many, the highest total weight.
func bruteForcePlaces(gps, cons []store.Participant, before [][2]string, sc func(p, s store.Participant) float64) (int, float64) {
	left := make([]int, len(cons))
	for j, c := range cons {
		left[j] = c.PlacesOrOne()
	}
	bestN, bestW := 0, math.Inf(-1)
	var try func(i, from, room, n int, w float64)
	// try gives gps[i] partners among cons[from:], with room places left.
	try = func(i, from, room, n int, w float64) {
		if i == len(gps) {
			if n > bestN || n == bestN && w > bestW+1e-9 {
				bestN, bestW = n, w
			}
			return
		}
		// No more partners for gps[i]: on to the next GP.
		next := 0
		if i+1 < len(gps) {
			next = gps[i+1].PlacesOrOne()
		}
		try(i+1, 0, next, n, w)
		if room == 0 {
			return
		}
		for j := from; j < len(cons); j++ {
			if left[j] > 0 && allowed(gps[i], cons[j], before) {
				left[j]--
				try(i, j+1, room-1, n+1, w+sc(gps[i], cons[j]))
				left[j]++
			}
		}
	}
	if len(gps) == 0 {
		return 0, 0
	}
	try(0, 0, gps[0].PlacesOrOne(), 0, 0)
	return bestN, bestW
}

func TestSuggestPlacesMatchBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	opts := []match.Options{match.DefaultOptions(), {LocalityWeight: 1, WishWeight: 0.5, RequestWeight: 2}, {LocalityWeight: 5, RequestWeight: -1}}
	for c := range 400 {
		nGP, nCons := rng.IntN(6), rng.IntN(5)
		in, opt := randomRound(rng, nGP, nCons), opts[c%len(opts)]
		for k := range in.People {
			p := &in.People[k]
			if rng.IntN(3) == 0 {
				p.Places = 1 + rng.IntN(3)
			}
			if rng.IntN(3) == 0 && len(in.People) > 0 {
				other := in.People[rng.IntN(len(in.People))]
				p.Request = other.Name
				if rng.IntN(2) == 0 {
					p.Request = "Dr " + strings.ToUpper(other.Name)
				}
				if other.Email != "" && rng.IntN(3) == 0 {
					p.Request = other.Email
				}
			}
		}
		t.Run(fmt.Sprintf("case%d_%dx%d", c, nGP, nCons), func(t *testing.T) {
			gps, cons := split(in.People)
			sc := func(p, s store.Participant) float64 {
				v := score(p, s, opt)
				if requested(p, s) {
					v += opt.RequestWeight
				}
				if requested(s, p) {
					v += opt.RequestWeight
				}
				return v
			}
			r := match.Suggest(in, opt)
			wantN, wantW := bruteForcePlaces(gps, cons, in.PairedBefore, sc)
			uses := map[int64]int{}
			seen := map[[2]int64]bool{}
			for _, p := range r.Pairs {
				if !allowed(p.Primary, p.Secondary, in.PairedBefore) {
					t.Fatalf("pair %s-%s breaks a hard rule", p.Primary.Name, p.Secondary.Name)
				}
				if got, want := p.Score, sc(p.Primary, p.Secondary); math.Abs(got-want) > 1e-9 {
					t.Fatalf("pair %s-%s score = %v, want %v (%s)", p.Primary.Name, p.Secondary.Name, got, want, p.Reason)
				}
				k := [2]int64{p.Primary.ID, p.Secondary.ID}
				if seen[k] {
					t.Fatalf("%s and %s are paired twice", p.Primary.Name, p.Secondary.Name)
				}
				seen[k] = true
				uses[p.Primary.ID]++
				uses[p.Secondary.ID]++
			}
			for _, p := range in.People {
				if uses[p.ID] > p.PlacesOrOne() {
					t.Fatalf("%s is in %d pairs with %d places", p.Name, uses[p.ID], p.PlacesOrOne())
				}
			}
			for _, u := range r.Unpaired {
				if uses[u.Person.ID] > 0 {
					t.Fatalf("%s is paired and listed as unpaired", u.Person.Name)
				}
			}
			if got, want := len(r.Pairs), wantN; got != want {
				t.Fatalf("pairs = %d, want %d (brute force)", got, want)
			}
			if wantN > 0 {
				if got, want := total(r), wantW; math.Abs(got-want) > 1e-9 {
					t.Fatalf("total weight = %v, want %v (brute force)", got, want)
				}
			}
		})
	}
}

// TestSuggestPlacesWithLocked keeps a locked pair of a host with two places
// and fills the other place, never pairing the locked two again.
func TestSuggestPlacesWithLocked(t *testing.T) {
	host := consultant(10, "Hal Host", "T1", "East", "Renal")
	host.Places = 2
	a := gp(1, "Ann", "P1", "East")
	a.Places = 2
	in := match.Input{
		People: []store.Participant{a, gp(2, "Bob", "P2", "West"), host},
		Locked: []store.Pairing{{PrimaryID: 1, SecondaryID: 10}},
	}
	r := match.Suggest(in, match.DefaultOptions())
	if got, want := strings.Join(pairs(r), " "), "Ann-Hal Host Bob-Hal Host"; got != want {
		t.Fatalf("pairs = %s, want %s", got, want)
	}
	if !r.Pairs[0].Locked || r.Pairs[1].Locked {
		t.Fatalf("the locked pair should come first and only it be locked: %+v", r.Pairs)
	}
	if len(r.Unpaired) != 0 {
		t.Fatalf("unpaired = %v; Ann is in a locked pair, so not unpaired", unpaired(r))
	}
}

func TestSuggestRequestReasons(t *testing.T) {
	ann := gp(1, "Ann Ash", "P1", "")
	ann.Request = "Dr Dan Dale"
	bob := gp(2, "Bob Bell", "T1", "")
	bob.Request = "dan@nhs.net"
	cat := gp(3, "Cat Cole", "P3", "")
	cat.Request = "Zed Zulu"
	eve := gp(4, "Eve East", "P4", "")
	eve.Request = "Ann Ash"
	dan := consultant(10, "Dan Dale", "T1", "", "")
	dan.Email = "dan@nhs.net"
	fay := consultant(11, "Fay Ford", "T2", "", "")
	gus := consultant(12, "Gus Gray", "T2", "", "")
	r := match.Suggest(match.Input{People: []store.Participant{ann, bob, cat, eve, dan, fay, gus}}, match.DefaultOptions())
	reasons := map[string]string{}
	for _, p := range r.Pairs {
		reasons[p.Primary.Name] = p.Reason
	}
	for name, why := range unpaired(r) {
		reasons[name] = why
	}
	if !strings.Contains(unpaired(r)["Eve East"], "; they asked for Ann Ash, but") {
		t.Errorf("Eve East, unpaired, is not told why her request failed: %v", unpaired(r))
	}
	for name, want := range map[string]string{
		"Ann Ash":  "requested by Ann Ash",
		"Bob Bell": "Bob Bell asked for Dan Dale, but both work at T1, and the scheme never pairs two people from the same organisation",
		"Cat Cole": `Cat Cole asked to be paired with "Zed Zulu", but nobody in the round has that name or email`,
		"Eve East": "asked for Ann Ash, but both are on the same side of the matching (GPs)",
	} {
		if got, ok := reasons[name]; !ok || !strings.Contains(got, want) {
			t.Errorf("%s: reason %q, want it to contain %q (unpaired: %v)", name, got, want, unpaired(r))
		}
	}
}

// BenchmarkSuggestPlaces500 is a large round where every consultant hosts
// two visitors: 500 GPs and 250 consultants, solved as a b-matching.
func BenchmarkSuggestPlaces500(b *testing.B) {
	in := bigRound(500)
	var people []store.Participant
	for _, p := range in.People {
		if p.Role == store.RoleConsultant {
			if p.ID%2 == 0 {
				continue
			}
			p.Places = 2
		}
		people = append(people, p)
	}
	in.People = people
	var r match.Result
	for b.Loop() {
		r = match.Suggest(in, match.DefaultOptions())
	}
	b.ReportMetric(float64(len(r.Pairs)), "pairs")
}
