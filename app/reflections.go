package app

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/liaisonapp/liaison/app/tasks"
	"github.com/liaisonapp/liaison/store"
	"github.com/liaisonapp/liaison/store/forms"
)

// reflectionsScreen lists the round's anonymous reflections and edits one
// at a time: its text, its themes (with suggestions from keywords, which
// the organiser confirms) and whether it, or an excerpt, may be quoted.
type reflectionsScreen struct {
	loads loader // numbers the screen's reads, so only the latest is shown
	ui    *UI
	// named is the open "this reflection names someone" question, for tests.
	named *dialog.ConfirmDialog

	items    []store.Reflection
	themes   []store.Theme
	selected int // index into items, or -1 for a new reflection

	counts   *widget.Label
	list     *widget.List
	body     *widget.Entry
	tags     *widget.CheckGroup
	approved *widget.Check
	excerpt  *widget.Entry
	heading  *widget.Label
	status   *widget.Label
	del      *widget.Button

	// The theme editor, while open.
	themeDlg *themeEditor
	// lastImport says what the last import did.
	lastImport string
}

func newReflections(ui *UI) *reflectionsScreen { return &reflectionsScreen{ui: ui, selected: -1} }

func (s *reflectionsScreen) title() string { return "Reflections" }

func (s *reflectionsScreen) content() fyne.CanvasObject {
	s.counts = widget.NewLabel("")
	s.counts.Wrapping = fyne.TextWrapWord
	s.list = widget.NewList(
		func() int { return len(s.items) },
		func() fyne.CanvasObject {
			top := widget.NewLabel("")
			top.Truncation = fyne.TextTruncateEllipsis
			sub := widget.NewLabel("")
			sub.Truncation = fyne.TextTruncateEllipsis
			// Italic rather than the low-importance grey, which is too faint
			// to read on a projector.
			sub.TextStyle.Italic = true
			return container.NewVBox(top, sub)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i >= len(s.items) {
				return
			}
			r := s.items[i]
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Label).SetText(strings.Join(strings.Fields(r.Body), " "))
			sub := "no themes yet"
			if len(r.Themes) > 0 {
				sub = strings.Join(r.Themes, ", ")
			}
			if r.Approved {
				sub = "approved for quoting · " + sub
			}
			box.Objects[1].(*widget.Label).SetText(sub)
		})
	s.list.OnSelected = func(i widget.ListItemID) { s.edit(i) }

	s.heading = widget.NewLabelWithStyle("New reflection", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.body = widget.NewMultiLineEntry()
	s.body.Wrapping = fyne.TextWrapWord
	s.body.SetPlaceHolder("Type or paste a reflection. Leave out names: reflections are anonymous.")
	s.body.SetMinRowsVisible(8)
	s.tags = widget.NewCheckGroup(nil, nil)
	s.tags.Horizontal = true
	s.approved = widget.NewCheck("Approved for quoting (on the event's slides)", nil)
	s.excerpt = widget.NewMultiLineEntry()
	s.excerpt.Wrapping = fyne.TextWrapWord
	s.excerpt.SetPlaceHolder("Optional: quote only this part, copied word for word from the reflection")
	s.excerpt.SetMinRowsVisible(2)
	s.status = widget.NewLabel("")
	s.status.Wrapping = fyne.TextWrapWord
	s.del = widget.NewButtonWithIcon("Delete", theme.DeleteIcon(), s.deleteSelected)
	form := container.NewVBox(
		s.heading, s.body,
		container.NewBorder(nil, nil, widget.NewLabel("Themes:"), widget.NewButton("Suggest", s.suggest), s.tags),
		s.approved, s.excerpt,
		container.NewHBox(
			widget.NewButtonWithIcon("Save", theme.DocumentSaveIcon(), s.save),
			widget.NewButtonWithIcon("New", theme.ContentAddIcon(), func() { s.list.UnselectAll(); s.edit(-1) }),
			s.del),
		s.status,
	)
	top := container.NewBorder(nil, nil, nil,
		container.NewHBox(widget.NewButtonWithIcon("Import…", theme.UploadIcon(), s.importFile),
			widget.NewButton("Themes and keywords…", s.editThemes)), s.counts)
	split := container.NewHSplit(s.list, container.NewVScroll(container.NewPadded(form)))
	split.Offset = 0.45
	s.edit(-1)
	return container.NewBorder(container.NewPadded(top), nil, nil, nil, split)
}

