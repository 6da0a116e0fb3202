package store

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"
)

// DateLayout is how Liaison writes calendar dates: ISO 8601, sortable as text.
const DateLayout = "2006-01-02"

// Round is one run of the scheme (a cohort), such as "Southampton 2017–18".
type Round struct {
	ID        int64
	Name      string
	StartsOn  string // YYYY-MM-DD, or "" when not yet known
	EndsOn    string // YYYY-MM-DD, or ""
	CreatedAt time.Time
}

// Role is what a participant does. Its values are the stored codes.
type Role string

// The roles a participant can have.
const (
	RoleGP            Role = "gp"
	RoleConsultant    Role = "consultant"
	RoleNurse         Role = "nurse"
	RoleManager       Role = "manager"
	RolePharmacist    Role = "pharmacist"
	RoleSupportWorker Role = "support_worker"
	RoleOther         Role = "other"
)

// Roles lists every role in the order the GUI shows them.
var Roles = []Role{RoleGP, RoleConsultant, RoleNurse, RoleManager, RolePharmacist, RoleSupportWorker, RoleOther}

var roleLabels = map[Role]string{
	RoleGP: "GP", RoleConsultant: "Consultant", RoleNurse: "Nurse", RoleManager: "Manager",
	RolePharmacist: "Pharmacist", RoleSupportWorker: "Support worker", RoleOther: "Other",
}

// Label returns the role as people write it ("GP", "Support worker").
func (r Role) Label() string {
	if l, ok := roleLabels[r]; ok {
		return l
	}
	return string(r)
}

// Valid reports whether r is one of Roles.
func (r Role) Valid() bool { _, ok := roleLabels[r]; return ok }

// ParseRole reads a role as people write it: "GP", "General practitioner",
// "Consultant", "Support worker", "HCA" and so on, ignoring case and
// punctuation. Sign-up sheets and survey answers often give a job title
// rather than a role, so a title is read by its words: "Consultant
// Geriatrician" and "Consultant in Cardiology" are consultants, "GP
// registrar", "Salaried GP", "GP trainee" and "General practitioner
// (locum)" are GPs, a title naming a nurse, pharmacist or manager
// ("Consultant nurse", "GP practice manager") is that role, and an answer
// naming exactly one role among other words ("Other (please specify)") is
// that role. An answer naming both sides of the scheme ("GP / consultant")
// is not read as either: it says someone ticked two boxes, and guessing
// would put them in the wrong group. It reports false when the text names
// no known role. It is the one role parser of the store, every import and
// the forms.
func ParseRole(s string) (Role, bool) {
	lower := strings.ToLower(s)
	words := strings.FieldsFunc(lower, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	})
	k := strings.Join(words, "")
	if namesGPAndConsultant(words) {
		return "", false
	}
	switch k {
	case "gp", "gps", "generalpractitioner", "generalpractitioners", "generalpractice", "salariedgp", "gppartner",
		"locumgp", "gpregistrar", "gptrainee", "generalpracticetrainee", "primarycare":
		return RoleGP, true
	case "consultant", "consultants", "hospitalconsultant", "specialist", "secondarycare", "hospitaldoctor":
		return RoleConsultant, true
	case "nurse", "practicenurse", "nursepractitioner", "specialistnurse", "anp", "advancednursepractitioner":
		return RoleNurse, true
	case "manager", "practicemanager", "servicemanager", "operationsmanager":
		return RoleManager, true
	case "pharmacist", "clinicalpharmacist":
		return RolePharmacist, true
	case "supportworker", "healthcaresupportworker", "hca", "healthcareassistant":
		return RoleSupportWorker, true
	case "other":
		return RoleOther, true
	}
	if r, ok := roleFromTitle(words); ok {
		return r, true
	}
	var found Role
	for _, w := range words {
		r, ok := roleWords[w]
		if !ok || r == found {
			continue
		}
		if found != "" {
			return "", false
		}
		found = r
	}
	return found, found != ""
}

// roleWords are the words that name a role on their own.
var roleWords = map[string]Role{
	"gp": RoleGP, "gps": RoleGP,
	"consultant": RoleConsultant, "consultants": RoleConsultant,
	"nurse": RoleNurse, "pharmacist": RolePharmacist, "manager": RoleManager,
	"other": RoleOther,
}

