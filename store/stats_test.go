package store_test

import (
	"encoding/json"
	"fmt"
	"math"
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

func TestSummariseBy(t *testing.T) {
	const k = 5
	qs := []store.Question{{ID: 1}, {ID: 2}}
	var rs []store.Response
	add := func(role store.Role, n int) {
		for i := range n {
			rs = append(rs, resp(map[int64]int{1: 1 + i%6}, role))
		}
	}
	add(store.RoleNurse, k-1)      // 4: suppressed
	add(store.RoleGP, k)           // 5: shown
	add(store.RoleConsultant, k+1) // 6: shown
	byRole := func(r store.Response) string { return string(r.Role) }

	got := store.SummariseBy(qs, rs, byRole, k)
	if len(got) != 3 {
		t.Fatalf("got %d groups, want 3", len(got))
	}
	for _, tt := range []struct {
		name       string
		group      string
		n          int
		suppressed bool
	}{
		{"K-1", "nurse", 0, true},
		{"K", "gp", k, false},
		{"K+1", "consultant", k + 1, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var b *store.Breakdown
			for i := range got {
				if got[i].Group == tt.group {
					b = &got[i]
				}
			}
			if b == nil {
				t.Fatalf("no group %q in %+v", tt.group, got)
			}
			if got, want := b.Suppressed, tt.suppressed; got != want {
				t.Fatalf("Suppressed = %v, want %v", got, want)
			}
			if got, want := b.N, tt.n; got != want {
				t.Fatalf("N = %d, want %d", got, want)
			}
			if got, want := len(b.Summaries), len(qs); got != want {
				t.Fatalf("len(Summaries) = %d, want %d", got, want)
			}
			for i, s := range b.Summaries {
				if s.Question.ID != qs[i].ID {
					t.Fatalf("Summaries[%d].Question = %d, want %d", i, s.Question.ID, qs[i].ID)
				}
				if tt.suppressed {
					if (s != store.QuestionSummary{Question: qs[i]}) {
						t.Fatalf("suppressed group carries figures: %+v", s)
					}
				}
			}
			if !tt.suppressed {
				// Scores 1..n for question 1: mean (1+…+n)/n = (n+1)/2 for n ≤ 6.
				if got, want := b.Summaries[0].Mean, float64(tt.n+1)/2; !near(got, want, 1e-12) {
					t.Fatalf("Mean = %v, want %v", got, want)
				}
				if got, want := b.Summaries[0].N, tt.n; got != want {
					t.Fatalf("Summaries[0].N = %d, want %d", got, want)
				}
			}
		})
	}
	t.Run("Order", func(t *testing.T) {
		var names []string
		for _, b := range got {
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
