// Package demo builds the demo round: clearly fictional people whose
// feedback reproduces the published Southampton figures (71 responses with
// weighted averages 5.25, 4.59, 4.83 and 3.85), for trying Liaison out and
// for presenting it.
package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/liaisonapp/liaison/store"
)

// ForumName is the demo forum's name. The forum outlives the demo round,
// as every forum outlives rounds: deleting the round leaves it, and
// creating the demo again does not add a second one.
const ForumName = "Demo interface forum (fictional)"

// RoundName is the demo round's name; Create does nothing when a round of
// that name exists.
const RoundName = "Demo round 2017–18 (fictional)"

// Counts are the demo's score counts per published question, scores 1..6.
// Each gives 71 answers whose mean rounds to the published figure:
// 373/71 = 5.2535, 326/71 = 4.5915, 343/71 = 4.8310, 273/71 = 3.8451.
var Counts = [4][6]int{
	{0, 1, 2, 8, 27, 33},
	{1, 2, 6, 20, 29, 13},
	{1, 2, 4, 15, 28, 21},
	{3, 6, 21, 18, 15, 8},
}

var (
	firstNames = []string{"Alex", "Bea", "Cal", "Dina", "Eli", "Fern", "Gus", "Hana", "Ivo", "Jude", "Kit", "Lena", "Milo", "Nia",
		"Otto", "Pia", "Quin", "Rhea", "Seth", "Tara", "Uma", "Vic", "Wren", "Xan", "Yara", "Zed", "Ada", "Bram", "Cleo", "Dev"}
	surnames = []string{"Ashdown", "Brackwater", "Coldharbour", "Dunmore", "Eastleigh-Vane", "Fallowfield", "Greywell", "Hollins",
		"Ironside", "Juniper", "Kestrel", "Lanyard", "Marchbank", "Netherby", "O'Rourke", "Pennyfeather", "Quarrie", "Rookwood",
		"Saltmarsh", "Thistlewood", "Underhill", "Vantage", "Whitlow", "Yarrow"}
	localities = []string{"Central", "East", "West"}
	practices  = map[string][]string{
		"Central": {"Old Bank Surgery", "Clocktower Medical Practice", "Market Street Surgery", "Quayside Health Centre", "Library Lane Practice", "St Ives Road Surgery"},
		"East":    {"Heathfield Surgery", "Orchard Park Medical Centre", "Riverside Practice", "Bitterne Brook Surgery", "Windmill Health Centre", "Lark Rise Surgery"},
		"West":    {"Harbour View Surgery", "Shirley Green Practice", "Millbrook Medical Centre", "Foreshore Surgery", "Redbridge Health Centre", "Westgate Practice"},
	}
	trusts      = []string{"City General Hospital (fictional trust)", "Seaview Community Hospital (fictional trust)"}
	specialties = []string{"Geriatric medicine", "Cardiology", "Respiratory medicine", "Gastroenterology", "Rheumatology", "Dermatology",
		"Orthopaedics", "Paediatrics", "Psychiatry", "Diabetes and endocrinology", "Urology", "Ophthalmology"}
)

// Create builds the demo round in s and returns it. When the demo round
// already exists it is returned unchanged, so running the demo twice
// duplicates nothing. When building fails part way, what was built is
// deleted again.
func Create(ctx context.Context, s store.Service) (store.Round, error) {
	if r, err := s.RoundByName(ctx, RoundName); err == nil {
		return r, nil
	} else if store.ErrorCode(err) != store.ENOTFOUND {
		return r, err
	}
	r := store.Round{Name: RoundName, StartsOn: "2017-09-01", EndsOn: "2018-07-31"}
	if err := s.CreateRound(ctx, &r); err != nil {
		return r, err
	}
	if err := fill(ctx, s, r); err != nil {
		if derr := s.DeleteRound(ctx, r.ID); derr != nil {
			return r, fmt.Errorf("%w (and removing the half-built demo failed: %v)", err, derr)
		}
		return r, err
	}
	return r, nil
}

