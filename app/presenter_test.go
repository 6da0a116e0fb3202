package app

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"github.com/liaisonapp/liaison/store"
)

// fakeTicker stands in for the presenter's ticker: the test calls the
// registered functions itself instead of waiting.
type fakeTicker struct{ fns map[time.Duration]func() }

func (f *fakeTicker) every(d time.Duration, fn func()) func() {
	f.fns[d] = fn
	return func() { delete(f.fns, d) }
}

// present opens the demo round's presenter with F5 on the main window.
func present(t *testing.T, interval time.Duration) (*UI, *chartsScreen, *presenter, *fakeTicker) {
	t.Helper()
	ui, cs, _ := openCharts(t)
	ft := &fakeTicker{fns: map[time.Duration]func(){}}
	cs.every = ft.every
	cs.present.interval = interval
	press(ui.win, fyne.KeyF5)
	p := cs.presenting
	if p == nil {
		t.Fatal("F5 did not start the presenter")
	}
	t.Cleanup(p.close)
	return ui, cs, p, ft
}

func press(w fyne.Window, k fyne.KeyName) {
	w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: k})
}

func TestPresenterNavigation(t *testing.T) {
	_, cs, p, _ := present(t, 0)
	if !p.win.FullScreen() {
		t.Fatal("the presenter is not full screen")
	}
	n := len(p.slides)
	if n < 12 {
		t.Fatalf("%d slides, want title, figures, 9 charts, agenda and quotes", n)
	}
	steps := []struct {
		key  fyne.KeyName
		want int
	}{
		{fyne.KeyRight, 1},
		{fyne.KeySpace, 2},
		{fyne.KeyPageDown, 3},
		{fyne.KeyLeft, 2},
		{fyne.KeyPageUp, 1},
		{fyne.KeyLeft, 0},
		{fyne.KeyLeft, 0}, // stays on the first
		{fyne.Key5, 4},
		{fyne.Key1, 0},
		{fyne.KeyEnd, n - 1},
		{fyne.KeyRight, n - 1}, // stays on the last
	}
	for _, s := range steps {
		press(p.win, s.key)
		waitIdle(t)
		if got := p.index; got != s.want {
			t.Fatalf("after %s: slide %d, want %d", s.key, got, s.want)
		}
		if got, want := len(p.body.Objects), 1; got != want {
			t.Fatalf("after %s: %d objects on the slide, want %d", s.key, got, want)
		}
	}
	press(p.win, fyne.Key3)
	waitIdle(t)
	if s := p.slides[p.index]; s.panel == nil || s.panel.img.Image == nil || !inked(s.panel.img.Image) {
		t.Fatalf("slide 3 (%s) shows no drawn chart", s.name)
	}
	press(p.win, fyne.KeyEscape)
	waitIdle(t)
	if cs.presenting != nil || !p.closed {
		t.Fatal("Esc did not leave the presenter")
	}
}

func TestPresenterAutoAdvancePausedByAnyKey(t *testing.T) {
	_, _, p, ft := present(t, 20*time.Second)
	tick := ft.fns[20*time.Second]
	if tick == nil {
		t.Fatal("auto-advance every 20 s was not started")
	}
	tick()
	tick()
	if got, want := p.index, 2; got != want {
		t.Fatalf("after two ticks: slide %d, want %d", got, want)
	}
	press(p.win, fyne.KeyB) // any key at all
	tick()
	if got, want := p.index, 2; got != want {
		t.Fatalf("a key did not pause auto-advance: slide %d, want %d", got, want)
	}
	if !strings.Contains(p.footer.Text, "paused") {
		t.Fatalf("the footer does not say auto-advance is paused: %q", p.footer.Text)
	}
	if strings.Contains(p.footer.Text, "Esc") {
		t.Fatalf("after a key the audience still sees the keys: %q", p.footer.Text)
	}
	press(p.win, fyne.KeyA)
	tick()
	if got, want := p.index, 3; got != want {
		t.Fatalf("A did not resume auto-advance: slide %d, want %d", got, want)
	}
	p.goTo(len(p.slides) - 1)
	tick()
	if got, want := p.index, 0; got != want {
		t.Fatalf("auto-advance after the last slide: slide %d, want %d", got, want)
	}
	press(p.win, fyne.KeyEscape)
	if len(ft.fns) != 0 {
		t.Fatal("leaving the presenter did not stop its ticker")
	}
}

// slideText collects the text on a slide.
func slideText(o fyne.CanvasObject) string {
	switch v := o.(type) {
	case *widget.Label:
		return v.Text + "\n"
	case *canvas.Text:
		return v.Text + "\n"
	case *container.Scroll:
		return slideText(v.Content)
	case *fyne.Container:
		var b strings.Builder
		for _, c := range v.Objects {
			b.WriteString(slideText(c))
		}
		return b.String()
	}
	return ""
}

