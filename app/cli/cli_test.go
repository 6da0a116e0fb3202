package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// run runs the command line in args and returns its exit status, stdout and stderr.
func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	env := &Env{Ctx: context.Background(), Stdout: &out, Stderr: &errb,
		Now: func() time.Time { return time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC) }, open: testOpen, restore: testRestore, openRollup: testOpenRollup}
	code := env.run(args)
	return code, out.String(), errb.String()
}

func TestDemoReportsPublishedFigures(t *testing.T) {
	db := filepath.Join(t.TempDir(), "liaison.db")
	if code, _, stderr := run(t, "demo", "--db", db); code != 0 {
		t.Fatalf("demo exited %d: %s", code, stderr)
	}
	code, stdout, stderr := run(t, "report", "--db", db, "--json")
	if code != 0 {
		t.Fatalf("report exited %d: %s", code, stderr)
	}
	var r struct {
		Round              string         `json:"round"`
		Participants       int            `json:"participants"`
		ParticipantsByRole map[string]int `json:"participants_by_role"`
		Pairings           int            `json:"pairings"`
		Visits             struct{ Done, Planned int }
		Feedback           struct {
			Responses    int     `json:"responses"`
			ResponseRate float64 `json:"response_rate"`
			Denominator  string  `json:"denominator"`
			Questions    []struct {
				Text   string  `json:"text"`
				N      int     `json:"n"`
				Mean   float64 `json:"mean"`
				Counts [6]int  `json:"counts"`
			} `json:"questions"`
		} `json:"feedback"`
		Reflections int `json:"reflections"`
		Projects    struct{ Total, Completed int }
	}
	if err := json.Unmarshal([]byte(stdout), &r); err != nil {
		t.Fatalf("report --json is not one JSON object: %v\n%s", err, stdout)
	}
	if got, want := r.Feedback.Responses, 71; got != want {
		t.Fatalf("responses = %d, want %d", got, want)
	}
	published := []string{"5.25", "4.59", "4.83", "3.85"}
	if got, want := len(r.Feedback.Questions), len(published); got != want {
		t.Fatalf("%d questions, want %d", got, want)
	}
	for i, q := range r.Feedback.Questions {
		if got, want := fmt.Sprintf("%.2f", q.Mean), published[i]; got != want {
			t.Errorf("question %d (%s): mean %s, want %s", i+1, q.Text, got, want)
		}
		sum, n := 0, 0
		for s, c := range q.Counts {
			sum += (s + 1) * c
			n += c
		}
		if n != q.N || n != 71 {
			t.Errorf("question %d: counts add to %d, n = %d, want 71", i+1, n, q.N)
		}
		if mean := float64(sum) / float64(n); fmt.Sprintf("%.6f", mean) != fmt.Sprintf("%.6f", q.Mean) {
			t.Errorf("question %d: mean %f does not match its counts (%f)", i+1, q.Mean, mean)
		}
	}
	if r.Participants < 180 || r.Participants > 200 {
		t.Errorf("participants = %d, want about 190", r.Participants)
	}
	if gps, cons := r.ParticipantsByRole["GP"], r.ParticipantsByRole["Consultant"]; gps+cons < r.Participants*9/10 || gps < 80 || cons < 80 {
		t.Errorf("participants by role %v: want roughly half GPs, half consultants", r.ParticipantsByRole)
	}
	if r.Pairings < 59 {
		t.Errorf("pairings = %d, want at least 59", r.Pairings)
	}
	if r.Feedback.Denominator != "189 surveys sent" {
		t.Errorf("denominator %q does not say what the rate divides by", r.Feedback.Denominator)
	}
	if r.Reflections < 24 || r.Projects.Total == 0 || r.Projects.Completed == 0 {
		t.Errorf("reflections %d, projects %+v: want a few dozen reflections and some completed projects", r.Reflections, r.Projects)
	}
}

