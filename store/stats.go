package store

import (
	"fmt"
	"math"
	"sort"
)

// QuestionSummary holds the published figures for one survey question: what
// a careful analyst would compute by hand from the 1–6 scores of the people
// who answered it. Unanswered questions do not count towards N.
type QuestionSummary struct {
	Question Question
	// N is how many responses answered the question.
	N int
	// Mean is the weighted average of the scores, unrounded so that exports
	// and reports can round once, where they show it; 0 when N is 0.
	Mean float64
	// Counts[i] is how many answered with score i+1.
	Counts [6]int
	// Top2 is the share (0..1) that scored 5 or 6: the "top-two box"; 0 when
	// N is 0.
	Top2 float64
	// CI95 is the 95% confidence interval for the mean, from Student's t
	// distribution with N-1 degrees of freedom, clipped to the 1–6 scale.
	// With fewer than two answers there is no spread to estimate, so both
	// ends equal the mean.
	CI95 [2]float64
}

// Tally is a round's survey answers counted per question: everything the
// per-question figures need, without holding every response in memory.
type Tally struct {
	// Responses is how many responses there are, answered or not.
	Responses int
	// Counts maps a question ID to how many answered it with each score:
	// Counts[id][i] is the count of score i+1.
	Counts map[int64][6]int
	// ByRole is the same count for the responses of each role given (the
	// role "" for those that gave none), for breakdowns by role; its
	// tallies have no ByRole of their own.
	ByRole map[Role]Tally
}

// TallyOf counts rs. Scores outside 1–6 cannot come from the importer or
// the store; they are left out rather than allowed to skew a mean.
func TallyOf(rs []Response) Tally {
	t := Tally{Responses: len(rs), Counts: map[int64][6]int{}, ByRole: map[Role]Tally{}}
	for _, r := range rs {
		t.Add(r.Scores)
		t.AddTo(r.Role, r.Scores)
	}
	return t
}

// AddTo counts one response of role into ByRole (but not into t's own
// Counts or Responses).
func (t *Tally) AddTo(role Role, scores map[int64]int) {
	if t.ByRole == nil {
		t.ByRole = map[Role]Tally{}
	}
	g, ok := t.ByRole[role]
	if !ok {
		g = Tally{Counts: map[int64][6]int{}}
	}
	g.Responses++
	g.Add(scores)
	t.ByRole[role] = g
}

// Clone returns a copy of t that shares no maps with it.
func (t Tally) Clone() Tally {
	out := Tally{Responses: t.Responses, Counts: make(map[int64][6]int, len(t.Counts))}
	for k, v := range t.Counts {
		out.Counts[k] = v
	}
	if t.ByRole != nil {
		out.ByRole = make(map[Role]Tally, len(t.ByRole))
		for r, g := range t.ByRole {
			out.ByRole[r] = g.Clone()
		}
	}
	return out
}

// Add counts one response's scores (but not the response itself).
func (t *Tally) Add(scores map[int64]int) {
	for id, v := range scores {
		if v >= 1 && v <= 6 {
			c := t.Counts[id]
			c[v-1]++
			t.Counts[id] = c
		}
	}
}

// Summarise computes the figures for each of qs, in the order given, from
// the scores in rs.
func Summarise(qs []Question, rs []Response) []QuestionSummary {
	return SummariseTally(qs, TallyOf(rs))
}

// SummariseTally computes the figures for each of qs, in the order given,
// from a tally of the responses.
func SummariseTally(qs []Question, t Tally) []QuestionSummary {
	out := make([]QuestionSummary, len(qs))
	for i, q := range qs {
		s := QuestionSummary{Question: q, Counts: t.Counts[q.ID]}
		fill(&s)
		out[i] = s
	}
	return out
}

// fill derives N, Mean, Top2 and CI95 from Counts. Working from the counts
// keeps the arithmetic exactly what a hand calculation from a frequency
// table would do.
func fill(s *QuestionSummary) {
	sum := 0
	for i, c := range s.Counts {
		s.N += c
		sum += c * (i + 1)
	}
	if s.N == 0 {
		return
	}
	n := float64(s.N)
	s.Mean = float64(sum) / n
	s.Top2 = float64(s.Counts[4]+s.Counts[5]) / n
	s.CI95 = [2]float64{s.Mean, s.Mean}
	if s.N < 2 {
		return
	}
	ss := 0.0 // sum of squared deviations from the mean
	for i, c := range s.Counts {
		d := float64(i+1) - s.Mean
		ss += float64(c) * d * d
	}
	sd := math.Sqrt(ss / (n - 1))
	half := StudentT975(s.N-1) * sd / math.Sqrt(n)
	// The mean of 1–6 scores cannot lie outside 1–6, so neither can a
	// useful interval for it: with few answers t·s/√n can reach past both
	// ends (n=3 gave 0.87–8.46), which a board would rightly question.
	s.CI95 = [2]float64{max(s.Mean-half, 1), min(s.Mean+half, 6)}
}

