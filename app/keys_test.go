package app

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/liaisonapp/liaison/store"
)

// typeKey presses a key as the desktop driver delivers it: to the focused
// widget of the topmost layer, or to the window when nothing has focus.
func typeKey(c fyne.Canvas, name fyne.KeyName) {
	ev := &fyne.KeyEvent{Name: name}
	if f := c.Focused(); f != nil {
		f.TypedKey(ev)
		return
	}
	if h := c.OnTypedKey(); h != nil {
		h(ev)
	}
}

// typeInto focuses obj as a click would and types text.
func typeInto(c fyne.Canvas, obj fyne.Focusable, text string) {
	c.Focus(obj)
	test.Type(obj, text)
}

// dialogOpen reports whether any dialog is showing over the window.
func dialogOpen(ui *UI) bool { return ui.win.Canvas().Overlays().Top() != nil }

func TestAddParticipantStartsInNameAndEnterSaves(t *testing.T) {
	ui, s := participantsOnDemo(t)
	c := ui.win.Canvas()
	before := len(s.all)

	test.Tap(s.addBtn)
	waitIdle(t)
	f := s.form
	if got := c.Focused(); got != f.name {
		t.Fatalf("the cursor starts in %T, not the Name field", got)
	}
	test.Type(f.name, "Zoë Quarrie")
	waitIdle(t)
	typeInto(c, f.organisation, "Old Bank Surgery")
	waitIdle(t)
	typeKey(c, fyne.KeyReturn)
	waitIdle(t)
	if !dialogOpen(ui) || !strings.Contains(f.problem.Text, "needs a role") {
		t.Fatalf("Enter with no role: open=%v, problem %q", dialogOpen(ui), f.problem.Text)
	}
	// Enter on the role picker submits too, once a role is chosen.
	f.role.SetSelected("GP")
	waitIdle(t)
	c.Focus(f.role)
	waitIdle(t)
	typeKey(c, fyne.KeyEnter)
	waitIdle(t)
	if dialogOpen(ui) {
		t.Fatalf("Enter did not save the form: %q", f.problem.Text)
	}
	if got, want := len(s.all), before+1; got != want {
		t.Fatalf("%d participants after Enter, want %d", got, want)
	}
}

func TestEscCancelsAddParticipant(t *testing.T) {
	ui, s := participantsOnDemo(t)
	c := ui.win.Canvas()
	before := len(s.all)
	test.Tap(s.addBtn)
	waitIdle(t)
	test.Type(s.form.name, "Not Wanted")
	waitIdle(t)
	typeKey(c, fyne.KeyEscape)
	waitIdle(t)
	if dialogOpen(ui) {
		t.Fatal("Esc in the Name field did not close the form")
	}
	if got := len(s.all); got != before {
		t.Fatalf("Esc stored someone: %d participants, want %d", got, before)
	}
	// With nothing focused Esc reaches the form through the window.
	test.Tap(s.addBtn)
	waitIdle(t)
	c.Unfocus()
	waitIdle(t)
	typeKey(c, fyne.KeyEscape)
	waitIdle(t)
	if dialogOpen(ui) {
		t.Fatal("Esc with no field focused did not close the form")
	}
	if len(ui.keyStack) != 0 {
		t.Fatalf("closed dialogs left %d key handlers behind", len(ui.keyStack))
	}
}

func TestNewRoundKeys(t *testing.T) {
	db := MustOpenDB(t)
	ui := newTestUI(t, db)
	c := ui.win.Canvas()

	ui.showNewRound()
	waitIdle(t)
	if got := c.Focused(); got != ui.newRound.name {
		t.Fatalf("the cursor starts in %T, not the Name field", got)
	}
	test.Type(ui.newRound.name, "Dropped")
	waitIdle(t)
	typeKey(c, fyne.KeyEscape)
	waitIdle(t)
	if rounds, _ := db.Rounds(context.Background()); len(rounds) != 0 || dialogOpen(ui) {
		t.Fatalf("Esc: %d rounds stored, dialog open %v", len(rounds), dialogOpen(ui))
	}

	ui.showNewRound()
	waitIdle(t)
	test.Type(ui.newRound.name, "Wessex 2026–27")
	waitIdle(t)
	typeInto(c, ui.newRound.starts, "9/31/2026")
	waitIdle(t)
	typeKey(c, fyne.KeyReturn)
	waitIdle(t)
	if rounds, _ := db.Rounds(context.Background()); len(rounds) != 0 {
		t.Fatal("Enter created a round with a month-first date")
	}
	ui.newRound.starts.SetText("01/09/2026")
	waitIdle(t)
	typeKey(c, fyne.KeyReturn)
	waitIdle(t)
	if got, want := ui.round.Name, "Wessex 2026–27"; got != want {
		t.Fatalf("after Enter the round is %q, want %q", got, want)
	}
}

