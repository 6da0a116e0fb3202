package app

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/liaisonapp/liaison/store"
	"github.com/liaisonapp/liaison/store/demo"
	"github.com/liaisonapp/liaison/store/sqlite"
)

// MustOpenDB opens a fresh database in a temp folder.
func MustOpenDB(tb testing.TB) *sqlite.DB {
	tb.Helper()
	db, err := sqlite.Open(filepath.Join(tb.TempDir(), "liaison.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// showScreen selects the screen of type S and returns it.
func showScreen[S screen](t *testing.T, ui *UI) S {
	t.Helper()
	for i, sc := range ui.screens {
		if s, ok := sc.(S); ok {
			ui.Show(i)
			waitIdle(t)
			return s
		}
	}
	var none S
	t.Fatalf("no %T screen", none)
	return none
}

// screenOnNewRound opens the screen of type S on a fresh round (with the
// published questions).
func screenOnNewRound[S screen](t *testing.T) (*UI, S, store.Round) {
	t.Helper()
	db := MustOpenDB(t)
	r := store.Round{Name: "R1"}
	if err := db.CreateRound(context.Background(), &r); err != nil {
		t.Fatal(err)
	}
	ui := newTestUI(t, db)
	ui.Start()
	waitIdle(t)
	return ui, showScreen[S](t, ui), r
}

// newTestUI builds the main window on db. Its database work runs on
// goroutines as with the real driver, and the results wait for waitIdle,
// which hands them to the test's goroutine, the UI goroutine of a test:
// so -race sees every hand-off, and a screen that touched its widgets from
// a worker would be caught.
func newTestUI(t *testing.T, db store.Service) *UI {
	t.Helper()
	a := test.NewTempApp(t)
	h := newHandoff()
	ui := New(a, db, Options{PollEvery: -1, handoff: h})
	testHandoff = h
	ui.win.Show()
	t.Cleanup(func() {
		waitIdle(t)
		ui.win.Close()
		ui.Stop()
	})
	return ui
}

// testHandoff is the hand-off queue of the UI the running test made
// (screen tests do not run in parallel).
var testHandoff *handoff

// waitIdle lets the background work the test started finish and runs its
// completions on the test's goroutine, as the UI goroutine would; it fails
// the test if work is still running after ten seconds.
// A helper without a test passes nil, and a failure panics.
func waitIdle(tb testing.TB) {
	if testHandoff == nil {
		return
	}
	if err := testHandoff.waitIdle(10 * time.Second); err != nil {
		if tb == nil {
			panic(err)
		}
		tb.Helper()
		tb.Fatal(err)
	}
}

func TestWindowBuildsOnDemoRound(t *testing.T) {
	db := MustOpenDB(t)
	if _, err := demo.Create(context.Background(), db); err != nil {
		t.Fatal(err)
	}
	ui := newTestUI(t, db)
	ui.Start()
	waitIdle(t)
	if ui.welcome != nil {
		t.Fatal("the first-start choice was offered on a database that has a round")
	}
	if got, want := ui.roundSelect.Selected, demo.RoundName; got != want {
		t.Fatalf("round = %q, want %q", got, want)
	}
	d := ui.screens[0].(*dashboard)
	if got, want := d.figures.Participants, 190; got != want {
		t.Fatalf("dashboard participants = %d, want %d", got, want)
	}
	if got, want := d.figures.Feedback.Responses, 71; got != want {
		t.Fatalf("dashboard responses = %d, want %d", got, want)
	}
	if !strings.Contains(cardText(d), "71 of 189 surveys sent = 37.6%") {
		t.Fatalf("the response rate does not show its denominator: %s", cardText(d))
	}
	// The organiser's own screen gives exact small counts, marked; the
	// charts and exports say "fewer than 5".
	if !strings.Contains(cardText(d), "Manager 2* ·") || !strings.Contains(cardText(d), "* fewer than 5: not for sharing") || !strings.Contains(cardText(d), "GP 94 ·") {
		t.Fatalf("small role counts are not marked \"not for sharing\" (or large ones are): %s", cardText(d))
	}
}

func TestNavigationReachesEveryScreen(t *testing.T) {
	db := MustOpenDB(t)
	ui := newTestUI(t, db)
	want := []string{"Dashboard", "Participants", "Pairings", "Event", "Feedback", "Reflections", "Projects", "Forum", "Charts"}
	if got := len(ui.tabs.Items); got != len(want) {
		t.Fatalf("%d screens, want %d", got, len(want))
	}
	for i, name := range want {
		ui.Show(i)
		waitIdle(t)
		if got := ui.tabs.Selected().Text; got != name {
			t.Fatalf("screen %d is %q, want %q", i, got, name)
		}
		if ui.tabs.Selected().Content == nil {
			t.Fatalf("screen %q has no content", name)
		}
	}
}

func TestKeyboardShortcutsSelectScreens(t *testing.T) {
	db := MustOpenDB(t)
	ui := newTestUI(t, db)
	var goMenu *fyne.Menu
	for _, m := range ui.win.MainMenu().Items {
		if m.Label == "Go" {
			goMenu = m
		}
	}
	if goMenu == nil {
		t.Fatal("no Go menu")
	}
	if got, want := len(goMenu.Items), len(ui.screens); got != want {
		t.Fatalf("the Go menu has %d items, want one per screen (%d)", got, want)
	}
	for i := len(goMenu.Items) - 1; i >= 0; i-- {
		item := goMenu.Items[i]
		sc, ok := item.Shortcut.(*desktop.CustomShortcut)
		if !ok || sc.KeyName != fyne.KeyName(fmt.Sprint(i+1)) || sc.Modifier != fyne.KeyModifierShortcutDefault {
			t.Fatalf("%q has shortcut %#v, want Ctrl+%d", item.Label, item.Shortcut, i+1)
		}
		item.Action()
		if got := ui.tabs.SelectedIndex(); got != i {
			t.Fatalf("%q selected screen %d, want %d", item.Label, got, i)
		}
	}
}

func TestFirstStartOffersDemo(t *testing.T) {
	db := MustOpenDB(t)
	ui := newTestUI(t, db)
	ui.Start()
	waitIdle(t)
	if ui.welcome == nil {
		t.Fatal("an empty database did not offer the first-start choice")
	}
	test.Tap(ui.welcome.demoBtn)
	waitIdle(t)
	if got, want := ui.round.Name, demo.RoundName; got != want {
		t.Fatalf("round = %q, want %q", got, want)
	}
	rounds, err := db.Rounds(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(rounds), 1; got != want {
		t.Fatalf("%d rounds, want %d", got, want)
	}
}

func TestFirstStartNewRound(t *testing.T) {
	db := MustOpenDB(t)
	ui := newTestUI(t, db)
	ui.Start()
	waitIdle(t)
	test.Tap(ui.welcome.newBtn)
	waitIdle(t)
	f := ui.newRound
	if f == nil {
		t.Fatal("Start a new round did not open the form")
	}
	test.Type(f.name, "Wessex 2026–27")
	waitIdle(t)
	test.Type(f.starts, "2026-09-01")
	waitIdle(t)
	test.Type(f.ends, "2027-07-31")
	waitIdle(t)
	f.dialog.Submit()
	waitIdle(t)
	if got, want := ui.round.Name, "Wessex 2026–27"; got != want {
		t.Fatalf("round = %q, want %q", got, want)
	}
	if got, want := ui.roundSelect.Selected, "Wessex 2026–27"; got != want {
		t.Fatalf("round selector shows %q, want %q", got, want)
	}
	qs, err := db.Questions(context.Background(), ui.round.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(qs), 4; got != want {
		t.Fatalf("a new round has %d questions, want the %d published ones", got, want)
	}
}

func TestNewRoundRejectsBadDate(t *testing.T) {
	db := MustOpenDB(t)
	ui := newTestUI(t, db)
	ui.showNewRound()
	test.Type(ui.newRound.name, "Bad dates")
	waitIdle(t)
	test.Type(ui.newRound.starts, "9/31/2026")
	waitIdle(t)
	ui.newRound.dialog.Submit()
	rounds, err := db.Rounds(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(rounds) != 0 {
		t.Fatalf("a round with a bad date was stored: %+v", rounds)
	}
}

func TestAboutShowsDatabasePath(t *testing.T) {
	db := MustOpenDB(t)
	ui := newTestUI(t, db)
	ui.showAbout()
	if !strings.Contains(ui.about.Text, db.Path()) {
		t.Fatalf("About does not show the database path %q:\n%s", db.Path(), ui.about.Text)
	}
}

// cardText joins the text of the dashboard's cards.
func cardText(d *dashboard) string {
	var b strings.Builder
	for _, c := range d.tiles {
		for _, l := range c.card.Content.(*fyne.Container).Objects {
			b.WriteString(l.(*widget.Label).Text)
			b.WriteString("\n")
		}
	}
	return b.String()
}

func TestDeleteRoundNeedsItsName(t *testing.T) {
	db := MustOpenDB(t)
	if _, err := demo.Create(context.Background(), db); err != nil {
		t.Fatal(err)
	}
	ui := newTestUI(t, db)
	ui.Start()
	waitIdle(t)
	ui.showDeleteRound()
	waitIdle(t)
	test.Type(ui.deleteRound, "Demo")
	waitIdle(t)
	ui.deleteDialog.Confirm()
	waitIdle(t)
	if rounds, _ := db.Rounds(context.Background()); len(rounds) != 1 {
		t.Fatal("the round was deleted although its name was not typed")
	}
	ui.showDeleteRound()
	waitIdle(t)
	test.Type(ui.deleteRound, demo.RoundName)
	waitIdle(t)
	ui.deleteDialog.Confirm()
	waitIdle(t)
	if rounds, _ := db.Rounds(context.Background()); len(rounds) != 0 {
		t.Fatalf("the round was not deleted: %+v", rounds)
	}
	people, err := db.FindParticipants(context.Background(), store.ParticipantFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(people) != 0 {
		t.Fatalf("%d participants are left after deleting their round", len(people))
	}
	if ui.round.ID != 0 {
		t.Fatalf("the window still shows the deleted round %q", ui.round.Name)
	}
}

func TestStartErrorSaysWhy(t *testing.T) {
	a := test.NewTempApp(t)
	err := store.Errorf(store.ETOONEW, "liaison.db was written by a newer version of Liaison.")
	w := startErrorWindow(a, err)
	defer w.Close()
	found := false
	test.LaidOutObjects(w.Content())
	for _, o := range test.LaidOutObjects(w.Content()) {
		if l, ok := o.(*widget.Label); ok && l.Text == store.ErrorMessage(err) {
			found = true
		}
	}
	if !found {
		t.Fatalf("the start-error window does not show %q", store.ErrorMessage(err))
	}
}

func TestChangingScreenDropsTheKeyboardFocus(t *testing.T) {
	ui := newTestUI(t, MustOpenDB(t))
	ev := showScreen[*eventScreen](t, ui)
	ui.win.Canvas().Focus(ev.search)
	ui.Show(0)
	waitIdle(t)
	if f := ui.win.Canvas().Focused(); f != nil {
		t.Fatalf("%T kept the focus after leaving its screen, so F5 would not reach the window", f)
	}
}

func TestDeleteRoundAcceptsAPlainHyphen(t *testing.T) {
	if !sameName("  demo round 2017-18 (fictional) ", demo.RoundName) {
		t.Fatal("typing the demo round's name with a plain hyphen did not match")
	}
	if sameName("Demo round 2017-19 (fictional)", demo.RoundName) {
		t.Fatal("a different name matched")
	}
}

func TestNewRoundFormKeepsBadDatesOpen(t *testing.T) {
	ui := newTestUI(t, MustOpenDB(t))
	ui.showNewRound()
	f := ui.newRound
	if ui.win.Canvas().Focused() != f.name {
		t.Fatal("the Name field does not have the keyboard focus")
	}
	test.Type(f.name, "Wessex")
	waitIdle(t)
	test.Type(f.starts, "01/09/2026")
	waitIdle(t)
	test.Type(f.ends, "01/08/2026")
	waitIdle(t)
	if f.ends.Validate() == nil {
		t.Fatal("an end before the start passed validation")
	}
	if f.starts.Validate() != nil {
		t.Fatal("a British date failed validation")
	}
}