// namesGPAndConsultant reports whether words name both of the scheme's two
// sides ("GP / consultant").
func namesGPAndConsultant(words []string) bool {
	gp, cons := false, false
	for _, w := range words {
		switch roleWords[w] {
		case RoleGP:
			gp = true
		case RoleConsultant:
			cons = true
		}
	}
	return gp && cons
}

// roleFromTitle reads a job title by its whole words. The more specific
// roles come first, because "consultant" and "GP" also qualify other
// titles: a consultant nurse is a nurse, a GP practice manager a manager.
func roleFromTitle(words []string) (Role, bool) {
	has := func(w ...string) bool {
		for i := 0; i+len(w) <= len(words); i++ {
			if slices.Equal(words[i:i+len(w)], w) {
				return true
			}
		}
		return false
	}
	switch {
	case has("nurse") || has("nurses"):
		return RoleNurse, true
	case has("pharmacist") || has("pharmacists"):
		return RolePharmacist, true
	case has("manager") || has("managers"):
		return RoleManager, true
	case has("support", "worker") || has("hca") || has("healthcare", "assistant"):
		return RoleSupportWorker, true
	case has("consultant") || has("consultants"):
		return RoleConsultant, true
	case has("gp") || has("gps") || has("general", "practice") || has("general", "practitioner") || has("general", "practitioners"):
		return RoleGP, true
	}
	return "", false
}

// Participant is a person who signed up for a round.
type Participant struct {
	ID           int64
	RoundID      int64
	Name         string
	Email        string
	Role         Role
	Organisation string // practice or trust
	Specialty    string
	Locality     string // locality or primary care network
	// Wishes lists specialties the participant asked to be paired with.
	Wishes []string
	// Places is how many partners the participant takes: a consultant or
	// a practice may host two or three visitors, each in a pair of their
	// own with its own two visits. Zero reads as one.
	Places int
	// Request names the person (by name or email) they would like to be
	// paired with, or "".
	Request string
}

// MaxPlaces is the most partners one participant can take in a round.
const MaxPlaces = 9

// PlacesOrOne is p.Places, or 1 when it is not set.
func (p Participant) PlacesOrOne() int { return max(1, p.Places) }

// ParticipantCounts are a round's participants counted by role and by
// locality ("" for those with none).
type ParticipantCounts struct {
	Total      int
	ByRole     map[Role]int
	ByLocality map[string]int
}

// ParticipantFilter narrows FindParticipants. Zero fields do not filter.
type ParticipantFilter struct {
	RoundID  int64
	ID       int64
	Role     Role
	Locality string
	// Search matches name, email, organisation and specialty, ignoring case.
	Search string
}

// Side says which side of the exchange hosts a visit.
type Side string

// The two sides: the primary-care side (the GP's practice) and the
// secondary-care side (the consultant's hospital).
const (
	SidePrimary   Side = "primary"
	SideSecondary Side = "secondary"
)

// VisitStatus is where a visit has got to.
type VisitStatus string

// Visit statuses.
const (
	VisitProposed  VisitStatus = "proposed"
	VisitConfirmed VisitStatus = "confirmed"
	VisitDone      VisitStatus = "done"
	VisitCancelled VisitStatus = "cancelled"
)

// VisitStatuses lists every status in workflow order.
var VisitStatuses = []VisitStatus{VisitProposed, VisitConfirmed, VisitDone, VisitCancelled}

// Valid reports whether s is a known visit status.
func (s VisitStatus) Valid() bool { return slices.Contains(VisitStatuses, s) }

// Visit is one half-day visit of a pair to one side's workplace.
type Visit struct {
	ID        int64
	PairingID int64
	Host      Side
	Date      string // YYYY-MM-DD, or "" when not yet arranged
	// Session is when in the day: SessionMorning, SessionAfternoon, a
	// start time "HH:MM" (ParseSession), or "" when not yet known.
	Session            string
	Status             VisitStatus
	Notes              string
	ReflectionReceived bool
}