func TestDemoTwiceDuplicatesNothing(t *testing.T) {
	db := filepath.Join(t.TempDir(), "liaison.db")
	for i := 0; i < 2; i++ {
		if code, _, stderr := run(t, "demo", "--db", db); code != 0 {
			t.Fatalf("demo run %d exited %d: %s", i+1, code, stderr)
		}
	}
	_, stdout, _ := run(t, "report", "--db", db, "--json")
	var r struct {
		Participants int `json:"participants"`
		Pairings     int `json:"pairings"`
		Feedback     struct {
			Responses int `json:"responses"`
		} `json:"feedback"`
	}
	if err := json.Unmarshal([]byte(stdout), &r); err != nil {
		t.Fatal(err)
	}
	if r.Participants != 190 || r.Feedback.Responses != 71 || r.Pairings != 62 {
		t.Fatalf("after two demo runs: %+v, want 190 participants, 62 pairs, 71 responses", r)
	}
}

func TestReportRoundFlag(t *testing.T) {
	// report only reads: it never creates a round, so a typo is caught
	// rather than becoming an empty round and every later default.
	db := filepath.Join(t.TempDir(), "liaison.db")
	t.Run("EmptyDatabaseSaysSo", func(t *testing.T) {
		code, _, stderr := run(t, "report", "--db", db)
		if code != 1 || !strings.Contains(stderr, "no rounds yet") {
			t.Fatalf("exit %d: %s", code, stderr)
		}
	})
	t.Run("UnknownRoundListsTheRounds", func(t *testing.T) {
		if code, _, stderr := run(t, "demo", "--db", db); code != 0 {
			t.Fatal(stderr)
		}
		code, _, stderr := run(t, "report", "--db", db, "--round", "Wessex 2027", "--json")
		if code != 1 || !strings.Contains(stderr, `There is no round called "Wessex 2027". The rounds are: "Demo round`) {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		if code, _, stderr := run(t, "match", "--db", db, "--round", "Wessex 2027"); code != 1 || !strings.Contains(stderr, "no round called") {
			t.Fatalf("match without --apply: exit %d: %s", code, stderr)
		}
	})
	t.Run("ImportingCreatesTheNamedRound", func(t *testing.T) {
		file := filepath.Join("testdata", "feedback", "reflections.csv")
		if code, _, stderr := run(t, "import", "reflections", file, "--db", db, "--round", "Wessex 2027"); code != 0 {
			t.Fatal(stderr)
		}
		code, stdout, stderr := run(t, "report", "--db", db, "--round", "wessex 2027", "--json")
		if code != 0 || !strings.Contains(stdout, `"round": "Wessex 2027"`) {
			t.Fatalf("exit %d: %s%s", code, stdout, stderr)
		}
	})
	t.Run("MostRecentRoundByDefault", func(t *testing.T) {
		_, stdout, _ := run(t, "report", "--db", db, "--json")
		if !strings.Contains(stdout, `"round": "Wessex 2027"`) {
			t.Fatalf("report without --round did not use the most recent round:\n%s", stdout)
		}
	})
}

func TestErrors(t *testing.T) {
	dir := t.TempDir()
	t.Run("UnknownCommand", func(t *testing.T) {
		code, _, stderr := run(t, "frobnicate")
		if code != 2 || !strings.Contains(stderr, "unknown command") {
			t.Fatalf("exit %d, stderr %q", code, stderr)
		}
	})
	t.Run("BadFlag", func(t *testing.T) {
		code, _, stderr := run(t, "report", "--db", filepath.Join(dir, "a.db"), "--nope")
		if code != 2 || !strings.Contains(stderr, "nope") {
			t.Fatalf("exit %d, stderr %q", code, stderr)
		}
	})
	t.Run("NotADatabase", func(t *testing.T) {
		path := filepath.Join(dir, "notes.txt")
		if err := os.WriteFile(path, []byte("shopping list"), 0o600); err != nil {
			t.Fatal(err)
		}
		code, stdout, stderr := run(t, "report", "--db", path)
		if code != 1 || !strings.Contains(stderr, "not a Liaison database") || stdout != "" {
			t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
		}
		if b, _ := os.ReadFile(path); string(b) != "shopping list" {
			t.Fatalf("the file was changed: %q", b)
		}
	})
}

func TestIsCommand(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want bool
	}{
		{nil, false},
		{[]string{"--db", "x.db"}, false},
		{[]string{"report"}, true},
		{[]string{"demo", "--db", "x"}, true},
		{[]string{"help"}, true},
		{[]string{"reprot", "--db", "x"}, true},
		{[]string{"--demo"}, false},
	} {
		if got := IsCommand(tt.args); got != tt.want {
			t.Errorf("IsCommand(%q) = %v, want %v", tt.args, got, tt.want)
		}
	}
}
