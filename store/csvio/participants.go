package csvio

import (
	"fmt"
	"io"
	"strings"

	"github.com/liaisonapp/liaison/store"
)

// The participant fields an import fills, as used in
// ParticipantImport.Mapping.
const (
	FieldName         = "name"
	FieldEmail        = "email"
	FieldRole         = "role"
	FieldOrganisation = "organisation"
	FieldSpecialty    = "specialty"
	FieldLocality     = "locality"
	FieldWishes       = "wishes"
	FieldPlaces       = "places"
	FieldRequest      = "request"
)

// Fields lists the participant fields in the order the GUI shows a mapping.
var Fields = []string{FieldName, FieldEmail, FieldRole, FieldOrganisation, FieldSpecialty, FieldLocality, FieldWishes, FieldPlaces, FieldRequest}

// firstNameField and lastNameField are the halves of a split name; they
// are not in Fields because together they fill FieldName.
const (
	firstNameField = "first name"
	lastNameField  = "last name"
)

// synonyms maps each normalised header people use on sign-up sheets to the
// field it fills.
var synonyms = func() map[string]string {
	m := map[string]string{}
	add := func(field string, headers ...string) {
		for _, h := range headers {
			m[Normalize(h)] = field
		}
	}
	add(FieldName, "Name", "Full name")
	add(firstNameField, "First name", "Forename", "Given name")
	add(lastNameField, "Last name", "Surname", "Family name")
	add(FieldEmail, "Email", "Email address", "E-mail")
	add(FieldRole, "Role", "Profession", "Job role")
	add(FieldOrganisation, "Organisation", "Organization", "Practice", "Trust")
	add(FieldSpecialty, "Specialty", "Speciality")
	add(FieldLocality, "Locality", "PCN", "Area")
	for _, w := range []string{"Wished", "Preferred"} {
		for _, s := range []string{"specialty", "specialties", "speciality", "specialities"} {
			add(FieldWishes, w+" "+s)
		}
	}
	add(FieldWishes, "Specialty wanted", "Speciality wanted", "Specialties wanted", "Specialities wanted")
	add(FieldPlaces, "Places", "Visitors", "Capacity", "Places offered", "Number of visitors", "Number of places", "Max visitors")
	add(FieldRequest, "Request", "Would like to be paired with", "Paired with", "Requested partner", "Preferred partner", "Partner request")
	return m
}()

// headerField maps a header to the field it fills: by the synonyms first,
// then, for the longer headers forms tools write ("Practice / Trust",
// "PCN / locality", "Specialties you'd like to shadow", "NHS email"), by
// the words in it. The preview shows the mapping, so a guess is seen
// before anything is written.
func headerField(h string) (string, bool) {
	n := Normalize(h)
	if f, ok := synonyms[n]; ok {
		return f, true
	}
	has := func(words ...string) bool {
		for _, w := range words {
			if strings.Contains(n, w) {
				return true
			}
		}
		return false
	}
	switch {
	case n == "":
		return "", false
	case has("pairedwith", "pairwith", "preferredpartner", "partnerrequest", "requestedpartner"):
		return FieldRequest, true
	case has("visitors", "places", "capacity", "howmany"):
		return FieldPlaces, true
	case has("shadow", "wish", "wouldliketo", "preferredspecial", "specialtiesofinterest", "specialtyofinterest"):
		return FieldWishes, true
	case has("email"):
		return FieldEmail, true
	case has("firstname", "forename", "givenname"):
		return firstNameField, true
	case has("lastname", "surname", "familyname"):
		return lastNameField, true
	case has("pcn", "locality", "primarycarenetwork"):
		return FieldLocality, true
	case has("practice", "trust", "organisation", "organization", "employer", "workplace"):
		return FieldOrganisation, true
	case has("specialty", "speciality", "specialism", "department"):
		return FieldSpecialty, true
	case has("jobrole", "jobtitle", "profession", "yourrole", "describesyourrole", "staffgroup"):
		return FieldRole, true
	case has("fullname", "yourname"):
		return FieldName, true
	}
	return "", false
}

// ParticipantImport is a sign-up sheet read and checked, ready for the GUI
// to preview and, when Problems is empty, for the store to upsert. Nothing
// here has touched the database.
type ParticipantImport struct {
	// Rows holds every non-blank row, problems or not, so a preview can show
	// the file as it is.
	Rows []ParticipantRow
	// Mapping maps each field found (FieldName, FieldEmail, ...) to the
	// file's header(s) that fill it, such as "First name + Last name" or
	// "Practice or Trust".
	Mapping map[string]string
	// Ignored lists, in file order, the headers that fill no field.
	Ignored []string
	// Problems lists everything wrong with the file, in line order. The
	// import is all or nothing: any problem means nothing may be written.
	Problems []Problem
	// Encoding is the file's encoding, as in Table.Encoding.
	Encoding string
}

