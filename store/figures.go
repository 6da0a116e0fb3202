package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"time"
)

// Settings keys shared by the GUI and the command line.
const (
	// SettingRateBase chooses the response rate's denominator:
	// RateBaseParticipants, RateBaseCompleted or RateBaseSurveysSent. It
	// and SettingSuppressK are kept per round (RoundKey); a round without
	// its own takes the global value.
	SettingRateBase = "rate_base"
	// SettingSuppressK is K: breakdowns with fewer than K responses are shown as "fewer than K".
	SettingSuppressK = "suppress_k"
)

// Response-rate bases.
const (
	RateBaseParticipants = "participants" // everyone in the round (the default)
	RateBaseCompleted    = "completed"    // those whose pair has done both visits
)

// DefaultSuppressK is the default K for small-number suppression.
const DefaultSuppressK = 5

// Figures are a round's headline figures: the dashboard, the presenter's
// headline slide and `liaison report`.
type Figures struct {
	Round              string         `json:"round"`
	Participants       int            `json:"participants"`
	ParticipantsByRole map[string]int `json:"participants_by_role"`
	Pairings           int            `json:"pairings"`
	// Unpaired counts the round's participants who are in no pair.
	Unpaired    int             `json:"unpaired"`
	Visits      VisitFigures    `json:"visits"`
	Feedback    FeedbackFigures `json:"feedback"`
	Reflections int             `json:"reflections"`
	Projects    ProjectFigures  `json:"projects"`
	// Event is the status of the round's current event (PickEvent's
	// choice), or nil when the round has none.
	Event *EventFigures `json:"event,omitempty"`
}

// VisitFigures count a round's visits.
type VisitFigures struct {
	Done      int `json:"done"`
	Planned   int `json:"planned"` // every visit not cancelled, done or not
	Cancelled int `json:"cancelled"`
	Overdue   int `json:"overdue"`
	// PairsCompleted counts pairs whose both visits are done.
	PairsCompleted int `json:"pairs_completed"`
}

// FeedbackFigures summarise the survey.
type FeedbackFigures struct {
	Responses    int     `json:"responses"`
	ResponseRate float64 `json:"response_rate"` // 0..1; 0 when the denominator is 0
	// Denominator says in words what the rate divides by, with its size.
	Denominator  string            `json:"denominator"`
	DenominatorN int               `json:"denominator_n"`
	RateBase     string            `json:"rate_base"`
	SuppressK    int               `json:"suppress_k"`
	Questions    []QuestionFigures `json:"questions"`
}

// QuestionFigures are one question's figures. Mean is unrounded. When N
// is 0, Mean, Top2 and CI95 are 0 here but null in JSON (see MarshalJSON).
type QuestionFigures struct {
	Text   string     `json:"text"`
	N      int        `json:"n"`
	Mean   float64    `json:"mean"`
	Counts [6]int     `json:"counts"`
	Top2   float64    `json:"top2"`
	CI95   [2]float64 `json:"ci95"`
}

// MarshalJSON writes null for the mean, top-two share and interval of a
// question nobody has answered, so that a script reading the report cannot
// take "no answers" for a mean score of 0. N and the counts are always
// there.
func (q QuestionFigures) MarshalJSON() ([]byte, error) {
	out := struct {
		Text   string      `json:"text"`
		N      int         `json:"n"`
		Mean   *float64    `json:"mean"`
		Counts [6]int      `json:"counts"`
		Top2   *float64    `json:"top2"`
		CI95   *[2]float64 `json:"ci95"`
	}{Text: q.Text, N: q.N, Counts: q.Counts}
	if q.N > 0 {
		out.Mean, out.Top2, out.CI95 = &q.Mean, &q.Top2, &q.CI95
	}
	return json.Marshal(out)
}

// ProjectFigures count improvement projects.
type ProjectFigures struct {
	Total     int `json:"total"`
	Completed int `json:"completed"`
}

