package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/liaisonapp/liaison/store"
)

// pairingsOn opens the Pairings screen on a new round holding people.
func pairingsOn(t *testing.T, people ...store.Participant) (*UI, *pairingsScreen) {
	t.Helper()
	db := MustOpenDB(t)
	ctx := context.Background()
	r := store.Round{Name: "Wessex 2026"}
	if err := db.CreateRound(ctx, &r); err != nil {
		t.Fatal(err)
	}
	if _, _, err := db.UpsertParticipants(ctx, r.ID, people); err != nil {
		t.Fatal(err)
	}
	ui := newTestUI(t, db)
	ui.now = func() time.Time { return time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC) }
	ui.Start()
	waitIdle(t)
	ui.Show(2)
	waitIdle(t)
	ui.win.Resize(fyne.NewSize(1400, 900))
	return ui, ui.screens[2].(*pairingsScreen)
}

func gp(name, org, locality string, wishes ...string) store.Participant {
	return store.Participant{Name: name, Email: strings.ToLower(strings.Fields(name)[0]) + "@nhs.net", Role: store.RoleGP,
		Organisation: org, Locality: locality, Wishes: wishes}
}

func consultant(name, org, specialty, locality string) store.Participant {
	return store.Participant{Name: name, Email: strings.ToLower(strings.Fields(name)[0]) + "@nhs.net", Role: store.RoleConsultant,
		Organisation: org, Specialty: specialty, Locality: locality}
}

var fourPeople = []store.Participant{
	gp("Ada Ashdown", "Old Bank Surgery", "East", "Geriatric medicine"),
	gp("Dev Dunmore", "Harbour View Surgery", "West"),
	consultant("Ben Brook", "City General", "Geriatric medicine", "West"),
	consultant("Cleo Carter", "City General", "Cardiology", "West"),
}

// pairCell is what the pairs table shows at row, col, and whether the
// warning icon is on.
func pairCell(s *pairingsScreen, row, col int) (string, bool) {
	o := s.table.CreateCell()
	s.table.UpdateCell(widget.TableCellID{Row: row, Col: col}, o)
	c := o.(*rowCell).content.(*fyne.Container)
	return c.Objects[0].(*widget.Label).Text, c.Objects[1].Visible()
}

func TestPairingsManualLockUnpair(t *testing.T) {
	ui, s := pairingsOn(t, fourPeople...)
	if got, want := len(s.first.Options), 4; got != want {
		t.Fatalf("%d people offered for pairing, want %d", got, want)
	}
	if !s.pairBtn.Disabled() {
		t.Fatal("Pair is enabled with nobody chosen")
	}
	// The consultant chosen first still ends up on the hospital side.
	s.first.SetSelected("Cleo Carter (Consultant, City General)")
	waitIdle(t)
	s.second.SetSelected("Ada Ashdown (GP, Old Bank Surgery)")
	waitIdle(t)
	test.Tap(s.pairBtn)
	waitIdle(t)
	if got, want := len(s.pairs), 1; got != want {
		t.Fatalf("%d pairs, want %d", got, want)
	}
	p := s.pairs[0]
	if p.Primary.Name != "Ada Ashdown" || p.Secondary.Name != "Cleo Carter" {
		t.Fatalf("pair = %s – %s, want Ada Ashdown – Cleo Carter", p.Primary.Name, p.Secondary.Name)
	}
	if got, want := len(s.first.Options), 2; got != want {
		t.Fatalf("%d people still offered, want %d", got, want)
	}
	if text, _ := pairCell(s, 0, 0); text != "Ada Ashdown (GP)" {
		t.Fatalf("first cell = %q", text)
	}

	s.table.Select(widget.TableCellID{Row: 0, Col: 0})
	waitIdle(t)
	test.Tap(s.lockBtn)
	waitIdle(t)
	if !s.pairs[0].Locked {
		t.Fatal("Lock did not lock the pair")
	}
	if got, want := s.lockBtn.Text, "Unlock"; got != want {
		t.Fatalf("button says %q, want %q", got, want)
	}
	test.Tap(s.lockBtn)
	waitIdle(t)
	if s.pairs[0].Locked {
		t.Fatal("Unlock did not unlock the pair")
	}

	test.Tap(s.unpairBtn)
	waitIdle(t)
	if s.ask == nil || !strings.Contains(s.ask.text.Text, "two visits") {
		t.Fatal("Unpair did not ask first, naming the visits")
	}
	test.Tap(s.ask.yes)
	waitIdle(t)
	if got := len(s.pairs); got != 0 {
		t.Fatalf("%d pairs after unpairing, want 0", got)
	}
	if pairs, _ := ui.db.FindPairings(ui.ctx, ui.round.ID); len(pairs) != 0 {
		t.Fatal("the pair is still stored")
	}
}

