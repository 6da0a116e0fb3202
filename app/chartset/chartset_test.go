package chartset

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/liaisonapp/liaison/charts"
	"github.com/liaisonapp/liaison/store"
	"github.com/liaisonapp/liaison/store/demo"
	"github.com/liaisonapp/liaison/store/sqlite"
)

func TestAgendaAt(t *testing.T) {
	e := store.Event{ID: 1, Date: "2018-07-12"}
	items := []store.AgendaItem{
		{Starts: "13:00", Minutes: 30, Title: "Arrival"},
		{Starts: "13:30", Minutes: 15, Title: "Welcome"},
		{Starts: "14:00", Minutes: 45, Title: "Keynote"},
	}
	at := func(day string, hh, mm int) time.Time {
		d, _ := time.Parse(store.DateLayout, day)
		return time.Date(d.Year(), d.Month(), d.Day(), hh, mm, 0, 0, time.Local)
	}
	tests := []struct {
		name      string
		now       time.Time
		onTheDay  bool
		nowI, nxt int
	}{
		{"the week before", at("2018-07-05", 14, 0), false, -1, 0},
		{"the morning of", at("2018-07-12", 9, 0), true, -1, 0},
		{"during the first", at("2018-07-12", 13, 10), true, 0, 1},
		{"in a gap", at("2018-07-12", 13, 50), true, -1, 2},
		{"at the start of the last", at("2018-07-12", 14, 0), true, 2, -1},
		{"after the end", at("2018-07-12", 15, 0), true, -1, -1},
		{"the day after", at("2018-07-13", 14, 0), false, -1, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := AgendaAt(e, items, tt.now)
			if a.OnTheDay != tt.onTheDay || a.Now != tt.nowI || a.Next != tt.nxt {
				t.Fatalf("on the day %v, now %d, next %d; want %v, %d, %d", a.OnTheDay, a.Now, a.Next, tt.onTheDay, tt.nowI, tt.nxt)
			}
		})
	}
}

func TestPickEvent(t *testing.T) {
	events := []store.Event{{ID: 1, Date: ""}, {ID: 2, Date: "2018-01-10"}, {ID: 3, Date: "2018-03-01"}, {ID: 4, Date: "2018-07-12"}, {ID: 5, Date: "2018-09-01"}}
	tests := []struct {
		today string
		want  int64
	}{
		{"2018-07-12", 4}, // today's
		{"2018-02-01", 3}, // the next one
		{"2019-01-01", 5}, // the latest, all past
	}
	for _, tt := range tests {
		now, _ := time.Parse(store.DateLayout, tt.today)
		if got := store.PickEvent(events, now).ID; got != tt.want {
			t.Fatalf("on %s: event %d, want %d", tt.today, got, tt.want)
		}
	}
}

func TestProgressCountsDatedDoneVisits(t *testing.T) {
	done := func(d string) store.Visit { return store.Visit{Status: store.VisitDone, Date: d} }
	pairs := []store.Pairing{
		{Visits: [2]store.Visit{done("2018-01-01"), done("2018-02-01")}},
		{Visits: [2]store.Visit{done("2018-01-15"), {Status: store.VisitConfirmed, Date: "2018-03-01"}}},
		{Visits: [2]store.Visit{done(""), done("2018-01-20")}},
	}
	got, undated := progress(pairs)
	if n := len(got[lineVisitsDone]); n != 4 {
		t.Fatalf("%d dated visits done, want 4", n)
	}
	if undated != 1 {
		t.Fatalf("%d undated, want 1", undated)
	}
	pc := got[linePairsComplete]
	if len(pc) != 1 || pc[0].Date.Format(store.DateLayout) != "2018-02-01" {
		t.Fatalf("pairs completed %v, want one on 2018-02-01 (its later visit)", pc)
	}
}

func TestLocalitiesMergeTheSmallest(t *testing.T) {
	people := store.ParticipantCounts{ByRole: map[store.Role]int{}, ByLocality: map[string]int{}}
	for i := range 20 {
		people.ByLocality[fmt.Sprintf("PCN %02d", i)] = i + 1
		people.ByRole[store.RoleGP] += i + 1
	}
	_, locs := peopleCounts(people)
	if got, want := len(locs), maxLocalities; got != want {
		t.Fatalf("%d locality bars, want %d", got, want)
	}
	last := locs[len(locs)-1]
	if got, want := last.Label, "9 other localities"; got != want {
		t.Fatalf("last bar %q, want %q", got, want)
	}
	if got, want := last.N, 1+2+3+4+5+6+7+8+9; got != want {
		t.Fatalf("the merged bar counts %d, want %d", got, want)
	}
}

// demoRound opens a new database holding the demo round.
func demoRound(t *testing.T) (*sqlite.DB, store.Round) {
	t.Helper()
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "l.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	r, err := demo.Create(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	return db, r
}

func TestGatherDemoRound(t *testing.T) {
	ctx := context.Background()
	db, r := demoRound(t)
	s, err := Gather(ctx, db, r, time.Date(2018, 7, 12, 14, 10, 0, 0, time.Local))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(s.Questions), 4; got != want {
		t.Fatalf("%d questions, want %d", got, want)
	}
	for i, q := range s.Questions {
		if q.Counts != demo.Counts[i] {
			t.Fatalf("question %d counts %v, want %v", i+1, q.Counts, demo.Counts[i])
		}
	}
	if s.Agenda.Now < 0 || s.Agenda.Items[s.Agenda.Now].Title != "Keynote: compassionate leadership" {
		t.Fatalf("at 14:10 on the day the agenda is on item %d, want the keynote", s.Agenda.Now)
	}
	if s.Accepted == 0 || s.CheckedIn == 0 || len(s.Quotes) == 0 {
		t.Fatalf("accepted %d, checked in %d, quotes %d: want all above zero", s.Accepted, s.CheckedIn, len(s.Quotes))
	}
	names := map[string]bool{}
	for _, d := range s.Charts() {
		names[d.Name] = true
	}
	for _, n := range []string{"participants-by-role", "feedback-means", "feedback-scores", "event-check-ins", "reflection-themes", "projects-by-status"} {
		if !names[n] {
			t.Fatalf("no %s chart", n)
		}
	}
}

