package tasks

import (
	"io"
	"strings"

	"github.com/liaisonapp/liaison/store"
	"github.com/liaisonapp/liaison/store/csvio"
)

// ProjectRow is one row of the improvement-project register as exported
// for the board. Its csv tags are the export's header. Saving is a number
// cell (empty when there is no estimate), so Excel can add the savings up.
type ProjectRow struct {
	Title       string   `csv:"Title"`
	Status      string   `csv:"Status"`
	Output      string   `csv:"Output"`
	AdoptedBy   string   `csv:"Adopted by"`
	Owner       string   `csv:"Owner"`
	Group       string   `csv:"Task-and-finish group"`
	StartedOn   string   `csv:"Started"`
	CompletedOn string   `csv:"Completed"`
	Impact      string   `csv:"What changed"`
	Saving      *float64 `csv:"Saving,omitempty"`
	SavingUnit  string   `csv:"Saving unit"`
	SavingNote  string   `csv:"Saving note"`
	PromptedBy  string   `csv:"Prompted by"`
	Pair        string   `csv:"Prompted by pair"`
	Theme       string   `csv:"Prompted by theme"`
	Meeting     string   `csv:"Forum meeting"` // the meeting that agreed it as an action
	Links       string   `csv:"Links"`
}

// ProjectStatusLabel is a project status in words ("in progress").
func ProjectStatusLabel(s store.ProjectStatus) string { return strings.ReplaceAll(string(s), "_", " ") }

// ExportProjects writes the register as CSV for Excel through csvio.Write
// (BOM, CRLF, formula escaping). pairs, the round's pairings, name the pair
// that prompted a project; a pair's names are the organiser's own records,
// as in the pairings export.
func ExportProjects(w io.Writer, projects []store.Project, pairs []store.Pairing) error {
	pairName := make(map[int64]string, len(pairs))
	for _, p := range pairs {
		pairName[p.ID] = p.Primary.Name + " – " + p.Secondary.Name
	}
	rows := make([]ProjectRow, len(projects))
	for i, p := range projects {
		rows[i] = ProjectRow{Title: p.Title, Status: ProjectStatusLabel(p.Status), Owner: p.Owner, Group: p.Group,
			AdoptedBy: strings.Join(p.AdoptedBy, "; "), StartedOn: p.StartedOn, CompletedOn: p.CompletedOn, Impact: p.Impact,
			SavingUnit: p.SavingUnit, SavingNote: p.SavingNote, PromptedBy: p.PromptedBy, Pair: pairName[p.PairingID],
			Theme: p.Theme, Meeting: p.Meeting, Links: p.Links}
		if p.Output != store.OutputNone {
			rows[i].Output = p.Output.Label()
		}
		if p.Saving != 0 || p.SavingUnit != "" {
			v := p.Saving
			rows[i].Saving = &v
		}
	}
	return csvio.Write(w, rows)
}

// FilterProjects returns the projects that match every non-empty filter:
// status, task-and-finish group, output kind and owner exactly, and search
// anywhere in the title, owner, group, impact, organisations or theme,
// ignoring case.
func FilterProjects(ps []store.Project, f ProjectFilter) []store.Project {
	q := strings.ToLower(strings.TrimSpace(f.Search))
	var out []store.Project
	for _, p := range ps {
		switch {
		case f.Status != "" && p.Status != f.Status,
			f.Group != "" && !strings.EqualFold(p.Group, f.Group),
			f.Output != nil && p.Output != *f.Output,
			f.Owner != "" && !strings.EqualFold(p.Owner, f.Owner):
			continue
		}
		if q != "" && !strings.Contains(strings.ToLower(strings.Join([]string{p.Title, p.Owner, p.Group, p.Impact,
			strings.Join(p.AdoptedBy, " "), p.Theme, p.PromptedBy, p.Output.Label()}, "\n")), q) {
			continue
		}
		out = append(out, p)
	}
	return out
}

// ProjectFilter narrows FilterProjects. Zero fields do not filter; Output
// is a pointer because "not yet known" is an output kind one may filter by.
type ProjectFilter struct {
	Search string
	Status store.ProjectStatus
	Group  string
	Output *store.ProjectOutput
	Owner  string
}