func TestEventFormsKeys(t *testing.T) {
	db := MustOpenDB(t)
	ui := newTestUI(t, db)
	r := store.Round{Name: "Forum 2026"}
	if err := db.CreateRound(context.Background(), &r); err != nil {
		t.Fatal(err)
	}
	ui.Start()
	waitIdle(t)
	c := ui.win.Canvas()
	s := showScreen[*eventScreen](t, ui)

	s.editEvent(store.Event{})
	waitIdle(t)
	if got := c.Focused(); got != s.form.entries["Name"] {
		t.Fatalf("New event: the cursor starts in %T, not Name", got)
	}
	test.Type(s.form.entries["Name"], "Forum")
	waitIdle(t)
	typeKey(c, fyne.KeyReturn)
	waitIdle(t)
	if s.event.ID == 0 {
		t.Fatal("Enter did not save the event")
	}

	s.editItem(store.AgendaItem{})
	waitIdle(t)
	if got := c.Focused(); got != s.form.entries["Starts (HH:MM)"] {
		t.Fatalf("Agenda item: the cursor starts in %T, not the first field", got)
	}
	typeInto(c, s.form.entries["Title"], "Welcome")
	waitIdle(t)
	typeKey(c, fyne.KeyEscape)
	waitIdle(t)
	if len(s.agenda) != 0 || dialogOpen(ui) {
		t.Fatalf("Esc: %d agenda items, dialog open %v", len(s.agenda), dialogOpen(ui))
	}
	s.editItem(store.AgendaItem{})
	waitIdle(t)
	typeInto(c, s.form.entries["Title"], "Welcome")
	waitIdle(t)
	typeKey(c, fyne.KeyReturn)
	waitIdle(t)
	if len(s.agenda) != 1 {
		t.Fatalf("Enter: %d agenda items, want 1", len(s.agenda))
	}

	test.Tap(s.addGuestBtn)
	waitIdle(t)
	test.Type(s.form.entries["Name"], "Prof Keynote")
	waitIdle(t)
	c.Focus(s.form.choice)
	waitIdle(t)
	typeKey(c, fyne.KeyReturn)
	waitIdle(t)
	if got := len(s.attendees); got != 1 {
		t.Fatalf("Enter on the RSVP picker: %d attendees, want 1", got)
	}
}

func TestVisitsEditorKeys(t *testing.T) {
	ui, s := pairingsOn(t, fourPeople...)
	c := ui.win.Canvas()
	s.first.SetSelected("Ada Ashdown (GP, Old Bank Surgery)")
	waitIdle(t)
	s.second.SetSelected("Ben Brook (Consultant, City General)")
	waitIdle(t)
	test.Tap(s.pairBtn)
	waitIdle(t)
	s.table.Select(widget.TableCellID{Row: 0, Col: 0})
	waitIdle(t)

	test.Tap(s.visitsBtn)
	waitIdle(t)
	e := s.visits
	if got := c.Focused(); got != e.date[0] {
		t.Fatalf("the cursor starts in %T, not the first date", got)
	}
	test.Type(e.date[0], "14/03/2026")
	waitIdle(t)
	typeKey(c, fyne.KeyEscape)
	waitIdle(t)
	if dialogOpen(ui) || s.pairs[0].Visits[0].Date != "" {
		t.Fatalf("Esc: open %v, date stored %q", dialogOpen(ui), s.pairs[0].Visits[0].Date)
	}

	test.Tap(s.visitsBtn)
	waitIdle(t)
	e = s.visits
	test.Type(e.date[0], "14/03/2026")
	waitIdle(t)
	// Enter in a notes box is a new line, not a save.
	typeInto(c, e.notes[0], "Parking")
	waitIdle(t)
	typeKey(c, fyne.KeyReturn)
	waitIdle(t)
	if !dialogOpen(ui) {
		t.Fatal("Enter in the notes closed the editor")
	}
	c.Focus(e.reflection[1])
	waitIdle(t)
	typeKey(c, fyne.KeyReturn)
	waitIdle(t)
	if dialogOpen(ui) {
		t.Fatalf("Enter on a tick box did not save: %q", e.problem.Text)
	}
	if got, want := s.pairs[0].Visits[0].Date, "2026-03-14"; got != want {
		t.Fatalf("stored date %q, want %q", got, want)
	}
}

func TestProjectFormKeys(t *testing.T) {
	ui, s, r := screenOnNewRound[*projectsScreen](t)
	c := ui.win.Canvas()
	typeInto(c, s.titleE, "Secretaries' directory")
	waitIdle(t)
	typeKey(c, fyne.KeyReturn)
	waitIdle(t)
	items, err := ui.db.Projects(context.Background(), r.ID)
	if err != nil || len(items) != 1 {
		t.Fatalf("Enter in Title: %d projects, %v", len(items), err)
	}
	test.DoubleTap(tableCell(t, s.table, 1, 0))
	waitIdle(t)
	if got := c.Focused(); got != s.titleE {
		t.Fatalf("double-click on a project put the cursor in %T, not its title", got)
	}
	test.Type(s.titleE, " (draft)")
	waitIdle(t)
	typeKey(c, fyne.KeyEscape)
	waitIdle(t)
	if got, want := s.titleE.Text, "Secretaries' directory"; got != want {
		t.Fatalf("Esc left %q in Title, want the stored %q", got, want)
	}
}