func TestPairingsSuggestAndAccept(t *testing.T) {
	ui, s := pairingsOn(t, append(fourPeople, store.Participant{Name: "Nell Nurse", Role: store.RoleNurse, Organisation: "Old Bank Surgery"})...)
	test.Tap(s.suggestBtn)
	waitIdle(t)
	d := s.suggest
	if d == nil {
		t.Fatal("Suggest pairs did not open")
	}
	if got, want := len(d.sug.Pairs), 2; got != want {
		t.Fatalf("%d suggestions, want %d", got, want)
	}
	if got, want := len(d.sug.Unpaired), 1; got != want {
		t.Fatalf("%d unpaired, want %d", got, want)
	}
	item := d.list.CreateItem()
	d.list.UpdateItem(0, item)
	text := item.(*fyne.Container).Objects[0].(*widget.Label).Text
	if !strings.Contains(text, "Ada Ashdown") || !strings.Contains(text, "specialty wished for: Geriatric medicine") {
		t.Fatalf("first suggestion reads %q", text)
	}
	un := d.unpaired.CreateItem()
	d.unpaired.UpdateItem(0, un)
	if got := un.(*widget.Label).Text; !strings.Contains(got, "Nell Nurse") || len(strings.Split(got, "\n")) < 2 || strings.Split(got, "\n")[1] == "" {
		t.Fatalf("unpaired reads %q, want the name and why", got)
	}

	// Untick the second suggestion: only the first is stored.
	check := item.(*fyne.Container).Objects[1].(*widget.Check)
	d.list.UpdateItem(1, item)
	test.Tap(check)
	waitIdle(t)
	if got, want := d.acceptBtn.Text, "Accept 1"; got != want {
		t.Fatalf("accept button = %q, want %q", got, want)
	}
	test.Tap(d.acceptBtn)
	waitIdle(t)
	pairs, err := ui.db.FindPairings(ui.ctx, ui.round.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(pairs), 1; got != want {
		t.Fatalf("%d pairs stored, want %d", got, want)
	}
	if got, want := pairs[0].Primary.Name+" – "+pairs[0].Secondary.Name, "Ada Ashdown – Ben Brook"; got != want {
		t.Fatalf("stored %s, want %s", got, want)
	}

	// Suggest again: Ada–Ben is kept and cannot be ticked; Tick all takes the rest.
	test.Tap(s.suggestBtn)
	waitIdle(t)
	d = s.suggest
	test.Tap(d.noneBtn)
	waitIdle(t)
	if !d.acceptBtn.Disabled() {
		t.Fatal("Accept is enabled with nothing ticked")
	}
	test.Tap(d.allBtn)
	waitIdle(t)
	if got, want := d.acceptBtn.Text, "Accept 1"; got != want {
		t.Fatalf("after Tick all: %q, want %q", got, want)
	}
	test.Tap(d.acceptBtn)
	waitIdle(t)
	if got, want := len(s.pairs), 2; got != want {
		t.Fatalf("%d pairs shown, want %d", got, want)
	}
}

func TestPairingsVisits(t *testing.T) {
	ui, s := pairingsOn(t, fourPeople...)
	s.first.SetSelected("Ada Ashdown (GP, Old Bank Surgery)")
	waitIdle(t)
	s.second.SetSelected("Ben Brook (Consultant, City General)")
	waitIdle(t)
	test.Tap(s.pairBtn)
	waitIdle(t)
	s.table.Select(widget.TableCellID{Row: 0, Col: 0})
	waitIdle(t)

	test.Tap(s.visitsBtn)
	waitIdle(t)
	e := s.visits
	if e == nil {
		t.Fatal("Visits… did not open the editor")
	}
	e.date[0].SetText("03/14/2026")
	waitIdle(t)
	test.Tap(e.save)
	waitIdle(t)
	if !e.problem.Visible() || !strings.Contains(e.problem.Text, "month-first") {
		t.Fatalf("a month-first date was not refused: %q", e.problem.Text)
	}
	// Typed the British way, as every date field takes it.
	e.date[0].SetText("14/03/2026")
	waitIdle(t)
	e.status[0].SetSelected("confirmed")
	waitIdle(t)
	test.Type(e.notes[0], "Parking at the back")
	waitIdle(t)
	e.date[1].SetText("2026-06-02")
	waitIdle(t)
	e.reflection[1].SetChecked(true)
	waitIdle(t)
	test.Tap(e.save)
	waitIdle(t)

	v := s.pairs[0].Visits
	if v[0].Date != "2026-03-14" || v[0].Status != store.VisitConfirmed || v[0].Notes != "Parking at the back" {
		t.Fatalf("visit to the practice = %+v", v[0])
	}
	if v[1].Date != "2026-06-02" || !v[1].ReflectionReceived {
		t.Fatalf("visit to the hospital = %+v", v[1])
	}
	// Today is 2026-05-01: the confirmed visit of 14 March is overdue.
	text, warn := pairCell(s, 0, 2)
	if !warn || !strings.Contains(text, "OVERDUE") {
		t.Fatalf("overdue visit shows %q (icon %v)", text, warn)
	}
	if text, warn := pairCell(s, 0, 3); warn || strings.Contains(text, "OVERDUE") {
		t.Fatalf("future visit shows %q (icon %v)", text, warn)
	}
	// Overdue stands out in colour too, and a cell reused for another row
	// loses it.
	o := s.table.CreateCell()
	label := o.(*rowCell).content.(*fyne.Container).Objects[0].(*widget.Label)
	for _, tt := range []struct {
		col  int
		want widget.Importance
	}{{2, widget.DangerImportance}, {3, widget.MediumImportance}} {
		s.table.UpdateCell(widget.TableCellID{Row: 0, Col: tt.col}, o)
		if got := label.Importance; got != tt.want {
			t.Fatalf("column %d: label importance = %v, want %v", tt.col, got, tt.want)
		}
	}
	if !strings.Contains(s.summary.Text, "1 overdue") {
		t.Fatalf("summary = %q", s.summary.Text)
	}

	t.Run("Calendar", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "visits.ics")
		pickFiles(ui, "", out)
		test.Tap(s.icsBtn)
		waitIdle(t)
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		cal := string(b)
		for _, want := range []string{"BEGIN:VCALENDAR\r\n", "DTSTART;VALUE=DATE:20260314\r\n", "DTSTART;VALUE=DATE:20260602\r\n",
			"SUMMARY:Liaison visit: Ben Brook at Old Bank Surgery\r\n", "UID:visit-"} {
			if !strings.Contains(cal, want) {
				t.Fatalf("calendar lacks %q:\n%s", want, cal)
			}
		}
		if got, want := strings.Count(cal, "BEGIN:VEVENT"), 2; got != want {
			t.Fatalf("%d events, want %d", got, want)
		}
	})

	t.Run("Export", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "pairings.csv")
		pickFiles(ui, "", out)
		test.Tap(s.exportBtn)
		waitIdle(t)
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(string(b), "\ufeffPrimary name,") || !strings.Contains(string(b), "2026-03-14,confirmed (overdue),2026-06-02,proposed") {
			t.Fatalf("export = %q", b)
		}
	})
}

