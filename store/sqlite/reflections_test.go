package sqlite_test

import (
	"context"
	"reflect"
	"sort"
	"testing"

	"github.com/liaisonapp/liaison/store"
)

// sortedThemes returns the reflection's themes in order, since the store
// does not promise one.
func sortedThemes(r store.Reflection) []string {
	ts := append([]string(nil), r.Themes...)
	sort.Strings(ts)
	return ts
}

func TestCreateReflection(t *testing.T) {
	ctx := context.Background()

	t.Run("OK", func(t *testing.T) {
		db := MustOpenDB(t)
		r := mustRound(t, db, "R")
		ref := store.Reflection{
			RoundID:  r.ID,
			Body:     " Seeing the ward round showed me how complex discharge is. ",
			Themes:   []string{"Complexity", "education", "discharge", " "},
			Approved: true,
			Excerpt:  "how complex discharge is",
		}
		if err := db.CreateReflection(ctx, &ref); err != nil {
			t.Fatal(err)
		}
		got, err := db.Reflections(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 {
			t.Fatalf("%d reflections, want 1", len(got))
		}
		g := got[0]
		if g.ID != ref.ID || g.Body != "Seeing the ward round showed me how complex discharge is." || !g.Approved || g.Excerpt != "how complex discharge is" {
			t.Fatalf("reflection = %+v", g)
		}
		if want := []string{"complexity", "discharge", "education"}; !reflect.DeepEqual(sortedThemes(g), want) {
			t.Fatalf("themes = %q, want %q", sortedThemes(g), want)
		}
		ts, err := db.Themes(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := len(ts), len(store.SchemeThemes)+1; got != want {
			t.Fatalf("%d themes, want %d (a new theme is created)", got, want)
		}
	})

	t.Run("Errors", func(t *testing.T) {
		db := MustOpenDB(t)
		r := mustRound(t, db, "R")
		for _, tt := range []struct {
			name string
			ref  store.Reflection
			code string
		}{
			{"BodyRequired", store.Reflection{RoundID: r.ID, Body: "  "}, store.EINVALID},
			{"ExcerptNotInBody", store.Reflection{RoundID: r.ID, Body: "We met twice.", Excerpt: "We met three times."}, store.EINVALID},
			{"MissingRound", store.Reflection{RoundID: r.ID + 100, Body: "Lost."}, store.EINVALID},
		} {
			t.Run(tt.name, func(t *testing.T) {
				ref := tt.ref
				wantCode(t, db.CreateReflection(ctx, &ref), tt.code)
			})
		}
		if got := count(t, db, "reflections"); got != 0 {
			t.Fatalf("%d reflections after failed creations, want 0", got)
		}
	})
}

func TestReflections_NotLinkedToParticipants(t *testing.T) {
	// Reflections must not be traceable to their authors: the table has no
	// column that could hold a participant.
	db := MustOpenDB(t)
	rows, err := db.Pool().Query(`SELECT name FROM pragma_table_info('reflections') ORDER BY cid`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var cols []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			t.Fatal(err)
		}
		cols = append(cols, c)
	}
	if want := []string{"id", "round_id", "body", "approved", "excerpt"}; !reflect.DeepEqual(cols, want) {
		t.Fatalf("reflections columns = %q, want %q", cols, want)
	}
	var refs int
	if err := db.Pool().QueryRow(`SELECT count(*) FROM pragma_foreign_key_list('reflections') WHERE "table" <> 'rounds'`).Scan(&refs); err != nil {
		t.Fatal(err)
	}
	if refs != 0 {
		t.Fatalf("reflections has %d foreign keys to tables other than rounds", refs)
	}
}

func TestUpdateReflection(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	r := mustRound(t, db, "R")
	ref := store.Reflection{RoundID: r.ID, Body: "Letters were a mystery.", Themes: []string{"efficiency", "education"}}
	if err := db.CreateReflection(ctx, &ref); err != nil {
		t.Fatal(err)
	}

	t.Run("OK", func(t *testing.T) {
		u := ref
		u.Body, u.Themes, u.Approved, u.Excerpt = "Letters were a mystery until now.", []string{"collaboration"}, true, "until now"
		if err := db.UpdateReflection(ctx, &u); err != nil {
			t.Fatal(err)
		}
		got, err := db.Reflections(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 || got[0].Body != u.Body || !got[0].Approved || got[0].Excerpt != "until now" || !reflect.DeepEqual(got[0].Themes, []string{"collaboration"}) {
			t.Fatalf("after update = %+v", got)
		}
	})

	t.Run("ExcerptNotInBody", func(t *testing.T) {
		u := ref
		u.Excerpt = "not a word of it"
		wantCode(t, db.UpdateReflection(ctx, &u), store.EINVALID)
	})

	t.Run("NotFound", func(t *testing.T) {
		u := ref
		u.ID = 9999
		wantCode(t, db.UpdateReflection(ctx, &u), store.ENOTFOUND)
	})
}

func TestDeleteReflection(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	r := mustRound(t, db, "R")
	ref := store.Reflection{RoundID: r.ID, Body: "Short.", Themes: []string{"education"}}
	if err := db.CreateReflection(ctx, &ref); err != nil {
		t.Fatal(err)
	}

	t.Run("OK", func(t *testing.T) {
		if err := db.DeleteReflection(ctx, ref.ID); err != nil {
			t.Fatal(err)
		}
		if got := count(t, db, "reflection_themes"); got != 0 {
			t.Fatalf("%d theme links left after deleting the reflection", got)
		}
	})

	t.Run("NotFound", func(t *testing.T) {
		wantCode(t, db.DeleteReflection(ctx, ref.ID), store.ENOTFOUND)
	})
}

func TestThemes(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)

	t.Run("SchemeThemesFirst", func(t *testing.T) {
		ts, err := db.Themes(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, th := range ts {
			if !th.Builtin || len(th.Keywords) == 0 {
				t.Fatalf("theme %+v is not built in with keywords", th)
			}
			names = append(names, th.Name)
		}
		if !reflect.DeepEqual(names, store.SchemeThemes) {
			t.Fatalf("themes = %q, want %q", names, store.SchemeThemes)
		}
	})

	own := store.Theme{Name: " Communication ", Keywords: []string{"letters", "phone; email"}}
	t.Run("Create", func(t *testing.T) {
		if err := db.SaveTheme(ctx, &own); err != nil {
			t.Fatal(err)
		}
		ts, err := db.Themes(ctx)
		if err != nil {
			t.Fatal(err)
		}
		last := ts[len(ts)-1]
		want := store.Theme{ID: own.ID, Name: "Communication", Keywords: []string{"letters", "phone, email"}}
		if !reflect.DeepEqual(last, want) {
			t.Fatalf("last theme = %+v, want %+v", last, want)
		}
	})

	t.Run("Update", func(t *testing.T) {
		u := own
		u.Name, u.Keywords = "Communications", []string{"letters"}
		if err := db.SaveTheme(ctx, &u); err != nil {
			t.Fatal(err)
		}
		ts, err := db.Themes(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if last := ts[len(ts)-1]; last.Name != "Communications" || !reflect.DeepEqual(last.Keywords, []string{"letters"}) {
			t.Fatalf("after update = %+v", last)
		}
	})

	t.Run("Errors", func(t *testing.T) {
		wantCode(t, db.SaveTheme(ctx, &store.Theme{Name: " "}), store.EINVALID)
		wantCode(t, db.SaveTheme(ctx, &store.Theme{Name: "COMPASSION"}), store.ECONFLICT)
		wantCode(t, db.SaveTheme(ctx, &store.Theme{ID: own.ID, Name: "Education"}), store.ECONFLICT)
		wantCode(t, db.SaveTheme(ctx, &store.Theme{ID: 9999, Name: "Ghost"}), store.ENOTFOUND)
	})

	t.Run("BuiltinNotDeletable", func(t *testing.T) {
		ts, err := db.Themes(ctx)
		if err != nil {
			t.Fatal(err)
		}
		wantCode(t, db.DeleteTheme(ctx, ts[0].ID), store.EINVALID)
		if got, want := count(t, db, "themes"), len(store.SchemeThemes)+1; got != want {
			t.Fatalf("%d themes after refusing to delete, want %d", got, want)
		}
	})

	t.Run("DeleteOwn", func(t *testing.T) {
		r := mustRound(t, db, "R")
		ref := store.Reflection{RoundID: r.ID, Body: "Phone them.", Themes: []string{"Communications", "efficiency"}}
		if err := db.CreateReflection(ctx, &ref); err != nil {
			t.Fatal(err)
		}
		if err := db.DeleteTheme(ctx, own.ID); err != nil {
			t.Fatal(err)
		}
		got, err := db.Reflections(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 || !reflect.DeepEqual(got[0].Themes, []string{"efficiency"}) {
			t.Fatalf("reflection after deleting its theme = %+v, want only efficiency", got)
		}
	})

	t.Run("DeleteNotFound", func(t *testing.T) {
		wantCode(t, db.DeleteTheme(ctx, own.ID), store.ENOTFOUND)
	})
}
