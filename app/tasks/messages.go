package tasks

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"mime/quotedprintable"
	"slices"
	"strings"
	"time"

	"github.com/liaisonapp/liaison/store"
	"github.com/liaisonapp/liaison/store/csvio"
)

// MessageKind is what a message is for.
type MessageKind string

// The messages Liaison drafts. Liaison never sends them: the organiser's
// own Outlook does, by mail merge or from a draft.
const (
	MessageIntro      MessageKind = "intro"      // introduces the two of a pair
	MessageReminder   MessageKind = "reminder"   // a visit in the next ReminderDays
	MessageChaser     MessageKind = "chaser"     // a visit overdue, or a reflection missing
	MessageInvitation MessageKind = "invitation" // the round's next event
)

// MessageKinds lists the kinds in the order they are offered.
var MessageKinds = []MessageKind{MessageIntro, MessageReminder, MessageChaser, MessageInvitation}

// SettingOrganiser is the setting holding the name messages are signed
// with; DefaultOrganiser signs them until one is given.
const (
	SettingOrganiser = "organiser_name"
	DefaultOrganiser = "The liaison scheme organiser"
)

// ReminderDays is how far ahead a visit gets a reminder.
const ReminderDays = 14

// Template is a message's subject and body with {fields} (MessageFields)
// filled in for each recipient.
type Template struct {
	Subject string `json:"subject"`
	Body    string `json:"body"`
}

// MessageFields are the {fields} a template may use.
var MessageFields = []string{"name", "partner", "partner_email", "partner_role", "partner_organisation",
	"round", "visit", "visit_date", "visit_time", "host", "event", "event_date", "venue", "organiser"}

// DefaultTemplates are the messages a round starts with.
var DefaultTemplates = map[MessageKind]Template{
	MessageIntro: {"Your liaison scheme partner: {partner}",
		"Dear {name},\n\nThank you for taking part in {round}. You have been paired with {partner} ({partner_role}, {partner_organisation}, {partner_email}).\n\n" +
			"Please get in touch with each other to arrange your two half-day visits: one to each other's workplace.\n\nWith best wishes,\n{organiser}"},
	MessageReminder: {"Reminder: your liaison visit on {visit_date}",
		"Dear {name},\n\nA reminder that your liaison visit with {partner} is on {visit_date}, {visit_time}, at {host}.\n\nWith best wishes,\n{organiser}"},
	MessageChaser: {"Your liaison visit with {partner}",
		"Dear {name},\n\n{visit}\n\nCould you let me know how it stands? If it would help, I can put you in touch again with {partner} ({partner_email}).\n\nWith best wishes,\n{organiser}"},
	MessageInvitation: {"Invitation: {event} on {event_date}",
		"Dear {name},\n\nYou are warmly invited to {event} on {event_date} at {venue}, to hear what the pairs of {round} learnt and to plan what comes next.\n\nPlease reply to let me know if you can come.\n\nWith best wishes,\n{organiser}"},
}

// templateKey is the round setting holding a kind's template.
func templateKey(kind MessageKind) string { return "message_template_" + string(kind) }

// ParseMessageKind reads a kind by name.
func ParseMessageKind(s string) (MessageKind, error) {
	k := MessageKind(strings.ToLower(strings.TrimSpace(s)))
	if !slices.Contains(MessageKinds, k) {
		return "", store.Errorf(store.EINVALID, "%q is not a kind of message; use intro, reminder, chaser or invitation.", s)
	}
	return k, nil
}

// LoadTemplate returns the round's template for kind, or the default.
func LoadTemplate(ctx context.Context, db store.RoundService, roundID int64, kind MessageKind) (Template, error) {
	t := DefaultTemplates[kind]
	raw, err := db.RoundSetting(ctx, roundID, templateKey(kind), "")
	if err != nil || raw == "" {
		return t, err
	}
	if err := json.Unmarshal([]byte(raw), &t); err != nil {
		return DefaultTemplates[kind], store.Errorf(store.EINVALID, "The round's %s template cannot be read (%v); save it again.", kind, err)
	}
	return t, nil
}

