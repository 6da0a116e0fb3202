package match_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/liaisonapp/liaison/store"
	"github.com/liaisonapp/liaison/store/match"
)

// managersBothSides is side A: GP, manager; side B: consultant, manager.
func managersBothSides() match.Options {
	opt := match.DefaultOptions()
	opt.PrimaryRoles = []store.Role{store.RoleGP, store.RoleManager}
	opt.SecondaryRoles = []store.Role{store.RoleConsultant, store.RoleManager}
	return opt
}

func manager(id int64, name, org, loc string) store.Participant {
	return store.Participant{ID: id, Name: name, Email: strings.ToLower(name) + "@nhs.net", Role: store.RoleManager,
		Organisation: org, Locality: loc}
}

func TestSuggestManagersWithManagers(t *testing.T) {
	opt := managersBothSides()
	if err := opt.Check(); err != nil {
		t.Fatalf("a role on both sides is refused: %v", err)
	}
	t.Run("TwoManagersPair", func(t *testing.T) {
		in := match.Input{People: []store.Participant{
			gp(1, "Ann", "P1", "East"), consultant(2, "Dan", "T1", "East", "Renal"),
			manager(3, "Mo", "P2", "West"), manager(4, "Meg", "T2", "West"),
		}}
		r := match.Suggest(in, opt)
		if got, want := pairs(r), []string{"Ann-Dan", "Mo-Meg"}; !slices.Equal(got, want) {
			t.Fatalf("pairs = %v, want %v", got, want)
		}
		if len(r.Unpaired) != 0 {
			t.Errorf("unpaired %v", unpaired(r))
		}
		if got := r.Pairs[1].Reason; got != "same locality: West" {
			t.Errorf("the managers' reason is %q", got)
		}
	})
	t.Run("GPStillPairsWithConsultant", func(t *testing.T) {
		// The managers share an organisation, so each goes with the
		// other side's clinician instead, GPs on the primary side.
		in := match.Input{People: []store.Participant{
			gp(1, "Ann", "P1", ""), consultant(2, "Dan", "T1", "", ""),
			manager(3, "Mo", "X", ""), manager(4, "Meg", "X", ""),
		}}
		r := match.Suggest(in, opt)
		if len(r.Pairs) != 2 {
			t.Fatalf("pairs = %v, want 2", pairs(r))
		}
		for _, p := range r.Pairs {
			if p.Primary.Role == store.RoleManager && p.Secondary.Role == store.RoleManager {
				t.Errorf("managers of one organisation paired: %v", pairs(r))
			}
			if p.Primary.Role == store.RoleConsultant || p.Secondary.Role == store.RoleGP {
				t.Errorf("pair %s-%s is the wrong way round", p.Primary.Name, p.Secondary.Name)
			}
		}
	})
	t.Run("NeverThemselves", func(t *testing.T) {
		in := match.Input{People: []store.Participant{manager(3, "Mo", "P2", ""), gp(1, "Ann", "P1", "")}}
		opt := opt
		opt.PrimaryRoles = []store.Role{store.RoleManager, store.RoleGP}
		opt.SecondaryRoles = []store.Role{store.RoleManager}
		r := match.Suggest(in, opt)
		if got, want := pairs(r), []string{"Ann-Mo"}; !slices.Equal(got, want) {
			t.Fatalf("pairs = %v, want %v", got, want)
		}
		r = match.Suggest(match.Input{People: in.People[:1]}, opt)
		if len(r.Pairs) != 0 {
			t.Fatalf("a manager paired alone: %v", pairs(r))
		}
		if got, want := unpaired(r)["Mo"], "there is nobody else in the round they could be paired with (managers or GPs)"; got != want {
			t.Errorf("Mo unpaired because %q, want %q", got, want)
		}
	})
	t.Run("ThreeManagers", func(t *testing.T) {
		// An odd cycle: one pair, the one in the same locality.
		in := match.Input{People: []store.Participant{
			manager(1, "Mo", "A", "East"), manager(2, "Meg", "B", "West"), manager(3, "Max", "C", "West"),
		}}
		r := match.Suggest(in, opt)
		if got, want := pairs(r), []string{"Meg-Max"}; !slices.Equal(got, want) {
			t.Fatalf("pairs = %v, want %v", got, want)
		}
		if why := unpaired(r)["Mo"]; !strings.Contains(why, "paired with others") || !strings.Contains(why, "leave someone else unpaired") {
			t.Errorf("Mo unpaired because %q", why)
		}
	})
	t.Run("HostingPlaces", func(t *testing.T) {
		host := consultant(2, "Dan", "T1", "", "")
		host.Places = 2
		boss := manager(5, "Meg", "T2", "")
		boss.Places = 2
		in := match.Input{People: []store.Participant{
			gp(1, "Ann", "P1", ""), host, gp(3, "Bea", "P3", ""), manager(4, "Mo", "P4", ""), boss, manager(6, "Max", "P6", ""),
		}}
		r := match.Suggest(in, opt)
		if got, want := pairs(r), []string{"Ann-Dan", "Bea-Dan", "Mo-Meg", "Meg-Max"}; !slices.Equal(got, want) {
			t.Fatalf("pairs = %v, want %v", got, want)
		}
	})
	t.Run("PlacesNeverPairTwice", func(t *testing.T) {
		a, b := manager(1, "Mo", "A", ""), manager(2, "Meg", "B", "")
		a.Places, b.Places = 3, 3
		r := match.Suggest(match.Input{People: []store.Participant{a, b}}, opt)
		if got, want := pairs(r), []string{"Mo-Meg"}; !slices.Equal(got, want) {
			t.Fatalf("pairs = %v, want %v", got, want)
		}
	})
	t.Run("LockedAndHistory", func(t *testing.T) {
		a, b, c := manager(1, "Mo", "A", ""), manager(2, "Meg", "B", ""), manager(3, "Max", "C", "")
		in := match.Input{People: []store.Participant{a, b, c}, PairedBefore: [][2]string{{"mo@nhs.net", "meg@nhs.net"}},
			Locked: []store.Pairing{{PrimaryID: 2, SecondaryID: 3}}}
		r := match.Suggest(in, opt)
		if got, want := pairs(r), []string{"Meg-Max"}; !slices.Equal(got, want) || !r.Pairs[0].Locked {
			t.Fatalf("pairs = %v, want the locked pair only", pairs(r))
		}
		if why, want := unpaired(r)["Mo"], "everyone they could be paired with (consultants, managers or GPs) is already in a locked pair"; why != want {
			t.Errorf("Mo unpaired because %q, want %q", why, want)
		}
	})
	t.Run("Requests", func(t *testing.T) {
		a, b, c := manager(1, "Mo", "A", ""), manager(2, "Meg", "B", ""), manager(3, "Max", "C", "")
		a.Request = "Max"
		r := match.Suggest(match.Input{People: []store.Participant{a, b, c}}, opt)
		if got, want := pairs(r), []string{"Mo-Max"}; !slices.Equal(got, want) {
			t.Fatalf("pairs = %v, want %v", got, want)
		}
		if !strings.Contains(r.Pairs[0].Reason, "requested by Mo") {
			t.Errorf("reason %q", r.Pairs[0].Reason)
		}
	})
}

