package sqlite_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/liaisonapp/liaison/store"
)

func TestCreateProject(t *testing.T) {
	ctx := context.Background()

	t.Run("OK", func(t *testing.T) {
		db := MustOpenDB(t)
		r := mustRound(t, db, "R")
		pair := mustPair(t, db, r.ID, "gp@example.org", "cons@example.org")
		p := store.Project{
			RoundID: r.ID, Title: ` Outpatient letters headed "For Information Only" or "GP Action Required" `,
			PromptedBy: "efficiency", PairingID: pair.ID, Owner: "Dr Example", Group: "Letters",
			Status: store.ProjectCompleted, StartedOn: "2018-01-10", CompletedOn: "2018-05-01",
			Impact: "A game changer for practice admin", Links: "https://example.org/letters",
		}
		if err := db.CreateProject(ctx, &p); err != nil {
			t.Fatal(err)
		}
		ps, err := db.Projects(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := p
		want.Title = `Outpatient letters headed "For Information Only" or "GP Action Required"`
		if len(ps) != 1 || !reflect.DeepEqual(ps[0], want) {
			t.Fatalf("Projects = %+v, want [%+v]", ps, want)
		}
	})

	t.Run("DefaultsToIdea", func(t *testing.T) {
		db := MustOpenDB(t)
		r := mustRound(t, db, "R")
		p := store.Project{RoundID: r.ID, Title: "Directory of consultants' secretaries"}
		if err := db.CreateProject(ctx, &p); err != nil {
			t.Fatal(err)
		}
		ps, err := db.Projects(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(ps) != 1 || ps[0].Status != store.ProjectIdea || ps[0].PairingID != 0 {
			t.Fatalf("Projects = %+v, want one idea with no pairing", ps)
		}
	})

	t.Run("Errors", func(t *testing.T) {
		db := MustOpenDB(t)
		r := mustRound(t, db, "R")
		for _, tt := range []struct {
			name string
			p    store.Project
			code string
		}{
			{"TitleRequired", store.Project{RoundID: r.ID, Title: " "}, store.EINVALID},
			{"UnknownStatus", store.Project{RoundID: r.ID, Title: "T", Status: "done"}, store.EINVALID},
			{"StartNotISO", store.Project{RoundID: r.ID, Title: "T", StartedOn: "2018/01/10"}, store.EINVALID},
			{"CompletedNotADate", store.Project{RoundID: r.ID, Title: "T", CompletedOn: "soon"}, store.EINVALID},
			{"CompletedBeforeStarted", store.Project{RoundID: r.ID, Title: "T", StartedOn: "2018-05-01", CompletedOn: "2018-01-01"}, store.EINVALID},
			{"MissingPairing", store.Project{RoundID: r.ID, Title: "T", PairingID: 9999}, store.EINVALID},
			{"MissingRound", store.Project{RoundID: r.ID + 100, Title: "T"}, store.EINVALID},
		} {
			t.Run(tt.name, func(t *testing.T) {
				p := tt.p
				wantCode(t, db.CreateProject(ctx, &p), tt.code)
			})
		}
		if got := count(t, db, "projects"); got != 0 {
			t.Fatalf("%d projects after failed creations, want 0", got)
		}
	})
}

func TestUpdateProject(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	r := mustRound(t, db, "R")
	p := store.Project{RoundID: r.ID, Title: "Leaflets on psychological support"}
	if err := db.CreateProject(ctx, &p); err != nil {
		t.Fatal(err)
	}

	t.Run("OK", func(t *testing.T) {
		u := p
		u.Status, u.StartedOn, u.Owner = store.ProjectInProgress, "2018-02-01", "Psychology team"
		if err := db.UpdateProject(ctx, &u); err != nil {
			t.Fatal(err)
		}
		ps, err := db.Projects(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(ps) != 1 || !reflect.DeepEqual(ps[0], u) {
			t.Fatalf("Projects = %+v, want [%+v]", ps, u)
		}
	})

	t.Run("Register", func(t *testing.T) {
		u := p
		u.Status, u.Output = store.ProjectCompleted, store.OutputLetterAction
		u.AdoptedBy = []string{" City General ", "Old Bank Surgery", "City General"}
		u.Saving, u.SavingUnit, u.SavingNote, u.Theme = 6, "hours per week", "practice admin", "efficiency"
		if err := db.UpdateProject(ctx, &u); err != nil {
			t.Fatal(err)
		}
		ps, _ := db.Projects(ctx, r.ID)
		if got := ps[0]; got.Output != store.OutputLetterAction || !reflect.DeepEqual(got.AdoptedBy, []string{"City General", "Old Bank Surgery"}) ||
			got.SavingText() != "6 hours per week (practice admin)" || got.Theme != "efficiency" {
			t.Fatalf("stored %+v", got)
		}
		u.Output = "poster"
		wantCode(t, db.UpdateProject(ctx, &u), store.EINVALID)
		u.Output, u.Saving = store.OutputLeaflet, -3
		wantCode(t, db.UpdateProject(ctx, &u), store.EINVALID)
	})

	t.Run("Invalid", func(t *testing.T) {
		u := p
		u.CompletedOn = "June 2018"
		wantCode(t, db.UpdateProject(ctx, &u), store.EINVALID)
	})

	t.Run("NotFound", func(t *testing.T) {
		u := p
		u.ID = 9999
		wantCode(t, db.UpdateProject(ctx, &u), store.ENOTFOUND)
	})
}

func TestProject_OutlivesItsPairing(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	r := mustRound(t, db, "R")
	pair := mustPair(t, db, r.ID, "gp@example.org", "cons@example.org")
	p := store.Project{RoundID: r.ID, Title: "Shared directory", PairingID: pair.ID}
	if err := db.CreateProject(ctx, &p); err != nil {
		t.Fatal(err)
	}
	if err := db.DeletePairing(ctx, pair.ID); err != nil {
		t.Fatal(err)
	}
	ps, err := db.Projects(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 1 || ps[0].PairingID != 0 {
		t.Fatalf("Projects after deleting the pairing = %+v, want the project with no pairing", ps)
	}
}

func TestDeleteProject(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	r := mustRound(t, db, "R")
	p := store.Project{RoundID: r.ID, Title: "Gone soon"}
	if err := db.CreateProject(ctx, &p); err != nil {
		t.Fatal(err)
	}

	t.Run("OK", func(t *testing.T) {
		if err := db.DeleteProject(ctx, p.ID); err != nil {
			t.Fatal(err)
		}
		if got := count(t, db, "projects"); got != 0 {
			t.Fatalf("%d projects left", got)
		}
	})

	t.Run("NotFound", func(t *testing.T) {
		wantCode(t, db.DeleteProject(ctx, p.ID), store.ENOTFOUND)
	})
}
