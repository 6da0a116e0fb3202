package tasks

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/liaisonapp/liaison/charts"
	"github.com/liaisonapp/liaison/store"
	"github.com/liaisonapp/liaison/store/csvio"
)

// RollupKind names the regional roll-up in its folder's marker file and
// in messages.
const RollupKind = "regional roll-up"

// AllSources names the combined figures of a roll-up in its files.
const AllSources = "All schemes"

// RollupOptions choose what a roll-up reads.
type RollupOptions struct {
	// Rounds names the rounds to read (ignoring case); empty reads every
	// round of every file.
	Rounds []string
	// Now dates the charts.
	Now time.Time
}

// RollupSource is one file given to a roll-up: read, or refused and why.
type RollupSource struct {
	// Path is the file as given; Name is how the roll-up's files name it:
	// its file name, or with its folder when two files share a name.
	Path, Name string
	// Rounds are the rounds read from it, oldest first.
	Rounds []string
	// Refused says why the file was not rolled up; "" when it was.
	Refused string
}

// Label names the source with its rounds: "wessex.db (2024, 2025)".
func (s RollupSource) Label() string {
	return s.Name + " (" + strings.Join(s.Rounds, ", ") + ")"
}

// Rollup is a regional roll-up ready to write with WriteRollup.
type Rollup struct {
	// Sources are the files in the order given, the refused ones with why.
	Sources []RollupSource
	// K is the small-number threshold applied: the largest of the rounds
	// read, so no scheme's figures are shown more finely than its own
	// organiser allows.
	K     int
	Files []PackFile
}

// Included counts the sources that were rolled up.
func (r *Rollup) Included() int {
	n := 0
	for _, s := range r.Sources {
		if s.Refused == "" {
			n++
		}
	}
	return n
}

// Refused returns the sources that were not rolled up.
func (r *Rollup) Refused() []RollupSource {
	var out []RollupSource
	for _, s := range r.Sources {
		if s.Refused != "" {
			out = append(out, s)
		}
	}
	return out
}

// rollupFigures are one scheme's figures, or all of them added up.
type rollupFigures struct {
	label string
	// people maps a person's key to their role, in the latest round read.
	people                            map[string]store.Role
	pairs, pairsCompleted, visitsDone int
	// questions are the survey questions by their wording, in order of
	// first appearance; tally counts the answers under their positions.
	questions []store.Question
	tally     store.Tally
	projects  map[store.ProjectStatus]int
	k         int
}

func newFigures(label string) *rollupFigures {
	return &rollupFigures{label: label, people: map[string]store.Role{}, projects: map[store.ProjectStatus]int{},
		tally: store.Tally{Counts: map[int64][6]int{}, ByRole: map[store.Role]store.Tally{}}}
}

// questionKey matches a question across rounds and schemes by its words.
func questionKey(text string) string {
	return strings.ToLower(strings.Join(strings.Fields(text), " "))
}

// add counts one round into f. Questions with the same wording are one
// question; their answers add up.
func (f *rollupFigures) add(r store.RollupRound) {
	for _, p := range r.People {
		f.people[p.Key] = p.Role
	}
	f.pairs += r.Pairs
	f.pairsCompleted += r.PairsCompleted
	f.visitsDone += r.VisitsDone
	for s, n := range r.Projects {
		f.projects[s] += n
	}
	f.k = max(f.k, r.K)
	ids := map[int64]int64{}
	for _, q := range r.Questions {
		ids[q.ID] = f.question(q.Text)
	}
	addTally(&f.tally, r.Tally, ids)
}

// question returns the roll-up's ID for a question's wording, adding it.
func (f *rollupFigures) question(text string) int64 {
	k := questionKey(text)
	for _, q := range f.questions {
		if questionKey(q.Text) == k {
			return q.ID
		}
	}
	id := int64(len(f.questions) + 1)
	f.questions = append(f.questions, store.Question{ID: id, Position: int(id), Text: strings.Join(strings.Fields(text), " ")})
	return id
}

