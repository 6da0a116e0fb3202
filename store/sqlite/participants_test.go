package sqlite_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/liaisonapp/liaison/store"
	"github.com/liaisonapp/liaison/store/sqlite"
)

func TestCreateParticipant(t *testing.T) {
	ctx := context.Background()

	t.Run("OK", func(t *testing.T) {
		db := MustOpenDB(t)
		r := mustRound(t, db, "R")
		p := store.Participant{
			RoundID: r.ID, Name: " Dr Ada Example ", Email: "ada@example.nhs.uk", Role: store.RoleGP,
			Organisation: "Riverside Surgery", Specialty: "", Locality: "West", Wishes: []string{"Geriatrics", "Renal; dialysis"},
		}
		if err := db.CreateParticipant(ctx, &p); err != nil {
			t.Fatal(err)
		}
		ps, err := db.FindParticipants(ctx, store.ParticipantFilter{ID: p.ID})
		if err != nil {
			t.Fatal(err)
		}
		want := store.Participant{
			ID: p.ID, RoundID: r.ID, Name: "Dr Ada Example", Email: "ada@example.nhs.uk", Role: store.RoleGP,
			Organisation: "Riverside Surgery", Locality: "West", Wishes: []string{"Geriatrics", "Renal, dialysis"},
			Places: 1, // one place unless more are offered
		}
		if len(ps) != 1 || !reflect.DeepEqual(ps[0], want) {
			t.Fatalf("FindParticipants = %+v, want [%+v]", ps, want)
		}
	})

	t.Run("SameEmailInAnotherRound", func(t *testing.T) {
		db := MustOpenDB(t)
		a, b := mustRound(t, db, "A"), mustRound(t, db, "B")
		mustParticipant(t, db, a.ID, "Ada", "ada@example.org", store.RoleGP)
		mustParticipant(t, db, b.ID, "Ada", "ADA@example.org", store.RoleGP)
	})

	t.Run("SeveralWithoutEmail", func(t *testing.T) {
		db := MustOpenDB(t)
		r := mustRound(t, db, "R")
		mustParticipant(t, db, r.ID, "First", "", store.RoleNurse)
		mustParticipant(t, db, r.ID, "Second", "", store.RoleNurse)
	})

	t.Run("Errors", func(t *testing.T) {
		db := MustOpenDB(t)
		r := mustRound(t, db, "R")
		mustParticipant(t, db, r.ID, "Ada", "Ada@Example.org", store.RoleGP)
		for _, tt := range []struct {
			name string
			p    store.Participant
			code string
		}{
			{"NameRequired", store.Participant{RoundID: r.ID, Name: " ", Role: store.RoleGP}, store.EINVALID},
			{"RoleRequired", store.Participant{RoundID: r.ID, Name: "Bo"}, store.EINVALID},
			{"UnknownRole", store.Participant{RoundID: r.ID, Name: "Bo", Role: "surgeon"}, store.EINVALID},
			{"BadEmail", store.Participant{RoundID: r.ID, Name: "Bo", Role: store.RoleGP, Email: "bo at example.org"}, store.EINVALID},
			{"EmailWithName", store.Participant{RoundID: r.ID, Name: "Bo", Role: store.RoleGP, Email: "Bo <bo@example.org>"}, store.EINVALID},
			{"DuplicateEmailIgnoringCase", store.Participant{RoundID: r.ID, Name: "Ada again", Role: store.RoleGP, Email: "ada@EXAMPLE.org"}, store.ECONFLICT},
			{"MissingRound", store.Participant{RoundID: r.ID + 100, Name: "Bo", Role: store.RoleGP}, store.EINVALID},
		} {
			t.Run(tt.name, func(t *testing.T) {
				p := tt.p
				wantCode(t, db.CreateParticipant(ctx, &p), tt.code)
			})
		}
		if got := count(t, db, "participants"); got != 1 {
			t.Fatalf("%d participants after failed creations, want 1", got)
		}
	})
}

