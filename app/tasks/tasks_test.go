package tasks

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/liaisonapp/liaison/store"
	"github.com/liaisonapp/liaison/store/csvio"
	"github.com/liaisonapp/liaison/store/sqlite"
)

// TestFrontEndsDoNotKnowTheStoreIsSQLite keeps the layering honest: no
// package under app/ (the window, the command line, tasks, chartset)
// depends on store/sqlite or the SQLite driver; only main.go does.
func TestFrontEndsDoNotKnowTheStoreIsSQLite(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	out, err := exec.Command("go", "list", "-deps", "-tags", "migrated_fynedo", "github.com/liaisonapp/liaison/app/...").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, dep := range strings.Fields(string(out)) {
		if strings.HasSuffix(dep, "/store/sqlite") || strings.Contains(dep, "mattn/go-sqlite3") {
			t.Errorf("a package under app/ depends on %s", dep)
		}
	}
}

func openDB(t *testing.T) store.Service {
	t.Helper()
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "liaison.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestCheckOutPath(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "liaison.db")
	os.WriteFile(db, []byte("x"), 0o644)
	for _, bad := range []string{"", db, db + "-wal", db + "-shm", filepath.Join(dir, ".", "liaison.db"), dir} {
		if err := CheckOutPath(bad, db); err == nil {
			t.Errorf("CheckOutPath(%q) accepted it", bad)
		}
	}
	if err := CheckOutPath(filepath.Join(dir, "out.csv"), db); err != nil {
		t.Errorf("a new file was refused: %v", err)
	}
}

