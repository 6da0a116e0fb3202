package tasks

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/liaisonapp/liaison/pdfdoc"
	"github.com/liaisonapp/liaison/store"
)

// AppraisalKind names a folder of appraisal pages in its marker file and
// in messages.
const AppraisalKind = "appraisal evidence"

// Appraisal is what one participant's appraisal page says.
type Appraisal struct {
	Round   store.Round
	Person  store.Participant
	Partner store.Participant
	// Pairing holds both visits: Visits[0] at the primary-care side's
	// workplace, Visits[1] at the hospital side's.
	Pairing store.Pairing
	// Attended says whether the person checked in at one of the round's
	// events; Event names it (or the event they did not attend).
	Attended bool
	Event    string
	// ReflectionReceived is whether the organiser recorded their
	// reflection as received. Its content is never on the page.
	ReflectionReceived bool
	Figures            store.Figures
	Settings           store.RoundSettings
	// Issued is when the page was made; it is printed on it.
	Issued time.Time
}

// CompletedBoth reports whether both of the pair's visits are done.
func CompletedBoth(p store.Pairing) bool {
	return p.Visits[0].Status == store.VisitDone && p.Visits[1].Status == store.VisitDone
}

// Appraisals reads round r and returns the appraisal of the participant
// with the given email or, with email "", of everyone whose pair completed
// both visits, in the order of the pairs.
func Appraisals(ctx context.Context, db store.Service, r store.Round, now time.Time, email string) ([]Appraisal, error) {
	f, err := store.ComputeFigures(ctx, db, r, now)
	if err != nil {
		return nil, err
	}
	settings, err := store.LoadRoundSettings(ctx, db, r.ID)
	if err != nil {
		return nil, err
	}
	pairs, err := db.FindPairings(ctx, r.ID)
	if err != nil {
		return nil, err
	}
	events, err := db.Events(ctx, r.ID)
	if err != nil {
		return nil, err
	}
	checkedIn := map[int64]string{} // participant ID → the event they checked in at
	for _, e := range events {
		as, err := db.Attendees(ctx, e.ID)
		if err != nil {
			return nil, err
		}
		for _, a := range as {
			if a.ParticipantID != 0 && !a.CheckedInAt.IsZero() {
				checkedIn[a.ParticipantID] = eventName(e)
			}
		}
	}
	var noEvent string
	if len(events) > 0 {
		noEvent = eventName(events[0])
	}
	email = strings.TrimSpace(email)
	var out []Appraisal
	for _, p := range pairs {
		// The visitor writes the reflection on the visit they made: the
		// hospital side visits the practice (Visits[0]) and the practice
		// side visits the hospital (Visits[1]).
		sides := []struct {
			person, partner store.Participant
			reflection      bool
		}{
			{p.Primary, p.Secondary, p.Visits[1].ReflectionReceived},
			{p.Secondary, p.Primary, p.Visits[0].ReflectionReceived},
		}
		for _, s := range sides {
			if email != "" && !strings.EqualFold(strings.TrimSpace(s.person.Email), email) {
				continue
			}
			if email == "" && !CompletedBoth(p) {
				continue
			}
			a := Appraisal{Round: r, Person: s.person, Partner: s.partner, Pairing: p, ReflectionReceived: s.reflection,
				Figures: f, Settings: settings, Event: noEvent, Issued: now}
			if ev, ok := checkedIn[s.person.ID]; ok {
				a.Attended, a.Event = true, ev
			}
			out = append(out, a)
		}
	}
	if email != "" && len(out) == 0 {
		people, err := db.FindParticipants(ctx, store.ParticipantFilter{RoundID: r.ID, Search: email})
		if err != nil {
			return nil, err
		}
		for _, p := range people {
			if strings.EqualFold(strings.TrimSpace(p.Email), email) {
				return nil, store.Errorf(store.EINVALID, "%s (%s) is not paired in %s, so there is no appraisal evidence for them yet.", p.Name, email, r.Name)
			}
		}
		return nil, store.Errorf(store.ENOTFOUND, "Nobody in %s has the email %s.", r.Name, email)
	}
	return out, nil
}

func eventName(e store.Event) string {
	if e.Date != "" {
		return e.Name + " (" + dateText(e.Date) + ")"
	}
	return e.Name
}

// AppraisalFileName is the file name of a person's page: their name, made
// safe for every system.
func AppraisalFileName(p store.Participant) string {
	return SafeFileName(p.Name) + " - appraisal evidence.pdf"
}