// ParticipantRow is one participant as read from the file.
type ParticipantRow struct {
	// Line is the physical line where the row starts (the header is line 1).
	Line int
	P    store.Participant
}

// Problem is one thing wrong in an imported file, named precisely enough
// for the organiser to find and fix it in Excel.
type Problem struct {
	Line int
	// Column is the file's header for the cell, or "" for a problem with
	// the file as a whole.
	Column string
	// Value is the cell as read (trimmed), or "" when it was empty.
	Value string
	// Reason says what is wrong. When Value is set it reads on from the
	// quoted value: "is not a well-formed email address".
	Reason string
}

// String renders the problem as one line, such as
// `line 7, column "Email": "bob@" is not a well-formed email address`.
func (p Problem) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "line %d", p.Line)
	if p.Column != "" {
		fmt.Fprintf(&b, ", column %q", p.Column)
	}
	b.WriteString(": ")
	if p.Value != "" {
		fmt.Fprintf(&b, "%q ", p.Value)
	}
	b.WriteString(p.Reason)
	return b.String()
}

// Participants returns the participants read, in file order, for
// store.ParticipantService.UpsertParticipants.
func (imp *ParticipantImport) Participants() []store.Participant {
	ps := make([]store.Participant, len(imp.Rows))
	for i, r := range imp.Rows {
		ps[i] = r.P
	}
	return ps
}

// ReadParticipants reads a sign-up sheet (see Read for the CSV it accepts),
// maps its headers to participant fields by the usual synonyms, and checks
// every row, collecting every problem rather than stopping at the first.
// The error is non-nil only when the file cannot be read as CSV at all.
func ReadParticipants(r io.Reader) (*ParticipantImport, error) {
	t, err := Read(r)
	if err != nil {
		return nil, err
	}
	imp := &ParticipantImport{Mapping: map[string]string{}, Encoding: t.Encoding}

	cols := map[string][]int{}  // field → columns that fill it, in file order
	firstAt := map[string]int{} // normalised header → its first column
	for i, h := range t.Header {
		field, ok := headerField(h)
		if !ok {
			if h != "" {
				imp.Ignored = append(imp.Ignored, h)
			}
			continue
		}
		// Two columns with the same header: reading either silently could
		// take the stale one, so the organiser must say which.
		if at, dup := firstAt[Normalize(h)]; dup {
			imp.problem(t.HeaderLine, h, "", fmt.Sprintf("is the header of columns %d and %d: delete or rename one so that Liaison knows which to read", at+1, i+1))
			continue
		}
		firstAt[Normalize(h)] = i
		cols[field] = append(cols[field], i)
	}
	names := func(cs []int, sep string) string {
		hs := make([]string, len(cs))
		for i, c := range cs {
			hs[i] = t.Header[c]
		}
		return strings.Join(hs, sep)
	}
	for _, f := range Fields {
		if cs := cols[f]; len(cs) > 0 {
			imp.Mapping[f] = names(cs, " or ")
		}
	}

	// The name is one column, or a first and a last name put together.
	first, last := cols[firstNameField], cols[lastNameField]
	nameColumn := imp.Mapping[FieldName]
	switch {
	case len(first) > 0 && len(last) > 0:
		split := names(first, " or ") + " + " + names(last, " or ")
		if nameColumn == "" {
			nameColumn = split
			imp.Mapping[FieldName] = split
		} else {
			imp.Mapping[FieldName] += " or " + split
		}
	case len(first) > 0 && nameColumn == "":
		imp.problem(t.HeaderLine, "", "", fmt.Sprintf("there is a first-name column (%q) but no last-name column: add \"Last name\" (or \"Surname\", \"Family name\")", names(first, ", ")))
	case len(last) > 0 && nameColumn == "":
		imp.problem(t.HeaderLine, "", "", fmt.Sprintf("there is a last-name column (%q) but no first-name column: add \"First name\" (or \"Forename\", \"Given name\")", names(last, ", ")))
	case nameColumn == "":
		imp.problem(t.HeaderLine, "", "", "no column gives the participant's name: add a \"Name\" column, or \"First name\" and \"Last name\"")
	}
	if len(cols[FieldRole]) == 0 {
		imp.problem(t.HeaderLine, "", "", "no column gives the participant's role: add a \"Role\" column (\"Profession\" and \"Job role\" are read too)")
	}
	if len(t.Rows) == 0 {
		imp.problem(t.HeaderLine, "", "", "the file has a header but no participants")
	}

	// cell returns the first non-blank cell among cs, with its header.
	cell := func(row Row, cs []int) (string, string) {
		for _, c := range cs {
			if v := strings.TrimSpace(row.Cells[c]); v != "" {
				return v, t.Header[c]
			}
		}
		if len(cs) > 0 {
			return "", t.Header[cs[0]]
		}
		return "", ""
	}
	seen := map[string]int{} // lower-cased email → line first seen
	for _, row := range t.Rows {
		var p store.Participant
		var col string
		if p.Name, _ = cell(row, cols[FieldName]); p.Name == "" {
			f, _ := cell(row, first)
			l, _ := cell(row, last)
			p.Name = strings.TrimSpace(f + " " + l)
		}
		if p.Name == "" && nameColumn != "" {
			imp.problem(row.Line, nameColumn, "", "a name is required")
		}

		var role string
		role, col = cell(row, cols[FieldRole])
		switch r, ok := store.ParseRole(role); {
		case len(cols[FieldRole]) == 0:
		case role == "":
			imp.problem(row.Line, col, "", "a role is required: "+roleList())
		case !ok:
			imp.problem(row.Line, col, role, "is not a role Liaison knows: "+roleList())
		default:
			p.Role = r
		}

		p.Email, col = cell(row, cols[FieldEmail])
		if p.Email != "" {
			key := strings.ToLower(p.Email)
			if reason := store.EmailProblem(p.Email); reason != "" {
				imp.problem(row.Line, col, p.Email, reason)
			} else if line, dup := seen[key]; dup {
				imp.problem(row.Line, col, p.Email, fmt.Sprintf("is also on line %d (each email may appear once, ignoring capitals)", line))
			} else {
				seen[key] = row.Line
			}
		}

		p.Organisation, _ = cell(row, cols[FieldOrganisation])
		p.Specialty, _ = cell(row, cols[FieldSpecialty])
		p.Locality, _ = cell(row, cols[FieldLocality])
		wishes, _ := cell(row, cols[FieldWishes])
		p.Wishes = SplitWishes(wishes)
		p.Request, _ = cell(row, cols[FieldRequest])
		var places string
		places, col = cell(row, cols[FieldPlaces])
		if n, ok := ParsePlaces(places); ok {
			p.Places = n
		} else {
			imp.problem(row.Line, col, places, fmt.Sprintf("is not a number of places: give a whole number from 1 to %d, or leave it empty for one", store.MaxPlaces))
		}

		if len(row.Cells) > len(t.Header) {
			for i, c := range row.Cells[len(t.Header):] {
				if v := strings.TrimSpace(c); v != "" {
					imp.problem(row.Line, "", v, fmt.Sprintf("is in column %d, beyond the header's %d columns: is a comma inside a value that is not in double quotes?", len(t.Header)+i+1, len(t.Header)))
					break
				}
			}
		}
		imp.Rows = append(imp.Rows, ParticipantRow{Line: row.Line, P: p})
	}
	return imp, nil
}