func TestPresenterSlidesShowFiguresAgendaAndQuotes(t *testing.T) {
	ui, _, p, _ := present(t, 0)
	show := func(name string) string {
		for i, s := range p.slides {
			if strings.HasPrefix(s.name, name) {
				p.goTo(i)
				return slideText(p.body)
			}
		}
		t.Fatalf("no %s slide", name)
		return ""
	}
	if txt := show("figures"); !strings.Contains(txt, "71 of 189 surveys sent = 37.6%") {
		t.Fatalf("the figures slide does not give the response rate with its denominator:\n%s", txt)
	}
	// The demo event is on 12 July 2018; at 14:10 that day the keynote is on.
	ui.now = func() time.Time { return time.Date(2018, 7, 12, 14, 10, 0, 0, time.Local) }
	if txt := show("agenda:0"); !strings.Contains(txt, "Now: 14:00  Keynote") || !strings.Contains(txt, "Next: 14:45") {
		t.Fatalf("the agenda slide does not show now and next:\n%s", txt)
	}
	refl, err := ui.db.Reflections(context.Background(), ui.round.ID)
	if err != nil {
		t.Fatal(err)
	}
	var approved *store.Reflection
	for i := range refl {
		if refl[i].Approved {
			approved = &refl[i]
		}
	}
	if approved == nil {
		t.Fatal("the demo round has no approved reflection")
	}
	var quotes string
	for i, s := range p.slides {
		if strings.HasPrefix(s.name, "quotes:") {
			p.goTo(i)
			quotes += slideText(p.body)
		}
	}
	if !strings.Contains(quotes, approved.Quote()) {
		t.Fatalf("the approved quote %q is on no slide:\n%s", approved.Quote(), quotes)
	}
	// Each completed project has a case-study slide: what changed and its impact.
	if txt := show("case:"); !strings.Contains(txt, "What changed · 1 of 3") || !strings.Contains(txt, "Saves 6 hours per week") ||
		!strings.Contains(txt, "GP Action Required") {
		t.Fatalf("the first case-study slide:\n%s", txt)
	}
}

// A plain F5 never reaches the window while a text field has focus (Fyne
// gives it to the field), so the View menu carries Ctrl+F5: main-menu
// shortcuts are tried before the focused widget.
func TestPresentShortcutInTheViewMenu(t *testing.T) {
	ui, cs, _ := openCharts(t)
	var item *fyne.MenuItem
	for _, m := range ui.win.MainMenu().Items {
		for _, it := range m.Items {
			if it.Shortcut != nil {
				if s, ok := it.Shortcut.(*desktop.CustomShortcut); ok && s.KeyName == fyne.KeyF5 {
					item = it
				}
			}
		}
	}
	if item == nil {
		t.Fatal("no menu item with an F5 shortcut")
	}
	if got, want := item.Shortcut.(*desktop.CustomShortcut).Modifier, fyne.KeyModifierShortcutDefault; got != want {
		t.Fatalf("menu shortcut modifier = %v, want %v (a plain key is not a shortcut in Fyne)", got, want)
	}
	item.Action()
	if cs.presenting == nil {
		t.Fatal("the menu item did not start the presenter")
	}
	t.Cleanup(cs.presenting.close)
}

// The projector must not blank while presenting, and may again afterwards.
func TestPresenterKeepsTheScreenOn(t *testing.T) {
	var calls []bool
	orig := keepScreenOn
	keepScreenOn = func(on bool) { calls = append(calls, on) }
	t.Cleanup(func() { keepScreenOn = orig })
	_, _, p, _ := present(t, 0)
	if got, want := fmt.Sprint(calls), "[true]"; got != want {
		t.Fatalf("while presenting: screen-blanking calls %s, want %s", got, want)
	}
	press(p.win, fyne.KeyEscape)
	if got, want := fmt.Sprint(calls), "[true false]"; got != want {
		t.Fatalf("after Esc: screen-blanking calls %s, want %s", got, want)
	}
}

// TestAgendaSlidesFitAndKeepThePastPrivate: a long agenda is split over
// slides (none scrolls), and an event in the past is not announced to the
// room.
func TestAgendaSlidesFitAndKeepThePastPrivate(t *testing.T) {
	ui, _, p, _ := present(t, 0)
	ui.now = func() time.Time { return time.Date(2019, 1, 10, 9, 0, 0, 0, time.Local) }
	var pages []string
	for i, s := range p.slides {
		if strings.HasPrefix(s.name, "agenda:") {
			p.goTo(i)
			if _, scrolls := p.body.Objects[0].(*container.Scroll); scrolls {
				t.Fatal("an agenda slide scrolls")
			}
			pages = append(pages, slideText(p.body))
		}
	}
	if len(pages) != 2 || !strings.Contains(pages[0], "(1 of 2)") || !strings.Contains(pages[1], "16:15") {
		t.Fatalf("8 agenda items on %d slides:\n%s", len(pages), strings.Join(pages, "\n---\n"))
	}
	if strings.Contains(strings.Join(pages, ""), "taken place") {
		t.Fatal("the audience is told the event is over")
	}
}