// Overdue reports whether the visit's date has passed and it is not done
// (or cancelled).
func (v Visit) Overdue(today time.Time) bool {
	if v.Date == "" || v.Status == VisitDone || v.Status == VisitCancelled {
		return false
	}
	return v.Date < today.Format(DateLayout)
}

// Pairing is two participants matched for an exchange, with its two visits.
type Pairing struct {
	ID          int64
	RoundID     int64
	PrimaryID   int64 // the primary-care side, usually the GP
	SecondaryID int64 // the hospital side, usually the consultant
	Locked      bool  // automatic matching keeps a locked pair
	Reason      string
	// Visits holds the visit hosted by the primary side, then the one hosted
	// by the secondary side.
	Visits [2]Visit
	// Primary and Secondary are filled by FindPairings for display.
	Primary, Secondary Participant
}

// Question is one feedback-survey question, scored 1 to 6.
type Question struct {
	ID       int64
	RoundID  int64
	Position int
	Text     string
}

// PublishedQuestions are the four questions of the published Southampton
// survey; a new round starts with them.
var PublishedQuestions = []string{
	"Would you support a regular primary–secondary care forum?",
	"Did you find the scheme useful?",
	"How likely are you to take part again?",
	"Will you consider new ways of working as a result of better relationships?",
}

// Response is one feedback-survey submission.
type Response struct {
	ID      int64
	RoundID int64
	// Scores maps question ID to a score 1..6; an unanswered question is absent.
	Scores map[int64]int
	Role   Role // optional; "" when not given
	// Source says where it came from: "paper", "demo", or "import:<file>".
	Source string
	// Key identifies the response within its round so that a re-import does
	// not count it twice: the export's response ID, or a content fingerprint.
	Key     string
	Comment string
}

// Reflection is an anonymous free-text reflection. Deliberately, nothing
// links it to a participant.
type Reflection struct {
	ID       int64
	RoundID  int64
	Body     string
	Themes   []string
	Approved bool   // approved for quoting
	Excerpt  string // the approved quote, when only part of Body may be quoted
}

// Quote returns the text approved for quoting: the excerpt if any, else the body.
func (r Reflection) Quote() string {
	if strings.TrimSpace(r.Excerpt) != "" {
		return r.Excerpt
	}
	return r.Body
}

// Theme is a reflection theme with the keywords that suggest it.
type Theme struct {
	ID       int64
	Name     string
	Keywords []string
	Builtin  bool
}

// SchemeThemes are the five themes of the published reflections.
var SchemeThemes = []string{"compassion", "collaboration", "complexity", "efficiency", "education"}

// ProjectStatus is where an improvement project has got to.
type ProjectStatus string

// Project statuses.
const (
	ProjectIdea       ProjectStatus = "idea"
	ProjectInProgress ProjectStatus = "in_progress"
	ProjectCompleted  ProjectStatus = "completed"
	ProjectStopped    ProjectStatus = "stopped"
)

// ProjectStatuses lists every project status in workflow order.
var ProjectStatuses = []ProjectStatus{ProjectIdea, ProjectInProgress, ProjectCompleted, ProjectStopped}

// Valid reports whether s is a known project status.
func (s ProjectStatus) Valid() bool { return slices.Contains(ProjectStatuses, s) }

// ProjectOutput is the kind of thing an improvement project produced.
type ProjectOutput string

// The outputs the seeds name: the two outpatient-letter headings, the
// secretaries' directory, patient leaflets, pathways and guidelines.
const (
	OutputNone         ProjectOutput = ""
	OutputLetterInfo   ProjectOutput = "letter_info"
	OutputLetterAction ProjectOutput = "letter_action"
	OutputDirectory    ProjectOutput = "directory"
	OutputLeaflet      ProjectOutput = "leaflet"
	OutputPathway      ProjectOutput = "pathway"
	OutputGuideline    ProjectOutput = "guideline"
	OutputOther        ProjectOutput = "other"
)

// ProjectOutputs lists every output kind in the order the GUI offers them.
var ProjectOutputs = []ProjectOutput{OutputNone, OutputLetterInfo, OutputLetterAction, OutputDirectory, OutputLeaflet,
	OutputPathway, OutputGuideline, OutputOther}

