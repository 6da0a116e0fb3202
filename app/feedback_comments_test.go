package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/liaisonapp/liaison/store"
)

func TestPaperCommentAndCommentsTab(t *testing.T) {
	ui, s, r := feedbackUI(t)
	ctx := context.Background()
	if _, _, err := ui.db.UpsertParticipants(ctx, r.ID, []store.Participant{{Name: "Dr Zoë Lindqvist", Email: "z@example.org", Role: store.RoleConsultant}}); err != nil {
		t.Fatal(err)
	}
	// Score a form, then type its comment and press Enter in the comment box.
	keyIn(ui, s, "5643")
	test.Type(s.comment, "Thank you, Zoë Lindqvist!")
	waitIdle(t)
	s.comment.OnSubmitted(s.comment.Text)
	waitIdle(t)
	keyIn(ui, s, "1111")
	test.Type(s.comment, "More time for questions")
	waitIdle(t)
	keyIn(ui, s, "{Return}")
	waitIdle(t)
	rs, err := ui.db.Responses(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 2 || rs[0].Comment != "Thank you, Zoë Lindqvist!" || rs[1].Comment != "More time for questions" {
		t.Fatalf("stored %+v", rs)
	}
	if s.comment.Text != "" {
		t.Errorf("the comment box kept %q after the form was saved", s.comment.Text)
	}

	s.tabs.SelectIndex(3) // the Comments tab reads the comments when it opens
	waitIdle(t)
	v := s.comments
	if len(v.all) != 2 || !v.all[0].Flagged() || v.all[1].Flagged() {
		t.Fatalf("comments %+v", v.all)
	}
	if !strings.Contains(v.count.Text, "2 comments (1 naming someone)") {
		t.Errorf("count %q", v.count.Text)
	}
	test.Type(v.search, "questions")
	waitIdle(t)
	if len(v.shown) != 1 || v.shown[0].Text != "More time for questions" {
		t.Errorf("search shows %+v", v.shown)
	}

	out := filepath.Join(t.TempDir(), "comments.csv")
	ui.files = fileDialogs{save: func(_, _ string, done func(string, error)) { done(out, nil) }}
	v.exportBtn.OnTapped()
	waitIdle(t)
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), "Lindqvist") || !strings.Contains(string(b), "More time for questions") {
		t.Errorf("export:\n%s", b)
	}
	if !strings.Contains(v.lastExport, "left out") {
		t.Errorf("message %q does not say a comment was left out", v.lastExport)
	}
}
