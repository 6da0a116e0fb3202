package tasks

import (
	"image"
	"strings"
	"testing"
	"time"

	"github.com/liaisonapp/liaison/pdfdoc"
	"github.com/liaisonapp/liaison/pdfdoc/pdftest"
	"github.com/liaisonapp/liaison/store"
)

func TestPrintedEventDocuments(t *testing.T) {
	now := time.Date(2018, 7, 1, 9, 0, 0, 0, time.UTC)
	e := store.Event{ID: 1, Name: "Celebration", Date: "2018-07-12", Venue: "Conference Suite"}
	items := []store.AgendaItem{{Starts: "13:00", Minutes: 30, Title: "Arrival"}, {Starts: "14:00", Minutes: 45, Title: "Keynote", Speaker: "Prof Ó Súilleabháin"}}
	var as []store.Attendee
	for i, n := range []string{"Zoë Quarrie", "Dr Seán Ashdown", "Declined Person"} {
		a := store.Attendee{ID: int64(i + 1), Name: n, Organisation: "Old Bank Surgery", Role: "GP", RSVP: store.RSVPAccepted}
		if i == 2 {
			a.RSVP = store.RSVPDeclined
		}
		as = append(as, a)
	}
	for i := 0; i < 9; i++ {
		as = append(as, store.Attendee{ID: int64(10 + i), Name: "Guest " + string(rune('A'+i)) + " Person", RSVP: store.RSVPInvited})
	}

	t.Run("Programme", func(t *testing.T) {
		pdf, err := Programme(e, items, now)
		if err != nil {
			t.Fatal(err)
		}
		if n := pdftest.Pages(t, pdf); n != 1 {
			t.Fatalf("%d pages", n)
		}
		// Looked at: the title is printed at the top of the page, and the
		// bottom half, below two agenda items, is blank.
		page := pdftest.Render(t, pdf, 1, 40)
		b := page.Bounds()
		if ink := pdftest.Ink(page, image.Rect(0, 0, b.Dx(), b.Dy()/6)); ink < 0.005 {
			t.Errorf("nothing printed at the top of the programme (%.2f%% ink)", ink*100)
		}
		if ink := pdftest.Ink(page, image.Rect(0, b.Dy()/2, b.Dx(), b.Dy()*9/10)); ink > 0.001 {
			t.Errorf("the bottom half of a two-item programme is printed on (%.2f%% ink)", ink*100)
		}
		text := pdftest.Text(t, pdf)
		for _, want := range []string{"Celebration", "Thursday 12 July 2018", "13:00–13:30", "Keynote", "Prof Ó Súilleabháin"} {
			if text != "" && !strings.Contains(text, want) {
				t.Errorf("programme lacks %q:\n%s", want, text)
			}
		}
	})
	t.Run("SignInInSurnameOrderWithoutDeclines", func(t *testing.T) {
		pdf, err := SignInSheet(e, as, now)
		if err != nil {
			t.Fatal(err)
		}
		text := pdftest.Text(t, pdf)
		if text == "" {
			return // pdftotext not installed
		}
		if strings.Contains(text, "Declined Person") {
			t.Fatal("someone who declined is on the sign-in sheet")
		}
		if a, z := strings.Index(text, "Dr Seán Ashdown"), strings.Index(text, "Zoë Quarrie"); a < 0 || z < 0 || a > z {
			t.Fatalf("not in surname order (Ashdown at %d, Quarrie at %d):\n%s", a, z, text)
		}
	})
	t.Run("BadgesEightOrTenToASheet", func(t *testing.T) {
		pdf, err := Badges(e, as, 8, now)
		if err != nil {
			t.Fatal(err)
		}
		if n := pdftest.Pages(t, pdf); n != 2 { // 11 expected: 8 + 3
			t.Fatalf("%d pages for 11 badges at 8 a sheet", n)
		}
		// Looked at: each of the 8 badges of the first sheet has its name
		// printed in the middle of its own cell.
		const dpi = 40
		px := func(mm float64) int { return int(mm / 25.4 * dpi) }
		page := pdftest.Render(t, pdf, 1, dpi)
		w, h := pdfdoc.ContentWidth/2, (pdfdoc.PageHeight-2*pdfdoc.Margin-6)/4
		for k := range 8 {
			x, y := pdfdoc.Margin+float64(k%2)*w, pdfdoc.Margin+float64(k/2)*h
			name := image.Rect(px(x+w*0.1), px(y+h*0.15), px(x+w*0.9), px(y+h*0.5))
			if ink := pdftest.Ink(page, name); ink < 0.01 {
				t.Errorf("badge %d of the sheet shows no name (%.1f%% ink where it goes)", k+1, ink*100)
			}
		}
		if pdf, _ = Badges(e, as, 10, now); pdftest.Pages(t, pdf) != 2 {
			t.Fatal("11 badges at 10 a sheet are not 2 pages")
		}
		if _, err := Badges(e, as, 9, now); store.ErrorCode(err) != store.EINVALID {
			t.Fatalf("9 a sheet: %v", err)
		}
	})
}
