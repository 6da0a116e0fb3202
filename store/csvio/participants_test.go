package csvio

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/liaisonapp/liaison/store"
)

func mustReadParticipants(t *testing.T, in string) *ParticipantImport {
	t.Helper()
	imp, err := ReadParticipants(strings.NewReader(in))
	if err != nil {
		t.Fatalf("ReadParticipants: %v", err)
	}
	return imp
}

func problemStrings(ps []Problem) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.String()
	}
	return out
}

func TestReadParticipants(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		encoding string
		want     []ParticipantRow
	}{
		{
			name:     "plain headers, CRLF",
			in:       "Name,Email,Role,Organisation,Specialty,Locality\r\nAnn Lee,ann@nhs.net,GP,Oak Surgery,,East\r\nBob Ray,bob@uhs.nhs.uk,Consultant,UHS,Geriatric medicine,West\r\n",
			encoding: "UTF-8",
			want: []ParticipantRow{
				{2, store.Participant{Name: "Ann Lee", Email: "ann@nhs.net", Role: store.RoleGP, Organisation: "Oak Surgery", Locality: "East"}},
				{3, store.Participant{Name: "Bob Ray", Email: "bob@uhs.nhs.uk", Role: store.RoleConsultant, Organisation: "UHS", Specialty: "Geriatric medicine", Locality: "West"}},
			},
		},
		{
			name:     "BOM, LF, spaces trimmed",
			in:       "\ufeffName , Role\n  Ann Lee  ,  gp \n",
			encoding: "UTF-8 with BOM",
			want:     []ParticipantRow{{2, store.Participant{Name: "Ann Lee", Role: store.RoleGP}}},
		},
		{
			name:     "Windows-1252 semicolon file from Excel",
			in:       "Forename;Surname;Job role;Practice\r\nRen\xe9e;O\x92Brien;Practice nurse;St Mary\x92s \xa3\r\n",
			encoding: "Windows-1252",
			want:     []ParticipantRow{{2, store.Participant{Name: "Renée O’Brien", Role: store.RoleNurse, Organisation: "St Mary’s £"}}},
		},
		{
			name:     "quoted cells with commas, quotes and line breaks",
			in:       "Name,Role,Trust\r\n\"Lee, Ann \"\"Annie\"\"\",GP,\"Smith, Jones\r\nand Partners\"\r\nBob,Consultant,UHS\r\n",
			encoding: "UTF-8",
			want: []ParticipantRow{
				{2, store.Participant{Name: "Lee, Ann \"Annie\"", Role: store.RoleGP, Organisation: "Smith, Jones\nand Partners"}},
				{4, store.Participant{Name: "Bob", Role: store.RoleConsultant, Organisation: "UHS"}},
			},
		},
		{
			name:     "first and last name put together",
			in:       "First name,Last name,Role\nAnn,Lee,GP\n,Ray,Consultant\n",
			encoding: "UTF-8",
			want: []ParticipantRow{
				{2, store.Participant{Name: "Ann Lee", Role: store.RoleGP}},
				{3, store.Participant{Name: "Ray", Role: store.RoleConsultant}},
			},
		},
		{
			name:     "Name column wins, split name fills in when it is blank",
			in:       "Name,Given name,Family name,Role\nDr Ann Lee,Ann,Lee,GP\n,Bob,Ray,GP\n",
			encoding: "UTF-8",
			want: []ParticipantRow{
				{2, store.Participant{Name: "Dr Ann Lee", Role: store.RoleGP}},
				{3, store.Participant{Name: "Bob Ray", Role: store.RoleGP}},
			},
		},
		{
			name:     "practice or trust, first non-blank",
			in:       "Name,Role,Practice,Trust\nAnn,GP,Oak Surgery,\nBob,Consultant,,UHS\n",
			encoding: "UTF-8",
			want: []ParticipantRow{
				{2, store.Participant{Name: "Ann", Role: store.RoleGP, Organisation: "Oak Surgery"}},
				{3, store.Participant{Name: "Bob", Role: store.RoleConsultant, Organisation: "UHS"}},
			},
		},
		{
			name:     "wished specialties split on ; and , without repeats",
			in:       "Name,Role,Preferred speciality\nAnn,GP,\"Geriatrics; Cardiology, geriatrics ;;\"\nBob,GP,\n",
			encoding: "UTF-8",
			want: []ParticipantRow{
				{2, store.Participant{Name: "Ann", Role: store.RoleGP, Wishes: []string{"Geriatrics", "Cardiology"}}},
				{3, store.Participant{Name: "Bob", Role: store.RoleGP}},
			},
		},
		{
			name:     "blank rows skipped, lines kept",
			in:       "Name,Role\n,\nAnn,GP\n\n , \nBob,HCA\n",
			encoding: "UTF-8",
			want: []ParticipantRow{
				{3, store.Participant{Name: "Ann", Role: store.RoleGP}},
				{6, store.Participant{Name: "Bob", Role: store.RoleSupportWorker}},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			imp := mustReadParticipants(t, tt.in)
			if len(imp.Problems) > 0 {
				t.Fatalf("Problems = %q, want none", problemStrings(imp.Problems))
			}
			if got, want := imp.Encoding, tt.encoding; got != want {
				t.Fatalf("Encoding = %q, want %q", got, want)
			}
			if got, want := imp.Rows, tt.want; !reflect.DeepEqual(got, want) {
				t.Fatalf("Rows = %+v\nwant %+v", got, want)
			}
		})
	}
}

