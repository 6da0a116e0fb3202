package tasks

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/liaisonapp/liaison/pdfdoc/pdftest"
	"github.com/liaisonapp/liaison/store"
)

// boardRound is a small round: a GP and a consultant with accented names
// who completed both visits and checked in at the event, a pair that has
// not, 6 GP and 6 consultant responses and 2 from nurses (fewer than K = 5,
// so never shown), and an approved quote that names a participant.
func boardRound(t *testing.T) (store.Service, store.Round) {
	t.Helper()
	ctx := context.Background()
	db := openDB(t)
	r := store.Round{Name: "Wessex 2026", StartsOn: "2026-01-05", EndsOn: "2026-07-31"}
	if err := db.CreateRound(ctx, &r); err != nil {
		t.Fatal(err)
	}
	people := []store.Participant{
		{Name: "Dr Seán Ó Súilleabháin", Email: "sean@example.org", Role: store.RoleGP, Organisation: "Quayside Surgery", Locality: "East"},
		{Name: "Dr Zoë Lindqvist", Email: "zoe@example.org", Role: store.RoleConsultant, Organisation: "City Hospital", Specialty: "Cardiology", Locality: "East"},
		{Name: "Dr Ann Other", Email: "ann@example.org", Role: store.RoleGP, Organisation: "Hill Surgery", Locality: "West"},
		{Name: "Dr Bob Elder", Email: "bob@example.org", Role: store.RoleConsultant, Organisation: "City Hospital", Specialty: "Renal", Locality: "West"},
		{Name: "Nora Nurse", Email: "nora@example.org", Role: store.RoleNurse, Locality: "East"},
	}
	if _, _, err := db.UpsertParticipants(ctx, r.ID, people); err != nil {
		t.Fatal(err)
	}
	people, err := db.FindParticipants(ctx, store.ParticipantFilter{RoundID: r.ID})
	if err != nil {
		t.Fatal(err)
	}
	byEmail := map[string]store.Participant{}
	for _, p := range people {
		byEmail[p.Email] = p
	}
	done := store.Pairing{RoundID: r.ID, PrimaryID: byEmail["sean@example.org"].ID, SecondaryID: byEmail["zoe@example.org"].ID}
	done.Visits[0] = store.Visit{Date: "2026-02-03", Status: store.VisitDone, ReflectionReceived: false}
	done.Visits[1] = store.Visit{Date: "2026-03-10", Status: store.VisitDone, ReflectionReceived: true}
	open := store.Pairing{RoundID: r.ID, PrimaryID: byEmail["ann@example.org"].ID, SecondaryID: byEmail["bob@example.org"].ID}
	open.Visits[0] = store.Visit{Date: "2026-02-20", Status: store.VisitDone}
	open.Visits[1] = store.Visit{Status: store.VisitProposed}
	for _, p := range []*store.Pairing{&done, &open} {
		if err := db.CreatePairing(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	qs, err := db.Questions(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	var rs []store.Response
	add := func(role store.Role, n, score int) {
		for i := 0; i < n; i++ {
			sc := map[int64]int{}
			for _, q := range qs {
				sc[q.ID] = score
			}
			rs = append(rs, store.Response{Role: role, Scores: sc, Source: "paper", Key: string(role) + string(rune('a'+len(rs)))})
		}
	}
	add(store.RoleGP, 6, 5)
	add(store.RoleConsultant, 6, 4)
	add(store.RoleNurse, 2, 1)
	if _, _, err := db.AddResponses(ctx, r.ID, rs); err != nil {
		t.Fatal(err)
	}
	for _, refl := range []store.Reflection{
		{RoundID: r.ID, Body: "Working with Zoë Lindqvist changed my referrals.", Approved: true},
		{RoundID: r.ID, Body: "Relationships, not systems, make integration work.", Approved: true},
		{RoundID: r.ID, Body: "A private thought never to be printed.", Approved: false},
	} {
		if err := db.CreateReflection(ctx, &refl); err != nil {
			t.Fatal(err)
		}
	}
	projects := []store.Project{
		{RoundID: r.ID, Title: "Letters headed GP Action Required", Owner: "Dr Bob Elder", Status: store.ProjectCompleted, CompletedOn: "2026-06-01", Impact: "Adopted by all local providers"},
		{RoundID: r.ID, Title: "Frailty line", Status: store.ProjectIdea},
	}
	for i := range projects {
		if err := db.CreateProject(ctx, &projects[i]); err != nil {
			t.Fatal(err)
		}
	}
	e := store.Event{RoundID: r.ID, Name: "Celebration event", Date: "2026-07-10"}
	if err := db.CreateEvent(ctx, &e); err != nil {
		t.Fatal(err)
	}
	for _, a := range []store.Attendee{
		{EventID: e.ID, ParticipantID: byEmail["sean@example.org"].ID, Name: "Dr Seán Ó Súilleabháin", RSVP: store.RSVPAccepted, CheckedInAt: time.Date(2026, 7, 10, 13, 0, 0, 0, time.UTC)},
		{EventID: e.ID, ParticipantID: byEmail["zoe@example.org"].ID, Name: "Dr Zoë Lindqvist", RSVP: store.RSVPAccepted},
	} {
		if err := db.SaveAttendee(ctx, &a); err != nil {
			t.Fatal(err)
		}
	}
	if err := store.SaveRoundSettings(ctx, db, r.ID, store.RoundSettings{RateBase: store.RateBaseSurveysSent, SurveysSent: 20, SuppressK: 5,
		OrganiserName: "Dr Órla Organiser", OrganiserContact: "liaison@example.org"}); err != nil {
		t.Fatal(err)
	}
	return db, r
}

func packFile(t *testing.T, p *Pack, name string) []byte {
	t.Helper()
	for _, f := range p.Files {
		if f.Name == name {
			return f.Data
		}
	}
	t.Fatalf("the pack has no %s", name)
	return nil
}

var boardNow = time.Date(2026, 8, 1, 10, 0, 0, 0, time.UTC)

func TestBoardPack(t *testing.T) {
	db, r := boardRound(t)
	pack, err := BoardPack(context.Background(), db, r, boardNow, BoardPackOptions{})
	if err != nil {
		t.Fatal(err)
	}
	names := []string{"Seán", "Súilleabháin", "Zoë", "Lindqvist", "Ann Other", "Bob Elder", "Nora"}

	t.Run("Summary", func(t *testing.T) {
		pdf := packFile(t, pack, "summary.pdf")
		if n := pdftest.Pages(t, pdf); n < 1 || n > 3 {
			t.Errorf("summary has %d pages, want 1 to 3", n)
		}
		text := pdftest.Text(t, pdf)
		flat := strings.Join(strings.Fields(text), " ")
		for _, want := range []string{"Board summary: Wessex 2026", "5 January 2026 to 31 July 2026",
			"14 of 20 surveys sent = 70.0%", "1 of 2 pairs = 50.0%", "1 of 2 projects = 50.0%",
			"Letters headed GP Action Required", "Adopted by all local providers",
			"Relationships, not systems, make integration work.", "fewer than 5", "Page 1 of"} {
			if !strings.Contains(flat, want) {
				t.Errorf("summary lacks %q:\n%s", want, text)
			}
		}
		for _, bad := range append(names, "private thought", "Nurse ") {
			if strings.Contains(flat, bad) {
				t.Errorf("summary shows %q, which must not leave without --include-names", bad)
			}
		}
	})
	t.Run("QuoteNamingSomeoneLeftOut", func(t *testing.T) {
		if len(pack.Notes) != 1 || !strings.Contains(pack.Notes[0], "names a participant") {
			t.Errorf("notes = %q, want one saying a quote was left out for naming someone", pack.Notes)
		}
		if q := string(packFile(t, pack, "approved-quotes.csv")); strings.Contains(q, "Zoë") || !strings.Contains(q, "Relationships") {
			t.Errorf("approved-quotes.csv:\n%s", q)
		}
	})
	t.Run("NoNamesInCSVs", func(t *testing.T) {
		for _, f := range pack.Files {
			if filepath.Ext(f.Name) != ".csv" {
				continue
			}
			if !bytes.HasPrefix(f.Data, []byte("\ufeff")) || !bytes.Contains(f.Data, []byte("\r\n")) {
				t.Errorf("%s is not Excel-safe CSV (BOM, CRLF)", f.Name)
			}
			for _, n := range names {
				if bytes.Contains(f.Data, []byte(n)) {
					t.Errorf("%s names %q without --include-names", f.Name, n)
				}
			}
		}
	})
	t.Run("Suppression", func(t *testing.T) {
		byRole := string(packFile(t, pack, "feedback-by-role.csv"))
		for _, line := range strings.Split(byRole, "\r\n") {
			if strings.HasPrefix(line, "Role,Nurse,") {
				cells := strings.Split(line, ",")
				for _, c := range cells[3:] {
					if c != store.SuppressedLabel(5) {
						t.Errorf("a nurse cell shows %q, want %q: %s", c, store.SuppressedLabel(5), line)
					}
				}
			}
		}
		if !strings.Contains(byRole, "Role,Nurse,") {
			t.Errorf("feedback-by-role.csv has no Nurse rows:\n%s", byRole)
		}
		perQ := string(packFile(t, pack, "feedback-per-question.csv"))
		if !strings.Contains(perQ, ",14,") || strings.Contains(perQ, "Role,") {
			t.Errorf("feedback-per-question.csv should have the overall rows (n = 14) only:\n%s", perQ)
		}
		part := string(packFile(t, pack, "participation.csv"))
		for _, want := range []string{"All,Participants in the round,5", "Role,Nurse,fewer than 5", "Locality,East,"} {
			if !strings.Contains(part, want) {
				t.Errorf("participation.csv lacks %q:\n%s", want, part)
			}
		}
		if strings.Contains(part, "Role,GP,2") || strings.Contains(part, "Role,Nurse,1") {
			t.Errorf("participation.csv shows a group of fewer than 5:\n%s", part)
		}
	})
	t.Run("ChartsAsPNGAndSVG", func(t *testing.T) {
		for _, name := range []string{"charts-feedback-means", "charts-participants-by-role", "charts-event-check-ins"} {
			if png := packFile(t, pack, name+".png"); !bytes.HasPrefix(png, []byte("\x89PNG")) {
				t.Errorf("%s.png is not a PNG", name)
			}
			if svg := packFile(t, pack, name+".svg"); !bytes.Contains(svg, []byte("<svg")) {
				t.Errorf("%s.svg is not an SVG", name)
			}
		}
	})
	t.Run("Attendance", func(t *testing.T) {
		a := string(packFile(t, pack, "event-attendance.csv"))
		if !strings.Contains(a, "Celebration event,2026-07-10,2,2,0,0,1,0") {
			t.Errorf("event-attendance.csv:\n%s", a)
		}
	})
	t.Run("IncludeNames", func(t *testing.T) {
		named, err := BoardPack(context.Background(), db, r, boardNow, BoardPackOptions{IncludeNames: true})
		if err != nil {
			t.Fatal(err)
		}
		pairs := string(packFile(t, named, "pairs-and-visits.csv"))
		if !strings.Contains(pairs, "Dr Seán Ó Súilleabháin") || !strings.Contains(pairs, "Cardiology") {
			t.Errorf("pairs-and-visits.csv with names:\n%s", pairs)
		}
		if p := string(packFile(t, named, "improvement-projects.csv")); !strings.Contains(p, "Dr Bob Elder") {
			t.Errorf("improvement-projects.csv with names lacks the owner:\n%s", p)
		}
	})
}

// With K above the number of responses, even the whole round's figures
// per question are withheld, on the summary and the appraisal pages alike.
func TestBoardPackSmallRound(t *testing.T) {
	db, r := boardRound(t)
	ctx := context.Background()
	rs, err := store.LoadRoundSettings(ctx, db, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	rs.SuppressK = 20
	if err := store.SaveRoundSettings(ctx, db, r.ID, rs); err != nil {
		t.Fatal(err)
	}
	pack, err := BoardPack(ctx, db, r, boardNow, BoardPackOptions{})
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(pdftest.Text(t, packFile(t, pack, "summary.pdf"))), " ")
	if !strings.Contains(text, "fewer than 20") || strings.Contains(text, "4.00") {
		t.Errorf("the summary shows a mean of 14 responses with K = 20:\n%s", text)
	}
	as, err := Appraisals(ctx, db, r, boardNow, "")
	if err != nil {
		t.Fatal(err)
	}
	page, err := AppraisalPDF(as[0])
	if err != nil {
		t.Fatal(err)
	}
	if text := pdftest.Text(t, page); strings.Contains(text, "Mean") {
		t.Errorf("the appraisal page shows a mean of 14 responses with K = 20:\n%s", text)
	}
}

func TestWritePack(t *testing.T) {
	dir := t.TempDir()
	files := []PackFile{{Name: "summary.pdf", Data: []byte("%PDF-1 one")}}
	out := filepath.Join(dir, "board", "2026")
	leftovers := func() {
		t.Helper()
		es, _ := os.ReadDir(filepath.Join(dir, "board"))
		for _, e := range es {
			if e.Name() != "2026" {
				t.Errorf("left behind: %s", e.Name())
			}
		}
	}
	t.Run("New", func(t *testing.T) {
		if err := WritePack(out, "", BoardPackKind, files); err != nil {
			t.Fatal(err)
		}
		if b, _ := os.ReadFile(filepath.Join(out, "summary.pdf")); string(b) != "%PDF-1 one" {
			t.Fatalf("summary.pdf = %q", b)
		}
		leftovers()
	})
	t.Run("ReplacesEarlierPack", func(t *testing.T) {
		two := []PackFile{{Name: "other.csv", Data: []byte("x")}}
		if err := WritePack(out, "", BoardPackKind, two); err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(filepath.Join(out, "summary.pdf")); err == nil {
			t.Error("the earlier pack's file is still there: replaced, not merged, is what a pack is")
		}
		leftovers()
	})
	t.Run("ErrFailureKeepsEarlierPack", func(t *testing.T) {
		bad := []PackFile{{Name: "a.csv"}, {Name: "A.csv"}}
		if err := WritePack(out, "", BoardPackKind, bad); err == nil {
			t.Fatal("two files of one name were accepted")
		}
		if _, err := os.Stat(filepath.Join(out, "other.csv")); err != nil {
			t.Errorf("a failed export damaged the earlier pack: %v", err)
		}
		leftovers()
	})
	t.Run("ErrOtherFiles", func(t *testing.T) {
		mine := filepath.Join(dir, "mine")
		os.MkdirAll(mine, 0o755)
		os.WriteFile(filepath.Join(mine, "thesis.docx"), []byte("precious"), 0o644)
		err := WritePack(mine, "", BoardPackKind, files)
		if err == nil || !strings.Contains(store.ErrorMessage(err), "not an earlier Liaison board pack") {
			t.Fatalf("err = %v, want a refusal naming the reason", err)
		}
		if b, _ := os.ReadFile(filepath.Join(mine, "thesis.docx")); string(b) != "precious" {
			t.Error("the folder's own file was touched")
		}
	})
	t.Run("ErrOtherKind", func(t *testing.T) {
		if err := WritePack(out, "", AppraisalKind, files); err == nil {
			t.Error("appraisal pages replaced a board pack")
		}
	})
	t.Run("ErrDatabaseInside", func(t *testing.T) {
		if err := WritePack(out, filepath.Join(out, "liaison.db"), BoardPackKind, files); err == nil {
			t.Error("a folder holding the database was replaced")
		}
	})
	t.Run("EmptyFolder", func(t *testing.T) {
		empty := filepath.Join(dir, "empty")
		os.MkdirAll(empty, 0o755)
		if err := WritePack(empty, "", BoardPackKind, files); err != nil {
			t.Fatal(err)
		}
	})
}

func TestSafeFileName(t *testing.T) {
	for in, want := range map[string]string{
		"Dr Seán Ó Súilleabháin": "Dr Seán Ó Súilleabháin",
		"Ann/Bob: \"x\"?":        "Ann Bob x",
		"..\\..\\etc":            "etc",
		"CON":                    "_CON",
		"  ":                     "unnamed",
		"Zoë\tSmith\n":           "Zoë Smith",
	} {
		if got := SafeFileName(in); got != want {
			t.Errorf("SafeFileName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestAppraisal(t *testing.T) {
	db, r := boardRound(t)
	ctx := context.Background()
	all, err := Appraisals(ctx, db, r, boardNow, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 2 || all[0].Person.Name != "Dr Seán Ó Súilleabháin" || all[1].Person.Name != "Dr Zoë Lindqvist" {
		t.Fatalf("everyone who completed both visits: %d pages, want Seán's and Zoë's", len(all))
	}
	files, err := AppraisalPack(all)
	if err != nil {
		t.Fatal(err)
	}
	if files[0].Name != "Dr Seán Ó Súilleabháin - appraisal evidence.pdf" {
		t.Errorf("file name %q", files[0].Name)
	}
	if n := pdftest.Pages(t, files[0].Data); n != 1 {
		t.Errorf("Seán's page runs to %d pages, want 1", n)
	}
	text := strings.Join(strings.Fields(pdftest.Text(t, files[0].Data)), " ")
	for _, want := range []string{"Dr Seán Ó Súilleabháin", "GP", "Quayside Surgery", "Wessex 2026",
		"Dr Zoë Lindqvist", "Consultant", "Cardiology", "3 February 2026", "10 March 2026", "hosted by Dr Zoë Lindqvist",
		"Yes, checked in at Celebration event", "Reflection received Yes", "14 of 20 surveys sent = 70.0%",
		"Dr Órla Organiser", "liaison@example.org", "Issued 1 August 2026"} {
		if !strings.Contains(text, want) {
			t.Errorf("Seán's page lacks %q:\n%s", want, text)
		}
	}
	for _, bad := range []string{"Relationships", "private thought", "changed my referrals"} {
		if strings.Contains(text, bad) {
			t.Errorf("an appraisal page shows a reflection's content (%q)", bad)
		}
	}
	zoe := strings.Join(strings.Fields(pdftest.Text(t, files[1].Data)), " ")
	for _, want := range []string{"Reflection received No", "Celebration event No"} {
		if !strings.Contains(zoe, want) {
			t.Errorf("Zoë's page lacks %q:\n%s", want, zoe)
		}
	}

	t.Run("OneByEmail", func(t *testing.T) {
		one, err := Appraisals(ctx, db, r, boardNow, "ANN@example.org")
		if err != nil {
			t.Fatal(err)
		}
		if len(one) != 1 || one[0].Person.Name != "Dr Ann Other" || CompletedBoth(one[0].Pairing) {
			t.Fatalf("by email: %+v", one)
		}
	})
	t.Run("ErrUnpaired", func(t *testing.T) {
		_, err := Appraisals(ctx, db, r, boardNow, "nora@example.org")
		if err == nil || !strings.Contains(store.ErrorMessage(err), "not paired") {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("ErrUnknown", func(t *testing.T) {
		if _, err := Appraisals(ctx, db, r, boardNow, "nobody@example.org"); store.ErrorCode(err) != store.ENOTFOUND {
			t.Fatalf("err = %v", err)
		}
	})
}
