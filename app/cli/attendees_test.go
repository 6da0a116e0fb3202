package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestImportAndExportAttendees(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "liaison.db")
	if code, _, stderr := run(t, "demo", "--db", db); code != 0 {
		t.Fatal(stderr)
	}
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	t.Run("BadRowsWriteNothing", func(t *testing.T) {
		bad := write("bad.csv", "\ufeffFull name;Email address;Attending?;Arrived\r\nSeán Ó Súilleabháin;sean@nhs;yes;\r\n;x@nhs.net;maybe;14:00 sharp\r\n")
		code, _, stderr := run(t, "import", "attendees", bad, "--db", db)
		for _, want := range []string{`line 2, column "Email address": "sean@nhs"`, `line 3, column "Full name"`,
			`line 3, column "Attending?": "maybe"`, `line 3, column "Arrived": "14:00 sharp"`} {
			if !strings.Contains(stderr, want) {
				t.Errorf("stderr lacks %q:\n%s", want, stderr)
			}
		}
		if code != 1 {
			t.Fatalf("exit %d", code)
		}
	})
	// Windows-1252 from Excel, with a guest and a participant of the demo round.
	list := "Name,Email,Organisation,RSVP,Dietary requirements,Access needs,Checked in\r\n" +
		"Chief Exec\xe9,,City General (fictional),yes,vegetarian,,yes\r\n" +
		"Keynote Speaker,keynote@uni.example,University,accepted,Vegetarian,step-free access,2018-07-12 13:55\r\n"
	good := write("good.csv", list)
	code, stdout, stderr := run(t, "import", "attendees", good, "--db", db)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "2 new, 0 updated") {
		t.Fatalf("stdout %q", stdout)
	}
	if code, stdout, _ = run(t, "import", "attendees", good, "--db", db); code != 0 || !strings.Contains(stdout, "0 new, 2 updated") {
		t.Fatalf("a re-import is not an update: %q", stdout)
	}
	out := filepath.Join(dir, "attendees.csv")
	code, stdout, stderr = run(t, "export", "attendees", "--db", db, "--out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "vegetarian (dietary): 2") || !strings.Contains(stdout, "step-free access (access): 1") {
		t.Fatalf("catering counts missing:\n%s", stdout)
	}
	got := readFile(t, out)
	if !strings.HasPrefix(got, "\ufeffName,Email,Organisation,Role,RSVP,Checked in,Participant of the round\r\n") ||
		!strings.Contains(got, "Chief Execé,,City General (fictional),,accepted,2018-07-12 13:00,no") {
		t.Fatalf("export:\n%s", got)
	}
	if strings.Contains(strings.ToLower(got), "vegetarian") || strings.Contains(got, "step-free") {
		t.Fatalf("health data in the export:\n%s", got)
	}
	if code, _, stderr := run(t, "export", "agenda", "--db", db, "--out", filepath.Join(dir, "agenda.csv"), "--event", "No such"); code != 1 ||
		!strings.Contains(stderr, "Celebration and reflection event") {
		t.Fatalf("unknown event: exit %d, %s", code, stderr)
	}
	if code, _, stderr := run(t, "export", "agenda", "--db", db, "--out", filepath.Join(dir, "agenda.csv")); code != 0 {
		t.Fatal(stderr)
	}
	if got := readFile(t, filepath.Join(dir, "agenda.csv")); !strings.Contains(got, "14:00,45,Keynote: compassionate leadership") {
		t.Fatalf("agenda:\n%s", got)
	}
}
