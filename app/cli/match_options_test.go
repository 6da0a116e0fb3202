package cli

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/liaisonapp/liaison/app/tasks"
	"github.com/liaisonapp/liaison/store"
)

// TestMatchOptions pairs nurses and pharmacists with consultants by the
// command line's options, and checks they are saved with the round for
// the next run (and the GUI).
func TestMatchOptions(t *testing.T) {
	path := filepath.Join(t.TempDir(), "liaison.db")
	r := seedRound(t, path, "R",
		person("Nell Nurse", store.RoleNurse, "Old Bank Surgery", "", "East"),
		person("Phil Pharmacist", store.RolePharmacist, "Harbour View Surgery", "", "West"),
		person("Gail Green", store.RoleGP, "Quay Surgery", "", "East"),
		person("Ben Brook", store.RoleConsultant, "City General", "Geriatric medicine", "West"),
		person("Cleo Carter", store.RoleConsultant, "City General", "Renal", "East"),
	)

	code, stdout, stderr := run(t, "match", "--db", path, "--side-a", "nurse, pharmacist", "--side-b", "Consultant",
		"--weight", "locality=0", "--weight", "priority=10", "--priority", "renal")
	if code != 0 {
		t.Fatalf("match exited %d: %s", code, stderr)
	}
	for _, want := range []string{
		`Saved these matching options for "R"`,
		"Side A: Nurse, Pharmacist",
		"priority=10",
		"Suggested pairs for \"R\": 2",
		"priority specialty: Renal",
		"Gail Green (GP, Quay Surgery): role GP is on neither side of the matching",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}

	opt, err := tasks.LoadMatchOptions(context.Background(), openStore(t, path), r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := tasks.RoleList(opt.PrimaryRoles), "Nurse, Pharmacist"; got != want {
		t.Errorf("saved side A = %q, want %q", got, want)
	}
	if opt.LocalityWeight != 0 || opt.PriorityWeight != 10 || len(opt.PrioritySpecialties) != 1 {
		t.Errorf("saved options = %+v", opt)
	}

	// The next run, without flags, uses what was saved.
	code, stdout, stderr = run(t, "match", "--db", path)
	if code != 0 {
		t.Fatalf("match exited %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, `Matching options for "R"`) || !strings.Contains(stdout, "Side A: Nurse, Pharmacist") {
		t.Errorf("second run did not use the saved options:\n%s", stdout)
	}

	// --default-options goes back to GP with consultant.
	code, stdout, _ = run(t, "match", "--db", path, "--default-options")
	if code != 0 || !strings.Contains(stdout, "Side A: GP\n") || !strings.Contains(stdout, "Nell Nurse (Nurse, Old Bank Surgery): role Nurse is on neither side") {
		t.Errorf("--default-options exited %d:\n%s", code, stdout)
	}
}

// TestMatchManagersWithManagers puts managers on both sides: the two
// managers pair with each other and the GP still pairs with the consultant,
// with the pairs applied.
func TestMatchManagersWithManagers(t *testing.T) {
	path := filepath.Join(t.TempDir(), "liaison.db")
	seedRound(t, path, "R",
		person("Gail Green", store.RoleGP, "Quay Surgery", "", "East"),
		person("Ben Brook", store.RoleConsultant, "City General", "Renal", "East"),
		person("Mo Manager", store.RoleManager, "Harbour View Surgery", "", "West"),
		person("Meg Manager", store.RoleManager, "City General", "", "West"),
	)
	code, stdout, stderr := run(t, "match", "--db", path, "--side-a", "GP, manager", "--side-b", "consultant, manager", "--apply")
	if code != 0 {
		t.Fatalf("match exited %d: %s", code, stderr)
	}
	for _, want := range []string{"Side A: GP, Manager", "Side B: Consultant, Manager", "Suggested pairs for \"R\": 2",
		"Gail Green", "Meg Manager", "same locality: West"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	db := openStore(t, path)
	r, err := db.RoundByName(context.Background(), "R")
	if err != nil {
		t.Fatal(err)
	}
	ps, err := db.FindPairings(context.Background(), r.ID)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range ps {
		got = append(got, p.Primary.Name+" with "+p.Secondary.Name)
	}
	if len(got) != 2 || !slices.Contains(got, "Gail Green with Ben Brook") ||
		!slices.Contains(got, "Mo Manager with Meg Manager") && !slices.Contains(got, "Meg Manager with Mo Manager") {
		t.Errorf("stored pairs %v", got)
	}
}

func TestMatchOptionErrors(t *testing.T) {
	path := filepath.Join(t.TempDir(), "liaison.db")
	seedRound(t, path, "R", person("Ada Ashdown", store.RoleGP, "P", "", ""))
	for _, tt := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"UnknownWeight", []string{"--weight", "distance=3"}, 2, "NAME one of request, wish, locality, other-locality, new-specialty, priority"},
		{"NotANumber", []string{"--weight", "wish=lots"}, 2, `"lots" is not a number`},
		{"UnknownRole", []string{"--side-a", "surgeon"}, 2, `"surgeon" is not a role`},
		{"HugeWeight", []string{"--weight", "wish=5000"}, 1, "between -1000 and 1000"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := run(t, append([]string{"match", "--db", path}, tt.args...)...)
			if code != tt.code || !strings.Contains(stderr, tt.want) {
				t.Fatalf("exit %d, stderr %q; want exit %d and %q", code, stderr, tt.code, tt.want)
			}
		})
	}
	// Nothing was saved by the failed runs.
	code, stdout, _ := run(t, "match", "--db", path)
	if code != 0 || !strings.Contains(stdout, "Side A: GP\n") || !strings.Contains(stdout, "wish=3") {
		t.Errorf("a failed run changed the saved options:\n%s", stdout)
	}
}

func TestHelpCommand(t *testing.T) {
	code, stdout, _ := run(t, "help", "match")
	if code != 0 {
		t.Fatalf("help match exited %d", code)
	}
	for _, want := range append([]string{"--side-a ROLES", "--weight NAME=N", "--priority SPECIALTIES", "--apply"}, "wish", "other-locality", "new-specialty") {
		if !strings.Contains(stdout, want) {
			t.Errorf("help match lacks %q:\n%s", want, stdout)
		}
	}
	if code, stdout, _ := run(t, "help", "import", "participants"); code != 0 || !strings.Contains(stdout, "--round ROUND") {
		t.Errorf("help import participants exited %d:\n%s", code, stdout)
	}
	if code, stdout, _ := run(t, "match", "--help"); code != 0 || !strings.Contains(stdout, "--side-b ROLES") {
		t.Errorf("match --help exited %d:\n%s", code, stdout)
	}
	if code, _, stderr := run(t, "help", "matchh"); code != 2 || !strings.Contains(stderr, `unknown command "matchh"`) {
		t.Errorf("help matchh exited %d: %s", code, stderr)
	}
}