// NoAnswersLabel is what screens, reports and exports show instead of a
// mean for a question nobody has answered yet: a mean of 0 would read as
// the worst possible score, when there is no score at all.
const NoAnswersLabel = "no answers yet"

// Breakdown is the figures for one group of responses (a role, a locality,
// a specialty). A group smaller than the threshold is Suppressed: it carries
// no figures at all, not even its size, because a small group's answers can
// identify the people in it. A larger group can be suppressed as well, when
// its figures and the overall ones would give away a small group's by
// subtraction (see SummariseBy).
type Breakdown struct {
	Group string
	// N is how many responses are in the group; 0 when Suppressed.
	N          int
	Suppressed bool
	// Summaries has one entry per question, in the order given. When the
	// group is Suppressed, or a question's figures are withheld, only
	// Question is set, so that a table can still lay out a row per
	// question and print Withheld's label in it.
	Summaries []QuestionSummary
	// withheld[i] says why question i's figures are not shown, if they
	// are not.
	withheld []string
}

// Withheld returns what to show in every figure cell of question i
// (SuppressedLabel or ComplementaryLabel), or "" when its figures may be
// shown. It is the one test screens and exports use, so that they hide
// exactly the same cells.
func (b Breakdown) Withheld(i int) string {
	if i < 0 || i >= len(b.withheld) {
		return ""
	}
	return b.withheld[i]
}

// ComplementaryLabel is shown in place of figures withheld not because
// their own group is small but because, with the overall figures, they
// would give away a small group's by subtraction. It says so, because a
// board member who sees a group of 30 "withheld" deserves the reason.
const ComplementaryLabel = "withheld: with the totals it would reveal a smaller group"

// NotForSharing marks an exact small count on a screen only the organiser
// sees (the dashboard, say): everywhere a figure can leave the laptop or be
// projected, the same count is withheld.
const NotForSharing = "not for sharing"

// WithheldBelow returns what to show instead of a figure that counts n
// people wherever it can leave the laptop or be projected: SuppressedLabel(k)
// when 0 < n < k, else "" (the figure may be shown). Nobody is identified
// by a count of nothing, and a k below 1 is taken as 1.
func WithheldBelow(n, k int) string {
	if n > 0 && n < max(k, 1) {
		return SuppressedLabel(max(k, 1))
	}
	return ""
}

// PrivateCount writes an exact count for a screen only the organiser sees:
// "1,234", or, for 0 < n < k, "2 (not for sharing)", so that a count that
// would be withheld anywhere else is never copied out unmarked.
func PrivateCount(n, k int) string {
	if WithheldBelow(n, k) != "" {
		return Thousands(n) + " (" + NotForSharing + ")"
	}
	return Thousands(n)
}

// Overall summarises every response per question as a breakdown of one
// group, for anything that leaves the laptop or is projected: a question
// fewer than k answered is withheld like any group's (Withheld gives
// SuppressedLabel(k)), because "all responses" is a group too when it is
// small. N is the number of responses. A question nobody answered is not
// withheld; it has no figures to hide.
func Overall(qs []Question, t Tally, k int) Breakdown {
	b := Breakdown{Group: AllResponses, N: t.Responses, Summaries: SummariseTally(qs, t), withheld: make([]string, len(qs))}
	for j, q := range qs {
		if label := WithheldBelow(b.Summaries[j].N, k); label != "" {
			b.withheld[j] = label
			b.Summaries[j] = QuestionSummary{Question: q}
		}
	}
	return b
}

// AllResponses names the overall group of Overall.
const AllResponses = "All responses"

// RoleNotGiven names the group of responses that gave no role, in
// SummariseByRole.
const RoleNotGiven = "Role not given"

// SummariseByRole is SummariseBy over the role each response gave, the
// groups named by the role's label. Responses that gave no role form the
// group RoleNotGiven, listed last; like any group it is shown only with k
// responses or more, but nothing identifies its members, so it never
// forces another group to be withheld (see SummariseBy).
func SummariseByRole(qs []Question, rs []Response, k int) []Breakdown {
	return SummariseTallyByRole(qs, TallyOf(rs), k)
}

