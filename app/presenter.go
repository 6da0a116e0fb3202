package app

import (
	"fmt"
	"image/color"
	"math"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/liaisonapp/liaison/app/chartset"
	"github.com/liaisonapp/liaison/charts"
	"github.com/liaisonapp/liaison/store"
)

// Settings keys of the presenter, stored with the database so they are
// there again at the next event.
const (
	settingPresenterScale    = "presenter_scale"
	settingPresenterTheme    = "presenter_theme"
	settingPresenterInterval = "presenter_interval"
)

// roomScale is how much larger than on a laptop the presenter draws
// everything, before the size setting: text meant for the back of a hall.
const roomScale = 2

// Auto-advance intervals offered; 0 is off.
var presenterIntervals = []time.Duration{0, 10 * time.Second, 20 * time.Second, 30 * time.Second}

// presenterScales are the size settings offered.
var presenterScales = []float32{1, 1.25, 1.5, 2, 2.5, 3}

// presenterSettings are the projector settings: size, theme and
// auto-advance. The Charts screen shows them beside the Present button.
type presenterSettings struct {
	ui       *UI
	scale    float32
	high     bool
	interval time.Duration

	themeSel, sizeSel, autoSel *widget.Select
	// open starts the presenter; set by whoever owns the presenter.
	open func()
}

func newPresenterSettings(ui *UI) *presenterSettings {
	ps := &presenterSettings{ui: ui, scale: 1}
	var scale, th, iv string
	ui.async(func() {
		scale, _ = ui.db.Setting(ui.ctx, settingPresenterScale, "1")
		th, _ = ui.db.Setting(ui.ctx, settingPresenterTheme, charts.Light.String())
		iv, _ = ui.db.Setting(ui.ctx, settingPresenterInterval, "0")
	}, func() {
		if f, err := strconv.ParseFloat(scale, 32); err == nil {
			ps.scale = min(max(float32(f), minPresenterScale), maxPresenterScale)
		}
		ps.high = th == charts.HighContrast.String()
		if n, err := strconv.Atoi(iv); err == nil && n >= 0 {
			ps.interval = time.Duration(n) * time.Second
		}
		ps.sync()
	})
	return ps
}

func scaleLabel(s float32) string { return strconv.FormatFloat(float64(s), 'f', -1, 32) + "×" }

func intervalLabel(d time.Duration) string {
	if d == 0 {
		return "Auto: off"
	}
	return fmt.Sprintf("Auto: %d s", int(d.Seconds()))
}

// toolbar is the settings row of the Charts screen.
func (ps *presenterSettings) toolbar() fyne.CanvasObject {
	// Each select saves only a real change: sync sets the stored values
	// without firing these, and a value equal to the current one (as a
	// select reports when set again) saves nothing, so showing the
	// settings can never write the defaults over the stored ones.
	ps.themeSel = widget.NewSelect([]string{charts.Light.String(), charts.HighContrast.String()}, func(v string) {
		high := v == charts.HighContrast.String()
		if high == ps.high {
			return
		}
		ps.high = high
		ps.save(settingPresenterTheme, v)
	})
	var sizes []string
	for _, s := range presenterScales {
		sizes = append(sizes, "Size "+scaleLabel(s))
	}
	ps.sizeSel = widget.NewSelect(sizes, func(v string) {
		scale := ps.scale
		for _, s := range presenterScales {
			if v == "Size "+scaleLabel(s) {
				scale = s
			}
		}
		if scale == ps.scale {
			return
		}
		ps.scale = scale
		ps.save(settingPresenterScale, strconv.FormatFloat(float64(ps.scale), 'f', -1, 32))
	})
	var ivs []string
	for _, d := range presenterIntervals {
		ivs = append(ivs, intervalLabel(d))
	}
	ps.autoSel = widget.NewSelect(ivs, func(v string) {
		interval := ps.interval
		for _, d := range presenterIntervals {
			if v == intervalLabel(d) {
				interval = d
			}
		}
		if interval == ps.interval {
			return
		}
		ps.interval = interval
		ps.save(settingPresenterInterval, strconv.Itoa(int(ps.interval.Seconds())))
	})
	ps.sync()
	present := widget.NewButtonWithIcon("Present (F5)", theme.ComputerIcon(), func() {
		if ps.open != nil {
			ps.open()
		}
	})
	present.Importance = widget.HighImportance
	return container.NewHBox(widget.NewLabel("Projector:"), ps.themeSel, ps.sizeSel, ps.autoSel, present)
}