func TestQuestionEditKeys(t *testing.T) {
	ui, s, r := screenOnNewRound[*feedbackScreen](t)
	c := ui.win.Canvas()
	s.tabs.SelectIndex(2)
	waitIdle(t)
	s.qlist.Select(0)
	waitIdle(t)
	stored := s.qText.Text
	typeInto(c, s.qText, " (edited)")
	waitIdle(t)
	typeKey(c, fyne.KeyEscape)
	waitIdle(t)
	if s.qText.Text != stored {
		t.Fatalf("Esc left %q, want the stored %q", s.qText.Text, stored)
	}
	s.qText.SetText("Would you take part again?")
	waitIdle(t)
	c.Focus(s.qText)
	waitIdle(t)
	typeKey(c, fyne.KeyReturn)
	waitIdle(t)
	qs, _ := ui.db.Questions(context.Background(), r.ID)
	if got, want := qs[0].Text, "Would you take part again?"; got != want {
		t.Fatalf("after Enter question 1 is %q, want %q", got, want)
	}
}

func TestThemeEditorEscCloses(t *testing.T) {
	ui, s, _ := screenOnNewRound[*reflectionsScreen](t)
	c := ui.win.Canvas()
	s.editThemes()
	waitIdle(t)
	typeInto(c, s.themeDlg.name, "Patient safety")
	waitIdle(t)
	typeKey(c, fyne.KeyReturn)
	waitIdle(t)
	found := false
	for _, th := range s.themes {
		found = found || th.Name == "Patient safety"
	}
	if !found {
		t.Fatal("Enter in the new theme's name did not add it")
	}
	typeKey(c, fyne.KeyEscape)
	waitIdle(t)
	if dialogOpen(ui) {
		t.Fatal("Esc did not close the theme editor")
	}
}

func TestErrorAndDeleteQuestionsHearEsc(t *testing.T) {
	ui, s := participantsOnDemo(t)
	c := ui.win.Canvas()
	ui.showError(store.Errorf(store.EINVALID, "Something is wrong."))
	waitIdle(t)
	typeKey(c, fyne.KeyReturn)
	waitIdle(t)
	if dialogOpen(ui) {
		t.Fatal("Enter did not close the error")
	}
	s.table.Select(widget.TableCellID{Row: 0, Col: 0})
	waitIdle(t)
	before := len(s.all)
	test.Tap(s.deleteBtn)
	waitIdle(t)
	typeKey(c, fyne.KeyReturn)
	waitIdle(t)
	if got := len(s.all); got != before {
		t.Fatal("Enter deleted a participant: only the button may")
	}
	typeKey(c, fyne.KeyEscape)
	waitIdle(t)
	if dialogOpen(ui) {
		t.Fatal("Esc did not close the delete question")
	}
}

func TestDeleteRoundEnterNeedsTheName(t *testing.T) {
	ui, _, _ := screenOnNewRound[*dashboard](t)
	c := ui.win.Canvas()
	ui.showDeleteRound()
	waitIdle(t)
	if got := c.Focused(); got != ui.deleteRound {
		t.Fatalf("the cursor starts in %T, not the name box", got)
	}
	test.Type(ui.deleteRound, "R2")
	waitIdle(t)
	typeKey(c, fyne.KeyReturn)
	waitIdle(t)
	if rounds, _ := ui.db.Rounds(context.Background()); len(rounds) != 1 {
		t.Fatal("Enter deleted the round although its name was not typed")
	}
	typeKey(c, fyne.KeyEscape) // the error
	waitIdle(t)
	typeKey(c, fyne.KeyEscape) // nothing left: must not panic
	waitIdle(t)
	ui.showDeleteRound()
	waitIdle(t)
	test.Type(ui.deleteRound, "r1")
	waitIdle(t)
	typeKey(c, fyne.KeyReturn)
	waitIdle(t)
	if rounds, _ := ui.db.Rounds(context.Background()); len(rounds) != 0 {
		t.Fatalf("Enter with the name typed did not delete: %+v", rounds)
	}
}

func TestInviteQuestionsHearEnterAndEsc(t *testing.T) {
	ui, s := eventOnDemo(t)
	c := ui.win.Canvas()
	before := len(s.attendees)
	s.inviteAll()
	waitIdle(t)
	typeKey(c, fyne.KeyEscape)
	waitIdle(t)
	if dialogOpen(ui) || len(s.attendees) != before {
		t.Fatalf("Esc: dialog open %v, %d attendees, want %d", dialogOpen(ui), len(s.attendees), before)
	}
	s.inviteAll()
	waitIdle(t)
	typeKey(c, fyne.KeyReturn)
	waitIdle(t)
	if len(s.attendees) <= before {
		t.Fatalf("Enter did not invite: %d attendees, want more than %d", len(s.attendees), before)
	}
	// The "Invited" note with its Undo: Enter keeps them.
	typeKey(c, fyne.KeyReturn)
	waitIdle(t)
	if dialogOpen(ui) || len(s.attendees) <= before {
		t.Fatalf("Enter on the note: dialog open %v, %d attendees", dialogOpen(ui), len(s.attendees))
	}
}