// merge adds another scheme's figures into f (the combined figures), as
// one more round.
func (f *rollupFigures) merge(o *rollupFigures) {
	r := store.RollupRound{K: o.k, Questions: o.questions, Tally: o.tally,
		RoundCounts: store.RoundCounts{Pairs: o.pairs, PairsCompleted: o.pairsCompleted, VisitsDone: o.visitsDone, Projects: o.projects}}
	for k, role := range o.people {
		r.People = append(r.People, store.RollupPerson{Key: k, Role: role})
	}
	f.add(r)
}

// addTally adds src to dst with src's question IDs mapped by ids; answers
// to a question not in ids (a deleted one) are left out.
func addTally(dst *store.Tally, src store.Tally, ids map[int64]int64) {
	dst.Responses += src.Responses
	for id, c := range src.Counts {
		to, ok := ids[id]
		if !ok {
			continue
		}
		d := dst.Counts[to]
		for i := range c {
			d[i] += c[i]
		}
		dst.Counts[to] = d
	}
	for role, g := range src.ByRole {
		dg, ok := dst.ByRole[role]
		if !ok {
			dg = store.Tally{Counts: map[int64][6]int{}}
		}
		addTally(&dg, g, ids)
		dst.ByRole[role] = dg
	}
}

// roleCounts counts f's people by role, in the GUI's role order.
func (f *rollupFigures) roleCounts() []charts.Count {
	n := map[store.Role]int{}
	for _, r := range f.people {
		n[r]++
	}
	var out []charts.Count
	for _, r := range store.Roles {
		if n[r] > 0 {
			out = append(out, charts.Count{Label: r.Label(), N: n[r]})
		}
	}
	return out
}

// BuildRollup reads each of paths through open, strictly read-only, and
// adds up their figures: for each file, every round or those named in
// opt.Rounds. A file that cannot be read (missing, not Liaison's, damaged,
// from a newer or too old a Liaison, the same file twice, or with none of
// the rounds named) is refused by name with its reason, and the rest
// still roll up; when none can, the error lists why. It writes nothing:
// hand the result to WriteRollup.
//
// People are counted once each however many rounds or schemes they were
// in (by email, or by name without one), as the figures to date are. The
// breakdowns (people by role, the survey's figures) follow the store's
// small-number rule with the largest K of the rounds read, for each scheme
// and for the combined groups.
func BuildRollup(ctx context.Context, open store.RollupOpener, paths []string, opt RollupOptions) (*Rollup, error) {
	if len(paths) == 0 {
		return nil, store.Errorf(store.EINVALID, "Name at least one Liaison database to roll up.")
	}
	if opt.Now.IsZero() {
		opt.Now = time.Now()
	}
	ru := &Rollup{}
	names := sourceNames(paths)
	var figs []*rollupFigures
	seen := make([]os.FileInfo, len(paths))
	for i, path := range paths {
		src := RollupSource{Path: path, Name: names[i]}
		if fi, err := os.Stat(path); err == nil {
			for j, other := range seen[:i] {
				if other != nil && os.SameFile(fi, other) && src.Refused == "" {
					src.Refused = fmt.Sprintf("%s is the same file as %s, which is already in the roll-up.", path, paths[j])
				}
			}
			seen[i] = fi
		}
		var f *rollupFigures
		if src.Refused == "" {
			var err error
			if f, src.Rounds, err = readSource(ctx, open, path, opt.Rounds); err != nil {
				if ctx.Err() != nil {
					return nil, ctx.Err()
				}
				src.Refused = store.ErrorMessage(err)
			}
		}
		if f != nil {
			f.label = src.Label()
			figs = append(figs, f)
		}
		ru.Sources = append(ru.Sources, src)
	}
	if len(figs) == 0 {
		var why []string
		for _, s := range ru.Sources {
			why = append(why, s.Refused)
		}
		return nil, store.Errorf(store.EINVALID, "Nothing was rolled up, as no file could be read:\n%s", strings.Join(why, "\n"))
	}
	all := newFigures(AllSources)
	for _, f := range figs {
		all.merge(f)
	}
	ru.K = max(all.k, 1)
	var err error
	if ru.Files, err = rollupFiles(ru, figs, all, opt.Now); err != nil {
		return nil, err
	}
	return ru, nil
}

