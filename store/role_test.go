package store

import "testing"

// TestParseRole checks roles and job titles as sign-up sheets give them,
// and that text naming no role is still rejected.
func TestParseRole(t *testing.T) {
	tests := []struct {
		in   string
		want Role
		ok   bool
	}{
		{"GP", RoleGP, true},
		{"General practitioner", RoleGP, true},
		{"GP trainee", RoleGP, true},
		{"GP registrar", RoleGP, true},
		{"GP partner", RoleGP, true},
		{"Salaried GP", RoleGP, true},
		{"General practice", RoleGP, true},
		{"General practitioner (locum)", RoleGP, true},
		{"GP-trainee", RoleGP, true},
		{"Consultant", RoleConsultant, true},
		{"Consultant Geriatrician", RoleConsultant, true},
		{"Consultant Physician", RoleConsultant, true},
		{"Consultant in Cardiology", RoleConsultant, true},
		{"consultant, renal", RoleConsultant, true},
		{"Consultant nurse", RoleNurse, true},
		{"GP / consultant", "", false}, // two boxes ticked: never guessed
		{"Other (please specify)", RoleOther, true},
		{"Practice nurse", RoleNurse, true},
		{"Consultant pharmacist", RolePharmacist, true},
		{"GP practice manager", RoleManager, true},
		{"HCA", RoleSupportWorker, true},
		{"Other", RoleOther, true},
		{"", "", false},
		{"Patient", "", false},
		{"General", "", false},
		{"Consultancy", "", false},
		{"GPX", "", false},
		{"Practitioner", "", false},
		{"Cardiology", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := ParseRole(tt.in)
			if got != tt.want || ok != tt.ok {
				t.Fatalf("ParseRole(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
			}
		})
	}
}
