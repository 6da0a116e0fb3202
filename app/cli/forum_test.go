package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/liaisonapp/liaison/store/demo"
)

// TestForumMeetingByDate selects the demo forum's meetings with --forum
// and --event DATE for the event commands, which otherwise work on the
// round's celebration event.
func TestForumMeetingByDate(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "liaison.db")
	if code, _, stderr := run(t, "demo", "--db", db); code != 0 {
		t.Fatal(stderr)
	}
	out := filepath.Join(dir, "agenda.csv")
	code, stdout, stderr := run(t, "export", "agenda", "--db", db, "--forum", strings.ToUpper(demo.ForumName), "--event", "4/10/2018", "--out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "4 agenda items") || !strings.Contains(stdout, "the meeting of Thu 4 Oct 2018") {
		t.Fatalf("stdout %q", stdout)
	}
	if got := readFile(t, out); !strings.Contains(got, "Live problem-solving") {
		t.Fatalf("the forum meeting's agenda was not written:\n%s", got)
	}
	list := filepath.Join(dir, "list.csv")
	if err := os.WriteFile(list, []byte("Name,Email,Checked in\r\nLMC secretary,lmc@example.org,yes\r\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr = run(t, "import", "attendees", list, "--db", db, "--forum", demo.ForumName, "--event", "2018-11-01")
	if code != 0 || !strings.Contains(stdout, "Event: Thu 1 Nov 2018") || !strings.Contains(stdout, "1 new") || !strings.Contains(stdout, "participants of a round") {
		t.Fatalf("import into a forum meeting: exit %d, %q %q", code, stdout, stderr)
	}
	attendees := filepath.Join(dir, "attendees.csv")
	if code, _, stderr = run(t, "export", "attendees", "--db", db, "--forum", demo.ForumName, "--event", "01/11/2018", "--out", attendees); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if got := readFile(t, attendees); !strings.Contains(got, "LMC secretary") {
		t.Fatalf("the imported attendee is not on the meeting's list:\n%s", got)
	}
	// Without --forum the round's event is unchanged.
	code, stdout, _ = run(t, "export", "agenda", "--db", db, "--out", out)
	if code != 0 || !strings.Contains(stdout, "8 agenda items") {
		t.Fatalf("the round's event: exit %d, %q", code, stdout)
	}
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--forum", demo.ForumName, "--event", "05/10/2018"}, 1, "met or meets on 06/09/2018, 04/10/2018, 01/11/2018"},
		{[]string{"--forum", "No such forum"}, 1, `the forums are "` + demo.ForumName + `"`},
		{[]string{"--forum", demo.ForumName, "--round", demo.RoundName}, 2, "give --forum or --round, not both"},
	} {
		bad := filepath.Join(dir, "bad.pdf")
		code, _, stderr := run(t, append([]string{"export", "signin", "--db", db, "--out", bad}, c.args...)...)
		if code != c.code || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", c.args, code, stderr, c.code, c.want)
		}
		if _, err := os.Stat(bad); err == nil {
			t.Errorf("%v wrote %s", c.args, bad)
		}
	}
	if code, stdout, _ := run(t, "help", "export", "badges"); code != 0 || !strings.Contains(stdout, "--forum") || !strings.Contains(stdout, "A forum meeting belongs to no round") {
		t.Fatalf("help does not explain --forum:\n%s", stdout)
	}
}
