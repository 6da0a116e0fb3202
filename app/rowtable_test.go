package app

import (
	"image/color"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/liaisonapp/liaison/store"
)

// tableCell is the cell the table draws at row, col, as a user would find
// it on the screen.
func tableCell(tb testing.TB, t *widget.Table, row, col int) *rowCell {
	tb.Helper()
	o := t.CreateCell()
	t.UpdateCell(widget.TableCellID{Row: row, Col: col}, o)
	c, ok := o.(*rowCell)
	if !ok {
		tb.Fatalf("the table's cells are %T, not rows that can be double-clicked", o)
	}
	return c
}

// highlighted reports which of the table's first rows are painted as
// selected, in every column.
func highlighted(tb testing.TB, t *widget.Table, rows int) []int {
	tb.Helper()
	_, cols := t.Length()
	var out []int
	for r := 0; r < rows; r++ {
		n := 0
		for c := 0; c < cols; c++ {
			if tableCell(tb, t, r, c).bg.FillColor != color.Transparent {
				n++
			}
		}
		switch n {
		case cols:
			out = append(out, r)
		case 0:
		default:
			tb.Fatalf("row %d: %d of %d cells highlighted", r, n, cols)
		}
	}
	return out
}

func TestParticipantsWholeRowHighlightsAndDoubleClickEdits(t *testing.T) {
	_, s := participantsOnDemo(t)
	test.Tap(tableCell(t, s.table, 2, 3))
	waitIdle(t)
	if got := highlighted(t, s.table, 6); len(got) != 1 || got[0] != 2 {
		t.Fatalf("after a click on row 2, rows %v are highlighted", got)
	}
	if p, ok := s.selectedParticipant(); !ok || p.ID != s.rows[2].ID || s.editBtn.Disabled() {
		t.Fatalf("the click did not select row 2 for Edit: %+v, %v", p, ok)
	}
	if s.form != nil {
		t.Fatal("a single click opened the form")
	}

	test.DoubleTap(tableCell(t, s.table, 4, 0))
	waitIdle(t)
	if s.form == nil {
		t.Fatal("a double-click did not open Edit")
	}
	if got, want := s.form.name.Text, s.rows[4].Name; got != want {
		t.Fatalf("double-click on row 4 edits %q, want %q", got, want)
	}
	s.form.dialog.Hide()
	waitIdle(t)

	s.table.UnselectAll()
	waitIdle(t)
	if got := highlighted(t, s.table, 6); len(got) != 0 {
		t.Fatalf("after unselecting, rows %v are still highlighted", got)
	}
}

func TestPairingsDoubleClickOpensVisits(t *testing.T) {
	_, s := pairingsOn(t, fourPeople...)
	s.first.SetSelected("Ada Ashdown (GP, Old Bank Surgery)")
	waitIdle(t)
	s.second.SetSelected("Ben Brook (Consultant, City General)")
	waitIdle(t)
	test.Tap(s.pairBtn)
	waitIdle(t)
	test.DoubleTap(tableCell(t, s.table, 0, 5))
	waitIdle(t)
	if got := highlighted(t, s.table, 1); len(got) != 1 {
		t.Fatalf("the pair's row is not highlighted: %v", got)
	}
	if s.visits == nil || s.visits.pair.ID != s.pairs[0].ID {
		t.Fatal("a double-click on the pair did not open its visits")
	}
}

func TestHoverShadesTheRow(t *testing.T) {
	_, s := participantsOnDemo(t)
	tableCell(t, s.table, 1, 0).MouseIn(nil)
	waitIdle(t)
	for c := range participantColumns {
		if tableCell(t, s.table, 1, c).bg.FillColor == color.Transparent {
			t.Fatalf("column %d of the row under the mouse is not shaded", c)
		}
	}
	tableCell(t, s.table, 1, 4).MouseOut()
	waitIdle(t)
	if tableCell(t, s.table, 1, 0).bg.FillColor != color.Transparent {
		t.Fatal("the shading stayed after the mouse left")
	}
}

func TestCountColumnsFitSevenDigits(t *testing.T) {
	test.NewTempApp(t)
	waitIdle(t)
	l := widget.NewLabel(store.Thousands(1_234_567))
	if w, need := countWidth(), l.MinSize().Width; w < need {
		t.Fatalf("count columns are %.0f wide; %q needs %.0f", w, l.Text, need)
	}
	cells := [][]string{{"Question", "n", "Mean", "1", "2", "3", "4", "5", "6", "Top two (5–6)", "95% CI"},
		{"Q", store.Thousands(100_000), store.NoAnswersLabel, "1", "2", store.Thousands(1_234_567), "4", "5", "6", "", ""}}
	// The columns the Feedback screen fits.
	got := fittedWidths(cells, figureWidths, 1, 2, 3, 4, 5, 6, 7, 8)
	// A label is as wide as its text plus padding: the column must hold it.
	for _, c := range []int{1, 2, 5} {
		lbl := widget.NewLabel(cells[1][c])
		if got[c] < lbl.MinSize().Width {
			t.Fatalf("column %d is %.0f wide, %q needs %.0f", c, got[c], cells[1][c], lbl.MinSize().Width)
		}
	}
	if got[3] != figureWidths[3] || got[0] != figureWidths[0] {
		t.Fatalf("columns that needed no room changed: %v", got)
	}
}