func fill(ctx context.Context, s store.Service, r store.Round) error {
	rng := rand.New(rand.NewPCG(2017, 2018))
	people := People(rng)
	if _, _, err := s.UpsertParticipants(ctx, r.ID, people); err != nil {
		return err
	}
	pairs, err := makePairs(ctx, s, r, people)
	if err != nil {
		return err
	}
	if err := addResponses(ctx, s, r, rng); err != nil {
		return err
	}
	if err := addReflections(ctx, s, r); err != nil {
		return err
	}
	if err := addProjects(ctx, s, r, pairs); err != nil {
		return err
	}
	if err := addEvent(ctx, s, r, people); err != nil {
		return err
	}
	if err := addForum(ctx, s, r, people); err != nil {
		return err
	}
	return store.SaveRoundSettings(ctx, s, r.ID, Settings)
}

// SurveysSent is the demo's record of surveys sent. The published figure
// is "71 (37.5%)", and no whole number of surveys gives exactly that:
// 71/189 = 37.57% and 71/190 = 37.37%. 189 is the base that reproduces it
// to rounding (37.57% cut, not rounded, to one decimal), so the demo
// records 189 surveys sent and shows "71 of 189 surveys sent = 37.6%".
const SurveysSent = 189

// Settings are the demo round's own settings: the rate over surveys sent,
// the default K, and a fictional organiser for the appraisal evidence.
var Settings = store.RoundSettings{RateBase: store.RateBaseSurveysSent, SurveysSent: SurveysSent,
	SuppressK: store.DefaultSuppressK, OrganiserName: "Dr Ana Organiser (fictional)", OrganiserContact: "liaison.scheme@demo.example"}

// People returns the demo's 190 fictional participants: 94 GPs, 88
// consultants and a few nurses, managers, pharmacists and a support worker.
func People(rng *rand.Rand) []store.Participant {
	var out []store.Participant
	used := map[string]bool{}
	add := func(role store.Role, org, spec, loc string, wishes []string) {
		for {
			first := firstNames[rng.IntN(len(firstNames))]
			last := surnames[rng.IntN(len(surnames))]
			name := first + " " + last
			email := strings.ToLower(first+"."+strings.NewReplacer("'", "", " ", "").Replace(last)) + "@demo.example"
			if used[email] {
				continue
			}
			used[email] = true
			title := "Dr "
			if role != store.RoleGP && role != store.RoleConsultant {
				title = ""
			}
			out = append(out, store.Participant{Name: title + name, Email: email, Role: role, Organisation: org,
				Specialty: spec, Locality: loc, Wishes: wishes})
			return
		}
	}
	for i := 0; i < 94; i++ {
		loc := localities[i%3]
		org := practices[loc][(i/3)%len(practices[loc])]
		var wishes []string
		if i%2 == 0 {
			wishes = []string{specialties[(i/2)%len(specialties)]}
		}
		add(store.RoleGP, org, "General practice", loc, wishes)
	}
	for i := 0; i < 88; i++ {
		add(store.RoleConsultant, trusts[i%5/4], specialties[i%len(specialties)], localities[(i/4)%3], nil)
	}
	add(store.RoleNurse, practices["East"][0], "Practice nursing", "East", nil)
	add(store.RoleNurse, trusts[0], "Diabetes and endocrinology", "Central", nil)
	add(store.RoleNurse, practices["West"][1], "Practice nursing", "West", nil)
	add(store.RoleManager, practices["Central"][2], "Practice management", "Central", nil)
	add(store.RoleManager, trusts[0], "Outpatient services", "Central", nil)
	add(store.RolePharmacist, practices["West"][3], "Clinical pharmacy", "West", nil)
	add(store.RolePharmacist, trusts[0], "Medicines optimisation", "East", nil)
	add(store.RoleSupportWorker, practices["East"][2], "Health care support", "East", nil)
	return out
}

