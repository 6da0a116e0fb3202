package store_test

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/liaisonapp/liaison/store"
)

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

func TestStudentT975(t *testing.T) {
	// Known values from printed t tables (two-sided 95%, i.e. the 0.975
	// quantile), to the three decimals the tables give.
	for _, tt := range []struct {
		df   int
		want float64
	}{
		{1, 12.706}, {2, 4.303}, {4, 2.776}, {10, 2.228}, {30, 2.042},
		{70, 1.994}, {120, 1.980}, {1000000, 1.960},
	} {
		t.Run(fmt.Sprint("df=", tt.df), func(t *testing.T) {
			if got := store.StudentT975(tt.df); !near(got, tt.want, 0.0006) {
				t.Fatalf("StudentT975(%d) = %.5f, want %.3f", tt.df, got, tt.want)
			}
		})
	}
	t.Run("df=0", func(t *testing.T) {
		if got := store.StudentT975(0); !math.IsInf(got, 1) {
			t.Fatalf("StudentT975(0) = %v, want +Inf", got)
		}
	})
}

func resp(scores map[int64]int, role store.Role) store.Response {
	return store.Response{Scores: scores, Role: role}
}

func TestSummarise(t *testing.T) {
	qs := []store.Question{{ID: 10, Text: "Forum"}, {ID: 20, Text: "Useful"}, {ID: 30, Text: "Again"}, {ID: 40, Text: "Unanswered"}}
	rs := []store.Response{
		resp(map[int64]int{10: 6, 20: 6, 30: 4}, store.RoleGP),
		resp(map[int64]int{10: 5, 20: 1}, store.RoleGP),
		resp(map[int64]int{10: 5}, store.RoleConsultant),
		resp(map[int64]int{10: 4}, store.RoleConsultant),
		resp(map[int64]int{10: 3, 99: 6}, ""), // 99 is no question of ours
		resp(nil, ""),
	}
	got := store.Summarise(qs, rs)
	if len(got) != len(qs) {
		t.Fatalf("len = %d, want %d", len(got), len(qs))
	}

	t.Run("FiveAnswers", func(t *testing.T) {
		// Scores 6, 5, 5, 4, 3: n = 5, sum = 23, mean = 23/5 = 4.6.
		// Counts: one 3, one 4, two 5s, one 6. Top two = (2+1)/5 = 0.6.
		// Deviations 1.4, 0.4, 0.4, -0.6, -1.6; squares 1.96 + 0.16 + 0.16
		// + 0.36 + 2.56 = 5.2; s² = 5.2/4 = 1.3; s = 1.140175;
		// s/√5 = 0.509902; t(4) = 2.776445; half-width = 1.415709,
		// so the CI is 4.6 ± 1.4157 = [3.1843, 6.0157], clipped to the
		// top of the scale: [3.1843, 6].
		s := got[0]
		if s.Question.ID != 10 {
			t.Fatalf("question = %d, want 10", s.Question.ID)
		}
		if got, want := s.N, 5; got != want {
			t.Fatalf("N = %d, want %d", got, want)
		}
		if got, want := s.Counts, [6]int{0, 0, 1, 1, 2, 1}; got != want {
			t.Fatalf("Counts = %v, want %v", got, want)
		}
		if got, want := s.Mean, 4.6; !near(got, want, 1e-12) {
			t.Fatalf("Mean = %v, want %v", got, want)
		}
		if got, want := s.Top2, 0.6; !near(got, want, 1e-12) {
			t.Fatalf("Top2 = %v, want %v", got, want)
		}
		if !near(s.CI95[0], 3.1843, 1e-4) || s.CI95[1] != 6 {
			t.Fatalf("CI95 = %v, want [3.1843 6]", s.CI95)
		}
	})

	t.Run("TwoAnswers", func(t *testing.T) {
		// Scores 6 and 1: mean 3.5; top two 1/2; deviations ±2.5, so
		// s² = 12.5/1, s = 3.535534, s/√2 = 2.5; t(1) = 12.706205, so the
		// CI is 3.5 ± 31.765512 = [-28.2655, 35.2655], which reaches past
		// both ends of the scale, so it is clipped to [1, 6].
		s := got[1]
		if got, want := s.N, 2; got != want {
			t.Fatalf("N = %d, want %d", got, want)
		}
		if got, want := s.Counts, [6]int{1, 0, 0, 0, 0, 1}; got != want {
			t.Fatalf("Counts = %v, want %v", got, want)
		}
		if got, want := s.Mean, 3.5; got != want {
			t.Fatalf("Mean = %v, want %v", got, want)
		}
		if got, want := s.Top2, 0.5; got != want {
			t.Fatalf("Top2 = %v, want %v", got, want)
		}
		if s.CI95 != [2]float64{1, 6} {
			t.Fatalf("CI95 = %v, want [1 6]", s.CI95)
		}
	})

	t.Run("OneAnswer", func(t *testing.T) {
		// A single 4: mean 4, no spread to estimate, so the CI is [4, 4].
		s := got[2]
		if s.N != 1 || s.Mean != 4 || s.Top2 != 0 || s.CI95 != [2]float64{4, 4} {
			t.Fatalf("got N=%d Mean=%v Top2=%v CI95=%v, want 1, 4, 0, [4 4]", s.N, s.Mean, s.Top2, s.CI95)
		}
	})

	t.Run("NoAnswers", func(t *testing.T) {
		s := got[3]
		if s.N != 0 || s.Mean != 0 || s.Top2 != 0 || s.CI95 != [2]float64{} || s.Counts != [6]int{} {
			t.Fatalf("got %+v, want all figures zero", s)
		}
	})

	t.Run("OutOfRangeIgnored", func(t *testing.T) {
		bad := []store.Response{resp(map[int64]int{10: 7}, ""), resp(map[int64]int{10: 0}, ""), resp(map[int64]int{10: 2}, "")}
		s := store.Summarise(qs[:1], bad)[0]
		if s.N != 1 || s.Mean != 2 {
			t.Fatalf("got N=%d Mean=%v, want 1 and 2", s.N, s.Mean)
		}
	})
}

