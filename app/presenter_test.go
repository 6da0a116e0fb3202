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
	"fyne.io/fyne/v2/test"
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
	case *container.ThemeOverride:
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
	if txt := show("case:"); !strings.Contains(txt, "Improvement project 1 of 3 · completed 1 March 2018") ||
		!strings.Contains(txt, "What changed\nLetters headed") || !strings.Contains(txt, "Impact\n") ||
		!strings.Contains(txt, "Saves 6 hours per week") || !strings.Contains(txt, "GP Action Required") ||
		strings.Contains(txt, "Coldharbour") {
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

// TestAgendaSlidesFitAndKeepThePastPrivate: the agenda is split over as
// few slides as hold it at the screen's size, none scrolling or running
// off the screen, each item once; and an event in the past is not
// announced to the room.
func TestAgendaSlidesFitAndKeepThePastPrivate(t *testing.T) {
	ui, _, p, _ := present(t, 0)
	after := time.Date(2019, 1, 10, 9, 0, 0, 0, time.Local)
	// During the keynote, "Now:" and "Next:" lines stand above the list.
	onTheDay := time.Date(2018, 7, 12, 14, 10, 0, 0, time.Local)
	for _, c := range []struct {
		now   time.Time
		size  fyne.Size
		pages int
	}{
		{after, fyne.NewSize(1600, 900), 1}, {after, fyne.NewSize(1024, 768), 2}, {after, fyne.NewSize(800, 600), 3},
		{onTheDay, fyne.NewSize(1600, 900), 2}, {onTheDay, fyne.NewSize(1024, 768), 3},
	} {
		ui.now = func() time.Time { return c.now }
		p.win.Resize(c.size)
		p.dataChanged()
		waitIdle(t)
		var pages []string
		for i, s := range p.slides {
			if !strings.HasPrefix(s.name, "agenda:") {
				continue
			}
			p.goTo(i)
			slide := p.body.Objects[0].(*container.ThemeOverride)
			if _, scrolls := slide.Content.(*container.Scroll); scrolls {
				t.Fatal("an agenda slide scrolls")
			}
			if slide.Theme != p.th {
				t.Errorf("at %v agenda slide %d was made smaller to fit", c.size, len(pages)+1)
			}
			if got, room := slide.MinSize().Height, p.bodySize.Height; got > room {
				t.Errorf("at %v %v agenda slide %d needs %.0f of the %.0f there is; size %v", c.now, c.size, len(pages)+1, got, room, slide.Size())
			}
			pages = append(pages, slideText(p.body))
		}
		all := strings.Join(pages, "\n---\n")
		if len(pages) != c.pages {
			t.Errorf("at %v at %v, 8 agenda items on %d slides, want %d:\n%s", c.now, c.size, len(pages), c.pages, all)
		}
		for _, at := range []string{"13:00", "13:30", "13:45", "14:00", "14:45", "15:15", "15:30", "16:15"} {
			n := 0
			for _, l := range strings.Split(all, "\n") {
				if l == at || strings.HasSuffix(l, " "+at) { // a time in the list's column
					n++
				}
			}
			if n != 1 {
				t.Errorf("at %v the %s item is in the slides' lists %d times", c.size, at, n)
			}
		}
		if strings.Contains(all, "taken place") {
			t.Fatal("the audience is told the event is over")
		}
	}
}

// TestTitleSlideUsesItsSpace: the title slide fills the screen at any
// size, the round's name in type as large as fits across it, then the
// event's name, date and venue, the block centred, and nothing wider than
// the screen.
func TestTitleSlideUsesItsSpace(t *testing.T) {
	_, _, p, _ := present(t, 0)
	for _, size := range []fyne.Size{fyne.NewSize(1600, 900), fyne.NewSize(1024, 768)} {
		p.win.Resize(size)
		waitIdle(t)
		p.goTo(0)
		body := p.bodySize
		var texts []*canvas.Text
		var top, bottom float32 = body.Height, 0
		for _, o := range test.LaidOutObjects(p.body) {
			tx, ok := o.(*canvas.Text)
			if !ok || tx.Text == "" {
				continue
			}
			texts = append(texts, tx)
			pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(o).Subtract(fyne.CurrentApp().Driver().AbsolutePositionForObject(p.body))
			top, bottom = min(top, pos.Y), max(bottom, pos.Y+o.Size().Height)
			if w := tx.MinSize().Width; w > body.Width {
				t.Errorf("at %v %q is %.0f wide, wider than the screen's %.0f", size, tx.Text, w, body.Width)
			}
		}
		text := slideText(p.body)
		for _, want := range []string{"Demo round 2017–18 (fictional)", "Celebration and reflection event", "12 July 2018", "Conference Suite"} {
			if !strings.Contains(strings.ReplaceAll(text, "\n", " "), want) {
				t.Fatalf("at %v the title slide does not say %q:\n%s", size, want, text)
			}
		}
		var across float32 // the title's widest line
		for _, tx := range texts {
			if tx.TextStyle.Bold {
				across = max(across, tx.MinSize().Width)
			}
		}
		if title := texts[0]; title.TextSize < body.Height/10 || across < 0.6*body.Width {
			t.Errorf("at %v the title is in %.0f-unit type, %.0f wide, on a %v screen", size, title.TextSize, across, body)
		}
		if used := bottom - top; used < body.Height/3 {
			t.Errorf("at %v the title slide's text takes %.0f of %.0f", size, used, body.Height)
		}
		if gapAbove, gapBelow := top, body.Height-bottom; gapAbove < body.Height/8 || gapBelow < body.Height/8 || gapAbove > 2*gapBelow || gapBelow > 2*gapAbove {
			t.Errorf("at %v the title block is not centred: %.0f above, %.0f below", size, gapAbove, gapBelow)
		}
		if strings.Contains(text, "taken place") || strings.Contains(text, "past") {
			t.Errorf("the title slide tells the room the event is past:\n%s", text)
		}
	}
}

// TestEveryTextSlideFitsTheScreen: no slide of text runs off the bottom of
// the screen at a laptop's or a projector's size; one that would (here a
// case study with a long account of what changed) is drawn in smaller type.
func TestEveryTextSlideFitsTheScreen(t *testing.T) {
	ui, _, p, _ := present(t, 0)
	long := store.Project{RoundID: ui.round.ID, Title: "Joint advice and guidance for frail older people at home, agreed by practices and the hospital",
		Status: store.ProjectCompleted, CompletedOn: "2018-06-30", Output: store.OutputPathway,
		AdoptedBy: []string{"City General Hospital (fictional)", "Harbour Community Trust (fictional)", "Every practice in the East locality"},
		Saving:    40, SavingUnit: "admissions per year", SavingNote: "the frailty team's audit of the first six months",
		Impact: strings.Repeat("GPs ring one number for same-day advice from a geriatrician, who can see the hospital record and the practice's notes; ", 4)}
	if err := ui.db.CreateProject(context.Background(), &long); err != nil {
		t.Fatal(err)
	}
	ui.Changed()
	waitIdle(t)
	shrunk := 0
	for _, size := range []fyne.Size{fyne.NewSize(1600, 900), fyne.NewSize(1024, 768)} {
		p.win.Resize(size)
		waitIdle(t)
		for i, s := range p.slides {
			if s.panel != nil {
				continue
			}
			p.goTo(i)
			slide := p.body.Objects[0].(*container.ThemeOverride)
			if got, room := slide.MinSize().Height, p.bodySize.Height; got > room {
				t.Errorf("at %v the %s slide needs %.0f of the %.0f there is", size, s.name, got, room)
			}
			if slide.Theme != p.th && strings.Contains(slideText(slide), "the frailty team's audit") {
				shrunk++
			}
		}
	}
	if shrunk == 0 {
		t.Error("the long case study was not drawn smaller on any screen")
	}
}

// TestAgendaSplitAgainAsTheDayGoesOn: the lines saying what is on now and
// next change during the event, and the agenda is split again for them
// when its slide is next shown, rather than running off the screen.
func TestAgendaSplitAgainAsTheDayGoesOn(t *testing.T) {
	ui, _, p, _ := present(t, 0)
	ui.now = func() time.Time { return time.Date(2018, 7, 12, 12, 0, 0, 0, time.Local) } // before the start
	p.win.Resize(fyne.NewSize(1024, 768))
	waitIdle(t)
	p.dataChanged()
	for i, s := range p.slides {
		if s.name == "agenda:0" {
			p.goTo(i)
		}
	}
	before := p.pagedFor
	ui.now = func() time.Time { return time.Date(2018, 7, 12, 14, 10, 0, 0, time.Local) } // the keynote
	press(p.win, fyne.KeyRight)
	press(p.win, fyne.KeyLeft)
	if p.pagedFor == before {
		t.Fatalf("the agenda was not split again when now and next changed from %v", before)
	}
	slide := p.body.Objects[0].(*container.ThemeOverride)
	if txt := slideText(slide); !strings.Contains(txt, "Now: 14:00") {
		t.Fatalf("not an agenda slide with the keynote on now:\n%s", txt)
	}
	if slide.Theme != p.th || slide.MinSize().Height > p.bodySize.Height {
		t.Fatalf("the agenda slide does not fit in its own type: needs %.0f of %.0f", slide.MinSize().Height, p.bodySize.Height)
	}
}

// TestKeyHintsLeaveTheAudiencesScreen: the keys show in the footer only
// briefly after the start; then the room sees the slide number alone.
func TestKeyHintsLeaveTheAudiencesScreen(t *testing.T) {
	_, _, p, ft := present(t, 0)
	if !strings.Contains(p.footer.Text, "Esc to leave") {
		t.Fatalf("the keys are not shown at the start: %q", p.footer.Text)
	}
	hide := ft.fns[hintsFor]
	if hide == nil {
		t.Fatal("nothing takes the keys away")
	}
	hide()
	if got, want := p.footer.Text, fmt.Sprintf("1 / %d", len(p.slides)); got != want {
		t.Fatalf("after %v the footer says %q, want %q", hintsFor, got, want)
	}
}