// TestPairingsSuggestKeepsPairsUnderWay checks that a stored pair with a
// visit done is kept by Suggest pairs… like a locked pair and says why,
// although the matcher would rather give its consultant to someone else.
func TestPairingsSuggestKeepsPairsUnderWay(t *testing.T) {
	ui, s := pairingsOn(t, fourPeople...)
	// Ada wishes for Ben's specialty, so without visits Ada–Ben would
	// replace Dev–Ben.
	s.first.SetSelected("Dev Dunmore (GP, Harbour View Surgery)")
	waitIdle(t)
	s.second.SetSelected("Ben Brook (Consultant, City General)")
	waitIdle(t)
	test.Tap(s.pairBtn)
	waitIdle(t)
	s.table.Select(widget.TableCellID{Row: 0, Col: 0})
	waitIdle(t)
	test.Tap(s.visitsBtn)
	waitIdle(t)
	s.visits.date[0].SetText("2026-03-14")
	waitIdle(t)
	s.visits.status[0].SetSelected("done")
	waitIdle(t)
	test.Tap(s.visits.save)
	waitIdle(t)

	test.Tap(s.suggestBtn)
	waitIdle(t)
	d := s.suggest
	kept := -1
	for i, p := range d.sug.Pairs {
		if p.Primary.Name == "Dev Dunmore" && p.Secondary.Name == "Ben Brook" {
			kept = i
		}
		if len(d.sug.Replaces(p)) > 0 {
			t.Fatalf("%s – %s would replace a pair with a visit done", p.Primary.Name, p.Secondary.Name)
		}
	}
	if kept < 0 {
		t.Fatalf("Dev–Ben is not among the suggestions: %+v", d.sug.Pairs)
	}
	item := d.list.CreateItem()
	d.list.UpdateItem(kept, item)
	c := item.(*fyne.Container)
	if got := c.Objects[0].(*widget.Label).Text; !strings.Contains(got, "kept: visits under way") {
		t.Fatalf("the kept pair reads %q", got)
	}
	if !c.Objects[1].(*widget.Check).Disabled() {
		t.Fatal("the pair under way can be unticked")
	}
	test.Tap(d.allBtn)
	waitIdle(t)
	test.Tap(d.acceptBtn)
	waitIdle(t)
	pairs, err := ui.db.FindPairings(ui.ctx, ui.round.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pairs {
		if p.Primary.Name == "Dev Dunmore" && p.Secondary.Name == "Ben Brook" && p.Visits[0].Status == store.VisitDone {
			return
		}
	}
	t.Fatalf("Dev–Ben and its done visit are gone: %+v", pairs)
}
