// Package app is Liaison's Fyne GUI: one struct per screen, the database
// work off the UI goroutine, every widget update through fyne.Do.
package app

import (
	"context"
	"fmt"
	"log"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"github.com/liaisonapp/liaison/about"
	"github.com/liaisonapp/liaison/assets"
	"github.com/liaisonapp/liaison/store"
)

// screen is one page of the main window.
type screen interface {
	// title is the navigation label.
	title() string
	// content builds the screen's widgets; it is called once.
	content() fyne.CanvasObject
	// refresh reloads the screen for the current round; it runs on the UI
	// goroutine and hands the reading, and whatever else grows with the
	// data, to ui.load with the screen's loader.
	refresh()
}

// UI is the main window and what every screen shares.
type UI struct {
	app         fyne.App
	win         fyne.Window
	db          store.Service
	ctx         context.Context
	round       store.Round
	now         func() time.Time
	screens     []screen
	tabs        *container.AppTabs
	roundSelect *widget.Select
	rounds      []store.Round
	body        *fyne.Container

	// cancel cancels ctx, which every background job runs under, when the
	// window closes.
	cancel context.CancelFunc
	// async runs work off the UI goroutine, then done on it (see
	// async.go). Synchronous runs both inline; handoff, for tests,
	// queues done for waitIdle.
	async       func(work func(), done func())
	synchronous bool
	handoff     *handoff
	// jobs counts background jobs still running, so Stop can wait.
	jobs sync.WaitGroup
	// roundsLoad numbers the reads of the round list; roundsThen holds
	// what to do once the latest has arrived (an earlier read it replaced
	// must not lose its caller's next step).
	roundsLoad loader
	roundsThen []func()
	// pollEvery is how often the database is checked for changes made by
	// another process; 0 turns polling off.
	pollEvery time.Duration
	stopPoll  chan struct{}
	// seenVersion is the database's data version as last shown or last
	// written by this window; versionMu orders the poll against our own
	// writes, so that a save of ours is never taken for another process's.
	versionMu   sync.Mutex
	seenVersion int64

	// files picks files to read and write; tests replace it.
	files fileDialogs
	// exports is the File menu's board pack, appraisal and round settings.
	exports *exportsMenu
	// info describes this build (Help → About).
	info about.Info

	// keyStack holds the open dialogs' Enter and Esc, topmost last.
	keyStack []*formKeys

	// The open dialogs, for tests.
	welcome  *welcome
	newRound *newRoundForm
	about    *widget.Label
	// deleteRound is the name typed to confirm deleting a round.
	deleteRound  *formEntry
	deleteDialog *dialog.ConfirmDialog

	// restore and warning are Options.Restore and Options.Warning.
	restore        Restorer
	warning        string
	restoreList    *widget.Select
	restoreConfirm *dialog.ConfirmDialog

	// roundFrom is the open "New round from this one" dialog.
	roundFrom *roundFromDialog
	// openRollup is Options.OpenRollup; rollup is the open roll-up dialog.
	openRollup store.RollupOpener
	rollup     *rollupDialog
}

// Options tune a UI.
type Options struct {
	// Synchronous runs database work inline (for benchmarks of a screen's
	// own work).
	Synchronous bool
	// PollEvery is how often to look for changes by other processes
	// (default 100 ms: a pragma on an open connection costs microseconds;
	// negative turns it off).
	PollEvery time.Duration
	// Restore replaces the database with a backup (File → Restore…);
	// without it the menu item does nothing.
	Restore Restorer
	// OpenRollup opens a database strictly read-only for File → Regional
	// roll-up…; without it the roll-up says it cannot.
	OpenRollup store.RollupOpener
	// Warning is shown once the window is up, such as that the database is
	// on a network drive.
	Warning string
	// About describes this build, for Help → About.
	About about.Info
	// handoff, for tests, runs work on goroutines as the real driver
	// does and queues completions for waitIdle.
	handoff *handoff
}

// defaultPollEvery is how often the window looks for other processes'
// changes: a write by `liaison import` shows within about this long plus
// the screen's own reload.
const defaultPollEvery = 100 * time.Millisecond