var outputLabels = map[ProjectOutput]string{
	OutputNone: "not yet known", OutputLetterInfo: "\"For Information Only\" letter template",
	OutputLetterAction: "\"GP Action Required\" letter template", OutputDirectory: "directory",
	OutputLeaflet: "leaflet", OutputPathway: "pathway", OutputGuideline: "guideline", OutputOther: "other",
}

// Label returns the output kind in words.
func (o ProjectOutput) Label() string {
	if l, ok := outputLabels[o]; ok {
		return l
	}
	return string(o)
}

// Valid reports whether o is a known output kind ("" included).
func (o ProjectOutput) Valid() bool { _, ok := outputLabels[o]; return ok }

// Project is an improvement project that came out of the scheme: one entry
// of the register of what the scheme changed.
type Project struct {
	ID           int64
	RoundID      int64
	Title        string
	PromptedBy   string // a theme, a specialty or a pair, in words
	PairingID    int64  // 0 when not prompted by one pair
	ReflectionID int64  // 0 when not prompted by one reflection
	Theme        string // the reflection theme that prompted it, or ""
	Owner        string
	Group        string // task-and-finish group (TaskGroup.Name); saving a new name creates the group
	GroupID      int64  // the group's ID, as Projects reads it; saving goes by Group
	// MeetingID is the forum meeting (an Event with a ForumID) at which the
	// project was agreed as an action; 0 when none.
	MeetingID int64
	// Meeting names that meeting (MeetingLabel), as Projects reads it;
	// saving ignores it.
	Meeting     string
	Status      ProjectStatus
	StartedOn   string
	CompletedOn string
	Impact      string // what changed, in words
	Links       string
	Output      ProjectOutput
	// AdoptedBy lists the organisations that adopted the output.
	AdoptedBy []string
	// Saving is an estimate of time or money saved, in SavingUnit ("hours
	// per week", "£ per year"); a zero Saving with no unit is no estimate.
	Saving     float64
	SavingUnit string
	SavingNote string
}

// SavingText writes the saving as people read it: "6 hours per week (two
// practices' admin)", or "" when there is no estimate.
func (p Project) SavingText() string {
	if p.Saving == 0 && p.SavingUnit == "" {
		return ""
	}
	s := strconv.FormatFloat(p.Saving, 'f', -1, 64)
	if p.Saving == float64(int(p.Saving)) {
		s = Thousands(int(p.Saving))
	}
	if p.SavingUnit != "" {
		s += " " + p.SavingUnit
	}
	if p.SavingNote != "" {
		s += " (" + p.SavingNote + ")"
	}
	return s
}

// RSVP is an attendee's answer to an invitation.
type RSVP string

// RSVP values.
const (
	RSVPInvited  RSVP = "invited"
	RSVPAccepted RSVP = "accepted"
	// RSVPWaitlisted is an acceptance beyond the event's capacity: the
	// person waits for a place, which a decline frees.
	RSVPWaitlisted RSVP = "waitlisted"
	RSVPDeclined   RSVP = "declined"
)

// Event is the celebration event or a forum meeting: exactly one of
// RoundID and ForumID is set. A round's events are deleted with the
// round; a forum's meetings only with the forum.
type Event struct {
	ID       int64
	RoundID  int64
	ForumID  int64
	Name     string
	Date     string
	Venue    string
	Capacity int
}

// AgendaItem is one slot of an event's agenda.
type AgendaItem struct {
	ID       int64
	EventID  int64
	Position int
	Starts   string // HH:MM
	Minutes  int
	Title    string
	Speaker  string
}

// Attendee is someone invited to an event: a participant or a guest.
type Attendee struct {
	ID            int64
	EventID       int64
	ParticipantID int64 // 0 for a guest
	Name          string
	Organisation  string
	Role          string
	RSVP          RSVP
	CheckedInAt   time.Time // zero until checked in
	// Email links an imported attendee to a participant of the round.
	Email string
	// AccessNeeds and DietaryNeeds are health data: stored only when
	// entered, shown only on the organiser's attendee screen, exported only
	// as counts for catering, and deleted with the attendee.
	AccessNeeds  string
	DietaryNeeds string
	// WaitlistedAt orders the waitlist: the first to wait is the first
	// promoted. Zero unless RSVP is RSVPWaitlisted.
	WaitlistedAt time.Time
}