func TestFindParticipants(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	r, other := mustRound(t, db, "R"), mustRound(t, db, "Other")
	for _, p := range []store.Participant{
		{RoundID: r.ID, Name: "Carol Consultant", Email: "carol@trust.example", Role: store.RoleConsultant, Organisation: "General Hospital", Specialty: "Geriatrics", Locality: "East"},
		{RoundID: r.ID, Name: "alan GP", Email: "alan@surgery.example", Role: store.RoleGP, Organisation: "Hill Surgery", Locality: "east"},
		{RoundID: r.ID, Name: "Bea GP", Email: "bea@surgery.example", Role: store.RoleGP, Organisation: "100% Health", Locality: "West"},
		{RoundID: other.ID, Name: "Dan GP", Email: "dan@surgery.example", Role: store.RoleGP, Locality: "East"},
	} {
		if err := db.CreateParticipant(ctx, &p); err != nil {
			t.Fatal(err)
		}
	}
	for _, tt := range []struct {
		name string
		f    store.ParticipantFilter
		want []string
	}{
		{"Round", store.ParticipantFilter{RoundID: r.ID}, []string{"alan GP", "Bea GP", "Carol Consultant"}},
		{"All", store.ParticipantFilter{}, []string{"alan GP", "Bea GP", "Carol Consultant", "Dan GP"}},
		{"Role", store.ParticipantFilter{RoundID: r.ID, Role: store.RoleGP}, []string{"alan GP", "Bea GP"}},
		{"LocalityIgnoringCase", store.ParticipantFilter{RoundID: r.ID, Locality: "EAST"}, []string{"alan GP", "Carol Consultant"}},
		{"SearchSpecialty", store.ParticipantFilter{Search: "geriat"}, []string{"Carol Consultant"}},
		{"SearchEmail", store.ParticipantFilter{Search: "@SURGERY"}, []string{"alan GP", "Bea GP", "Dan GP"}},
		{"SearchPercentIsLiteral", store.ParticipantFilter{Search: "100%"}, []string{"Bea GP"}},
		{"SearchUnderscoreIsLiteral", store.ParticipantFilter{Search: "_"}, nil},
		{"NoMatch", store.ParticipantFilter{RoundID: r.ID, Role: store.RoleNurse}, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ps, err := db.FindParticipants(ctx, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range ps {
				got = append(got, p.Name)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("names = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestUpdateParticipant(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	r := mustRound(t, db, "R")
	ada := mustParticipant(t, db, r.ID, "Ada", "ada@example.org", store.RoleGP)
	mustParticipant(t, db, r.ID, "Bo", "bo@example.org", store.RoleGP)

	t.Run("OK", func(t *testing.T) {
		p := ada
		p.Name, p.Role, p.Specialty, p.Email = "Ada Lovelace", store.RoleConsultant, "Cardiology", "ADA@example.org"
		if err := db.UpdateParticipant(ctx, &p); err != nil {
			t.Fatal(err)
		}
		ps, err := db.FindParticipants(ctx, store.ParticipantFilter{ID: ada.ID})
		if err != nil {
			t.Fatal(err)
		}
		if len(ps) != 1 || ps[0].Name != "Ada Lovelace" || ps[0].Role != store.RoleConsultant || ps[0].Specialty != "Cardiology" || ps[0].Email != "ADA@example.org" {
			t.Fatalf("after update = %+v", ps)
		}
	})

	t.Run("DuplicateEmail", func(t *testing.T) {
		p := ada
		p.Email = "Bo@Example.org"
		wantCode(t, db.UpdateParticipant(ctx, &p), store.ECONFLICT)
	})

	t.Run("Invalid", func(t *testing.T) {
		p := ada
		p.Role = "wizard"
		wantCode(t, db.UpdateParticipant(ctx, &p), store.EINVALID)
	})

	t.Run("NotFound", func(t *testing.T) {
		p := ada
		p.ID = 9999
		wantCode(t, db.UpdateParticipant(ctx, &p), store.ENOTFOUND)
	})
}

func TestDeleteParticipant(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	r := mustRound(t, db, "R")
	p := mustParticipant(t, db, r.ID, "Ada", "ada@example.org", store.RoleGP)

	t.Run("OK", func(t *testing.T) {
		if err := db.DeleteParticipant(ctx, p.ID); err != nil {
			t.Fatal(err)
		}
		if got := count(t, db, "participants"); got != 0 {
			t.Fatalf("%d participants left", got)
		}
	})

	t.Run("NotFound", func(t *testing.T) {
		wantCode(t, db.DeleteParticipant(ctx, p.ID), store.ENOTFOUND)
	})
}

func TestUpsertParticipants(t *testing.T) {
	ctx := context.Background()

	t.Run("CreatesAndUpdatesByEmailIgnoringCase", func(t *testing.T) {
		db := MustOpenDB(t)
		r := mustRound(t, db, "R")
		ada := mustParticipant(t, db, r.ID, "Ada", "ada@example.org", store.RoleGP)
		ps := []store.Participant{
			{Name: "Ada Lovelace", Email: "ADA@Example.ORG", Role: store.RoleGP, Locality: "West"},
			{Name: "Bo", Email: "bo@example.org", Role: store.RoleConsultant},
			{Name: "Cy", Role: store.RoleNurse},
			{Name: "Bo Again", Email: "BO@example.org", Role: store.RoleConsultant, Specialty: "Renal"},
		}
		created, updated, err := db.UpsertParticipants(ctx, r.ID, ps)
		if err != nil {
			t.Fatal(err)
		}
		if created != 2 || updated != 2 {
			t.Fatalf("created, updated = %d, %d; want 2, 2", created, updated)
		}
		if ps[0].ID != ada.ID {
			t.Fatalf("the row with Ada's email got ID %d, want %d", ps[0].ID, ada.ID)
		}
		if ps[3].ID != ps[1].ID {
			t.Fatalf("the second Bo row got ID %d, want Bo's %d", ps[3].ID, ps[1].ID)
		}
		got, err := db.FindParticipants(ctx, store.ParticipantFilter{RoundID: r.ID})
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, p := range got {
			names = append(names, p.Name+"/"+p.Locality+p.Specialty)
		}
		if want := []string{"Ada Lovelace/West", "Bo Again/Renal", "Cy/"}; !reflect.DeepEqual(names, want) {
			t.Fatalf("participants = %q, want %q", names, want)
		}
	})

	t.Run("OneBadRowWritesNothing", func(t *testing.T) {
		db := MustOpenDB(t)
		r := mustRound(t, db, "R")
		ada := mustParticipant(t, db, r.ID, "Ada", "ada@example.org", store.RoleGP)
		ps := []store.Participant{
			{Name: "Ada Renamed", Email: "ada@example.org", Role: store.RoleGP},
			{Name: "Bo", Email: "bo@example.org", Role: store.RoleConsultant},
			{Name: "Cy", Email: "cy@example.org", Role: "astronaut"},
		}
		created, updated, err := db.UpsertParticipants(ctx, r.ID, ps)
		wantCode(t, err, store.EINVALID)
		if msg := store.ErrorMessage(err); !strings.Contains(msg, "Row 3") {
			t.Fatalf("message %q does not name row 3", msg)
		}
		if created != 0 || updated != 0 {
			t.Fatalf("created, updated = %d, %d on failure; want 0, 0", created, updated)
		}
		got, err := db.FindParticipants(ctx, store.ParticipantFilter{RoundID: r.ID})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 || got[0].Name != ada.Name {
			t.Fatalf("participants after a failed upsert = %+v, want only the unchanged Ada", got)
		}
	})

	t.Run("EmptyValuesKeepWhatIsStored", func(t *testing.T) {
		db := MustOpenDB(t)
		r := mustRound(t, db, "R")
		stored := store.Participant{RoundID: r.ID, Name: "Ben Brook", Email: "ben@example.org", Role: store.RoleConsultant,
			Organisation: "City General", Specialty: "Cardiology", Locality: "East", Wishes: []string{"General practice"}}
		if err := db.CreateParticipant(ctx, &stored); err != nil {
			t.Fatal(err)
		}
		// A sheet with an empty Specialty cell and no Locality or Wishes
		// column gives empty values; a new organisation is still taken.
		ps := []store.Participant{{Name: "Ben Brook", Email: "ben@example.org", Role: store.RoleConsultant, Organisation: "City Hospital"}}
		created, updated, err := db.UpsertParticipants(ctx, r.ID, ps)
		if err != nil {
			t.Fatal(err)
		}
		if created != 0 || updated != 1 {
			t.Fatalf("created, updated = %d, %d; want 0, 1", created, updated)
		}
		got, err := db.FindParticipants(ctx, store.ParticipantFilter{ID: stored.ID})
		if err != nil {
			t.Fatal(err)
		}
		want := stored
		want.Organisation = "City Hospital"
		if len(got) != 1 || !reflect.DeepEqual(got[0], want) {
			t.Fatalf("after the upsert = %+v, want [%+v]", got, want)
		}
	})

	t.Run("EmailLessMatchedByName", func(t *testing.T) {
		db := MustOpenDB(t)
		r := mustRound(t, db, "R")
		other := mustRound(t, db, "Other")
		for _, rid := range []int64{r.ID, other.ID} {
			ps := []store.Participant{{Name: "No Email Person", Role: store.RoleGP, Organisation: "Hill Surgery"}}
			if _, _, err := db.UpsertParticipants(ctx, rid, ps); err != nil {
				t.Fatal(err)
			}
		}
		ps := []store.Participant{
			{Name: "  no email  PERSON ", Role: store.RoleGP, Organisation: "Hill Surgery", Locality: "North"},
			{Name: "Dee", Email: "dee@example.org", Role: store.RoleGP},
		}
		created, updated, err := db.UpsertParticipants(ctx, r.ID, ps)
		if err != nil {
			t.Fatal(err)
		}
		if created != 1 || updated != 1 {
			t.Fatalf("created, updated = %d, %d; want 1, 1", created, updated)
		}
		got, err := db.FindParticipants(ctx, store.ParticipantFilter{RoundID: r.ID})
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, p := range got {
			names = append(names, p.Name+"/"+p.Locality)
		}
		if want := []string{"Dee/", "no email PERSON/North"}; !reflect.DeepEqual(names, want) { // spaces collapsed on storing
			t.Fatalf("participants = %q, want %q", names, want)
		}
		if n := count(t, db, "participants"); n != 3 {
			t.Fatalf("%d participants in all rounds, want 3 (the other round's copy untouched)", n)
		}
	})

	t.Run("EmailLessSameNameTwiceMatchesTwoStored", func(t *testing.T) {
		db := MustOpenDB(t)
		r := mustRound(t, db, "R")
		twins := []store.Participant{{Name: "Sam Smith", Role: store.RoleGP}, {Name: "Sam Smith", Role: store.RoleNurse}}
		for range 2 {
			ps := append([]store.Participant(nil), twins...)
			if _, _, err := db.UpsertParticipants(ctx, r.ID, ps); err != nil {
				t.Fatal(err)
			}
		}
		if n := count(t, db, "participants"); n != 2 {
			t.Fatalf("%d participants after importing two Sam Smiths twice, want 2", n)
		}
	})

	t.Run("MissingRoundWritesNothing", func(t *testing.T) {
		db := MustOpenDB(t)
		r := mustRound(t, db, "R")
		_, _, err := db.UpsertParticipants(ctx, r.ID+100, []store.Participant{{Name: "Bo", Role: store.RoleGP}})
		wantCode(t, err, store.EINVALID)
		if got := count(t, db, "participants"); got != 0 {
			t.Fatalf("%d participants after a failed upsert, want 0", got)
		}
	})
}

func TestCountParticipants(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	r := store.Round{Name: "Counts"}
	if err := db.CreateRound(ctx, &r); err != nil {
		t.Fatal(err)
	}
	people := []store.Participant{
		{Name: "A", Role: store.RoleGP, Locality: "East"}, {Name: "B", Role: store.RoleGP, Locality: " East "},
		{Name: "C", Role: store.RoleConsultant, Locality: "West"}, {Name: "D", Role: store.RoleNurse},
	}
	if _, _, err := db.UpsertParticipants(ctx, r.ID, people); err != nil {
		t.Fatal(err)
	}
	c, err := db.CountParticipants(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if c.Total != 4 || c.ByRole[store.RoleGP] != 2 || c.ByRole[store.RoleConsultant] != 1 || c.ByRole[store.RoleNurse] != 1 {
		t.Fatalf("counts %+v", c)
	}
	if c.ByLocality["East"] != 2 || c.ByLocality["West"] != 1 || c.ByLocality[""] != 1 {
		t.Fatalf("by locality %v, want East 2, West 1, none 1", c.ByLocality)
	}
	other, err := db.CountParticipants(ctx, r.ID+1)
	if err != nil || other.Total != 0 {
		t.Fatalf("another round: %+v, %v", other, err)
	}
}

// A deleted participant's details must not stay readable in the file: the
// data is personal and the organiser was promised it can be deleted.
func TestDeletedParticipantLeavesNoTrace(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "l.db")
	db, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	r := store.Round{Name: "Trace"}
	if err := db.CreateRound(ctx, &r); err != nil {
		t.Fatal(err)
	}
	p := store.Participant{RoundID: r.ID, Name: "Zebedee Quillfeather", Email: "zebedee.quillfeather@gp.example", Role: store.RoleGP}
	if err := db.CreateParticipant(ctx, &p); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); !bytes.Contains(b, []byte("Quillfeather")) {
		t.Fatal("the test cannot see the name in the file even before deleting it")
	}
	if db, err = sqlite.Open(path); err != nil {
		t.Fatal(err)
	}
	if err := db.DeleteParticipant(ctx, p.ID); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{path, path + "-wal"} {
		if b, err := os.ReadFile(f); err == nil && bytes.Contains(b, []byte("Quillfeather")) {
			t.Fatalf("%s still contains the deleted participant's name", filepath.Base(f))
		}
	}
}

func TestParticipantTextIsOneLineAndBounded(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	r := store.Round{Name: "  Wessex\n2026\t "}
	if err := db.CreateRound(ctx, &r); err != nil {
		t.Fatal(err)
	}
	if r.Name != "Wessex 2026" {
		t.Fatalf("round name %q, want %q", r.Name, "Wessex 2026")
	}
	p := store.Participant{RoundID: r.ID, Name: "Dr Ann\r\nLee", Role: store.RoleGP, Organisation: "Hill\nSurgery"}
	if err := db.CreateParticipant(ctx, &p); err != nil {
		t.Fatal(err)
	}
	if p.Name != "Dr Ann Lee" || p.Organisation != "Hill Surgery" {
		t.Fatalf("stored %q at %q", p.Name, p.Organisation)
	}
	long := store.Participant{RoundID: r.ID, Name: strings.Repeat("x", 201), Role: store.RoleGP}
	if err := db.CreateParticipant(ctx, &long); store.ErrorCode(err) != store.EINVALID {
		t.Fatalf("a 201-character name: %v", err)
	}
}