// SaveTemplate checks and saves the round's template for kind: the subject
// is one line, and every {field} is one Liaison knows.
func SaveTemplate(ctx context.Context, db store.RoundService, roundID int64, kind MessageKind, t Template) error {
	t.Subject = store.OneLine(t.Subject)
	if t.Subject == "" || strings.TrimSpace(t.Body) == "" {
		return store.Errorf(store.EINVALID, "A message needs a subject and a body.")
	}
	for _, s := range []string{t.Subject, t.Body} {
		if f := unknownField(s); f != "" {
			return store.Errorf(store.EINVALID, "{%s} is not a field Liaison fills; use %s.", f, "{"+strings.Join(MessageFields, "}, {")+"}")
		}
	}
	b, err := json.Marshal(t)
	if err != nil {
		return err
	}
	return db.SetRoundSetting(ctx, roundID, templateKey(kind), string(b))
}

func unknownField(s string) string {
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			return ""
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			return ""
		}
		if f := s[i+1 : i+j]; !slices.Contains(MessageFields, f) {
			return f
		}
		s = s[i+j+1:]
	}
}

// Message is one message to one recipient, filled in.
type Message struct {
	Email, Name string
	Fields      map[string]string
	Subject     string
	Body        string
}

// fill puts the fields into the template.
func fill(t Template, fields map[string]string) (string, string) {
	pairs := make([]string, 0, 2*len(fields))
	for k, v := range fields {
		pairs = append(pairs, "{"+k+"}", v)
	}
	r := strings.NewReplacer(pairs...)
	return r.Replace(t.Subject), r.Replace(t.Body)
}

// visitText names a visit for a message: "the visit to Old Bank Surgery".
func visitText(host store.Participant) string { return "the visit to " + HostName(host) }

// prettyDate is a date as a letter writes it: "Tuesday 2 June 2026".
func prettyDate(d string) string {
	t, err := time.Parse(store.DateLayout, d)
	if err != nil {
		return "a date to be agreed"
	}
	return t.Format("Monday 2 January 2006")
}

// Messages drafts the round's messages of one kind: one per recipient and
// visit (or pair, or event), with the template filled in. today decides
// which visits are coming up or overdue; organiser signs them.
func Messages(ctx context.Context, db store.Service, r store.Round, kind MessageKind, today time.Time, organiser string) ([]Message, error) {
	t, err := LoadTemplate(ctx, db, r.ID, kind)
	if err != nil {
		return nil, err
	}
	base := map[string]string{"round": r.Name, "organiser": organiser}
	var out []Message
	add := func(to store.Participant, extra map[string]string) {
		if strings.TrimSpace(to.Email) == "" {
			return
		}
		f := map[string]string{}
		for _, k := range MessageFields {
			f[k] = ""
		}
		for k, v := range base {
			f[k] = v
		}
		for k, v := range extra {
			f[k] = v
		}
		f["name"] = to.Name
		m := Message{Email: to.Email, Name: to.Name, Fields: f}
		m.Subject, m.Body = fill(t, f)
		out = append(out, m)
	}
	partnerFields := func(partner store.Participant) map[string]string {
		return map[string]string{"partner": partner.Name, "partner_email": partner.Email, "partner_role": partner.Role.Label(),
			"partner_organisation": partner.Organisation}
	}
	if kind == MessageInvitation {
		if err := invitations(ctx, db, r, today, add); err != nil {
			return nil, err
		}
		return out, nil
	}
	pairs, err := db.FindPairings(ctx, r.ID)
	if err != nil {
		return nil, err
	}
	todayS := today.Format(store.DateLayout)
	soon := today.AddDate(0, 0, ReminderDays).Format(store.DateLayout)
	for _, p := range pairs {
		if kind == MessageIntro {
			add(p.Primary, partnerFields(p.Secondary))
			add(p.Secondary, partnerFields(p.Primary))
			continue
		}
		for i, v := range p.Visits {
			host := p.Primary
			if i == 1 {
				host = p.Secondary
			}
			visit := map[string]string{"visit_date": prettyDate(v.Date), "visit_time": cmpOr(store.SessionText(v.Session), "time to be agreed"),
				"host": HostName(host)}
			switch kind {
			case MessageReminder:
				if v.Date == "" || v.Date < todayS || v.Date > soon || v.Status == store.VisitDone || v.Status == store.VisitCancelled {
					continue
				}
			case MessageChaser:
				switch {
				case v.Overdue(today):
					visit["visit"] = fmt.Sprintf("I have %s, on %s, as not yet done.", visitText(host), prettyDate(v.Date))
				case v.Status == store.VisitDone && !v.ReflectionReceived:
					visit["visit"] = fmt.Sprintf("Thank you for %s on %s. I have not yet received your reflection on it: it is anonymous, and it shapes what the scheme does next.", visitText(host), prettyDate(v.Date))
				default:
					continue
				}
			}
			for _, x := range [][2]store.Participant{{p.Primary, p.Secondary}, {p.Secondary, p.Primary}} {
				f := partnerFields(x[1])
				for k, v := range visit {
					f[k] = v
				}
				add(x[0], f)
			}
		}
	}
	return out, nil
}

func cmpOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// invitations invites the attendees of the round's next event (or its
// latest, when all are past) who are participants with an email.
func invitations(ctx context.Context, db store.Service, r store.Round, today time.Time, add func(store.Participant, map[string]string)) error {
	events, err := db.Events(ctx, r.ID)
	if err != nil {
		return err
	}
	if len(events) == 0 {
		return store.Errorf(store.EINVALID, "%s has no event to invite people to; add one on the Event screen.", r.Name)
	}
	slices.SortFunc(events, func(a, b store.Event) int { return strings.Compare(a.Date, b.Date) })
	e := events[len(events)-1]
	for _, x := range events {
		if x.Date >= today.Format(store.DateLayout) {
			e = x
			break
		}
	}
	people, err := db.FindParticipants(ctx, store.ParticipantFilter{RoundID: r.ID})
	if err != nil {
		return err
	}
	byID := map[int64]store.Participant{}
	for _, p := range people {
		byID[p.ID] = p
	}
	attendees, err := db.Attendees(ctx, e.ID)
	if err != nil {
		return err
	}
	fields := map[string]string{"event": e.Name, "event_date": prettyDate(e.Date), "venue": cmpOr(e.Venue, "the venue to be confirmed")}
	for _, a := range attendees {
		if p, ok := byID[a.ParticipantID]; ok && a.RSVP != store.RSVPDeclined {
			add(p, fields)
		}
	}
	if len(attendees) == 0 {
		// No invitation list yet: everyone in the round is invited.
		for _, p := range people {
			add(p, fields)
		}
	}
	return nil
}

// MessageRow is one row of the mail-merge file: what Outlook's mail merge
// (through Word) reads, one row per recipient. Its csv tags are the header.
type MessageRow struct {
	Email               string `csv:"Email"`
	Name                string `csv:"Name"`
	Partner             string `csv:"Partner"`
	PartnerEmail        string `csv:"Partner email"`
	PartnerRole         string `csv:"Partner role"`
	PartnerOrganisation string `csv:"Partner organisation"`
	VisitDate           string `csv:"Visit date"`
	VisitTime           string `csv:"Visit time"`
	Host                string `csv:"Where"`
	Event               string `csv:"Event"`
	EventDate           string `csv:"Event date"`
	Venue               string `csv:"Venue"`
	Subject             string `csv:"Subject"`
	Body                string `csv:"Message"`
}

// WriteMailMerge writes ms as the mail-merge CSV (csvio.Write: BOM, CRLF,
// formula escaping).
func WriteMailMerge(w io.Writer, ms []Message) error {
	rows := make([]MessageRow, len(ms))
	for i, m := range ms {
		f := m.Fields
		rows[i] = MessageRow{m.Email, m.Name, f["partner"], f["partner_email"], f["partner_role"], f["partner_organisation"],
			f["visit_date"], f["visit_time"], f["host"], f["event"], f["event_date"], f["venue"], m.Subject, m.Body}
	}
	return csvio.Write(w, rows)
}

// WriteEML writes m as an unsent email draft (RFC 5322, UTF-8, quoted-
// printable body) that Outlook opens ready to send: X-Unsent: 1 makes it
// a draft, and with no From the organiser's own account is used.
func WriteEML(w io.Writer, m Message, date time.Time) error {
	to := mime.QEncoding.Encode("utf-8", m.Name)
	var b strings.Builder
	fmt.Fprintf(&b, "To: %s <%s>\r\n", to, m.Email)
	fmt.Fprintf(&b, "Subject: %s\r\n", mime.QEncoding.Encode("utf-8", m.Subject))
	fmt.Fprintf(&b, "Date: %s\r\n", date.Format(time.RFC1123Z))
	b.WriteString("X-Unsent: 1\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n")
	body := strings.ReplaceAll(strings.ReplaceAll(m.Body, "\r\n", "\n"), "\n", "\r\n")
	if _, err := io.WriteString(w, b.String()); err != nil {
		return err
	}
	qp := quotedprintable.NewWriter(w)
	if _, err := io.WriteString(qp, body); err != nil {
		return err
	}
	return qp.Close()
}
