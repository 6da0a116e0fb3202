package cli

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/liaisonapp/liaison/app/tasks"
	"github.com/liaisonapp/liaison/store"
	"github.com/liaisonapp/liaison/store/sqlite"
)

// idOf is the ID of the one participant of the round that search finds.
func idOf(t *testing.T, db *sqlite.DB, roundID int64, search string) int64 {
	t.Helper()
	ps, err := db.FindParticipants(context.Background(), store.ParticipantFilter{RoundID: roundID, Search: search})
	if err != nil || len(ps) != 1 {
		t.Fatalf("finding %q: %v, %v", search, ps, err)
	}
	return ps[0].ID
}

// TestMatchKeepsStoredPairsOnTies checks that asking again for a matching
// does not reshuffle stored pairs that are as good as any other.
func TestMatchKeepsStoredPairsOnTies(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "liaison.db")
	r := seedRound(t, path, "R",
		person("Ada Ashdown", store.RoleGP, "Old Bank Surgery", "", ""),
		person("Dev Dunmore", store.RoleGP, "Harbour View Surgery", "", ""),
		person("Ben Brook", store.RoleConsultant, "City General", "Cardiology", ""),
		person("Cleo Carter", store.RoleConsultant, "City General", "Renal", ""),
	)
	db := openStore(t, path)
	for _, p := range [][2]string{{"ashdown", "carter"}, {"dunmore", "brook"}} {
		pair := store.Pairing{RoundID: r.ID, PrimaryID: idOf(t, db, r.ID, p[0]), SecondaryID: idOf(t, db, r.ID, p[1])}
		if err := db.CreatePairing(ctx, &pair); err != nil {
			t.Fatal(err)
		}
	}

	code, stdout, stderr := run(t, "match", "--db", path, "--round", "R")
	if code != 0 {
		t.Fatalf("match exited %d: %s", code, stderr)
	}
	for _, want := range []string{"[kept] Ada Ashdown (GP, Old Bank Surgery) – Cleo Carter", "[kept] Dev Dunmore (GP, Harbour View Surgery) – Ben Brook"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	if strings.Contains(stdout, "replaces") {
		t.Errorf("a tie replaced a stored pair:\n%s", stdout)
	}
}

// TestMatchReplaceKeepsPairsUnderWay runs `match --apply --replace` on the
// demo round, where most pairs have visits confirmed or done, and checks
// that every such pair is still stored with its visits afterwards.
func TestMatchReplaceKeepsPairsUnderWay(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "liaison.db")
	if code, _, stderr := run(t, "demo", "--db", path); code != 0 {
		t.Fatalf("demo exited %d: %s", code, stderr)
	}
	pairsUnderWay := func() map[[2]int64][2]store.Visit {
		t.Helper()
		db := openStore(t, path)
		rs, err := db.Rounds(ctx)
		if err != nil || len(rs) == 0 {
			t.Fatalf("rounds: %v, %v", rs, err)
		}
		out := map[[2]int64][2]store.Visit{}
		for _, r := range rs {
			ps, err := db.FindPairings(ctx, r.ID)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range ps {
				if tasks.UnderWay(p) {
					out[[2]int64{p.PrimaryID, p.SecondaryID}] = p.Visits
				}
			}
		}
		return out
	}
	before := pairsUnderWay()
	if len(before) == 0 {
		t.Fatal("the demo round has no pair under way; the test would prove nothing")
	}

	code, stdout, stderr := run(t, "match", "--db", path, "--apply", "--replace")
	if code != 0 {
		t.Fatalf("match exited %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, tasks.UnderWayReason) {
		t.Errorf("stdout does not say pairs were kept for %q:\n%s", tasks.UnderWayReason, stdout)
	}
	after := pairsUnderWay()
	for k, visits := range before {
		got, ok := after[k]
		if !ok {
			t.Errorf("pair %v with visits under way was broken up", k)
			continue
		}
		for i := range visits {
			if got[i].ID != visits[i].ID || got[i].Status != visits[i].Status {
				t.Errorf("pair %v visit %d: got %+v, want %+v", k, i, got[i], visits[i])
			}
		}
	}
}
