package app

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/liaisonapp/liaison/store"
)

// A project's links to what prompted it (the pair, the reflection theme
// and the reflection) in the Projects form. The pair and the reflection are
// chosen by typing (a round holds hundreds of either); each link has a
// button that clears it.

// reflectionWords is how many of a reflection's first words name it.
const reflectionWords = 8

// linkChoices are the round's pairs and reflections as the link pickers
// offer them, and the ID behind each label.
type linkChoices struct {
	pairLabels, pairKeys []string
	pairID               map[string]int64
	pairOf               map[int64]string
	reflLabels, reflKeys []string
	reflID               map[string]int64
	reflOf               map[int64]string
	reflNo               map[int64]int // a reflection's number in the round, from 1
}

// newLinkChoices labels the round's pairs and reflections.
func newLinkChoices(pairs []store.Pairing, refl []store.Reflection) linkChoices {
	c := linkChoices{pairID: map[string]int64{}, pairOf: map[int64]string{},
		reflID: map[string]int64{}, reflOf: map[int64]string{}, reflNo: map[int64]int{}}
	for _, p := range pairs {
		l := pairLabel(p)
		if _, dup := c.pairID[l]; dup {
			continue // the same two people twice: one label chooses the first
		}
		c.pairLabels, c.pairKeys = append(c.pairLabels, l), append(c.pairKeys, strings.ToLower(l))
		c.pairID[l], c.pairOf[p.ID] = p.ID, l
	}
	for i, r := range refl {
		l := reflectionLabel(i+1, r)
		c.reflLabels, c.reflKeys = append(c.reflLabels, l), append(c.reflKeys, strings.ToLower(l))
		c.reflID[l], c.reflOf[r.ID], c.reflNo[r.ID] = r.ID, l, i+1
	}
	return c
}

// reflectionLabel names reflection n of the round by its themes and first
// words: reflections carry no date and no author, by design.
func reflectionLabel(n int, r store.Reflection) string {
	themes := "no theme yet"
	if len(r.Themes) > 0 {
		themes = strings.Join(r.Themes, ", ")
	}
	words := strings.Fields(r.Body)
	first := strings.Join(words[:min(len(words), reflectionWords)], " ")
	if len(words) > reflectionWords {
		first = strings.TrimRight(first, ".,;:!?") + "…"
	}
	return fmt.Sprintf("Reflection %d · %s · “%s”", n, themes, first)
}

// linkItems makes the link pickers and returns their rows of the form.
func (s *projectsScreen) linkItems() []*widget.FormItem {
	s.theme = widget.NewSelectEntry(store.SchemeThemes)
	s.theme.SetPlaceHolder("The reflection theme that prompted it")
	s.theme.OnSubmitted = func(string) { s.save() }
	s.pair = newPersonPicker(s.ui, "Type a name to choose", func() {})
	s.pair.entry.OnSubmitted = func(string) { s.save() }
	s.reflection = newPersonPicker(s.ui, "Type a theme or some of its words", func() {})
	s.reflection.entry.OnSubmitted = func(string) { s.save() }
	clearable := func(b **widget.Button, field fyne.CanvasObject, clear func()) fyne.CanvasObject {
		*b = widget.NewButtonWithIcon("", theme.ContentClearIcon(), clear)
		(*b).Importance = widget.LowImportance
		return container.NewBorder(nil, nil, nil, *b, field)
	}
	return []*widget.FormItem{
		widget.NewFormItem("Theme", clearable(&s.clearTheme, s.theme, func() { s.theme.SetText("") })),
		widget.NewFormItem("Pair", clearable(&s.clearPair, s.pair.entry, s.pair.ClearSelected)),
		widget.NewFormItem("Reflection", clearable(&s.clearReflection, s.reflection.entry, s.reflection.ClearSelected)),
	}
}

// setLinkChoices offers the round's pairs, reflections and themes. What the
// pickers hold stays (a change made elsewhere reloads the screen while
// someone may be typing): a choice under its new label (a reflection's
// number changes when an earlier one is deleted), or gone with what it
// named, and letters typed towards a choice as typed.
func (s *projectsScreen) setLinkChoices(pairs []store.Pairing, refl []store.Reflection, themes []store.Theme) {
	old, c := s.prompts, newLinkChoices(pairs, refl)
	s.prompts = c
	names := slices.Clone(store.SchemeThemes)
	for _, t := range themes {
		n := strings.TrimSpace(t.Name)
		if n != "" && !slices.ContainsFunc(names, func(m string) bool { return strings.EqualFold(m, n) }) {
			names = append(names, n)
		}
	}
	s.theme.SetOptions(names)
	for _, pk := range []struct {
		p              *personPicker
		labels, keys   []string
		oldIDs, newIDs map[string]int64
		label          map[int64]string
	}{{s.pair, c.pairLabels, c.pairKeys, old.pairID, c.pairID, c.pairOf},
		{s.reflection, c.reflLabels, c.reflKeys, old.reflID, c.reflID, c.reflOf}} {
		text := pk.p.entry.Text
		ids := pk.newIDs
		pk.p.setPeople(pk.labels, pk.keys, func(l string) bool { _, ok := ids[l]; return ok })
		if id, chosen := pk.oldIDs[text]; chosen {
			text = pk.label[id]
		}
		if text != "" {
			pk.p.SetSelected(text)
		}
	}
}

// showLinks puts p's links in the form.
func (s *projectsScreen) showLinks(p store.Project) {
	s.theme.SetText(p.Theme)
	s.pair.SetSelected(s.prompts.pairOf[p.PairingID])
	s.reflection.SetSelected(s.prompts.reflOf[p.ReflectionID])
}

// readLinks sets p's links from the form. A picker holding text that
// names no pair or reflection (nothing chosen from its list) is refused,
// rather than saved as no link.
func (s *projectsScreen) readLinks(p *store.Project) error {
	p.Theme = strings.TrimSpace(s.theme.Text)
	p.PairingID, p.ReflectionID = 0, 0
	if t := strings.TrimSpace(s.pair.entry.Text); t != "" {
		id, ok := s.prompts.pairID[s.pair.Selected]
		if !ok {
			return store.Errorf(store.EINVALID, "No pair of this round matches %q: type part of a name and choose the pair from the list, or clear the pair.", t)
		}
		p.PairingID = id
	}
	if t := strings.TrimSpace(s.reflection.entry.Text); t != "" {
		id, ok := s.prompts.reflID[s.reflection.Selected]
		if !ok {
			return store.Errorf(store.EINVALID, "No reflection of this round matches %q: type a theme or some of its words and choose it from the list, or clear the reflection.", t)
		}
		p.ReflectionID = id
	}
	return nil
}

// promptedText says what prompted p, for the register's table: its links
// (theme, reflection, pair, forum meeting), or else what was typed in
// Prompted by.
func (s *projectsScreen) promptedText(p store.Project) string {
	var parts []string
	if p.Theme != "" {
		parts = append(parts, p.Theme)
	}
	if n := s.prompts.reflNo[p.ReflectionID]; n > 0 {
		parts = append(parts, fmt.Sprintf("reflection %d", n))
	}
	if l := s.prompts.pairOf[p.PairingID]; l != "" {
		parts = append(parts, "pair "+l)
	}
	for _, e := range s.meeting.meetings {
		if p.MeetingID != 0 && e.ID == p.MeetingID {
			parts = append(parts, "meeting "+store.MeetingLabel(e))
		}
	}
	if len(parts) == 0 {
		return p.PromptedBy
	}
	return strings.Join(parts, " · ")
}
