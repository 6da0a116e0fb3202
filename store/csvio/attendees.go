package csvio

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/liaisonapp/liaison/store"
)

// The attendee fields an attendee list fills.
const (
	AttendeeName         = "name"
	AttendeeEmail        = "email"
	AttendeeOrganisation = "organisation"
	AttendeeRole         = "role"
	AttendeeRSVP         = "rsvp"
	AttendeeCheckedIn    = "checked in"
	AttendeeAccess       = "access needs"
	AttendeeDietary      = "dietary needs"
)

// attendeeField maps a header of an attendee list (a booking system's or
// Eventbrite-like export, a sign-in sheet typed up, Liaison's own export)
// to the field it fills, by its words.
func attendeeField(h string) (string, bool) {
	n := Normalize(h)
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
	case has("dietary", "diet", "food", "allerg", "catering"):
		return AttendeeDietary, true
	case has("access", "mobility", "adjustment", "accessib"):
		return AttendeeAccess, true
	case has("email"):
		return AttendeeEmail, true
	case has("rsvp", "response", "attending", "status", "reply"):
		return AttendeeRSVP, true
	case has("checkedin", "checkin", "arrived", "signedin", "arrival"):
		return AttendeeCheckedIn, true
	case has("organisation", "organization", "practice", "trust", "employer", "company"):
		return AttendeeOrganisation, true
	case has("role", "jobtitle", "profession", "position"):
		return AttendeeRole, true
	case n == "name" || has("fullname", "attendee", "guestname", "yourname", "delegate"):
		return AttendeeName, true
	}
	return "", false
}

// AttendeeImport is an attendee list read and checked, ready for a
// preview and, when Problems is empty, for store.UpsertAttendees.
type AttendeeImport struct {
	// Rows holds every non-blank row as read, with its line.
	Rows []AttendeeRow
	// Mapping maps each field found to the file's header that fills it.
	Mapping map[string]string
	// Ignored lists the headers that fill no field.
	Ignored []string
	// Problems lists everything wrong with the file, in line order; any
	// problem means nothing may be written.
	Problems []Problem
	// Encoding is the file's encoding, as in Table.Encoding.
	Encoding string
}

// AttendeeRow is one attendee as read from the file.
type AttendeeRow struct {
	Line int
	A    store.Attendee
	// CameAtUnknownTime is set for a check-in cell that says only that the
	// person came ("yes", "present"): the importer gives them the event's
	// start, as a paper sign-in list has no times.
	CameAtUnknownTime bool
}

// Attendees returns the attendees read, in file order.
func (imp *AttendeeImport) Attendees() []store.Attendee {
	out := make([]store.Attendee, len(imp.Rows))
	for i, r := range imp.Rows {
		out[i] = r.A
	}
	return out
}

// ReadAttendees reads an attendee list with the robustness of the sign-up
// import (BOM, Windows-1252, CRLF or CR, sniffed delimiter, header
// synonyms) and checks every row: a name is required, an email must be
// well formed, an RSVP must be one Liaison knows, a check-in time must be a
// time. Every problem is named by line and column.
func ReadAttendees(r io.Reader) (*AttendeeImport, error) {
	t, err := Read(r)
	if err != nil {
		return nil, err
	}
	imp := &AttendeeImport{Mapping: map[string]string{}, Encoding: t.Encoding}
	col := map[string]int{}
	for i, h := range t.Header {
		f, ok := attendeeField(h)
		if !ok {
			if h != "" {
				imp.Ignored = append(imp.Ignored, h)
			}
			continue
		}
		if prev, dup := imp.Mapping[f]; dup {
			imp.Problems = append(imp.Problems, Problem{Line: t.HeaderLine, Column: h,
				Reason: fmt.Sprintf("fills the %s, as the column %q does already; keep one of them", f, prev)})
			continue
		}
		imp.Mapping[f] = h
		col[f] = i
	}
	if _, ok := col[AttendeeName]; !ok {
		imp.Problems = append(imp.Problems, Problem{Line: t.HeaderLine,
			Reason: "no column holds the attendees' names (a header such as \"Name\" or \"Full name\")"})
		return imp, nil
	}
	cell := func(row Row, f string) string {
		i, ok := col[f]
		if !ok || i >= len(row.Cells) {
			return ""
		}
		return strings.TrimSpace(Unescape(row.Cells[i]))
	}
	for _, row := range t.Rows {
		a := store.Attendee{Name: store.OneLine(cell(row, AttendeeName)), Email: cell(row, AttendeeEmail),
			Organisation: cell(row, AttendeeOrganisation), Role: cell(row, AttendeeRole),
			AccessNeeds: cell(row, AttendeeAccess), DietaryNeeds: cell(row, AttendeeDietary), RSVP: store.RSVPInvited}
		bad := func(f, v, reason string) {
			imp.Problems = append(imp.Problems, Problem{Line: row.Line, Column: imp.Mapping[f], Value: v, Reason: reason})
		}
		if a.Name == "" {
			bad(AttendeeName, "", "is empty: every attendee needs a name")
		}
		if a.Email != "" {
			if why := store.EmailProblem(a.Email); why != "" {
				bad(AttendeeEmail, a.Email, why)
			}
		}
		if v := cell(row, AttendeeRSVP); v != "" {
			rsvp, ok := parseRSVP(v)
			if !ok {
				bad(AttendeeRSVP, v, "is not an answer Liaison knows: write invited, accepted, waitlisted or declined (yes and no are read too)")
			}
			a.RSVP = rsvp
		}
		came := false
		if v := cell(row, AttendeeCheckedIn); v != "" {
			at, yes, ok := parseCheckIn(v)
			if !ok {
				bad(AttendeeCheckedIn, v, "is not a check-in time: write it as 15/10/2026 14:05 or 2026-10-15 14:05, or yes")
			}
			a.CheckedInAt, came = at, yes
		}
		imp.Rows = append(imp.Rows, AttendeeRow{Line: row.Line, A: a, CameAtUnknownTime: came})
	}
	return imp, nil
}

// parseRSVP reads an answer as lists write it.
func parseRSVP(v string) (store.RSVP, bool) {
	switch Normalize(v) {
	case "invited", "invite", "noreply", "noresponse", "pending":
		return store.RSVPInvited, true
	case "accepted", "accept", "yes", "y", "attending", "going", "confirmed":
		return store.RSVPAccepted, true
	case "waitlisted", "waitlist", "waiting", "waitinglist":
		return store.RSVPWaitlisted, true
	case "declined", "decline", "no", "n", "notattending", "notgoing", "apologies", "cancelled":
		return store.RSVPDeclined, true
	}
	return "", false
}

// parseCheckIn reads a check-in cell typed up from a paper sign-in list:
// a date and time (day first, ISO, or Liaison's own export), or "yes" for
// someone known to have come at a time nobody wrote down.
func parseCheckIn(v string) (at time.Time, yes, ok bool) {
	v = strings.TrimSpace(v)
	switch Normalize(v) {
	case "yes", "y", "present", "attended", "signed", "signedin", "arrived":
		return time.Time{}, true, true
	}
	t, err := store.ParseDateTime(v, time.Local)
	return t, false, err == nil
}