// Service is everything Liaison stores. The SQLite implementation is in
// store/sqlite; every write happens in one transaction.
type Service interface {
	RoundService
	ParticipantService
	PairingService
	FeedbackService
	ReflectionService
	ProjectService
	EventService
	ForumService
	// Path is the database file.
	Path() string
	// Backup writes a consistent copy of the database, including what is
	// still in its write-ahead log, to dst (which must not exist).
	Backup(ctx context.Context, dst string) error
	Close() error
}

// RoundService manages rounds.
type RoundService interface {
	// Rounds lists every round, most recent first.
	Rounds(ctx context.Context) ([]Round, error)
	// CreateRound stores a new round with the published questions.
	CreateRound(ctx context.Context, r *Round) error
	// CreateRoundFrom stores a new round that follows round fromID, in one
	// transaction: with fromID's questions and round settings, and people
	// (copies of those who continue) as its participants.
	CreateRoundFrom(ctx context.Context, r *Round, fromID int64, people []Participant) error
	// RoundByName finds a round by name, ignoring case.
	RoundByName(ctx context.Context, name string) (Round, error)
	// ResolveRound returns the named round, creating it if needed; with an
	// empty name, the most recent round, or a new one named after the year.
	ResolveRound(ctx context.Context, name string, now time.Time) (Round, error)
	// LookupRound resolves a round as ResolveRound does, without creating
	// it: when found is false, r holds only the name the new round would
	// get. A command that must not write on failure looks first and creates
	// the round only once its input has been checked.
	LookupRound(ctx context.Context, name string, now time.Time) (r Round, found bool, err error)
	// InNewRound creates the round called name (or finds it, when another
	// command has just created it) and runs fn with it in the same
	// transaction: the writes fn makes through ctx commit with the round or
	// not at all, so a refused or killed import leaves no empty round.
	InNewRound(ctx context.Context, name string, fn func(ctx context.Context, r Round) error) (Round, error)
	// ExistingRound resolves a round for a command that only reads: the
	// round called name, or with no name the most recent one. It never
	// creates a round; an unknown name is an ENOTFOUND error listing the
	// rounds there are.
	ExistingRound(ctx context.Context, name string) (Round, error)
	// DeleteRound deletes a round and everything in it.
	DeleteRound(ctx context.Context, id int64) error
	// Setting returns a stored setting, or def when there is none.
	Setting(ctx context.Context, key, def string) (string, error)
	// SetSetting stores a setting.
	SetSetting(ctx context.Context, key, value string) error
	// RoundSetting returns a setting that belongs to one round (the
	// matching options, say), or def when there is none. Round settings
	// are deleted with their round.
	RoundSetting(ctx context.Context, roundID int64, key, def string) (string, error)
	// SetRoundSetting stores a setting of one round.
	SetRoundSetting(ctx context.Context, roundID int64, key, value string) error
	// DataVersion changes whenever any connection, in this process or
	// another, commits a change; it is cheap enough to poll.
	DataVersion(ctx context.Context) (int64, error)
}