// readSource reads the rounds of one file.
func readSource(ctx context.Context, open store.RollupOpener, path string, want []string) (*rollupFigures, []string, error) {
	rr, err := open(ctx, path)
	if err != nil {
		return nil, nil, err
	}
	defer rr.Close()
	rounds, err := rr.Rounds(ctx)
	if err != nil {
		return nil, nil, err
	}
	if len(rounds) == 0 {
		return nil, nil, store.Errorf(store.EINVALID, "%s has no rounds yet.", path)
	}
	var chosen []store.Round
	for _, r := range rounds {
		if len(want) == 0 || slices.ContainsFunc(want, func(w string) bool { return strings.EqualFold(strings.TrimSpace(w), strings.TrimSpace(r.Name)) }) {
			chosen = append(chosen, r)
		}
	}
	if len(chosen) == 0 {
		var have []string
		for _, r := range rounds {
			have = append(have, r.Name)
		}
		return nil, nil, store.Errorf(store.ENOTFOUND, "%s has none of the rounds asked for (%s); its rounds are %s.",
			path, strings.Join(want, ", "), strings.Join(have, ", "))
	}
	f := newFigures("")
	var names []string
	for _, r := range chosen {
		rd, err := rr.RollupRound(ctx, r)
		if err != nil {
			return nil, nil, err
		}
		f.add(rd)
		names = append(names, r.Name)
	}
	return f, names, nil
}

// sourceNames names each file by its name, or, where two share a name
// (every organiser's is liaison.db), by its folder and name, or else its
// whole path.
func sourceNames(paths []string) []string {
	count := func(names []string, n string) int {
		c := 0
		for _, x := range names {
			if strings.EqualFold(x, n) {
				c++
			}
		}
		return c
	}
	base := make([]string, len(paths))
	for i, p := range paths {
		base[i] = filepath.Base(p)
	}
	out := make([]string, len(paths))
	for i, p := range paths {
		out[i] = base[i]
		if count(base, base[i]) > 1 {
			abs, _ := filepath.Abs(p)
			out[i] = filepath.Join(filepath.Base(filepath.Dir(abs)), base[i])
		}
	}
	for i, p := range paths {
		if count(out, out[i]) > 1 {
			out[i], _ = filepath.Abs(p)
		}
	}
	return out
}

// RollupTotalsRow is a line of totals.csv: a scheme's totals, or all of
// them. Totals are always shown; only breakdowns are suppressed.
type RollupTotalsRow struct {
	Source            string `csv:"Scheme (file and rounds)"`
	People            int    `csv:"People (each once)"`
	Pairs             int    `csv:"Pairs"`
	PairsCompleted    int    `csv:"Pairs with both visits done"`
	VisitsDone        int    `csv:"Visits done"`
	Responses         int    `csv:"Survey responses"`
	ProjectsCompleted int    `csv:"Projects completed"`
	K                 int    `csv:"Small-number threshold K"`
}

// RollupSourceRow is a line of sources.csv.
type RollupSourceRow struct {
	Name     string `csv:"Scheme"`
	File     string `csv:"File"`
	Rounds   string `csv:"Rounds read"`
	RolledUp string `csv:"Rolled up"`
	Refused  string `csv:"Why not"`
}

// RollupGroupRow is a line of participants-by-role.csv or
// projects-by-status.csv.
type RollupGroupRow struct {
	Source string `csv:"Scheme (file and rounds)"`
	Group  string `csv:"Group"`
	Count  string `csv:"Count"`
}

