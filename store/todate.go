package store

import (
	"cmp"
	"context"
	"slices"
	"strings"
)

// ToDate are the scheme's figures across every round in the database, as
// the seeds count them ("over 200 GP/consultant pairings to date"). People
// who take part in several rounds are counted once; everything else adds
// up over the rounds.
type ToDate struct {
	Rounds int `json:"rounds"`
	// Participants counts people, each once however many rounds they were
	// in: by email, or by name for someone without one.
	Participants      int `json:"participants"`
	Pairs             int `json:"pairs"`
	VisitsDone        int `json:"visits_done"`
	Responses         int `json:"responses"`
	ProjectsCompleted int `json:"projects_completed"`
	// ByRound holds each round's own figures, oldest round first.
	ByRound []RoundToDate `json:"by_round"`
}

// RoundToDate is one round's share of the figures to date.
type RoundToDate struct {
	Round string `json:"round"`
	// Date is when the round started (or, without a start date, was
	// created), YYYY-MM-DD.
	Date         string `json:"date"`
	Participants int    `json:"participants"`
	// NewParticipants counts those in no earlier round.
	NewParticipants   int `json:"new_participants"`
	Pairs             int `json:"pairs"`
	VisitsDone        int `json:"visits_done"`
	Responses         int `json:"responses"`
	ProjectsCompleted int `json:"projects_completed"`
}

// RoundDate is when a round started, or was created when it has no start
// date, as YYYY-MM-DD.
func RoundDate(r Round) string {
	if r.StartsOn != "" {
		return r.StartsOn
	}
	return r.CreatedAt.UTC().Format(DateLayout)
}

// ComputeToDate reads every round and adds up the figures to date.
func ComputeToDate(ctx context.Context, s Service) (ToDate, error) {
	var t ToDate
	rounds, err := s.Rounds(ctx)
	if err != nil {
		return t, err
	}
	// Oldest first, so that a person is new in the first round they were in.
	slices.SortStableFunc(rounds, func(a, b Round) int {
		return cmp.Or(strings.Compare(RoundDate(a), RoundDate(b)), a.CreatedAt.Compare(b.CreatedAt), cmp.Compare(a.ID, b.ID))
	})
	seen := map[string]bool{}
	for _, r := range rounds {
		row := RoundToDate{Round: r.Name, Date: RoundDate(r)}
		counts, err := s.RoundCounts(ctx, r.ID)
		if err != nil {
			return t, err
		}
		row.Participants = len(counts.People)
		for _, p := range counts.People {
			if !seen[p.Key] {
				seen[p.Key] = true
				row.NewParticipants++
			}
		}
		row.Pairs = counts.Pairs
		row.VisitsDone = counts.VisitsDone
		row.ProjectsCompleted = counts.Projects[ProjectCompleted]
		tally, err := s.Tally(ctx, r.ID)
		if err != nil {
			return t, err
		}
		row.Responses = tally.Responses
		t.Rounds++
		t.Participants += row.NewParticipants
		t.Pairs += row.Pairs
		t.VisitsDone += row.VisitsDone
		t.Responses += row.Responses
		t.ProjectsCompleted += row.ProjectsCompleted
		t.ByRound = append(t.ByRound, row)
	}
	return t, nil
}
