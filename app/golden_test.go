package app

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/liaisonapp/liaison/store/demo"
)

// The golden files pin what the first screens show, widget by widget;
// masters are in testdata, a failed run writes testdata/failed.

func TestWelcomeRendersToMarkup(t *testing.T) {
	ui := newTestUI(t, MustOpenDB(t))
	ui.Start()
	waitIdle(t)
	test.AssertRendersToMarkup(t, "welcome.xml", ui.win.Canvas())
}

func TestDashboardRendersToMarkup(t *testing.T) {
	db := MustOpenDB(t)
	if _, err := demo.Create(context.Background(), db); err != nil {
		t.Fatal(err)
	}
	ui := newTestUI(t, db)
	ui.Start()
	waitIdle(t)
	test.AssertRendersToMarkup(t, "dashboard_demo.xml", ui.win.Canvas())
}
