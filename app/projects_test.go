package app

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/liaisonapp/liaison/store"
)

func projectsUI(t *testing.T) (*UI, *projectsScreen, store.Round) {
	return screenOnNewRound[*projectsScreen](t)
}

func TestProjectsForm(t *testing.T) {
	ui, s, r := projectsUI(t)
	s.titleE.SetText("Letters headed For Information Only / GP Action Required")
	waitIdle(t)
	s.prompted.SetText("efficiency")
	waitIdle(t)
	s.owner.SetText("Dr Kestrel")
	waitIdle(t)
	s.group.SetText("Outpatient letters")
	waitIdle(t)
	s.status.SetSelected("in progress")
	waitIdle(t)
	s.started.SetText("2018-01-15")
	waitIdle(t)
	s.impact.SetText("Practice admin time saved")
	waitIdle(t)
	s.save()
	waitIdle(t)
	ps, err := ui.db.Projects(ui.ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 1 || ps[0].Status != store.ProjectInProgress || ps[0].Owner != "Dr Kestrel" || ps[0].StartedOn != "2018-01-15" {
		t.Fatalf("stored %+v", ps)
	}
	if got, want := s.cells[1][1], "in progress"; got != want {
		t.Fatalf("table status %q, want %q", got, want)
	}
	if !strings.Contains(s.counts.Text, "1 improvement project: 0 idea · 1 in progress") {
		t.Fatalf("counts %q", s.counts.Text)
	}

	t.Run("BadDateIsRefused", func(t *testing.T) {
		s.edit(0)
		waitIdle(t)
		s.status.SetSelected("completed")
		waitIdle(t)
		s.completed.SetText("03/14/2018")
		waitIdle(t)
		s.save()
		waitIdle(t)
		ps, _ := ui.db.Projects(ui.ctx, r.ID)
		if ps[0].Status != store.ProjectInProgress || ps[0].CompletedOn != "" {
			t.Fatalf("a month-first date was saved: %+v", ps[0])
		}
	})

	t.Run("Complete", func(t *testing.T) {
		s.edit(0)
		waitIdle(t)
		s.status.SetSelected("completed")
		waitIdle(t)
		s.completed.SetText("14/03/2018") // the British way, stored as ISO
		waitIdle(t)
		s.save()
		waitIdle(t)
		ps, _ := ui.db.Projects(ui.ctx, r.ID)
		if len(ps) != 1 || ps[0].Status != store.ProjectCompleted || ps[0].CompletedOn != "2018-03-14" {
			t.Fatalf("stored %+v", ps)
		}
		if got, want := len(s.tcells), 1+3; got != want { // header + Jan, Feb, Mar
			t.Fatalf("%d timeline rows, want %d", got, want)
		}
	})
}

func TestProjectTimeline(t *testing.T) {
	ps := []store.Project{
		{Title: "a", Status: store.ProjectCompleted, StartedOn: "2018-01-10", CompletedOn: "2018-03-02"},
		{Title: "b", Status: store.ProjectInProgress, StartedOn: "2018-02-01"},
		{Title: "c", Status: store.ProjectStopped, StartedOn: "2018-01-20"},
		{Title: "d", Status: store.ProjectIdea}, // no dates: not placed in time
		// Stopped with its end date: under way until then, counted as
		// stopped, never as completed.
		{Title: "e", Status: store.ProjectStopped, StartedOn: "2018-01-05", CompletedOn: "2018-02-15"},
		// Completed with no date: it cannot be under way for ever.
		{Title: "f", Status: store.ProjectCompleted, StartedOn: "2018-02-03"},
		// A date typed ahead for a project still in progress is a plan,
		// not a completion.
		{Title: "g", Status: store.ProjectInProgress, StartedOn: "2018-03-01", CompletedOn: "2018-03-20"},
	}
	got := projectTimeline(ps)
	want := [][]string{
		{"Month", "Started", "Completed", "Stopped", "Under way", "Completed so far"},
		{"2018-01", "3", "0", "0", "2", "0"},
		{"2018-02", "2", "0", "1", "2", "0"},
		{"2018-03", "1", "1", "0", "2", "1"},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("timeline\n%v\nwant\n%v", got, want)
	}
	if got := projectTimeline(nil); len(got) != 1 {
		t.Fatalf("no projects gave %v, want only the header", got)
	}
}

func TestProjectsRegister(t *testing.T) {
	ui, s, r := projectsUI(t)
	for _, p := range []store.Project{
		{Title: "Letters", Owner: "Orthopaedics", Group: "Letters group", Status: store.ProjectCompleted, CompletedOn: "2018-03-01"},
		{Title: "Directory of secretaries", Owner: "Liaison manager", Status: store.ProjectInProgress, Impact: "Fewer switchboard calls"},
	} {
		p.RoundID = r.ID
		if err := ui.db.CreateProject(ui.ctx, &p); err != nil {
			t.Fatal(err)
		}
	}
	s.refresh()
	waitIdle(t)
	if got := len(s.cells); got != 3 {
		t.Fatalf("%d table rows, want header + 2", got)
	}

	t.Run("RecordsOutputAdoptersAndSaving", func(t *testing.T) {
		s.edit(0)
		waitIdle(t)
		s.output.SetSelected(store.OutputLetterAction.Label())
		waitIdle(t)
		s.adopted.SetText("City General; Harbour Trust")
		waitIdle(t)
		s.saving.SetText("6")
		waitIdle(t)
		s.unit.SetText("hours per week")
		waitIdle(t)
		s.note.SetText("two practices' estimate")
		waitIdle(t)
		s.theme.SetText("efficiency")
		waitIdle(t)
		s.save()
		waitIdle(t)
		ps, _ := ui.db.Projects(ui.ctx, r.ID)
		got := ps[0]
		if got.Output != store.OutputLetterAction || strings.Join(got.AdoptedBy, "|") != "City General|Harbour Trust" ||
			got.SavingText() != "6 hours per week (two practices' estimate)" || got.Theme != "efficiency" {
			t.Fatalf("stored %+v", got)
		}
		if s.cells[1][2] != store.OutputLetterAction.Label() {
			t.Fatalf("table output column %q", s.cells[1][2])
		}
	})

	t.Run("BadSavingIsRefused", func(t *testing.T) {
		s.edit(1)
		waitIdle(t)
		s.saving.SetText("lots")
		waitIdle(t)
		s.save()
		waitIdle(t)
		ps, _ := ui.db.Projects(ui.ctx, r.ID)
		if ps[1].Saving != 0 || ps[1].SavingUnit != "" {
			t.Fatalf("a bad saving was stored: %+v", ps[1])
		}
	})

	t.Run("SearchFilterAndSort", func(t *testing.T) {
		test.Type(s.search, "switchboard")
		waitIdle(t)
		if len(s.items) != 1 || s.items[0].Title != "Directory of secretaries" {
			t.Fatalf("search found %+v", s.items)
		}
		s.search.SetText("")
		waitIdle(t)
		s.outputF.SetSelected(store.OutputLetterAction.Label())
		waitIdle(t)
		if len(s.items) != 1 || s.items[0].Title != "Letters" {
			t.Fatalf("output filter found %+v", s.items)
		}
		if !strings.Contains(s.counts.Text, "Showing 1 that match") {
			t.Fatalf("counts %q", s.counts.Text)
		}
		s.outputF.SetSelected(allOutputs)
		waitIdle(t)
		s.ownerF.SetSelected("Liaison manager")
		waitIdle(t)
		if len(s.items) != 1 || s.items[0].Owner != "Liaison manager" {
			t.Fatalf("owner filter found %+v", s.items)
		}
		s.ownerF.SetSelected(allOwners)
		waitIdle(t)
		s.sortBy.SetSelected("By title")
		waitIdle(t)
		if s.items[0].Title != "Directory of secretaries" {
			t.Fatalf("sorted by title: %q first", s.items[0].Title)
		}
	})
}
