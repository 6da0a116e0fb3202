package app

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/liaisonapp/liaison/app/tasks"
	"github.com/liaisonapp/liaison/store"
)

// The filters' "no filter" choices.
const (
	allStatuses = "All statuses"
	allGroups   = "All groups"
	allOutputs  = "All outputs"
	allOwners   = "All owners"
)

// projectSorts are the register's orders, as the Sort Select offers them.
var projectSorts = []string{"As entered", "By title", "By status", "By output", "By owner", "By group", "Latest completed"}

// filterBar is the register's search, filters, sort and export, above its
// table: at Nottingham's scale (80+ projects) the organiser looks for one
// group's, one owner's or one kind's projects.
func (s *projectsScreen) filterBar() fyne.CanvasObject {
	s.search = widget.NewEntry()
	s.search.SetPlaceHolder("Search title, owner, group, impact, adopters…")
	s.search.OnChanged = func(string) { s.reshow() }
	statuses := []string{allStatuses}
	for _, st := range store.ProjectStatuses {
		statuses = append(statuses, statusLabels[st])
	}
	s.statusF = widget.NewSelect(statuses, func(string) { s.reshow() })
	s.groupF = widget.NewSelect([]string{allGroups}, func(string) { s.reshow() })
	outputs := []string{allOutputs}
	for _, o := range store.ProjectOutputs {
		outputs = append(outputs, o.Label())
	}
	s.outputF = widget.NewSelect(outputs, func(string) { s.reshow() })
	s.ownerF = widget.NewSelect([]string{allOwners}, func(string) { s.reshow() })
	s.sortBy = widget.NewSelect(projectSorts, func(string) { s.reshow() })
	// Set before the OnChanged callbacks can matter: nothing is loaded yet.
	s.statusF.SetSelected(allStatuses)
	s.groupF.SetSelected(allGroups)
	s.outputF.SetSelected(allOutputs)
	s.ownerF.SetSelected(allOwners)
	s.sortBy.SetSelected(projectSorts[0])
	export := widget.NewButtonWithIcon("Export…", theme.DocumentSaveIcon(), s.export)
	return container.NewVBox(
		container.NewBorder(nil, nil, nil, export, s.search),
		container.NewGridWithColumns(5, s.statusF, s.groupF, s.outputF, s.ownerF, s.sortBy))
}

// reshow applies the filters and sort to the loaded register.
func (s *projectsScreen) reshow() {
	if s.table != nil {
		s.show(s.all)
	}
}

// syncFilters offers the groups and owners the register has, keeping the
// current choice when it is still among them.
func (s *projectsScreen) syncFilters() {
	for _, f := range []struct {
		sel *widget.Select
		all string
		of  func(store.Project) string
	}{{s.groupF, allGroups, func(p store.Project) string { return p.Group }},
		{s.ownerF, allOwners, func(p store.Project) string { return p.Owner }}} {
		seen := map[string]bool{}
		var vs []string
		for _, p := range s.all {
			if v := f.of(p); v != "" && !seen[v] {
				seen[v] = true
				vs = append(vs, v)
			}
		}
		slices.SortFunc(vs, func(a, b string) int { return cmp.Compare(strings.ToLower(a), strings.ToLower(b)) })
		f.sel.Options = append([]string{f.all}, vs...)
		if !seen[f.sel.Selected] && f.sel.Selected != f.all {
			f.sel.Selected = f.all
		}
		f.sel.Refresh()
	}
}

// filtered returns the register through the filters, in the chosen order.
func (s *projectsScreen) filtered() []store.Project {
	f := tasks.ProjectFilter{Search: s.search.Text}
	if st := statusOf(s.statusF.Selected); s.statusF.Selected != allStatuses {
		f.Status = st
	}
	if s.groupF.Selected != allGroups {
		f.Group = s.groupF.Selected
	}
	if s.ownerF.Selected != allOwners {
		f.Owner = s.ownerF.Selected
	}
	for _, o := range store.ProjectOutputs {
		if o.Label() == s.outputF.Selected {
			f.Output = &o
		}
	}
	out := tasks.FilterProjects(s.all, f)
	text := func(of func(store.Project) string) func(a, b store.Project) int {
		return func(a, b store.Project) int { return cmp.Compare(strings.ToLower(of(a)), strings.ToLower(of(b))) }
	}
	var by func(a, b store.Project) int
	switch s.sortBy.Selected {
	case "By title":
		by = text(func(p store.Project) string { return p.Title })
	case "By status":
		by = func(a, b store.Project) int {
			return cmp.Compare(slices.Index(store.ProjectStatuses, a.Status), slices.Index(store.ProjectStatuses, b.Status))
		}
	case "By output":
		by = func(a, b store.Project) int {
			return cmp.Compare(slices.Index(store.ProjectOutputs, a.Output), slices.Index(store.ProjectOutputs, b.Output))
		}
	case "By owner":
		by = text(func(p store.Project) string { return p.Owner })
	case "By group":
		by = text(func(p store.Project) string { return p.Group })
	case "Latest completed":
		by = func(a, b store.Project) int { return cmp.Compare(b.CompletedOn, a.CompletedOn) }
	}
	if by != nil {
		slices.SortStableFunc(out, by)
	}
	return out
}

// export writes the whole register (not only what the filters show) as
// CSV for the board.
func (s *projectsScreen) export() {
	ui := s.ui
	if !ui.haveRound() {
		return
	}
	ps, pairs := s.all, s.pairs
	saveFile(ui, "Export the improvement projects", fileSlug(ui.round.Name)+"-projects.csv",
		func(w io.Writer) error { return tasks.ExportProjects(w, ps, pairs) },
		"Exported", func(path string) string {
			return fmt.Sprintf("Wrote %s to %s.", store.Plural(len(ps), "improvement project", "improvement projects"), path)
		})
}

// pairLabel names a pair in the project form's pair choice.
func pairLabel(p store.Pairing) string { return p.Primary.Name + " – " + p.Secondary.Name }

// splitAdopters reads the organisations typed as a list.
func splitAdopters(v string) []string {
	var out []string
	for _, o := range strings.FieldsFunc(v, func(r rune) bool { return r == ';' || r == '\n' }) {
		if o = strings.TrimSpace(o); o != "" {
			out = append(out, o)
		}
	}
	return out
}

// parseSaving reads an estimated saving: empty (no estimate) or a number
// of zero or more, with a comma or a £ allowed as people type them.
func parseSaving(v string) (float64, error) {
	v = strings.NewReplacer(",", "", "£", "", " ", "").Replace(v)
	if v == "" {
		return 0, nil
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || f < 0 {
		return 0, fmt.Errorf("%q is not a number of zero or more", v)
	}
	return f, nil
}