// RateText formats the response rate as its formula, so that nobody sees
// a percentage without what it divides, such as "71 of 189 surveys sent =
// 37.6%" or "71 of 190 participants in the round = 37.4%".
func (f FeedbackFigures) RateText() string {
	if f.DenominatorN == 0 {
		if f.RateBase == RateBaseSurveysSent {
			return fmt.Sprintf("%s; no rate yet: type how many surveys were sent in the round's settings", Plural(f.Responses, "response", "responses"))
		}
		return fmt.Sprintf("%s responses; no rate yet, as there are %s", Thousands(f.Responses), f.Denominator)
	}
	text := fmt.Sprintf("%s of %s = %.1f%%", Thousands(f.Responses), f.Denominator, 100*f.ResponseRate)
	if f.ResponseRate > 1 {
		// More responses than people cannot be a rate: say so rather than
		// put "140%" on a projector.
		text += " — more responses than people in the base: check the base, or look for responses entered twice"
	}
	return text
}

// SuppressK returns K for small-number suppression as set before K was
// kept per round; a round's own K is in LoadRoundSettings.
func SuppressK(ctx context.Context, s Service) (int, error) {
	v, err := s.Setting(ctx, SettingSuppressK, strconv.Itoa(DefaultSuppressK))
	if err != nil {
		return 0, err
	}
	k, err := strconv.Atoi(v)
	if err != nil || k < 1 {
		return DefaultSuppressK, nil
	}
	return k, nil
}

// ComputeFigures reads a round and computes its figures.
func ComputeFigures(ctx context.Context, s Service, r Round, now time.Time) (Figures, error) {
	f := Figures{Round: r.Name, ParticipantsByRole: map[string]int{}}
	people, err := s.CountParticipants(ctx, r.ID)
	if err != nil {
		return f, err
	}
	f.Participants = people.Total
	for role, n := range people.ByRole {
		f.ParticipantsByRole[role.Label()] += n
	}
	pairs, err := s.FindPairings(ctx, r.ID)
	if err != nil {
		return f, err
	}
	f.Pairings = len(pairs)
	paired := make(map[int64]bool, 2*len(pairs))
	for _, p := range pairs {
		paired[p.PrimaryID], paired[p.SecondaryID] = true, true
	}
	f.Unpaired = max(0, f.Participants-len(paired))
	for _, p := range pairs {
		both := true
		for _, v := range p.Visits {
			switch v.Status {
			case VisitDone:
				f.Visits.Done++
			case VisitCancelled:
				f.Visits.Cancelled++
			}
			if v.Status != VisitCancelled {
				f.Visits.Planned++
			}
			if v.Overdue(now) {
				f.Visits.Overdue++
			}
			both = both && v.Status == VisitDone
		}
		if both {
			f.Visits.PairsCompleted++
		}
	}
	qs, err := s.Questions(ctx, r.ID)
	if err != nil {
		return f, err
	}
	tally, err := s.Tally(ctx, r.ID)
	if err != nil {
		return f, err
	}
	fb := &f.Feedback
	fb.Responses = tally.Responses
	rs, err := LoadRoundSettings(ctx, s, r.ID)
	if err != nil {
		return f, err
	}
	fb.rateBase(rs, f.Participants, f.Visits.PairsCompleted)
	for _, q := range SummariseTally(qs, tally) {
		fb.Questions = append(fb.Questions, QuestionFigures{Text: q.Question.Text, N: q.N, Mean: q.Mean,
			Counts: q.Counts, Top2: q.Top2, CI95: q.CI95})
	}
	refl, err := s.Reflections(ctx, r.ID)
	if err != nil {
		return f, err
	}
	f.Reflections = len(refl)
	projects, err := s.Projects(ctx, r.ID)
	if err != nil {
		return f, err
	}
	f.Projects.Total = len(projects)
	for _, p := range projects {
		if p.Status == ProjectCompleted {
			f.Projects.Completed++
		}
	}
	if f.Event, err = eventFigures(ctx, s, r.ID, now); err != nil {
		return f, err
	}
	return f, nil
}
