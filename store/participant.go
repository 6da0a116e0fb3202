package store

import (
	"net/mail"
	"strings"
)

// ValidateParticipant checks a participant as the store will: name and role
// required, role known, email well formed when given.
func ValidateParticipant(p *Participant) error {
	// One line each, single spaces: a line break pasted into a cell would
	// otherwise split a name across table rows and CSV lines.
	p.Name = OneLine(p.Name)
	p.Email = strings.TrimSpace(p.Email)
	p.Organisation = OneLine(p.Organisation)
	p.Specialty = OneLine(p.Specialty)
	p.Locality = OneLine(p.Locality)
	p.Request = OneLine(p.Request)
	if p.Name == "" {
		return Errorf(EINVALID, "A participant needs a name.")
	}
	if p.Places < 0 || p.Places > MaxPlaces {
		return Errorf(EINVALID, "%s offers %d places; a participant takes between 1 and %d partners.", p.Name, p.Places, MaxPlaces)
	}
	for field, v := range map[string]string{"name": p.Name, "email": p.Email, "organisation": p.Organisation, "specialty": p.Specialty, "locality": p.Locality, "request": p.Request} {
		if len(v) > MaxText {
			return Errorf(EINVALID, "The %s %q… is %d characters long; Liaison keeps at most %d.", field, v[:40], len(v), MaxText)
		}
	}
	if p.Role == "" {
		return Errorf(EINVALID, "%s needs a role (GP, consultant, nurse, manager, pharmacist, support worker or other).", p.Name)
	}
	if !p.Role.Valid() {
		return Errorf(EINVALID, "%q is not a role Liaison knows; choose GP, consultant, nurse, manager, pharmacist, support worker or other.", p.Role)
	}
	if p.Email != "" && !WellFormedEmail(p.Email) {
		return Errorf(EINVALID, "%q %s.", p.Email, EmailProblem(p.Email))
	}
	return nil
}

// MaxText is the longest name, organisation and the like that Liaison
// keeps: far above any real one, low enough that a pasted document is
// caught.
const MaxText = 200

// OneLine trims s and turns every run of white space (line breaks and tabs
// included) into one space.
func OneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// WellFormedEmail reports whether s is one plain email address, by the one
// rule (EmailProblem) that the forms and every import apply.
func WellFormedEmail(s string) bool { return EmailProblem(s) == "" }

// EmailProblem returns why email is not a well-formed address, or "". The
// import, the store and the GUI's participant form all use it, so that an address the
// form refuses is refused by an import too, with the same words. net/mail
// accepts display names, comments and quoted local parts that no NHS
// address has, so the address must parse to itself and pass a few checks
// that catch typing slips.
func EmailProblem(email string) string {
	const bad = "is not a well-formed email address"
	if strings.ContainsFunc(email, func(r rune) bool { return r == ' ' || r < ' ' || r == 0x7f }) {
		return bad + " (it contains a space)"
	}
	if strings.Count(email, "@") != 1 {
		return bad + " (it needs exactly one @)"
	}
	at := strings.IndexByte(email, '@')
	local, domain := email[:at], email[at+1:]
	if local == "" || !strings.Contains(domain, ".") || strings.HasPrefix(domain, ".") || strings.HasSuffix(domain, ".") || strings.Contains(domain, "..") {
		return bad
	}
	if a, err := mail.ParseAddress(email); err != nil || a.Address != email || a.Name != "" {
		return bad
	}
	return ""
}

// NameKey is how the store compares the names of participants
// without an email: trimmed, inner spaces collapsed, ignoring case. The GUI's
// import preview uses it too, so that it predicts the same updates.
func NameKey(name string) string {
	return strings.ToLower(strings.Join(strings.Fields(name), " "))
}