// TestSummarisePublished checks the figures at the size of the published
// survey: 71 responses whose mean is the published 5.25 to two decimals.
func TestSummarisePublished(t *testing.T) {
	q := store.Question{ID: 1}
	// 38 sixes, 19 fives, 8 fours, 6 threes: n = 71,
	// sum = 228 + 95 + 32 + 18 = 373, mean = 373/71 = 5.253521 (5.25);
	// top two = (38+19)/71 = 57/71 = 0.80282.
	var rs []store.Response
	for score, n := range map[int]int{6: 38, 5: 19, 4: 8, 3: 6} {
		for range n {
			rs = append(rs, resp(map[int64]int{1: score}, ""))
		}
	}
	s := store.Summarise([]store.Question{q}, rs)[0]
	if got, want := s.N, 71; got != want {
		t.Fatalf("N = %d, want %d", got, want)
	}
	if got, want := s.Mean, 373.0/71; !near(got, want, 1e-12) {
		t.Fatalf("Mean = %v, want %v", got, want)
	}
	if got, want := fmt.Sprintf("%.2f", s.Mean), "5.25"; got != want {
		t.Fatalf("Mean to 2 dp = %s, want %s", got, want)
	}
	if got, want := s.Top2, 57.0/71; !near(got, want, 1e-12) {
		t.Fatalf("Top2 = %v, want %v", got, want)
	}
	// Σ c·x² = 38·36 + 19·25 + 8·16 + 6·9 = 1368 + 475 + 128 + 54 = 2025;
	// ss = 2025 - 373²/71 = 2025 - 1959.5634 = 65.4366;
	// s² = 65.4366/70 = 0.934809; s = 0.966855; s/√71 = 0.114745;
	// t(70) = 1.994437; half-width = 0.228851.
	half := (s.CI95[1] - s.CI95[0]) / 2
	if !near(half, 0.228851, 1e-5) {
		t.Fatalf("CI half-width = %.6f, want 0.228851", half)
	}
	if !near((s.CI95[0]+s.CI95[1])/2, s.Mean, 1e-12) {
		t.Fatalf("CI95 %v not centred on the mean %v", s.CI95, s.Mean)
	}
}

// group is a test group: n members answering question 1, the first a2 of
// them also answering question 2.
type group struct {
	role  store.Role
	n, a2 int
}

func responses(gs ...group) []store.Response {
	var rs []store.Response
	for _, g := range gs {
		for i := range g.n {
			scores := map[int64]int{1: 1 + i%6}
			if i < g.a2 {
				scores[2] = 6 - i%6
			}
			rs = append(rs, resp(scores, g.role))
		}
	}
	return rs
}

func byRole(r store.Response) string { return string(r.Role) }

// roleOnly keeps the groups of one role.
func roleOnly(gs []group, role store.Role) []group {
	var out []group
	for _, g := range gs {
		if g.role == role {
			out = append(out, g)
		}
	}
	return out
}