func (imp *ParticipantImport) problem(line int, column, value, reason string) {
	imp.Problems = append(imp.Problems, Problem{Line: line, Column: column, Value: value, Reason: reason})
}

// roleList names the allowed roles, for reasons that must say how to fix
// an unknown one.
func roleList() string {
	labels := make([]string, len(store.Roles))
	for i, r := range store.Roles {
		labels[i] = r.Label()
	}
	return "use one of " + strings.Join(labels, ", ")
}

// SplitWishes splits a list of wished-for specialties on semicolons or
// commas, dropping blanks and repeats (ignoring capitals). The import and
// the GUI's participant form both use it, so a list typed either way is
// stored the same.
func SplitWishes(s string) []string {
	var out []string
	seen := map[string]bool{}
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == ',' }) {
		w = strings.TrimSpace(w)
		if k := strings.ToLower(w); w != "" && !seen[k] {
			seen[k] = true
			out = append(out, w)
		}
	}
	return out
}

// placeWords are the numbers of places people write in words.
var placeWords = map[string]int{"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}

// ParsePlaces reads how many places (partners) someone offers: "2", "3
// visitors", "two". Empty is 0, meaning not given (one place). The import
// and the GUI's participant form both use it.
func ParsePlaces(s string) (int, bool) {
	words := strings.Fields(strings.ToLower(s))
	if len(words) == 0 {
		return 0, true
	}
	w := words[0]
	if n, ok := placeWords[w]; ok {
		return n, true
	}
	n := 0
	for _, r := range w {
		if r < '0' || r > '9' {
			return 0, false
		}
		n = n*10 + int(r-'0')
		if n > store.MaxPlaces {
			return 0, false
		}
	}
	return n, n >= 1
}
