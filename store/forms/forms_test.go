package forms_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"github.com/liaisonapp/liaison/store"
	"github.com/liaisonapp/liaison/store/csvio"
	"github.com/liaisonapp/liaison/store/forms"
)

// questions are a round's questions: the four published ones, IDs 11–14.
func questions() []store.Question {
	qs := make([]store.Question, len(store.PublishedQuestions))
	for i, text := range store.PublishedQuestions {
		qs[i] = store.Question{ID: int64(11 + i), RoundID: 1, Position: i + 1, Text: text}
	}
	return qs
}

// mustRead reads CSV text with csvio, as the app does.
func mustRead(tb testing.TB, text string) *csvio.Table {
	tb.Helper()
	t, err := csvio.Read(strings.NewReader(text))
	if err != nil {
		tb.Fatalf("csvio.Read: %v", err)
	}
	return t
}

// msForms builds a Microsoft Forms export as an organiser downloads it:
// metadata columns, the questions as headers, a role and a comment, with
// one row per respondent. Row i (from 1) scores 1+(i+k)%6 on question k.
func msForms(n int, nl string) string {
	var b strings.Builder
	b.WriteString(`ID,Start time,Completion time,Email,Name,`)
	for _, q := range store.PublishedQuestions {
		fmt.Fprintf(&b, "%q,", q)
	}
	b.WriteString(`Are you a GP or a consultant?,"Any other comments, suggestions?"` + nl)
	roles := []string{"GP", "Consultant", "Nurse", "General practitioner"}
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "%d,1/%d/24 09:%02d:00,1/%d/24 09:%02d:30,anonymous,,", i, 1+i%28, i%60, 1+i%28, i%60)
		for k := range store.PublishedQuestions {
			fmt.Fprintf(&b, "%d,", 1+(i+k)%6)
		}
		fmt.Fprintf(&b, "%s,", roles[i%len(roles)])
		if i%3 == 0 {
			fmt.Fprintf(&b, `"Useful, thank you — see ""notes"" 👍"`)
		}
		b.WriteString(nl)
	}
	return b.String()
}

func kinds(p forms.Plan) string {
	var ks []string
	for _, c := range p.Columns {
		k := c.Kind.String()
		if c.Kind == forms.Score {
			k = fmt.Sprintf("score:%d", c.QuestionID)
		}
		ks = append(ks, k)
	}
	return strings.Join(ks, " ")
}

func TestDetectMicrosoftForms(t *testing.T) {
	tab := mustRead(t, msForms(71, "\r\n"))
	p := forms.Detect(tab, questions())
	// The ID column holds 1..71, and values 1–6 would not decide it: it is
	// the ID, never a score column.
	want := "ID ignored ignored ignored ignored score:11 score:12 score:13 score:14 role comment"
	if got := kinds(p); got != want {
		t.Fatalf("kinds = %s\nwant    %s", got, want)
	}
	if len(p.NewQuestions) != 0 {
		t.Fatalf("NewQuestions = %q, want none", p.NewQuestions)
	}

	res := forms.Apply(tab, p, "import:ms.csv")
	if len(res.Problems) != 0 {
		t.Fatalf("Problems = %v", res.Problems)
	}
	if got, want := len(res.Responses), 71; got != want {
		t.Fatalf("len(Responses) = %d, want %d", got, want)
	}
	r := res.Responses[2] // ID 3
	if got, want := r.Key, "id:3"; got != want {
		t.Fatalf("Key = %q, want %q", got, want)
	}
	if got, want := fmt.Sprint(r.Scores), "map[11:4 12:5 13:6 14:1]"; got != want {
		t.Fatalf("Scores = %s, want %s", got, want)
	}
	if got, want := r.Role, store.RoleGP; got != want {
		t.Fatalf("Role = %q, want %q", got, want)
	}
	if got, want := r.Comment, `Useful, thank you — see "notes" 👍`; got != want {
		t.Fatalf("Comment = %q, want %q", got, want)
	}
	if got, want := r.Source, "import:ms.csv"; got != want {
		t.Fatalf("Source = %q, want %q", got, want)
	}
	if got, want := res.Responses[3].Role, store.RoleGP; got != want { // "General practitioner"
		t.Fatalf("Role = %q, want %q", got, want)
	}

	// The figures come out as a careful analyst computes them by hand:
	// question 11 scores 1+(i%6) for i = 1..71, i.e. 2,3,4,5,6,1 repeating:
	// 11 full cycles (sum 21 each, 231) plus i = 67..71 giving 2,3,4,5,6
	// (20): 251/71.
	sum := store.Summarise(questions()[:1], res.Responses)[0]
	if sum.N != 71 || fmt.Sprintf("%.4f", sum.Mean) != fmt.Sprintf("%.4f", 251.0/71) {
		t.Fatalf("N = %d, Mean = %v, want 71, %v", sum.N, sum.Mean, 251.0/71)
	}
}

