package match

import (
	"cmp"
	"fmt"
	"strings"

	"github.com/liaisonapp/liaison/store"
)

// titles are the words a request may put before a name ("Dr Ben Brook").
var titles = []string{"dr", "dr.", "doctor", "prof", "prof.", "professor", "mr", "mrs", "ms", "miss", "mx"}

// nameKey is a name for comparing requests with: as store.NameKey, without
// a leading title.
func nameKey(s string) string {
	k := store.NameKey(s)
	for _, t := range titles {
		if rest, ok := strings.CutPrefix(k, t+" "); ok {
			return rest
		}
	}
	return k
}

// resolveRequests finds, for each person who named someone they would like
// to be paired with, who that is: the person with that email, or else with
// that name (ignoring case, spacing and a title such as Dr), the lowest ID
// first. Nobody found gives -1. people are sorted by ID.
func resolveRequests(people []store.Participant) map[int64]int64 {
	var out map[int64]int64
	for _, x := range people {
		req := strings.TrimSpace(x.Request)
		if req == "" {
			continue
		}
		if out == nil {
			out = map[int64]int64{}
		}
		out[x.ID] = -1
		byEmail := strings.Contains(req, "@")
		for _, y := range people {
			if y.ID == x.ID {
				continue
			}
			if byEmail && strings.EqualFold(strings.TrimSpace(y.Email), req) || !byEmail && nameKey(y.Name) == nameKey(req) && nameKey(req) != "" {
				out[x.ID] = y.ID
				break
			}
		}
	}
	return out
}

// explainRequests adds to the reasons of everyone whose request was not
// met why not: to each of their new pairs' reasons, or to why they are
// unpaired. Locked pairs keep their reason: the organiser chose them.
func (m *matcher) explainRequests(res *Result, byID map[int64]store.Participant, lockedUse map[int64]int, history [][2]string) {
	if len(m.wants) == 0 {
		return
	}
	met := map[[2]int64]bool{}
	for _, p := range res.Pairs {
		met[[2]int64{p.Primary.ID, p.Secondary.ID}] = true
		met[[2]int64{p.Secondary.ID, p.Primary.ID}] = true
	}
	before := map[[2]string]bool{}
	for _, h := range history {
		a, b := norm(h[0]), norm(h[1])
		before[[2]string{a, b}], before[[2]string{b, a}] = true, true
	}
	why := map[int64]string{}
	for id, target := range m.wants {
		if target > 0 && met[[2]int64{id, target}] {
			continue
		}
		why[id] = m.requestWhy(byID[id], target, byID, lockedUse, before)
	}
	for i := range res.Pairs {
		p := &res.Pairs[i]
		if p.Locked {
			continue
		}
		for _, x := range []store.Participant{p.Primary, p.Secondary} {
			if w, ok := why[x.ID]; ok {
				p.Reason += "; " + cmp.Or(strings.TrimSpace(x.Name), "one of them") + " " + w
			}
		}
	}
	for i := range res.Unpaired {
		u := &res.Unpaired[i]
		if w, ok := why[u.Person.ID]; ok {
			u.Why += "; they " + w
		}
	}
}

// requestWhy says why x's request for target was not met, as the end of a
// sentence about x: "asked for Ben Brook, but they work at the same
// organisation (City General)".
func (m *matcher) requestWhy(x store.Participant, target int64, byID map[int64]store.Participant, lockedUse map[int64]int, before map[[2]string]bool) string {
	if target <= 0 {
		return fmt.Sprintf("asked to be paired with %q, but nobody in the round has that name or email", strings.TrimSpace(x.Request))
	}
	t := byID[target]
	asked := "asked for " + cmp.Or(strings.TrimSpace(t.Name), fmt.Sprintf("participant %d", t.ID)) + ", but "
	xs, ts := m.side(x.Role), m.side(t.Role)
	switch {
	case xs == 0:
		return asked + "their own role is on neither side of the matching"
	case ts == 0:
		return asked + fmt.Sprintf("that role (%s) is on neither side of the matching", t.Role.Label())
	case !m.mayPair(x.Role, t.Role):
		return asked + fmt.Sprintf("both are on the same side of the matching (%s)", sideNoun(sideRoles(m.opt, xs), true))
	}
	if o := norm(x.Organisation); o != "" && o == norm(t.Organisation) {
		return asked + fmt.Sprintf("both work at %s, and the scheme never pairs two people from the same organisation", strings.TrimSpace(t.Organisation))
	}
	if before[[2]string{historyKey(x), historyKey(t)}] {
		return asked + "the two were paired in an earlier round"
	}
	if lockedUse[t.ID] >= t.PlacesOrOne() {
		return asked + "every place they offer is taken by a locked pair"
	}
	if lockedUse[x.ID] >= x.PlacesOrOne() {
		return asked + "their own places are taken by locked pairs"
	}
	return asked + "that pair would have meant fewer pairs, or fewer requests and preferences met, in the round as a whole"
}

func sideRoles(o Options, side int) []store.Role {
	if side == 1 {
		return o.PrimaryRoles
	}
	return o.SecondaryRoles
}
