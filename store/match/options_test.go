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

// scoreAll restates every weight of Options independently of the package,
// for the brute-force check.
func scoreAll(p, s store.Participant, opt match.Options, earlier map[string][]string) float64 {
	v := score(p, s, opt)
	pl, sl := strings.ToLower(strings.TrimSpace(p.Locality)), strings.ToLower(strings.TrimSpace(s.Locality))
	if pl != "" && sl != "" && pl != sl {
		v += opt.OtherLocalityWeight
	}
	isPrio := func(sp string) bool {
		return sp != "" && slices.ContainsFunc(opt.PrioritySpecialties, func(q string) bool { return strings.EqualFold(q, sp) })
	}
	if isPrio(p.Specialty) || isPrio(s.Specialty) {
		v += opt.PriorityWeight
	}
	newTo := func(x, partner store.Participant) bool {
		e := earlier[key(x)]
		return len(e) > 0 && partner.Specialty != "" &&
			!slices.ContainsFunc(e, func(q string) bool { return strings.EqualFold(q, partner.Specialty) })
	}
	if newTo(p, s) {
		v += opt.NewSpecialtyWeight
	}
	if newTo(s, p) {
		v += opt.NewSpecialtyWeight
	}
	return v
}

// bruteForceWith is bruteForce with a score function.
func bruteForceWith(gps, cons []store.Participant, before [][2]string, sc func(p, s store.Participant) float64) (int, float64) {
	used := make([]bool, len(cons))
	bestN, bestW := 0, math.Inf(-1)
	var try func(i, n int, w float64)
	try = func(i, n int, w float64) {
		if i == len(gps) {
			if n > bestN || n == bestN && w > bestW+1e-9 {
				bestN, bestW = n, w
			}
			return
		}
		try(i+1, n, w)
		for j, c := range cons {
			if !used[j] && allowed(gps[i], c, before) {
				used[j] = true
				try(i+1, n+1, w+sc(gps[i], c))
				used[j] = false
			}
		}
	}
	try(0, 0, 0)
	return bestN, bestW
}

func TestSuggestOptionsMatchBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	specs := []string{"Cardiology", "Renal", "Geriatric medicine", "General practice"}
	opts := []match.Options{
		{LocalityWeight: 2, WishWeight: 3, OtherLocalityWeight: 1, PriorityWeight: 4, PrioritySpecialties: []string{"renal"}},
		{LocalityWeight: -1, OtherLocalityWeight: 2, NewSpecialtyWeight: 3},
		{WishWeight: 1, NewSpecialtyWeight: -2, PriorityWeight: 0.5, PrioritySpecialties: []string{"Cardiology", "geriatric medicine"}},
	}
	for c := range 300 {
		nGP, nCons := rng.IntN(7), rng.IntN(7)
		in, opt := randomRound(rng, nGP, nCons), opts[c%len(opts)]
		in.EarlierSpecialties = map[string][]string{}
		for _, p := range in.People {
			if rng.IntN(2) == 0 {
				in.EarlierSpecialties[key(p)] = []string{specs[rng.IntN(len(specs))]}
			}
		}
		t.Run(fmt.Sprintf("case%d_%dx%d", c, nGP, nCons), func(t *testing.T) {
			gps, cons := split(in.People)
			sc := func(p, s store.Participant) float64 { return scoreAll(p, s, opt, in.EarlierSpecialties) }
			r := match.Suggest(in, opt)
			wantN, wantW := bruteForceWith(gps, cons, in.PairedBefore, sc)
			for _, p := range r.Pairs {
				if got, want := p.Score, sc(p.Primary, p.Secondary); math.Abs(got-want) > 1e-9 {
					t.Fatalf("pair %s-%s score = %v, want %v", p.Primary.Name, p.Secondary.Name, got, want)
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

func TestSuggestOtherRoles(t *testing.T) {
	// Nurses and pharmacists with consultants; the GP is on neither side.
	in := match.Input{People: []store.Participant{
		{ID: 1, Name: "Nia Nurse", Role: store.RoleNurse, Organisation: "P1"},
		{ID: 2, Name: "Phil Pharmacist", Role: store.RolePharmacist, Organisation: "P2"},
		{ID: 3, Name: "Gail GP", Role: store.RoleGP, Organisation: "P3"},
		consultant(4, "Cara Cons", "T1", "", "Renal"),
		consultant(5, "Carl Cons", "T1", "", "Cardiology"),
	}}
	opt := match.DefaultOptions()
	opt.PrimaryRoles = []store.Role{store.RoleNurse, store.RolePharmacist}
	r := match.Suggest(in, opt)
	if got := len(r.Pairs); got != 2 {
		t.Fatalf("pairs = %d, want 2: %v", got, pairs(r))
	}
	if got, want := unpaired(r)["Gail GP"], "role GP is on neither side of the matching"; got != want {
		t.Fatalf("Gail GP unpaired because %q, want %q", got, want)
	}
}

func TestSuggestReasonsForOptions(t *testing.T) {
	gpA := gp(1, "Ada Ashdown", "P1", "East")
	gpA.Email = "ada@nhs.net"
	cons := consultant(2, "Ben Brook", "T1", "West", "Renal")
	in := match.Input{People: []store.Participant{gpA, cons},
		EarlierSpecialties: map[string][]string{"ada@nhs.net": {"Cardiology"}}}
	opt := match.Options{OtherLocalityWeight: 1, NewSpecialtyWeight: 2, PriorityWeight: 3, PrioritySpecialties: []string{"renal"}}
	r := match.Suggest(in, opt)
	if len(r.Pairs) != 1 {
		t.Fatalf("pairs = %v", pairs(r))
	}
	p := r.Pairs[0]
	for _, want := range []string{"different localities: East and West", "priority specialty: Renal", "a specialty new to Ada Ashdown: Renal"} {
		if !strings.Contains(p.Reason, want) {
			t.Errorf("reason %q lacks %q", p.Reason, want)
		}
	}
	if got, want := p.Score, 6.0; got != want {
		t.Errorf("score = %v, want %v", got, want)
	}
}

func TestOptionsCheck(t *testing.T) {
	for _, tt := range []struct {
		name string
		edit func(o *match.Options)
		want string // part of the message; "" for no error
	}{
		{"Default", func(o *match.Options) {}, ""},
		// Managers with managers: a role may be on both sides.
		{"RoleOnBothSides", func(o *match.Options) { o.SecondaryRoles = append(o.SecondaryRoles, store.RoleGP) }, ""},
		{"UnknownRole", func(o *match.Options) { o.SecondaryRoles = append(o.SecondaryRoles, "surgeon") }, "not a role Liaison knows"},
		{"EmptySide", func(o *match.Options) { o.PrimaryRoles = nil }, "at least one role"},
		{"HugeWeight", func(o *match.Options) { o.PriorityWeight = 1e9 }, "weight priority"},
		{"NaN", func(o *match.Options) { o.WishWeight = math.NaN() }, "weight wish"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			o := match.DefaultOptions()
			tt.edit(&o)
			err := o.Check()
			if tt.want == "" {
				if err != nil {
					t.Fatalf("Check() = %v, want nil", err)
				}
				return
			}
			if err == nil || !strings.Contains(store.ErrorMessage(err), tt.want) {
				t.Fatalf("Check() = %v, want a message with %q", err, tt.want)
			}
		})
	}
}
