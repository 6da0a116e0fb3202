package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/liaisonapp/liaison/store"
	"github.com/liaisonapp/liaison/store/demo"
)

// participantsOnDemo opens the Participants screen on the demo round.
func participantsOnDemo(t *testing.T) (*UI, *participantsScreen) {
	t.Helper()
	db := MustOpenDB(t)
	if _, err := demo.Create(context.Background(), db); err != nil {
		t.Fatal(err)
	}
	ui := newTestUI(t, db)
	ui.Start()
	waitIdle(t)
	ui.Show(1)
	waitIdle(t)
	// Lay the window out, so that the table draws its header row.
	ui.win.Resize(fyne.NewSize(1400, 900))
	return ui, ui.screens[1].(*participantsScreen)
}

// cellText is what the table shows at row, col.
func cellText(tb testing.TB, tbl *widget.Table, row, col int) string {
	tb.Helper()
	o := tbl.CreateCell()
	tbl.UpdateCell(widget.TableCellID{Row: row, Col: col}, o)
	return o.(*rowCell).content.(*widget.Label).Text
}

func TestParticipantsTable(t *testing.T) {
	ui, s := participantsOnDemo(t)
	ps, err := ui.db.FindParticipants(ui.ctx, store.ParticipantFilter{RoundID: ui.round.ID})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(s.rows), len(ps); got != want || want == 0 {
		t.Fatalf("table shows %d rows, want %d", got, want)
	}
	if got, want := s.count.Text, fmt.Sprintf("%d of %d", len(ps), len(ps)); got != want {
		t.Fatalf("count = %q, want %q", got, want)
	}

	t.Run("SearchFiltersAsYouType", func(t *testing.T) {
		target := ps[len(ps)/2]
		surname := strings.Fields(target.Name)[1]
		test.Type(s.search, strings.ToUpper(surname))
		waitIdle(t)
		if len(s.rows) == 0 || len(s.rows) >= len(ps) {
			t.Fatalf("searching %q left %d of %d rows", surname, len(s.rows), len(ps))
		}
		for i := range s.rows {
			if !strings.Contains(strings.ToLower(strings.Join([]string{cellText(t, s.table, i, 0), cellText(t, s.table, i, 1), cellText(t, s.table, i, 3), cellText(t, s.table, i, 4)}, " ")), strings.ToLower(surname)) {
				t.Fatalf("row %d (%q) does not match %q", i, cellText(t, s.table, i, 0), surname)
			}
		}
		s.search.SetText("")
		waitIdle(t)
		if got, want := len(s.rows), len(ps); got != want {
			t.Fatalf("clearing the search shows %d rows, want %d", got, want)
		}
	})

	t.Run("RoleAndLocalityFilters", func(t *testing.T) {
		s.role.SetSelected("Consultant")
		waitIdle(t)
		n := len(s.rows)
		for i := range s.rows {
			if got := cellText(t, s.table, i, 2); got != "Consultant" {
				t.Fatalf("role filter shows a %s", got)
			}
		}
		s.locality.SetSelected("East")
		waitIdle(t)
		if len(s.rows) == 0 || len(s.rows) >= n {
			t.Fatalf("locality filter left %d of %d consultants", len(s.rows), n)
		}
		for i := range s.rows {
			if got := cellText(t, s.table, i, 5); got != "East" {
				t.Fatalf("locality filter shows %q", got)
			}
		}
		s.role.SetSelected(allRoles)
		waitIdle(t)
		s.locality.SetSelected(allLocalities)
		waitIdle(t)
		if got, want := len(s.rows), len(ps); got != want {
			t.Fatalf("clearing the filters shows %d rows, want %d", got, want)
		}
	})

	t.Run("SortByHeader", func(t *testing.T) {
		org, ok := s.headers[3]
		if !ok {
			t.Fatal("the Organisation header was not drawn")
		}
		test.Tap(org)
		waitIdle(t)
		for i := 1; i < len(s.rows); i++ {
			if a, b := strings.ToLower(cellText(t, s.table, i-1, 3)), strings.ToLower(cellText(t, s.table, i, 3)); a > b {
				t.Fatalf("rows %d, %d not sorted by organisation: %q > %q", i-1, i, a, b)
			}
		}
		test.Tap(org)
		waitIdle(t)
		first, last := cellText(t, s.table, 0, 3), cellText(t, s.table, len(s.rows)-1, 3)
		if strings.ToLower(first) < strings.ToLower(last) {
			t.Fatalf("second tap did not reverse: first %q, last %q", first, last)
		}
	})
}

