package tasks

import (
	"context"
	"encoding/json"
	"slices"
	"strconv"
	"strings"

	"github.com/liaisonapp/liaison/store"
	"github.com/liaisonapp/liaison/store/match"
)

// MatchOptionsKey is the round setting that holds the round's matching
// options, as JSON.
const MatchOptionsKey = "match_options"

// savedOptions is match.Options as stored: roles by their codes, weights by
// their names, so that a weight added later reads as its default.
type savedOptions struct {
	SideA    []store.Role       `json:"side_a"`
	SideB    []store.Role       `json:"side_b"`
	Weights  map[string]float64 `json:"weights"`
	Priority []string           `json:"priority_specialties,omitempty"`
}

// LoadMatchOptions returns the round's saved matching options, or
// match.DefaultOptions when none are saved.
func LoadMatchOptions(ctx context.Context, db store.RoundService, roundID int64) (match.Options, error) {
	opt := match.DefaultOptions()
	raw, err := db.RoundSetting(ctx, roundID, MatchOptionsKey, "")
	if err != nil || raw == "" {
		return opt, err
	}
	var s savedOptions
	if err := json.Unmarshal([]byte(raw), &s); err != nil {
		return opt, store.Errorf(store.EINVALID, "The round's saved matching options cannot be read (%v); save them again.", err)
	}
	if len(s.SideA) > 0 {
		opt.PrimaryRoles = s.SideA
	}
	if len(s.SideB) > 0 {
		opt.SecondaryRoles = s.SideB
	}
	for name, v := range s.Weights {
		if w, ok := opt.Weight(name); ok {
			*w = v
		}
	}
	opt.PrioritySpecialties = s.Priority
	return opt, opt.Check()
}

// SaveMatchOptions checks opt and saves it as the round's matching options.
func SaveMatchOptions(ctx context.Context, db store.RoundService, roundID int64, opt match.Options) error {
	opt.PrioritySpecialties = CleanList(opt.PrioritySpecialties)
	if err := opt.Check(); err != nil {
		return err
	}
	s := savedOptions{SideA: opt.PrimaryRoles, SideB: opt.SecondaryRoles, Weights: map[string]float64{}, Priority: opt.PrioritySpecialties}
	for _, name := range match.WeightNames {
		w, _ := opt.Weight(name)
		s.Weights[name] = *w
	}
	b, err := json.Marshal(s)
	if err != nil {
		return err
	}
	return db.SetRoundSetting(ctx, roundID, MatchOptionsKey, string(b))
}

// CleanList trims the items of a list, drops empty ones and repeats
// (ignoring case), keeping the first spelling.
func CleanList(xs []string) []string {
	var out []string
	for _, x := range xs {
		x = store.OneLine(x)
		if x != "" && !slices.ContainsFunc(out, func(o string) bool { return strings.EqualFold(o, x) }) {
			out = append(out, x)
		}
	}
	return out
}

// ParseRoles reads a list of roles as people write them, separated by
// commas, semicolons or "and" ("nurse, pharmacist", "GP; manager").
func ParseRoles(s string) ([]store.Role, error) {
	var out []store.Role
	for _, item := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == '/' || r == '+' }) {
		for _, part := range strings.Split(item, " and ") {
			part = strings.TrimSpace(part)
			if part == "" {
				continue
			}
			r, ok := store.ParseRole(part)
			if !ok {
				return nil, store.Errorf(store.EINVALID, "%q is not a role Liaison knows; use GP, consultant, nurse, manager, pharmacist, support worker or other.", part)
			}
			if !slices.Contains(out, r) {
				out = append(out, r)
			}
		}
	}
	if len(out) == 0 {
		return nil, store.Errorf(store.EINVALID, "No role was given.")
	}
	return out, nil
}

// RoleList names roles for people: "GP, Nurse".
func RoleList(rs []store.Role) string {
	var l []string
	for _, r := range rs {
		l = append(l, r.Label())
	}
	return strings.Join(l, ", ")
}

// DescribeOptions says in one line each what the options are, for the
// command line and the GUI.
func DescribeOptions(opt match.Options) []string {
	lines := []string{
		"Side A: " + RoleList(opt.PrimaryRoles),
		"Side B: " + RoleList(opt.SecondaryRoles),
	}
	var ws []string
	for _, name := range match.WeightNames {
		w, _ := opt.Weight(name)
		ws = append(ws, name+"="+strconv.FormatFloat(*w, 'f', -1, 64))
	}
	lines = append(lines, "Weights: "+strings.Join(ws, ", "))
	if len(opt.PrioritySpecialties) > 0 {
		lines = append(lines, "Priority specialties: "+strings.Join(opt.PrioritySpecialties, ", "))
	}
	return lines
}

// EarlierSpecialties returns, for each person paired in rounds other than
// roundID (keyed as match.Input.PairedBefore keys them: lower-cased email,
// or name without one), the specialties of their partners there.
func EarlierSpecialties(ctx context.Context, db store.Service, roundID int64) (map[string][]string, error) {
	rounds, err := db.Rounds(ctx)
	if err != nil {
		return nil, err
	}
	out := map[string][]string{}
	add := func(p, partner store.Participant) {
		k := strings.ToLower(strings.TrimSpace(p.Email))
		if k == "" {
			k = strings.ToLower(strings.TrimSpace(p.Name))
		}
		if sp := strings.TrimSpace(partner.Specialty); k != "" && sp != "" {
			out[k] = append(out[k], sp)
		}
	}
	for _, r := range rounds {
		if r.ID == roundID {
			continue
		}
		ps, err := db.FindPairings(ctx, r.ID)
		if err != nil {
			return nil, err
		}
		for _, p := range ps {
			add(p.Primary, p.Secondary)
			add(p.Secondary, p.Primary)
		}
	}
	return out, nil
}