func TestDetectGoogleForms(t *testing.T) {
	// Google Forms: a Timestamp, an email column, numbered questions with
	// the scale in the header, a question the round does not have, and a
	// grid question written "Title [row]".
	text := "Timestamp,Email address," +
		`"1. Would you support a regular primary-secondary care forum? (1 = least likely, 6 = most likely)",` +
		`Scheme useful?,How well organised was your visit?,Please rate [How likely are you to take part again?],Your role` + "\n" +
		"2024/03/01 10:00:00 GMT,a@nhs.net,6,5,4,5,GP\n" +
		"2024/03/01 10:05:00 GMT,b@nhs.net,5,,3,6,Consultant\n" +
		"2024/03/01 10:07:00 GMT,c@nhs.net,4,4,,2,\n"
	tab := mustRead(t, text)
	p := forms.Detect(tab, questions())
	want := "ignored ignored score:11 score:12 score:0 score:13 role"
	if got := kinds(p); got != want {
		t.Fatalf("kinds = %s\nwant    %s", got, want)
	}
	// "Scheme useful?" is the organiser's shortening of question 12; the
	// organisation question is new.
	if got, want := fmt.Sprint(p.NewQuestions), "[How well organised was your visit?]"; got != want {
		t.Fatalf("NewQuestions = %s, want %s", got, want)
	}
	res := forms.Apply(tab, p, "import:g.csv")
	if len(res.Problems) != 0 {
		t.Fatalf("Problems = %v", res.Problems)
	}
	// New questions are keyed -1, -2, … in NewQuestions order.
	if got, want := fmt.Sprint(res.Responses[0].Scores), "map[-1:4 11:6 12:5 13:5]"; got != want {
		t.Fatalf("Scores = %s, want %s", got, want)
	}
	if got, want := fmt.Sprint(res.Responses[1].Scores), "map[-1:3 11:5 13:6]"; got != want {
		t.Fatalf("Scores = %s, want %s", got, want)
	}
	// No ID column: keys are fingerprints that include the timestamp.
	for _, r := range res.Responses {
		if !regexp.MustCompile(`^fp:[0-9a-f]{64}$`).MatchString(r.Key) {
			t.Fatalf("Key = %q, want fp: and 64 hex digits", r.Key)
		}
	}
}

