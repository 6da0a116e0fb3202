package app

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/liaisonapp/liaison/store"
	"github.com/liaisonapp/liaison/store/demo"
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
	if got, want := s.cells[1][2], "in progress"; got != want {
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
		{"Jan 2018", "3", "0", "0", "2", "0"},
		{"Feb 2018", "2", "0", "1", "2", "0"},
		{"Mar 2018", "1", "1", "0", "2", "1"},
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
		if s.cells[1][3] != store.OutputLetterAction.Label() {
			t.Fatalf("table output column %q", s.cells[1][3])
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

// projectsOnDemo opens the Projects screen on the demo round, which has
// pairs and reflections to link.
func projectsOnDemo(t *testing.T) (*UI, *projectsScreen) {
	t.Helper()
	db := MustOpenDB(t)
	if _, err := demo.Create(context.Background(), db); err != nil {
		t.Fatal(err)
	}
	ui := newTestUI(t, db)
	ui.Start()
	waitIdle(t)
	return ui, showScreen[*projectsScreen](t, ui)
}

// storedProject reads the project called title back from the database.
func storedProject(t *testing.T, ui *UI, title string) store.Project {
	t.Helper()
	ps, err := ui.db.Projects(context.Background(), ui.round.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		if p.Title == title {
			return p
		}
	}
	t.Fatalf("no project %q", title)
	return store.Project{}
}

// editByTitle loads the project called title into the form.
func editByTitle(t *testing.T, s *projectsScreen, title string) {
	t.Helper()
	for i, p := range s.items {
		if p.Title == title {
			s.edit(i)
			waitIdle(t)
			return
		}
	}
	t.Fatalf("no project %q in the table", title)
}

// TestProjectLinksSetAndCleared: the pair and the reflection are chosen by
// typing and picking from the matches, the theme by typing; each is saved,
// shown again and in the table, and cleared by its button.
func TestProjectLinksSetAndCleared(t *testing.T) {
	ui, s := projectsOnDemo(t)
	const title = "Frailty advice line for GPs"
	if p := storedProject(t, ui, title); p.PairingID != 0 || p.ReflectionID != 0 || p.Theme != "" {
		t.Fatalf("the demo project already has links: %+v", p)
	}
	editByTitle(t, s, title)

	test.Type(s.pair.entry, "Juniper")
	waitIdle(t)
	if len(s.pair.Options) == 0 || !strings.Contains(s.pair.Options[0], "Juniper") {
		t.Fatalf("typing Juniper offers %q", s.pair.Options)
	}
	pair := s.pair.Options[0]
	s.pair.entry.SetText(pair) // as choosing it from the drop-down does
	waitIdle(t)
	test.Type(s.reflection.entry, "compassion")
	waitIdle(t)
	if len(s.reflection.Options) < 2 {
		t.Fatalf("typing compassion offers %q", s.reflection.Options)
	}
	for _, o := range s.reflection.Options {
		if !strings.Contains(o, "compassion") || !strings.HasPrefix(o, "Reflection ") || !strings.Contains(o, "“") {
			t.Fatalf("the reflection %q is not named by its number, themes and first words", o)
		}
	}
	refl := s.reflection.Options[1]
	s.reflection.entry.SetText(refl)
	waitIdle(t)
	test.Type(s.theme, "complexity")
	waitIdle(t)
	if len(s.meeting.sel.Options) < 2 {
		t.Fatalf("the demo's forum meetings are not offered: %q", s.meeting.sel.Options)
	}
	meeting := s.meeting.sel.Options[1]
	s.meeting.sel.SetSelected(meeting)
	s.save()
	waitIdle(t)

	p := storedProject(t, ui, title)
	if p.PairingID == 0 || p.ReflectionID == 0 || p.Theme != "complexity" {
		t.Fatalf("stored links: pair %d, reflection %d, theme %q", p.PairingID, p.ReflectionID, p.Theme)
	}
	if got, want := s.prompts.pairOf[p.PairingID], pair; got != want {
		t.Fatalf("stored pair %q, want %q", got, want)
	}
	if got, want := s.prompts.reflOf[p.ReflectionID], refl; got != want {
		t.Fatalf("stored reflection %q, want %q", got, want)
	}
	n := s.prompts.reflNo[p.ReflectionID]
	var row []string
	for _, r := range s.cells[1:] {
		if r[0] == title {
			row = r
		}
	}
	if p.MeetingID == 0 {
		t.Fatal("the forum meeting was not stored")
	}
	if got, want := row[1], fmt.Sprintf("complexity · reflection %d · pair %s · meeting %s", n, pair, meeting); got != want {
		t.Fatalf("the table says it was prompted by %q, want %q", got, want)
	}

	t.Run("ShownAgain", func(t *testing.T) {
		s.edit(-1)
		waitIdle(t)
		editByTitle(t, s, title)
		if s.pair.entry.Text != pair || s.reflection.entry.Text != refl || s.theme.Text != "complexity" {
			t.Fatalf("the form shows pair %q, reflection %q, theme %q", s.pair.entry.Text, s.reflection.entry.Text, s.theme.Text)
		}
		// Saving another field keeps the links.
		s.owner.SetText("Frailty lead")
		s.save()
		waitIdle(t)
		if p := storedProject(t, ui, title); p.PairingID == 0 || p.ReflectionID == 0 || p.Owner != "Frailty lead" {
			t.Fatalf("after saving the owner: %+v", p)
		}
	})

	t.Run("TextThatNamesNoPairIsRefused", func(t *testing.T) {
		editByTitle(t, s, title)
		s.pair.entry.SetText("")
		test.Type(s.pair.entry, "Nobody of that name")
		waitIdle(t)
		s.save()
		waitIdle(t)
		if p := storedProject(t, ui, title); p.PairingID == 0 {
			t.Fatal("text naming no pair was saved as no pair")
		}
	})

	t.Run("OneMatchIsChosen", func(t *testing.T) {
		editByTitle(t, s, title)
		s.reflection.ClearSelected()
		waitIdle(t)
		// A reflection's own number matches it alone.
		test.Type(s.reflection.entry, fmt.Sprintf("reflection %d ·", n))
		waitIdle(t)
		if s.reflection.Selected != refl {
			t.Fatalf("typing its number chose %q, want %q", s.reflection.Selected, refl)
		}
	})

	t.Run("Cleared", func(t *testing.T) {
		editByTitle(t, s, title)
		test.Tap(s.clearPair)
		test.Tap(s.clearReflection)
		test.Tap(s.clearTheme)
		s.meeting.sel.SetSelected(noMeeting)
		waitIdle(t)
		s.save()
		waitIdle(t)
		if p := storedProject(t, ui, title); p.PairingID != 0 || p.ReflectionID != 0 || p.Theme != "" || p.MeetingID != 0 {
			t.Fatalf("after clearing: pair %d, reflection %d, theme %q, meeting %d", p.PairingID, p.ReflectionID, p.Theme, p.MeetingID)
		}
	})
}

// TestProjectsFilterWhileEditing: a filter that hides the project in the
// form does not turn Save into "create a copy", and the row highlighted is
// always the project in the form.
func TestProjectsFilterWhileEditing(t *testing.T) {
	ui, s := projectsOnDemo(t)
	const title = "Shared directory of consultants' secretaries"
	before, _ := ui.db.Projects(context.Background(), ui.round.ID)
	editByTitle(t, s, title)
	s.table.Select(widget.TableCellID{Row: s.selected + 1})
	s.statusF.SetSelected("in progress") // the directory is completed
	waitIdle(t)
	for _, p := range s.items {
		if p.Title == title {
			t.Fatalf("the status filter let the completed %q through", title)
		}
	}
	if s.rows.selected != -1 {
		t.Fatalf("row %d is highlighted though the project in the form is filtered out", s.rows.selected)
	}
	s.owner.SetText("Directory keeper")
	s.save()
	waitIdle(t)
	after, _ := ui.db.Projects(context.Background(), ui.round.ID)
	if len(after) != len(before) {
		t.Fatalf("saving a filtered-out project made %d projects of %d", len(after), len(before))
	}
	if p := storedProject(t, ui, title); p.Owner != "Directory keeper" {
		t.Fatalf("the owner was not saved: %+v", p)
	}
	s.statusF.SetSelected(allStatuses)
	waitIdle(t)
	if s.rows.selected < 1 || s.items[s.rows.selected-1].Title != title {
		t.Fatalf("with no filter row %d is highlighted, not %q", s.rows.selected, title)
	}
	if got := s.owner.Text; got != "Directory keeper" {
		t.Fatalf("showing the row again reloaded the form: owner %q", got)
	}
}

// TestProjectsFilterByStatusAndGroupAndSort covers the filters and orders
// the register test does not.
func TestProjectsFilterByStatusAndGroupAndSort(t *testing.T) {
	_, s := projectsOnDemo(t)
	titles := func() string {
		var out []string
		for _, p := range s.items {
			out = append(out, p.Title)
		}
		return strings.Join(out, " | ")
	}
	s.statusF.SetSelected("completed")
	waitIdle(t)
	if len(s.items) != 3 {
		t.Fatalf("completed: %s", titles())
	}
	for _, p := range s.items {
		if p.Status != store.ProjectCompleted {
			t.Fatalf("the completed filter let through %q (%s)", p.Title, p.Status)
		}
	}
	s.statusF.SetSelected(allStatuses)
	s.groupF.SetSelected("Letters task-and-finish group")
	waitIdle(t)
	if len(s.items) != 1 || s.items[0].Group != "Letters task-and-finish group" {
		t.Fatalf("group filter: %s", titles())
	}
	if !strings.Contains(s.counts.Text, "Showing 1 that match") {
		t.Fatalf("counts %q", s.counts.Text)
	}
	s.groupF.SetSelected(allGroups)
	waitIdle(t)
	for _, c := range []struct {
		sort string
		key  func(store.Project) string
	}{
		{"By status", func(p store.Project) string {
			return fmt.Sprint(slices.Index(store.ProjectStatuses, p.Status))
		}},
		{"By owner", func(p store.Project) string { return strings.ToLower(p.Owner) }},
		{"By group", func(p store.Project) string { return strings.ToLower(p.Group) }},
		{"By output", func(p store.Project) string {
			return fmt.Sprint(slices.Index(store.ProjectOutputs, p.Output))
		}},
	} {
		s.sortBy.SetSelected(c.sort)
		waitIdle(t)
		if len(s.items) != 7 {
			t.Fatalf("%s: %d projects, want all 7", c.sort, len(s.items))
		}
		for i := 1; i < len(s.items); i++ {
			if c.key(s.items[i-1]) > c.key(s.items[i]) {
				t.Fatalf("%s: %q before %q\n%s", c.sort, s.items[i-1].Title, s.items[i].Title, titles())
			}
		}
		if s.cells[1][0] != s.items[0].Title {
			t.Fatalf("%s: the table's first row is %q, not %q", c.sort, s.cells[1][0], s.items[0].Title)
		}
	}
	s.sortBy.SetSelected("Latest completed")
	waitIdle(t)
	if s.items[0].CompletedOn != "2018-05-20" || s.items[len(s.items)-1].CompletedOn != "" {
		t.Fatalf("latest completed: first %q, last %q", s.items[0].CompletedOn, s.items[len(s.items)-1].CompletedOn)
	}
}

// TestProjectLinksSurviveAReload: a change made elsewhere reloads the
// screen; the reflection chosen stays chosen under its new number when an
// earlier one is deleted, and letters typed in the pair picker stay.
func TestProjectLinksSurviveAReload(t *testing.T) {
	ui, s := projectsOnDemo(t)
	const title = "Frailty advice line for GPs"
	editByTitle(t, s, title)
	refl, err := ui.db.Reflections(context.Background(), ui.round.ID)
	if err != nil {
		t.Fatal(err)
	}
	chosen := refl[2]
	s.reflection.SetSelected(s.prompts.reflOf[chosen.ID])
	test.Type(s.pair.entry, "Junip")
	waitIdle(t)
	if err := ui.db.DeleteReflection(context.Background(), refl[0].ID); err != nil {
		t.Fatal(err)
	}
	ui.Changed()
	waitIdle(t)
	if got, want := s.reflection.entry.Text, s.prompts.reflOf[chosen.ID]; got != want || !strings.HasPrefix(got, "Reflection 2 ·") {
		t.Fatalf("after the reload the reflection picker says %q, want %q (now number 2)", got, want)
	}
	if got := s.pair.entry.Text; got != "Junip" {
		t.Fatalf("after the reload the pair picker says %q, want the letters typed", got)
	}
	s.pair.ClearSelected()
	s.save()
	waitIdle(t)
	if p := storedProject(t, ui, title); p.ReflectionID != chosen.ID {
		t.Fatalf("saved reflection %d, want %d", p.ReflectionID, chosen.ID)
	}
}