// sync shows the settings in the selects. It sets Selected rather than
// calling SetSelected, which would fire OnChanged and save what is shown:
// before the stored settings have loaded, the defaults (TRAPS.md).
func (ps *presenterSettings) sync() {
	if ps.themeSel == nil {
		return
	}
	th := charts.Light
	if ps.high {
		th = charts.HighContrast
	}
	for sel, v := range map[*widget.Select]string{ps.themeSel: th.String(), ps.sizeSel: "Size " + scaleLabel(ps.scale), ps.autoSel: intervalLabel(ps.interval)} {
		sel.Selected = v
		sel.Refresh()
	}
}

// saveLook stores the theme and size, after the presenter's keys changed
// them.
func (ps *presenterSettings) saveLook() {
	ps.save(settingPresenterTheme, ps.chartsTheme().String())
	ps.save(settingPresenterScale, strconv.FormatFloat(float64(ps.scale), 'f', -1, 32))
}

func (ps *presenterSettings) save(key, value string) {
	ui := ps.ui
	ui.write(func() error { return ui.db.SetSetting(ui.ctx, key, value) }, nil)
}

// chartsTheme is the charts package's theme for the setting.
func (ps *presenterSettings) chartsTheme() charts.Theme {
	if ps.high {
		return charts.HighContrast
	}
	return charts.Light
}

// presentShortcut starts the presenter wherever the keyboard focus is.
// Fyne hands a plain F5 to the focused widget (a text entry swallows it)
// and only reaches the canvas when nothing has focus; a key with Ctrl is a
// shortcut, and a main-menu shortcut is tried before the focused widget.
var presentShortcut = &desktop.CustomShortcut{KeyName: fyne.KeyF5, Modifier: fyne.KeyModifierShortcutDefault}

// addPresenterShortcut makes F5 start the presenter from the main window
// (Ctrl+F5 too, which also works while typing in a field), and adds it to
// the menu for those who look there first.
func (ui *UI) addPresenterShortcut() {
	var cs *chartsScreen
	for _, s := range ui.screens {
		if c, ok := s.(*chartsScreen); ok {
			cs = c
		}
	}
	if cs == nil {
		return
	}
	cs.present.open = cs.startPresenter
	prev := ui.win.Canvas().OnTypedKey()
	ui.win.Canvas().SetOnTypedKey(func(k *fyne.KeyEvent) {
		if k.Name == fyne.KeyF5 {
			cs.startPresenter()
			return
		}
		if prev != nil {
			prev(k)
		}
	})
	if mm := ui.win.MainMenu(); mm != nil {
		item := fyne.NewMenuItem("Present on the projector (F5)", cs.startPresenter)
		item.Shortcut = presentShortcut
		// View goes before Help, which stays last as people expect.
		view := fyne.NewMenu("View", item)
		if n := len(mm.Items); n > 0 && mm.Items[n-1].Label == "Help" {
			mm.Items = append(mm.Items[:n-1], view, mm.Items[n-1])
		} else {
			mm.Items = append(mm.Items, view)
		}
		ui.win.SetMainMenu(mm)
	}
}

// startPresenter opens the presenter, or brings it forward when open.
func (s *chartsScreen) startPresenter() {
	if s.presenting != nil {
		s.presenting.win.RequestFocus()
		return
	}
	s.presenting = newPresenter(s.ui, s.feed, s.present, s.every)
	// Follow the screen's pace limit (tests turn it off).
	s.presenting.render.minGap = min(s.presenting.render.minGap, s.render.minGap)
	s.presenting.onClose = func() { s.presenting = nil }
	s.presenting.show()
	if s.feed.data == nil || s.feed.data.Round.ID != s.ui.round.ID {
		s.feed.reload()
	}
}

// keepScreenOn stops (or lets again) the screen saver and display sleep
// blank the projector while the presenter runs; a variable so tests can
// see it called, since the test driver ignores it.
var keepScreenOn = func(on bool) { fyne.CurrentApp().Driver().SetDisableScreenBlanking(on) }

// realEvery calls f on the UI goroutine every d until stopped.
func realEvery(d time.Duration, f func()) (stop func()) {
	t := time.NewTicker(d)
	quit := make(chan struct{})
	go func() {
		for {
			select {
			case <-quit:
				return
			case <-t.C:
				fyne.Do(f)
			}
		}
	}()
	return func() { t.Stop(); close(quit) }
}

// slide is one page of the presentation. Chart slides keep their image
// panel so a redraw replaces only the picture.
type slide struct {
	name  string
	panel *chartPanel
	build func() fyne.CanvasObject
}

