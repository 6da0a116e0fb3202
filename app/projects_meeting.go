package app

import (
	"fyne.io/fyne/v2/widget"

	"github.com/liaisonapp/liaison/store"
)

// noMeeting is the meeting picker's "not agreed at a forum meeting".
const noMeeting = "(no forum meeting)"

// meetingPicker is the Projects form's choice of the forum meeting at
// which a project was agreed as an action (store.Project.MeetingID). The
// meetings come from every forum, latest first; they belong to no round.
type meetingPicker struct {
	sel      *formSelect
	meetings []store.Event
}

func newMeetingPicker() *meetingPicker {
	m := &meetingPicker{sel: newFormSelect([]string{noMeeting}, nil)}
	m.sel.SetSelected(noMeeting)
	return m
}

// item is the picker's row in the project form.
func (m *meetingPicker) item() *widget.FormItem {
	return widget.NewFormItem("Forum meeting", m.sel)
}

// set offers the forum meetings read with the register.
func (m *meetingPicker) set(meetings []store.Event) {
	m.meetings = meetings
	opts := []string{noMeeting}
	for _, e := range meetings {
		opts = append(opts, store.MeetingLabel(e))
	}
	m.sel.SetOptions(opts)
}

// show selects the meeting with the given ID (0 for none). A project
// linked to a meeting the picker does not list yet keeps its link.
func (m *meetingPicker) show(id int64) {
	m.sel.SetSelected(noMeeting)
	for _, e := range m.meetings {
		if e.ID == id {
			m.sel.SetSelected(store.MeetingLabel(e))
		}
	}
}

// chosen is the ID of the meeting selected, 0 for none; old is the
// project's stored link, kept when the picker could not list it.
func (m *meetingPicker) chosen(old int64) int64 {
	listed := false
	for _, e := range m.meetings {
		if store.MeetingLabel(e) == m.sel.Selected {
			return e.ID
		}
		listed = listed || e.ID == old
	}
	if listed {
		return 0
	}
	return old
}