func TestParticipantsTable10k(t *testing.T) {
	db := MustOpenDB(t)
	ctx := context.Background()
	r := store.Round{Name: "Big"}
	if err := db.CreateRound(ctx, &r); err != nil {
		t.Fatal(err)
	}
	ps := make([]store.Participant, 10000)
	for i := range ps {
		ps[i] = store.Participant{Name: fmt.Sprintf("Person %05d", i), Email: fmt.Sprintf("p%d@nhs.net", i), Role: store.RoleGP,
			Organisation: fmt.Sprintf("Practice %d", i%400), Locality: fmt.Sprintf("L%d", i%7)}
	}
	if _, _, err := db.UpsertParticipants(ctx, r.ID, ps); err != nil {
		t.Fatal(err)
	}
	ui := newTestUI(t, db)
	ui.Start()
	waitIdle(t)
	ui.Show(1)
	waitIdle(t)
	s := ui.screens[1].(*participantsScreen)
	if got, want := s.table.Length, 10000; func() int { n, _ := got(); return n }() != want {
		t.Fatalf("table length is not %d", want)
	}
	test.Type(s.search, "practice 399")
	waitIdle(t)
	if got, want := len(s.rows), 25; got != want {
		t.Fatalf("search left %d rows, want %d", got, want)
	}
	if got, want := cellText(t, s.table, 0, 0), "Person 00399"; got != want {
		t.Fatalf("first match = %q, want %q", got, want)
	}
}

func TestParticipantsAdd(t *testing.T) {
	ui, s := participantsOnDemo(t)
	before := len(s.all)
	taken := s.all[0].Email

	test.Tap(s.addBtn)
	waitIdle(t)
	f := s.form
	if f == nil {
		t.Fatal("Add did not open the form")
	}
	test.Tap(f.save)
	waitIdle(t)
	if !f.problem.Visible() || !strings.Contains(f.problem.Text, "needs a name") {
		t.Fatalf("empty form: problem = %q", f.problem.Text)
	}
	test.Type(f.name, "Zoë Quarrie")
	waitIdle(t)
	if f.problem.Visible() {
		t.Fatalf("%q still shows after a name was typed", f.problem.Text)
	}
	test.Tap(f.save)
	waitIdle(t)
	if !strings.Contains(f.problem.Text, "needs a role") {
		t.Fatalf("no role: problem = %q", f.problem.Text)
	}
	f.role.SetSelected("GP")
	waitIdle(t)
	test.Type(f.email, "zoe@nhs")
	waitIdle(t)
	test.Tap(f.save)
	waitIdle(t)
	if !strings.Contains(f.problem.Text, "not a well-formed email address") {
		t.Fatalf("bad email: problem = %q", f.problem.Text)
	}
	f.email.SetText(strings.ToUpper(taken))
	waitIdle(t)
	test.Tap(f.save)
	waitIdle(t)
	if !strings.Contains(f.problem.Text, "already exists") {
		t.Fatalf("taken email: problem = %q", f.problem.Text)
	}
	if got := len(s.all); got != before {
		t.Fatalf("refused saves stored someone: %d participants, want %d", got, before)
	}

	f.email.SetText("zoe.quarrie@nhs.net")
	waitIdle(t)
	test.Type(f.organisation, "Old Bank Surgery")
	waitIdle(t)
	test.Tap(f.save)
	waitIdle(t)
	if got, want := len(s.all), before+1; got != want {
		t.Fatalf("%d participants after saving, want %d (problem %q)", got, want, f.problem.Text)
	}
	got, err := ui.db.FindParticipants(ui.ctx, store.ParticipantFilter{RoundID: ui.round.ID, Search: "zoe.quarrie"})
	if err != nil || len(got) != 1 || got[0].Name != "Zoë Quarrie" || got[0].Role != store.RoleGP {
		t.Fatalf("stored %+v, %v", got, err)
	}
}