// presenter is the full-screen window for the projector.
type presenter struct {
	ui       *UI
	feed     *chartFeed
	settings *presenterSettings
	win      fyne.Window
	over     *container.ThemeOverride
	th       *presenterTheme
	body     *fyne.Container
	footer   *widget.Label
	bodySize fyne.Size

	slides []slide
	index  int
	panels map[string]*chartPanel
	render *coalescer

	// every runs f on the UI goroutine every d until stop; tests replace
	// it to drive auto-advance without waiting.
	every    func(d time.Duration, f func()) (stop func())
	stopAuto func()
	stopPoll func()
	// stopHints cancels hiding the keys, if they still show.
	stopHints func()
	paused    bool
	onClose   func()
	closed    bool
	// pagedFor is what was on now and next (indexes of agenda items, -1
	// for none) when the agenda was split over slides.
	pagedFor [2]int
	// hints is true while the footer shows the keys: briefly after the
	// start, for the presenter, and never again once a key is pressed, so
	// the audience's screen carries only the slide number.
	hints bool
}

// hintsFor is how long the keys show in the footer after the start.
const hintsFor = 8 * time.Second

func newPresenter(ui *UI, feed *chartFeed, ps *presenterSettings, every func(time.Duration, func()) func()) *presenter {
	p := &presenter{ui: ui, feed: feed, settings: ps, every: every, panels: map[string]*chartPanel{}}
	p.render = &coalescer{ui: ui, prepare: p.prepareRender, minGap: 100 * time.Millisecond}
	return p
}

// show opens the window full screen. Fyne puts a full-screen window on
// the monitor under its centre; placeNear moves it to the main window's
// monitor first where the platform allows, so dragging the main window
// to the projector is all it takes.
func (p *presenter) show() {
	p.win = p.ui.app.NewWindow("Liaison: presenting " + p.ui.round.Name)
	p.footer = widget.NewLabel("")
	p.footer.Truncation = fyne.TextTruncateEllipsis
	p.body = container.NewStack()
	watch := container.New(&sizeWatch{changed: p.resized}, p.body)
	p.th = newPresenterTheme(p.settings.scale, p.settings.high, roomScale)
	footer := container.NewThemeOverride(p.footer, newPresenterTheme(p.settings.scale, p.settings.high, 1))
	bg := canvas.NewRectangle(p.th.Color(theme.ColorNameBackground, theme.VariantLight))
	p.over = container.NewThemeOverride(container.NewStack(bg, container.NewBorder(nil, footer, nil, nil, container.NewPadded(watch))), p.th)
	p.win.SetContent(p.over)
	p.win.Canvas().SetOnTypedKey(p.key)
	p.win.SetOnClosed(p.closedDown)
	p.win.Resize(p.ui.win.Canvas().Size())
	// Shown first so that it has a native window to move: full screen then
	// takes the monitor the main window is on.
	p.win.Show()
	placeNear(p.ui.win, p.win)
	p.win.SetFullScreen(true)
	keepScreenOn(true)
	p.feed.listen(p, p.dataChanged)
	if p.ui.pollEvery > 0 {
		p.stopPoll = p.every(p.ui.pollEvery, p.poll)
	}
	p.restartAuto()
	p.hints = true
	// Through p.every, not a timer of its own: its tick comes on the UI
	// goroutine (and tests drive it).
	p.stopHints = p.every(hintsFor, p.hideHints)
	p.dataChanged()
}

// hideHints takes the keys out of the footer once the talk is under way.
func (p *presenter) hideHints() {
	if p.stopHints != nil {
		p.stopHints()
		p.stopHints = nil
	}
	p.hints = false
	p.updateFooter()
}

// close leaves the presenter.
func (p *presenter) close() {
	if !p.closed {
		p.win.Close()
	}
}

// closedDown tidies up however the window was closed.
func (p *presenter) closedDown() {
	if p.closed {
		return
	}
	p.closed = true
	keepScreenOn(false)
	p.feed.unlisten(p)
	if p.stopAuto != nil {
		p.stopAuto()
	}
	if p.stopPoll != nil {
		p.stopPoll()
	}
	if p.stopHints != nil {
		p.stopHints()
		p.stopHints = nil
	}
	if p.onClose != nil {
		p.onClose()
	}
	p.ui.win.RequestFocus()
}

// poll notices a change made while the main window shows another screen
// (a check-in at the door, an import in a terminal) and gathers again.
func (p *presenter) poll() {
	ui := p.ui
	var v int64
	var err error
	ui.async(func() { v, err = ui.db.DataVersion(ui.ctx) }, func() {
		if err == nil && !p.closed && v != p.feed.version {
			p.feed.reload()
		}
	})
}

// restartAuto starts (or stops) auto-advance for the current interval.
func (p *presenter) restartAuto() {
	if p.stopAuto != nil {
		p.stopAuto()
		p.stopAuto = nil
	}
	if p.settings.interval > 0 {
		p.stopAuto = p.every(p.settings.interval, p.tick)
	}
	p.updateFooter()
}

