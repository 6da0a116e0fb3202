package tasks

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/liaisonapp/liaison/app/chartset"
	"github.com/liaisonapp/liaison/charts"
	"github.com/liaisonapp/liaison/pdfdoc"
	"github.com/liaisonapp/liaison/store"
	"github.com/liaisonapp/liaison/store/csvio"
)

// BoardPackKind names the board pack in its marker file and in messages.
const BoardPackKind = "board pack"

// Chart files are slide-sized: what a board paper or a slide deck wants
// (`liaison charts` and the board pack).
const (
	ChartWidth  = 1920
	ChartHeight = 1080
)

// BoardPackOptions tune a board pack.
type BoardPackOptions struct {
	// IncludeNames puts participants' names, organisations and specialties
	// (and project owners) in the pairs and projects files. Without it
	// nothing in the pack names anyone.
	IncludeNames bool
	// MaxQuotes is how many approved quotes the summary prints; 0 means 4.
	MaxQuotes int
}

// Pack is a folder's files ready to write with WritePack, and what the
// organiser should know about them.
type Pack struct {
	Files []PackFile
	// Notes say what was left out and why (a quote naming a participant).
	Notes []string
}

// FigureRow is a line of headline-figures.csv: each figure with what it
// counts out of.
type FigureRow struct {
	Figure  string `csv:"Figure"`
	Value   int    `csv:"Value"`
	OutOf   string `csv:"Out of"`
	Percent string `csv:"Percent"`
	Formula string `csv:"As written"`
}

// GroupCountRow is a line of a participation file: a group and how many
// people are in it, or the small-number label instead.
type GroupCountRow struct {
	Breakdown string `csv:"Breakdown"`
	Group     string `csv:"Group"`
	People    string `csv:"People"`
}

// PairStatusRow is a line of pairs-and-visits.csv: a pair by its people's
// roles, with its visits.
type PairStatusRow struct {
	Pair                int    `csv:"Pair"`
	PrimaryRole         string `csv:"Primary-care side: role"`
	SecondaryRole       string `csv:"Hospital side: role"`
	PracticeVisitDate   string `csv:"Visit to the practice: date"`
	PracticeVisitStatus string `csv:"Visit to the practice: status"`
	HospitalVisitDate   string `csv:"Visit to the hospital: date"`
	HospitalVisitStatus string `csv:"Visit to the hospital: status"`
	BothVisitsDone      string `csv:"Both visits done"`
	ReflectionsReceived int    `csv:"Reflections received"`
}

// PairNamedRow is a line of pairs-and-visits.csv when the pack includes
// names: the pair's people are named after their visits.
type PairNamedRow struct {
	PairStatusRow
	PrimaryName         string `csv:"Primary-care side: name"`
	PrimaryOrganisation string `csv:"Primary-care side: organisation"`
	SecondaryName       string `csv:"Hospital side: name"`
	SecondarySpecialty  string `csv:"Hospital side: specialty"`
	SecondaryOrg        string `csv:"Hospital side: organisation"`
}

// QuoteRow is a line of approved-quotes.csv.
type QuoteRow struct {
	Quote  string `csv:"Quote"`
	Themes string `csv:"Themes"`
}

// AttendanceRow is a line of event-attendance.csv: counts only.
type AttendanceRow struct {
	Event     string `csv:"Event"`
	Date      string `csv:"Date"`
	Invited   int    `csv:"On the list"`
	Accepted  int    `csv:"Accepted"`
	Declined  int    `csv:"Declined"`
	NoAnswer  int    `csv:"No answer"`
	CheckedIn int    `csv:"Checked in"`
	Guests    int    `csv:"Of whom guests"`
}

// boardData is everything a pack is made from, read once.
type boardData struct {
	round    store.Round
	settings store.RoundSettings
	set      *chartset.Set
	people   []store.Participant
	qs       []store.Question
	rs       []store.Response
	pairs    []store.Pairing
	projects []store.Project
	refl     []store.Reflection
	events   []eventCount
}

type eventCount struct {
	event store.Event
	row   AttendanceRow
}

