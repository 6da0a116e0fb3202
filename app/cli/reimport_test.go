package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReimportFeedback follows an organiser who downloads the same form's
// export again: once unchanged, once with an answer edited and a new
// question added. The responses are counted once; the edit and the new
// column update them.
func TestReimportFeedback(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "l.db")
	q1, q2 := "Did you find the scheme useful?", "How likely are you to take part again?"
	first := filepath.Join(dir, "first.csv")
	later := filepath.Join(dir, "later.csv")
	if err := os.WriteFile(first, []byte(fmt.Sprintf("ID,Role,%s,%s\n1,GP,5,6\n2,Consultant,4,4\n3,GP,6,5\n", q1, q2)), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(later, []byte(fmt.Sprintf("ID,Role,%s,%s,Would you recommend it?\n1,GP,5,6,6\n2,Consultant,2,4,5\n3,GP,6,5,\n4,Nurse,3,3,3\n", q1, q2)), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, step := range []struct{ file, want string }{
		{first, "3 added, 0 changed, 0 already there, 0 new questions added."},
		{first, "0 added, 0 changed, 3 already there, 0 new questions added."},
		// Responses 1 and 2 answer the new question (2 also changed an
		// answer); 3 left it blank, so it is as it was; 4 is new.
		{later, "1 added, 2 changed, 1 already there, 1 new question added."},
		{later, "0 added, 0 changed, 4 already there, 0 new questions added."},
	} {
		code, stdout, stderr := run(t, "import", "feedback", step.file, "--db", db, "--round", "R")
		if code != 0 || !strings.Contains(stdout, step.want) {
			t.Fatalf("import %s: exit %d, want %q in:\n%s%s", filepath.Base(step.file), code, step.want, stdout, stderr)
		}
	}
	_, stdout, _ := run(t, "report", "--db", db, "--round", "R", "--json")
	if !strings.Contains(stdout, `"responses": 4`) {
		t.Fatalf("report after re-imports:\n%s", stdout)
	}
}

// TestImportFeedbackRefusals checks the files refused before they are
// read: each leaves the database without the round the import named.
func TestImportFeedbackRefusals(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "l.db")
	var many strings.Builder
	many.WriteString("ID")
	for i := 0; i <= 100; i++ {
		fmt.Fprintf(&many, ",Question number %d", i)
	}
	many.WriteString("\n1" + strings.Repeat(",4", 101) + "\n")
	for _, c := range []struct{ name, text, want string }{
		{"LongLine", "ID,Did you find the scheme useful?,Comments\n1,5,ok\n2,4," + strings.Repeat("x", 2<<20) + "\n", "Line 3 is longer than 1 MB"},
		{"SameHeaderTwice", "ID,Extra question,Extra question\n1,4,5\n2,3,3\n3,6,1\n", "is the header of columns 2 and 3"},
		{"TooManyScoreColumns", many.String(), "101 score columns; Liaison takes at most 100"},
	} {
		t.Run(c.name, func(t *testing.T) {
			file := filepath.Join(dir, c.name+".csv")
			if err := os.WriteFile(file, []byte(c.text), 0o600); err != nil {
				t.Fatal(err)
			}
			code, _, stderr := run(t, "import", "feedback", file, "--db", db, "--round", c.name)
			if code != 1 || !strings.Contains(stderr, c.want) {
				t.Fatalf("exit %d, want %q in %s", code, c.want, stderr)
			}
			d := openDB(t, db)
			if rs, _ := d.Rounds(context.Background()); len(rs) != 0 {
				t.Fatalf("a refused import left %d rounds", len(rs))
			}
		})
	}
}