// bruteForceGeneral tries every set of pairs among people that the roles
// and rules allow, each person in at most their places and the same two
// at most once, and returns the most pairs and, for that many, the highest
// total weight.
func bruteForceGeneral(people []store.Participant, opt match.Options, before [][2]string, sc func(p, s store.Participant) float64) (int, float64) {
	on := func(r store.Role, side []store.Role) bool { return slices.Contains(side, r) }
	var cand [][2]int
	for i, p := range people {
		for j := i + 1; j < len(people); j++ {
			q := people[j]
			if (on(p.Role, opt.PrimaryRoles) && on(q.Role, opt.SecondaryRoles) || on(q.Role, opt.PrimaryRoles) && on(p.Role, opt.SecondaryRoles)) &&
				allowed(p, q, before) {
				cand = append(cand, [2]int{i, j})
			}
		}
	}
	left := make([]int, len(people))
	for i, p := range people {
		left[i] = p.PlacesOrOne()
	}
	bestN, bestW := 0, math.Inf(-1)
	var try func(k, n int, w float64)
	try = func(k, n int, w float64) {
		if k == len(cand) {
			if n > bestN || n == bestN && w > bestW+1e-9 {
				bestN, bestW = n, w
			}
			return
		}
		try(k+1, n, w)
		i, j := cand[k][0], cand[k][1]
		if left[i] > 0 && left[j] > 0 {
			left[i]--
			left[j]--
			try(k+1, n+1, w+sc(people[i], people[j]))
			left[i]++
			left[j]++
		}
	}
	try(0, 0, 0)
	return bestN, bestW
}

func TestSuggestBothSidesMatchesBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 12))
	roles := []store.Role{store.RoleGP, store.RoleConsultant, store.RoleManager, store.RoleManager, store.RoleNurse}
	opts := []match.Options{managersBothSides(), managersBothSides(), managersBothSides()}
	opts[1].NewSpecialtyWeight, opts[1].OtherLocalityWeight = 2, -1
	opts[2].PrimaryRoles = append(opts[2].PrimaryRoles, store.RoleNurse)
	opts[2].SecondaryRoles = append(opts[2].SecondaryRoles, store.RoleNurse)
	for c := range 300 {
		n := 1 + rng.IntN(7)
		in := randomRound(rng, n, 0)
		for i := range in.People {
			in.People[i].Role = roles[rng.IntN(len(roles))]
			if c%2 == 0 && rng.IntN(3) == 0 {
				in.People[i].Places = 2
			}
		}
		in.EarlierSpecialties = map[string][]string{}
		for _, p := range in.People {
			if rng.IntN(3) == 0 {
				in.EarlierSpecialties[key(p)] = []string{"Renal"}
			}
		}
		opt := opts[c%len(opts)]
		t.Run(fmt.Sprintf("case%d_n%d", c, n), func(t *testing.T) {
			sc := func(p, s store.Participant) float64 { return scoreAll(p, s, opt, in.EarlierSpecialties) }
			r := match.Suggest(in, opt)
			wantN, wantW := bruteForceGeneral(in.People, opt, in.PairedBefore, sc)
			seen := map[[2]int64]bool{}
			use := map[int64]int{}
			for _, p := range r.Pairs {
				if p.Primary.ID == p.Secondary.ID {
					t.Fatalf("%s paired with themselves", p.Primary.Name)
				}
				k := [2]int64{min(p.Primary.ID, p.Secondary.ID), max(p.Primary.ID, p.Secondary.ID)}
				if seen[k] {
					t.Fatalf("%s and %s paired twice", p.Primary.Name, p.Secondary.Name)
				}
				seen[k] = true
				use[p.Primary.ID]++
				use[p.Secondary.ID]++
				if got, want := p.Score, sc(p.Primary, p.Secondary); math.Abs(got-want) > 1e-9 {
					t.Fatalf("pair %s-%s score = %v, want %v", p.Primary.Name, p.Secondary.Name, got, want)
				}
			}
			for _, p := range in.People {
				if use[p.ID] > p.PlacesOrOne() {
					t.Fatalf("%s in %d pairs with %d places", p.Name, use[p.ID], p.PlacesOrOne())
				}
			}
			if got := len(r.Pairs); got != wantN {
				t.Fatalf("pairs = %d, want %d (brute force): %v", got, wantN, pairs(r))
			}
			if wantN > 0 && math.Abs(total(r)-wantW) > 1e-9 {
				t.Fatalf("total weight = %v, want %v (brute force)", total(r), wantW)
			}
			for _, u := range r.Unpaired {
				if u.Why == "" {
					t.Errorf("%s unpaired without a reason", u.Person.Name)
				}
			}
		})
	}
}

// BenchmarkSuggestBothSides times a round of n GPs, n consultants and n/5
// managers on both sides, which takes the general matching.
func BenchmarkSuggestBothSides(b *testing.B) {
	for _, n := range []int{100, 300} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			in := bigRound(n)
			for i := range n / 5 {
				in.People = append(in.People, manager(int64(10*n+i), fmt.Sprintf("M%d", i), fmt.Sprintf("Org %d", i%7), "East"))
			}
			var r match.Result
			for b.Loop() {
				r = match.Suggest(in, managersBothSides())
			}
			b.ReportMetric(float64(len(r.Pairs)), "pairs")
		})
	}
}
