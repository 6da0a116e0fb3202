package cli

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

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
