package app

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/liaisonapp/liaison/store"
)

// groupsPane is the Forum screen's task-and-finish groups: a table of them
// with the projects each owns, and a dialog to add or edit one. A project
// joins a group through its Group field (Projects screen, or Add action…).
type groupsPane struct {
	loads loader
	ui    *UI

	groups []store.TaskGroup
	owned  [][]store.Project // the projects each group owns
	cells  [][]string
	picked int // index into groups, -1 for none

	table           *widget.Table
	editBtn, delBtn *widget.Button

	// form is the open dialog, for tests.
	form *groupForm
}

func newGroupsPane(ui *UI) *groupsPane {
	g := &groupsPane{ui: ui, picked: -1}
	g.loads.acrossRounds = true
	return g
}

func (g *groupsPane) content() fyne.CanvasObject {
	g.table = newCellTable(&g.cells, 240, 240, 460, 180)
	g.table.OnSelected = func(id widget.TableCellID) {
		if id.Row == 0 {
			g.table.UnselectAll()
			return
		}
		g.picked = id.Row - 1
		g.editBtn.Enable()
		g.delBtn.Enable()
	}
	rowSelect(g.table, func(row int) {
		if row > 0 && row-1 < len(g.groups) {
			g.edit(row - 1)
		}
	})
	newBtn := widget.NewButtonWithIcon("New group…", theme.ContentAddIcon(), func() { g.edit(-1) })
	g.editBtn = widget.NewButtonWithIcon("Edit…", theme.DocumentCreateIcon(), func() { g.edit(g.picked) })
	g.delBtn = widget.NewButtonWithIcon("Delete…", theme.DeleteIcon(), g.delete)
	g.editBtn.Disable()
	g.delBtn.Disable()
	note := widget.NewLabel("A group owns the projects whose Group it is (Projects screen, or Add action… at a meeting). Groups belong to no round.")
	note.Wrapping = fyne.TextWrapWord
	return container.NewBorder(container.NewVBox(container.NewHBox(newBtn, g.editBtn, g.delBtn), note), nil, nil, nil, g.table)
}

// refresh reads the groups and the projects each owns.
func (g *groupsPane) refresh() {
	ui := g.ui
	var groups []store.TaskGroup
	var owned [][]store.Project
	ui.load(&g.loads, func(ctx context.Context) (err error) {
		if groups, err = ui.db.TaskGroups(ctx); err != nil {
			return err
		}
		owned = make([][]store.Project, len(groups))
		for i, tg := range groups {
			if owned[i], err = ui.db.GroupProjects(ctx, tg.ID); err != nil {
				return err
			}
		}
		return nil
	}, func() {
		var keep int64
		if g.picked >= 0 && g.picked < len(g.groups) {
			keep = g.groups[g.picked].ID
		}
		g.groups, g.owned = groups, owned
		g.picked = -1
		for i, tg := range groups {
			if tg.ID == keep {
				g.picked = i
			}
		}
		if g.picked < 0 {
			g.table.UnselectAll()
			g.editBtn.Disable()
			g.delBtn.Disable()
		}
		g.cells = [][]string{{"Group", "Lead", "Members", "Projects"}}
		for i, tg := range groups {
			g.cells = append(g.cells, []string{tg.Name, orDash(tg.Lead), orDash(strings.Join(tg.Members, ", ")), ownedText(owned[i])})
		}
		g.table.Refresh()
	})
}

// ownedText counts a group's projects by where they have got to.
func ownedText(ps []store.Project) string {
	if len(ps) == 0 {
		return "none yet"
	}
	n := map[store.ProjectStatus]int{}
	for _, p := range ps {
		n[p.Status]++
	}
	var parts []string
	for _, st := range store.ProjectStatuses {
		if n[st] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n[st], statusLabels[st]))
		}
	}
	return strings.Join(parts, " · ")
}

// groupForm is the group dialog's fields.
type groupForm struct {
	name, lead, members *formEntry
	dialog              *dialog.FormDialog
}

// edit adds (i < 0) or edits group i: its name, lead and members, with the
// projects it owns listed below.
func (g *groupsPane) edit(i int) {
	ui := g.ui
	var tg store.TaskGroup
	var owned []store.Project
	if i >= 0 && i < len(g.groups) {
		tg, owned = g.groups[i], g.owned[i]
	}
	form := &groupForm{name: newFormEntry(), lead: newFormEntry(), members: newFormMultiLineEntry()}
	form.name.SetText(tg.Name)
	form.name.SetPlaceHolder("Such as: Discharge letters task-and-finish group")
	form.lead.SetText(tg.Lead)
	form.members.SetText(strings.Join(tg.Members, "\n"))
	form.members.SetPlaceHolder("One name per line (Shift+Enter for a new line)")
	form.members.SetMinRowsVisible(4)
	var lines []string
	for _, p := range owned {
		lines = append(lines, "• "+p.Title+" ("+statusLabels[p.Status]+")")
	}
	projects := widget.NewLabel("None yet: a project joins the group through its Group field.")
	if len(lines) > 0 {
		projects.SetText(strings.Join(lines, "\n"))
	}
	projects.Wrapping = fyne.TextWrapWord
	title := "New task-and-finish group"
	if tg.ID != 0 {
		title = "Edit " + tg.Name
	}
	form.dialog = dialog.NewForm(title, "Save", "Cancel", []*widget.FormItem{
		widget.NewFormItem("Name", form.name),
		widget.NewFormItem("Lead", form.lead),
		widget.NewFormItem("Members", form.members),
		widget.NewFormItem("Owns", projects),
	}, func(ok bool) {
		if !ok {
			return
		}
		tg.Name, tg.Lead, tg.Members = form.name.Text, form.lead.Text, strings.Split(form.members.Text, "\n")
		ui.write(func() error { return ui.db.SaveTaskGroup(ui.ctx, &tg) }, ui.Changed)
	}, ui.win)
	ui.openForm(form.dialog, 600, form.name, form.lead, form.members)
	g.form = form
}

// delete deletes the chosen group, once asked; its projects stay.
func (g *groupsPane) delete() {
	ui := g.ui
	if g.picked < 0 || g.picked >= len(g.groups) {
		return
	}
	tg, n := g.groups[g.picked], len(g.owned[g.picked])
	ui.showConfirm("Delete the group?", fmt.Sprintf("Delete %q? Its %s stay, with no group.", tg.Name,
		store.Plural(n, "project", "projects")), func() {
		ui.write(func() error { return ui.db.DeleteTaskGroup(ui.ctx, tg.ID) }, ui.Changed)
	})
}