func (s *reflectionsScreen) refresh() {
	ui := s.ui
	if ui.round.ID == 0 {
		return
	}
	roundID := ui.round.ID
	var items []store.Reflection
	var themes []store.Theme
	ui.load(&s.loads, func(ctx context.Context) (err error) {
		if items, err = ui.db.Reflections(ctx, roundID); err != nil {
			return err
		}
		themes, err = ui.db.Themes(ctx)
		return err
	}, func() {
		s.show(items, themes)
	})
}

// show lays out freshly read reflections and themes, keeping the one being
// edited selected.
func (s *reflectionsScreen) show(items []store.Reflection, themes []store.Theme) {
	var editing int64
	if s.selected >= 0 && s.selected < len(s.items) {
		editing = s.items[s.selected].ID
	}
	s.items, s.themes = items, themes
	names := make([]string, len(themes))
	for i, t := range themes {
		names[i] = t.Name
	}
	checked := s.tags.Selected
	s.tags.Options = names
	s.tags.Selected = checked
	s.tags.Refresh()
	s.counts.SetText(themeCounts(items, themes))
	s.list.Refresh()
	s.selected = -1
	for i, r := range items {
		if r.ID == editing {
			s.selected = i
		}
	}
	if editing != 0 && s.selected < 0 {
		s.edit(-1) // deleted elsewhere
	}
}

// themeCounts says how many reflections carry each theme, and how many are
// approved for quoting.
func themeCounts(items []store.Reflection, themes []store.Theme) string {
	n := map[string]int{}
	approved, untagged := 0, 0
	for _, r := range items {
		for _, t := range r.Themes {
			n[strings.ToLower(t)]++
		}
		if r.Approved {
			approved++
		}
		if len(r.Themes) == 0 {
			untagged++
		}
	}
	parts := make([]string, 0, len(themes))
	for _, t := range themes {
		parts = append(parts, fmt.Sprintf("%s %d", t.Name, n[strings.ToLower(t.Name)]))
	}
	return fmt.Sprintf("%s (%d approved for quoting, %d not yet themed). By theme: %s.",
		store.Plural(len(items), "reflection", "reflections"), approved, untagged, strings.Join(parts, " · "))
}

// edit loads reflection i into the form, or empties it for a new one.
func (s *reflectionsScreen) edit(i int) {
	s.selected = i
	s.status.SetText("")
	if i < 0 || i >= len(s.items) {
		s.selected = -1
		s.heading.SetText("New reflection")
		s.body.SetText("")
		s.tags.SetSelected(nil)
		s.approved.SetChecked(false)
		s.excerpt.SetText("")
		s.del.Disable()
		return
	}
	r := s.items[i]
	s.heading.SetText(fmt.Sprintf("Reflection %d of %d", i+1, len(s.items)))
	s.body.SetText(r.Body)
	s.tags.SetSelected(s.canonical(r.Themes))
	s.approved.SetChecked(r.Approved)
	s.excerpt.SetText(r.Excerpt)
	s.del.Enable()
}

// canonical spells theme names as the theme list does, so the check boxes
// match whatever case a reflection's themes were stored in.
func (s *reflectionsScreen) canonical(names []string) []string {
	out := make([]string, 0, len(names))
	for _, n := range names {
		for _, t := range s.themes {
			if strings.EqualFold(t.Name, n) {
				n = t.Name
			}
		}
		out = append(out, n)
	}
	return out
}

