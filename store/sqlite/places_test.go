package sqlite_test

import (
	"context"
	"strings"
	"testing"

	"github.com/liaisonapp/liaison/store"
)

// TestPlaces checks that a host is in as many pairs as the places they
// offer, no more, each pair with its own two visits.
func TestPlaces(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	r := mustRound(t, db, "R")
	host := store.Participant{RoundID: r.ID, Name: "Ben Brook", Email: "ben@nhs.net", Role: store.RoleConsultant, Places: 2,
		Request: " Ada  Ashdown "}
	if err := db.CreateParticipant(ctx, &host); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.FindParticipants(ctx, store.ParticipantFilter{ID: host.ID}); got[0].Places != 2 || got[0].Request != "Ada Ashdown" {
		t.Fatalf("stored %+v, want 2 places and the request on one line", got[0])
	}
	a := mustParticipant(t, db, r.ID, "Ada Ashdown", "ada@nhs.net", store.RoleGP)
	b := mustParticipant(t, db, r.ID, "Bea Bell", "bea@nhs.net", store.RoleGP)
	c := mustParticipant(t, db, r.ID, "Cal Cole", "cal@nhs.net", store.RoleGP)
	pair := func(gp store.Participant) error {
		return db.CreatePairing(ctx, &store.Pairing{RoundID: r.ID, PrimaryID: gp.ID, SecondaryID: host.ID})
	}
	if err := pair(a); err != nil {
		t.Fatal(err)
	}
	if err := pair(b); err != nil {
		t.Fatalf("second place: %v", err)
	}
	if err := pair(c); store.ErrorCode(err) != store.ECONFLICT || !strings.Contains(store.ErrorMessage(err), "offers 2 places and is already in 2 pairs") {
		t.Fatalf("third pair for two places = %v, want a conflict naming the places", err)
	}
	ps, err := db.FindPairings(ctx, r.ID)
	if err != nil || len(ps) != 2 || ps[0].Visits[0].ID == ps[1].Visits[0].ID {
		t.Fatalf("pairs = %+v, %v; want two, each with its own visits", ps, err)
	}

	t.Run("SameTwiceRefused", func(t *testing.T) {
		host2 := store.Participant{RoundID: r.ID, Name: "Dee Dale", Role: store.RoleConsultant, Places: 3}
		gp2 := store.Participant{RoundID: r.ID, Name: "Eve East", Role: store.RoleGP, Places: 2}
		for _, p := range []*store.Participant{&host2, &gp2} {
			if err := db.CreateParticipant(ctx, p); err != nil {
				t.Fatal(err)
			}
		}
		if err := db.CreatePairing(ctx, &store.Pairing{RoundID: r.ID, PrimaryID: gp2.ID, SecondaryID: host2.ID}); err != nil {
			t.Fatal(err)
		}
		err := db.CreatePairing(ctx, &store.Pairing{RoundID: r.ID, PrimaryID: gp2.ID, SecondaryID: host2.ID})
		if store.ErrorCode(err) != store.ECONFLICT {
			t.Fatalf("the same two paired twice = %v, want a conflict", err)
		}
	})

	t.Run("FewerPlacesThanPairsRefused", func(t *testing.T) {
		h := host
		h.Places = 1
		err := db.UpdateParticipant(ctx, &h)
		if store.ErrorCode(err) != store.ECONFLICT || !strings.Contains(store.ErrorMessage(err), "Ben Brook is in 2 pairs but would offer 1 place") {
			t.Fatalf("UpdateParticipant to 1 place = %v", err)
		}
		_, _, err = db.UpsertParticipants(ctx, r.ID, []store.Participant{{Name: "Ben Brook", Email: "ben@nhs.net", Role: store.RoleConsultant, Places: 1}})
		if store.ErrorCode(err) != store.ECONFLICT {
			t.Fatalf("import lowering places = %v, want a conflict", err)
		}
		if got, _ := db.FindParticipants(ctx, store.ParticipantFilter{ID: host.ID}); got[0].Places != 2 {
			t.Fatalf("places = %d after refused changes, want 2", got[0].Places)
		}
	})

	t.Run("TooManyPlaces", func(t *testing.T) {
		p := store.Participant{RoundID: r.ID, Name: "Fay Ford", Role: store.RoleConsultant, Places: 12}
		if err := db.CreateParticipant(ctx, &p); store.ErrorCode(err) != store.EINVALID {
			t.Fatalf("12 places = %v, want invalid", err)
		}
	})
}

// TestVisitSession checks that a visit's half day is stored by both ways
// of saving visits, as ParseSession writes it, and a bad one refused.
func TestVisitSession(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	r := mustRound(t, db, "R")
	p := mustPair(t, db, r.ID, "gp@a.nhs.uk", "c@b.nhs.uk")
	v := p.Visits
	v[0].Session, v[1].Session = "PM", "9.30"
	if err := db.SaveVisits(ctx, p.ID, v); err != nil {
		t.Fatal(err)
	}
	ps, _ := db.FindPairings(ctx, r.ID)
	if got := ps[0].Visits; got[0].Session != store.SessionAfternoon || got[1].Session != "09:30" {
		t.Fatalf("sessions = %q, %q; want afternoon and 09:30", got[0].Session, got[1].Session)
	}
	one := ps[0].Visits[0]
	one.Session = "morning"
	if err := db.UpdateVisit(ctx, &one); err != nil {
		t.Fatal(err)
	}
	ps, _ = db.FindPairings(ctx, r.ID)
	if ps[0].Visits[0].Session != store.SessionMorning {
		t.Fatalf("UpdateVisit left the session %q", ps[0].Visits[0].Session)
	}
	one.Session = "teatime"
	if err := db.UpdateVisit(ctx, &one); store.ErrorCode(err) != store.EINVALID {
		t.Fatalf("a bad session = %v, want invalid", err)
	}
}

// TestEraseClearsRequestsNamingThem checks that erasing a person also
// clears other people's requests to be paired with them.
func TestEraseClearsRequestsNamingThem(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	r := mustRound(t, db, "R")
	ben := store.Participant{RoundID: r.ID, Name: "Ben Brook", Email: "ben@nhs.net", Role: store.RoleConsultant}
	byName := store.Participant{RoundID: r.ID, Name: "Ada Ashdown", Role: store.RoleGP, Request: "Dr Ben Brook"}
	byEmail := store.Participant{RoundID: r.ID, Name: "Cal Cole", Role: store.RoleGP, Request: "BEN@nhs.net"}
	other := store.Participant{RoundID: r.ID, Name: "Dev Dunmore", Role: store.RoleGP, Request: "Cleo Carter"}
	for _, p := range []*store.Participant{&ben, &byName, &byEmail, &other} {
		if err := db.CreateParticipant(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.ErasePerson(ctx, "ben@nhs.net", 0); err != nil {
		t.Fatal(err)
	}
	ps, _ := db.FindParticipants(ctx, store.ParticipantFilter{RoundID: r.ID})
	for _, p := range ps {
		want := ""
		if p.Name == "Dev Dunmore" {
			want = "Cleo Carter"
		}
		if p.Request != want {
			t.Errorf("%s's request = %q after Ben was erased, want %q", p.Name, p.Request, want)
		}
	}
}
