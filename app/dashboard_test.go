package app

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/liaisonapp/liaison/store"
	"github.com/liaisonapp/liaison/store/demo"
)

// dashboardOnDemo opens the dashboard on the demo round, on the day of
// its event.
func dashboardOnDemo(t *testing.T) (*UI, *dashboard) {
	t.Helper()
	db := MustOpenDB(t)
	if _, err := demo.Create(context.Background(), db); err != nil {
		t.Fatal(err)
	}
	ui := newTestUI(t, db)
	ui.now = func() time.Time { return time.Date(2018, 7, 12, 13, 5, 0, 0, time.UTC) }
	ui.Start()
	waitIdle(t)
	return ui, ui.screens[0].(*dashboard)
}

// tile finds the dashboard card that counts what.
func tile(t *testing.T, d *dashboard, what string) *tapCard {
	t.Helper()
	for _, c := range d.tiles {
		if c.what.Text == what {
			return c
		}
	}
	t.Fatalf("no %q card", what)
	return nil
}

func TestDashboardCardsOpenTheirScreen(t *testing.T) {
	ui, d := dashboardOnDemo(t)
	for what, screen := range map[string]string{
		"participants": "Participants", "unpaired": "Pairings", "pairs": "Pairings", "visits done / planned": "Pairings",
		"feedback responses": "Feedback", "event": "Event", "reflections": "Reflections", "projects completed": "Projects",
	} {
		ui.Show(0)
		waitIdle(t)
		test.Tap(tile(t, d, what))
		waitIdle(t)
		if got := ui.current().title(); got != screen {
			t.Errorf("the %q card opens %s, want %s", what, got, screen)
		}
	}
}

func TestDashboardLabelsMeansWithTheirQuestions(t *testing.T) {
	ui, d := dashboardOnDemo(t)
	var text []string
	for _, o := range d.means.Objects {
		collectLabels(o, &text)
	}
	all := strings.Join(text, "\n")
	for _, q := range d.figures.Feedback.Questions {
		if !strings.Contains(all, q.Text) {
			t.Fatalf("the means do not name %q:\n%s", q.Text, all)
		}
	}
	// The published mean sits on the same row as its question.
	if !strings.Contains(all, "Would you support a regular primary–secondary care forum? (n = 71)\n5.25\n") {
		t.Fatalf("5.25 is not beside its question:\n%s", all)
	}
	test.Tap(d.means.Objects[1].(*tapArea))
	waitIdle(t)
	if got := ui.current().title(); got != "Feedback" {
		t.Fatalf("a click on the means opens %s, not Feedback", got)
	}
}

func TestDashboardShowsUnpairedAndTheEvent(t *testing.T) {
	ui, d := dashboardOnDemo(t)
	ctx := context.Background()
	people, _ := ui.db.FindParticipants(ctx, store.ParticipantFilter{RoundID: ui.round.ID})
	pairs, _ := ui.db.FindPairings(ctx, ui.round.ID)
	if got, want := tile(t, d, "unpaired").big.Text, store.Thousands(len(people)-2*len(pairs)); got != want {
		t.Fatalf("unpaired card shows %s, want %s", got, want)
	}
	ev := tile(t, d, "event")
	if ev.big.Text != "today" {
		t.Fatalf("on the event's day the card says %q, not today", ev.big.Text)
	}
	events, _ := ui.db.Events(ctx, ui.round.ID)
	attendees, _ := ui.db.Attendees(ctx, events[0].ID)
	accepted, in := 0, 0
	for _, a := range attendees {
		if a.RSVP == store.RSVPAccepted {
			accepted++
		}
		if !a.CheckedInAt.IsZero() {
			in++
		}
	}
	if accepted == 0 || in == 0 {
		t.Fatal("the demo event has nobody accepted or checked in: the test proves nothing")
	}
	for _, want := range []string{events[0].Name, store.Thousands(accepted) + " accepted", store.Thousands(in) + " checked in"} {
		if !strings.Contains(ev.detail.Text, want) {
			t.Fatalf("the event card %q does not say %q", ev.detail.Text, want)
		}
	}
}

func TestEmptyRoundSaysImportTheSignUpSheet(t *testing.T) {
	ui, d, _ := screenOnNewRound[*dashboard](t)
	if !d.start.Visible() {
		t.Fatal("an empty round does not say what to do first")
	}
	asked := ""
	ui.files = fileDialogs{open: func(title, _ string, done func(string, error)) { asked = title; done("", errCancelled) }}
	test.Tap(d.importBtn)
	waitIdle(t)
	if asked != "Import participants" || ui.current().title() != "Participants" {
		t.Fatalf("the first step asked %q on %s", asked, ui.current().title())
	}
	if !strings.Contains(tile(t, d, "event").big.Text, "None yet") {
		t.Fatal("a round without an event does not say so")
	}

	ctx := context.Background()
	p := gp("Ada Ashdown", "Old Bank Surgery", "East")
	p.RoundID = ui.round.ID
	if err := ui.db.CreateParticipant(ctx, &p); err != nil {
		t.Fatal(err)
	}
	ui.Show(0)
	waitIdle(t)
	if d.start.Visible() {
		t.Fatal("the first step still shows once someone has signed up")
	}
}

// collectLabels gathers the text of every label under o, in order.
func collectLabels(o fyne.CanvasObject, out *[]string) {
	switch w := o.(type) {
	case *widget.Label:
		*out = append(*out, w.Text)
	case *tapArea:
		collectLabels(w.content, out)
	case *fyne.Container:
		for _, c := range w.Objects {
			collectLabels(c, out)
		}
	}
}
