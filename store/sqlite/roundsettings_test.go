package sqlite_test

import (
	"context"
	"testing"
	"time"

	"github.com/liaisonapp/liaison/store"
	"github.com/liaisonapp/liaison/store/demo"
)

func TestRoundSettings(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	a := store.Round{Name: "A"}
	b := store.Round{Name: "B"}
	for _, r := range []*store.Round{&a, &b} {
		if err := db.CreateRound(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	t.Run("GlobalFallback", func(t *testing.T) {
		// K set before settings were kept per round still applies.
		if err := db.SetSetting(ctx, store.SettingSuppressK, "7"); err != nil {
			t.Fatal(err)
		}
		rs, err := store.LoadRoundSettings(ctx, db, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if rs.SuppressK != 7 || rs.RateBase != store.RateBaseParticipants || rs.SurveysSent != 0 {
			t.Fatalf("settings = %+v, want K 7 from the global setting, base participants", rs)
		}
	})
	t.Run("PerRound", func(t *testing.T) {
		want := store.RoundSettings{RateBase: store.RateBaseSurveysSent, SurveysSent: 189, SuppressK: 3,
			OrganiserName: "Dr Seán Ó Súilleabháin", OrganiserContact: "sean@example.org"}
		if err := store.SaveRoundSettings(ctx, db, a.ID, want); err != nil {
			t.Fatal(err)
		}
		got, err := store.LoadRoundSettings(ctx, db, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Fatalf("round A = %+v, want %+v", got, want)
		}
		other, err := store.LoadRoundSettings(ctx, db, b.ID)
		if err != nil {
			t.Fatal(err)
		}
		if other.SuppressK != 7 || other.OrganiserName != "" || other.SurveysSent != 0 {
			t.Fatalf("round B took round A's settings: %+v", other)
		}
	})
	t.Run("ErrSurveysSentMissing", func(t *testing.T) {
		err := store.SaveRoundSettings(ctx, db, b.ID, store.RoundSettings{RateBase: store.RateBaseSurveysSent, SuppressK: 5})
		wantCode(t, err, store.EINVALID)
	})
	t.Run("ErrK", func(t *testing.T) {
		err := store.SaveRoundSettings(ctx, db, b.ID, store.RoundSettings{RateBase: store.RateBaseParticipants, SuppressK: 0})
		wantCode(t, err, store.EINVALID)
	})
	t.Run("DeletedWithRound", func(t *testing.T) {
		if err := db.DeleteRound(ctx, a.ID); err != nil {
			t.Fatal(err)
		}
		v, err := db.Setting(ctx, store.RoundKey(a.ID, store.SettingOrganiserName), "none")
		if err != nil {
			t.Fatal(err)
		}
		if v != "none" {
			t.Fatalf("the deleted round's organiser is still stored: %q", v)
		}
		if v, _ := db.Setting(ctx, store.SettingSuppressK, ""); v != "7" {
			t.Fatalf("deleting a round removed the global K: %q", v)
		}
	})
}

// TestDemoRate checks that the demo records the base that reproduces the
// published "71 (37.5%)" to rounding, with its formula.
func TestDemoRate(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	r, err := demo.Create(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	f, err := store.ComputeFigures(ctx, db, r, time.Date(2018, 8, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := f.Feedback.RateText(), "71 of 189 surveys sent = 37.6%"; got != want {
		t.Fatalf("demo rate = %q, want %q", got, want)
	}
	if f.Feedback.RateBase != store.RateBaseSurveysSent || f.Feedback.DenominatorN != 189 {
		t.Fatalf("demo base = %s of %d", f.Feedback.RateBase, f.Feedback.DenominatorN)
	}
}