// ParticipantService manages participants.
type ParticipantService interface {
	// RoundCounts reads a round's counts for the figures to date: each
	// participant's PersonKey and role, the pairs, visits and projects,
	// without loading every participant and pair.
	RoundCounts(ctx context.Context, roundID int64) (RoundCounts, error)
	FindParticipants(ctx context.Context, f ParticipantFilter) ([]Participant, error)
	// CountParticipants counts the round's participants by role and
	// locality without reading every row into memory.
	CountParticipants(ctx context.Context, roundID int64) (ParticipantCounts, error)
	CreateParticipant(ctx context.Context, p *Participant) error
	UpdateParticipant(ctx context.Context, p *Participant) error
	// DeleteParticipant deletes a participant and their pairing (with its visits).
	DeleteParticipant(ctx context.Context, id int64) error
	// ErasePerson deletes everyone with the email (ignoring case) from the
	// round roundID, or from every round when roundID is 0, with their
	// pairings, their records as event attendees and their name where it
	// was typed as a project's owner (and, from every round, as a
	// task-and-finish group's lead or member), so that nothing of them
	// stays readable in the database file once it returns. From
	// every round (roundID 0) includes every forum meeting's list. It
	// returns the names of the rounds they were deleted from, then of the
	// forums as "NAME (forum)".
	ErasePerson(ctx context.Context, email string, roundID int64) (rounds []string, err error)
	// UpsertParticipants creates or updates all of ps in one transaction:
	// all or nothing. A row matches a stored participant of the round by
	// email (ignoring case), or, with no email, by name; an update never
	// erases a stored value with an empty one. It returns how many were new
	// and how many updated.
	UpsertParticipants(ctx context.Context, roundID int64, ps []Participant) (created, updated int, err error)
}

// PairingService manages pairings and their visits.
type PairingService interface {
	FindPairings(ctx context.Context, roundID int64) ([]Pairing, error)
	// CreatePairing stores a pairing with its two proposed visits.
	CreatePairing(ctx context.Context, p *Pairing) error
	UpdatePairing(ctx context.Context, p *Pairing) error
	DeletePairing(ctx context.Context, id int64) error
	UpdateVisit(ctx context.Context, v *Visit) error
	// SaveVisits saves both visits of a pair (the one to the practice, then
	// the one to the hospital: date, status, notes, reflection flag) in one
	// transaction, so a problem with either leaves both as they were.
	SaveVisits(ctx context.Context, pairingID int64, visits [2]Visit) error
	// PairedBefore lists, as pairs of lower-cased emails, the people paired
	// in rounds other than roundID.
	PairedBefore(ctx context.Context, roundID int64) ([][2]string, error)
	// ReplacePairings deletes the round's pairings whose IDs are in remove
	// (with their visits) and stores add (each with its two visits), all in
	// one transaction, so accepting suggested pairs never half-applies. The
	// IDs of add's pairings and visits are set on success.
	ReplacePairings(ctx context.Context, roundID int64, remove []int64, add []Pairing) error
}

// FeedbackService manages the survey's questions and responses.
type FeedbackService interface {
	Questions(ctx context.Context, roundID int64) ([]Question, error)
	CreateQuestion(ctx context.Context, q *Question) error
	UpdateQuestion(ctx context.Context, q *Question) error
	DeleteQuestion(ctx context.Context, id int64) error
	// ReorderQuestions puts the round's questions in the order of ids
	// (positions 1, 2, 3 …) in one transaction. ids must name every
	// question of the round exactly once; otherwise nothing changes.
	ReorderQuestions(ctx context.Context, roundID int64, ids []int64) error
	Responses(ctx context.Context, roundID int64) ([]Response, error)
	// Tally counts the round's responses and their scores per question.
	// It is cheap to call again after a few responses are added, so live
	// charts can redraw on every change.
	Tally(ctx context.Context, roundID int64) (Tally, error)
	// AddResponses stores rs in one transaction, skipping any whose Key is
	// already in the round; it returns how many were added and skipped.
	AddResponses(ctx context.Context, roundID int64, rs []Response) (added, skipped int, err error)
	// ImportResponses stores an imported survey export in one transaction,
	// as ImportResponseChunks does, all at once.
	ImportResponses(ctx context.Context, imp ResponseImport, rs []Response) (ImportCounts, error)
	// ImportResponseChunks stores an imported survey export in one
	// transaction, all or nothing, with responses that arrive a slice at a
	// time: it calls next until it returns an empty slice, storing each
	// slice while next prepares the one after. When next returns an error
	// nothing is stored and that error is returned as is. A score keyed by
	// a negative placeholder -(j+1) answers imp.NewQuestions[j]
	// (forms.Apply's convention). Within the round a Key already stored is
	// the same response: unchanged, or changed and updated (see
	// ResponseImport). A round named for the import is created in the same
	// transaction. The store is done with a slice, and with the Scores
	// maps of its responses, when it calls next again, so next may reuse
	// them.
	ImportResponseChunks(ctx context.Context, imp ResponseImport, next func() ([]Response, error)) (ImportCounts, error)
	DeleteResponse(ctx context.Context, id int64) error
}

