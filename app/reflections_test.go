package app

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/liaisonapp/liaison/store"
)

// reflectionsUI opens the Reflections screen on a fresh round.
func reflectionsUI(t *testing.T) (*UI, *reflectionsScreen, store.Round) {
	return screenOnNewRound[*reflectionsScreen](t)
}

func stored(t *testing.T, ui *UI, r store.Round) []store.Reflection {
	t.Helper()
	rs, err := ui.db.Reflections(ui.ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

func TestReflectionsAddSuggestApprove(t *testing.T) {
	ui, s, r := reflectionsUI(t)
	body := "I learnt how the practice handles our letters; we now work together."
	test.Type(s.body, body)
	waitIdle(t)
	s.suggest()
	waitIdle(t)
	if got, want := fmt.Sprint(s.tags.Selected), "[collaboration efficiency education]"; got != want {
		t.Fatalf("suggested %s, want %s", got, want)
	}
	// The organiser confirms: untick one, approve an excerpt, save.
	s.tags.SetSelected([]string{"collaboration", "education"})
	waitIdle(t)
	s.approved.SetChecked(true)
	waitIdle(t)
	s.excerpt.SetText("we now work together")
	waitIdle(t)
	s.save()
	waitIdle(t)
	got := stored(t, ui, r)
	if len(got) != 1 {
		t.Fatalf("%d reflections stored, want 1", len(got))
	}
	if g := got[0]; g.Body != body || !g.Approved || g.Excerpt != "we now work together" || fmt.Sprint(g.Themes) != "[collaboration education]" {
		t.Fatalf("stored %+v", g)
	}
	if !strings.Contains(s.counts.Text, "1 reflection (1 approved") || !strings.Contains(s.counts.Text, "education 1") || !strings.Contains(s.counts.Text, "compassion 0") {
		t.Fatalf("counts %q", s.counts.Text)
	}
	if s.body.Text != "" {
		t.Fatal("the form was not emptied for the next reflection")
	}

	t.Run("ExcerptMustBeWordForWord", func(t *testing.T) {
		s.edit(0)
		waitIdle(t)
		s.excerpt.SetText("we work together daily")
		waitIdle(t)
		s.save()
		waitIdle(t)
		if got := stored(t, ui, r); got[0].Excerpt != "we now work together" {
			t.Fatalf("an excerpt not in the text was saved: %q", got[0].Excerpt)
		}
	})

	t.Run("Edit", func(t *testing.T) {
		s.edit(0)
		waitIdle(t)
		s.body.SetText(body + " Eye opening.")
		waitIdle(t)
		s.excerpt.SetText("")
		waitIdle(t)
		s.save()
		waitIdle(t)
		if got := stored(t, ui, r); len(got) != 1 || !strings.HasSuffix(got[0].Body, "Eye opening.") || got[0].Excerpt != "" {
			t.Fatalf("after edit %+v", got)
		}
	})
}

func TestReflectionsOwnThemeSuggested(t *testing.T) {
	_, s, _ := reflectionsUI(t)
	s.editThemes()
	waitIdle(t)
	e := s.themeDlg
	e.name.SetText("patient safety")
	waitIdle(t)
	e.newKW.SetText("incident, near miss")
	waitIdle(t)
	e.addTheme()
	waitIdle(t)
	found := false
	for _, o := range s.tags.Options {
		found = found || o == "patient safety"
	}
	if !found {
		t.Fatalf("the new theme is not offered: %v", s.tags.Options)
	}
	s.body.SetText("We talked through a near miss on discharge.")
	waitIdle(t)
	s.suggest()
	waitIdle(t)
	if got, want := fmt.Sprint(s.tags.Selected), "[patient safety]"; got != want {
		t.Fatalf("suggested %s, want %s", got, want)
	}
	// Edit a scheme theme's keywords: "discharge" now suggests efficiency.
	e.pick.SetSelected("efficiency")
	waitIdle(t)
	e.keywords.SetText(e.keywords.Text + ", discharge")
	waitIdle(t)
	e.saveKeywords()
	waitIdle(t)
	s.tags.SetSelected(nil)
	waitIdle(t)
	s.suggest()
	waitIdle(t)
	if got, want := fmt.Sprint(s.tags.Selected), "[efficiency patient safety]"; got != want {
		t.Fatalf("suggested %s after editing keywords, want %s", got, want)
	}
}

func TestReflectionsImport(t *testing.T) {
	ui, s, r := reflectionsUI(t)
	path := filepath.Join("cli", "testdata", "feedback", "reflections.csv")
	ui.files = fileDialogs{open: func(_, _ string, done func(string, error)) { done(path, nil) }}
	s.importFile()
	waitIdle(t)
	if !strings.HasPrefix(s.lastImport, "3 added, 0 already there.") || !strings.Contains(s.lastImport, `"Name", "Email"`) {
		t.Fatalf("said %q", s.lastImport)
	}
	s.importFile()
	waitIdle(t)
	if !strings.HasPrefix(s.lastImport, "0 added, 3 already there.") {
		t.Fatalf("re-import said %q", s.lastImport)
	}
	if got, want := len(stored(t, ui, r)), 3; got != want {
		t.Fatalf("%d stored, want %d", got, want)
	}
	if got, want := s.list.Length(), 3; got != want {
		t.Fatalf("the list shows %d, want %d", got, want)
	}
}

func TestReflectionNamingAParticipantAsksFirst(t *testing.T) {
	ui, s, r := reflectionsUI(t)
	p := store.Participant{RoundID: r.ID, Name: "Dr Claire Hughes", Role: store.RoleConsultant}
	if err := ui.db.CreateParticipant(context.Background(), &p); err != nil {
		t.Fatal(err)
	}
	s.body.SetText("Claire Hughes showed me the frailty unit.")
	waitIdle(t)
	s.save()
	waitIdle(t)
	if s.named == nil {
		t.Fatal("a reflection naming a participant was saved without a word")
	}
	if got, _ := ui.db.Reflections(context.Background(), r.ID); len(got) != 0 {
		t.Fatal("it was stored before the organiser answered")
	}
	s.named.Dismiss() // "Edit it"
	if got, _ := ui.db.Reflections(context.Background(), r.ID); len(got) != 0 {
		t.Fatal("choosing to edit stored it anyway")
	}
	s.save()
	waitIdle(t)
	s.named.Confirm() // "Save as it is"
	waitIdle(t)
	if got, _ := ui.db.Reflections(context.Background(), r.ID); len(got) != 1 {
		t.Fatalf("%d reflections after saving anyway, want 1", len(got))
	}
}