// BoardPack reads round r and makes the board pack's files: summary.pdf,
// the CSVs (every one through csvio's Excel-safe writer, every breakdown
// by the store's small-number rule) and every chart as PNG and SVG. It
// writes nothing; hand the result to WritePack.
func BoardPack(ctx context.Context, db store.Service, r store.Round, now time.Time, opt BoardPackOptions) (*Pack, error) {
	if opt.MaxQuotes <= 0 {
		opt.MaxQuotes = 4
	}
	d := &boardData{round: r}
	var err error
	if d.settings, err = store.LoadRoundSettings(ctx, db, r.ID); err != nil {
		return nil, err
	}
	if d.set, err = chartset.Gather(ctx, db, r, now); err != nil {
		return nil, err
	}
	if d.people, err = db.FindParticipants(ctx, store.ParticipantFilter{RoundID: r.ID}); err != nil {
		return nil, err
	}
	if d.qs, err = db.Questions(ctx, r.ID); err != nil {
		return nil, err
	}
	if d.rs, err = db.Responses(ctx, r.ID); err != nil {
		return nil, err
	}
	if d.pairs, err = db.FindPairings(ctx, r.ID); err != nil {
		return nil, err
	}
	if d.projects, err = db.Projects(ctx, r.ID); err != nil {
		return nil, err
	}
	if d.refl, err = db.Reflections(ctx, r.ID); err != nil {
		return nil, err
	}
	events, err := db.Events(ctx, r.ID)
	if err != nil {
		return nil, err
	}
	for _, e := range events {
		as, err := db.Attendees(ctx, e.ID)
		if err != nil {
			return nil, err
		}
		d.events = append(d.events, eventCount{e, attendance(e, as)})
	}

	pack := &Pack{}
	add := func(name string, data []byte) { pack.Files = append(pack.Files, PackFile{Name: name, Data: data}) }
	addCSV := func(name string, v any) error {
		var b bytes.Buffer
		if err := csvio.Write(&b, v); err != nil {
			return err
		}
		add(name, b.Bytes())
		return nil
	}

	// Charts first: the summary shows two of them.
	pngs := map[string][]byte{}
	for _, def := range d.set.Charts() {
		c := def.Build(charts.Options{Width: ChartWidth, Height: ChartHeight})
		var png, svg bytes.Buffer
		if err := c.PNG(&png); err != nil {
			return nil, fmt.Errorf("drawing %s: %w", def.Name, err)
		}
		if err := c.SVG(&svg); err != nil {
			return nil, fmt.Errorf("drawing %s: %w", def.Name, err)
		}
		pngs[def.Name] = png.Bytes()
		add("charts-"+def.Name+".png", png.Bytes())
		add("charts-"+def.Name+".svg", svg.Bytes())
	}

	quotes, left := d.quotes()
	if left > 0 {
		pack.Notes = append(pack.Notes, fmt.Sprintf("%s left out: %s a participant by name.",
			store.Plural(left, "approved quote", "approved quotes"), map[bool]string{true: "it names", false: "they name"}[left == 1]))
	}
	summary, err := d.summary(now, pngs, quotes, opt)
	if err != nil {
		return nil, err
	}
	pack.Files = append([]PackFile{{Name: "summary.pdf", Data: summary}}, pack.Files...)

	if err := addCSV("headline-figures.csv", d.figureRows()); err != nil {
		return nil, err
	}
	// The per-question figures and the breakdown by role come from the
	// one function the Feedback screen's export uses, so the pack
	// suppresses exactly what the screen does.
	header, rows := FeedbackSummaryRows(d.qs, d.rs, d.settings.SuppressK, d.set.Figures.Feedback.RateText())
	var overall, byRole [][]string
	for _, row := range rows {
		if row[0] == "Overall" {
			overall = append(overall, row)
		} else {
			byRole = append(byRole, row)
		}
	}
	for _, f := range []struct {
		name string
		rows [][]string
	}{{"feedback-per-question.csv", overall}, {"feedback-by-role.csv", byRole}} {
		var b bytes.Buffer
		if err := csvio.WriteRows(&b, header, f.rows); err != nil {
			return nil, err
		}
		add(f.name, b.Bytes())
	}
	if err := addCSV("participation.csv", d.participationRows()); err != nil {
		return nil, err
	}
	if err := addCSV("pairs-and-visits.csv", d.pairRows(opt.IncludeNames)); err != nil {
		return nil, err
	}
	projects, err := d.projectsCSV(opt.IncludeNames)
	if err != nil {
		return nil, err
	}
	add("improvement-projects.csv", projects)
	var qrows []QuoteRow
	for _, q := range quotes {
		qrows = append(qrows, QuoteRow{Quote: q.Quote(), Themes: strings.Join(q.Themes, "; ")})
	}
	if err := addCSV("approved-quotes.csv", qrows); err != nil {
		return nil, err
	}
	var arows []AttendanceRow
	for _, e := range d.events {
		arows = append(arows, e.row)
	}
	if err := addCSV("event-attendance.csv", arows); err != nil {
		return nil, err
	}
	return pack, nil
}