// withheldText describes a breakdown as "group:label1,label2" per group,
// with "N=n" for a question shown, so a case states every cell at once.
func withheldText(bs []store.Breakdown) string {
	var parts []string
	for _, b := range bs {
		var cells []string
		for i, s := range b.Summaries {
			if l := b.Withheld(i); l != "" {
				cells = append(cells, l)
			} else {
				cells = append(cells, fmt.Sprintf("N=%d", s.N))
			}
		}
		parts = append(parts, b.Group+":"+strings.Join(cells, ","))
	}
	return strings.Join(parts, " ")
}

func TestSummariseBy(t *testing.T) {
	const k = 5
	qs := []store.Question{{ID: 1}, {ID: 2}}
	few, hid := store.SuppressedLabel(k), store.ComplementaryLabel
	for _, c := range []struct {
		name   string
		groups []group
		want   string
	}{
		// A group of K-1 is suppressed, and so is the smallest group
		// shown, or the overall figures minus the others would give it
		// away.
		{"K-1", []group{{store.RoleNurse, k - 1, 0}, {store.RoleGP, k, k}, {store.RoleConsultant, k + 1, k + 1}},
			"consultant:N=6,N=6 gp:" + hid + "," + hid + " nurse:" + few + "," + few},
		{"K", []group{{store.RoleGP, k, k}, {store.RoleConsultant, k + 1, k + 1}},
			"consultant:N=6,N=6 gp:N=5,N=5"},
		{"K+1", []group{{store.RoleGP, k + 1, k + 1}, {store.RoleConsultant, k + 1, k + 1}},
			"consultant:N=6,N=6 gp:N=6,N=6"},
		// Two small groups that hold K between them: subtracting the shown
		// groups reveals only a total of K, so nothing more is hidden.
		{"SmallGroupsMakeK", []group{{store.RoleNurse, 2, 2}, {store.RolePharmacist, 3, 3}, {store.RoleGP, 6, 6}, {store.RoleConsultant, 7, 7}},
			"consultant:N=7,N=7 gp:N=6,N=6 nurse:" + few + "," + few + " pharmacist:" + few + "," + few},
		// The tester's case: two people gave no role, so overall minus GPs
		// minus consultants is their scores. Nothing singles them out, so
		// that identifies nobody and no named group is withheld for them.
		{"NoRoleAlone", []group{{"", 2, 2}, {store.RoleGP, 10, 10}, {store.RoleConsultant, 6, 6}},
			":" + few + "," + few + " consultant:N=6,N=6 gp:N=10,N=10"},
		// The published size: 34 GPs were withheld for 2 responses without
		// a role, and one more consultant's form moved it to them.
		{"NoRoleBesideLargeGroups", []group{{"", 2, 2}, {store.RoleGP, 34, 34}, {store.RoleConsultant, 35, 35}},
			":" + few + "," + few + " consultant:N=35,N=35 gp:N=34,N=34"},
		// A named small group hidden with them still needs cover while the
		// hidden responses are fewer than K between them (1 + 2 = 3) …
		{"NoRoleWithSmallNamedGroup", []group{{"", 2, 2}, {store.RoleNurse, 1, 1}, {store.RoleGP, 10, 10}, {store.RoleConsultant, 6, 6}},
			":" + few + "," + few + " consultant:" + hid + "," + hid + " gp:N=10,N=10 nurse:" + few + "," + few},
		// … and none once they are K (1 + 4 = 5).
		{"NoRoleCoversSmallNamedGroup", []group{{"", 4, 4}, {store.RoleNurse, 1, 1}, {store.RoleGP, 10, 10}, {store.RoleConsultant, 6, 6}},
			":" + few + "," + few + " consultant:N=6,N=6 gp:N=10,N=10 nurse:" + few + "," + few},
		// Cells: two of the six without a role answered question 2; that
		// cell is hidden, and nothing else for its sake.
		{"NoRoleCell", []group{{"", 6, 2}, {store.RoleGP, 10, 10}, {store.RoleConsultant, 8, 8}},
			":N=6," + few + " consultant:N=8,N=8 gp:N=10,N=10"},
		// Cells: 3 GPs answered question 2, so that cell is hidden, and
		// then the consultants' answers to it as well.
		{"CellK-1", []group{{store.RoleGP, 10, k - 1}, {store.RoleConsultant, 8, 8}},
			"consultant:N=8," + hid + " gp:N=10," + few},
		{"CellK", []group{{store.RoleGP, 10, k}, {store.RoleConsultant, 8, 8}},
			"consultant:N=8,N=8 gp:N=10,N=5"},
		{"CellK+1", []group{{store.RoleGP, 10, k + 1}, {store.RoleConsultant, 8, 8}},
			"consultant:N=8,N=8 gp:N=10,N=6"},
		// A suppressed group's answers count towards the hidden cells: one
		// nurse and a pharmacist answered question 2 with the pharmacists
		// too few to show; with 9 GPs of whom 2 answered it, the nurse and
		// pharmacists make 5 responses but only 1+1+2 = 4 answers to
		// question 2, so the consultants' cell goes too.
		{"CellWithSuppressedGroup", []group{{store.RoleNurse, 1, 1}, {store.RolePharmacist, 4, 1}, {store.RoleGP, 9, 2}, {store.RoleConsultant, 8, 8}},
			"consultant:N=8," + hid + " gp:N=9," + few + " nurse:" + few + "," + few + " pharmacist:" + few + "," + few},
		// Nobody answered question 2 at all: nothing to protect there.
		{"NoAnswers", []group{{store.RoleGP, 6, 0}, {store.RoleConsultant, 7, 0}},
			"consultant:N=7," + few + " gp:N=6," + few},
	} {
		t.Run(c.name, func(t *testing.T) {
			rs := responses(c.groups...)
			got := store.SummariseBy(qs, rs, byRole, k)
			if got, want := withheldText(got), c.want; got != want {
				t.Fatalf("breakdown\n got %s\nwant %s", got, want)
			}
			overall := store.Summarise(qs, rs)
			for _, b := range got {
				if b.Suppressed && b.N != 0 {
					t.Fatalf("suppressed group %q shows N=%d", b.Group, b.N)
				}
				for i, s := range b.Summaries {
					if s.Question.ID != qs[i].ID {
						t.Fatalf("Summaries[%d].Question = %d, want %d", i, s.Question.ID, qs[i].ID)
					}
					if b.Withheld(i) != "" && (s != store.QuestionSummary{Question: qs[i]}) {
						t.Fatalf("withheld cell carries figures: %+v", s)
					}
				}
			}
			// What subtraction from the overall figures reveals must be
			// nothing, the answers of at least k people, or only answers
			// of people who gave no role.
			noRole := responses(roleOnly(c.groups, "")...)
			for i := range qs {
				left := overall[i].N
				for _, b := range got {
					if b.Withheld(i) == "" {
						left -= b.Summaries[i].N
					}
				}
				named := left
				for _, b := range got {
					if b.Group == "" && b.Withheld(i) != "" {
						named -= store.Summarise(qs, noRole)[i].N
					}
				}
				if named > 0 && left < k {
					t.Fatalf("question %d: overall minus shown cells leaves %d answers", qs[i].ID, left)
				}
			}
			shown, named := len(rs), len(rs)-len(noRole)
			for _, b := range got {
				shown -= b.N
				if b.Group != "" {
					named -= b.N
				}
			}
			if named > 0 && shown < k {
				t.Fatalf("overall minus shown groups leaves %d responses", shown)
			}
		})
	}

	t.Run("Figures", func(t *testing.T) {
		// Scores 1..6 for question 1: mean 3.5.
		got := store.SummariseBy(qs, responses(group{store.RoleGP, 6, 6}), byRole, k)
		if got, want := got[0].Summaries[0].Mean, 3.5; !near(got, want, 1e-12) {
			t.Fatalf("Mean = %v, want %v", got, want)
		}
		if got, want := got[0].N, 6; got != want {
			t.Fatalf("N = %d, want %d", got, want)
		}
	})
	t.Run("Order", func(t *testing.T) {
		var names []string
		for _, b := range store.SummariseBy(qs, responses(group{store.RoleNurse, 1, 0}, group{store.RoleGP, 5, 0}, group{store.RoleConsultant, 5, 0}), byRole, k) {
			names = append(names, b.Group)
		}
		if got, want := fmt.Sprint(names), "[consultant gp nurse]"; got != want {
			t.Fatalf("groups = %s, want %s", got, want)
		}
	})
}