// SummariseTallyByRole is SummariseByRole from a tally's counts by role
// (Tally.ByRole), such as the store's: the same groups, figures and
// withheld cells, without holding the responses.
func SummariseTallyByRole(qs []Question, t Tally, k int) []Breakdown {
	groups := make(map[string]Tally, len(t.ByRole))
	for role, g := range t.ByRole {
		name := ""
		if role != "" {
			name = role.Label()
		}
		sum, ok := groups[name]
		if !ok {
			sum = Tally{Counts: map[int64][6]int{}}
		}
		// Two stored codes with one label are one group.
		sum.Responses += g.Responses
		for id, c := range g.Counts {
			s := sum.Counts[id]
			for i := range c {
				s[i] += c[i]
			}
			sum.Counts[id] = s
		}
		groups[name] = sum
	}
	bs := SummariseGroups(qs, groups, k)
	if len(bs) > 0 && bs[0].Group == "" {
		notGiven := bs[0]
		notGiven.Group = RoleNotGiven
		bs = append(bs[1:], notGiven)
	}
	return bs
}

// SummariseBy splits rs into groups by the group function and summarises
// each group, in ascending order of group name. A k below 1 is taken as 1.
//
// Any group with fewer than k responses is suppressed, and so is any
// question fewer than k of a group's members answered. Because the overall
// figures are published too, hiding one small group is not enough: the
// overall counts minus the shown groups' would reveal it. So, while the
// suppressed groups hold more than 0 but fewer than k responses between
// them, the smallest group still shown is suppressed as well; and, question
// by question, while the withheld cells hold more than 0 but fewer than k
// answers, the smallest shown cell is withheld too.
//
// The group named "" (it sorts first) holds the responses that did not
// say: people who gave no role share nothing that singles them out, so
// working out their figures by subtraction identifies nobody. That group
// is still shown only with k responses or more, but when it is all that is
// hidden, nothing else is withheld for its sake: complementary suppression
// protects hidden responses of a named group. (Before, two responses
// without a role withheld the whole GP group of 34.)
func SummariseBy(qs []Question, rs []Response, group func(Response) string, k int) []Breakdown {
	groups := map[string]Tally{}
	for _, r := range rs {
		g := group(r)
		t, ok := groups[g]
		if !ok {
			t = Tally{Counts: map[int64][6]int{}}
		}
		t.Responses++
		t.Add(r.Scores)
		groups[g] = t
	}
	return SummariseGroups(qs, groups, k)
}

// SummariseGroups is SummariseBy over groups already counted, such as a
// store's per-role tally: the same rules, without holding the responses.
func SummariseGroups(qs []Question, groups map[string]Tally, k int) []Breakdown {
	if k < 1 {
		k = 1
	}
	names := make([]string, 0, len(groups))
	for g := range groups {
		names = append(names, g)
	}
	sort.Strings(names)

	// needsCover reports whether hidden responses (or answers) can be
	// worked out by subtraction and would say something about a named
	// group: some of them are a named group's, and they are fewer than k.
	needsCover := func(hidden, named int) bool { return named > 0 && hidden < k }

	// Groups: primary suppression, then complementary.
	small := make([]bool, len(names))
	hiddenN, namedN := 0, 0
	for i, g := range names {
		if groups[g].Responses < k {
			small[i] = true
			hiddenN += groups[g].Responses
			if g != "" {
				namedN += groups[g].Responses
			}
		}
	}
	complementary := make([]bool, len(names))
	for needsCover(hiddenN, namedN) {
		next := -1
		for i, g := range names {
			if !small[i] && !complementary[i] && (next < 0 || groups[g].Responses < groups[names[next]].Responses) {
				next = i
			}
		}
		if next < 0 {
			break
		}
		complementary[next] = true
		hiddenN += groups[names[next]].Responses
		namedN += groups[names[next]].Responses
	}

	out := make([]Breakdown, len(names))
	for i, g := range names {
		b := Breakdown{Group: g, withheld: make([]string, len(qs))}
		switch {
		case small[i] || complementary[i]:
			b.Suppressed = true
			label := SuppressedLabel(k)
			if !small[i] {
				label = ComplementaryLabel
			}
			for j := range qs {
				b.withheld[j] = label
			}
		default:
			b.N = groups[g].Responses
			b.Summaries = SummariseTally(qs, groups[g])
		}
		out[i] = b
	}

	// Cells: the same rule, question by question, over the answers.
	for j, q := range qs {
		hidden, named := 0, 0
		for i, g := range names {
			n := 0
			if out[i].Suppressed {
				n = answered(groups[g], q.ID)
			} else if n = out[i].Summaries[j].N; n < k {
				out[i].withheld[j] = SuppressedLabel(k)
			} else {
				continue
			}
			hidden += n
			if g != "" {
				named += n
			}
		}
		for needsCover(hidden, named) {
			next := -1
			for i := range out {
				if out[i].withheld[j] == "" && (next < 0 || out[i].Summaries[j].N < out[next].Summaries[j].N) {
					next = i
				}
			}
			if next < 0 {
				break
			}
			out[next].withheld[j] = ComplementaryLabel
			hidden += out[next].Summaries[j].N
			named += out[next].Summaries[j].N
		}
	}

	// Nothing withheld is kept, so no caller can show it by mistake.
	for i := range out {
		if out[i].Summaries == nil {
			out[i].Summaries = make([]QuestionSummary, len(qs))
		}
		for j, q := range qs {
			if out[i].withheld[j] != "" {
				out[i].Summaries[j] = QuestionSummary{Question: q}
			}
		}
	}
	return out
}