func TestReadParticipantsSynonyms(t *testing.T) {
	tests := []struct {
		header string
		field  string
	}{
		{"Name", FieldName}, {"Full name", FieldName},
		{"Email", FieldEmail}, {"Email address", FieldEmail}, {"E-mail", FieldEmail}, {"E_MAIL ADDRESS", FieldEmail},
		{"Role", FieldRole}, {"Profession", FieldRole}, {"Job role", FieldRole},
		{"Organisation", FieldOrganisation}, {"Organization", FieldOrganisation}, {"Practice", FieldOrganisation}, {"Trust", FieldOrganisation},
		{"Specialty", FieldSpecialty}, {"Speciality", FieldSpecialty},
		{"Locality", FieldLocality}, {"PCN", FieldLocality}, {"Area", FieldLocality},
		{"Wished specialties", FieldWishes}, {"Preferred specialty", FieldWishes}, {"Specialty wanted", FieldWishes},
		{"Preferred speciality", FieldWishes},
	}
	for _, tt := range tests {
		t.Run(tt.header, func(t *testing.T) {
			// Put the synonym beside the minimum columns, unless it is one.
			header, row := []string{tt.header}, []string{"x@example.org"}
			switch tt.field {
			case FieldName:
				header, row = append(header, "Role"), []string{"Ann", "GP"}
			case FieldRole:
				header, row = append(header, "Name"), []string{"GP", "Ann"}
			default:
				header, row = append(header, "Name", "Role"), append(row, "Ann", "GP")
			}
			in := strings.Join(header, ",") + "\n" + strings.Join(row, ",") + "\n"
			imp := mustReadParticipants(t, in)
			if len(imp.Problems) > 0 {
				t.Fatalf("Problems = %q, want none", problemStrings(imp.Problems))
			}
			if got, want := imp.Mapping[tt.field], tt.header; got != want {
				t.Fatalf("Mapping[%q] = %q, want %q", tt.field, got, want)
			}
			if len(imp.Ignored) != 0 {
				t.Fatalf("Ignored = %q, want none", imp.Ignored)
			}
			p := imp.Rows[0].P
			got := map[string]string{
				FieldName: p.Name, FieldEmail: p.Email, FieldRole: string(p.Role), FieldOrganisation: p.Organisation,
				FieldSpecialty: p.Specialty, FieldLocality: p.Locality, FieldWishes: strings.Join(p.Wishes, ";"),
			}[tt.field]
			want := map[string]string{FieldName: "Ann", FieldRole: "gp"}[tt.field]
			if want == "" {
				want = "x@example.org"
			}
			if got != want {
				t.Fatalf("%s = %q, want %q", tt.field, got, want)
			}
		})
	}
}

