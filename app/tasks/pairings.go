package tasks

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/liaisonapp/liaison/store"
	"github.com/liaisonapp/liaison/store/csvio"
	"github.com/liaisonapp/liaison/store/match"
)

// Suggestion is match.Suggest's answer for a round, set beside the pairs
// already stored, so that the command line and the GUI can say what
// accepting it would change.
type Suggestion struct {
	match.Result
	// Existing are the round's stored pairs when the suggestion was made.
	Existing []store.Pairing
}

// UnderWayReason is the reason given for a stored pair that is kept because
// one of its visits is confirmed or done: breaking it up would delete that
// history, so it is treated like a locked pair.
const UnderWayReason = "visits under way"

// UnderWay reports whether a stored pair has a visit confirmed or done. Such
// a pair is never offered for replacement: its visits are real history.
func UnderWay(p store.Pairing) bool {
	for _, v := range p.Visits {
		if v.Status == store.VisitConfirmed || v.Status == store.VisitDone {
			return true
		}
	}
	return false
}

// SuggestPairs suggests pairs for the whole round with the round's saved
// matching options (LoadMatchOptions): locked pairs and pairs with visits
// under way (confirmed or done) are kept, other stored pairs may be
// re-decided (but are kept when nothing better is on offer), and nobody is
// paired with someone they were paired with in an earlier round.
func SuggestPairs(ctx context.Context, db store.Service, roundID int64) (Suggestion, error) {
	opt, err := LoadMatchOptions(ctx, db, roundID)
	if err != nil {
		return Suggestion{}, err
	}
	return SuggestPairsWith(ctx, db, roundID, opt)
}

// SuggestPairsWith is SuggestPairs with the given options.
func SuggestPairsWith(ctx context.Context, db store.Service, roundID int64, opt match.Options) (Suggestion, error) {
	if err := opt.Check(); err != nil {
		return Suggestion{}, err
	}
	earlier, err := EarlierSpecialties(ctx, db, roundID)
	if err != nil {
		return Suggestion{}, err
	}
	people, err := db.FindParticipants(ctx, store.ParticipantFilter{RoundID: roundID})
	if err != nil {
		return Suggestion{}, err
	}
	existing, err := db.FindPairings(ctx, roundID)
	if err != nil {
		return Suggestion{}, err
	}
	before, err := db.PairedBefore(ctx, roundID)
	if err != nil {
		return Suggestion{}, err
	}
	var locked, current []store.Pairing
	underWay := map[[2]int64]bool{}
	for _, p := range existing {
		switch {
		case p.Locked:
			locked = append(locked, p)
		case UnderWay(p):
			underWay[[2]int64{p.PrimaryID, p.SecondaryID}] = true
			locked = append(locked, p)
		default:
			current = append(current, p)
		}
	}
	res := match.Suggest(match.Input{People: people, Locked: locked, PairedBefore: before, Current: current,
		EarlierSpecialties: earlier}, opt)
	for i, p := range res.Pairs {
		if p.Locked && underWay[[2]int64{p.Primary.ID, p.Secondary.ID}] {
			res.Pairs[i].Reason = UnderWayReason
		}
	}
	return Suggestion{Result: res, Existing: existing}, nil
}

// KeptUnderWay reports whether p is a stored pair kept because its visits
// are under way rather than because the organiser locked it.
func (s Suggestion) KeptUnderWay(p match.Pair) bool {
	if !p.Locked {
		return false
	}
	for _, e := range s.Existing {
		if e.PrimaryID == p.Primary.ID && e.SecondaryID == p.Secondary.ID {
			return !e.Locked && UnderWay(e)
		}
	}
	return false
}

// IsNew reports whether accepting p would change anything: it is neither
// locked (nor kept for visits under way) nor already stored as it is.
func (s Suggestion) IsNew(p match.Pair) bool {
	return !p.Locked && !s.same(p)
}

// same reports whether p is already stored, the same two people.
func (s Suggestion) same(p match.Pair) bool {
	for _, e := range s.Existing {
		if e.PrimaryID == p.Primary.ID && e.SecondaryID == p.Secondary.ID {
			return true
		}
	}
	return false
}

