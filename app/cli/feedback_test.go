package cli

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/liaisonapp/liaison/app/tasks"
	"github.com/liaisonapp/liaison/store"
	"github.com/liaisonapp/liaison/store/csvio"
	"github.com/liaisonapp/liaison/store/forms"
	"github.com/liaisonapp/liaison/store/sqlite"
)

// openDB opens the database a command wrote, for checking what is in it.
func openDB(t *testing.T, path string) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestImportFeedback(t *testing.T) {
	ctx := context.Background()
	good := filepath.Join("testdata", "feedback", "good.csv")

	t.Run("GoodFile", func(t *testing.T) {
		dbPath := filepath.Join(t.TempDir(), "l.db")
		code, stdout, stderr := run(t, "import", "feedback", good, "--db", dbPath, "--round", "R1")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		for _, want := range []string{
			`"ID" -> ID`,
			`"Email" -> ignored (not stored)`,
			`"What is your role?" -> role`,
			`"2. Did you find the scheme useful?" -> score: Did you find the scheme useful?`,
			`"5. Would you recommend the scheme to a colleague?" -> score: a new question`,
			`"Any other comments?" -> comment`,
			"New question added: Would you recommend the scheme to a colleague?",
			"4 added, 0 changed, 0 already there, 1 new question added",
		} {
			if !strings.Contains(stdout, want) {
				t.Errorf("output lacks %q:\n%s", want, stdout)
			}
		}
		db := openDB(t, dbPath)
		r, err := db.RoundByName(ctx, "R1")
		if err != nil {
			t.Fatal(err)
		}
		qs, err := db.Questions(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := len(qs), len(store.PublishedQuestions)+1; got != want {
			t.Fatalf("%d questions, want %d", got, want)
		}
		rs, err := db.Responses(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		sums := store.Summarise(qs, rs)
		// By hand from good.csv: question 2 has 5, 4, (blank), 4; the new
		// question has 6, 5, (blank), 3.
		for _, c := range []struct {
			q      int
			n      int
			mean   float64
			counts [6]int
		}{
			{1, 3, 13.0 / 3, [6]int{0, 0, 0, 2, 1, 0}},
			{4, 3, 14.0 / 3, [6]int{0, 0, 1, 0, 1, 1}},
		} {
			s := sums[c.q]
			if s.N != c.n || math.Abs(s.Mean-c.mean) > 1e-9 || s.Counts != c.counts {
				t.Errorf("question %d: n=%d mean=%v counts=%v, want n=%d mean=%v counts=%v", c.q+1, s.N, s.Mean, s.Counts, c.n, c.mean, c.counts)
			}
		}
		roles := map[store.Role]int{}
		for _, r := range rs {
			roles[r.Role]++
		}
		if got, want := fmt.Sprint(roles), fmt.Sprint(map[store.Role]int{store.RoleGP: 2, store.RoleConsultant: 1, store.RoleNurse: 1}); got != want {
			t.Fatalf("roles %s, want %s", got, want)
		}
		if got, want := rs[0].Comment, "Great, \"really\" useful\nwould do again 👍"; got != want {
			t.Fatalf("comment %q, want %q", got, want)
		}
	})

	t.Run("ReimportSaysAlreadyThere", func(t *testing.T) {
		dbPath := filepath.Join(t.TempDir(), "l.db")
		if code, _, stderr := run(t, "import", "feedback", good, "--db", dbPath, "--round", "R1"); code != 0 {
			t.Fatalf("first import exit %d: %s", code, stderr)
		}
		code, stdout, stderr := run(t, "import", "feedback", good, "--db", dbPath, "--round", "R1")
		if code != 0 {
			t.Fatalf("second import exit %d: %s", code, stderr)
		}
		if want := "0 added, 0 changed, 4 already there, 0 new questions added"; !strings.Contains(stdout, want) {
			t.Fatalf("output lacks %q:\n%s", want, stdout)
		}
		db := openDB(t, dbPath)
		r, _ := db.RoundByName(ctx, "R1")
		rs, err := db.Responses(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := len(rs), 4; got != want {
			t.Fatalf("%d responses after re-import, want %d", got, want)
		}
	})

	t.Run("BadCellsWriteNothing", func(t *testing.T) {
		dbPath := filepath.Join(t.TempDir(), "l.db")
		code, _, stderr := run(t, "import", "feedback", filepath.Join("testdata", "feedback", "bad.csv"), "--db", dbPath, "--round", "R1")
		if got, want := code, 1; got != want {
			t.Fatalf("exit %d, want %d", got, want)
		}
		for _, want := range []string{
			`line 4, column "2. Did you find the scheme useful?": "7" is not a score`,
			`line 6, column "4. Will you consider new ways of working as a result of better relationships?": "five" is not a score`,
			"nothing was imported", // lines are physical: row 1's comment spans two
		} {
			if !strings.Contains(stderr, want) {
				t.Errorf("stderr lacks %q:\n%s", want, stderr)
			}
		}
		// Not even the round named on the command line is created.
		db := openDB(t, dbPath)
		if rounds, err := db.Rounds(ctx); err != nil || len(rounds) != 0 {
			t.Fatalf("a rejected file left rounds %v (err %v)", rounds, err)
		}
	})

	t.Run("BadCellsIntoExistingRound", func(t *testing.T) {
		dbPath := filepath.Join(t.TempDir(), "l.db")
		db := openDB(t, dbPath)
		r := store.Round{Name: "R1"}
		if err := db.CreateRound(ctx, &r); err != nil {
			t.Fatal(err)
		}
		code, _, _ := run(t, "import", "feedback", filepath.Join("testdata", "feedback", "bad.csv"), "--db", dbPath)
		if got, want := code, 1; got != want {
			t.Fatalf("exit %d, want %d", got, want)
		}
		rs, err := db.Responses(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		qs, err := db.Questions(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(rs) != 0 || len(qs) != len(store.PublishedQuestions) {
			t.Fatalf("a rejected file wrote %d responses and %d questions", len(rs), len(qs)-len(store.PublishedQuestions))
		}
		if rounds, _ := db.Rounds(ctx); len(rounds) != 1 {
			t.Fatalf("rounds after a rejected file: %v", rounds)
		}
	})

	t.Run("MissingFile", func(t *testing.T) {
		code, _, stderr := run(t, "import", "feedback", filepath.Join(t.TempDir(), "none.csv"), "--db", filepath.Join(t.TempDir(), "l.db"))
		if code != 1 || !strings.Contains(stderr, "Cannot open") {
			t.Fatalf("exit %d, stderr %q", code, stderr)
		}
	})
}

func TestImportTwoFormsSameIDs(t *testing.T) {
	// A GP form and a consultant form in one round both number responses
	// from 1: the second comes in with --new-form and is not taken for the
	// first, and importing either again (the second with --form 2) adds
	// nothing. Without --new-form the same IDs are the same responses.
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "l.db")
	const q = "ID,Role,Would you support a regular primary–secondary care forum?\n"
	gp := filepath.Join(dir, "gp.csv")
	cons := filepath.Join(dir, "consultants.csv")
	if err := os.WriteFile(gp, []byte(q+"1,GP,6\n2,GP,5\n3,GP,6\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(cons, []byte(q+"1,Consultant,2\n2,Consultant,3\n3,Consultant,1\n4,Consultant,2\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, step := range []struct {
		file string
		args []string
		want string
	}{
		{gp, nil, "3 added, 0 changed, 0 already there"},
		{cons, []string{"--new-form"}, "4 added, 0 changed, 0 already there"},
		{cons, []string{"--form", "2"}, "0 added, 0 changed, 4 already there"},
		{gp, nil, "0 added, 0 changed, 3 already there"},
	} {
		args := append([]string{"import", "feedback", step.file, "--db", dbPath, "--round", "R1"}, step.args...)
		code, stdout, stderr := run(t, args...)
		if code != 0 || !strings.Contains(stdout, step.want) {
			t.Fatalf("import %s %v: exit %d, want %q in:\n%s%s", filepath.Base(step.file), step.args, code, step.want, stdout, stderr)
		}
	}
	db := openDB(t, dbPath)
	r, err := db.RoundByName(context.Background(), "R1")
	if err != nil {
		t.Fatal(err)
	}
	rs, err := db.Responses(context.Background(), r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(rs), 7; got != want {
		t.Fatalf("%d responses stored, want %d", got, want)
	}
	// The consultants' file imported as if it were the GP form: IDs 1–3
	// are the same responses, changed; ID 4 is new.
	code, stdout, stderr := run(t, "import", "feedback", cons, "--db", dbPath, "--round", "R1")
	if code != 0 || !strings.Contains(stdout, "1 added, 3 changed, 0 already there") {
		t.Fatalf("exit %d:\n%s%s", code, stdout, stderr)
	}
}

func TestImportReflections(t *testing.T) {
	ctx := context.Background()
	dbPath := filepath.Join(t.TempDir(), "l.db")
	file := filepath.Join("testdata", "feedback", "reflections.csv")
	code, stdout, stderr := run(t, "import", "reflections", file, "--db", dbPath, "--round", "R1")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{`"Name", "Email"`, "3 added, 0 already there"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
	code, stdout, stderr = run(t, "import", "reflections", file, "--db", dbPath, "--round", "R1")
	if code != 0 || !strings.Contains(stdout, "0 added, 3 already there") {
		t.Fatalf("re-import: exit %d, %s%s", code, stdout, stderr)
	}
	db := openDB(t, dbPath)
	r, _ := db.RoundByName(ctx, "R1")
	refl, err := db.Reflections(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(refl), 3; got != want {
		t.Fatalf("%d reflections, want %d", got, want)
	}
	for _, r := range refl {
		if strings.Contains(r.Body, "nhs.net") || strings.Contains(r.Body, "Dr ") {
			t.Fatalf("a name or email was stored: %q", r.Body)
		}
	}
	if got, want := refl[0].Body, "I learnt how the practice triages letters; eye opening."; got != want {
		t.Fatalf("first reflection %q, want %q", got, want)
	}
}

func TestNewReflections(t *testing.T) {
	refl := func(bodies ...string) []store.Reflection {
		var rs []store.Reflection
		for _, b := range bodies {
			rs = append(rs, store.Reflection{Body: b})
		}
		return rs
	}
	for _, c := range []struct {
		name     string
		existing []store.Reflection
		bodies   []string
		fresh    string
		already  int
	}{
		{"TwoPeopleSameWords", nil, []string{"Very useful", "Very useful"}, "Very useful|Very useful", 0},
		{"SameFileAgain", refl("Very useful", "Very useful", "Eye opening"), []string{"Very useful", " Very useful ", "Eye opening"}, "", 3},
		{"OneMoreCopy", refl("Very useful"), []string{"Very useful", "Very useful"}, "Very useful", 1},
		{"SpacesIgnored", refl("  Good  "), []string{"Good", "Better"}, "Better", 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			fresh, already := tasks.NewReflections(c.existing, c.bodies)
			var got []string
			for _, r := range fresh {
				got = append(got, r.Body)
			}
			if got, want := strings.Join(got, "|"), c.fresh; got != want {
				t.Fatalf("fresh = %q, want %q", got, want)
			}
			if got, want := already, c.already; got != want {
				t.Fatalf("already = %d, want %d", got, want)
			}
		})
	}
}

// seedResponses stores, in a fresh round R1, n responses from GPs and m
// from consultants, each scoring 4 on the first question.
func seedResponses(t *testing.T, dbPath string, gps, consultants int) {
	t.Helper()
	ctx := context.Background()
	db := openDB(t, dbPath)
	r := store.Round{Name: "R1"}
	if err := db.CreateRound(ctx, &r); err != nil {
		t.Fatal(err)
	}
	qs, err := db.Questions(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	var rs []store.Response
	for i := 0; i < gps+consultants; i++ {
		role := store.RoleGP
		if i >= gps {
			role = store.RoleConsultant
		}
		rs = append(rs, store.Response{Role: role, Source: "paper", Scores: map[int64]int{qs[0].ID: 4 + i%2}})
	}
	if _, _, err := db.AddResponses(ctx, r.ID, rs); err != nil {
		t.Fatal(err)
	}
	db.Close()
}

func TestExportFeedbackSuppression(t *testing.T) {
	// K is 5: consultants at K-1, K and K+1 responses.
	for _, c := range []struct {
		name        string
		consultants int
		suppressed  bool
	}{
		{"K-1", 4, true},
		{"K", 5, false},
		{"K+1", 6, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			dbPath, out := filepath.Join(dir, "l.db"), filepath.Join(dir, "summary.csv")
			seedResponses(t, dbPath, 10, c.consultants)
			code, _, stderr := run(t, "export", "feedback", "--db", dbPath, "--round", "R1", "--out", out)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			raw, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(string(raw), "\ufeff") {
				t.Fatal("the export has no BOM, so Excel would misread UTF-8")
			}
			recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(raw), "\ufeff"))).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			var consultantRows, overall int
			for _, rec := range recs[1:] {
				switch {
				case rec[0] == "Overall":
					overall++
					if !strings.Contains(rec[1], "participants in the round") {
						t.Errorf("overall row does not state the denominator: %q", rec[1])
					}
				case rec[1] == "GP" && c.suppressed:
					// With the consultants suppressed, the overall figures
					// minus the GPs' would be theirs: the GPs go too.
					for _, cell := range rec[3:] {
						if cell != store.ComplementaryLabel {
							t.Fatalf("GP row shows %q beside a suppressed group: %q", cell, rec)
						}
					}
				case rec[1] == "GP" && rec[2] == store.PublishedQuestions[1]:
					// Ten GPs, none of whom answered this question: a cell
					// of fewer than K is hidden even in a big group.
					if rec[3] != "fewer than 5" {
						t.Errorf("a question fewer than K answered shows %q", rec)
					}
				case rec[1] == "Consultant":
					consultantRows++
					if c.suppressed {
						for _, cell := range rec[3:] {
							if cell != "fewer than 5" {
								t.Fatalf("suppressed group shows %q: %q", cell, rec)
							}
						}
					} else if got, want := rec[3], fmt.Sprint(c.consultants); rec[2] == store.PublishedQuestions[0] && got != want {
						t.Fatalf("consultants n = %q, want %q", got, want)
					}
				}
			}
			if got, want := overall, len(store.PublishedQuestions); got != want {
				t.Fatalf("%d overall rows, want %d", got, want)
			}
			if got, want := consultantRows, len(store.PublishedQuestions); got != want {
				t.Fatalf("%d consultant rows, want %d", got, want)
			}
			matches, _ := filepath.Glob(filepath.Join(dir, ".summary.csv.*"))
			if len(matches) != 0 {
				t.Fatalf("temporary files left behind: %v", matches)
			}
		})
	}
}

func TestFeedbackSummaryRowsNoSubtraction(t *testing.T) {
	// The tester's case: 2 responses without a role beside 10 GPs and 6
	// consultants. Overall minus GPs minus consultants gives the two
	// people's scores, but nothing singles out people who gave no role,
	// so no other group is withheld for them.
	qs := []store.Question{{ID: 1, Text: "Forum?"}}
	var rs []store.Response
	for i, role := range strings.Split("gp gp gp gp gp gp gp gp gp gp consultant consultant consultant consultant consultant consultant - -", " ") {
		r := store.Response{Scores: map[int64]int{1: 1 + i%6}}
		if role != "-" {
			r.Role = store.Role(role)
		}
		rs = append(rs, r)
	}
	_, rows := tasks.FeedbackSummaryRows(qs, rs, 5, "18 of 20")
	got := map[string]string{}
	for _, row := range rows {
		got[row[1]] = row[3] + "|" + row[4]
	}
	for group, want := range map[string]string{
		store.RoleNotGiven:           "fewer than 5|fewer than 5",
		store.RoleConsultant.Label(): "6|3.50",  // 5, 6, 1, 2, 3, 4: 21/6
		store.RoleGP.Label():         "10|3.10", // 1..6, 1..4: 31/10
		"All responses (18 of 20)":   "18|3.50", // 1..6 three times: 63/18
	} {
		if got[group] != want {
			t.Errorf("%s: n|mean = %q, want %q", group, got[group], want)
		}
	}
}

// TestFeedbackSummaryRowsSmallOverall: the overall row of a question fewer
// than K answered leaves the laptop no more than a small group's would.
func TestFeedbackSummaryRowsSmallOverall(t *testing.T) {
	qs := []store.Question{{ID: 1, Text: "Forum?"}, {ID: 2, Text: "Useful?"}, {ID: 3, Text: "Again?"}}
	var rs []store.Response
	for i := range 12 {
		scores := map[int64]int{1: 1 + i%6}
		if i < 2 {
			scores[2] = 6
		}
		rs = append(rs, store.Response{Role: store.RoleGP, Scores: scores})
	}
	_, rows := tasks.FeedbackSummaryRows(qs, rs, 5, "12 of 20")
	overall := map[string][]string{}
	for _, row := range rows {
		if row[0] == "Overall" {
			overall[row[2]] = row[3:]
		}
	}
	if got := overall["Forum?"][0]; got != "12" {
		t.Errorf("Forum? overall n = %q, want 12", got)
	}
	for _, cell := range overall["Useful?"] {
		if cell != "fewer than 5" {
			t.Fatalf("Useful? (2 answers) overall row shows %q: %q", cell, overall["Useful?"])
		}
	}
	if got := overall["Again?"][:2]; got[0] != "0" || got[1] != store.NoAnswersLabel {
		t.Errorf("Again? (no answers) overall row = %q, want 0 and %q", got, store.NoAnswersLabel)
	}
}

func TestExportFeedbackNeedsOut(t *testing.T) {
	code, _, stderr := run(t, "export", "feedback", "--db", filepath.Join(t.TempDir(), "l.db"))
	if code != 2 || !strings.Contains(stderr, "--out") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
}

// reportJSON is the feedback part of `liaison report --json`.
type reportJSON struct {
	Responses    int     `json:"responses"`
	ResponseRate float64 `json:"response_rate"`
	Denominator  string  `json:"denominator"`
	DenominatorN int     `json:"denominator_n"`
	Questions    []struct {
		N      int        `json:"n"`
		Mean   float64    `json:"mean"`
		Counts [6]int     `json:"counts"`
		Top2   float64    `json:"top2"`
		CI95   [2]float64 `json:"ci95"`
	} `json:"questions"`
}

// reportFeedback runs `liaison report --json` on the database at dbPath
// and returns its feedback figures.
func reportFeedback(t *testing.T, dbPath string) reportJSON {
	t.Helper()
	code, stdout, stderr := run(t, "report", "--db", dbPath, "--json")
	if code != 0 {
		t.Fatalf("report exited %d: %s", code, stderr)
	}
	var r struct {
		Feedback reportJSON `json:"feedback"`
	}
	if err := json.Unmarshal([]byte(stdout), &r); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, stdout)
	}
	return r.Feedback
}

func TestReportJSONHasQuestionFigures(t *testing.T) {
	db := filepath.Join(t.TempDir(), "liaison.db")
	if code, _, stderr := run(t, "demo", "--db", db); code != 0 {
		t.Fatalf("demo exited %d: %s", code, stderr)
	}
	fb := reportFeedback(t, db)
	if fb.DenominatorN == 0 || !strings.Contains(fb.Denominator, fmt.Sprint(fb.DenominatorN)) {
		t.Fatalf("denominator %q (n=%d) does not state its size", fb.Denominator, fb.DenominatorN)
	}
	if got, want := fb.ResponseRate, float64(fb.Responses)/float64(fb.DenominatorN); math.Abs(got-want) > 1e-12 {
		t.Fatalf("response rate %v, want %v", got, want)
	}
	if len(fb.Questions) == 0 {
		t.Fatal("no questions in the report")
	}
	for i, q := range fb.Questions {
		n, sum, top := 0, 0, 0
		for s, c := range q.Counts {
			n += c
			sum += c * (s + 1)
			if s >= 4 {
				top += c
			}
		}
		if q.N != n {
			t.Errorf("question %d: n %d, counts add to %d", i+1, q.N, n)
		}
		if math.Abs(q.Mean-float64(sum)/float64(n)) > 1e-12 {
			t.Errorf("question %d: mean %v, counts give %v", i+1, q.Mean, float64(sum)/float64(n))
		}
		if math.Abs(q.Top2-float64(top)/float64(n)) > 1e-12 {
			t.Errorf("question %d: top2 %v, counts give %v", i+1, q.Top2, float64(top)/float64(n))
		}
		if !(q.CI95[0] < q.Mean && q.Mean < q.CI95[1]) {
			t.Errorf("question %d: CI %v does not straddle the mean %v", i+1, q.CI95, q.Mean)
		}
	}
}

func TestQuestionTexts(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"5. Would you recommend the scheme?", "Would you recommend the scheme?"},
		{"Q5: Would you recommend it?", "Would you recommend it?"},
		{"Question 12 - Anything else?", "Anything else?"},
		{"12) Rate the visit", "Rate the visit"},
		{"Quality of the visit", "Quality of the visit"},
		{"2018 was useful", "2018 was useful"},
		{"5.", "5."},
	} {
		t.Run(c.in, func(t *testing.T) {
			if got := tasks.QuestionTexts([]string{c.in})[0]; got != c.want {
				t.Fatalf("tasks.QuestionTexts(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
}

// genExport returns a forms export of n rows with IDs, a role and the four
// published questions; edit may change any row's cells (ID, role, q1..q4).
func genExport(n int, edit func(i int, cells []string)) string {
	var b strings.Builder
	b.WriteString("ID,Role")
	for _, q := range store.PublishedQuestions {
		fmt.Fprintf(&b, ",%q", q)
	}
	b.WriteString("\r\n")
	roles := []string{"GP", "Consultant", "Nurse"}
	for i := 0; i < n; i++ {
		cells := []string{fmt.Sprint(i + 1), roles[i%3], fmt.Sprint(1 + i%6), fmt.Sprint(1 + (i/6)%6), "", fmt.Sprint(1 + (i/36)%6)}
		if edit != nil {
			edit(i, cells)
		}
		b.WriteString(strings.Join(cells, ",") + "\r\n")
	}
	return b.String()
}

func TestImportTableInChunks(t *testing.T) {
	ctx := context.Background()
	n := 2*5000 + 123 // three of the store's chunks
	for _, c := range []struct {
		name    string
		edit    func(i int, cells []string)
		wantErr []string // every problem, exactly as forms.Apply names them
	}{
		{name: "Clean"},
		{name: "RowsWithoutID", edit: func(i int, cells []string) {
			if i%1000 == 7 {
				cells[0] = ""
			}
		}},
		{name: "BadCellsInLateChunks", edit: func(i int, cells []string) {
			switch i {
			case 5000 + 5:
				cells[2] = "7"
			case n - 1:
				cells[5] = "five"
			}
		}, wantErr: []string{`"7" is not a score`, `"five" is not a score`}},
		{name: "SameIDInTwoChunks", edit: func(i int, cells []string) {
			if i == n-2 {
				cells[0] = "3"
			}
		}, wantErr: []string{`"3" is the same response ID as on line 4`}},
	} {
		t.Run(c.name, func(t *testing.T) {
			tbl, err := csvio.Read(strings.NewReader(genExport(n, c.edit)))
			if err != nil {
				t.Fatal(err)
			}
			db := openDB(t, filepath.Join(t.TempDir(), "l.db"))
			r := store.Round{Name: "R"}
			if err := db.CreateRound(ctx, &r); err != nil {
				t.Fatal(err)
			}
			qs, _ := db.Questions(ctx, r.ID)
			plan := forms.Detect(tbl, qs)
			whole := forms.Apply(tbl, plan, "import:x.csv")

			res, c2, err := tasks.ImportTable(ctx, db, tasks.FeedbackImport{Round: r, Found: true, Plan: plan, Source: "import:x.csv"}, tbl)
			added := c2.Added
			stored, _ := db.Responses(ctx, r.ID)
			if c.wantErr != nil {
				if err == nil || store.ErrorMessage(err) != store.ErrorMessage(whole.Err()) {
					t.Fatalf("error %v, want exactly forms.Apply's: %v", err, whole.Err())
				}
				for _, w := range c.wantErr {
					if !strings.Contains(store.ErrorMessage(err), w) {
						t.Fatalf("error lacks %q: %s", w, store.ErrorMessage(err))
					}
				}
				if len(stored) != 0 || len(res.Problems) == 0 {
					t.Fatalf("a rejected file stored %d responses", len(stored))
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if added != len(whole.Responses) || len(stored) != len(whole.Responses) {
				t.Fatalf("added %d, stored %d, want %d", added, len(stored), len(whole.Responses))
			}
			// The same responses, in file order, as a single Apply gives.
			for i, w := range whole.Responses {
				g := stored[i]
				if g.Key != w.Key || g.Role != w.Role || fmt.Sprint(g.Scores) != fmt.Sprint(w.Scores) {
					t.Fatalf("response %d is %+v, want %+v", i, g, w)
				}
			}
		})
	}
}

// TestFormsExportFiguresByHand imports a Microsoft Forms export of 71
// responses as an organiser downloads it (UTF-8 with a BOM, emoji and line
// breaks in the comments) and as Excel saves it again (Windows-1252), and
// checks the report against figures worked out by hand from the file: n,
// the count of each score, the mean, the share scoring 5 or 6, and the 95%
// confidence interval mean ± t(0.975, n−1)·s/√n with t from printed tables
// (2.0010 for 59 degrees of freedom, 1.9983 for 63, 1.9977 for 64, 1.9971
// for 65).
func TestFormsExportFiguresByHand(t *testing.T) {
	type figures struct {
		n      int
		counts [6]int
		mean   float64
		top2   float64
		ci     [2]float64
	}
	want := []figures{
		{65, [6]int{11, 11, 7, 7, 13, 16}, 3.7385, 0.4462, [2]float64{3.2764, 4.2005}},
		{60, [6]int{5, 5, 5, 8, 19, 18}, 4.4167, 0.6167, [2]float64{4.0040, 4.8294}},
		{66, [6]int{11, 5, 10, 6, 15, 19}, 4.0000, 0.5152, [2]float64{3.5477, 4.4523}},
		{64, [6]int{4, 5, 5, 7, 20, 23}, 4.6094, 0.6719, [2]float64{4.2249, 4.9938}},
	}
	for _, file := range []string{"msforms-utf8-bom.csv", "msforms-excel-cp1252.csv"} {
		t.Run(file, func(t *testing.T) {
			dbPath := filepath.Join(t.TempDir(), "l.db")
			path := filepath.Join("testdata", "feedback", file)
			code, stdout, stderr := run(t, "import", "feedback", path, "--db", dbPath, "--round", "2018")
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			for _, line := range []string{`"ID" -> ID`, `"Email" -> ignored`, `"Which best describes your role?" -> role`,
				`"Any other comments? (what worked, what didn't, what should change)" -> comment`, "71 added, 0 changed, 0 already there, 0 new questions added"} {
				if !strings.Contains(stdout, line) {
					t.Errorf("output lacks %q:\n%s", line, stdout)
				}
			}
			fb := reportFeedback(t, dbPath)
			if got, want := fb.Responses, 71; got != want {
				t.Fatalf("%d responses, want %d", got, want)
			}
			round4 := func(v float64) float64 { return math.Round(v*1e4) / 1e4 }
			for i, q := range fb.Questions {
				got := figures{q.N, q.Counts, round4(q.Mean), round4(q.Top2), [2]float64{round4(q.CI95[0]), round4(q.CI95[1])}}
				if got != want[i] {
					t.Errorf("question %d: %+v, by hand %+v", i+1, got, want[i])
				}
			}
			code, stdout, _ = run(t, "import", "feedback", path, "--db", dbPath, "--round", "2018")
			if code != 0 || !strings.Contains(stdout, "0 added, 0 changed, 71 already there") {
				t.Fatalf("re-import: exit %d:\n%s", code, stdout)
			}
		})
	}
}

func TestReportNoAnswersYet(t *testing.T) {
	// Three responses, all to the first question only: the other questions
	// have no answers, which is not a mean of 0.
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "l.db")
	seedResponses(t, dbPath, 3, 0)

	t.Run("Text", func(t *testing.T) {
		code, stdout, stderr := run(t, "report", "--db", dbPath)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		if !strings.Contains(stdout, store.NoAnswersLabel+"  (n=0)") || strings.Contains(stdout, "n=0,") {
			t.Fatalf("report does not say %q for unanswered questions:\n%s", store.NoAnswersLabel, stdout)
		}
	})
	t.Run("JSON", func(t *testing.T) {
		code, stdout, stderr := run(t, "report", "--db", dbPath, "--json")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		var r struct {
			Feedback struct {
				Questions []map[string]any `json:"questions"`
			} `json:"feedback"`
		}
		if err := json.Unmarshal([]byte(stdout), &r); err != nil {
			t.Fatal(err)
		}
		qs := r.Feedback.Questions
		if len(qs) < 2 {
			t.Fatalf("%d questions, want at least 2", len(qs))
		}
		for _, key := range []string{"mean", "top2", "ci95"} {
			if v, ok := qs[1][key]; !ok || v != nil {
				t.Errorf("unanswered question: %s = %v (present %v), want null", key, v, ok)
			}
			if qs[0][key] == nil {
				t.Errorf("answered question: %s is null", key)
			}
		}
		if got, want := qs[1]["n"], 0.0; got != want {
			t.Errorf("n = %v, want %v", got, want)
		}
		if _, ok := qs[1]["counts"]; !ok {
			t.Error("counts missing")
		}
		// Whatever the spread, the 95% CI stays on the 1–6 scale.
		ci := qs[0]["ci95"].([]any)
		if lo, hi := ci[0].(float64), ci[1].(float64); lo < 1 || hi > 6 {
			t.Errorf("ci95 = %v, want it within 1–6", ci)
		}
	})
	t.Run("CSV", func(t *testing.T) {
		out := filepath.Join(dir, "summary.csv")
		if code, _, stderr := run(t, "export", "feedback", "--db", dbPath, "--out", out); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		f, err := os.Open(out)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		recs, err := csv.NewReader(f).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		// Row 0 is the header, row 1 the answered question, row 2 the
		// first unanswered one.
		if got, want := recs[2][4], store.NoAnswersLabel; got != want {
			t.Fatalf("mean cell %q, want %q", got, want)
		}
		if got, want := recs[2][3], "0"; got != want {
			t.Fatalf("n cell %q, want %q", got, want)
		}
	})
}