// tick is one auto-advance step: to the next slide, round to the first
// after the last.
func (p *presenter) tick() {
	if p.paused || p.closed || len(p.slides) == 0 {
		return
	}
	p.goTo((p.index + 1) % len(p.slides))
}

// key drives the presenter. Any key pauses auto-advance (the speaker has
// taken over); A resumes it.
func (p *presenter) key(k *fyne.KeyEvent) {
	p.hints = false
	if k.Name == fyne.KeyA {
		p.paused = !p.paused
		p.updateFooter()
		return
	}
	p.paused = true
	switch k.Name {
	case fyne.KeyEscape:
		p.close()
		return
	case fyne.KeyRight, fyne.KeySpace, fyne.KeyPageDown, fyne.KeyDown, fyne.KeyReturn, fyne.KeyEnter:
		p.goTo(p.index + 1)
	case fyne.KeyLeft, fyne.KeyPageUp, fyne.KeyUp, fyne.KeyBackspace:
		p.goTo(p.index - 1)
	case fyne.KeyHome:
		p.goTo(0)
	case fyne.KeyEnd:
		p.goTo(len(p.slides) - 1)
	case fyne.KeyT:
		p.settings.high = !p.settings.high
		p.restyle()
	case fyne.KeyEqual, fyne.KeyPlus, fyne.KeyMinus:
		i := 0
		for j, s := range presenterScales {
			if s <= p.settings.scale {
				i = j
			}
		}
		if k.Name == fyne.KeyMinus {
			i = max(i-1, 0)
		} else {
			i = min(i+1, len(presenterScales)-1)
		}
		p.settings.scale = presenterScales[i]
		p.restyle()
	default:
		if n, err := strconv.Atoi(string(k.Name)); err == nil && n >= 1 && n <= 9 {
			p.goTo(n - 1)
		}
	}
	p.updateFooter()
}

// restyle applies a changed theme or size setting, and keeps it.
func (p *presenter) restyle() {
	p.settings.sync()
	p.settings.saveLook()
	p.th = newPresenterTheme(p.settings.scale, p.settings.high, roomScale)
	p.over.Theme = p.th
	if st, ok := p.over.Content.(*fyne.Container); ok && len(st.Objects) > 1 {
		if bg, ok := st.Objects[0].(*canvas.Rectangle); ok {
			bg.FillColor = p.th.Color(theme.ColorNameBackground, theme.VariantLight)
		}
		if b, ok := st.Objects[1].(*fyne.Container); ok {
			for _, o := range b.Objects {
				if f, ok := o.(*container.ThemeOverride); ok {
					f.Theme = newPresenterTheme(p.settings.scale, p.settings.high, 1)
					f.Refresh()
				}
			}
		}
	}
	p.over.Refresh()
	p.dataChanged() // a new size of type may need more or fewer agenda pages
}

// goTo shows slide i, if there is one.
func (p *presenter) goTo(i int) {
	if i < 0 || i >= len(p.slides) || i == p.index {
		return
	}
	p.index = i
	p.showCurrent()
}

// dataChanged rebuilds the slides from new data, staying on the slide
// that was showing.
func (p *presenter) dataChanged() {
	if p.closed {
		return
	}
	d := p.feed.data
	cur := ""
	if p.index < len(p.slides) {
		cur = p.slides[p.index].name
	}
	p.slides = p.buildSlides(d)
	// Stay on the same slide; when a new size left fewer agenda pages,
	// on the last of them.
	kind, _, _ := strings.Cut(cur, ":")
	p.index = 0
	for i, s := range p.slides {
		if k, _, _ := strings.Cut(s.name, ":"); k == kind && cur != "" {
			p.index = i
		}
	}
	for i, s := range p.slides {
		if s.name == cur {
			p.index = i
		}
	}
	p.showCurrent()
}

