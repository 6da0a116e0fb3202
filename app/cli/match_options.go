package cli

import (
	"flag"
	"fmt"
	"strconv"
	"strings"

	"github.com/liaisonapp/liaison/app/tasks"
	"github.com/liaisonapp/liaison/store"
	"github.com/liaisonapp/liaison/store/match"
)

// matchOptionFlags are the matching options `liaison match` takes. Unset
// flags leave the round's saved options as they are.
type matchOptionFlags struct {
	sideA, sideB, priority *string
	weights                weightFlags
	reset                  *bool
}

// weightFlags collects repeated --weight NAME=N.
type weightFlags []string

func (w *weightFlags) String() string     { return strings.Join(*w, " ") }
func (w *weightFlags) Set(v string) error { *w = append(*w, v); return nil }

func addMatchOptionFlags(fs *flag.FlagSet) *matchOptionFlags {
	m := &matchOptionFlags{
		sideA:    fs.String("side-a", "", "the `ROLES` on side A (the practice side), separated by commas: \"GP, nurse\""),
		sideB:    fs.String("side-b", "", "the `ROLES` on side B (the hospital side), separated by commas: \"consultant, pharmacist\""),
		priority: fs.String("priority", "", "the priority `SPECIALTIES`, separated by semicolons: \"Geriatric medicine; Mental health\" (\"\" keeps the saved ones, \"-\" clears them)"),
		reset:    fs.Bool("default-options", false, "go back to the default options (GP with consultant, default weights) before applying the other option flags"),
	}
	fs.Var(&m.weights, "weight", "a weight, `NAME=N` (repeatable); the names are below")
	return m
}

// given reports whether any option flag was given.
func (m *matchOptionFlags) given() bool {
	return *m.sideA != "" || *m.sideB != "" || *m.priority != "" || len(m.weights) > 0 || *m.reset
}

// apply changes opt by the flags.
func (m *matchOptionFlags) apply(opt *match.Options) error {
	if *m.reset {
		*opt = match.DefaultOptions()
	}
	var err error
	if *m.sideA != "" {
		if opt.PrimaryRoles, err = tasks.ParseRoles(*m.sideA); err != nil {
			return usageErrorf("--side-a: %s", store.ErrorMessage(err))
		}
	}
	if *m.sideB != "" {
		if opt.SecondaryRoles, err = tasks.ParseRoles(*m.sideB); err != nil {
			return usageErrorf("--side-b: %s", store.ErrorMessage(err))
		}
	}
	switch p := strings.TrimSpace(*m.priority); p {
	case "":
	case "-":
		opt.PrioritySpecialties = nil
	default:
		opt.PrioritySpecialties = tasks.CleanList(strings.FieldsFunc(p, func(r rune) bool { return r == ';' || r == ',' }))
	}
	for _, kv := range m.weights {
		name, value, ok := strings.Cut(kv, "=")
		w, known := opt.Weight(name)
		if !ok || !known {
			return usageErrorf("--weight %s: give NAME=N with NAME one of %s", kv, strings.Join(match.WeightNames, ", "))
		}
		v, err := strconv.ParseFloat(strings.TrimSpace(value), 64)
		if err != nil {
			return usageErrorf("--weight %s: %q is not a number", kv, value)
		}
		*w = v
	}
	return nil
}

// matchHelp is what `liaison help match` adds below the flags.
func matchHelp() string {
	var b strings.Builder
	b.WriteString("Pairs everyone on side A with someone on side B: as many pairs as the rules allow\n" +
		"(never two people from the same organisation, never the same two as in an earlier\n" +
		"round), then as much weight as possible. The options are saved with the round, so\n" +
		"the next `liaison match` and the GUI use them too.\n\nWeights (--weight NAME=N, N between -1000 and 1000; 0 ignores it):\n")
	def := match.DefaultOptions()
	for _, name := range match.WeightNames {
		w, _ := def.Weight(name)
		fmt.Fprintf(&b, "  %-15s %s (default %s)\n", name, match.WeightHelp[name], strconv.FormatFloat(*w, 'f', -1, 64))
	}
	b.WriteString("\nRoles: GP, consultant, nurse, manager, pharmacist, support worker, other.\n" +
		"A role may be on both sides: with --side-a \"GP, manager\" --side-b \"consultant, manager\" a\n" +
		"manager may be paired with a GP, a consultant or another manager (never with themselves),\n" +
		"and GPs still pair with consultants; the round is then matched as a whole, still optimally.\n" +
		"Example: liaison match --side-a \"nurse, pharmacist\" --side-b consultant --weight locality=0\n")
	return b.String()
}