// Replaces lists the stored pairs that accepting p would break up: those
// that hold one of its two people and are not in the suggestion, unless p
// is stored already. A person who offers several places keeps their stored
// pairs while their places hold both those and the suggested ones.
func (s Suggestion) Replaces(p match.Pair) []store.Pairing {
	if p.Locked || s.same(p) {
		return nil
	}
	var out []store.Pairing
	for _, x := range []store.Participant{p.Primary, p.Secondary} {
		if s.pairsOf(x.ID) <= x.PlacesOrOne() {
			continue
		}
		for _, e := range s.Existing {
			if hasPerson(e, x.ID) && !s.suggested(e) && !slices.ContainsFunc(out, func(o store.Pairing) bool { return o.ID == e.ID }) {
				out = append(out, e)
			}
		}
	}
	slices.SortFunc(out, func(a, b store.Pairing) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

// suggested reports whether the stored pair e is among the suggested pairs.
func (s Suggestion) suggested(e store.Pairing) bool {
	return slices.ContainsFunc(s.Pairs, func(p match.Pair) bool {
		return p.Primary.ID == e.PrimaryID && p.Secondary.ID == e.SecondaryID
	})
}

// pairsOf counts the pairs person id would be in if the suggestion were
// accepted beside every stored pair: the stored ones and the new ones.
func (s Suggestion) pairsOf(id int64) int {
	n := 0
	for _, e := range s.Existing {
		if hasPerson(e, id) {
			n++
		}
	}
	for _, p := range s.Pairs {
		if (p.Primary.ID == id || p.Secondary.ID == id) && !s.same(p) {
			n++
		}
	}
	return n
}

func hasPerson(e store.Pairing, id int64) bool { return e.PrimaryID == id || e.SecondaryID == id }

// Plan turns the accepted pairs into what the store must do: the stored
// pairs to delete (unlocked pairs broken up by an accepted one) and the new
// pairs to create. Locked pairs and pairs already stored change nothing.
func (s Suggestion) Plan(accepted []match.Pair) (remove []int64, add []store.Pairing) {
	gone := map[int64]bool{}
	for _, p := range accepted {
		if !s.IsNew(p) {
			continue
		}
		for _, e := range s.Replaces(p) {
			if !gone[e.ID] {
				gone[e.ID] = true
				remove = append(remove, e.ID)
			}
		}
		add = append(add, store.Pairing{RoundID: p.Primary.RoundID, PrimaryID: p.Primary.ID, SecondaryID: p.Secondary.ID,
			Reason: p.Reason, Primary: p.Primary, Secondary: p.Secondary})
	}
	return remove, add
}

// ApplyPlan deletes remove and creates add in one transaction, so a clash
// leaves the pairs as they were.
func ApplyPlan(ctx context.Context, db store.Service, roundID int64, remove []int64, add []store.Pairing) error {
	return db.ReplacePairings(ctx, roundID, remove, add)
}

// PairNames names a stored pair for people: "Ada Ashdown (GP) – Ben Brook (Consultant)".
func PairNames(p store.Pairing) string {
	return fmt.Sprintf("%s (%s) – %s (%s)", p.Primary.Name, p.Primary.Role.Label(), p.Secondary.Name, p.Secondary.Role.Label())
}

// PersonText names a participant with role and organisation.
func PersonText(p store.Participant) string {
	parts := []string{p.Role.Label()}
	if p.Organisation != "" {
		parts = append(parts, p.Organisation)
	}
	return fmt.Sprintf("%s (%s)", p.Name, strings.Join(parts, ", "))
}

// PairingRow is one row of the pairings export: both people, both visits
// and the reason, as the board reads it in Excel. Its csv tags are the
// export's header.
type PairingRow struct {
	PrimaryName           string `csv:"Primary name"`
	PrimaryEmail          string `csv:"Primary email"`
	PrimaryRole           string `csv:"Primary role"`
	PrimaryOrganisation   string `csv:"Primary organisation"`
	SecondaryName         string `csv:"Secondary name"`
	SecondaryEmail        string `csv:"Secondary email"`
	SecondaryRole         string `csv:"Secondary role"`
	SecondaryOrganisation string `csv:"Secondary organisation"`
	PrimaryVisitDate      string `csv:"Visit to primary: date"`
	PrimaryVisitStatus    string `csv:"Visit to primary: status"`
	SecondaryVisitDate    string `csv:"Visit to secondary: date"`
	SecondaryVisitStatus  string `csv:"Visit to secondary: status"`
	Locked                string `csv:"Locked"`
	Reason                string `csv:"Reason"`
	PrimaryVisitTime      string `csv:"Visit to primary: time"`
	PrimaryVisitNotes     string `csv:"Visit to primary: notes"`
	PrimaryReflection     string `csv:"Visit to primary: reflection received"`
	SecondaryVisitTime    string `csv:"Visit to secondary: time"`
	SecondaryVisitNotes   string `csv:"Visit to secondary: notes"`
	SecondaryReflection   string `csv:"Visit to secondary: reflection received"`
}

// ExportPairings writes pairs as CSV for Excel through csvio.Write (UTF-8
// with BOM, CRLF, text cells defused against formula injection). A visit
// whose date has passed before today and is not done says "overdue" beside
// its status.
func ExportPairings(w io.Writer, pairs []store.Pairing, today time.Time) error {
	rows := make([]PairingRow, len(pairs))
	for i, p := range pairs {
		locked := "no"
		if p.Locked {
			locked = "yes"
		}
		rows[i] = PairingRow{
			p.Primary.Name, p.Primary.Email, p.Primary.Role.Label(), p.Primary.Organisation,
			p.Secondary.Name, p.Secondary.Email, p.Secondary.Role.Label(), p.Secondary.Organisation,
			p.Visits[0].Date, VisitStatusText(p.Visits[0], today),
			p.Visits[1].Date, VisitStatusText(p.Visits[1], today),
			locked, p.Reason,
			store.SessionText(p.Visits[0].Session), p.Visits[0].Notes, strings.ToLower(yesNo(p.Visits[0].ReflectionReceived)),
			store.SessionText(p.Visits[1].Session), p.Visits[1].Notes, strings.ToLower(yesNo(p.Visits[1].ReflectionReceived)),
		}
	}
	return csvio.Write(w, rows)
}

// VisitStatusText is a visit's status in words, with "overdue" when its
// date has passed and it is not done or cancelled.
func VisitStatusText(v store.Visit, today time.Time) string {
	s := string(v.Status)
	if v.Overdue(today) {
		s += " (overdue)"
	}
	return s
}
