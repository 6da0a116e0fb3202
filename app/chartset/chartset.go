// Package chartset gathers a round's figures into the inputs of every
// chart Liaison draws, once, so the Charts screen, the presenter and
// `liaison charts` show the same charts from the same reads. It touches no
// widget and draws nothing itself.
package chartset

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/liaisonapp/liaison/charts"
	"github.com/liaisonapp/liaison/store"
)

// Set is everything the charts and slides of one round are drawn
// from. It is read in one go, off the UI goroutine, and never changed
// afterwards, so renderers on other goroutines can share it.
type Set struct {
	Round   store.Round
	Figures store.Figures
	// K is the small-number threshold for breakdowns of people.
	K int

	Roles      []charts.Count
	Localities []charts.Count
	// Progress holds visits done and pairs completed, by the visit date.
	Progress map[string][]charts.Point
	// Undated counts done visits without a date, which no timeline can show.
	Undated int

	Questions []charts.QuestionScores

	Themes      []charts.Count
	Reflections int
	Quotes      []string

	ProjectStatus []charts.Count
	ProjectsDone  map[string][]charts.Point
	// CaseStudies are the completed projects, for the presenter's
	// case-study slides: what changed and what it saved.
	CaseStudies []store.Project

	Agenda Agenda
	// CheckedIn and Accepted are the event's arrivals and acceptances.
	CheckedIn, Accepted int
	// Today is the day the set was gathered, where the charts over time
	// end when nothing has happened yet.
	Today time.Time

	// ToDate are the figures across every round, and ToDateSeries the same
	// as events at each round's date, for the chart across rounds.
	ToDate       store.ToDate
	ToDateSeries map[string][]charts.Point

	reads *memoReads // while the set is being read
}

// maxLocalities is how many localities get a bar of their own; the rest
// share one, so a round with 40 PCNs still gives a readable chart.
const maxLocalities = 12

// memoReads remembers what ComputeFigures read, so gathering the charts
// reads each table once instead of twice (the responses, the largest,
// are read only by ComputeFigures).
type memoReads struct {
	store.Service
	people   *store.ParticipantCounts
	pairs    []store.Pairing
	refl     []store.Reflection
	projects []store.Project
}

func (m *memoReads) CountParticipants(ctx context.Context, roundID int64) (store.ParticipantCounts, error) {
	if m.people == nil {
		people, err := m.Service.CountParticipants(ctx, roundID)
		if err != nil {
			return people, err
		}
		m.people = &people
	}
	return *m.people, nil
}

func (m *memoReads) FindPairings(ctx context.Context, roundID int64) ([]store.Pairing, error) {
	var err error
	if m.pairs == nil {
		m.pairs, err = m.Service.FindPairings(ctx, roundID)
	}
	return m.pairs, err
}

func (m *memoReads) Reflections(ctx context.Context, roundID int64) ([]store.Reflection, error) {
	var err error
	if m.refl == nil {
		m.refl, err = m.Service.Reflections(ctx, roundID)
	}
	return m.refl, err
}

func (m *memoReads) Projects(ctx context.Context, roundID int64) ([]store.Project, error) {
	var err error
	if m.projects == nil {
		m.projects, err = m.Service.Projects(ctx, roundID)
	}
	return m.projects, err
}

// Gather reads round r from db into chart inputs. now places the
// agenda's current item and ends the charts over time when nothing has
// happened yet. It does no drawing and touches no widget.
func Gather(ctx context.Context, db store.Service, r store.Round, now time.Time) (*Set, error) {
	d, _, err := Start(ctx, db, r, now)
	if err != nil {
		return nil, err
	}
	if _, err := d.Finish(ctx); err != nil {
		return nil, err
	}
	return d, nil
}

// Start is the first step of Gather, for a command that draws every chart
// and can start on some while the rest is read: it reads who took part
// and the round's small-number threshold, and returns the charts those
// are enough for (the first in Charts' order). Finish reads the rest. The
// charts returned may be drawn on other goroutines during Finish, which
// changes nothing they read.
func Start(ctx context.Context, db store.Service, r store.Round, now time.Time) (*Set, []Def, error) {
	d := &Set{Round: r, Today: now, reads: &memoReads{Service: db}}
	people, err := d.reads.CountParticipants(ctx, r.ID)
	if err != nil {
		return nil, nil, err
	}
	rs, err := store.LoadRoundSettings(ctx, db, r.ID)
	if err != nil {
		return nil, nil, err
	}
	d.K = rs.SuppressK
	if d.K == 0 {
		d.K = store.DefaultSuppressK
	}
	d.Roles, d.Localities = peopleCounts(people)
	return d, d.peopleCharts(), nil
}