// suggest ticks the themes the text's keywords suggest, on top of those
// already ticked; the organiser confirms by saving.
func (s *reflectionsScreen) suggest() {
	got := forms.SuggestThemes(s.body.Text, s.themes)
	sel := append([]string(nil), s.tags.Selected...)
	added := 0
	for _, g := range got {
		found := false
		for _, t := range sel {
			found = found || strings.EqualFold(t, g)
		}
		if !found {
			sel = append(sel, g)
			added++
		}
	}
	s.tags.SetSelected(sel)
	switch {
	case len(got) == 0:
		s.status.SetText("No theme's keywords appear in this reflection.")
	default:
		s.status.SetText(fmt.Sprintf("Suggested: %s. Untick any that do not fit, then Save.", strings.Join(got, ", ")))
	}
}

// save stores the form as a new reflection or over the selected one.
func (s *reflectionsScreen) save() {
	ui := s.ui
	if !ui.haveRound() {
		return
	}
	r := store.Reflection{RoundID: ui.round.ID, Body: s.body.Text, Themes: append([]string(nil), s.tags.Selected...),
		Approved: s.approved.Checked, Excerpt: s.excerpt.Text}
	creating := s.selected < 0
	if !creating {
		r.ID = s.items[s.selected].ID
	}
	if strings.TrimSpace(r.Excerpt) != "" && !strings.Contains(strings.TrimSpace(r.Body), strings.TrimSpace(r.Excerpt)) {
		ui.showError(store.Errorf(store.EINVALID, "The excerpt must be copied word for word from the reflection; it is not in the text above."))
		return
	}
	// Reflections are anonymous: a text that names a participant is shown
	// to the organiser before it is stored (and perhaps quoted on a slide).
	var named []string
	ui.write(func() error {
		people, err := ui.db.FindParticipants(ui.ctx, store.ParticipantFilter{RoundID: r.RoundID})
		named = store.NamesIn(r.Body+" "+r.Excerpt, people)
		return err
	}, func() {
		if len(named) == 0 {
			s.store(r, creating)
			return
		}
		s.named = dialog.NewConfirm("This reflection names someone",
			fmt.Sprintf("It mentions %s, a participant of this round. Reflections must not identify anyone: edit the name out, or save it as it is?",
				strings.Join(named, ", ")), func(anyway bool) {
				if anyway {
					s.store(r, creating)
				}
			}, ui.win)
		s.named.SetConfirmText("Save as it is")
		s.named.SetDismissText("Edit it")
		ui.withKeys(s.named, &formKeys{cancel: s.named.Hide})
		s.named.Show()
	})
}

// store writes the reflection being edited.
func (s *reflectionsScreen) store(r store.Reflection, creating bool) {
	ui := s.ui
	ui.write(func() error {
		if creating {
			return ui.db.CreateReflection(ui.ctx, &r)
		}
		return ui.db.UpdateReflection(ui.ctx, &r)
	}, func() {
		if creating {
			s.list.UnselectAll()
			s.edit(-1)
			s.status.SetText("Saved. Type or paste the next one.")
		} else {
			s.status.SetText("Saved.")
		}
		ui.Changed()
	})
}

func (s *reflectionsScreen) deleteSelected() {
	if s.selected < 0 {
		return
	}
	ui := s.ui
	id := s.items[s.selected].ID
	ui.showConfirm("Delete the reflection?", "Delete this reflection? This cannot be undone.", func() {
		ui.write(func() error { return ui.db.DeleteReflection(ui.ctx, id) }, func() {
			s.list.UnselectAll()
			s.edit(-1)
			ui.Changed()
		})
	})
}

// importFile reads a CSV of reflections, one per row, and stores them all
// or none; names and emails in the file are never read.
func (s *reflectionsScreen) importFile() {
	ui := s.ui
	if !ui.haveRound() {
		return
	}
	roundID := ui.round.ID
	ui.files.open("Import reflections", "csv", func(path string, err error) {
		if err != nil {
			if err != errCancelled {
				ui.showError(err)
			}
			return
		}
		var msg string
		ui.write(func() (err error) { msg, err = importReflections(ui, roundID, path); return err }, func() {
			s.lastImport = msg
			ui.showInfo("Reflections imported", msg)
			ui.Changed()
		})
	})
}