func TestReadParticipantsMapping(t *testing.T) {
	imp := mustReadParticipants(t, "Timestamp,Forename,Surname,Practice,Trust,Role,Dietary needs,\nx,Ann,Lee,Oak,,GP,none,\n")
	want := map[string]string{
		FieldName:         "Forename + Surname",
		FieldOrganisation: "Practice or Trust",
		FieldRole:         "Role",
	}
	if got := imp.Mapping; !reflect.DeepEqual(got, want) {
		t.Fatalf("Mapping = %q, want %q", got, want)
	}
	if got, want := imp.Ignored, []string{"Timestamp", "Dietary needs"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("Ignored = %q, want %q", got, want)
	}
	if got, want := imp.Participants(), []store.Participant{{Name: "Ann Lee", Role: store.RoleGP, Organisation: "Oak"}}; !reflect.DeepEqual(got, want) {
		t.Fatalf("Participants() = %+v, want %+v", got, want)
	}
}

func TestReadParticipantsProblems(t *testing.T) {
	roles := "use one of GP, Consultant, Nurse, Manager, Pharmacist, Support worker, Other"
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{
			name: "no name column",
			in:   "Email,Role\na@b.org,GP\n",
			want: []string{`line 1: no column gives the participant's name: add a "Name" column, or "First name" and "Last name"`},
		},
		{
			name: "no role column",
			in:   "Name,Email\nAnn,a@b.org\n",
			want: []string{`line 1: no column gives the participant's role: add a "Role" column ("Profession" and "Job role" are read too)`},
		},
		{
			name: "neither, on a semicolon file read as such",
			in:   "Nom;Courriel\nAnn;a@b.org\n",
			want: []string{
				`line 1: no column gives the participant's name: add a "Name" column, or "First name" and "Last name"`,
				`line 1: no column gives the participant's role: add a "Role" column ("Profession" and "Job role" are read too)`,
			},
		},
		{
			name: "first name without last name",
			in:   "First name,Role\nAnn,GP\n",
			want: []string{`line 1: there is a first-name column ("First name") but no last-name column: add "Last name" (or "Surname", "Family name")`},
		},
		{
			name: "last name without first name",
			in:   "Surname,Role\nLee,GP\n",
			want: []string{`line 1: there is a last-name column ("Surname") but no first-name column: add "First name" (or "Forename", "Given name")`},
		},
		{
			name: "header but no rows",
			in:   "Name,Role\r\n,\r\n",
			want: []string{`line 1: the file has a header but no participants`},
		},
		{
			name: "missing name and role",
			in:   "Name,Role,Email\nAnn,GP,a@b.org\n,,c@d.org\n",
			want: []string{
				`line 3, column "Name": a name is required`,
				`line 3, column "Role": a role is required: ` + roles,
			},
		},
		{
			name: "missing split name names both columns",
			in:   "First name,Last name,Role\n,,GP\n",
			want: []string{`line 2, column "First name + Last name": a name is required`},
		},
		{
			name: "unknown role",
			in:   "Name,Job role\nAnn,Doctor\n",
			want: []string{`line 2, column "Job role": "Doctor" is not a role Liaison knows: ` + roles},
		},
		{
			name: "malformed emails",
			in: "Name,Role,E-mail\n" +
				"A,GP,bob@\n" +
				"B,GP,bob.nhs.net\n" +
				"C,GP,bob@@nhs.net\n" +
				"D,GP,bob smith@nhs.net\n" +
				"E,GP,bob@nhs\n" +
				"F,GP,Bob <bob@nhs.net>\n" +
				"G,GP,@nhs.net\n" +
				"H,GP,bob@nhs..net\n" +
				"I,GP,bob@.nhs.net\n" +
				"J,GP,bob(x)@nhs.net\n",
			want: []string{
				`line 2, column "E-mail": "bob@" is not a well-formed email address`,
				`line 3, column "E-mail": "bob.nhs.net" is not a well-formed email address (it needs exactly one @)`,
				`line 4, column "E-mail": "bob@@nhs.net" is not a well-formed email address (it needs exactly one @)`,
				`line 5, column "E-mail": "bob smith@nhs.net" is not a well-formed email address (it contains a space)`,
				`line 6, column "E-mail": "bob@nhs" is not a well-formed email address`,
				`line 7, column "E-mail": "Bob <bob@nhs.net>" is not a well-formed email address (it contains a space)`,
				`line 8, column "E-mail": "@nhs.net" is not a well-formed email address`,
				`line 9, column "E-mail": "bob@nhs..net" is not a well-formed email address`,
				`line 10, column "E-mail": "bob@.nhs.net" is not a well-formed email address`,
				`line 11, column "E-mail": "bob(x)@nhs.net" is not a well-formed email address`,
			},
		},
		{
			name: "duplicate emails ignoring case name both lines",
			in:   "Name,Role,Email\nAnn,GP,ann@nhs.net\nBob,GP,bob@nhs.net\nAnn again,GP,ANN@NHS.NET\nAnn thrice,GP,Ann@nhs.net\n",
			want: []string{
				`line 4, column "Email": "ANN@NHS.NET" is also on line 2 (each email may appear once, ignoring capitals)`,
				`line 5, column "Email": "Ann@nhs.net" is also on line 2 (each email may appear once, ignoring capitals)`,
			},
		},
		{
			name: "lines are physical when a cell has line breaks",
			in:   "Name,Role,Notes\nAnn,GP,\"two\nlines\"\nBob,Surgeon,x\n",
			want: []string{`line 4, column "Role": "Surgeon" is not a role Liaison knows: ` + roles},
		},
		{
			name: "an unquoted comma spills into extra cells",
			in:   "Name,Role,Practice\nAnn,GP,Smith, Jones and Partners\nBob,GP,Oak,\n",
			want: []string{`line 2: "Jones and Partners" is in column 4, beyond the header's 3 columns: is a comma inside a value that is not in double quotes?`},
		},
		{
			name: "a header given twice",
			in:   "Name,Name,Email,Role\nAnn Old,Ann New,a@b.org,GP\n",
			want: []string{`line 1, column "Name": is the header of columns 1 and 2: delete or rename one so that Liaison knows which to read`},
		},
		{
			name: "a header given twice in other capitals and punctuation",
			in:   "Name,E-mail,Role,email\nAnn,a@b.org,GP,b@b.org\n",
			want: []string{`line 1, column "email": is the header of columns 2 and 4: delete or rename one so that Liaison knows which to read`},
		},
		{
			name: "two different headers for one field are read, not a problem",
			in:   "Name,Email,Email address,Role\nAnn,,a@b.org,GP\n",
			want: []string{},
		},
		{
			name: "every problem in a row is reported",
			in:   "Name,Role,Email\n,Vicar,x@\n",
			want: []string{
				`line 2, column "Name": a name is required`,
				`line 2, column "Role": "Vicar" is not a role Liaison knows: ` + roles,
				`line 2, column "Email": "x@" is not a well-formed email address`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			imp := mustReadParticipants(t, tt.in)
			if got, want := problemStrings(imp.Problems), tt.want; !reflect.DeepEqual(got, want) {
				t.Fatalf("Problems =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}

func TestReadParticipantsUnreadable(t *testing.T) {
	_, err := ReadParticipants(strings.NewReader("Name,Role\nAnn \"A\",GP\n"))
	if got, want := store.ErrorCode(err), store.EINVALID; got != want {
		t.Fatalf("ErrorCode = %q, want %q (err %v)", got, want, err)
	}
	if got, want := store.ErrorMessage(err), "Line 2, column 5"; !strings.HasPrefix(got, want) {
		t.Fatalf("message = %q, want it to start with %q", got, want)
	}
}

func TestProblemString(t *testing.T) {
	tests := []struct {
		p    Problem
		want string
	}{
		{Problem{7, "Email", "bob@", "is not a well-formed email address"}, `line 7, column "Email": "bob@" is not a well-formed email address`},
		{Problem{3, "Name", "", "a name is required"}, `line 3, column "Name": a name is required`},
		{Problem{1, "", "", "no column gives the role"}, `line 1: no column gives the role`},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := tt.p.String(); got != tt.want {
				t.Fatalf("String() = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestExportEditImportRoundTrips checks that cells our export defused
// against formulas come back as they were when the file is imported again.
func TestExportEditImportRoundTrips(t *testing.T) {
	want := store.Participant{Name: "=HYPERLINK(\"http://x\",\"Ann\")", Role: store.RoleGP, Organisation: "+44 1234", Specialty: "-", Locality: "@North"}
	var b bytes.Buffer
	err := WriteRows(&b, []string{"Name", "Role", "Organisation", "Specialty", "Locality"},
		[][]string{{want.Name, want.Role.Label(), want.Organisation, want.Specialty, want.Locality}})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "'+44 1234") {
		t.Fatalf("the export did not defuse the cell: %q", b.String())
	}
	imp, err := ReadParticipants(&b)
	if err != nil || len(imp.Problems) > 0 || len(imp.Rows) != 1 {
		t.Fatalf("reading the export: %+v, %v", imp, err)
	}
	if got := imp.Rows[0].P; !reflect.DeepEqual(got, want) {
		t.Fatalf("read back %+v, want %+v", got, want)
	}
}

// FuzzReadParticipants checks that no file, however broken, panics the
// importer, that unreadable files come back as EINVALID, and that every
// problem and row names a real line.
func FuzzReadParticipants(f *testing.F) {
	f.Add([]byte("Name,Email,Role\r\nAnn,ann@nhs.net,GP\r\n"))
	f.Add([]byte("\xef\xbb\xbfFirst name;Surname;Job role\nRen\xe9e;O'Brien;Nurse\n"))
	f.Add([]byte("Name,Role\rAnn,GP\r'=Bo,'+Consultant\r"))
	f.Fuzz(func(t *testing.T, data []byte) {
		imp, err := ReadParticipants(bytes.NewReader(data))
		if err != nil {
			if got := store.ErrorCode(err); got != store.EINVALID {
				t.Fatalf("ErrorCode = %q, want %q (err %v)", got, store.EINVALID, err)
			}
			return
		}
		for _, p := range imp.Problems {
			if p.Line < 1 {
				t.Fatalf("problem %q has line %d", p, p.Line)
			}
		}
		for _, r := range imp.Rows {
			if r.Line < 2 {
				t.Fatalf("row %+v has line %d, before any header", r, r.Line)
			}
		}
	})
}

// participantsFile returns a sign-up sheet of n rows, with the mixture of
// quoting and synonyms that real ones have.
func participantsFile(n int) []byte {
	var b bytes.Buffer
	b.WriteString("\ufeffTimestamp,First name,Surname,Email address,Job role,Practice,Trust,Speciality,PCN,Preferred specialty\r\n")
	roles := []string{"GP", "Consultant", "Practice nurse", "Pharmacist"}
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "2024-03-%02d 09:%02d,Person%d,\"O'Neill, %d\",person%d@nhs.net,%s,\"Surgery %d, High St\",Trust %d,Cardiology,PCN %d,\"Geriatrics; Dermatology\"\r\n",
			i%28+1, i%60, i, i, i, roles[i%len(roles)], i%300, i%20, i%40)
	}
	return b.Bytes()
}

func BenchmarkReadParticipants10k(b *testing.B) {
	data := participantsFile(10000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		imp, err := ReadParticipants(bytes.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
		if len(imp.Rows) != 10000 || len(imp.Problems) != 0 {
			b.Fatalf("read %d rows with %d problems", len(imp.Rows), len(imp.Problems))
		}
	}
}

func TestHeaderFieldForFormsToolHeaders(t *testing.T) {
	for h, want := range map[string]string{
		"Practice / Trust": FieldOrganisation, "PCN / locality": FieldLocality,
		"Specialties you'd like to shadow": FieldWishes, "NHS email address": FieldEmail,
		"Which best describes your role?": FieldRole, "Your name": FieldName, "Specialty / department": FieldSpecialty,
		"Surname": lastNameField, "Email": FieldEmail, "Timestamp": "", "Any dietary needs?": "",
	} {
		got, _ := headerField(h)
		if got != want {
			t.Errorf("headerField(%q) = %q, want %q", h, got, want)
		}
	}
}