// attendance counts an event's list.
func attendance(e store.Event, as []store.Attendee) AttendanceRow {
	row := AttendanceRow{Event: e.Name, Date: e.Date, Invited: len(as)}
	for _, a := range as {
		switch a.RSVP {
		case store.RSVPAccepted:
			row.Accepted++
		case store.RSVPDeclined:
			row.Declined++
		default:
			row.NoAnswer++
		}
		if !a.CheckedInAt.IsZero() {
			row.CheckedIn++
			if a.ParticipantID == 0 {
				row.Guests++
			}
		}
	}
	return row
}

// quotes returns the approved quotes that name no participant, and how
// many approved ones were left out because they do.
func (d *boardData) quotes() (ok []store.Reflection, left int) {
	for _, r := range d.refl {
		q := strings.TrimSpace(r.Quote())
		if !r.Approved || q == "" {
			continue
		}
		if len(store.NamesIn(q, d.people)) > 0 {
			left++
			continue
		}
		ok = append(ok, r)
	}
	return ok, left
}

// percent writes n of base as a percentage to one decimal, or "" when
// there is no base.
func percent(n, base int) string {
	if base == 0 {
		return ""
	}
	return fmt.Sprintf("%.1f%%", 100*float64(n)/float64(base))
}

// formula writes "59 of 62 pairs = 95.2%".
func formula(n, base int, of string) string {
	if base == 0 {
		return fmt.Sprintf("%s (no %s yet)", store.Thousands(n), of)
	}
	return fmt.Sprintf("%s of %s %s = %s", store.Thousands(n), store.Thousands(base), of, percent(n, base))
}

// figureRows are the headline figures, each with its denominator.
func (d *boardData) figureRows() []FigureRow {
	f := d.set.Figures
	fb := f.Feedback
	visitsMade := 0
	received := 0
	for _, p := range d.pairs {
		for _, v := range p.Visits {
			if v.Status == store.VisitDone {
				visitsMade++
				if v.ReflectionReceived {
					received++
				}
			}
		}
	}
	rows := []FigureRow{
		{Figure: "Participants", Value: f.Participants, OutOf: "", Formula: store.Plural(f.Participants, "participant", "participants") + " in the round"},
		{Figure: "Pairs", Value: f.Pairings, OutOf: "", Formula: store.Plural(f.Pairings, "pair", "pairs") + " made"},
		{Figure: "Pairs that completed both visits", Value: f.Visits.PairsCompleted, OutOf: store.Plural(f.Pairings, "pair", "pairs"),
			Percent: percent(f.Visits.PairsCompleted, f.Pairings), Formula: formula(f.Visits.PairsCompleted, f.Pairings, "pairs")},
		{Figure: "Visits done", Value: f.Visits.Done, OutOf: store.Plural(f.Visits.Planned, "visit planned (not cancelled)", "visits planned (not cancelled)"),
			Percent: percent(f.Visits.Done, f.Visits.Planned), Formula: formula(f.Visits.Done, f.Visits.Planned, "visits planned")},
		{Figure: "Survey responses", Value: fb.Responses, OutOf: fb.Denominator, Percent: percent(fb.Responses, fb.DenominatorN), Formula: fb.RateText()},
		{Figure: "Reflections received (visits)", Value: received, OutOf: store.Plural(visitsMade, "visit done", "visits done"),
			Percent: percent(received, visitsMade), Formula: formula(received, visitsMade, "visits done")},
		{Figure: "Improvement projects completed", Value: f.Projects.Completed, OutOf: store.Plural(f.Projects.Total, "project", "projects"),
			Percent: percent(f.Projects.Completed, f.Projects.Total), Formula: formula(f.Projects.Completed, f.Projects.Total, "projects")},
	}
	for _, e := range d.events {
		rows = append(rows, FigureRow{Figure: "Checked in at " + e.event.Name, Value: e.row.CheckedIn,
			OutOf: store.Plural(e.row.Accepted, "acceptance", "acceptances"), Percent: percent(e.row.CheckedIn, e.row.Accepted),
			Formula: formula(e.row.CheckedIn, e.row.Accepted, "who accepted")})
	}
	return rows
}