// New builds the main window of a on db.
func New(a fyne.App, db store.Service, opt Options) *UI {
	ui := &UI{app: a, db: db, now: time.Now, pollEvery: opt.PollEvery, handoff: opt.handoff, restore: opt.Restore, warning: opt.Warning, info: opt.About,
		openRollup: opt.OpenRollup}
	ui.ctx, ui.cancel = context.WithCancel(context.Background())
	ui.roundsLoad.acrossRounds = true
	if ui.pollEvery == 0 {
		ui.pollEvery = defaultPollEvery
	}
	ui.async = ui.startAsync
	if opt.Synchronous && opt.handoff == nil {
		ui.synchronous = true
		ui.async = func(work func(), done func()) { work(); done() }
	}
	a.SetIcon(assets.IconPNG)
	ui.win = a.NewWindow("Liaison")
	ui.win.SetIcon(assets.IconPNG)
	ui.win.Resize(fyne.NewSize(1280, 800))
	ui.files = newFileDialogs(ui.win, db.Path)
	ui.exports = newExportsMenu(ui)
	ui.screens = []screen{
		newDashboard(ui),
		newParticipants(ui),
		newPairings(ui),
		newEvent(ui),
		newFeedback(ui),
		newReflections(ui),
		newProjects(ui),
		newForum(ui),
		newCharts(ui),
	}
	ui.build()
	ui.addPresenterShortcut()
	ui.hearDialogKeys()
	return ui
}

// Window returns the main window.
func (ui *UI) Window() fyne.Window { return ui.win }

func (ui *UI) build() {
	var items []*container.TabItem
	for _, s := range ui.screens {
		items = append(items, container.NewTabItem(s.title(), s.content()))
	}
	ui.tabs = container.NewAppTabs(items...)
	ui.tabs.SetTabLocation(container.TabLocationLeading)
	ui.tabs.OnSelected = func(*container.TabItem) {
		// A search box left focused on the screen just left would swallow
		// keys meant for the window, such as F5 for the presenter.
		ui.win.Canvas().Unfocus()
		ui.current().refresh()
	}
	ui.roundSelect = widget.NewSelect(nil, func(name string) {
		for _, r := range ui.rounds {
			if r.Name == name && r.ID != ui.round.ID {
				ui.round = r
				ui.current().refresh()
			}
		}
	})
	top := container.NewBorder(nil, nil, widget.NewLabelWithStyle("Round:", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		container.NewHBox(widget.NewButton("New round…", ui.showNewRound), widget.NewButton("About", ui.showAbout)), ui.roundSelect)
	ui.body = container.NewStack()
	ui.win.SetContent(ui.body)
	ui.body.Objects = []fyne.CanvasObject{container.NewBorder(container.NewPadded(top), nil, nil, nil, ui.tabs)}
	file := []*fyne.MenuItem{fyne.NewMenuItem("New round…", ui.showNewRound),
		fyne.NewMenuItem("New round from this one…", ui.showRoundFrom), fyne.NewMenuItem("Open the demo round", ui.openDemo),
		fyne.NewMenuItemSeparator()}
	file = append(file, ui.exports.menuItems()...)
	file = append(file, fyne.NewMenuItem("Regional roll-up…", ui.showRollup))
	file = append(file, fyne.NewMenuItemSeparator(), fyne.NewMenuItem("Back up now…", ui.backUpNow), fyne.NewMenuItem("Restore…", ui.showRestore),
		fyne.NewMenuItemSeparator(), fyne.NewMenuItem("Delete this round…", ui.showDeleteRound))
	ui.win.SetMainMenu(fyne.NewMainMenu(
		fyne.NewMenu("File", file...),
		ui.goMenu(),
		fyne.NewMenu("Help", fyne.NewMenuItem("About Liaison", ui.showAbout)),
	))
}

// goMenu lets the keyboard reach every screen: Ctrl+1 … Ctrl+9. They are
// menu shortcuts rather than canvas ones because Fyne tries a main-menu
// shortcut before the focused widget, so they work while typing in a
// search box too.
func (ui *UI) goMenu() *fyne.Menu {
	var items []*fyne.MenuItem
	for i, s := range ui.screens {
		item := fyne.NewMenuItem(s.title(), func() { ui.Show(i) })
		item.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyName(fmt.Sprint(i + 1)), Modifier: fyne.KeyModifierShortcutDefault}
		items = append(items, item)
	}
	return fyne.NewMenu("Go", items...)
}

