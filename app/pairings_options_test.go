package app

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/liaisonapp/liaison/app/tasks"
	"github.com/liaisonapp/liaison/store"
)

// TestPairingsOptions puts nurses on side A through the Options… dialog of
// the suggest flow and checks the options are saved with the round and the
// suggestion is made again with them.
func TestPairingsOptions(t *testing.T) {
	nurse := store.Participant{Name: "Nell Nurse", Email: "nell@nhs.net", Role: store.RoleNurse, Organisation: "Quay Surgery"}
	ui, s := pairingsOn(t, append(fourPeople[:3:3], nurse)...)
	test.Tap(s.suggestBtn)
	waitIdle(t)
	if got := len(s.suggest.sug.Pairs); got != 1 {
		t.Fatalf("%d suggestions with the defaults, want 1 (one GP can have the one consultant)", got)
	}
	test.Tap(s.suggest.optionsBtn)
	waitIdle(t)
	d := s.options
	if d == nil {
		t.Fatal("Options… opened no dialog")
	}
	if got := d.sideA.Selected; len(got) != 1 || got[0] != "GP" {
		t.Fatalf("side A shows %v, want the default [GP]", got)
	}

	// A bad weight is refused in the dialog, nothing saved.
	test.Type(d.weights["wish"], "x")
	waitIdle(t)
	test.Tap(d.save)
	waitIdle(t)
	if !strings.Contains(d.problem.Text, "is not a number") {
		t.Fatalf("problem = %q, want the bad weight named", d.problem.Text)
	}
	d.weights["wish"].SetText("3")

	// A role may be on both sides (managers with managers).
	d.sideB.SetSelected([]string{"Consultant", "GP"})
	waitIdle(t)
	if opt, err := d.read(); err != nil || tasks.RoleList(opt.SecondaryRoles) != "GP, Consultant" {
		t.Fatalf("a role on both sides: %v, %v", opt.SecondaryRoles, err)
	}
	d.sideB.SetSelected([]string{"Consultant"})
	waitIdle(t)

	d.sideA.SetSelected([]string{"GP", "Nurse"})
	waitIdle(t)
	d.weights["priority"].SetText("5")
	d.priority.SetText("Geriatric medicine; ")
	waitIdle(t)
	test.Tap(d.save)
	waitIdle(t)
	if d.problem.Text != "" {
		t.Fatalf("problem = %q", d.problem.Text)
	}
	opt, err := tasks.LoadMatchOptions(context.Background(), ui.db, ui.round.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := tasks.RoleList(opt.PrimaryRoles), "GP, Nurse"; got != want {
		t.Errorf("saved side A = %q, want %q", got, want)
	}
	if opt.PriorityWeight != 5 || len(opt.PrioritySpecialties) != 1 || opt.PrioritySpecialties[0] != "Geriatric medicine" {
		t.Errorf("saved options = %+v", opt)
	}
	// The new suggestion uses them: the nurse is no longer "on neither side".
	for _, u := range s.suggest.sug.Unpaired {
		if u.Person.Name == "Nell Nurse" && strings.Contains(u.Why, "neither side") {
			t.Fatalf("the nurse is still on neither side: %s", u.Why)
		}
	}
	found := false
	for _, p := range s.suggest.sug.Pairs {
		found = found || strings.Contains(p.Reason, "priority specialty: Geriatric medicine")
	}
	if !found {
		t.Errorf("no suggested pair gives the priority specialty as its reason: %+v", s.suggest.sug.Pairs)
	}
}
