package cli

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/liaisonapp/liaison/store"
)

// TestReportToDate has two rounds that share a person and checks that
// report --json adds the rounds up in to_date, counting the person once.
func TestReportToDate(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "liaison.db")
	ada := person("Ada Ashdown", store.RoleGP, "Old Bank Surgery", "", "")
	r1 := seedRound(t, path, "2017", ada, person("Ben Brook", store.RoleConsultant, "City General", "Renal", ""))
	r2 := seedRound(t, path, "2018", ada, person("Cleo Carter", store.RoleConsultant, "City General", "Renal", ""),
		person("Dev Dunmore", store.RoleGP, "Harbour View Surgery", "", ""))
	db := openStore(t, path)
	for _, r := range []store.Round{r1, r2} {
		people, _ := db.FindParticipants(ctx, store.ParticipantFilter{RoundID: r.ID})
		var gp, cons int64
		for _, p := range people {
			if p.Name == "Ada Ashdown" {
				gp = p.ID
			} else if p.Role == store.RoleConsultant {
				cons = p.ID
			}
		}
		pair := store.Pairing{RoundID: r.ID, PrimaryID: gp, SecondaryID: cons}
		pair.Visits[0].Status = store.VisitDone
		if err := db.CreatePairing(ctx, &pair); err != nil {
			t.Fatal(err)
		}
	}
	if _, _, err := db.AddResponses(ctx, r2.ID, []store.Response{{Key: "a", Scores: map[int64]int{}}}); err != nil {
		t.Fatal(err)
	}
	if err := db.CreateProject(ctx, &store.Project{RoundID: r1.ID, Title: "Letters", Status: store.ProjectCompleted}); err != nil {
		t.Fatal(err)
	}

	code, stdout, stderr := run(t, "report", "--db", path, "--round", "2018", "--json")
	if code != 0 {
		t.Fatalf("report exited %d: %s", code, stderr)
	}
	var got struct {
		Round  string `json:"round"`
		ToDate struct {
			Participants      int `json:"participants"`
			Pairs             int `json:"pairs"`
			VisitsDone        int `json:"visits_done"`
			Responses         int `json:"responses"`
			ProjectsCompleted int `json:"projects_completed"`
			ByRound           []struct {
				Round string `json:"round"`
			} `json:"by_round"`
		} `json:"to_date"`
	}
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("report --json: %v\n%s", err, stdout)
	}
	td := got.ToDate
	if got.Round != "2018" || td.Participants != 4 || td.Pairs != 2 || td.VisitsDone != 2 || td.Responses != 1 || td.ProjectsCompleted != 1 {
		t.Fatalf("to_date = %+v (round %q); want 4 people (Ada once), 2 pairs, 2 visits done, 1 response, 1 project", td, got.Round)
	}
	if len(td.ByRound) != 2 || td.ByRound[0].Round != "2017" {
		t.Fatalf("by_round = %+v, want 2017 then 2018", td.ByRound)
	}

	code, stdout, _ = run(t, "report", "--db", path)
	if code != 0 || !strings.Contains(stdout, "To date, across 2 rounds: 4 people (each counted once), 2 pairs, 2 visits done, 1 feedback response, 1 project completed") {
		t.Fatalf("report exited %d:\n%s", code, stdout)
	}
}
