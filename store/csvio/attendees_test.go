package csvio

import (
	"bytes"
	"strings"
	"testing"

	"github.com/liaisonapp/liaison/store"
)

func TestReadAttendees(t *testing.T) {
	imp, err := ReadAttendees(strings.NewReader("\ufeffFull name;E-mail;Attending?;Dietary requirements;Arrived\r\n" +
		"Seán Ó Súilleabháin;sean@nhs.net;yes;Vegetarian;12/07/2018 13:55\r\n" +
		"'=Guest;;no;;\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(imp.Problems) != 0 || len(imp.Rows) != 2 {
		t.Fatalf("problems %v, rows %d", imp.Problems, len(imp.Rows))
	}
	a := imp.Rows[0].A
	if a.Name != "Seán Ó Súilleabháin" || a.RSVP != store.RSVPAccepted || a.DietaryNeeds != "Vegetarian" || a.CheckedInAt.Format("15:04") != "13:55" {
		t.Fatalf("first row %+v", a)
	}
	// Our own export's formula apostrophe is undone on reading.
	if g := imp.Rows[1].A; g.Name != "=Guest" || g.RSVP != store.RSVPDeclined {
		t.Fatalf("second row %+v", g)
	}
	imp, _ = ReadAttendees(strings.NewReader("Organisation,Email\r\nTrust,x@nhs.net\r\n"))
	if len(imp.Problems) != 1 || !strings.Contains(imp.Problems[0].Reason, "names") {
		t.Fatalf("a list without names: %v", imp.Problems)
	}
	imp, _ = ReadAttendees(strings.NewReader("Name,Email,Email address\r\nAnn,a@nhs.net,b@nhs.net\r\n"))
	if len(imp.Problems) != 1 || imp.Problems[0].Column != "Email address" {
		t.Fatalf("two email columns: %v", imp.Problems)
	}
}

func FuzzReadAttendees(f *testing.F) {
	f.Add([]byte("Name,Email,RSVP,Checked in\r\nAnn,ann@nhs.net,yes,2018-07-12 13:00\r\n"))
	f.Add([]byte("\xef\xbb\xbfFull name;Attending?;Access needs\nRen\xe9e;no;step-free\n"))
	f.Add([]byte("Name,Arrived\rAnn,yes\r'=Bo,maybe\r"))
	f.Add([]byte("Organisation\r\nTrust\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		imp, err := ReadAttendees(bytes.NewReader(data))
		if err != nil {
			if got := store.ErrorCode(err); got != store.EINVALID {
				t.Fatalf("ErrorCode = %q, want %q (err %v)", got, store.EINVALID, err)
			}
			return
		}
		for _, p := range imp.Problems {
			if p.Line < 1 {
				t.Fatalf("problem %q has line %d", p, p.Line)
			}
		}
		for _, r := range imp.Rows {
			if r.Line < 2 {
				t.Fatalf("row %+v has line %d, before any header", r, r.Line)
			}
			if len(imp.Problems) == 0 && strings.TrimSpace(r.A.Name) == "" {
				t.Fatalf("a row without a name passed: %+v", r)
			}
		}
	})
}