// Finish reads the rest of the set after Start and returns the charts
// Start did not, in Charts' order.
func (d *Set) Finish(ctx context.Context) ([]Def, error) {
	m, r, now := d.reads, d.Round, d.Today
	f, err := store.ComputeFigures(ctx, m, r, now)
	if err != nil {
		return nil, err
	}
	d.Figures = f
	for _, q := range f.Feedback.Questions {
		// Charts are projected and exported: a question fewer than K
		// answered is withheld like any small group.
		qs := charts.QuestionScores{Text: q.Text, Counts: q.Counts, Withheld: store.WithheldBelow(q.N, d.K)}
		if qs.Withheld != "" {
			qs.Counts = [6]int{}
		}
		d.Questions = append(d.Questions, qs)
	}
	pairs, err := m.FindPairings(ctx, r.ID)
	if err != nil {
		return nil, err
	}
	d.Progress, d.Undated = progress(pairs)
	themes, err := m.Themes(ctx)
	if err != nil {
		return nil, err
	}
	refl, err := m.Reflections(ctx, r.ID)
	if err != nil {
		return nil, err
	}
	d.Reflections = len(refl)
	d.Themes, d.Quotes = themeCounts(themes, refl)
	projects, err := m.Projects(ctx, r.ID)
	if err != nil {
		return nil, err
	}
	d.ProjectStatus, d.ProjectsDone = projectCounts(projects)
	for _, p := range projects {
		if p.Status == store.ProjectCompleted {
			d.CaseStudies = append(d.CaseStudies, p)
		}
	}
	if err := d.gatherEvent(ctx, m, r, now); err != nil {
		return nil, err
	}
	if d.ToDate, err = store.ComputeToDate(ctx, m); err != nil {
		return nil, err
	}
	d.ToDateSeries = toDateSeries(d.ToDate)
	d.reads = nil
	return d.restCharts(), nil
}

// toDateSeries turns each round's figures into events at the round's date,
// whose running totals are the figures to date.
func toDateSeries(t store.ToDate) map[string][]charts.Point {
	series := map[string][]charts.Point{}
	for _, r := range t.ByRound {
		date, err := time.Parse(store.DateLayout, r.Date)
		if err != nil {
			continue
		}
		for name, n := range map[string]int{
			"people (each once)": r.NewParticipants, "pairs": r.Pairs, "visits done": r.VisitsDone,
			"feedback responses": r.Responses, "projects completed": r.ProjectsCompleted,
		} {
			series[name] = append(series[name], charts.Point{Date: date, N: n})
		}
	}
	return series
}

// peopleCounts counts participants by role (in the GUI's role order, only
// roles someone has) and by locality (by name, the smallest merged when
// there are more than maxLocalities).
func peopleCounts(people store.ParticipantCounts) (roles, localities []charts.Count) {
	byRole := people.ByRole
	byPlace := map[string]int{}
	for place, n := range people.ByLocality {
		if place = strings.TrimSpace(place); place == "" {
			place = "Not given"
		}
		byPlace[place] += n
	}
	for _, role := range store.Roles {
		if n := byRole[role]; n > 0 {
			roles = append(roles, charts.Count{Label: role.Label(), N: n})
		}
	}
	for role, n := range byRole {
		if !role.Valid() {
			roles = append(roles, charts.Count{Label: role.Label(), N: n})
		}
	}
	for place, n := range byPlace {
		localities = append(localities, charts.Count{Label: place, N: n})
	}
	if len(localities) > maxLocalities {
		sort.Slice(localities, func(i, j int) bool {
			if localities[i].N != localities[j].N {
				return localities[i].N > localities[j].N
			}
			return localities[i].Label < localities[j].Label
		})
		rest := charts.Count{}
		for _, c := range localities[maxLocalities-1:] {
			rest.N += c.N
		}
		rest.Label = store.Plural(len(localities)-maxLocalities+1, "other locality", "other localities")
		localities = append(localities[:maxLocalities-1], rest)
	}
	sort.SliceStable(localities, func(i, j int) bool {
		oi, oj := strings.HasSuffix(localities[i].Label, " other localities"), strings.HasSuffix(localities[j].Label, " other localities")
		if oi != oj {
			return oj
		}
		return localities[i].Label < localities[j].Label
	})
	return roles, localities
}

// Names of the cumulative lines.
const (
	lineVisitsDone    = "Visits done"
	linePairsComplete = "Pairs with both visits done"
	lineProjectsDone  = "Projects completed"
)

