package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
)

// TestPairingsMessages edits the round's introduction, then writes the
// mail merge and one draft.
func TestPairingsMessages(t *testing.T) {
	ui, s := pairingsOn(t, fourPeople...)
	s.first.SetSelected("Ada Ashdown (GP, Old Bank Surgery)")
	waitIdle(t)
	s.second.SetSelected("Ben Brook (Consultant, City General)")
	waitIdle(t)
	test.Tap(s.pairBtn)
	waitIdle(t)
	s.showMessages()
	waitIdle(t)
	d := s.messages
	if got := len(d.messages); got != 2 {
		t.Fatalf("%d introductions, want 2 (one to each of the pair)", got)
	}
	d.subject.SetText("Meet {partnr}")
	waitIdle(t)
	test.Tap(d.save)
	waitIdle(t)
	if !strings.Contains(d.status.Text, "{partnr} is not a field") {
		t.Fatalf("status = %q, want the unknown field named", d.status.Text)
	}
	d.subject.SetText("Meet {partner}")
	waitIdle(t)
	d.organiser.SetText("Dr Olive Organiser")
	waitIdle(t)
	test.Tap(d.save)
	waitIdle(t)
	if got := d.messages[0].Subject; got != "Meet Ben Brook" && got != "Meet Ada Ashdown" {
		t.Fatalf("subject = %q, want the saved template filled in", got)
	}

	out := filepath.Join(t.TempDir(), "intro.csv")
	pickFiles(ui, "", out)
	test.Tap(d.merge)
	waitIdle(t)
	b, err := os.ReadFile(out)
	if err != nil || !strings.Contains(string(b), "Dr Olive Organiser") || strings.Count(string(b), "@nhs.net,") < 2 {
		t.Fatalf("mail merge: %v\n%s", err, b)
	}
	if !d.draft.Disabled() {
		t.Fatal("Draft is enabled with no recipient chosen")
	}
	d.recipient.SetSelectedIndex(0)
	waitIdle(t)
	eml := filepath.Join(t.TempDir(), "draft.eml")
	pickFiles(ui, "", eml)
	test.Tap(d.draft)
	waitIdle(t)
	if b, err := os.ReadFile(eml); err != nil || !strings.Contains(string(b), "X-Unsent: 1\r\n") {
		t.Fatalf("draft: %v\n%s", err, b)
	}
}