func (p *presenter) buildSlides(d *chartset.Set) []slide {
	if d == nil {
		return []slide{{name: "title", build: func() fyne.CanvasObject { return p.titleSlide(p.ui.round.Name, "Loading the round's figures…") }}}
	}
	sub := []string{"GP–consultant liaison scheme"}
	if e := d.Agenda.Event; e.ID != 0 {
		sub = []string{e.Name}
		for _, v := range []string{longDate(e.Date), e.Venue} {
			if strings.TrimSpace(v) != "" {
				sub = append(sub, v)
			}
		}
	}
	slides := []slide{
		{name: "title", build: func() fyne.CanvasObject { return p.titleSlide(d.Round.Name, sub...) }},
		{name: "figures", build: func() fyne.CanvasObject { return p.figuresSlide(d.Figures) }},
	}
	for _, def := range d.Charts() {
		panel := p.panels[def.Name]
		if panel == nil {
			panel = newChartPanel()
			p.panels[def.Name] = panel
		}
		panel.def = def
		slides = append(slides, slide{name: "chart:" + def.Name, panel: panel, build: func() fyne.CanvasObject { return panel.img }})
	}
	if d.Agenda.Event.ID != 0 && len(d.Agenda.Items) > 0 {
		pages := p.agendaPages(d.Agenda.Event, d.Agenda.Items)
		for pg, page := range pages {
			slides = append(slides, slide{name: fmt.Sprintf("agenda:%d", pg), build: func() fyne.CanvasObject {
				return p.agendaSlide(chartset.AgendaAt(d.Agenda.Event, d.Agenda.Items, p.ui.now()), page, pg, len(pages))
			}})
		}
	}
	for i, cs := range d.CaseStudies {
		slides = append(slides, slide{name: fmt.Sprintf("case:%d", cs.ID), build: func() fyne.CanvasObject { return p.caseStudySlide(i+1, len(d.CaseStudies), cs) }})
	}
	for i, page := range quotePages(d.Quotes) {
		page := page
		slides = append(slides, slide{name: fmt.Sprintf("quotes:%d", i), build: func() fyne.CanvasObject { return p.quotesSlide(page) }})
	}
	return slides
}

// showCurrent puts the current slide on screen and asks for its chart.
func (p *presenter) showCurrent() {
	if len(p.slides) == 0 {
		return
	}
	p.index = min(max(p.index, 0), len(p.slides)-1)
	s := p.slides[p.index]
	if d := p.feed.data; strings.HasPrefix(s.name, "agenda:") && d != nil {
		if at := chartset.AgendaAt(d.Agenda.Event, d.Agenda.Items, p.ui.now()); p.pagedFor != [2]int{at.Now, at.Next} {
			p.dataChanged() // split again for the new now and next lines
			return
		}
	}
	if s.panel != nil {
		p.body.Objects = []fyne.CanvasObject{s.build()}
	} else {
		p.body.Objects = []fyne.CanvasObject{p.fit(s.build)}
	}
	p.body.Refresh()
	p.updateFooter()
	p.sizePanels()
	p.render.request()
}

// resized lays the slides out again for the new size: the title's type
// and the agenda's pages follow the screen.
// fit builds a slide of text in the presenter's type and, when it would
// run off the bottom of the screen (long titles, a narrow projector),
// again in smaller type, a tenth smaller each time down to half size, so
// that nothing is cut off. The slide comes in a ThemeOverride of the type
// it was built in, laid out at the screen's size.
func (p *presenter) fit(build func() fyne.CanvasObject) fyne.CanvasObject {
	th := p.th
	defer func() { p.th = th }()
	for f := float32(1); ; f -= 0.1 {
		if f < 1 {
			p.th = newPresenterTheme(p.settings.scale, p.settings.high, roomScale*f)
		}
		o := build()
		over := container.NewThemeOverride(o, p.th)
		if p.bodySize.Width <= 0 || p.bodySize.Height <= 0 {
			return over // not yet on screen: shown again once sized
		}
		over.Resize(p.bodySize)
		if over.MinSize().Height <= p.bodySize.Height || f < 0.55 {
			return over
		}
	}
}

func (p *presenter) resized(size fyne.Size) {
	p.bodySize = size
	p.dataChanged()
}

// sizePanels sets the pixel size of the charts of this slide and the next,
// which are the only ones drawn: the next is ready before it is needed.
func (p *presenter) sizePanels() {
	scale := p.win.Canvas().Scale()
	want := fyne.NewSize(float32(math.Round(float64(p.bodySize.Width*scale))), float32(math.Round(float64(p.bodySize.Height*scale))))
	for _, pn := range p.panels {
		pn.want = fyne.Size{}
	}
	for _, i := range []int{p.index, p.index + 1} {
		if i < len(p.slides) && p.slides[i].panel != nil {
			p.slides[i].panel.want = want
		}
	}
}

func (p *presenter) prepareRender() (func(), func()) {
	var panels []*chartPanel
	for _, i := range []int{p.index, p.index + 1} {
		if i < len(p.slides) && p.slides[i].panel != nil {
			panels = append(panels, p.slides[i].panel)
		}
	}
	fs := float64(min(max(1.25*p.settings.scale, 1.25), 2))
	jobs := renderStale(panels, charts.Options{Theme: p.settings.chartsTheme(), FontScale: fs})
	return func() { renderAll(jobs) }, func() {
		if err := showRendered(jobs); err != nil && !p.closed {
			p.footer.SetText("A chart could not be drawn: " + err.Error())
		}
	}
}