// groupCounts applies the store's small-number rule (store.SummariseBy,
// with its complementary suppression) to counts of people: each person
// stands in as one response of their group, so a group of fewer than K,
// or one whose size would give such a group away from the total, shows
// the label the rule gives, never its size.
func groupCounts(labels []string, k int) []store.Breakdown {
	rs := make([]store.Response, len(labels))
	for i, l := range labels {
		rs[i] = store.Response{Key: l}
	}
	// One question nobody answers, so that Withheld(0) tells a small group
	// (SuppressedLabel) from one withheld for what it would give away.
	return store.SummariseBy([]store.Question{{}}, rs, func(r store.Response) string { return r.Key }, k)
}

// groupCountText is a breakdown's size as the files print it.
func groupCountText(b store.Breakdown) string {
	if b.Suppressed {
		return b.Withheld(0)
	}
	return strconv.Itoa(b.N)
}

// participationRows count participants by role and by locality, by the
// small-number rule.
func (d *boardData) participationRows() []GroupCountRow {
	k := d.settings.SuppressK
	var roles, places []string
	for _, p := range d.people {
		roles = append(roles, p.Role.Label())
		loc := strings.TrimSpace(p.Locality)
		if loc == "" {
			loc = "Not given"
		}
		places = append(places, loc)
	}
	rows := []GroupCountRow{{Breakdown: "All", Group: "Participants in the round", People: strconv.Itoa(len(d.people))}}
	for _, b := range groupCounts(roles, k) {
		rows = append(rows, GroupCountRow{Breakdown: "Role", Group: b.Group, People: groupCountText(b)})
	}
	for _, b := range groupCounts(places, k) {
		rows = append(rows, GroupCountRow{Breakdown: "Locality", Group: b.Group, People: groupCountText(b)})
	}
	return rows
}

// pairRows list the pairs and their visits: a []PairStatusRow, or with
// names a []PairNamedRow.
func (d *boardData) pairRows(names bool) any {
	var rows []PairStatusRow
	var named []PairNamedRow
	for i, p := range d.pairs {
		row := PairStatusRow{Pair: i + 1, PrimaryRole: p.Primary.Role.Label(), SecondaryRole: p.Secondary.Role.Label(),
			PracticeVisitDate: p.Visits[0].Date, PracticeVisitStatus: string(p.Visits[0].Status),
			HospitalVisitDate: p.Visits[1].Date, HospitalVisitStatus: string(p.Visits[1].Status), BothVisitsDone: "no"}
		if CompletedBoth(p) {
			row.BothVisitsDone = "yes"
		}
		for _, v := range p.Visits {
			if v.ReflectionReceived {
				row.ReflectionsReceived++
			}
		}
		rows = append(rows, row)
		named = append(named, PairNamedRow{PairStatusRow: row, PrimaryName: p.Primary.Name, PrimaryOrganisation: p.Primary.Organisation,
			SecondaryName: p.Secondary.Name, SecondarySpecialty: p.Secondary.Specialty, SecondaryOrg: p.Secondary.Organisation})
	}
	if names {
		return named
	}
	return rows
}

// projectsCSV writes the register as `liaison export projects` does
// (ExportProjects); without names, the owners and the pairs that prompted
// a project, which may name people, are left empty.
func (d *boardData) projectsCSV(names bool) ([]byte, error) {
	projects, pairs := d.projects, d.pairs
	if !names {
		projects = slices.Clone(projects)
		for i := range projects {
			projects[i].Owner = ""
		}
		pairs = nil
	}
	var b bytes.Buffer
	err := ExportProjects(&b, projects, pairs)
	return b.Bytes(), err
}

// SmallNumberRule is the sentence every pack and page prints about
// suppression.
func SmallNumberRule(k int) string {
	return fmt.Sprintf("Small numbers: a breakdown (by role, locality or any other group) with fewer than %d people or responses "+
		"is shown as \u201c%s\u201d, with no figure at all; a larger group is withheld too when its figures, with the totals, "+
		"would let a small group\u2019s be worked out. A question fewer than %d answered is withheld even for the whole round. "+
		"Counts of participants, pairs, visits and projects for the whole round are always shown.", k, store.SuppressedLabel(k), k)
}

// dateText writes a stored date as "1 September 2017".
func dateText(s string) string {
	t, err := time.Parse(store.DateLayout, s)
	if err != nil {
		return s
	}
	return t.Format("2 January 2006")
}