// ReflectionService manages reflections and themes.
type ReflectionService interface {
	Reflections(ctx context.Context, roundID int64) ([]Reflection, error)
	CreateReflection(ctx context.Context, r *Reflection) error
	// CreateReflections stores rs in the round in one transaction, all or
	// nothing; the IDs are set in rs.
	CreateReflections(ctx context.Context, roundID int64, rs []Reflection) error
	UpdateReflection(ctx context.Context, r *Reflection) error
	DeleteReflection(ctx context.Context, id int64) error
	Themes(ctx context.Context) ([]Theme, error)
	SaveTheme(ctx context.Context, t *Theme) error
	DeleteTheme(ctx context.Context, id int64) error
}

// ProjectService manages improvement projects.
type ProjectService interface {
	Projects(ctx context.Context, roundID int64) ([]Project, error)
	CreateProject(ctx context.Context, p *Project) error
	UpdateProject(ctx context.Context, p *Project) error
	DeleteProject(ctx context.Context, id int64) error
}

// EventService manages events, agendas and attendees.
type EventService interface {
	Events(ctx context.Context, roundID int64) ([]Event, error)
	CreateEvent(ctx context.Context, e *Event) error
	UpdateEvent(ctx context.Context, e *Event) error
	DeleteEvent(ctx context.Context, id int64) error
	Agenda(ctx context.Context, eventID int64) ([]AgendaItem, error)
	SaveAgendaItem(ctx context.Context, a *AgendaItem) error
	DeleteAgendaItem(ctx context.Context, id int64) error
	// MoveAgendaItem moves an agenda item, earlier or later, to position to
	// (1 is first) and renumbers the agenda 1, 2, 3 … in one transaction.
	// With shiftTimes, the items between the old and the new place are
	// given new start times so the schedule stays continuous: the first of
	// them starts when the first of that stretch did, and each one after
	// starts when the one before ends, so the items outside the stretch
	// keep their times.
	MoveAgendaItem(ctx context.Context, itemID int64, to int, shiftTimes bool) error
	Attendees(ctx context.Context, eventID int64) ([]Attendee, error)
	SaveAttendee(ctx context.Context, a *Attendee) error
	// SaveAttendees creates or updates all of as in one transaction.
	SaveAttendees(ctx context.Context, as []Attendee) error
	DeleteAttendee(ctx context.Context, id int64) error
	// DeleteAttendees deletes every attendee in ids in one transaction: all
	// of them, or none when any does not exist. It undoes InviteRound.
	DeleteAttendees(ctx context.Context, ids []int64) error
	// InviteRound adds every participant of the round who is not yet on
	// the event's list, as invited (it sends nothing), in one transaction,
	// and returns the new attendees' IDs, for DeleteAttendees to undo the
	// invitation as one step. A participant is on an event's list at most
	// once, so inviting the round again adds nobody.
	InviteRound(ctx context.Context, eventID, roundID int64) (added []int64, err error)
	// CheckIn records the attendee's arrival at t (or clears it when t is zero).
	CheckIn(ctx context.Context, attendeeID int64, t time.Time) error
	// SetRSVP records an attendee's answer in one transaction, keeping the
	// event within its capacity: accepting when every place is taken puts
	// the person on the waitlist (the returned RSVP says which), and
	// declining a place promotes the first person waiting, who is
	// returned (zero when nobody was).
	SetRSVP(ctx context.Context, attendeeID int64, rsvp RSVP, now time.Time) (got RSVP, promoted Attendee, err error)
	// UpsertAttendees creates or updates all of as for the event in one
	// transaction: a row matches a stored attendee by email (ignoring
	// case) or, with no email, by name; a row whose email is a
	// participant's of the event's round is linked to them (for a forum
	// meeting, the most recent round's participant). An empty cell
	// never erases a stored value.
	UpsertAttendees(ctx context.Context, eventID int64, as []Attendee) (created, updated int, err error)
}