func (p *presenter) updateFooter() {
	if p.footer == nil {
		return
	}
	page := fmt.Sprintf("%d / %d", p.index+1, max(len(p.slides), 1))
	if !p.hints {
		if p.settings.interval > 0 && p.paused {
			page += "   ·   auto-advance paused"
		}
		p.footer.SetText(page)
		return
	}
	auto := "auto-advance off"
	if p.settings.interval > 0 {
		auto = fmt.Sprintf("auto-advance every %d s", int(p.settings.interval.Seconds()))
		if p.paused {
			auto += ": paused (A resumes)"
		}
	}
	p.footer.SetText(page + "   ·   arrow keys or space to move, 1–9 to jump, Esc to leave   ·   + and - for size, T theme   ·   " + auto)
}

// text makes a label in the presenter's type; heading is larger and bold.
func (p *presenter) text(s string, heading bool, align fyne.TextAlign) *widget.Label {
	l := widget.NewLabel(s)
	l.Wrapping = fyne.TextWrapWord
	l.Alignment = align
	if heading {
		l.SizeName = theme.SizeNameHeadingText
		l.TextStyle.Bold = true
	}
	return l
}

// big is a figure in very large type.
func (p *presenter) big(s string) *canvas.Text {
	t := canvas.NewText(s, p.th.Color(theme.ColorNamePrimary, theme.VariantLight))
	if !p.settings.high {
		t.Color = p.th.Color(theme.ColorNameForeground, theme.VariantLight)
	}
	t.TextSize = p.th.Size(theme.SizeNameHeadingText) * 2
	t.TextStyle.Bold = true
	return t
}

// titleSlide fills the screen as a title slide should: the round's name
// as large as fits the screen (on one line if it can be, else two), a
// rule, then the lines of sub (the event's name, date and venue) in type
// half as large, the whole centred. The sizes follow the window rather
// than the size setting, so the title fills any projector.
func (p *presenter) titleSlide(name string, sub ...string) fyne.CanvasObject {
	w, h := p.bodySize.Width, p.bodySize.Height
	if w <= 0 || h <= 0 {
		w, h = 1024, 640 // before the first layout; redrawn once sized
	}
	ink := p.th.Color(theme.ColorNameForeground, theme.VariantLight)
	box := container.NewVBox()
	add := func(text string, size float32, bold bool, lines int) float32 {
		style := fyne.TextStyle{Bold: bold}
		wrapped, sz := fitLines(text, 0.9*w, size, 0.7*size, 1, style)
		if len(wrapped) > 1 {
			wrapped, sz = fitLines(text, 0.9*w, size, 8, lines, style)
		}
		for _, l := range wrapped {
			t := canvas.NewText(l, ink)
			t.TextSize, t.TextStyle, t.Alignment = sz, style, fyne.TextAlignCenter
			box.Add(t)
		}
		return sz
	}
	size := add(name, h/7, true, 2)
	rule := canvas.NewRectangle(p.th.Color(theme.ColorNamePrimary, theme.VariantLight))
	rule.SetMinSize(fyne.NewSize(w/4, max(3, h/150)))
	gap := func() fyne.CanvasObject {
		r := canvas.NewRectangle(color.Transparent)
		r.SetMinSize(fyne.NewSize(1, h/40))
		return r
	}
	box.Add(gap())
	box.Add(container.NewCenter(rule))
	box.Add(gap())
	for i, line := range sub {
		sz := min(size/2, h/14)
		if i > 0 {
			sz = min(size*0.4, h/18)
		}
		add(line, sz, false, 2)
	}
	return container.NewCenter(box)
}

// fitLines wraps text at word breaks to lines no wider than width, in the
// largest type from size down to least (shrinking by steps of 8%) that
// needs no more than maxLines lines; at least it returns what least gives.
func fitLines(text string, width, size, least float32, maxLines int, style fyne.TextStyle) ([]string, float32) {
	for {
		lines, widest := wrapWords(text, width, size, style)
		if len(lines) <= maxLines && widest <= width || size*0.92 < least {
			return lines, size
		}
		size *= 0.92
	}
}

// wrapWords breaks text into lines of at most width in type of size, and
// says how wide the widest is (wider than width only for a word too long
// for a line).
func wrapWords(text string, width, size float32, style fyne.TextStyle) ([]string, float32) {
	var lines []string
	var widest float32
	cur := ""
	for _, word := range strings.Fields(text) {
		try := word
		if cur != "" {
			try = cur + " " + word
		}
		if cur != "" && fyne.MeasureText(try, size, style).Width > width {
			lines = append(lines, cur)
			cur = word
			continue
		}
		cur = try
	}
	if cur != "" || len(lines) == 0 {
		lines = append(lines, cur)
	}
	for _, l := range lines {
		widest = max(widest, fyne.MeasureText(l, size, style).Width)
	}
	return lines, widest
}

