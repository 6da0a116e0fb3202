package charts

import (
	"fmt"
	"math"

	"github.com/liaisonapp/liaison/store"
)

// CheckInTable is the check-in chart as data.
type CheckInTable struct {
	CheckedIn, Accepted int
	// Share is CheckedIn ÷ Accepted (0 when nobody accepted).
	Share float64
	// Label is the headline: "42 of 60 accepted attendees checked in (70%)".
	Label string
	// Waiting is how many accepted attendees have not arrived yet; walk-ins
	// beyond the accepted list do not make it negative.
	Waiting int
}

// CheckInData computes the check-in figures. Walk-ins can make CheckedIn
// exceed Accepted; the share is then above 100% and is shown as such.
func CheckInData(checkedIn, accepted int) CheckInTable {
	t := CheckInTable{CheckedIn: checkedIn, Accepted: accepted, Waiting: max(0, accepted-checkedIn)}
	if accepted > 0 {
		t.Share = float64(checkedIn) / float64(accepted)
		t.Label = fmt.Sprintf("%s of %s accepted attendees checked in (%.0f%%)", store.Thousands(checkedIn), store.Thousands(accepted), t.Share*100)
	} else {
		t.Label = fmt.Sprintf("%s checked in; nobody has accepted yet", store.Thousands(checkedIn))
	}
	return t
}

// CheckIns charts the event's check-ins against its accepted attendees as
// one bar filling its track, for the door and the projector.
func CheckIns(checkedIn, accepted int, opts Options) *Chart {
	opts = opts.normalised()
	t := CheckInData(checkedIn, accepted)
	l := &checkInLayout{t: t}
	return &Chart{
		Title:    "Event check-ins: who has arrived of those who accepted",
		Subtitle: withNote(fmt.Sprintf("n = %s accepted attendees", store.Thousands(accepted)), opts.Note),
		opts:     opts, fits: l.fits, draw: l.draw,
	}
}

type checkInLayout struct{ t CheckInTable }

func (l *checkInLayout) fits(p *painter, body box) bool {
	return p.lineHeight(titlePt)*5 <= body.h() && p.textWidth(l.t.Label, titlePt) <= body.w()
}

func (l *checkInLayout) draw(p *painter, body box) {
	lh := p.lineHeight(titlePt)
	y := body.t + (body.h()-lh*5)/2
	p.text(l.t.Label, body.l, y, titlePt, p.pal.fg)
	y += lh * 3 / 2
	thick := lh * 2
	full := max(l.t.Accepted, l.t.CheckedIn)
	end := body.l
	if full > 0 {
		end = body.l + int(math.Round(float64(l.t.CheckedIn)/float64(full)*float64(body.w())))
	}
	p.rect(body.l, y, end, y+thick, p.pal.bar)
	p.outline(body.l, y, body.r, y+thick, p.pal.fg, 2)
	if l.t.Accepted > 0 && l.t.Accepted < full {
		x := body.l + int(math.Round(float64(l.t.Accepted)/float64(full)*float64(body.w())))
		p.line(x, y-lh/4, x, y+thick+lh/4, p.pal.fg, 3, nil)
	}
	y += thick + lh/2
	var note string
	switch {
	case l.t.CheckedIn > l.t.Accepted:
		note = fmt.Sprintf("%s more than accepted (walk-ins); the mark shows the accepted number", store.Thousands(l.t.CheckedIn-l.t.Accepted))
	default:
		note = fmt.Sprintf("%s still to arrive", store.Thousands(l.t.Waiting))
	}
	p.text(note, body.l, y, labelPt, p.pal.fg)
}