func TestSuppressedLabel(t *testing.T) {
	if got, want := store.SuppressedLabel(5), "fewer than 5"; got != want {
		t.Fatalf("SuppressedLabel(5) = %q, want %q", got, want)
	}
	if got, want := store.SuppressedLabel(10), "fewer than 10"; got != want {
		t.Fatalf("SuppressedLabel(10) = %q, want %q", got, want)
	}
}

func BenchmarkSummarise(b *testing.B) {
	qs := []store.Question{{ID: 1}, {ID: 2}, {ID: 3}, {ID: 4}}
	rs := make([]store.Response, 100000)
	for i := range rs {
		rs[i] = resp(map[int64]int{1: 1 + i%6, 2: 1 + i%5, 3: 1 + i%4, 4: 1 + i%3}, "")
	}
	for b.Loop() {
		store.Summarise(qs, rs)
	}
}

func TestQuestionFiguresJSON(t *testing.T) {
	for _, c := range []struct {
		name string
		q    store.QuestionFigures
		want string
	}{
		{"NoAnswers", store.QuestionFigures{Text: "Q", N: 0},
			`{"text":"Q","n":0,"mean":null,"counts":[0,0,0,0,0,0],"top2":null,"ci95":null}`},
		{"OneAnswer", store.QuestionFigures{Text: "Q", N: 1, Mean: 4, Counts: [6]int{0, 0, 0, 1}, CI95: [2]float64{4, 4}},
			`{"text":"Q","n":1,"mean":4,"counts":[0,0,0,1,0,0],"top2":0,"ci95":[4,4]}`},
	} {
		t.Run(c.name, func(t *testing.T) {
			b, err := json.Marshal(c.q)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := string(b), c.want; got != want {
				t.Fatalf("JSON = %s\nwant   %s", got, want)
			}
		})
	}
}