// rollupFiles makes the roll-up's files: the CSVs, every one through
// csvio's Excel-safe writer, each with a row per scheme and the combined
// figures, and the charts of the combined figures as PNG and SVG.
func rollupFiles(ru *Rollup, figs []*rollupFigures, all *rollupFigures, now time.Time) ([]PackFile, error) {
	k := ru.K
	var files []PackFile
	addCSV := func(name string, v any) error {
		var b bytes.Buffer
		if err := csvio.Write(&b, v); err != nil {
			return err
		}
		files = append(files, PackFile{Name: name, Data: b.Bytes()})
		return nil
	}
	everyone := append(slices.Clone(figs), all)

	var srcRows []RollupSourceRow
	for _, s := range ru.Sources {
		row := RollupSourceRow{Name: s.Name, File: s.Path, Rounds: strings.Join(s.Rounds, "; "), RolledUp: "yes", Refused: s.Refused}
		if s.Refused != "" {
			row.RolledUp = "no"
		}
		srcRows = append(srcRows, row)
	}
	if err := addCSV("sources.csv", srcRows); err != nil {
		return nil, err
	}

	var totals []RollupTotalsRow
	for _, f := range everyone {
		totals = append(totals, RollupTotalsRow{Source: f.label, People: len(f.people), Pairs: f.pairs, PairsCompleted: f.pairsCompleted,
			VisitsDone: f.visitsDone, Responses: f.tally.Responses, ProjectsCompleted: f.projects[store.ProjectCompleted], K: max(f.k, 1)})
	}
	totals[len(totals)-1].K = k
	if err := addCSV("totals.csv", totals); err != nil {
		return nil, err
	}

	var roles []RollupGroupRow
	for _, f := range everyone {
		var labels []string
		for _, c := range f.roleCounts() {
			for range c.N {
				labels = append(labels, c.Label)
			}
		}
		for _, b := range groupCounts(labels, k) {
			roles = append(roles, RollupGroupRow{Source: f.label, Group: b.Group, Count: groupCountText(b)})
		}
	}
	if err := addCSV("participants-by-role.csv", roles); err != nil {
		return nil, err
	}

	var header []string
	var feedback [][]string
	for _, f := range everyone {
		rate := store.Plural(f.tally.Responses, "response", "responses") + "; no response rate across schemes"
		h, rows := FeedbackSummaryTallyRows(f.questions, f.tally, k, rate)
		header = append([]string{"Scheme (file and rounds)"}, h...)
		for _, row := range rows {
			feedback = append(feedback, append([]string{f.label}, row...))
		}
	}
	var b bytes.Buffer
	if err := csvio.WriteRows(&b, header, feedback); err != nil {
		return nil, err
	}
	files = append(files, PackFile{Name: "feedback-per-question.csv", Data: b.Bytes()})

	var projects []RollupGroupRow
	for _, f := range everyone {
		for _, s := range store.ProjectStatuses {
			projects = append(projects, RollupGroupRow{Source: f.label, Group: projectStatusText(s), Count: strconv.Itoa(f.projects[s])})
		}
	}
	if err := addCSV("projects-by-status.csv", projects); err != nil {
		return nil, err
	}

	for _, c := range rollupCharts(ru, figs, all) {
		chart := c.Build(charts.Options{Width: ChartWidth, Height: ChartHeight})
		var png, svg bytes.Buffer
		if err := chart.PNG(&png); err != nil {
			return nil, fmt.Errorf("drawing %s: %w", c.Name, err)
		}
		if err := chart.SVG(&svg); err != nil {
			return nil, fmt.Errorf("drawing %s: %w", c.Name, err)
		}
		files = append(files, PackFile{Name: "charts-" + c.Name + ".png", Data: png.Bytes()},
			PackFile{Name: "charts-" + c.Name + ".svg", Data: svg.Bytes()})
	}

	var about strings.Builder
	fmt.Fprintf(&about, "Regional roll-up, %s\r\n\r\n", now.Format("2 January 2006"))
	about.WriteString("Schemes rolled up (file, then the rounds read):\r\n")
	for _, s := range ru.Sources {
		if s.Refused == "" {
			fmt.Fprintf(&about, "  %s: %s\r\n", s.Name, strings.Join(s.Rounds, ", "))
		}
	}
	if refused := ru.Refused(); len(refused) > 0 {
		about.WriteString("\r\nFiles not rolled up:\r\n")
		for _, s := range refused {
			fmt.Fprintf(&about, "  %s: %s\r\n", s.Name, s.Refused)
		}
	}
	about.WriteString("\r\nPeople are counted once each, however many rounds or schemes they were in (by email, or by name without one). " +
		"Survey questions with the same wording are one question. The source files were read only, never changed.\r\n\r\n")
	fmt.Fprintf(&about, "K is %d, the largest of the rounds read. %s\r\n", k, SmallNumberRule(k))
	files = append(files, PackFile{Name: "about-this-roll-up.txt", Data: []byte(about.String())})
	return files, nil
}

