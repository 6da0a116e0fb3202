package app

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/liaisonapp/liaison/store"
)

// dashboard shows the round's headline figures. Each card opens the
// screen its figure comes from; a round with nobody in it yet says what to
// do first instead.
type dashboard struct {
	loads   loader // numbers the screen's reads, so only the latest is shown
	ui      *UI
	heading *widget.Label
	// start is the first step on an empty round: import the sign-up sheet.
	start     *fyne.Container
	importBtn *widget.Button
	addBtn    *widget.Button
	cards     *fyne.Container
	// means lists each question's mean with its text.
	means   *fyne.Container
	figures store.Figures
	// tiles are the cards as shown, for tests.
	tiles []*tapCard
	// toDate are the figures across every round, shown in the last card.
	toDate store.ToDate
}

func newDashboard(ui *UI) *dashboard { return &dashboard{ui: ui} }

func (d *dashboard) title() string { return "Dashboard" }

func (d *dashboard) content() fyne.CanvasObject {
	d.heading = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	d.heading.SizeName = theme.SizeNameHeadingText
	d.cards = container.NewGridWrap(fyne.NewSize(360, 170))
	d.means = container.NewVBox()

	first := widget.NewLabel("Nobody has signed up to this round yet. Start with the sign-up sheet: export it from Excel, " +
		"Google Sheets or your forms tool as CSV and import it. Liaison shows what it read, and every problem, before it stores anything.")
	first.Wrapping = fyne.TextWrapWord
	d.importBtn = widget.NewButtonWithIcon("Import the sign-up sheet…", theme.DownloadIcon(), func() {
		if p := d.ui.participants(); p != nil {
			d.ui.showScreen(p)
			p.pickImport()
		}
	})
	d.importBtn.Importance = widget.HighImportance
	d.addBtn = widget.NewButtonWithIcon("Or add people one by one…", theme.ContentAddIcon(), func() {
		if p := d.ui.participants(); p != nil {
			d.ui.showScreen(p)
			p.showForm(store.Participant{})
		}
	})
	step := widget.NewLabelWithStyle("First step", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	d.start = container.NewVBox(widget.NewCard("", "", container.NewVBox(step, first, container.NewHBox(d.importBtn, d.addBtn))))
	d.start.Hide()

	body := container.NewVBox(d.start, d.cards, d.means)
	return container.NewBorder(container.NewPadded(d.heading), nil, nil, nil, container.NewVScroll(body))
}

func (d *dashboard) refresh() {
	ui := d.ui
	if ui.round.ID == 0 {
		d.heading.SetText("No round yet")
		d.start.Hide()
		d.cards.Objects = nil
		d.cards.Refresh()
		d.means.Objects = nil
		d.means.Refresh()
		return
	}
	r := ui.round
	var f store.Figures
	now := ui.now()
	var td store.ToDate
	ui.load(&d.loads, func(ctx context.Context) (err error) {
		if f, err = store.ComputeFigures(ctx, ui.db, r, now); err != nil {
			return err
		}
		td, err = store.ComputeToDate(ctx, ui.db)
		return err
	}, func() { d.toDate = td; d.show(f) })
}

// show lays out the figures as cards: a big number, what it counts and a
// line of detail, each opening its screen.
func (d *dashboard) show(f store.Figures) {
	d.figures = f
	d.heading.SetText(f.Round)
	if f.Participants == 0 {
		d.start.Show()
	} else {
		d.start.Hide()
	}
	roles := make([]string, 0, len(f.ParticipantsByRole))
	// The dashboard is the organiser's own screen: exact counts, with the
	// small ones marked, as the charts and exports withhold them.
	k := f.Feedback.SuppressK
	small := false
	for role, n := range f.ParticipantsByRole {
		mark := ""
		if store.WithheldBelow(n, k) != "" {
			mark, small = "*", true
		}
		roles = append(roles, role+" "+store.Thousands(n)+mark)
	}
	sort.Strings(roles)
	if small {
		roles[len(roles)-1] += "\n* " + store.SuppressedLabel(k) + ": " + store.NotForSharing
	}
	who := strings.Join(roles, " · ")
	unpaired := "everyone is in a pair"
	switch {
	case f.Participants == 0:
		who, unpaired = "nobody has signed up yet", "nobody to pair yet"
	case f.Unpaired > 0:
		unpaired = "of " + store.Plural(f.Participants, "participant", "participants") + ": pair them on Pairings"
	}
	ui := d.ui
	d.tiles = []*tapCard{
		newTapCard(store.Thousands(f.Participants), "participants", who, ui.opener("Participants")),
		newTapCard(store.Thousands(f.Unpaired), "unpaired", unpaired, ui.opener("Pairings")),
		newTapCard(store.Thousands(f.Pairings), "pairs", store.Thousands(f.Visits.PairsCompleted)+" completed both visits", ui.opener("Pairings")),
		newTapCard(store.Thousands(f.Visits.Done)+" / "+store.Thousands(f.Visits.Planned), "visits done / planned",
			store.Thousands(f.Visits.Overdue)+" overdue · "+store.Thousands(f.Visits.Cancelled)+" cancelled", ui.opener("Pairings")),
		newTapCard(store.Thousands(f.Feedback.Responses), "feedback responses", f.Feedback.RateText(), ui.opener("Feedback")),
		eventCard(f.Event, ui.now(), ui.opener("Event")),
		newTapCard(store.Thousands(f.Reflections), "reflections", "anonymous, tagged by theme", ui.opener("Reflections")),
		newTapCard(store.Thousands(f.Projects.Completed)+" / "+store.Thousands(f.Projects.Total), "projects completed", "of all improvement projects", ui.opener("Projects")),
	}
	if d.toDate.Rounds > 0 {
		d.tiles = append(d.tiles, toDateCard(d.toDate, ui.opener("Charts")))
	}
	d.cards.Objects = d.cards.Objects[:0]
	for _, c := range d.tiles {
		d.cards.Objects = append(d.cards.Objects, c)
	}
	d.cards.Refresh()
	d.showMeans(f.Feedback.Questions, k)
}

// showMeans lists each question's mean beside its text, so "5.25" says
// what it measures. A mean of fewer than k answers is marked not for
// sharing, as the charts and exports withhold it.
func (d *dashboard) showMeans(qs []store.QuestionFigures, k int) {
	d.means.Objects = nil
	if len(qs) > 0 {
		d.means.Add(widget.NewLabelWithStyle("Feedback: mean score of each question (1 = least likely, 6 = most likely)", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		rows := container.NewVBox()
		for _, q := range qs {
			mean := widget.NewLabelWithStyle(store.NoAnswersLabel, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
			if q.N > 0 {
				mean.SetText(fmt.Sprintf("%.2f", q.Mean))
			}
			n := "n = " + store.Thousands(q.N)
			if q.N > 0 && store.WithheldBelow(q.N, k) != "" {
				n += ", " + store.NotForSharing
			}
			text := widget.NewLabel(fmt.Sprintf("%s (%s)", q.Text, n))
			text.Wrapping = fyne.TextWrapWord
			rows.Add(container.NewBorder(nil, nil, mean, nil, text))
		}
		d.means.Add(newTapArea(rows, d.ui.opener("Feedback")))
	}
	d.means.Refresh()
}

// eventCard is the status of the round's current event: its date, how
// many accepted and how many have checked in.
func eventCard(e *store.EventFigures, now time.Time, open func()) *tapCard {
	if e == nil {
		return newTapCard("None yet", "event", "add the celebration event or a forum meeting on Event", open)
	}
	when := "no date yet"
	if t, err := time.Parse(store.DateLayout, e.Date); err == nil {
		when = t.Format("Mon 2 Jan 2006")
		switch today := now.Format(store.DateLayout); {
		case e.Date == today:
			when = "today"
		case e.Date < today:
			when += " (past)"
		}
	}
	detail := fmt.Sprintf("%s · %s accepted · %s checked in · %s invited", e.Name, store.Thousands(e.Accepted),
		store.Thousands(e.CheckedIn), store.Thousands(e.Invited))
	if e.Capacity > 0 {
		detail += " · capacity " + store.Thousands(e.Capacity)
	}
	return newTapCard(when, "event", detail, open)
}

// participants is the Participants screen.
func (ui *UI) participants() *participantsScreen {
	for _, s := range ui.screens {
		if p, ok := s.(*participantsScreen); ok {
			return p
		}
	}
	return nil
}

// showScreen selects s in the navigation.
func (ui *UI) showScreen(s screen) {
	for i, sc := range ui.screens {
		if sc == s {
			ui.Show(i)
		}
	}
}

// opener returns what opens the screen titled title.
func (ui *UI) opener(title string) func() {
	return func() {
		for i, s := range ui.screens {
			if s.title() == title {
				ui.Show(i)
			}
		}
	}
}

// tapCard is one headline figure that opens its screen when clicked.
type tapCard struct {
	widget.BaseWidget
	big, what, detail *widget.Label
	card              *widget.Card
	onTapped          func()
}

func newTapCard(big, what, detail string, tapped func()) *tapCard {
	c := &tapCard{onTapped: tapped}
	c.big = widget.NewLabelWithStyle(big, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	c.big.SizeName = theme.SizeNameHeadingText
	c.what = widget.NewLabelWithStyle(what, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	c.detail = widget.NewLabel(detail)
	c.detail.Wrapping = fyne.TextWrapWord
	c.card = widget.NewCard("", "", container.NewVBox(c.big, c.what, c.detail))
	c.ExtendBaseWidget(c)
	return c
}

// Tapped opens the card's screen.
func (c *tapCard) Tapped(*fyne.PointEvent) {
	if c.onTapped != nil {
		c.onTapped()
	}
}

// Cursor shows the pointing hand, so the card looks clickable.
func (c *tapCard) Cursor() desktop.Cursor { return desktop.PointerCursor }

func (c *tapCard) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(c.card) }

// tapArea makes any content open a screen when clicked.
type tapArea struct {
	widget.BaseWidget
	content  fyne.CanvasObject
	onTapped func()
}

func newTapArea(content fyne.CanvasObject, tapped func()) *tapArea {
	a := &tapArea{content: content, onTapped: tapped}
	a.ExtendBaseWidget(a)
	return a
}

// Tapped opens the area's screen.
func (a *tapArea) Tapped(*fyne.PointEvent) {
	if a.onTapped != nil {
		a.onTapped()
	}
}

// Cursor shows the pointing hand.
func (a *tapArea) Cursor() desktop.Cursor { return desktop.PointerCursor }

func (a *tapArea) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(a.content) }