func (p *presenter) figuresSlide(f store.Figures) fyne.CanvasObject {
	fb := f.Feedback
	card := func(n, what, detail string) fyne.CanvasObject {
		pad := p.th.Size(theme.SizeNameInnerPadding)
		num := container.New(layout.NewCustomPaddedLayout(0, 0, pad, 0), p.big(n))
		return container.NewVBox(num, p.text(what, true, fyne.TextAlignLeading), p.text(detail, false, fyne.TextAlignLeading))
	}
	rate := fb.RateText() // the formula: "71 of 189 surveys sent = 37.6%"
	return container.NewVBox(
		p.text(f.Round+": the figures so far", true, fyne.TextAlignLeading),
		container.NewGridWithColumns(3,
			card(store.Thousands(f.Participants), "participants", ""),
			card(store.Thousands(f.Pairings), "pairs", fmt.Sprintf("%s with both visits done", store.Thousands(f.Visits.PairsCompleted))),
			card(store.Thousands(f.Visits.Done), "visits done", fmt.Sprintf("of %s planned", store.Thousands(f.Visits.Planned))),
			card(store.Thousands(fb.Responses), "feedback responses", rate),
			card(store.Thousands(f.Projects.Completed), "projects completed", "of "+store.Plural(f.Projects.Total, "improvement project", "improvement projects")),
		))
}

// agendaPerSlide is how many agenda items one slide holds before the
// presenter knows its size.
const agendaPerSlide = 7

// agendaPage is the agenda items from and to (not included) of one slide.
type agendaPage struct{ from, to int }

// agendaPages splits the agenda over slides that each fit the screen at
// its present size and type, rather than scrolling, as nobody can scroll
// a projector: as few slides as fit, with the items shared evenly between
// them where that fits too. The slides are measured with the lines for
// what is on now and next; showCurrent splits the agenda again when those
// change.
func (p *presenter) agendaPages(e store.Event, items []store.AgendaItem) []agendaPage {
	at := chartset.AgendaAt(e, items, p.ui.now())
	p.pagedFor = [2]int{at.Now, at.Next}
	n := len(items)
	chunks := func(per int) []agendaPage {
		var out []agendaPage
		for i := 0; i < n; i += per {
			out = append(out, agendaPage{i, min(i+per, n)})
		}
		return out
	}
	if p.bodySize.Width <= 0 || p.bodySize.Height <= 0 {
		return chunks(agendaPerSlide)
	}
	fits := func(pg agendaPage) bool {
		// Measured through a ThemeOverride, as shown: the layouts' padding
		// comes from the theme only while it lays them out.
		over := container.NewThemeOverride(p.agendaSlide(at, pg, 1, 2), p.th) // "(2 of 2)" in the heading
		over.Resize(p.bodySize)
		return over.MinSize().Height <= p.bodySize.Height
	}
	var greedy []agendaPage
	for from := 0; from < n; {
		to := from + 1 // one item a slide at least, even if it overflows
		for to < n && fits(agendaPage{from, to + 1}) {
			to++
		}
		greedy = append(greedy, agendaPage{from, to})
		from = to
	}
	even := chunks((n + len(greedy) - 1) / len(greedy))
	if len(even) != len(greedy) {
		return greedy
	}
	for _, pg := range even {
		if !fits(pg) {
			return greedy
		}
	}
	return even
}