// makePairs pairs 62 GPs with 62 consultants: 59 pairs have done both
// visits (118 people, the base of the "60%" response rate), the other three
// show the remaining statuses.
func makePairs(ctx context.Context, s store.Service, r store.Round, people []store.Participant) ([]store.Pairing, error) {
	var gps, cons []store.Participant
	for _, p := range people {
		switch p.Role {
		case store.RoleGP:
			gps = append(gps, p)
		case store.RoleConsultant:
			cons = append(cons, p)
		}
	}
	start := time.Date(2017, 10, 2, 0, 0, 0, 0, time.UTC)
	var out []store.Pairing
	for i := 0; i < 62; i++ {
		gp, con := gps[i], cons[i]
		reasons := []string{}
		if strings.EqualFold(gp.Locality, con.Locality) {
			reasons = append(reasons, "same locality: "+gp.Locality)
		}
		for _, w := range gp.Wishes {
			if strings.EqualFold(w, con.Specialty) {
				reasons = append(reasons, "specialty wished for: "+w)
			}
		}
		if len(reasons) == 0 {
			reasons = append(reasons, "paired by the organiser")
		}
		p := store.Pairing{RoundID: r.ID, PrimaryID: gp.ID, SecondaryID: con.ID, Locked: i%10 == 0, Reason: strings.Join(reasons, "; ")}
		first := start.AddDate(0, 0, 3*i)
		second := first.AddDate(0, 0, 21+i%9)
		p.Visits[0] = store.Visit{Date: first.Format(store.DateLayout), Status: store.VisitDone, ReflectionReceived: i%3 != 0}
		p.Visits[1] = store.Visit{Date: second.Format(store.DateLayout), Status: store.VisitDone, ReflectionReceived: i%4 != 0}
		switch i {
		case 59: // second visit confirmed, not yet done
			p.Visits[1].Status = store.VisitConfirmed
			p.Visits[1].Date = "2018-06-28"
		case 60: // both proposed, no dates agreed
			p.Visits[0] = store.Visit{Status: store.VisitProposed, Notes: "Consultant on leave until June"}
			p.Visits[1] = store.Visit{Status: store.VisitProposed}
		case 61: // first cancelled, second still proposed
			p.Visits[0].Status = store.VisitCancelled
			p.Visits[0].Notes = "Practice closed for training; to rebook"
			p.Visits[1] = store.Visit{Status: store.VisitProposed}
		}
		if err := s.CreatePairing(ctx, &p); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

// addResponses stores 71 responses whose per-question counts are Counts,
// shuffled so that each response is a plausible mix.
func addResponses(ctx context.Context, s store.Service, r store.Round, rng *rand.Rand) error {
	qs, err := s.Questions(ctx, r.ID)
	if err != nil {
		return err
	}
	if len(qs) < len(Counts) {
		return store.Errorf(store.EINTERNAL, "the demo round has %d questions, not %d", len(qs), len(Counts))
	}
	const n = 71
	rs := make([]store.Response, n)
	for i := range rs {
		role := store.RoleGP
		switch {
		case i%2 == 1:
			role = store.RoleConsultant
		case i%23 == 22:
			role = ""
		}
		rs[i] = store.Response{Scores: map[int64]int{}, Role: role, Source: "demo", Key: fmt.Sprintf("demo:%02d", i+1)}
	}
	for qi, counts := range Counts {
		var scores []int
		for score, c := range counts {
			for k := 0; k < c; k++ {
				scores = append(scores, score+1)
			}
		}
		rng.Shuffle(len(scores), func(i, j int) { scores[i], scores[j] = scores[j], scores[i] })
		for i := range rs {
			rs[i].Scores[qs[qi].ID] = scores[i]
		}
	}
	_, _, err = s.AddResponses(ctx, r.ID, rs)
	return err
}

var reflections = []struct {
	body   string
	themes []string
	quote  bool
}{
	{"Seeing the pressure in the practice at 8am changed how I write my discharge letters.", []string{"efficiency", "education"}, true},
	{"I had no idea how many letters a GP reads every day; most of mine need no action and now I say so at the top.", []string{"efficiency"}, true},
	{"The consultant sat in on my morning surgery and we talked about frailty for an hour afterwards. We now phone each other.", []string{"collaboration", "education"}, true},
	{"Patients in hospital often feel lost; our practice could give them a leaflet about psychological support before admission.", []string{"compassion"}, true},
	{"Multimorbidity looks different from the GP's chair: ten problems in ten minutes.", []string{"complexity"}, true},
	{"We share the same values, just different pressures. It was good to remember that.", []string{"compassion", "collaboration"}, true},
	{"Knowing the secretaries' direct numbers would save both of us hours.", []string{"efficiency", "collaboration"}, false},
	{"I learnt how the hospital triages referrals and will write better ones.", []string{"education", "efficiency"}, true},
	{"The clinic was running late all morning and still every patient was treated with kindness.", []string{"compassion"}, false},
	{"Complex discharges fail at the handover; we agreed a checklist for my ward.", []string{"complexity", "collaboration"}, false},
	{"Shadowing the GP showed me how much uncertainty they hold safely in the community.", []string{"complexity", "education"}, true},
	{"It felt like the old days of the postgraduate centre lunch: real conversation.", []string{"collaboration"}, false},
	{"Advice and guidance requests could be answered faster if we knew each other.", []string{"efficiency", "collaboration"}, false},
	{"I will take a trainee with me next time; this is education we cannot get elsewhere.", []string{"education"}, false},
	{"Both of us are exhausted; compassion for each other has to come first.", []string{"compassion"}, true},
	{"The practice pharmacist showed me how polypharmacy reviews actually work.", []string{"complexity", "education"}, false},
	{"Small changes matter: a named contact, a clear letter, a quick call.", []string{"efficiency", "collaboration"}, true},
	{"I understood for the first time why some referrals arrive without tests.", []string{"education", "complexity"}, false},
	{"We planned a joint teaching session for the locality.", []string{"education", "collaboration"}, false},
	{"Seeing end-of-life care at home was humbling.", []string{"compassion", "complexity"}, false},
	{"The visit took half a day and saved weeks of back-and-forth letters.", []string{"efficiency"}, false},
	{"Relationships, not systems, make integration work.", []string{"collaboration"}, true},
	{"Our outpatient letters will now say For Information Only or GP Action Required.", []string{"efficiency"}, false},
	{"Hospital colleagues are as stretched as we are; it helps to see it.", []string{"compassion", "complexity"}, false},
	{"I would do this every year: it is the best learning I have had since training.", []string{"education"}, false},
	{"We now have a shared email for urgent questions about frail patients.", []string{"collaboration", "efficiency"}, false},
	{"Listening to patients describe their journey between us was eye-opening.", []string{"compassion", "education"}, false},
	{"A regular forum would keep this going beyond one visit.", []string{"collaboration"}, false},
}

func addReflections(ctx context.Context, s store.Service, r store.Round) error {
	for _, x := range reflections {
		ref := store.Reflection{RoundID: r.ID, Body: x.body, Themes: x.themes, Approved: x.quote}
		if err := s.CreateReflection(ctx, &ref); err != nil {
			return err
		}
	}
	return nil
}

func addProjects(ctx context.Context, s store.Service, r store.Round, pairs []store.Pairing) error {
	ps := []store.Project{
		{Title: `Outpatient letters headed "For Information Only" / "GP Action Required"`, PromptedBy: "theme: efficiency; orthopaedics pair",
			PairingID: pairs[0].ID, Owner: "Orthopaedics consultant lead", Group: "Letters task-and-finish group", Status: store.ProjectCompleted,
			StartedOn: "2017-11-06", CompletedOn: "2018-03-01", Impact: "Letters headed For Information Only / GP Action Required: practice admin time saved; adopted by all local providers",
			Output: store.OutputLetterAction, AdoptedBy: []string{"City General Hospital (fictional)", "Harbour Community Trust (fictional)"},
			Saving: 6, SavingUnit: "hours per week", SavingNote: "practice admin, estimated by two practices", Theme: "efficiency"},
		{Title: "Shared directory of consultants' secretaries", PromptedBy: "theme: collaboration", Owner: "Primary care liaison manager",
			Group: "Communication group", Status: store.ProjectCompleted, StartedOn: "2017-12-01", CompletedOn: "2018-02-14",
			Impact: "Direct numbers for 40 secretaries; fewer calls through switchboard",
			Output: store.OutputDirectory, AdoptedBy: []string{"City General Hospital (fictional)"}, Theme: "collaboration"},
		{Title: "Leaflet on psychological support for patients in hospital", PromptedBy: "theme: compassion; psychiatry pair",
			PairingID: pairs[8].ID, Owner: "Liaison psychiatry", Status: store.ProjectCompleted, StartedOn: "2018-01-10", CompletedOn: "2018-05-20",
			Impact: "Leaflet given to patients before planned admissions",
			Output: store.OutputLeaflet, Theme: "compassion"},
		{Title: "Frailty advice line for GPs", PromptedBy: "specialty: Geriatric medicine", Owner: "Older people's medicine",
			Group: "Frailty group", Status: store.ProjectInProgress, StartedOn: "2018-03-05", Impact: "Same-day advice to avoid admissions"},
		{Title: "Joint locality teaching sessions", PromptedBy: "theme: education", Owner: "GP tutor", Status: store.ProjectInProgress,
			StartedOn: "2018-04-01"},
		{Title: "Referral templates with the tests the clinic needs", PromptedBy: "theme: efficiency; gastroenterology", Owner: "Gastroenterology",
			Status: store.ProjectIdea},
		{Title: "Discharge checklist for complex patients", PromptedBy: "theme: complexity", Owner: "Acute medicine", Status: store.ProjectStopped,
			StartedOn: "2018-02-01", Impact: "Stopped: merged into the trust's discharge programme"},
	}
	for i := range ps {
		ps[i].RoundID = r.ID
		if err := s.CreateProject(ctx, &ps[i]); err != nil {
			return err
		}
	}
	return nil
}

func addEvent(ctx context.Context, s store.Service, r store.Round, people []store.Participant) error {
	e := store.Event{RoundID: r.ID, Name: "Celebration and reflection event", Date: "2018-07-12",
		Venue: "Conference Suite, City General Hospital (fictional)", Capacity: 120}
	if err := s.CreateEvent(ctx, &e); err != nil {
		return err
	}
	agenda := []store.AgendaItem{
		{Starts: "13:00", Minutes: 30, Title: "Arrival, lunch and registration"},
		{Starts: "13:30", Minutes: 15, Title: "Welcome from the scheme lead", Speaker: "Scheme organiser"},
		{Starts: "13:45", Minutes: 15, Title: "Joint statement from the chief executives", Speaker: "Chief executives of the trust and the ICB"},
		{Starts: "14:00", Minutes: 45, Title: "Keynote: compassionate leadership", Speaker: "A visiting professor of organisational psychology"},
		{Starts: "14:45", Minutes: 30, Title: "What the pairs found: feedback and themes", Speaker: "Scheme organiser"},
		{Starts: "15:15", Minutes: 15, Title: "Break"},
		{Starts: "15:30", Minutes: 45, Title: "Table discussions: next steps and improvement projects"},
		{Starts: "16:15", Minutes: 15, Title: "Close and the regular forum"},
	}
	for i := range agenda {
		agenda[i].EventID, agenda[i].Position = e.ID, i+1
		if err := s.SaveAgendaItem(ctx, &agenda[i]); err != nil {
			return err
		}
	}
	checkIn := time.Date(2018, 7, 12, 12, 40, 0, 0, time.UTC)
	for i, p := range people[:140] {
		if i%2 == 1 && i > 100 {
			continue
		}
		a := store.Attendee{EventID: e.ID, ParticipantID: p.ID, Name: p.Name, Organisation: p.Organisation, Role: p.Role.Label(), RSVP: store.RSVPAccepted}
		switch {
		case i%9 == 8:
			a.RSVP = store.RSVPDeclined
		case i%7 == 6:
			a.RSVP = store.RSVPInvited
		case i%5 != 4:
			a.CheckedInAt = checkIn.Add(time.Duration(i%50) * time.Minute)
		}
		if err := s.SaveAttendee(ctx, &a); err != nil {
			return err
		}
	}
	for _, g := range []store.Attendee{
		{Name: "Chief executive, the trust (guest)", Organisation: trusts[0], Role: "Guest"},
		{Name: "Chief executive, the ICB (guest)", Organisation: "Integrated care board (fictional)", Role: "Guest"},
		{Name: "Keynote speaker (guest)", Organisation: "A university (fictional)", Role: "Speaker"},
	} {
		g.EventID, g.RSVP, g.CheckedInAt = e.ID, store.RSVPAccepted, checkIn
		if err := s.SaveAttendee(ctx, &g); err != nil {
			return err
		}
	}
	return nil
}

// addForum sets up the demo forum, meeting every four weeks since the
// celebration event: three past meetings, the later two made with "new
// meeting from the last", each with some of the round's people (who
// answered and came), two guests, and an action agreed at the second.
func addForum(ctx context.Context, s store.Service, r store.Round, people []store.Participant) (err error) {
	forums, err := s.Forums(ctx)
	if err != nil {
		return err
	}
	for _, f := range forums {
		if strings.EqualFold(f.Name, ForumName) {
			return nil
		}
	}
	f := store.Forum{Name: ForumName, Every: store.Interval{N: 4, Unit: store.Weeks}, Venue: "Board room, City General Hospital (fictional)"}
	if err := s.SaveForum(ctx, &f); err != nil {
		return err
	}
	// A half-built forum goes again, as a half-built round does.
	defer func() {
		if err != nil {
			if derr := s.DeleteForum(ctx, f.ID); derr != nil {
				err = fmt.Errorf("%w (and removing the half-built demo forum failed: %v)", err, derr)
			}
		}
	}()
	first := store.Event{ForumID: f.ID, Name: ForumName, Date: "2018-09-06", Venue: f.Venue, Capacity: 30}
	if err := s.CreateEvent(ctx, &first); err != nil {
		return err
	}
	agenda := []store.AgendaItem{
		{Starts: "12:30", Minutes: 15, Title: "Lunch and welcome", Speaker: "Forum chair"},
		{Starts: "12:45", Minutes: 15, Title: "Actions from last time"},
		{Starts: "13:00", Minutes: 40, Title: "Live problem-solving: a case from primary care", Speaker: "A GP member"},
		{Starts: "13:40", Minutes: 20, Title: "Task-and-finish groups report back", Speaker: "Group leads"},
	}
	for i := range agenda {
		agenda[i].EventID, agenda[i].Position = first.ID, i+1
		if err := s.SaveAgendaItem(ctx, &agenda[i]); err != nil {
			return err
		}
	}
	var invited []store.Attendee
	for _, p := range people[:16] {
		invited = append(invited, store.Attendee{EventID: first.ID, ParticipantID: p.ID, Name: p.Name, Email: p.Email,
			Organisation: p.Organisation, Role: p.Role.Label()})
	}
	invited = append(invited,
		store.Attendee{EventID: first.ID, Name: "LMC representative (guest)", Organisation: "Local medical committee (fictional)", Role: "Guest"},
		store.Attendee{EventID: first.ID, Name: "PCN clinical director (guest)", Organisation: "East PCN (fictional)", Role: "Guest"})
	if err := s.SaveAttendees(ctx, invited); err != nil {
		return err
	}
	meetings := []store.Event{first}
	for _, date := range []string{"2018-10-04", "2018-11-01"} {
		e, err := s.NewMeetingFrom(ctx, f.ID, date)
		if err != nil {
			return err
		}
		meetings = append(meetings, e)
	}
	// Who answered and who came: most, differently each time.
	for n, e := range meetings {
		list, err := s.Attendees(ctx, e.ID)
		if err != nil {
			return err
		}
		start, err := time.ParseInLocation("2006-01-02 15:04", e.Date+" 12:25", time.UTC)
		if err != nil {
			return err
		}
		for i, a := range list {
			switch {
			case (i+n)%6 == 5:
				a.RSVP = store.RSVPDeclined
			case (i+n)%4 == 3:
				a.RSVP = store.RSVPAccepted
			default:
				a.RSVP = store.RSVPAccepted
				a.CheckedInAt = start.Add(time.Duration(i%9) * time.Minute)
			}
			if err := s.SaveAttendee(ctx, &a); err != nil {
				return err
			}
		}
	}
	ps, err := s.Projects(ctx, r.ID)
	if err != nil {
		return err
	}
	for _, p := range ps {
		if strings.HasPrefix(p.Title, "Referral templates") {
			p.MeetingID = meetings[1].ID
			if err := s.UpdateProject(ctx, &p); err != nil {
				return err
			}
		}
	}
	groups, err := s.TaskGroups(ctx)
	if err != nil {
		return err
	}
	for _, g := range groups {
		if g.Name == "Letters task-and-finish group" {
			g.Lead = "Orthopaedics consultant lead"
			g.Members = []string{people[0].Name, people[3].Name, "Practice manager, Harbour View Surgery (fictional)"}
			if err := s.SaveTaskGroup(ctx, &g); err != nil {
				return err
			}
		}
	}
	return nil
}
