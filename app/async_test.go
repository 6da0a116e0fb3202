package app

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/liaisonapp/liaison/charts"
	"github.com/liaisonapp/liaison/store"
	"github.com/liaisonapp/liaison/store/sqlite"
)

// roundWithResponses makes a round holding n responses.
func roundWithResponses(t *testing.T, db store.Service, name string, n int) store.Round {
	t.Helper()
	ctx := context.Background()
	r := store.Round{Name: name}
	if err := db.CreateRound(ctx, &r); err != nil {
		t.Fatal(err)
	}
	qs, err := db.Questions(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	rs := make([]store.Response, n)
	for i := range rs {
		rs[i] = store.Response{Key: fmt.Sprint(name, i), Role: store.Roles[i%2], Scores: map[int64]int{qs[0].ID: 1 + i%6}}
	}
	if _, _, err := db.AddResponses(ctx, r.ID, rs); err != nil {
		t.Fatal(err)
	}
	return r
}

// A refresh of round A still running when the user picks round B must not
// paint A's figures over B's, nor leave A's data for Export summary.
func TestStaleRefreshIsDropped(t *testing.T) {
	db := MustOpenDB(t)
	a := roundWithResponses(t, db, "A", 71)
	b := roundWithResponses(t, db, "B", 12)
	ui := newTestUI(t, db)
	ui.Start()
	waitIdle(t)
	s := showScreen[*feedbackScreen](t, ui)

	for range 5 {
		// A's load starts; before it comes back, B is chosen.
		ui.roundSelect.SetSelected(a.Name)
		ui.roundSelect.SetSelected(b.Name)
		waitIdle(t)
		if !strings.HasPrefix(s.rate.Text, "12 responses") {
			t.Fatalf("round B is chosen, and the screen says %q", s.rate.Text)
		}
		if got, want := s.figures.Round, b.Name; got != want {
			t.Fatalf("the screen holds the figures of %q, want %q", got, want)
		}
	}
}

// The loader drops every result but the latest, and cancels the work of
// the ones it replaces.
func TestLoaderKeepsOnlyTheLatest(t *testing.T) {
	ui := newTestUI(t, MustOpenDB(t))
	var l loader
	var shown []int
	var cancelled atomic.Int32
	for i := range 3 {
		ui.load(&l, func(ctx context.Context) error {
			if i < 2 {
				<-ctx.Done() // replaced by the next load
				cancelled.Add(1)
				return ctx.Err()
			}
			return nil
		}, func() { shown = append(shown, i) })
	}
	waitIdle(t)
	if len(shown) != 1 || shown[0] != 2 {
		t.Fatalf("shown %v, want only the last load [2]", shown)
	}
	if cancelled.Load() != 2 {
		t.Fatalf("%d replaced loads were cancelled, want 2", cancelled.Load())
	}
}

// The window's own saves must not look like another process's change to
// the poll (which would reload everything a second time); another
// process's must.
func TestOwnWritesAreNotOutsideChanges(t *testing.T) {
	db := MustOpenDB(t)
	ui := newTestUI(t, db)
	ctx := context.Background()
	if _, err := ui.versionMoved(); err != nil {
		t.Fatal(err)
	}
	ui.write(func() error { return db.SetSetting(ctx, store.SettingSuppressK, "7") }, nil)
	waitIdle(t)
	if moved, err := ui.versionMoved(); err != nil || moved {
		t.Fatalf("after our own save the poll sees a change (%v, %v)", moved, err)
	}
	other, err := sqlite.Open(db.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if err := other.SetSetting(ctx, store.SettingSuppressK, "8"); err != nil {
		t.Fatal(err)
	}
	if moved, err := ui.versionMoved(); err != nil || !moved {
		t.Fatalf("another connection's save went unseen (%v, %v)", moved, err)
	}
}

// Opening the window must show the stored presenter settings and never
// write the defaults over them, however the load and the toolbar race.
func TestPresenterSettingsAreNotOverwrittenOnOpen(t *testing.T) {
	db := MustOpenDB(t)
	ctx := context.Background()
	if err := db.SetSetting(ctx, settingPresenterTheme, charts.HighContrast.String()); err != nil {
		t.Fatal(err)
	}
	if err := db.SetSetting(ctx, settingPresenterScale, "2"); err != nil {
		t.Fatal(err)
	}
	for range 3 {
		// The toolbar is built before the stored settings arrive, as
		// happens with the real driver.
		ui := newTestUI(t, db)
		cs := showScreen[*chartsScreen](t, ui)
		waitIdle(t)
		if got, err := db.Setting(ctx, settingPresenterTheme, ""); err != nil || got != charts.HighContrast.String() {
			t.Fatalf("stored theme = %q, %v after opening, want %q", got, err, charts.HighContrast.String())
		}
		if got, want := cs.present.themeSel.Selected, charts.HighContrast.String(); got != want {
			t.Fatalf("theme shown = %q, want %q", got, want)
		}
		if got, want := cs.present.sizeSel.Selected, "Size 2×"; got != want {
			t.Fatalf("size shown = %q, want %q", got, want)
		}
	}
	// A choice the user makes is still saved.
	ui := newTestUI(t, db)
	cs := showScreen[*chartsScreen](t, ui)
	cs.present.themeSel.SetSelected(charts.Light.String())
	waitIdle(t)
	if got, _ := db.Setting(ctx, settingPresenterTheme, ""); got != charts.Light.String() {
		t.Fatalf("stored theme = %q after choosing Light", got)
	}
}

// Sorting by name sorts by surname, ignoring titles.
func TestParticipantsSortBySurname(t *testing.T) {
	ui, s, r := screenOnNewRound[*participantsScreen](t)
	for _, name := range []string{"Ms Zoe Hunt", "Dr Claire Hughes", "Prof Ann Baker", "Mr Alan Hughes", "Miss Beth Ash"} {
		p := store.Participant{RoundID: r.ID, Name: name, Role: store.RoleGP}
		if err := ui.db.CreateParticipant(context.Background(), &p); err != nil {
			t.Fatal(err)
		}
	}
	ui.Changed()
	waitIdle(t)
	var got []string
	for _, p := range s.rows {
		got = append(got, p.Name)
	}
	want := []string{"Miss Beth Ash", "Prof Ann Baker", "Mr Alan Hughes", "Dr Claire Hughes", "Ms Zoe Hunt"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("sorted by name: %q, want %q", got, want)
	}
}

// The pickers offer a few matches for what is typed and choose the only
// match, without a menu of everyone.
func TestPairingPickerFiltersAsYouType(t *testing.T) {
	ui, s, r := screenOnNewRound[*pairingsScreen](t)
	var people []store.Participant
	for i := range 500 {
		people = append(people, store.Participant{Name: fmt.Sprintf("Person %03d", i), Email: fmt.Sprintf("p%d@nhs.net", i), Role: store.Roles[i%2]})
	}
	if _, _, err := ui.db.UpsertParticipants(context.Background(), r.ID, people); err != nil {
		t.Fatal(err)
	}
	ui.Changed()
	waitIdle(t)
	if got := len(s.first.Options); got != pickerShown {
		t.Fatalf("%d options before typing, want the first %d", got, pickerShown)
	}
	test.Type(s.first.entry, "Person 04")
	waitIdle(t)
	if got := len(s.first.Options); got != 10 {
		t.Fatalf("%d options for %q, want 10: %q", got, s.first.entry.Text, s.first.Options)
	}
	if s.first.Selected != "" {
		t.Fatalf("%q chosen while ten match", s.first.Selected)
	}
	test.Type(s.first.entry, "7")
	waitIdle(t)
	if !strings.HasPrefix(s.first.Selected, "Person 047 (") {
		t.Fatalf("the only match was not chosen: %q", s.first.Selected)
	}
}

// A read of the round list replaced by a newer one, or overtaken by a
// change of round, still updates the list and still runs what its caller
// asked to run next (the first-start choice, say).
func TestRoundListReloadKeepsItsNextStep(t *testing.T) {
	db := MustOpenDB(t)
	a := roundWithResponses(t, db, "A", 1)
	c := roundWithResponses(t, db, "C", 1)
	ui := newTestUI(t, db)
	ui.Start()
	waitIdle(t)
	other := a
	if ui.round.ID == a.ID {
		other = c
	}
	roundWithResponses(t, db, "B", 1) // written by another process
	called := 0
	ui.reloadRounds(func() { called++ })
	ui.reloadRounds(nil)
	ui.roundSelect.SetSelected(other.Name)
	waitIdle(t)
	if called != 1 {
		t.Fatalf("the next step ran %d times, want once", called)
	}
	if got := len(ui.roundSelect.Options); got != 3 {
		t.Fatalf("%d rounds offered, want 3", got)
	}
	if got := ui.round.Name; got != other.Name {
		t.Fatalf("round %q, want the chosen %q", got, other.Name)
	}
}