func TestHeaderMatching(t *testing.T) {
	for _, tt := range []struct {
		name, header string
		want         int64
	}{
		{"Exact", "Did you find the scheme useful?", 12},
		{"CaseAndPunctuation", "did you find the scheme USEFUL", 12},
		{"Numbered", "2. Did you find the scheme useful?", 12},
		{"EnDashOrHyphen", "Would you support a regular primary-secondary care forum?", 11},
		{"ScaleHint", "How likely are you to take part again? (1=least, 6=most)", 13},
		{"WordOverlap", "Will you consider new ways of working because of better relationships?", 14},
		{"ShortNotInside", "ID", 0},
		{"Unrelated", "What is your favourite colour?", 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			tab := &csvio.Table{Header: []string{tt.header}, Rows: []csvio.Row{{Line: 2, Cells: []string{"blue"}}}}
			p := forms.Detect(tab, questions())
			c := p.Columns[0]
			if tt.want == 0 {
				if c.Kind == forms.Score && c.QuestionID != 0 {
					t.Fatalf("matched question %d, want none", c.QuestionID)
				}
				return
			}
			if c.Kind != forms.Score || c.QuestionID != tt.want {
				t.Fatalf("got %v question %d, want score question %d", c.Kind, c.QuestionID, tt.want)
			}
		})
	}
}

func TestDetectColumns(t *testing.T) {
	for _, tt := range []struct {
		name   string
		header string
		cells  []string
		want   forms.Kind
	}{
		{"IDHeader", "Response ID", []string{"a1", "b7", "c3"}, forms.ID},
		{"RisingNumbers", "#", []string{"1", "2", "3", "4", "5", "6", "7"}, forms.ID},
		{"RisingWithGaps", "Ref", []string{"101", "105", "230"}, forms.ID},
		{"ScoresByValue", "Was the day well run?", []string{"4", "5", "", "6", "3"}, forms.Score},
		{"ScoresNearlyAll", "Q7", append(strings.Split("1,2,3,4,5,6,1,2,3,4,5,6,1,2,3,4,5,6,1", ","), "7"), forms.Score},
		{"NotScoresTooMany7s", "Hours", []string{"7", "8", "3", "4", "9"}, forms.Ignored},
		{"Email", "Email", []string{"anonymous", "anonymous"}, forms.Ignored},
		{"EmailValues", "Contact", []string{"a@b.nhs.uk", "c@d.nhs.uk"}, forms.Ignored},
		{"Name", "Your name", []string{"Dr A Smith", "Dr B Jones"}, forms.Ignored},
		{"StartTime", "Start time", []string{"1/3/24 9:00", "1/3/24 9:05"}, forms.Ignored},
		{"RoleHeader", "Job role", []string{"GP", "Consultant", "Locum GP"}, forms.Role},
		{"AreYouA", "Are you a…", []string{"GP", "Consultant"}, forms.Role},
		{"RoleValues", "Which best describes you?", []string{"GP", "Consultant", "Nurse"}, forms.Role},
		{"RoleHeaderOddValues", "Role", []string{"Doctor", "Registrar"}, forms.Role},
		{"LongRoleHeader", "Which best describes your role?", []string{"GP", "Consultant", "Practice nurse", "GP trainee", "Other"}, forms.Role},
		{"RoleValuesWithQualifiers", "Which best describes you?", []string{"GP trainee", "Consultant physician", "Salaried GP", "Practice nurse", "GP"}, forms.Role},
		{"YourRoleQuestionScores", "Did the scheme help you understand your role better?", []string{"5", "4", "6"}, forms.Score},
		{"ProfessionalDevelopmentQuestion", "Has the scheme helped your professional development overall?", []string{"5", "4", "6"}, forms.Score},
		{"Comment", "Anything else?", []string{"More time please", ""}, forms.Comment},
		{"Empty", "Unused", []string{"", ""}, forms.Ignored},
	} {
		t.Run(tt.name, func(t *testing.T) {
			tab := &csvio.Table{Header: []string{tt.header}}
			for i, c := range tt.cells {
				tab.Rows = append(tab.Rows, csvio.Row{Line: i + 2, Cells: []string{c}})
			}
			p := forms.Detect(tab, questions())
			if got := p.Columns[0].Kind; got != tt.want {
				t.Fatalf("Kind = %v, want %v", got, tt.want)
			}
		})
	}

	t.Run("OneCommentKept", func(t *testing.T) {
		tab := &csvio.Table{Header: []string{"What went well", "Suggestions", "Useful?"}, Rows: []csvio.Row{
			{Line: 2, Cells: []string{"The long visit to the clinic", "More visits", "5"}},
		}}
		p := forms.Detect(tab, questions())
		if got, want := kinds(p), "ignored comment score:0"; got != want {
			t.Fatalf("kinds = %s, want %s", got, want)
		}
	})
}