// roundDates writes a round's dates in words.
func roundDates(r store.Round) string {
	switch {
	case r.StartsOn != "" && r.EndsOn != "":
		return dateText(r.StartsOn) + " to " + dateText(r.EndsOn)
	case r.StartsOn != "":
		return "from " + dateText(r.StartsOn)
	case r.EndsOn != "":
		return "until " + dateText(r.EndsOn)
	}
	return "dates not set"
}

// summary lays out summary.pdf.
func (d *boardData) summary(now time.Time, pngs map[string][]byte, quotes []store.Reflection, opt BoardPackOptions) ([]byte, error) {
	f := d.set.Figures
	k := d.settings.SuppressK
	doc := pdfdoc.New(pdfdoc.Options{Title: "Board summary: " + d.round.Name, Footer: "Liaison board summary · " + d.round.Name, Created: now})
	doc.Title("Board summary: " + d.round.Name)
	doc.Fields([][2]string{
		{"Round", d.round.Name},
		{"Dates", roundDates(d.round)},
		{"Prepared", now.Format("2 January 2006")},
	})
	doc.Heading("Headline figures", 30)
	var rows [][]string
	for _, r := range d.figureRows() {
		rows = append(rows, []string{r.Figure, r.Formula})
	}
	doc.Table([]string{"Figure", "Value, with what it is out of"}, []float64{1, 1.6}, rows)

	doc.Heading("Feedback survey", 40)
	doc.Paragraph("Responses: " + f.Feedback.RateText() + ". Scores run from 1 (least) to 6 (most).")
	var qrows [][]string
	// The store decides what the whole round's figures may show: a
	// question fewer than K answered is withheld here too.
	all := store.Overall(d.qs, store.TallyOf(d.rs), k)
	for i, q := range all.Summaries {
		switch label := all.Withheld(i); {
		case label != "":
			qrows = append(qrows, []string{q.Question.Text, "–", "–", label, ""})
		case q.N == 0:
			qrows = append(qrows, []string{q.Question.Text, "0", "–", store.NoAnswersLabel, ""})
		default:
			qrows = append(qrows, []string{q.Question.Text, store.Thousands(q.N), fmt.Sprintf("%.2f", q.Mean),
				fmt.Sprintf("%.2f–%.2f", q.CI95[0], q.CI95[1]), fmt.Sprintf("%.0f%%", 100*q.Top2)})
		}
	}
	doc.Table([]string{"Question", "n", "Mean", "95% CI", "Scored 5 or 6"}, []float64{3, 0.5, 0.6, 1.1, 0.8}, qrows, 1, 2, 3, 4)
	if png := pngs["feedback-means"]; png != nil {
		doc.Image(png, pdfdoc.ContentWidth*0.9)
	}
	doc.Heading("Who took part", 80)
	if png := pngs["participants-by-role"]; png != nil {
		doc.Image(png, pdfdoc.ContentWidth*0.9)
	}

	doc.Heading("Improvement projects completed", 20)
	var done []string
	for _, p := range d.projects {
		if p.Status != store.ProjectCompleted {
			continue
		}
		item := p.Title
		if p.CompletedOn != "" {
			item += " (completed " + dateText(p.CompletedOn) + ")"
		}
		var what []string
		if p.Output != store.OutputNone {
			what = append(what, "output: "+p.Output.Label())
		}
		if len(p.AdoptedBy) > 0 {
			what = append(what, "adopted by "+strings.Join(p.AdoptedBy, ", "))
		}
		if impact := strings.TrimSpace(p.Impact); impact != "" {
			what = append(what, impact)
		}
		if len(what) > 0 {
			item += ": " + strings.Join(what, "; ")
		}
		done = append(done, item)
	}
	if len(done) == 0 {
		doc.Paragraph("None completed yet.")
	} else {
		doc.Bullets(done)
	}
	doc.Heading("In their words", 20)
	if len(quotes) == 0 {
		doc.Paragraph("No reflections have been approved for quoting yet.")
	} else {
		var items []string
		for _, q := range quotes[:min(len(quotes), opt.MaxQuotes)] {
			items = append(items, "\u201c"+strings.TrimSpace(q.Quote())+"\u201d")
		}
		doc.Bullets(items)
		doc.Note("Reflections are anonymous; the organiser approved these for quoting, and none names a participant.")
	}
	doc.Space(2)
	doc.Note(SmallNumberRule(k))
	doc.Note("The figures, the breakdowns and every chart are in the CSV, PNG and SVG files beside this summary.")
	return doc.Bytes()
}
