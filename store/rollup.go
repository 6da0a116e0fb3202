package store

import (
	"context"
	"strings"
)

// RollupReader is one Liaison database opened strictly read-only for a
// regional roll-up: nothing it does writes to the file, and it creates no
// file beside it. Regions run several schemes, each with its own database;
// a roll-up reads them all and adds up their figures without touching them.
type RollupReader interface {
	// Rounds lists the file's rounds, oldest first.
	Rounds(ctx context.Context) ([]Round, error)
	// RollupRound reads what a roll-up needs of round r: counts only, and
	// the participants' keys, so that a person in several rounds or
	// schemes is counted once.
	RollupRound(ctx context.Context, r Round) (RollupRound, error)
	// Close releases the file.
	Close() error
}

// RollupOpener opens the database at path for a roll-up. It refuses,
// with an error whose message names the file and says why, a file that
// is missing, not a Liaison database, damaged, written by a newer
// Liaison, or too old to read without being brought up to date (which a
// read-only reader must not do).
type RollupOpener func(ctx context.Context, path string) (RollupReader, error)

// ETOOOLD marks a database written by an older Liaison that lacks what a
// reader needs and cannot be brought up to date, because it is opened
// read-only: opening it once in this version of Liaison updates it.
const ETOOOLD = "too_old"

// RollupPerson is one participant of a round as a roll-up counts them:
// Key is PersonKey's, the same for the same person in every round and
// file; Role is their role in that round.
type RollupPerson struct {
	Key  string
	Role Role
}

// PersonKey identifies a person across rounds and files, as the figures
// to date do: their lower-cased email, or, without one, their name.
func PersonKey(email, name string) string {
	if k := strings.ToLower(strings.TrimSpace(email)); k != "" {
		return k
	}
	return "name:" + NameKey(name)
}

// RoundCounts are the counts of one round that the figures to date and a
// regional roll-up add up: who took part (by PersonKey, so that someone in
// several rounds is counted once), the pairs and visits, and the projects.
type RoundCounts struct {
	People []RollupPerson
	Pairs  int
	// VisitsDone counts visits done; PairsCompleted the pairs whose both
	// visits are done.
	VisitsDone     int
	PairsCompleted int
	// Projects counts the round's improvement projects by status.
	Projects map[ProjectStatus]int
}

// RollupRound is one round's share of a roll-up.
type RollupRound struct {
	Round Round
	// K is the round's small-number threshold.
	K int
	RoundCounts
	Questions []Question
	// Tally counts the round's responses and their scores.
	Tally Tally
}
