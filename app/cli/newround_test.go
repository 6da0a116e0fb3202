package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/liaisonapp/liaison/app/tasks"
	"github.com/liaisonapp/liaison/store"
)

// TestNewRound starts a round from another with the people a file says
// will continue, and checks the questions and matching options come along
// and last round's partners are not paired again.
func TestNewRound(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "liaison.db")
	r := seedRound(t, path, "2017",
		person("Ada Ashdown", store.RoleGP, "Old Bank Surgery", "", ""),
		person("Ben Brook", store.RoleConsultant, "City General", "Renal", ""),
		person("Cleo Carter", store.RoleConsultant, "Royal South Hants", "Cardiology", ""),
		person("Dev Dunmore", store.RoleGP, "Harbour View Surgery", "", ""),
	)
	db := openStore(t, path)
	if err := db.CreateQuestion(ctx, &store.Question{RoundID: r.ID, Position: 5, Text: "Would you host a visitor?"}); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := run(t, "match", "--db", path, "--weight", "wish=7", "--apply"); code != 0 {
		t.Fatalf("match exited %d: %s", code, stderr)
	}
	before, _ := db.FindPairings(ctx, r.ID)
	partner := map[string]string{}
	for _, p := range before {
		partner[p.Primary.Name] = p.Secondary.Name
	}

	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("Email,Will you continue?\r\nada.ashdown@nhs.net,Yes\r\nzed@nhs.net,yes\r\n"), 0o600)
	code, _, stderr := run(t, "new-round", "2018", "--db", path, "--from", "2017", "--continuing", bad)
	if code != 1 || !strings.Contains(stderr, `line 3: "zed@nhs.net" is not a participant of the round`) {
		t.Fatalf("bad file: exit %d, %s", code, stderr)
	}
	if _, err := db.RoundByName(ctx, "2018"); store.ErrorCode(err) != store.ENOTFOUND {
		t.Fatalf("a refused new round was created: %v", err)
	}

	good := filepath.Join(dir, "continuing.csv")
	os.WriteFile(good, []byte("Email,Will you continue?\r\nada.ashdown@nhs.net,Yes\r\nben.brook@nhs.net,Yes\r\n"+
		"cleo.carter@nhs.net,Yes\r\ndev.dunmore@nhs.net,No\r\n"), 0o600)
	code, stdout, stderr := run(t, "new-round", "2018", "--db", path, "--from", "2017", "--continuing", good)
	if code != 0 || !strings.Contains(stdout, `Created "2018" from "2017": 3 participants carried over, 5 survey questions`) {
		t.Fatalf("new-round exited %d: %s%s", code, stdout, stderr)
	}
	nr, err := db.RoundByName(ctx, "2018")
	if err != nil {
		t.Fatal(err)
	}
	qs, _ := db.Questions(ctx, nr.ID)
	if len(qs) != 5 || qs[4].Text != "Would you host a visitor?" {
		t.Fatalf("questions = %+v, want the old round's five", qs)
	}
	opt, err := tasks.LoadMatchOptions(ctx, db, nr.ID)
	if err != nil || opt.WishWeight != 7 {
		t.Fatalf("options = %+v, %v; want the old round's wish=7", opt, err)
	}
	code, stdout, _ = run(t, "match", "--db", path, "--round", "2018")
	if code != 0 {
		t.Fatalf("match exited %d", code)
	}
	want := "Ada Ashdown (GP, Old Bank Surgery) – " + partner["Ada Ashdown"]
	if strings.Contains(stdout, want) {
		t.Fatalf("Ada is paired with last round's partner again:\n%s", stdout)
	}
	if !strings.Contains(stdout, "Suggested pairs for \"2018\": 1") {
		t.Fatalf("want Ada paired with the consultant she has not met:\n%s", stdout)
	}
}
