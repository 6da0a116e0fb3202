package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/liaisonapp/liaison/app/tasks"
	"github.com/liaisonapp/liaison/store"
	"github.com/liaisonapp/liaison/store/demo"
)

func demoUI(t *testing.T) *UI {
	t.Helper()
	db := MustOpenDB(t)
	if _, err := demo.Create(context.Background(), db); err != nil {
		t.Fatal(err)
	}
	ui := newTestUI(t, db)
	ui.Start()
	waitIdle(t)
	return ui
}

func TestBoardPackFromTheWindow(t *testing.T) {
	ui := demoUI(t)
	parent := t.TempDir()
	ui.exports.writeBoardPack(parent, ui.round, false)
	waitIdle(t)
	dir := packFolder(parent, tasks.BoardPackKind, ui.round)
	if !strings.HasPrefix(filepath.Base(dir), "Board pack - Demo round") {
		t.Errorf("pack folder %q", dir)
	}
	for _, name := range []string{"summary.pdf", "feedback-by-role.csv", "charts-feedback-means.png"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("the pack lacks %s", name)
		}
	}
	if !strings.Contains(ui.exports.lastDone, "Nobody is named") {
		t.Errorf("message %q", ui.exports.lastDone)
	}
}

func TestRoundSettingsDialog(t *testing.T) {
	ui := demoUI(t)
	ui.exports.showSettings()
	waitIdle(t)
	f := ui.exports.settings
	if f == nil || f.organiser.Text != demo.Settings.OrganiserName || f.sent.Text != "189" || f.base.Selected != rateBaseLabels[2].label {
		t.Fatalf("the dialog does not show the demo's settings: %+v", f)
	}
	f.organiser.SetText("Dr Seán Ó Súilleabháin")
	waitIdle(t)
	f.sent.SetText("190")
	waitIdle(t)
	f.k.SetText("3")
	waitIdle(t)
	ui.exports.saveSettings(ui.round, f)
	waitIdle(t)
	rs, err := store.LoadRoundSettings(context.Background(), ui.db, ui.round.ID)
	if err != nil {
		t.Fatal(err)
	}
	if rs.OrganiserName != "Dr Seán Ó Súilleabháin" || rs.SurveysSent != 190 || rs.SuppressK != 3 {
		t.Fatalf("saved %+v", rs)
	}
	t.Run("ErrBadNumber", func(t *testing.T) {
		f.sent.SetText("lots")
		waitIdle(t)
		if _, err := f.read(); err == nil || !strings.Contains(store.ErrorMessage(err), "lots") {
			t.Fatalf("err = %v", err)
		}
	})
}

func TestAppraisalButton(t *testing.T) {
	ui := demoUI(t)
	s := showScreen[*participantsScreen](t, ui)
	if !s.appraisalBtn.Disabled() {
		t.Error("the appraisal button is enabled with nobody selected")
	}
	var p store.Participant
	for _, r := range s.rows {
		if r.Email == "otto.coldharbour@demo.example" {
			p = r
		}
	}
	s.selected = p.ID
	s.updateButtons()
	waitIdle(t)
	if s.appraisalBtn.Disabled() {
		t.Fatal("the appraisal button is disabled with a participant selected")
	}
	dir := t.TempDir()
	var offered string
	ui.files = fileDialogs{save: func(_, name string, done func(string, error)) { offered = name; done(filepath.Join(dir, name), nil) }}
	s.appraisalBtn.OnTapped()
	waitIdle(t)
	if offered != "Dr Otto Coldharbour - appraisal evidence.pdf" {
		t.Errorf("offered file name %q", offered)
	}
	b, err := os.ReadFile(filepath.Join(dir, offered))
	if err != nil || !strings.HasPrefix(string(b), "%PDF") {
		t.Fatalf("no PDF written: %v", err)
	}
}
