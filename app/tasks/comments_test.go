package tasks

import (
	"bytes"
	"strings"
	"testing"

	"github.com/liaisonapp/liaison/store"
)

func TestComments(t *testing.T) {
	people := []store.Participant{{Name: "Dr Seán Ó Súilleabháin"}, {Name: "Zoë Lindqvist"}}
	rs := []store.Response{
		{ID: 1, Comment: "  More time for questions please. "},
		{ID: 2, Comment: ""},
		{ID: 3, Comment: "Dr Seán Ó Súilleabháin was brilliant", Role: store.RoleConsultant},
		{ID: 4, Comment: "=HYPERLINK(\"http://x\")", Role: store.RoleGP},
	}
	cs := Comments(rs, people)
	if len(cs) != 3 || cs[0].Text != "More time for questions please." {
		t.Fatalf("comments = %+v", cs)
	}
	if !cs[1].Flagged() || cs[1].Names[0] != "Dr Seán Ó Súilleabháin" || cs[0].Flagged() {
		t.Fatalf("flags: %+v", cs)
	}
	if got := SearchComments(cs, "QUESTIONS time"); len(got) != 1 || got[0].ResponseID != 1 {
		t.Errorf("search: %+v", got)
	}
	if got := SearchComments(cs, "consultant"); len(got) != 1 || got[0].ResponseID != 3 {
		t.Errorf("search by role: %+v", got)
	}
	var b bytes.Buffer
	written, withheld, err := ExportComments(&b, cs)
	if err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if written != 2 || withheld != 1 {
		t.Errorf("written %d, withheld %d; want 2 and 1", written, withheld)
	}
	if strings.Contains(out, "Seán") {
		t.Errorf("a comment naming a participant was exported:\n%s", out)
	}
	if !strings.HasPrefix(out, "\ufeffComment,Role given\r\n") || !strings.Contains(out, "'=HYPERLINK") {
		t.Errorf("not Excel-safe:\n%q", out)
	}
}