// agendaSlide shows page pg (of pages) of the agenda, with what is on now
// and next. That an event is over is said only on its day ("Thank you for
// coming"); an event in the past is the organiser's business, shown on the
// Event screen, not the audience's.
func (p *presenter) agendaSlide(a chartset.Agenda, page agendaPage, pg, pages int) fyne.CanvasObject {
	when := longDate(a.Event.Date)
	if a.OnTheDay {
		when = "Today"
	}
	head := a.Event.Name + " · " + when
	if pages > 1 {
		head += fmt.Sprintf(" (%d of %d)", pg+1, pages)
	}
	box := container.NewVBox(p.text(head, true, fyne.TextAlignLeading))
	line := func(label string, i int) {
		if i >= 0 {
			it := a.Items[i]
			// Bold in the list's type, so they leave room for the list.
			l := p.text(fmt.Sprintf("%s %s  %s%s", label, it.Starts, it.Title, speaker(it)), false, fyne.TextAlignLeading)
			l.TextStyle.Bold = true
			box.Add(l)
		}
	}
	line("Now:", a.Now)
	line("Next:", a.Next)
	if a.OnTheDay && a.Now < 0 && a.Next < 0 {
		box.Add(p.text("The agenda is over. Thank you for coming.", true, fyne.TextAlignLeading))
	}
	box.Add(widget.NewSeparator())
	// The times (and the now and next marks) in a column of their own, so
	// a title that wraps lines up under itself.
	col := fyne.MeasureText("next  00:00", p.th.Size(theme.SizeNameText), fyne.TextStyle{Bold: true}).Width +
		2*p.th.Size(theme.SizeNameInnerPadding) + 2
	for i := page.from; i < min(page.to, len(a.Items)); i++ {
		it := a.Items[i]
		mark := ""
		switch i { // in words: arrows come out as emoji in some fonts
		case a.Now:
			mark = "now  "
		case a.Next:
			mark = "next  "
		}
		when := p.text(mark+it.Starts, false, fyne.TextAlignTrailing)
		what := p.text(it.Title+speaker(it), false, fyne.TextAlignLeading)
		when.TextStyle.Bold = i == a.Now || i == a.Next
		what.TextStyle.Bold = when.TextStyle.Bold
		box.Add(container.NewBorder(nil, nil, container.New(fixedWidth(col), when), nil, what))
	}
	return box
}

// fixedWidth lays its one object out at a set width and the height it
// needs: a column of the agenda slide.
type fixedWidth float32

func (w fixedWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(float32(w), objs[0].MinSize().Height)
}

func (w fixedWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	objs[0].Move(fyne.Position{})
	objs[0].Resize(size)
}

func speaker(it store.AgendaItem) string {
	if it.Speaker == "" {
		return ""
	}
	return " (" + it.Speaker + ")"
}

// caseStudySlide shows one completed improvement project: its title, what
// changed, and its impact (the output, who adopted it, what it saved),
// each part under its own heading. Nothing on it names the pair.
func (p *presenter) caseStudySlide(n, of int, cs store.Project) fyne.CanvasObject {
	kicker := fmt.Sprintf("Improvement project %d of %d", n, of)
	if cs.CompletedOn != "" {
		kicker += " · completed " + longDate(cs.CompletedOn)
	}
	box := container.NewVBox(p.text(kicker, false, fyne.TextAlignLeading), p.text(cs.Title, true, fyne.TextAlignLeading))
	section := func(name string) {
		l := p.text(name, false, fyne.TextAlignLeading)
		l.TextStyle.Bold = true
		l.Importance = widget.HighImportance
		box.Add(l)
	}
	if cs.Impact != "" {
		section("What changed")
		l := p.text(cs.Impact, false, fyne.TextAlignLeading)
		l.SizeName = theme.SizeNameSubHeadingText
		box.Add(l)
	}
	var impact []string
	if cs.Output != store.OutputNone {
		impact = append(impact, "Output: "+cs.Output.Label())
	}
	if len(cs.AdoptedBy) > 0 {
		impact = append(impact, "Adopted by "+strings.Join(cs.AdoptedBy, ", "))
	}
	if sv := cs.SavingText(); sv != "" {
		impact = append(impact, "Saves "+sv)
	}
	if len(impact) > 0 {
		section("Impact")
		for _, line := range impact {
			box.Add(p.text(line, false, fyne.TextAlignLeading))
		}
	}
	return box
}

func (p *presenter) quotesSlide(quotes []string) fyne.CanvasObject {
	box := container.NewVBox(p.text("In their own words", true, fyne.TextAlignLeading))
	for _, q := range quotes {
		l := p.text("“"+q+"”", false, fyne.TextAlignLeading)
		l.SizeName = theme.SizeNameSubHeadingText
		l.TextStyle.Italic = true
		box.Add(l)
		box.Add(widget.NewSeparator())
	}
	return box
}

// quotePages splits quotes into slides of at most three, and fewer when
// they are long, so each stays readable from the back.
func quotePages(quotes []string) [][]string {
	const maxChars = 480
	var pages [][]string
	var cur []string
	size := 0
	for _, q := range quotes {
		if len(cur) > 0 && (len(cur) == 3 || size+len([]rune(q)) > maxChars) {
			pages = append(pages, cur)
			cur, size = nil, 0
		}
		cur = append(cur, q)
		size += len([]rune(q))
	}
	if len(cur) > 0 {
		pages = append(pages, cur)
	}
	return pages
}

// longDate writes an ISO date as people read it: "12 July 2018".
func longDate(iso string) string {
	t, err := time.Parse(store.DateLayout, iso)
	if err != nil {
		return iso
	}
	return t.Format("2 January 2006")
}