// Show selects screen i of the navigation.
func (ui *UI) Show(i int) {
	if i >= 0 && i < len(ui.screens) {
		ui.tabs.SelectIndex(i)
	}
}

func (ui *UI) current() screen { return ui.screens[ui.tabs.SelectedIndex()] }

// Start loads the rounds (offering the first-start choice on an empty
// database) and starts watching the database for changes.
func (ui *UI) Start() {
	ui.reloadRounds(func() {
		if len(ui.rounds) == 0 {
			ui.showWelcome()
		}
		if ui.warning != "" {
			dialog.ShowInformation("Warning", ui.warning, ui.win)
		}
	})
	if ui.pollEvery > 0 {
		ui.stopPoll = make(chan struct{})
		ui.jobs.Add(1) // so that Stop waits for a look in progress
		go func(stop chan struct{}) {
			defer ui.jobs.Done()
			ui.poll(stop)
		}(ui.stopPoll)
	}
}

// ShowAndRun shows the window and runs the app until it is closed.
func (ui *UI) ShowAndRun() {
	ui.Start()
	ui.win.ShowAndRun()
	ui.Stop()
}

// reloadRounds reads the rounds, keeps the current one (or picks the most
// recent), then refreshes the current screen and calls then.
func (ui *UI) reloadRounds(then func()) {
	if then != nil {
		ui.roundsThen = append(ui.roundsThen, then)
	}
	var rounds []store.Round
	ui.load(&ui.roundsLoad, func(ctx context.Context) (err error) { rounds, err = ui.db.Rounds(ctx); return err }, func() {
		ui.rounds = rounds
		names := make([]string, len(rounds))
		keep := false
		for i, r := range rounds {
			names[i] = r.Name
			if r.ID == ui.round.ID {
				ui.round, keep = r, true
			}
		}
		if !keep && len(rounds) > 0 {
			ui.round = rounds[0]
		}
		ui.roundSelect.SetOptions(names)
		if ui.round.ID != 0 {
			ui.roundSelect.SetSelected(ui.round.Name)
		}
		ui.current().refresh()
		thens := ui.roundsThen
		ui.roundsThen = nil
		for _, f := range thens {
			f()
		}
	})
}

// run does work off the UI goroutine, then, on it, shows work's error or
// calls done. It is the shape of nearly every database call a screen makes.
func (ui *UI) run(work func() error, done func()) {
	var err error
	ui.async(func() { err = work() }, func() {
		if err != nil {
			ui.showError(err)
			return
		}
		if done != nil {
			done()
		}
	})
}

// haveRound reports whether a round is chosen, and when there is none
// tells the user so, for actions that need one.
func (ui *UI) haveRound() bool {
	if ui.round.ID == 0 {
		ui.showError(store.Errorf(store.EINVALID, "Choose or create a round first."))
		return false
	}
	return true
}

// Changed tells the UI that data changed (after a save in this window), so
// the current screen shows it.
func (ui *UI) Changed() { ui.current().refresh() }

// poll watches PRAGMA data_version so that a change made by another
// process (`liaison import` in a terminal) shows without a refresh button.
func (ui *UI) poll(stop chan struct{}) {
	if _, err := ui.versionMoved(); err != nil {
		log.Printf("liaison: watching the database: %v", err)
		return
	}
	t := time.NewTicker(ui.pollEvery)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
			if moved, _ := ui.versionMoved(); moved {
				ui.do(func() { ui.reloadRounds(nil) })
			}
		}
	}
}

// versionMoved reads the database's data version and reports whether it
// moved since this window last saw or wrote it.
func (ui *UI) versionMoved() (bool, error) {
	ui.versionMu.Lock()
	defer ui.versionMu.Unlock()
	v, err := ui.db.DataVersion(ui.ctx)
	if err != nil || v == ui.seenVersion {
		return false, err
	}
	ui.seenVersion = v
	return true, nil
}

// showError shows an application error's message; anything else is logged
// in full and shown plainly.
func (ui *UI) showError(err error) {
	if store.ErrorCode(err) == store.EINTERNAL {
		log.Printf("liaison: %v", err)
	}
	d := dialog.NewError(fmt.Errorf("%s", store.ErrorMessage(err)), ui.win)
	ui.withKeys(d, &formKeys{submit: d.Hide, cancel: d.Hide})
	d.Show()
}