// importReflections does the work of importFile off the UI goroutine.
func importReflections(ui *UI, roundID int64, path string) (string, error) {
	t, err := tasks.ReadTable(path)
	if err != nil {
		return "", err
	}
	res, err := tasks.ImportReflections(ui.ctx, ui.db, roundID, t)
	return res.String(), err
}

// editThemes opens the theme editor: each theme's keywords, and the
// organiser's own themes.
func (s *reflectionsScreen) editThemes() {
	s.themeDlg = newThemeEditor(s)
	s.themeDlg.dlg.Show()
}

// themeEditor edits the keywords that suggest each theme and adds new
// themes.
type themeEditor struct {
	s        *reflectionsScreen
	pick     *formSelect
	keywords *formEntry
	name     *formEntry
	newKW    *formEntry
	dlg      dialog.Dialog
}

func newThemeEditor(s *reflectionsScreen) *themeEditor {
	e := &themeEditor{s: s}
	names := make([]string, len(s.themes))
	for i, t := range s.themes {
		names[i] = t.Name
	}
	sort.Strings(names)
	e.keywords = newFormMultiLineEntry()
	e.keywords.SetMinRowsVisible(5)
	e.pick = newFormSelect(names, func(name string) {
		for _, t := range s.themes {
			if t.Name == name {
				e.keywords.SetText(strings.Join(t.Keywords, ", "))
			}
		}
	})
	e.name = newFormEntry()
	e.name.SetPlaceHolder("A theme of your own, such as \"patient safety\"")
	e.newKW = newFormEntry()
	e.newKW.SetPlaceHolder("Its keywords, separated by commas")
	body := container.NewVBox(
		widget.NewLabelWithStyle("Keywords that suggest a theme", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		e.pick, e.keywords, widget.NewButton("Save keywords", e.saveKeywords),
		widget.NewSeparator(),
		widget.NewLabelWithStyle("Add a theme", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		e.name, e.newKW, widget.NewButton("Add theme", e.addTheme),
	)
	e.dlg = dialog.NewCustom("Themes and keywords", "Close", body, s.ui.win)
	e.dlg.Resize(fyne.NewSize(640, 520))
	// Esc closes. Enter adds the theme typed below; in the keywords box,
	// where Enter starts a new line, Shift+Enter saves them.
	s.ui.withKeys(e.dlg, &formKeys{cancel: e.dlg.Hide}, e.pick)
	(&formKeys{submit: e.saveKeywords, cancel: e.dlg.Hide}).bind(e.keywords)
	(&formKeys{submit: e.addTheme, cancel: e.dlg.Hide}).bind(e.name, e.newKW)
	if len(names) > 0 {
		e.pick.SetSelected(names[0])
	}
	return e
}

// splitKeywords reads a comma- or line-separated list of keywords.
func splitKeywords(s string) []string {
	var out []string
	for _, k := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '\n' || r == ';' }) {
		if k = strings.TrimSpace(k); k != "" {
			out = append(out, k)
		}
	}
	return out
}

func (e *themeEditor) saveKeywords() {
	var t store.Theme
	for _, th := range e.s.themes {
		if th.Name == e.pick.Selected {
			t = th
		}
	}
	if t.ID == 0 {
		return
	}
	t.Keywords = splitKeywords(e.keywords.Text)
	e.saveTheme(t)
}

func (e *themeEditor) addTheme() {
	t := store.Theme{Name: e.name.Text, Keywords: splitKeywords(e.newKW.Text)}
	e.saveTheme(t)
	e.name.SetText("")
	e.newKW.SetText("")
}

func (e *themeEditor) saveTheme(t store.Theme) {
	ui := e.s.ui
	ui.write(func() error { return ui.db.SaveTheme(ui.ctx, &t) }, func() {
		ui.Changed()
		names := make([]string, len(e.s.themes))
		for i, th := range e.s.themes {
			names[i] = th.Name
		}
		sort.Strings(names)
		e.pick.Options = names
		e.pick.SetSelected(t.Name)
	})
}
