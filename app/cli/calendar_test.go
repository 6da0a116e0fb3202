package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/liaisonapp/liaison/store"
)

// TestExportCalendar writes a pair's visits as half days, UK time in UTC:
// a morning in summer time starts at 08:00Z, an afternoon in winter at
// 13:00Z, a typed start lasts four hours, and a visit with no session is
// an all-day entry saying the time is to be agreed.
func TestExportCalendar(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "liaison.db")
	r := seedRound(t, path, "R",
		person("Ada Ashdown", store.RoleGP, "Old Bank Surgery", "", ""),
		person("Ben Brook", store.RoleConsultant, "City General", "Renal", ""),
		person("Dev Dunmore", store.RoleGP, "Harbour View Surgery", "", ""),
		person("Cleo Carter", store.RoleConsultant, "City General", "Renal", ""),
	)
	db := openStore(t, path)
	ids := func(a, b string) (int64, int64) { return idOf(t, db, r.ID, a), idOf(t, db, r.ID, b) }
	p1 := store.Pairing{RoundID: r.ID}
	p1.PrimaryID, p1.SecondaryID = ids("ashdown", "brook")
	p1.Visits[0] = store.Visit{Date: "2026-06-02", Session: "morning"}
	p1.Visits[1] = store.Visit{Date: "2026-12-01", Session: "pm"}
	p2 := store.Pairing{RoundID: r.ID}
	p2.PrimaryID, p2.SecondaryID = ids("dunmore", "carter")
	p2.Visits[0] = store.Visit{Date: "2026-12-03", Session: "10:30"}
	p2.Visits[1] = store.Visit{Date: "2026-12-04"}
	for _, p := range []*store.Pairing{&p1, &p2} {
		if err := db.CreatePairing(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(dir, "round.ics")
	code, stdout, stderr := run(t, "export", "calendar", "--db", path, "--out", out)
	if code != 0 || !strings.Contains(stdout, "Wrote 4 visits") {
		t.Fatalf("export calendar exited %d: %s%s", code, stdout, stderr)
	}
	b, _ := os.ReadFile(out)
	cal := string(b)
	for _, want := range []string{
		"DTSTART:20260602T080000Z\r\nDTEND:20260602T120000Z\r\n", // 09:00–13:00 BST
		"DTSTART:20261201T130000Z\r\nDTEND:20261201T170000Z\r\n", // 13:00–17:00 GMT
		"DTSTART:20261203T103000Z\r\nDTEND:20261203T143000Z\r\n",
		"DTSTART;VALUE=DATE:20261204\r\n",
		"DESCRIPTION:Time: to be agreed",
	} {
		if !strings.Contains(cal, want) {
			t.Errorf("calendar lacks %q:\n%s", want, cal)
		}
	}

	one := filepath.Join(dir, "ada.ics")
	if code, _, stderr := run(t, "export", "calendar", "--db", path, "--out", one, "--person", "ada.ashdown@nhs.net"); code != 0 {
		t.Fatalf("--person exited %d: %s", code, stderr)
	}
	b, _ = os.ReadFile(one)
	if got := strings.Count(string(b), "BEGIN:VEVENT"); got != 2 {
		t.Fatalf("Ada's calendar has %d events, want her pair's 2", got)
	}
	if code, _, stderr := run(t, "export", "calendar", "--db", path, "--out", one, "--person", "Zed"); code != 1 || !strings.Contains(stderr, `Nobody called "Zed"`) {
		t.Fatalf("unknown person: exit %d, %s", code, stderr)
	}
}