func TestSummariseByRole(t *testing.T) {
	const k = 5
	qs := []store.Question{{ID: 1}, {ID: 2}}
	got := store.SummariseByRole(qs, responses(group{"", 2, 2}, group{store.RoleGP, 34, 34}, group{store.RoleConsultant, 6, 6}), k)
	few := store.SuppressedLabel(k)
	if got, want := withheldText(got), "Consultant:N=6,N=6 GP:N=34,N=34 Role not given:"+few+","+few; got != want {
		t.Fatalf("breakdown\n got %s\nwant %s", got, want)
	}
}

func TestOverall(t *testing.T) {
	const k = 5
	qs := []store.Question{{ID: 1, Text: "Forum"}, {ID: 2, Text: "Useful"}, {ID: 3, Text: "Unanswered"}}
	for _, c := range []struct {
		name    string
		answers int // how many answered question 2; all 12 answer question 1
		want    string
	}{
		{"K-1", k - 1, "N=12," + store.SuppressedLabel(k) + ",N=0"},
		{"K", k, "N=12,N=5,N=0"},
		{"One", 1, "N=12," + store.SuppressedLabel(k) + ",N=0"},
		{"None", 0, "N=12,N=0,N=0"},
	} {
		t.Run(c.name, func(t *testing.T) {
			rs := responses(group{store.RoleGP, 12, c.answers})
			b := store.Overall(qs, store.TallyOf(rs), k)
			if got, want := withheldText([]store.Breakdown{b}), store.AllResponses+":"+c.want; got != want {
				t.Fatalf("overall = %s, want %s", got, want)
			}
			if b.N != 12 {
				t.Fatalf("N = %d, want the 12 responses", b.N)
			}
			for i, s := range b.Summaries {
				if b.Withheld(i) != "" && (s != store.QuestionSummary{Question: qs[i]}) {
					t.Fatalf("withheld question %d carries figures: %+v", i, s)
				}
			}
		})
	}
}

func TestWithheldBelow(t *testing.T) {
	for _, c := range []struct {
		n, k       int
		want, priv string
	}{
		{0, 5, "", "0"},
		{1, 5, "fewer than 5", "1 (not for sharing)"},
		{4, 5, "fewer than 5", "4 (not for sharing)"},
		{5, 5, "", "5"},
		{1, 0, "", "1"}, // a K below 1 is 1: nothing is too small
	} {
		if got := store.WithheldBelow(c.n, c.k); got != c.want {
			t.Errorf("WithheldBelow(%d, %d) = %q, want %q", c.n, c.k, got, c.want)
		}
		if got := store.PrivateCount(c.n, c.k); got != c.priv {
			t.Errorf("PrivateCount(%d, %d) = %q, want %q", c.n, c.k, got, c.priv)
		}
	}
}

// TestComplementaryLabelSaysWhy: every "withheld" carries its reason.
func TestComplementaryLabelSaysWhy(t *testing.T) {
	if !strings.Contains(store.ComplementaryLabel, "reveal") {
		t.Fatalf("ComplementaryLabel %q does not say why", store.ComplementaryLabel)
	}
}