// answered counts the answers from 1 to 6 to the question in t.
func answered(t Tally, question int64) int {
	n := 0
	for _, c := range t.Counts[question] {
		n += c
	}
	return n
}

// SuppressedLabel is what screens and exports show in place of a suppressed
// figure, so that everywhere says the same thing: "fewer than 5".
func SuppressedLabel(k int) string {
	return fmt.Sprintf("fewer than %d", k)
}

// StudentT975 returns the 0.975 quantile of Student's t distribution with df
// degrees of freedom: the multiplier for a two-sided 95% confidence
// interval. It solves CDF(t) = 0.975 by bisection on the exact CDF (through
// the regularised incomplete beta function), which is accurate to well
// beyond the two decimals a report shows. It returns +Inf for df < 1.
func StudentT975(df int) float64 {
	if df < 1 {
		return math.Inf(1)
	}
	v := float64(df)
	// The upper tail beyond t is I_x(v/2, 1/2)/2 with x = v/(v+t²); it falls
	// as t grows, so bisect for the t where it equals 0.025.
	lo, hi := 0.0, 1.0
	for tTail(hi, v) > 0.025 {
		hi *= 2
	}
	for i := 0; i < 200 && hi-lo > 1e-12; i++ {
		mid := (lo + hi) / 2
		if tTail(mid, v) > 0.025 {
			lo = mid
		} else {
			hi = mid
		}
	}
	return (lo + hi) / 2
}

// tTail is P(T > t) for t >= 0 with v degrees of freedom.
func tTail(t, v float64) float64 {
	return 0.5 * regIncBeta(v/(v+t*t), v/2, 0.5)
}

// regIncBeta is the regularised incomplete beta function I_x(a, b), by the
// continued fraction of Numerical Recipes (§6.4), using the symmetry
// I_x(a,b) = 1 - I_{1-x}(b,a) where the fraction converges faster.
func regIncBeta(x, a, b float64) float64 {
	switch {
	case x <= 0:
		return 0
	case x >= 1:
		return 1
	}
	la, _ := math.Lgamma(a)
	lb, _ := math.Lgamma(b)
	lab, _ := math.Lgamma(a + b)
	front := math.Exp(lab - la - lb + a*math.Log(x) + b*math.Log(1-x))
	if x < (a+1)/(a+b+2) {
		return front * betaCF(x, a, b) / a
	}
	return 1 - front*betaCF(1-x, b, a)/b
}

// betaCF evaluates the continued fraction for the incomplete beta function
// by the modified Lentz method.
func betaCF(x, a, b float64) float64 {
	const tiny = 1e-300
	nonzero := func(v float64) float64 {
		if math.Abs(v) < tiny {
			return tiny
		}
		return v
	}
	qab, qap, qam := a+b, a+1, a-1
	c, d := 1.0, 1/nonzero(1-qab*x/qap)
	h := d
	// step takes the next term aa of the fraction and returns the factor
	// it multiplies h by.
	step := func(aa float64) float64 {
		d = 1 / nonzero(1+aa*d)
		c = nonzero(1 + aa/c)
		return d * c
	}
	for m := 1; m <= 300; m++ {
		fm := float64(m)
		m2 := 2 * fm
		h *= step(fm * (b - fm) * x / ((qam + m2) * (a + m2)))
		del := step(-(a + fm) * (qab + fm) * x / ((a + m2) * (qap + m2)))
		h *= del
		if math.Abs(del-1) < 1e-15 {
			break
		}
	}
	return h
}