// The charts Start hands over can be drawn while Finish reads the rest
// (the race detector watches), and with Finish's they are the set's
// charts in order, each drawing what Gather's would.
func TestStartThenFinishIsGather(t *testing.T) {
	ctx := context.Background()
	db, r := demoRound(t)
	now := time.Date(2018, 7, 12, 14, 10, 0, 0, time.Local)
	whole, err := Gather(ctx, db, r, now)
	if err != nil {
		t.Fatal(err)
	}
	set, first, err := Start(ctx, db, r, now)
	if err != nil {
		t.Fatal(err)
	}
	if len(first) == 0 {
		t.Fatal("Start handed over no chart")
	}
	o := charts.Options{Width: 640, Height: 360}
	drawn := make(chan error, len(first))
	for _, def := range first {
		go func() {
			var b strings.Builder
			drawn <- def.Build(o).SVG(&b)
		}()
	}
	rest, err := set.Finish(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for range first {
		if err := <-drawn; err != nil {
			t.Fatal(err)
		}
	}
	got, want := append(first, rest...), whole.Charts()
	if len(got) != len(want) {
		t.Fatalf("Start and Finish gave %d charts, Gather %d", len(got), len(want))
	}
	for i := range want {
		var a, b strings.Builder
		if err := got[i].Build(o).SVG(&a); err != nil {
			t.Fatal(err)
		}
		if err := want[i].Build(o).SVG(&b); err != nil {
			t.Fatal(err)
		}
		if got[i].Name != want[i].Name || got[i].Data != want[i].Data || a.String() != b.String() {
			t.Errorf("chart %d is %s (%d bytes of SVG), Gather's is %s (%d bytes)", i+1, got[i].Name, a.Len(), want[i].Name, b.Len())
		}
	}
}

// TestGatherWithholdsSmallQuestions: the charts are projected and exported,
// so a question fewer than K answered shows "fewer than K" and no figure.
func TestGatherWithholdsSmallQuestions(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "l.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	r := store.Round{Name: "Small"}
	if err := db.CreateRound(ctx, &r); err != nil {
		t.Fatal(err)
	}
	qs, err := db.Questions(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	// Six answer the first question, two of them the second too.
	var rs []store.Response
	for i := range 6 {
		scores := map[int64]int{qs[0].ID: 1 + i}
		if i < 2 {
			scores[qs[1].ID] = 6
		}
		rs = append(rs, store.Response{Scores: scores, Key: fmt.Sprint("r", i), Source: "paper"})
	}
	if _, _, err := db.AddResponses(ctx, r.ID, rs); err != nil {
		t.Fatal(err)
	}
	s, err := Gather(ctx, db, r, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	few := store.SuppressedLabel(store.DefaultSuppressK)
	for i, want := range []struct {
		withheld string
		n        int
	}{{"", 6}, {few, 0}, {"", 0}, {"", 0}} {
		q := s.Questions[i]
		if q.Withheld != want.withheld || q.N() != want.n {
			t.Fatalf("question %d: withheld %q, n %d; want %q, %d", i+1, q.Withheld, q.N(), want.withheld, want.n)
		}
	}
	for _, d := range s.Charts() {
		if d.Feedback && !strings.Contains(d.Data, few) {
			t.Fatalf("%s chart's data %q does not carry %q", d.Name, d.Data, few)
		}
	}
}

// TestFeedbackSubtitleSaysNOnce: the chart gives n itself, so its note
// gives only the rate and its base.
func TestFeedbackSubtitleSaysNOnce(t *testing.T) {
	fb := store.FeedbackFigures{Responses: 71, ResponseRate: 71.0 / 190, Denominator: "190 participants in the round", DenominatorN: 190}
	if got, want := rateNote(fb), "response rate 37.4% of 190 participants in the round"; got != want {
		t.Fatalf("rateNote = %q, want %q", got, want)
	}
}

// An empty round's running totals say that nothing is recorded yet and
// name no date: before, they ran "to" tomorrow.
func TestEmptyRoundRunningTotalsNameNoDate(t *testing.T) {
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "liaison.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	r := store.Round{Name: "New round"}
	if err := db.CreateRound(ctx, &r); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 28, 23, 30, 0, 0, time.UTC)
	set, err := Gather(ctx, db, r, now)
	if err != nil {
		t.Fatal(err)
	}
	for _, def := range set.Charts() {
		if def.Name != "visits-over-time" && def.Name != "projects-completed-over-time" {
			continue
		}
		sub := def.Build(charts.Options{}).Subtitle
		for _, day := range []time.Time{now, now.AddDate(0, 0, 1)} {
			if strings.Contains(sub, day.Format("2 Jan 2006")) {
				t.Fatalf("%s: subtitle %q names %s", def.Name, sub, day.Format("2 Jan 2006"))
			}
		}
		if !strings.Contains(sub, "nothing recorded yet") {
			t.Fatalf("%s: subtitle %q does not say nothing is recorded yet", def.Name, sub)
		}
	}
}
