package app

import (
	"fmt"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/liaisonapp/liaison/store"
)

// dashboard shows the round's headline figures.
type dashboard struct {
	ui      *UI
	heading *widget.Label
	cards   *fyne.Container
	figures store.Figures
}

func newDashboard(ui *UI) *dashboard { return &dashboard{ui: ui} }

func (d *dashboard) title() string { return "Dashboard" }

func (d *dashboard) content() fyne.CanvasObject {
	d.heading = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	d.heading.SizeName = theme.SizeNameHeadingText
	d.cards = container.NewGridWrap(fyne.NewSize(360, 170))
	return container.NewBorder(container.NewPadded(d.heading), nil, nil, nil, container.NewVScroll(d.cards))
}

func (d *dashboard) refresh() {
	ui := d.ui
	if ui.round.ID == 0 {
		d.heading.SetText("No round yet")
		d.cards.Objects = nil
		d.cards.Refresh()
		return
	}
	r := ui.round
	var f store.Figures
	ui.run(func() (err error) { f, err = store.ComputeFigures(ui.ctx, ui.db, r, ui.now()); return err }, func() { d.show(f) })
}

// show lays out the figures as cards: a big number and what it counts.
func (d *dashboard) show(f store.Figures) {
	d.figures = f
	d.heading.SetText(f.Round)
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
	top2 := "no questions answered yet"
	if len(f.Feedback.Questions) > 0 {
		var parts []string
		for _, q := range f.Feedback.Questions {
			if q.N > 0 && store.WithheldBelow(q.N, k) != "" {
				parts = append(parts, fmt.Sprintf("%.2f (n = %d, %s)", q.Mean, q.N, store.NotForSharing))
			} else if q.N > 0 {
				parts = append(parts, fmt.Sprintf("%.2f", q.Mean))
			}
		}
		if len(parts) > 0 {
			top2 = "means " + strings.Join(parts, " · ") + " (of 6)"
		}
	}
	d.cards.Objects = []fyne.CanvasObject{
		card(fmt.Sprint(f.Participants), "participants", strings.Join(roles, " · ")),
		card(store.Thousands(f.Pairings), "pairs", store.Thousands(f.Visits.PairsCompleted)+" completed both visits"),
		card(store.Thousands(f.Visits.Done)+" / "+store.Thousands(f.Visits.Planned), "visits done / planned",
			store.Thousands(f.Visits.Overdue)+" overdue · "+store.Thousands(f.Visits.Cancelled)+" cancelled"),
		card(fmt.Sprint(f.Feedback.Responses), "feedback responses", f.Feedback.RateText()+"; "+top2),
		card(fmt.Sprint(f.Reflections), "reflections", "anonymous, tagged by theme"),
		card(store.Thousands(f.Projects.Completed)+" / "+store.Thousands(f.Projects.Total), "projects completed", "of all improvement projects"),
	}
	d.cards.Refresh()
}

// card is one headline figure.
func card(big, what, detail string) fyne.CanvasObject {
	n := widget.NewLabelWithStyle(big, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	n.SizeName = theme.SizeNameHeadingText
	w := widget.NewLabelWithStyle(what, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	dl := widget.NewLabel(detail)
	dl.Wrapping = fyne.TextWrapWord
	return widget.NewCard("", "", container.NewVBox(n, w, dl))
}
