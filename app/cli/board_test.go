package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/liaisonapp/liaison/pdfdoc/pdftest"
)

func demoDB(t *testing.T) (dir, db string) {
	t.Helper()
	dir = t.TempDir()
	db = filepath.Join(dir, "l.db")
	if code, _, errs := run(t, "demo", "--db", db); code != 0 {
		t.Fatalf("demo: exit %d: %s", code, errs)
	}
	return dir, db
}

func TestExportBoard(t *testing.T) {
	dir, db := demoDB(t)
	out := filepath.Join(dir, "board")
	code, stdout, stderr := run(t, "export", "board", "--db", db, "--out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "Nobody is named") {
		t.Errorf("stdout does not say the pack names nobody:\n%s", stdout)
	}
	pdf, err := os.ReadFile(filepath.Join(out, "summary.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	if n := pdftest.Pages(t, pdf); n < 1 || n > 3 {
		t.Errorf("summary.pdf has %d pages, want 1 to 3", n)
	}
	for _, name := range []string{"feedback-per-question.csv", "feedback-by-role.csv", "participation.csv", "pairs-and-visits.csv",
		"improvement-projects.csv", "approved-quotes.csv", "event-attendance.csv", "headline-figures.csv",
		"charts-feedback-means.png", "charts-feedback-means.svg", "charts-participants-by-role.svg"} {
		if _, err := os.Stat(filepath.Join(out, name)); err != nil {
			t.Errorf("the pack lacks %s", name)
		}
	}
	pairs, _ := os.ReadFile(filepath.Join(out, "pairs-and-visits.csv"))
	if bytes.Contains(pairs, []byte("Dr ")) || bytes.Contains(pairs, []byte("Surgery")) {
		t.Errorf("pairs-and-visits.csv names people without --include-names:\n%s", pairs[:min(len(pairs), 400)])
	}
	text := strings.Join(strings.Fields(pdftest.Text(t, pdf)), " ")
	for _, want := range []string{"Demo round 2017–18 (fictional)", "71 of 189 surveys sent = 37.6%", "5.25", "4.59", "4.83", "3.85",
		"59 of 62 pairs = 95.2%", "fewer than 5"} {
		if !strings.Contains(text, want) {
			t.Errorf("summary.pdf lacks %q", want)
		}
	}

	t.Run("AgainReplacesThePack", func(t *testing.T) {
		if code, _, stderr := run(t, "export", "board", "--db", db, "--out", out, "--include-names"); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		pairs, _ := os.ReadFile(filepath.Join(out, "pairs-and-visits.csv"))
		if !bytes.Contains(pairs, []byte("Dr ")) {
			t.Error("--include-names did not name the pairs")
		}
	})
	t.Run("ErrFolderWithOtherFiles", func(t *testing.T) {
		other := filepath.Join(dir, "docs")
		os.MkdirAll(other, 0o755)
		os.WriteFile(filepath.Join(other, "minutes.docx"), []byte("x"), 0o644)
		code, _, stderr := run(t, "export", "board", "--db", db, "--out", other)
		if code != 1 || !strings.Contains(stderr, "not an earlier Liaison board pack") {
			t.Fatalf("exit %d, stderr %q", code, stderr)
		}
		if es, _ := os.ReadDir(other); len(es) != 1 {
			t.Errorf("the refused folder now holds %d entries", len(es))
		}
	})
	t.Run("ErrNoOut", func(t *testing.T) {
		if code, _, stderr := run(t, "export", "board", "--db", db); code != 2 || !strings.Contains(stderr, "--out") {
			t.Fatalf("exit %d, stderr %q", code, stderr)
		}
	})
}

func TestExportAppraisal(t *testing.T) {
	dir, db := demoDB(t)
	out := filepath.Join(dir, "appraisal")
	code, stdout, stderr := run(t, "export", "appraisal", "--db", db, "--out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	// The demo's 59 completed pairs: 118 people.
	if !strings.Contains(stdout, "Wrote 118 appraisal pages") {
		t.Errorf("stdout:\n%.300s", stdout)
	}
	es, _ := os.ReadDir(out)
	pdfs := 0
	for _, e := range es {
		if strings.HasSuffix(e.Name(), " - appraisal evidence.pdf") {
			pdfs++
		}
	}
	if pdfs != 118 {
		t.Errorf("%d PDFs, want 118", pdfs)
	}

	t.Run("OneByEmailWithOrganiser", func(t *testing.T) {
		one := filepath.Join(dir, "one")
		code, _, stderr := run(t, "export", "appraisal", "--db", db, "--out", one, "--email", "nobody@demo.example")
		if code != 1 || !strings.Contains(stderr, "nobody@demo.example") {
			t.Fatalf("unknown email: exit %d, stderr %q", code, stderr)
		}
		code, stdout, stderr := run(t, "set", "organiser", "--db", db, "--organiser", "Dr Siobhán Ní Bhriain", "--contact", "siobhan@example.org")
		if code != 0 || !strings.Contains(stdout, "Dr Siobhán Ní Bhriain, siobhan@example.org") {
			t.Fatalf("set organiser: exit %d, %q %q", code, stdout, stderr)
		}
		code, stdout, stderr = run(t, "export", "appraisal", "--db", db, "--out", one, "--email", "otto.coldharbour@demo.example")
		if code != 0 || !strings.Contains(stdout, "Wrote 1 appraisal page") {
			t.Fatalf("exit %d: %q %s", code, stdout, stderr)
		}
		pdf := mustRead(t, filepath.Join(one, "Dr Otto Coldharbour - appraisal evidence.pdf"))
		if n := pdftest.Pages(t, pdf); n != 1 {
			t.Errorf("%d pages, want 1", n)
		}
		text := strings.Join(strings.Fields(pdftest.Text(t, pdf)), " ")
		for _, want := range []string{"Dr Otto Coldharbour", "Dr Siobhán Ní Bhriain", "siobhan@example.org", "71 of 189 surveys sent = 37.6%"} {
			if !strings.Contains(text, want) {
				t.Errorf("the page lacks %q:\n%s", want, text)
			}
		}
	})
}

// A failed appraisal export stores nothing, not even the organiser given
// with it.
func TestExportAppraisalFailureStoresNothing(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "l.db")
	// A round with responses and nobody paired.
	if code, _, stderr := run(t, "import", "feedback", filepath.Join("testdata", "feedback", "good.csv"), "--db", db, "--round", "R"); code != 0 {
		t.Fatalf("import: %s", stderr)
	}
	code, _, stderr := run(t, "export", "appraisal", "--db", db, "--round", "R", "--out", filepath.Join(dir, "a"), "--organiser", "X Y", "--contact", "x@y")
	if code != 1 || !strings.Contains(stderr, "completed both visits") {
		t.Fatalf("exit %d, %q", code, stderr)
	}
	_, stdout, _ := run(t, "set", "organiser", "--db", db, "--round", "R", "--contact", "c@d")
	if !strings.Contains(stdout, "(not set), c@d") {
		t.Errorf("the failed export stored the organiser: %q", stdout)
	}
	if _, err := os.Stat(filepath.Join(dir, "a")); err == nil {
		t.Error("the failed export created its folder")
	}
}

func TestSetRate(t *testing.T) {
	_, db := demoDB(t)
	code, stdout, stderr := run(t, "set", "rate", "--db", db, "--surveys-sent", "190")
	if code != 0 || !strings.Contains(stdout, "71 of 190 surveys sent = 37.4%") {
		t.Fatalf("exit %d, %q %q", code, stdout, stderr)
	}
	code, stdout, _ = run(t, "set", "rate", "--db", db, "--base", "completed", "--k", "3")
	if code != 0 || !strings.Contains(stdout, "71 of 118 participants who completed both visits = 60.2%") || !strings.Contains(stdout, "K: 3") {
		t.Fatalf("exit %d, %q", code, stdout)
	}
	code, stdout, _ = run(t, "report", "--db", db)
	if code != 0 || !strings.Contains(stdout, "71 of 118 participants who completed both visits = 60.2%") {
		t.Fatalf("report after set rate: %q", stdout)
	}
	if code, _, stderr := run(t, "set", "rate", "--db", db, "--k", "0"); code != 1 || !strings.Contains(stderr, "K must be") {
		t.Fatalf("K 0: exit %d, %q", code, stderr)
	}
	if code, _, stderr := run(t, "set", "rate", "--db", db); code != 2 {
		t.Fatalf("no flags: exit %d, %q", code, stderr)
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestExportComments(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "l.db")
	csv := filepath.Join(dir, "in.csv")
	os.WriteFile(csv, []byte("ID,Your role,Did you find the scheme useful?,Any other comments?\r\n"+
		"1,GP,5,Loved it\r\n2,Consultant,4,\r\n3,GP,6,=cmd|' /C calc'!A0\r\n"), 0o644)
	if code, _, stderr := run(t, "import", "feedback", csv, "--db", db, "--round", "R"); code != 0 {
		t.Fatalf("import: exit %d: %s", code, stderr)
	}
	out := filepath.Join(dir, "comments.csv")
	code, stdout, stderr := run(t, "export", "comments", "--db", db, "--round", "R", "--out", out)
	if code != 0 || !strings.Contains(stdout, "Wrote 2 comments") {
		t.Fatalf("exit %d, %q %q", code, stdout, stderr)
	}
	b := string(mustRead(t, out))
	if !strings.Contains(b, "Loved it") || !strings.Contains(b, "'=cmd") {
		t.Errorf("comments.csv:\n%s", b)
	}
}