// progress turns visits into running totals by date: each done visit on
// its date, and each pair once its later visit is done. Pairings carry no
// date of their own, so "pairs made over time" cannot be drawn honestly.
func progress(pairs []store.Pairing) (map[string][]charts.Point, int) {
	out := map[string][]charts.Point{lineVisitsDone: nil, linePairsComplete: nil}
	undated := 0
	for _, p := range pairs {
		both, last := true, ""
		for _, v := range p.Visits {
			if v.Status != store.VisitDone {
				both = false
				continue
			}
			t, err := time.Parse(store.DateLayout, v.Date)
			if err != nil {
				undated++
				both = false
				continue
			}
			out[lineVisitsDone] = append(out[lineVisitsDone], charts.Point{Date: t, N: 1})
			last = max(last, v.Date)
		}
		if both {
			t, _ := time.Parse(store.DateLayout, last)
			out[linePairsComplete] = append(out[linePairsComplete], charts.Point{Date: t, N: 1})
		}
	}
	return out, undated
}

// themeCounts counts reflections per theme, in the order of the theme list
// (then any theme no longer in the list, by name), and collects the quotes
// approved for showing.
func themeCounts(themes []store.Theme, refl []store.Reflection) ([]charts.Count, []string) {
	n := map[string]int{}
	var quotes []string
	for _, r := range refl {
		for _, t := range r.Themes {
			n[strings.ToLower(t)]++
		}
		if q := strings.TrimSpace(r.Quote()); r.Approved && q != "" {
			quotes = append(quotes, q)
		}
	}
	var out []charts.Count
	for _, t := range themes {
		k := strings.ToLower(t.Name)
		out = append(out, charts.Count{Label: t.Name, N: n[k]})
		delete(n, k)
	}
	var extra []string
	for k := range n {
		extra = append(extra, k)
	}
	sort.Strings(extra)
	for _, k := range extra {
		out = append(out, charts.Count{Label: k, N: n[k]})
	}
	return out, quotes
}

// projectStatusLabels are the project statuses as the charts write them.
var projectStatusLabels = map[store.ProjectStatus]string{
	store.ProjectIdea: "Idea", store.ProjectInProgress: "In progress",
	store.ProjectCompleted: "Completed", store.ProjectStopped: "Stopped",
}

// projectCounts counts projects by status, in workflow order, and dates
// the completed ones.
func projectCounts(projects []store.Project) ([]charts.Count, map[string][]charts.Point) {
	n := map[store.ProjectStatus]int{}
	done := map[string][]charts.Point{lineProjectsDone: nil}
	for _, p := range projects {
		n[p.Status]++
		if t, err := time.Parse(store.DateLayout, p.CompletedOn); err == nil && p.Status == store.ProjectCompleted {
			done[lineProjectsDone] = append(done[lineProjectsDone], charts.Point{Date: t, N: 1})
		}
	}
	var out []charts.Count
	for _, s := range store.ProjectStatuses {
		out = append(out, charts.Count{Label: projectStatusLabels[s], N: n[s]})
	}
	return out, done
}

// Agenda is the agenda of the round's event with what is on now and
// next.
type Agenda struct {
	Event store.Event
	Items []store.AgendaItem
	// OnTheDay is true when now falls on the event's date.
	OnTheDay bool
	// Now and Next index Items; -1 when there is none.
	Now, Next int
}

// gatherEvent picks the round's event (today's, else the next, else the
// latest) and reads its agenda and check-ins.
func (d *Set) gatherEvent(ctx context.Context, db store.Service, r store.Round, now time.Time) error {
	d.Agenda = Agenda{Now: -1, Next: -1}
	events, err := db.Events(ctx, r.ID)
	if err != nil || len(events) == 0 {
		return err
	}
	e := store.PickEvent(events, now)
	items, err := db.Agenda(ctx, e.ID)
	if err != nil {
		return err
	}
	d.Agenda = AgendaAt(e, items, now)
	people, err := db.Attendees(ctx, e.ID)
	if err != nil {
		return err
	}
	for _, a := range people {
		if a.RSVP == store.RSVPAccepted {
			d.Accepted++
		}
		if !a.CheckedInAt.IsZero() {
			d.CheckedIn++
		}
	}
	return nil
}

// AgendaAt finds the item on now and the one next. On the event's day
// they follow the clock; before the day the first item is next; after it
// nothing is.
func AgendaAt(e store.Event, items []store.AgendaItem, now time.Time) Agenda {
	s := Agenda{Event: e, Items: items, Now: -1, Next: -1}
	today := now.Format(store.DateLayout)
	switch {
	case e.Date == "" || e.Date > today:
		if len(items) > 0 {
			s.Next = 0
		}
		return s
	case e.Date < today:
		return s
	}
	s.OnTheDay = true
	clock := now.Format("15:04")
	for i, it := range items {
		if it.Starts == "" {
			continue
		}
		end := endTime(it)
		if it.Starts <= clock && clock < end {
			s.Now = i
		} else if it.Starts > clock && s.Next < 0 {
			s.Next = i
		}
	}
	return s
}

