package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMatchPlacesAndRequests imports a sign-up sheet in which a consultant
// hosts two visitors and a GP names the consultant she would like, then
// matches and stores the pairs: the host is in two pairs, each with its own
// two visits, and the reasons say who was requested and why a request
// could not be met.
func TestMatchPlacesAndRequests(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "liaison.db")
	sheet := filepath.Join(dir, "signup.csv")
	csv := "Name,Email,Role,Organisation,Number of visitors,Would like to be paired with\r\n" +
		"Ben Brook,ben@nhs.net,Consultant,City General,2,\r\n" +
		"Cleo Carter,cleo@nhs.net,Consultant,Royal South Hants,,\r\n" +
		"Ada Ashdown,ada@nhs.net,GP,Old Bank Surgery,,Dr Ben Brook\r\n" +
		"Dev Dunmore,dev@nhs.net,GP,Harbour View Surgery,,\r\n" +
		"Eve East,eve@nhs.net,GP,City General,,ben@nhs.net\r\n"
	if err := os.WriteFile(sheet, []byte(csv), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := run(t, "import", "participants", sheet, "--db", path, "--round", "R"); code != 0 {
		t.Fatalf("import exited %d: %s", code, stderr)
	}
	code, stdout, stderr := run(t, "match", "--db", path, "--apply")
	if code != 0 {
		t.Fatalf("match exited %d: %s", code, stderr)
	}
	for _, want := range []string{
		"Ada Ashdown (GP, Old Bank Surgery) – Ben Brook (Consultant, City General): requested by Ada Ashdown",
		"Suggested pairs for \"R\": 3",
		"Eve East asked for Ben Brook, but both work at City General",
		"Stored 3 new pairs.",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	db := openStore(t, path)
	rs, _ := db.Rounds(context.Background())
	ps, err := db.FindPairings(context.Background(), rs[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	ben, visits := 0, map[int64]bool{}
	for _, p := range ps {
		if p.Secondary.Name == "Ben Brook" {
			ben++
		}
		visits[p.Visits[0].ID], visits[p.Visits[1].ID] = true, true
	}
	if ben != 2 || len(visits) != 2*len(ps) {
		t.Fatalf("Ben Brook is in %d stored pairs (want 2); %d visits for %d pairs", ben, len(visits), len(ps))
	}
}
