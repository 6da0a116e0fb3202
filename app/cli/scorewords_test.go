package cli

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// labelled rewrites the Microsoft Forms test export with its scores as
// labels, as forms tools write them when asked for answer text.
func labelled(t *testing.T, ambiguous bool) string {
	t.Helper()
	raw := mustRead(t, filepath.Join("testdata", "feedback", "msforms-utf8-bom.csv"))
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(raw, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	words := map[string]string{"1": "1 (least likely)", "2": "2 - Unlikely", "3": "3", "4": "4 - Likely", "5": "5 – Very likely", "6": "Most likely"}
	for i, rec := range recs[1:] {
		for c := 7; c <= 10; c++ {
			if w, ok := words[rec[c]]; ok {
				rec[c] = w
			}
		}
		if ambiguous && i == 4 {
			rec[8] = "5 or 6"
		}
	}
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.WriteAll(recs)
	path := filepath.Join(t.TempDir(), "labels.csv")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func means(t *testing.T, db string) []float64 {
	t.Helper()
	code, out, stderr := run(t, "report", "--db", db, "--round", "S", "--json")
	if code != 0 {
		t.Fatalf("report: %s", stderr)
	}
	var r struct {
		Feedback struct {
			Questions []struct{ Mean float64 } `json:"questions"`
		} `json:"feedback"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	var m []float64
	for _, q := range r.Feedback.Questions {
		m = append(m, q.Mean)
	}
	return m
}

// TestImportScoresWrittenAsWords checks that an export written in labels
// imports exactly like the one written in digits, shows how it read the
// labels, and refuses an ambiguous label by line and column.
func TestImportScoresWrittenAsWords(t *testing.T) {
	dir := t.TempDir()
	digits, words := filepath.Join(dir, "d.db"), filepath.Join(dir, "w.db")
	if code, _, stderr := run(t, "import", "feedback", filepath.Join("testdata", "feedback", "msforms-utf8-bom.csv"), "--db", digits, "--round", "S"); code != 0 {
		t.Fatalf("digits: %s", stderr)
	}
	code, out, stderr := run(t, "import", "feedback", labelled(t, false), "--db", words, "--round", "S")
	if code != 0 {
		t.Fatalf("labels: exit %d: %s", code, stderr)
	}
	for _, want := range []string{"Scores written as words, read as:", `"1 (least likely)" = 1`, `"Most likely" = 6`, `"5 – Very likely" = 5`} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if d, w := means(t, digits), means(t, words); len(d) == 0 || fmtFloats(d) != fmtFloats(w) {
		t.Errorf("means from labels %v, from digits %v", w, d)
	}

	bad := filepath.Join(dir, "b.db")
	code, _, stderr = run(t, "import", "feedback", labelled(t, true), "--db", bad, "--round", "S")
	if code != 1 || !strings.Contains(stderr, `line 6`) || !strings.Contains(stderr, `"5 or 6" is a label Liaison cannot read as one score`) {
		t.Fatalf("ambiguous label: exit %d, %s", code, stderr)
	}
}

func fmtFloats(fs []float64) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString(strings.TrimRight(strings.TrimRight(strconv.FormatFloat(f, 'f', 6, 64), "0"), ".") + " ")
	}
	return b.String()
}