func TestExportsAreExcelSafe(t *testing.T) {
	var b bytes.Buffer
	ps := []store.Participant{{Name: "=HYPERLINK(\"x\")", Email: "a@nhs.net", Role: store.RoleGP, Organisation: "+Surgery", Wishes: []string{"Cardiology", "Renal"}}}
	if err := ExportParticipants(&b, ps); err != nil {
		t.Fatal(err)
	}
	want := "\ufeffName,Email,Role,Organisation,Specialty,Locality,Wished specialties,Places,Would like to be paired with\r\n" +
		"\"'=HYPERLINK(\"\"x\"\")\",a@nhs.net,GP,'+Surgery,,,Cardiology; Renal,1,\r\n"
	if got := b.String(); got != want {
		t.Fatalf("export:\n%q\nwant\n%q", got, want)
	}
	b.Reset()
	pair := store.Pairing{Primary: ps[0], Secondary: store.Participant{Name: "Ben", Role: store.RoleConsultant}, Reason: "-1 reason",
		Visits: [2]store.Visit{{Date: "2026-01-05", Status: store.VisitProposed}, {Status: store.VisitProposed}}}
	if err := ExportPairings(&b, []store.Pairing{pair}, time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	if got := b.String(); !strings.Contains(got, "proposed (overdue)") || !strings.Contains(got, ",'-1 reason,,,no,,,no\r\n") || strings.Contains(got, ",=") {
		t.Fatalf("pairings export:\n%s", got)
	}
}

func TestImportReflections(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	r := store.Round{Name: "R"}
	if err := db.CreateRound(ctx, &r); err != nil {
		t.Fatal(err)
	}
	tbl, err := csvio.Read(strings.NewReader("Name,Reflection\r\nAda,Very useful\r\nBen,Very useful\r\nCleo,Saw the ward round\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := ImportReflections(ctx, db, r.ID, tbl)
	if err != nil {
		t.Fatal(err)
	}
	if res.Added != 3 || res.Already != 0 || len(res.Ignored) != 1 {
		t.Fatalf("first import: %+v", res)
	}
	res, err = ImportReflections(ctx, db, r.ID, tbl)
	if err != nil || res.Added != 0 || res.Already != 3 {
		t.Fatalf("second import: %+v, %v", res, err)
	}
	if !strings.Contains(res.String(), `"Name"`) {
		t.Fatalf("message does not name the ignored column: %s", res)
	}
}

func TestProjectsRegister(t *testing.T) {
	letters := store.OutputLetterAction
	ps := []store.Project{
		{Title: "=Letters", Status: store.ProjectCompleted, Output: letters, Owner: "Orthopaedics", Group: "Letters",
			AdoptedBy: []string{"City General", "Harbour Trust"}, Saving: 6, SavingUnit: "hours per week", PairingID: 7,
			MeetingID: 4, Meeting: "Thu 5 Mar 2026 · Interface forum"},
		{Title: "Directory", Status: store.ProjectInProgress, Owner: "Liaison manager", Impact: "Fewer switchboard calls"},
	}
	t.Run("Filter", func(t *testing.T) {
		none := store.OutputNone
		for _, c := range []struct {
			f    ProjectFilter
			want int
		}{{ProjectFilter{}, 2}, {ProjectFilter{Search: "switchboard"}, 1}, {ProjectFilter{Search: "harbour"}, 1},
			{ProjectFilter{Status: store.ProjectCompleted}, 1}, {ProjectFilter{Output: &letters}, 1}, {ProjectFilter{Output: &none}, 1},
			{ProjectFilter{Owner: "liaison manager"}, 1}, {ProjectFilter{Group: "Letters", Status: store.ProjectIdea}, 0}} {
			if got := len(FilterProjects(ps, c.f)); got != c.want {
				t.Errorf("FilterProjects(%+v) = %d projects, want %d", c.f, got, c.want)
			}
		}
	})
	t.Run("Export", func(t *testing.T) {
		var b bytes.Buffer
		pairs := []store.Pairing{{ID: 7, Primary: store.Participant{Name: "Ada"}, Secondary: store.Participant{Name: "Ben"}}}
		if err := ExportProjects(&b, ps, pairs); err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(b.String(), "\r\n")
		if !strings.HasPrefix(lines[0], "\ufeffTitle,Status,Output,Adopted by,") || !strings.HasSuffix(lines[0], ",Prompted by theme,Forum meeting,Links") {
			t.Fatalf("header %q", lines[0])
		}
		if want := `'=Letters,completed,"""GP Action Required"" letter template",City General; Harbour Trust,Orthopaedics,Letters,,,,6,hours per week,,,Ada – Ben,,Thu 5 Mar 2026 · Interface forum,`; lines[1] != want {
			t.Fatalf("row\n%s\nwant\n%s", lines[1], want)
		}
		if !strings.HasPrefix(lines[2], "Directory,in progress,,,") || !strings.Contains(lines[2], "switchboard calls,,,") {
			t.Fatalf("a project with no estimate: %q", lines[2])
		}
	})
}

func TestEventCalendar(t *testing.T) {
	e := store.Event{ID: 3, Name: "Celebration", Date: "2018-07-12", Venue: "Conference Suite"}
	items := []store.AgendaItem{{Starts: "13:00", Minutes: 30, Title: "Arrival"}, {Starts: "16:15", Minutes: 15, Title: "Close", Speaker: "Organiser"}}
	ev, err := EventCalendar(e, items)
	if err != nil {
		t.Fatal(err)
	}
	if ev.AllDay || ev.Start.Format("2006-01-02 15:04") != "2018-07-12 13:00" || ev.End.Format("15:04") != "16:30" ||
		!strings.Contains(ev.Description, "16:15  Close (Organiser)") || ev.Location != "Conference Suite" {
		t.Fatalf("calendar entry %+v", ev)
	}
	if ev, _ := EventCalendar(e, nil); !ev.AllDay {
		t.Fatalf("an event with no times is not all day: %+v", ev)
	}
	if _, err := EventCalendar(store.Event{Name: "Forum"}, nil); store.ErrorCode(err) != store.EINVALID {
		t.Fatalf("no date: %v", err)
	}
}