// projectStatusText is a project status in words.
func projectStatusText(s store.ProjectStatus) string {
	t := strings.ReplaceAll(string(s), "_", " ")
	return strings.ToUpper(t[:1]) + t[1:]
}

// rollupChart is one chart of a roll-up: its file stem and how to draw it.
type rollupChart struct {
	Name  string
	Build func(o charts.Options) *charts.Chart
}

// rollupCharts are the roll-up's charts, of the combined figures with the
// small-number rule at K, each naming the schemes in its subtitle.
func rollupCharts(ru *Rollup, figs []*rollupFigures, all *rollupFigures) []rollupChart {
	k := ru.K
	var names []string
	for _, s := range ru.Sources {
		if s.Refused == "" {
			names = append(names, s.Label())
		}
	}
	note := store.Plural(len(names), "scheme", "schemes") + ": " + strings.Join(names, "; ")
	titled := func(c *charts.Chart) *charts.Chart {
		c.Title = "Regional roll-up · " + c.Title
		return c
	}
	roles := all.roleCounts()
	var perScheme []charts.Count
	for _, f := range figs {
		perScheme = append(perScheme, charts.Count{Label: f.label, N: len(f.people)})
	}
	var qs []charts.QuestionScores
	for _, s := range store.Overall(all.questions, all.tally, k).Summaries {
		q := charts.QuestionScores{Text: s.Question.Text, Counts: all.tally.Counts[s.Question.ID]}
		if q.Withheld = store.WithheldBelow(q.N(), k); q.Withheld != "" {
			q.Counts = [6]int{}
		}
		qs = append(qs, q)
	}
	var status []charts.Count
	for _, s := range store.ProjectStatuses {
		status = append(status, charts.Count{Label: projectStatusText(s), N: all.projects[s]})
	}
	return []rollupChart{
		{"participants-by-role", func(o charts.Options) *charts.Chart {
			o.SuppressBelow, o.Note = k, note
			return titled(charts.ParticipantsByRole(roles, o))
		}},
		{"participants-by-scheme", func(o charts.Options) *charts.Chart {
			o.Note = "someone in two schemes is in both bars"
			return charts.Bars("Regional roll-up · participants by scheme",
				fmt.Sprintf("n = %s people in all, each once", store.Thousands(len(all.people))), perScheme, o)
		}},
		{"feedback-means", func(o charts.Options) *charts.Chart {
			o.Note = note
			return titled(charts.Means(qs, o))
		}},
		{"feedback-scores", func(o charts.Options) *charts.Chart {
			o.Note = note
			return titled(charts.Diverging(qs, o))
		}},
		{"projects-by-status", func(o charts.Options) *charts.Chart {
			o.Note = note
			return titled(charts.ProjectsByStatus(status, o))
		}},
	}
}

// WriteRollup writes ru's files as the folder dir, all or nothing (see
// WritePack). A folder that holds one of the roll-up's own source files is
// refused, since replacing it would delete that file.
func WriteRollup(dir string, ru *Rollup) error {
	abs := canonical(dir)
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	for _, s := range ru.Sources {
		if p := canonical(s.Path); p == abs || strings.HasPrefix(p, abs+string(filepath.Separator)) {
			return store.Errorf(store.EINVALID, "%s holds %s, one of the files rolled up; the roll-up would replace the folder and delete it. Choose another folder.", dir, s.Path)
		}
	}
	return WritePack(dir, "", RollupKind, ru.Files)
}
