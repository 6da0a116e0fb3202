package app

import (
	"context"
	"strings"

	"fyne.io/fyne/v2/widget"
)

// pickerShown is how many matches a picker's list offers at once: enough
// to choose from, few enough to read.
const pickerShown = 30

// personPicker chooses one of many people (100,000 at the scale of a
// region) as you type: the matches for what is typed are found off the UI
// goroutine and offered in the drop-down. It replaces a Select holding
// everyone, which built a menu of every option on the UI goroutine.
type personPicker struct {
	ui    *UI
	entry *widget.SelectEntry
	// labels are everyone offered and keys their lower-cased labels,
	// fixed until the next setPeople; valid says whether a text is one of
	// the labels.
	labels, keys []string
	valid        func(label string) bool
	// Options are the matches offered now; Selected is the label chosen:
	// the text typed when it is a label, or the only match; "" when none.
	Options  []string
	Selected string
	changed  func()
	loads    loader
}

func newPersonPicker(ui *UI, placeholder string, changed func()) *personPicker {
	p := &personPicker{ui: ui, changed: changed, valid: func(string) bool { return false }}
	p.entry = widget.NewSelectEntry(nil)
	p.entry.SetPlaceHolder(placeholder)
	p.entry.OnChanged = p.typed
	return p
}

// setPeople offers labels (keys are their lower-cased forms) and clears
// the choice; valid tells a label from other text.
func (p *personPicker) setPeople(labels, keys []string, valid func(string) bool) {
	p.labels, p.keys, p.valid = labels, keys, valid
	if p.entry.Text == "" {
		p.typed("")
	} else {
		p.entry.SetText("") // calls typed
	}
}

// typed finds the matches for text off the UI goroutine; a later
// keystroke replaces the search.
func (p *personPicker) typed(text string) {
	p.Selected = ""
	if p.valid(text) {
		p.Selected = text
	}
	p.changed()
	labels, keys, q := p.labels, p.keys, strings.ToLower(strings.TrimSpace(text))
	var matches []string
	p.ui.load(&p.loads, func(ctx context.Context) error {
		matches = matchLabels(ctx, labels, keys, q, pickerShown)
		return nil
	}, func() {
		p.Options = matches
		p.entry.SetOptions(matches)
		if p.Selected == "" && q != "" && len(matches) == 1 {
			p.Selected = matches[0]
			p.changed()
		}
	})
}

// matchLabels returns up to limit labels whose key contains q, in order.
func matchLabels(ctx context.Context, labels, keys []string, q string, limit int) []string {
	var out []string
	for i, k := range keys {
		if i%4096 == 0 && ctx.Err() != nil {
			return nil
		}
		if strings.Contains(k, q) {
			out = append(out, labels[i])
			if len(out) == limit {
				break
			}
		}
	}
	return out
}

// SetSelected types label into the picker, as choosing it from the list
// does.
func (p *personPicker) SetSelected(label string) { p.entry.SetText(label) }

// ClearSelected empties the picker.
func (p *personPicker) ClearSelected() { p.entry.SetText("") }