// visitLine describes one visit for the page: its date and who hosted.
func visitLine(v store.Visit, host store.Participant) string {
	where := "at " + host.Name + "\u2019s workplace"
	if org := strings.TrimSpace(host.Organisation); org != "" {
		where = "at " + org + ", hosted by " + host.Name
	}
	switch {
	case v.Status == store.VisitDone && v.Date != "":
		return dateText(v.Date) + ", " + where + " (done)"
	case v.Status == store.VisitDone:
		return "Done, " + where + " (date not recorded)"
	case v.Date != "":
		return dateText(v.Date) + ", " + where + " (" + string(v.Status) + ", not yet done)"
	}
	return "Not yet arranged: " + where + " (" + string(v.Status) + ")"
}

func yesNo(b bool) string {
	if b {
		return "Yes"
	}
	return "No"
}

// roleText is a participant's role with their specialty, when it adds
// something ("Consultant, Cardiology").
func roleText(p store.Participant) string {
	role := p.Role.Label()
	if s := strings.TrimSpace(p.Specialty); s != "" && !strings.EqualFold(s, role) {
		return role + ", " + s
	}
	return role
}

// AppraisalPDF lays out one participant's one-page appraisal evidence.
func AppraisalPDF(a Appraisal) ([]byte, error) {
	title := "Appraisal evidence: GP\u2013consultant liaison scheme"
	doc := pdfdoc.New(pdfdoc.Options{Title: title + " \u2013 " + a.Person.Name, Footer: "Liaison · " + a.Round.Name, Created: a.Issued})
	doc.Title(title)
	doc.Paragraph("This page records taking part in a primary\u2013secondary care liaison scheme, for use as a quality improvement activity in an appraisal portfolio.")
	doc.Heading("Participant", 20)
	doc.Fields([][2]string{
		{"Name", a.Person.Name},
		{"Role", roleText(a.Person)},
		{"Organisation", orDash(a.Person.Organisation)},
		{"Round", a.Round.Name + " (" + roundDates(a.Round) + ")"},
	})
	doc.Heading("Partner", 20)
	doc.Fields([][2]string{
		{"Name", a.Partner.Name},
		{"Role", a.Partner.Role.Label()},
		{"Specialty", orDash(a.Partner.Specialty)},
		{"Organisation", orDash(a.Partner.Organisation)},
	})
	doc.Heading("What they did", 30)
	p := a.Pairing
	event := "No event recorded for the round"
	if a.Event != "" {
		event = yesNo(a.Attended) + ": " + a.Event
		if a.Attended {
			event = "Yes, checked in at " + a.Event
		}
	}
	doc.Fields([][2]string{
		{"Visit to the practice", visitLine(p.Visits[0], p.Primary)},
		{"Visit to the hospital", visitLine(p.Visits[1], p.Secondary)},
		{"Both visits completed", yesNo(CompletedBoth(p))},
		{"Celebration event", event},
		{"Reflection received", yesNo(a.ReflectionReceived) + " (reflections are anonymous; their content is not recorded here)"},
	})
	doc.Heading("What the scheme achieved in this round", 30)
	f := a.Figures
	outcomes := []string{
		fmt.Sprintf("%s; %s completed both visits.", store.Plural(f.Participants, "participant", "participants"),
			formula(f.Visits.PairsCompleted, f.Pairings, "pairs")),
		"Feedback survey: " + f.Feedback.RateText() + ".",
	}
	for _, q := range f.Feedback.Questions {
		// Figures fewer than K answered are withheld wherever they leave
		// the laptop (store.WithheldBelow), as on the board summary.
		if q.N > 0 && store.WithheldBelow(q.N, a.Settings.SuppressK) == "" {
			outcomes = append(outcomes, fmt.Sprintf("%s Mean %.2f out of 6 (n = %d).", q.Text, q.Mean, q.N))
		}
	}
	outcomes = append(outcomes, fmt.Sprintf("Improvement projects: %s.", formula(f.Projects.Completed, f.Projects.Total, "completed")))
	doc.Bullets(outcomes)
	doc.Heading("Confirmed by the scheme organiser", 20)
	doc.Fields([][2]string{
		{"Organiser", orDash(a.Settings.OrganiserName)},
		{"Contact", orDash(a.Settings.OrganiserContact)},
		{"Issued", a.Issued.Format("2 January 2006")},
	})
	return doc.Bytes()
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "\u2013"
	}
	return s
}

// AppraisalPack makes one PDF per appraisal, each named after its person;
// two people of the same name get " (2)" and so on.
func AppraisalPack(as []Appraisal) ([]PackFile, error) {
	var files []PackFile
	used := map[string]int{}
	for _, a := range as {
		data, err := AppraisalPDF(a)
		if err != nil {
			return nil, err
		}
		name := AppraisalFileName(a.Person)
		key := strings.ToLower(name)
		used[key]++
		if n := used[key]; n > 1 {
			name = strings.TrimSuffix(name, ".pdf") + fmt.Sprintf(" (%d).pdf", n)
		}
		files = append(files, PackFile{Name: name, Data: data})
	}
	return files, nil
}
