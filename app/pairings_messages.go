package app

import (
	"fmt"
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/liaisonapp/liaison/app/tasks"
	"github.com/liaisonapp/liaison/store"
)

// messagesDialog drafts the round's messages for pairs, offline: it edits
// the round's template of each kind and writes a mail-merge CSV for
// Outlook, or one message as an unsent .eml draft. Liaison sends nothing.
type messagesDialog struct {
	dialog    *dialog.CustomDialog
	kind      *widget.Select
	subject   *widget.Entry
	body      *widget.Entry
	organiser *widget.Entry
	recipient *widget.Select
	status    *widget.Label
	save      *widget.Button
	merge     *widget.Button
	draft     *widget.Button
	messages  []tasks.Message
}

var kindLabels = map[string]tasks.MessageKind{
	"Introduction of each pair":               tasks.MessageIntro,
	"Reminder of a visit in the next 14 days": tasks.MessageReminder,
	"Chaser: visit overdue or reflection due": tasks.MessageChaser,
	"Invitation to the event":                 tasks.MessageInvitation,
}

func kindLabel(k tasks.MessageKind) string {
	for l, kk := range kindLabels {
		if kk == k {
			return l
		}
	}
	return string(k)
}

// showMessages opens the dialog on the introductions.
func (s *pairingsScreen) showMessages() {
	if !s.ui.haveRound() {
		return
	}
	ui := s.ui
	d := &messagesDialog{subject: widget.NewEntry(), body: widget.NewMultiLineEntry(), organiser: widget.NewEntry(), status: widget.NewLabel("")}
	d.body.SetMinRowsVisible(9)
	d.body.Wrapping = fyne.TextWrapWord
	d.status.Wrapping = fyne.TextWrapWord
	var labels []string
	for _, k := range tasks.MessageKinds {
		labels = append(labels, kindLabel(k))
	}
	d.recipient = widget.NewSelect(nil, func(string) { d.update() })
	d.recipient.PlaceHolder = "(choose a recipient for a draft)"
	d.kind = widget.NewSelect(labels, func(string) { s.loadMessages(d) })
	fields := widget.NewLabel("Fields: {" + strings.Join(tasks.MessageFields, "}, {") + "}")
	fields.Wrapping = fyne.TextWrapWord
	form := widget.NewForm(
		widget.NewFormItem("Message", d.kind),
		widget.NewFormItem("Subject", d.subject),
		widget.NewFormItem("Text", d.body),
		widget.NewFormItem("", fields),
		widget.NewFormItem("Signed", d.organiser),
		widget.NewFormItem("Draft for", d.recipient),
	)
	intro := widget.NewLabel("Liaison never sends email. It writes what Outlook's mail merge reads (one row per recipient, " +
		"with the subject and text filled in), or one message as a draft that opens in Outlook ready to send.")
	intro.Wrapping = fyne.TextWrapWord
	d.dialog = dialog.NewCustomWithoutButtons("Messages for "+ui.round.Name, container.NewBorder(intro, d.status, nil, nil, container.NewVScroll(form)), ui.win)
	d.save = widget.NewButtonWithIcon("Save text for the round", theme.DocumentSaveIcon(), func() { s.saveTemplate(d) })
	d.merge = widget.NewButtonWithIcon("Mail merge (.csv)…", theme.MailComposeIcon(), func() { s.writeMailMerge(d) })
	d.draft = widget.NewButtonWithIcon("Draft (.eml)…", theme.MailSendIcon(), func() { s.writeDraft(d) })
	d.dialog.SetButtons([]fyne.CanvasObject{widget.NewButton("Close", d.dialog.Hide), d.save, d.merge, d.draft})
	d.dialog.Resize(fyne.NewSize(1000, 760))
	d.dialog.Show()
	s.messages = d
	d.kind.SetSelected(kindLabel(tasks.MessageIntro))
}

func (d *messagesDialog) kindValue() tasks.MessageKind { return kindLabels[d.kind.Selected] }

// loadMessages reads the kind's template and drafts its messages off the
// UI goroutine.
func (s *pairingsScreen) loadMessages(d *messagesDialog) {
	ui := s.ui
	round, kind, today := ui.round, d.kindValue(), ui.now()
	var t tasks.Template
	var ms []tasks.Message
	var sign string
	var draftErr error
	ui.run(func() (err error) {
		if sign, err = ui.db.Setting(ui.ctx, tasks.SettingOrganiser, tasks.DefaultOrganiser); err != nil {
			return err
		}
		if t, err = tasks.LoadTemplate(ui.ctx, ui.db, round.ID, kind); err != nil {
			return err
		}
		ms, draftErr = tasks.Messages(ui.ctx, ui.db, round, kind, today, sign)
		return nil
	}, func() {
		d.subject.SetText(t.Subject)
		d.body.SetText(t.Body)
		d.organiser.SetText(sign)
		d.messages = ms
		var to []string
		for _, m := range ms {
			to = append(to, m.Name+" <"+m.Email+">")
		}
		d.recipient.SetOptions(to)
		d.recipient.ClearSelected()
		if draftErr != nil {
			d.status.SetText(store.ErrorMessage(draftErr))
		} else {
			d.status.SetText(store.Plural(len(ms), "message", "messages") + " to write today.")
		}
		d.update()
	})
}

func (d *messagesDialog) update() {
	setEnabled(len(d.messages) > 0, d.merge)
	setEnabled(d.recipient.SelectedIndex() >= 0, d.draft)
}

// saveTemplate stores the subject, text and signature, then drafts again.
func (s *pairingsScreen) saveTemplate(d *messagesDialog) {
	ui := s.ui
	round, kind := ui.round, d.kindValue()
	t := tasks.Template{Subject: d.subject.Text, Body: d.body.Text}
	sign := strings.TrimSpace(d.organiser.Text)
	var err error
	ui.async(func() {
		if err = tasks.SaveTemplate(ui.ctx, ui.db, round.ID, kind, t); err == nil && sign != "" {
			err = ui.db.SetSetting(ui.ctx, tasks.SettingOrganiser, sign)
		}
	}, func() {
		if err != nil {
			d.status.SetText(store.ErrorMessage(err))
			return
		}
		s.loadMessages(d)
	})
}

func (s *pairingsScreen) writeMailMerge(d *messagesDialog) {
	ms, kind := d.messages, d.kindValue()
	saveFile(s.ui, "Save the mail-merge file", fmt.Sprintf("%s-%s.csv", kind, fileSlug(s.ui.round.Name)),
		func(w io.Writer) error { return tasks.WriteMailMerge(w, ms) },
		"Mail merge saved", func(path string) string {
			return fmt.Sprintf("Wrote %s to %s. In Outlook's mail merge (through Word), use it as the recipient list: "+
				"the Subject and Message columns hold the filled-in texts.", store.Plural(len(ms), "message", "messages"), path)
		})
}

func (s *pairingsScreen) writeDraft(d *messagesDialog) {
	i := d.recipient.SelectedIndex()
	if i < 0 || i >= len(d.messages) {
		return
	}
	m, now := d.messages[i], s.ui.now()
	saveFile(s.ui, "Save the draft", fmt.Sprintf("%s-%s.eml", d.kindValue(), fileSlug(m.Name)),
		func(w io.Writer) error { return tasks.WriteEML(w, m, now) },
		"Draft saved", func(path string) string {
			return fmt.Sprintf("Wrote the draft to %s. Open it in Outlook, check it and press Send.", path)
		})
}