func TestApplyBadCells(t *testing.T) {
	// 71 responses; line 9 (ID 8) has a 7 and line 40 (ID 39) has "five".
	text := msForms(71, "\n")
	lines := strings.Split(text, "\n")
	f := strings.Split(lines[8], ",")
	f[5] = "7 "
	lines[8] = strings.Join(f, ",")
	f = strings.Split(lines[39], ",")
	f[6] = "five"
	lines[39] = strings.Join(f, ",")
	tab := mustRead(t, strings.Join(lines, "\n"))
	p := forms.Detect(tab, questions())
	if got, want := kinds(p), "ID ignored ignored ignored ignored score:11 score:12 score:13 score:14 role comment"; got != want {
		t.Fatalf("kinds = %s\nwant    %s", got, want)
	}
	res := forms.Apply(tab, p, "import:x.csv")
	var got []string
	for _, pr := range res.Problems {
		got = append(got, pr.String())
	}
	want := []string{
		fmt.Sprintf("line 9, column %q: \"7\" is not a score: use a whole number from 1 to 6, or leave the cell empty when the question was not answered", store.PublishedQuestions[0]),
		fmt.Sprintf("line 40, column %q: \"five\" is not a score: use a whole number from 1 to 6, or leave the cell empty when the question was not answered", store.PublishedQuestions[1]),
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("Problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	err := res.Err()
	if got, want := store.ErrorCode(err), store.EINVALID; got != want {
		t.Fatalf("ErrorCode = %q, want %q", got, want)
	}
	if msg := store.ErrorMessage(err); !strings.HasPrefix(msg, "The file has 2 problems") || !strings.Contains(msg, want[1]) {
		t.Fatalf("ErrorMessage = %q", msg)
	}
}

func TestApplyCells(t *testing.T) {
	for _, tt := range []struct {
		cell    string
		score   int // 0: not answered
		problem bool
	}{
		{"5", 5, false}, {" 5 ", 5, false}, {"\u00a06", 6, false}, {"1", 1, false}, {"", 0, false},
		{"   ", 0, false}, {"0", 0, true}, {"7", 0, true}, {"-1", 0, true}, {"+5", 0, true},
		{"5.0", 0, true}, {"five", 0, true}, {"4 ", 4, false}, {"55", 0, true}, {"٥", 0, true},
	} {
		t.Run(fmt.Sprintf("%q", tt.cell), func(t *testing.T) {
			tab := &csvio.Table{Header: []string{"Q", "Comment"}, Rows: []csvio.Row{{Line: 2, Cells: []string{tt.cell, "x"}}}}
			plan := forms.Plan{Columns: []forms.Column{{Index: 0, Header: "Q", Kind: forms.Score, QuestionID: 11}, {Index: 1, Header: "Comment", Kind: forms.Comment}}}
			res := forms.Apply(tab, plan, "")
			if got := len(res.Problems) > 0; got != tt.problem {
				t.Fatalf("problem = %v (%v), want %v", got, res.Problems, tt.problem)
			}
			if tt.problem {
				if p := res.Problems[0]; p.Line != 2 || p.Column != "Q" || p.Value != strings.TrimSpace(tt.cell) {
					t.Fatalf("Problem = %+v, want line 2, column Q, value %q", p, strings.TrimSpace(tt.cell))
				}
			}
			if got, want := res.Responses[0].Scores[11], tt.score; got != want {
				t.Fatalf("score = %d, want %d", got, want)
			}
		})
	}
}

func TestApplyRoleAndIDProblems(t *testing.T) {
	tab := mustRead(t, "ID,Useful?,Role\n1,5,GP\n2,4,Doctor\n2,3,Consultant\n")
	plan := forms.Detect(tab, questions())
	res := forms.Apply(tab, plan, "")
	var got []string
	for _, p := range res.Problems {
		got = append(got, fmt.Sprintf("%d|%s|%s", p.Line, p.Column, p.Value))
	}
	if got, want := strings.Join(got, " "), "3|Role|Doctor 4|ID|2"; got != want {
		t.Fatalf("problems = %s, want %s", got, want)
	}
	if !strings.Contains(res.Problems[1].Reason, "line 3") {
		t.Fatalf("duplicate ID problem %q does not name the first line", res.Problems[1].Reason)
	}
}

func TestApplyRoleWords(t *testing.T) {
	for _, tt := range []struct {
		cell string
		want store.Role
		bad  bool
	}{
		{"GP", store.RoleGP, false},
		{"GP trainee", store.RoleGP, false},
		{"GP registrar (ST3)", store.RoleGP, false},
		{"Consultant physician", store.RoleConsultant, false},
		{"Practice Nurse", store.RoleNurse, false},
		{"Clinical pharmacist", store.RolePharmacist, false},
		{"Other (please specify)", store.RoleOther, false},
		{"General practice", store.RoleGP, false},
		{"GP registrar", store.RoleGP, false},
		{"Consultant Geriatrician", store.RoleConsultant, false},
		{"Prefer not to say", "", false},
		{"Not stated", "", false},
		{"N/A", "", false},
		{"", "", false},
		{"Doctor", "", true},
		{"GP / consultant", "", true},
		{"Consultant or GP", "", true},
	} {
		t.Run(tt.cell, func(t *testing.T) {
			tab := &csvio.Table{Header: []string{"Useful?", "Which best describes your role?"},
				Rows: []csvio.Row{{Line: 2, Cells: []string{"5", tt.cell}}}}
			plan := forms.Plan{Columns: []forms.Column{{Index: 0, Header: "Useful?", Kind: forms.Score, QuestionID: 2},
				{Index: 1, Header: "Which best describes your role?", Kind: forms.Role}}}
			res := forms.Apply(tab, plan, "")
			if got, want := len(res.Problems) > 0, tt.bad; got != want {
				t.Fatalf("problems = %v, want some: %v", res.Problems, want)
			}
			if !tt.bad {
				if got, want := res.Responses[0].Role, tt.want; got != want {
					t.Fatalf("role = %q, want %q", got, want)
				}
			}
		})
	}
}

func TestDetectRoleColumnWithDeclines(t *testing.T) {
	// Some respondents decline to give a role; the column is still the
	// role column, and those responses are kept with no role.
	text := "Did you find the scheme useful?,Answer\n"
	for _, v := range []string{"GP", "Consultant", "GP", "Prefer not to say", "N/A", "GP", "Not stated", "Consultant"} {
		text += "5," + v + "\n"
	}
	tab := mustRead(t, text)
	plan := forms.Detect(tab, questions())
	if got, want := kinds(plan), "score:12 role"; got != want {
		t.Fatalf("kinds = %s, want %s", got, want)
	}
	res := forms.Apply(tab, plan, "")
	if len(res.Problems) != 0 {
		t.Fatalf("Problems = %v", res.Problems)
	}
	var roles []string
	for _, r := range res.Responses {
		roles = append(roles, string(r.Role))
	}
	if got, want := strings.Join(roles, ","), "gp,consultant,gp,,,gp,,consultant"; got != want {
		t.Fatalf("roles = %s, want %s", got, want)
	}
}

func TestApplySkipsEmptyRows(t *testing.T) {
	tab := mustRead(t, "Start time,Useful?,Role,Comments\n"+
		"09:00,5,GP,\n"+
		"09:01,,GP,\n"+ // a role alone is not a response
		"09:02,,,Good day\n")
	res := forms.Apply(tab, forms.Detect(tab, questions()), "")
	if got, want := len(res.Responses), 2; got != want {
		t.Fatalf("len(Responses) = %d, want %d", got, want)
	}
	if got, want := res.Skipped, 1; got != want {
		t.Fatalf("Skipped = %d, want %d", got, want)
	}
}

func TestApplyNoScores(t *testing.T) {
	tab := mustRead(t, "Name,Comments\nA,hello\n")
	res := forms.Apply(tab, forms.Detect(tab, questions()), "")
	if len(res.Problems) != 1 || res.Problems[0].Line != 1 || !strings.HasPrefix(res.Problems[0].String(), "line 1: the header has no column of scores") {
		t.Fatalf("Problems = %v, want one about the file having no scores", res.Problems)
	}
}

func TestApplySameQuestionTwice(t *testing.T) {
	tab := &csvio.Table{Header: []string{"A", "B"}, Rows: []csvio.Row{{Line: 2, Cells: []string{"1", "2"}}}}
	plan := forms.Plan{Columns: []forms.Column{{Index: 0, Header: "A", Kind: forms.Score, QuestionID: 11}, {Index: 1, Header: "B", Kind: forms.Score, QuestionID: 11}}}
	res := forms.Apply(tab, plan, "")
	if len(res.Problems) != 1 || res.Problems[0].Column != "B" {
		t.Fatalf("Problems = %v, want one naming column B", res.Problems)
	}
}

func TestFingerprint(t *testing.T) {
	// No ID: start time plus content. Rows 2 and 3 are identical in every
	// way (same minute, same answers): two people, so two keys.
	text := "Start time,Email,Name,Useful?,Again?,Role,Comments\r\n" +
		"1/3/24 09:00,anonymous,,5,6,GP,\"Good, really\"\r\n" +
		"1/3/24 09:01,anonymous,,4,4,Consultant,\r\n" +
		"1/3/24 09:01,anonymous,,4,4,Consultant,\r\n" +
		"1/3/24 09:02,anonymous,,4,4,Consultant,\r\n"
	keys := func(text string) []string {
		tab := mustRead(t, text)
		res := forms.Apply(tab, forms.Detect(tab, questions()), "")
		if len(res.Problems) != 0 {
			t.Fatalf("Problems = %v", res.Problems)
		}
		var ks []string
		for _, r := range res.Responses {
			ks = append(ks, r.Key)
		}
		return ks
	}
	first, second := keys(text), keys(text)
	t.Run("SameFileTwice", func(t *testing.T) {
		if strings.Join(first, " ") != strings.Join(second, " ") {
			t.Fatalf("keys differ:\n%v\n%v", first, second)
		}
	})
	t.Run("AllDistinct", func(t *testing.T) {
		seen := map[string]bool{}
		for _, k := range first {
			if seen[k] {
				t.Fatalf("key %s twice in %v", k, first)
			}
			seen[k] = true
		}
	})
	t.Run("NamesDoNotCount", func(t *testing.T) {
		// The same export with names filled in gives the same keys: names
		// are not stored and must not be what tells responses apart.
		named := strings.ReplaceAll(text, "anonymous,,", "anonymous,Dr X,")
		if got := keys(named); strings.Join(got, " ") != strings.Join(first, " ") {
			t.Fatalf("keys changed with names:\n%v\n%v", got, first)
		}
	})
	t.Run("LaterExportKeepsKeys", func(t *testing.T) {
		// A later download of the same form has more rows at the end; the
		// earlier rows keep their keys, so re-import adds only the new ones.
		later := keys(text + "1/3/24 09:01,anonymous,,4,4,Consultant,\r\n")
		if strings.Join(later[:4], " ") != strings.Join(first, " ") {
			t.Fatalf("earlier keys changed:\n%v\n%v", later[:4], first)
		}
	})
	t.Run("AnswersCount", func(t *testing.T) {
		changed := keys(strings.Replace(text, ",5,6,GP,", ",5,5,GP,", 1))
		if changed[0] == first[0] {
			t.Fatalf("different answers gave the same key %s", first[0])
		}
	})
}

func TestIDKeys(t *testing.T) {
	// Within a round a forms response ID is the response: a re-downloaded
	// export with an edited answer keeps its keys, so the response is
	// updated rather than counted twice. (A second form whose IDs also
	// start at 1 is kept apart by the store, imported with --new-form.)
	const q = "ID,Role,Would you support a regular primary–secondary care forum?\n"
	gp := q + "1,GP,6\n2,GP,5\n3,GP,6\n4,GP,2\n"
	edited := q + "1,GP,6\n2,Consultant,4\n3,GP,6\n4,GP,2\n"
	keys := func(text string) []string {
		tab := mustRead(t, text)
		res := forms.Apply(tab, forms.Detect(tab, questions()), "")
		if len(res.Problems) != 0 {
			t.Fatalf("Problems = %v", res.Problems)
		}
		var ks []string
		for _, r := range res.Responses {
			ks = append(ks, r.Key)
		}
		return ks
	}
	t.Run("SameFileTwice", func(t *testing.T) {
		if a, b := strings.Join(keys(gp), " "), strings.Join(keys(gp), " "); a != b {
			t.Fatalf("keys differ:\n%s\n%s", a, b)
		}
	})
	t.Run("AnEditKeepsTheKey", func(t *testing.T) {
		if a, b := strings.Join(keys(gp), " "), strings.Join(keys(edited), " "); a != b {
			t.Fatalf("keys differ:\n%s\n%s", a, b)
		}
	})
	t.Run("KeyIsTheID", func(t *testing.T) {
		if got, want := keys(gp)[3], "id:4"; got != want {
			t.Fatalf("key = %q, want %q", got, want)
		}
	})
}

func TestSameScoreHeaderTwice(t *testing.T) {
	tab := mustRead(t, "ID,Extra question,Extra question\n1,4,5\n2,3,3\n3,6,1\n")
	res := forms.Apply(tab, forms.Detect(tab, questions()), "")
	if len(res.Problems) != 1 || res.Problems[0].Line != 1 || !strings.Contains(res.Problems[0].Reason, "columns 2 and 3") {
		t.Fatalf("Problems = %v, want one naming columns 2 and 3", res.Problems)
	}
}

func TestTooManyScoreColumns(t *testing.T) {
	var h, row strings.Builder
	h.WriteString("ID")
	row.WriteString("1")
	for i := 0; i <= store.MaxScoreColumns; i++ {
		fmt.Fprintf(&h, ",Question number %d", i)
		row.WriteString(",4")
	}
	tab := mustRead(t, h.String()+"\n"+row.String()+"\n")
	res := forms.Apply(tab, forms.Detect(tab, questions()), "")
	if err := res.Err(); err == nil || !strings.Contains(err.Error(), "at most 100") {
		t.Fatalf("Err = %v, want the limit named", err)
	}
}

func TestEncodings(t *testing.T) {
	// The same small export in the shapes an organiser's laptop produces.
	const plain = "ID,Start time,Email,\"Would you support a regular primary–secondary care forum?\",Role,Comments\n" +
		"1,01/03/2024 09:00,anonymous,6,GP,\"Café meeting, 10/10 – would go again\"\n" +
		"2,01/03/2024 09:10,anonymous,5,Consultant,\"Line one\nline two, with \"\"quotes\"\" 🙂\"\n" +
		"3,01/03/2024 09:20,anonymous,7,GP,\n"
	cp1252, err := charmap.Windows1252.NewEncoder().String(strings.ReplaceAll(strings.ReplaceAll(plain, " 🙂", ""), "\n", "\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ name, text string }{
		{"UTF8", plain},
		{"UTF8BOM", "\ufeff" + plain},
		{"CRLF", strings.ReplaceAll(plain, "\n", "\r\n")},
		{"Windows1252", cp1252},
		{"Semicolons", "ID;Start time;Email;\"Would you support a regular primary–secondary care forum?\";Role;Comments\n" +
			"1;01/03/2024 09:00;anonymous;6;GP;\"Café meeting, 10/10 – would go again\"\n" +
			"2;01/03/2024 09:10;anonymous;5;Consultant;\"Line one\nline two, with \"\"quotes\"\" 🙂\"\n" +
			"3;01/03/2024 09:20;anonymous;7;GP;\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			tab := mustRead(t, tt.text)
			p := forms.Detect(tab, questions())
			if got, want := kinds(p), "ID ignored ignored score:11 role comment"; got != want {
				t.Fatalf("kinds = %s, want %s", got, want)
			}
			res := forms.Apply(tab, p, "")
			if got, want := len(res.Responses), 3; got != want {
				t.Fatalf("len(Responses) = %d, want %d", got, want)
			}
			if got, want := res.Responses[0].Comment, "Café meeting, 10/10 – would go again"; got != want {
				t.Fatalf("Comment = %q, want %q", got, want)
			}
			if c := res.Responses[1].Comment; !strings.HasPrefix(c, "Line one\nline two, with \"quotes\"") {
				t.Fatalf("Comment = %q", c)
			}
			// The 7 is on physical line 5: the quoted line break in the
			// second record pushes it down one.
			if len(res.Problems) != 1 || res.Problems[0].Line != 5 || res.Problems[0].Value != "7" ||
				res.Problems[0].Column != store.PublishedQuestions[0] {
				t.Fatalf("Problems = %+v, want the 7 on line 5", res.Problems)
			}
		})
	}
}

// BenchmarkApply imports a 100,000-response Microsoft Forms export from
// CSV text: read, detect and apply, everything short of the database.
func BenchmarkApply(b *testing.B) {
	text := msForms(100000, "\r\n")
	qs := questions()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		tab, err := csvio.Read(strings.NewReader(text))
		if err != nil {
			b.Fatal(err)
		}
		res := forms.Apply(tab, forms.Detect(tab, qs), "import:bench.csv")
		if len(res.Responses) != 100000 {
			b.Fatalf("got %d responses", len(res.Responses))
		}
	}
}

// BenchmarkDetectApply is BenchmarkApply without csvio.Read, to show what
// this package itself costs.
func BenchmarkDetectApply(b *testing.B) {
	tab := mustRead(b, msForms(100000, "\r\n"))
	qs := questions()
	for b.Loop() {
		forms.Apply(tab, forms.Detect(tab, qs), "import:bench.csv")
	}
}

// Response IDs are compared as written: "7" twice is one response twice,
// but "07" and "7", or "R7" and "r7", are different responses; and reading
// rows into the same Response reuses its scores without mixing rows up.
func TestApplyResponseIDsAsWritten(t *testing.T) {
	tab := mustRead(t, "ID,Useful?\n7,5\n07,4\nR7,3\nr7,2\n7,1\n")
	plan := forms.Detect(tab, questions())
	res := forms.Apply(tab, plan, "")
	if len(res.Problems) != 1 || res.Problems[0].Line != 6 || !strings.Contains(res.Problems[0].Reason, "line 2") {
		t.Fatalf("problems = %+v, want only line 6's ID, the same as line 2's", res.Problems)
	}
	a := forms.NewApplier(plan, "")
	var r store.Response
	var scores []int
	for i, row := range tab.Rows {
		if a.RowInto(row, &r) {
			for _, s := range r.Scores {
				scores = append(scores, s)
			}
			if len(r.Scores) != 1 {
				t.Fatalf("row %d has %d scores: %v", i+2, len(r.Scores), r.Scores)
			}
		}
	}
	if fmt.Sprint(scores) != "[5 4 3 2 1]" {
		t.Fatalf("scores read %v", scores)
	}
}
