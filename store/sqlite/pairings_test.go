package sqlite_test

import (
	"context"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/liaisonapp/liaison/store"
)

func TestCreatePairing(t *testing.T) {
	ctx := context.Background()

	t.Run("OK", func(t *testing.T) {
		db := MustOpenDB(t)
		r := mustRound(t, db, "R")
		gp := mustParticipant(t, db, r.ID, "Gail GP", "gail@example.org", store.RoleGP)
		cons := mustParticipant(t, db, r.ID, "Colin Consultant", "colin@example.org", store.RoleConsultant)
		p := store.Pairing{RoundID: r.ID, PrimaryID: gp.ID, SecondaryID: cons.ID, Locked: true, Reason: " wished for geriatrics "}
		p.Visits[1] = store.Visit{Date: "2018-03-01", Status: store.VisitConfirmed}
		if err := db.CreatePairing(ctx, &p); err != nil {
			t.Fatal(err)
		}
		ps, err := db.FindPairings(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(ps) != 1 {
			t.Fatalf("%d pairings, want 1", len(ps))
		}
		got := ps[0]
		if got.ID != p.ID || got.PrimaryID != gp.ID || got.SecondaryID != cons.ID || !got.Locked || got.Reason != "wished for geriatrics" {
			t.Fatalf("pairing = %+v", got)
		}
		if got.Primary.Name != "Gail GP" || got.Secondary.Name != "Colin Consultant" {
			t.Fatalf("people = %q and %q", got.Primary.Name, got.Secondary.Name)
		}
		want := [2]store.Visit{
			{ID: p.Visits[0].ID, PairingID: p.ID, Host: store.SidePrimary, Status: store.VisitProposed},
			{ID: p.Visits[1].ID, PairingID: p.ID, Host: store.SideSecondary, Date: "2018-03-01", Status: store.VisitConfirmed},
		}
		if got.Visits != want {
			t.Fatalf("visits = %+v, want %+v", got.Visits, want)
		}
	})

	t.Run("Errors", func(t *testing.T) {
		db := MustOpenDB(t)
		r, other := mustRound(t, db, "R"), mustRound(t, db, "Other")
		gp := mustParticipant(t, db, r.ID, "GP", "gp@example.org", store.RoleGP)
		cons := mustParticipant(t, db, r.ID, "Cons", "cons@example.org", store.RoleConsultant)
		gp2 := mustParticipant(t, db, r.ID, "GP2", "gp2@example.org", store.RoleGP)
		elsewhere := mustParticipant(t, db, other.ID, "Elsewhere", "else@example.org", store.RoleConsultant)
		paired := mustPair(t, db, r.ID, "pgp@example.org", "pcons@example.org")

		for _, tt := range []struct {
			name string
			p    store.Pairing
			code string
		}{
			{"OnlyOnePerson", store.Pairing{RoundID: r.ID, PrimaryID: gp.ID}, store.EINVALID},
			{"WithThemselves", store.Pairing{RoundID: r.ID, PrimaryID: gp.ID, SecondaryID: gp.ID}, store.EINVALID},
			{"ParticipantOfAnotherRound", store.Pairing{RoundID: r.ID, PrimaryID: gp.ID, SecondaryID: elsewhere.ID}, store.EINVALID},
			{"MissingParticipant", store.Pairing{RoundID: r.ID, PrimaryID: gp.ID, SecondaryID: 9999}, store.EINVALID},
			{"AlreadyPaired", store.Pairing{RoundID: r.ID, PrimaryID: gp2.ID, SecondaryID: paired.SecondaryID}, store.ECONFLICT},
			{"BadVisitStatus", store.Pairing{RoundID: r.ID, PrimaryID: gp.ID, SecondaryID: cons.ID,
				Visits: [2]store.Visit{{Status: "postponed"}}}, store.EINVALID},
			{"BadVisitDate", store.Pairing{RoundID: r.ID, PrimaryID: gp.ID, SecondaryID: cons.ID,
				Visits: [2]store.Visit{{}, {Date: "1 March 2018"}}}, store.EINVALID},
		} {
			t.Run(tt.name, func(t *testing.T) {
				p := tt.p
				wantCode(t, db.CreatePairing(ctx, &p), tt.code)
			})
		}
		if got := count(t, db, "pairings"); got != 1 {
			t.Fatalf("%d pairings after failed creations, want 1", got)
		}
		if got := count(t, db, "visits"); got != 2 {
			t.Fatalf("%d visits after failed creations, want 2", got)
		}
	})
}

func TestUpdatePairing(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	r, other := mustRound(t, db, "R"), mustRound(t, db, "Other")
	p := mustPair(t, db, r.ID, "gp@example.org", "cons@example.org")
	cons2 := mustParticipant(t, db, r.ID, "Cons2", "cons2@example.org", store.RoleConsultant)
	elsewhere := mustParticipant(t, db, other.ID, "Elsewhere", "else@example.org", store.RoleConsultant)

	t.Run("OK", func(t *testing.T) {
		u := p
		u.SecondaryID, u.Locked, u.Reason = cons2.ID, true, "same locality"
		if err := db.UpdatePairing(ctx, &u); err != nil {
			t.Fatal(err)
		}
		ps, err := db.FindPairings(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(ps) != 1 || ps[0].SecondaryID != cons2.ID || ps[0].Secondary.Name != "Cons2" || !ps[0].Locked || ps[0].Reason != "same locality" {
			t.Fatalf("after update = %+v", ps)
		}
	})

	for _, tt := range []struct {
		name   string
		change func(*store.Pairing)
		code   string
	}{
		{"WithThemselves", func(u *store.Pairing) { u.SecondaryID = u.PrimaryID }, store.EINVALID},
		{"MissingParticipant", func(u *store.Pairing) { u.SecondaryID = 9999 }, store.EINVALID},
		{"ParticipantOfAnotherRound", func(u *store.Pairing) { u.SecondaryID = elsewhere.ID }, store.EINVALID},
		{"NotFound", func(u *store.Pairing) { u.ID = 9999 }, store.ENOTFOUND},
	} {
		t.Run(tt.name, func(t *testing.T) {
			u := p
			u.SecondaryID = cons2.ID
			tt.change(&u)
			wantCode(t, db.UpdatePairing(ctx, &u), tt.code)
		})
	}
	ps, err := db.FindPairings(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 1 || ps[0].SecondaryID != cons2.ID {
		t.Fatalf("a failed update changed the pairing: %+v", ps)
	}
}

func TestDeletePairing(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	r := mustRound(t, db, "R")
	p := mustPair(t, db, r.ID, "gp@example.org", "cons@example.org")

	t.Run("OK", func(t *testing.T) {
		if err := db.DeletePairing(ctx, p.ID); err != nil {
			t.Fatal(err)
		}
		if got := count(t, db, "visits"); got != 0 {
			t.Fatalf("%d visits left after deleting their pairing", got)
		}
		if got := count(t, db, "participants"); got != 2 {
			t.Fatalf("%d participants after deleting a pairing, want 2", got)
		}
	})

	t.Run("NotFound", func(t *testing.T) {
		wantCode(t, db.DeletePairing(ctx, p.ID), store.ENOTFOUND)
	})
}

func TestUpdateVisit(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	r := mustRound(t, db, "R")
	p := mustPair(t, db, r.ID, "gp@example.org", "cons@example.org")

	t.Run("OK", func(t *testing.T) {
		v := p.Visits[0]
		v.Date, v.Status, v.Notes, v.ReflectionReceived = "2018-02-14", store.VisitDone, "Clinic and home visits", true
		if err := db.UpdateVisit(ctx, &v); err != nil {
			t.Fatal(err)
		}
		ps, err := db.FindPairings(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got := ps[0].Visits[0]; got != v {
			t.Fatalf("visit = %+v, want %+v", got, v)
		}
		if got := ps[0].Visits[1]; got != p.Visits[1] {
			t.Fatalf("the other visit changed to %+v", got)
		}
	})

	for _, tt := range []struct {
		name   string
		change func(*store.Visit)
		code   string
	}{
		{"DateNotADate", func(v *store.Visit) { v.Date = "02/14/2018" }, store.EINVALID}, // month first is refused, not guessed
		{"UnknownStatus", func(v *store.Visit) { v.Status = "maybe" }, store.EINVALID},
		{"NotFound", func(v *store.Visit) { v.ID = 9999 }, store.ENOTFOUND},
	} {
		t.Run(tt.name, func(t *testing.T) {
			v := p.Visits[1]
			tt.change(&v)
			wantCode(t, db.UpdateVisit(ctx, &v), tt.code)
		})
	}
}

func TestPairedBefore(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	old, cur := mustRound(t, db, "2017"), mustRound(t, db, "2018")
	mustPair(t, db, old.ID, "Gail@Example.org", "COLIN@example.org")
	gp := mustParticipant(t, db, old.ID, "No Email GP", "", store.RoleGP)
	cons := mustParticipant(t, db, old.ID, "Dana Consultant", "dana@example.org", store.RoleConsultant)
	if err := db.CreatePairing(ctx, &store.Pairing{RoundID: old.ID, PrimaryID: gp.ID, SecondaryID: cons.ID}); err != nil {
		t.Fatal(err)
	}
	mustPair(t, db, cur.ID, "now@example.org", "then@example.org")

	got, err := db.PairedBefore(ctx, cur.ID)
	if err != nil {
		t.Fatal(err)
	}
	sort.Slice(got, func(i, j int) bool { return got[i][0] < got[j][0] })
	want := [][2]string{{"gail@example.org", "colin@example.org"}, {"no email gp", "dana@example.org"}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("PairedBefore = %q, want %q", got, want)
	}

	got, err = db.PairedBefore(ctx, old.ID)
	if err != nil {
		t.Fatal(err)
	}
	if want := [][2]string{{"now@example.org", "then@example.org"}}; !reflect.DeepEqual(got, want) {
		t.Fatalf("PairedBefore(old) = %q, want %q", got, want)
	}
}

func TestPairing_PersonOnBothSides(t *testing.T) {
	db := MustOpenDB(t)
	ctx := context.Background()
	r := store.Round{Name: "Both sides"}
	if err := db.CreateRound(ctx, &r); err != nil {
		t.Fatal(err)
	}
	people := []store.Participant{
		{Name: "Nurse Ann", Role: store.RoleNurse}, {Name: "Dr Bo", Role: store.RoleGP}, {Name: "Dr Cy", Role: store.RoleConsultant},
	}
	if _, _, err := db.UpsertParticipants(ctx, r.ID, people); err != nil {
		t.Fatal(err)
	}
	first := store.Pairing{RoundID: r.ID, PrimaryID: people[1].ID, SecondaryID: people[0].ID}
	if err := db.CreatePairing(ctx, &first); err != nil {
		t.Fatal(err)
	}
	second := store.Pairing{RoundID: r.ID, PrimaryID: people[0].ID, SecondaryID: people[2].ID}
	err := db.CreatePairing(ctx, &second)
	if got, want := store.ErrorCode(err), store.ECONFLICT; got != want {
		t.Fatalf("pairing Nurse Ann on the other side too: code %q (%v), want %q", got, err, want)
	}
	first.SecondaryID = people[2].ID
	if err := db.UpdatePairing(ctx, &first); err != nil {
		t.Fatalf("re-pairing within the same pair: %v", err)
	}
}

func TestPairing_SameOrganisationRefused(t *testing.T) {
	db := MustOpenDB(t)
	ctx := context.Background()
	r := store.Round{Name: "Same org"}
	if err := db.CreateRound(ctx, &r); err != nil {
		t.Fatal(err)
	}
	people := []store.Participant{
		{Name: "Dr Amy Patel", Role: store.RoleGP, Organisation: "Bitterne Park Surgery"},
		{Name: "Fiona Ng", Role: store.RoleNurse, Organisation: " bitterne park surgery "},
		{Name: "Dr Cy", Role: store.RoleConsultant, Organisation: "City General"},
		{Name: "Dr Dee", Role: store.RoleGP},
		{Name: "Dr Eve", Role: store.RoleConsultant},
	}
	if _, _, err := db.UpsertParticipants(ctx, r.ID, people); err != nil {
		t.Fatal(err)
	}
	same := store.Pairing{RoundID: r.ID, PrimaryID: people[0].ID, SecondaryID: people[1].ID}
	err := db.CreatePairing(ctx, &same)
	if got, want := store.ErrorCode(err), store.EINVALID; got != want || !strings.Contains(store.ErrorMessage(err), "same organisation") {
		t.Fatalf("same organisation: code %q (%v), want %q", got, err, want)
	}
	ok := store.Pairing{RoundID: r.ID, PrimaryID: people[0].ID, SecondaryID: people[2].ID}
	if err := db.CreatePairing(ctx, &ok); err != nil {
		t.Fatalf("different organisations: %v", err)
	}
	blank := store.Pairing{RoundID: r.ID, PrimaryID: people[3].ID, SecondaryID: people[4].ID}
	if err := db.CreatePairing(ctx, &blank); err != nil {
		t.Fatalf("organisations not recorded cannot clash: %v", err)
	}
	ok.SecondaryID = people[1].ID
	if err := db.UpdatePairing(ctx, &ok); store.ErrorCode(err) != store.EINVALID {
		t.Fatalf("changing a pair to the same organisation: %v", err)
	}
}