// endTime is when an agenda item ends, as HH:MM; an item without a length
// lasts until the next one starts, taken here as a minute.
func endTime(it store.AgendaItem) string {
	t, err := time.Parse("15:04", it.Starts)
	if err != nil {
		return it.Starts
	}
	return t.Add(time.Duration(max(it.Minutes, 1)) * time.Minute).Format("15:04")
}

// Def is one chart of the round: its file name, how to build it and
// the figures it shows (compared to skip redrawing a chart that did not
// change).
type Def struct {
	// Name is the chart's file stem, such as "feedback-means".
	Name string
	// Feedback marks the charts of the survey.
	Feedback bool
	// Data is the figures the chart shows, printed: equal Data draws the
	// same chart, so a redraw can be skipped.
	Data string
	// Build makes the chart at the size and look of o.
	Build func(o charts.Options) *charts.Chart
}

// rateNote is the response rate for a feedback chart's subtitle. The chart
// already gives n, so the note gives the rate and its base without saying
// "71 responses" a second time.
func rateNote(fb store.FeedbackFigures) string {
	if fb.DenominatorN == 0 {
		return "no response rate yet, as there are " + fb.Denominator
	}
	if fb.ResponseRate > 1 {
		return fb.RateText()
	}
	return fmt.Sprintf("response rate %.1f%% of %s", 100*fb.ResponseRate, fb.Denominator)
}

// Charts lists the round's charts in the order the screen and the slides
// show them. Charts about an event appear only when the round has one.
func (d *Set) Charts() []Def {
	return append(d.peopleCharts(), d.restCharts()...)
}

// peopleCharts are the charts of who took part, which Start reads enough
// for.
func (d *Set) peopleCharts() []Def {
	k := d.K
	return []Def{
		{Name: "participants-by-role", Data: fmt.Sprint(d.Roles, k), Build: func(o charts.Options) *charts.Chart {
			o.SuppressBelow = k
			return charts.ParticipantsByRole(d.Roles, o)
		}},
		{Name: "participants-by-locality", Data: fmt.Sprint(d.Localities, k), Build: func(o charts.Options) *charts.Chart {
			o.SuppressBelow = k
			return charts.ParticipantsByLocality(d.Localities, o)
		}},
	}
}

// restCharts are the charts after those of who took part.
func (d *Set) restCharts() []Def {
	note := rateNote(d.Figures.Feedback)
	defs := []Def{
		{Name: "visits-over-time", Data: fmt.Sprint(d.Progress, d.Undated), Build: func(o charts.Options) *charts.Chart {
			if d.Undated > 0 {
				o.Note = store.Plural(d.Undated, "done visit", "done visits") + " without a date not shown"
			}
			o.Today = d.Today
			return charts.Cumulative("Visits done and pairs with both visits done, over time", d.Progress, o)
		}},
		{Name: "feedback-means", Feedback: true, Data: fmt.Sprint(d.Questions, note), Build: func(o charts.Options) *charts.Chart {
			o.Note = note
			return charts.Means(d.Questions, o)
		}},
		{Name: "feedback-scores", Feedback: true, Data: fmt.Sprint(d.Questions, note), Build: func(o charts.Options) *charts.Chart {
			o.Note = note
			return charts.Diverging(d.Questions, o)
		}},
		{Name: "reflection-themes", Data: fmt.Sprint(d.Themes, d.Reflections), Build: func(o charts.Options) *charts.Chart {
			return charts.Themes(d.Themes, d.Reflections, o)
		}},
		{Name: "projects-by-status", Data: fmt.Sprint(d.ProjectStatus), Build: func(o charts.Options) *charts.Chart {
			return charts.ProjectsByStatus(d.ProjectStatus, o)
		}},
		{Name: "projects-completed-over-time", Data: fmt.Sprint(d.ProjectsDone), Build: func(o charts.Options) *charts.Chart {
			o.Today = d.Today
			return charts.Cumulative("Improvement projects completed, over time", d.ProjectsDone, o)
		}},
	}
	if d.ToDate.Rounds > 0 {
		rounds := d.ToDate.Rounds
		defs = append(defs, Def{Name: "totals-to-date", Data: fmt.Sprint(d.ToDate.ByRound), Build: func(o charts.Options) *charts.Chart {
			o.Note = "across " + store.Plural(rounds, "round", "rounds") + ", each round at its start date"
			o.Today = d.Today
			return charts.Cumulative("The scheme to date: running totals across rounds", d.ToDateSeries, o)
		}})
	}
	if d.Agenda.Event.ID != 0 {
		in, acc := d.CheckedIn, d.Accepted
		name := d.Agenda.Event.Name
		defs = append(defs, Def{Name: "event-check-ins", Data: fmt.Sprint(in, acc, name), Build: func(o charts.Options) *charts.Chart {
			o.Note = name
			return charts.CheckIns(in, acc, o)
		}})
	}
	return defs
}