func TestParticipantsDeleteAsksAndNamesThePair(t *testing.T) {
	ui, s := participantsOnDemo(t)
	var row int
	var pair store.Pairing
	for i, p := range s.rows {
		if pr, ok := s.pairOf[p.ID]; ok {
			row, pair = i, pr
			break
		}
	}
	if pair.ID == 0 {
		t.Fatal("the demo round has no pairs")
	}
	s.table.Select(widget.TableCellID{Row: row, Col: 0})
	waitIdle(t)
	test.Tap(s.deleteBtn)
	waitIdle(t)
	if s.ask == nil {
		t.Fatal("Delete did not ask first")
	}
	for _, want := range []string{pair.Primary.Name, pair.Secondary.Name, "two visits", "the visit to the practice", "the visit to the hospital"} {
		if !strings.Contains(s.ask.text.Text, want) {
			t.Fatalf("the question lacks %q: %q", want, s.ask.text.Text)
		}
	}
	before := len(s.all)
	test.Tap(s.ask.no)
	waitIdle(t)
	if got := len(s.all); got != before {
		t.Fatalf("Keep deleted someone")
	}
	test.Tap(s.deleteBtn)
	waitIdle(t)
	test.Tap(s.ask.yes)
	waitIdle(t)
	if got, want := len(s.all), before-1; got != want {
		t.Fatalf("%d participants after delete, want %d", got, want)
	}
	pairs, err := ui.db.FindPairings(ui.ctx, ui.round.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pairs {
		if p.ID == pair.ID {
			t.Fatal("the pair survived its participant")
		}
	}
}

// pickFiles makes the file dialogs answer with the given paths.
func pickFiles(ui *UI, open, save string) {
	ui.files = fileDialogs{
		open: func(_, _ string, done func(string, error)) { done(open, nil) },
		save: func(_, _ string, done func(string, error)) { done(save, nil) },
	}
}

func TestParticipantsImport(t *testing.T) {
	t.Run("ProblemsBlockImport", func(t *testing.T) {
		ui, s := participantsOnDemo(t)
		before := len(s.all)
		pickFiles(ui, filepath.Join("cli", "testdata", "participants", "bad.csv"), "")
		test.Tap(s.importBtn)
		waitIdle(t)
		pv := s.preview
		if pv == nil {
			t.Fatal("Import did not preview the file")
		}
		if !pv.importBtn.Disabled() {
			t.Fatal("Import is enabled although the file has problems")
		}
		if got, want := pv.problems.Length(), 4; got != want {
			t.Fatalf("preview lists %d problems, want %d", got, want)
		}
		item := pv.problems.CreateItem()
		pv.problems.UpdateItem(0, item)
		if got, want := item.(*fyne.Container).Objects[1].(*widget.Label).Text, `line 3, column "Email": "ben.brook@nhs" is not a well-formed email address`; got != want {
			t.Fatalf("first problem = %q, want %q", got, want)
		}
		if !strings.Contains(pv.summary.Text, "4 problems below") {
			t.Fatalf("summary = %q", pv.summary.Text)
		}
		s.runImport(pv)
		if got := len(s.all); got != before {
			t.Fatalf("a file with problems wrote %d participants", got-before)
		}
	})

	t.Run("GoodFileWrites", func(t *testing.T) {
		ui, s := participantsOnDemo(t)
		before := len(s.all)
		pickFiles(ui, filepath.Join("cli", "testdata", "participants", "good.csv"), "")
		test.Tap(s.importBtn)
		waitIdle(t)
		pv := s.preview
		if pv.importBtn.Disabled() {
			t.Fatalf("Import is disabled for a good file: %q", pv.summary.Text)
		}
		if got, want := pv.created, 4; got != want {
			t.Fatalf("preview says %d new, want %d", got, want)
		}
		if !strings.Contains(pv.mapping.Text, "name: First name + Surname") || !strings.Contains(pv.mapping.Text, "Ignored columns: Notes") {
			t.Fatalf("mapping = %q", pv.mapping.Text)
		}
		if got, want := cellText(t, pv.rows, 0, 1), "Ada Ashdown"; got != want {
			t.Fatalf("first previewed row = %q, want %q", got, want)
		}
		test.Tap(pv.importBtn)
		waitIdle(t)
		if got, want := len(s.all), before+4; got != want {
			t.Fatalf("%d participants after import, want %d", got, want)
		}
		// The same file again: all four are updates.
		test.Tap(s.importBtn)
		waitIdle(t)
		if got, want := fmt.Sprint(s.preview.created, " new, ", s.preview.updated, " updated"), "0 new, 4 updated"; got != want {
			t.Fatalf("second preview: %s, want %s", got, want)
		}
	})
}

func TestParticipantsExport(t *testing.T) {
	ui, s := participantsOnDemo(t)
	out := filepath.Join(t.TempDir(), "participants.csv")
	pickFiles(ui, "", out)
	test.Tap(s.exportBtn)
	waitIdle(t)
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Count(string(b), "\r\n"), len(s.all)+1; got != want {
		t.Fatalf("%d lines, want %d", got, want)
	}
	if !strings.HasPrefix(string(b), "\ufeffName,Email,Role") {
		t.Fatalf("export starts %q", string(b[:40]))
	}
}

// TestEmailProblemSaysWhatImportSays checks that the form refuses an
// address with the same reason an import gives.
func TestEmailProblemSaysWhatImportSays(t *testing.T) {
	tests := []struct{ email, want string }{
		{"", ""},
		{"ann@nhs.net", ""},
		{"ann@@nhs.net", "is not a well-formed email address (it needs exactly one @)"},
		{"ann smith@nhs.net", "is not a well-formed email address (it contains a space)"},
		{"ann@nhs", "is not a well-formed email address"},
	}
	for _, tt := range tests {
		t.Run(tt.email, func(t *testing.T) {
			got := ""
			if err := emailProblem(tt.email); err != nil {
				got = err.Error()
			}
			if got != tt.want {
				t.Fatalf("emailProblem(%q) = %q, want %q", tt.email, got, tt.want)
			}
		})
	}
}

// TestImportPreviewMatchesStore checks that the preview counts an
// email-less person already in the round as an update, and warns that an
// empty cell keeps a stored value, just as the store then does.
func TestImportPreviewMatchesStore(t *testing.T) {
	ui, s := participantsOnDemo(t)
	path := filepath.Join(t.TempDir(), "sheet.csv")
	if err := os.WriteFile(path, []byte("Name,Role,Organisation,Locality\r\nNo Email Person,GP,Hill Surgery,North\r\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	pickFiles(ui, path, "")
	test.Tap(s.importBtn)
	waitIdle(t)
	test.Tap(s.preview.importBtn)
	waitIdle(t)
	before := len(s.all)

	if err := os.WriteFile(path, []byte("Name,Role,Organisation,Locality\r\nno email person,GP,Hill Surgery,\r\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	pickFiles(ui, path, "")
	test.Tap(s.importBtn)
	waitIdle(t)
	pv := s.preview
	if got, want := fmt.Sprint(pv.created, " new, ", pv.updated, " updated"), "0 new, 1 updated"; got != want {
		t.Fatalf("preview: %s, want %s", got, want)
	}
	if !strings.Contains(pv.summary.Text, "1 empty cell leaves the stored value unchanged") {
		t.Fatalf("summary does not warn of the kept value: %q", pv.summary.Text)
	}
	test.Tap(pv.importBtn)
	waitIdle(t)
	if got := len(s.all); got != before {
		t.Fatalf("%d participants after importing the same person again, want %d", got, before)
	}
	found := false
	for _, p := range s.all {
		if p.Name == "no email person" {
			found = true
			if p.Locality != "North" {
				t.Fatalf("locality = %q after an empty cell, want %q", p.Locality, "North")
			}
		}
	}
	if !found {
		t.Fatal("the updated person is not in the list")
	}
}
