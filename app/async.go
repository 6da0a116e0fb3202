package app

import (
	"context"
	"fmt"
	"sync"
	"time"

	"fyne.io/fyne/v2"
)

// The async contract of every screen:
//   - database and file work runs off the UI goroutine (ui.async, ui.run,
//     ui.load, ui.write), and its result comes back on the UI goroutine
//     (ui.do: fyne.Do with the real driver);
//   - a screen's refresh goes through its loader, so a result for an older
//     request, or for a round no longer shown, never reaches the screen;
//   - every background job gets a context that is cancelled when a newer
//     request replaces it or the window closes, and the window waits for
//     running jobs before the database is closed.

// loader numbers one screen's loads. Only the latest load's result reaches
// the screen: a slow read of round A that finishes after the user chose
// round B (or after a newer read of A) is dropped, and its work is
// cancelled as soon as the newer request starts. Its fields belong to the
// UI goroutine.
type loader struct {
	gen    uint64
	cancel context.CancelFunc
	// acrossRounds keeps a load current when the round changes, for what
	// does not belong to one round (the list of rounds).
	acrossRounds bool
}

// ticket is one load: its number, the round it was made for and the
// context its work runs under.
type ticket struct {
	l     *loader
	gen   uint64
	round int64
	ctx   context.Context
}

// start begins a new load for ui's current round, cancelling any earlier
// one still running.
func (l *loader) start(ui *UI) ticket {
	if l.cancel != nil {
		l.cancel()
	}
	l.gen++
	ctx, cancel := context.WithCancel(ui.ctx)
	l.cancel = cancel
	return ticket{l: l, gen: l.gen, round: ui.round.ID, ctx: ctx}
}

// current reports whether t is still the latest load and its round is
// still the one shown; on the UI goroutine.
func (t ticket) current(ui *UI) bool {
	return t.gen == t.l.gen && (t.l.acrossRounds || t.round == ui.round.ID) && ui.ctx.Err() == nil
}

// load runs work for a new load of l off the UI goroutine, then, on it and
// only while the load is still current, shows work's error or calls done.
// work gets the load's context, which is cancelled when a newer load
// starts.
func (ui *UI) load(l *loader, work func(ctx context.Context) error, done func()) {
	t := l.start(ui)
	var err error
	ui.async(func() { err = work(t.ctx) }, func() {
		if !t.current(ui) {
			return
		}
		if err != nil {
			ui.showError(err)
			return
		}
		if done != nil {
			done()
		}
	})
}

// write is run for work that changes the database: once it is done, the
// database's data version is remembered, so that the poll that watches
// for other processes' changes does not take this window's own save for
// one and reload everything a second time. The save's done (usually
// ui.Changed) refreshes what is shown.
func (ui *UI) write(work func() error, done func()) {
	var err error
	ui.async(ui.written(func() { err = work() }), func() {
		if err != nil {
			ui.showError(err)
			return
		}
		if done != nil {
			done()
		}
	})
}

// written wraps work that writes to the database, for ui.async, as write
// does for ui.run.
func (ui *UI) written(work func()) func() {
	return func() {
		ui.versionMu.Lock()
		defer ui.versionMu.Unlock()
		work()
		if v, err := ui.db.DataVersion(ui.ctx); err == nil {
			ui.seenVersion = v
		}
	}
}

// do runs f on the UI goroutine: through fyne.Do with a real driver, or
// through the tests' hand-off queue.
func (ui *UI) do(f func()) {
	switch {
	case ui.handoff != nil:
		ui.handoff.deliver(f)
	case ui.synchronous:
		f()
	default:
		fyne.Do(f)
	}
}

// after runs f on the UI goroutine once d has passed.
func (ui *UI) after(d time.Duration, f func()) {
	if ui.handoff != nil {
		ui.handoff.expect()
		time.AfterFunc(d, func() { ui.handoff.complete(f) })
		return
	}
	time.AfterFunc(d, func() { ui.do(f) })
}

// startAsync is the real ui.async: work on its own goroutine, done handed
// to the UI goroutine. Jobs are counted so that Stop can wait for them.
func (ui *UI) startAsync(work func(), done func()) {
	ui.jobs.Add(1)
	if ui.handoff != nil {
		ui.handoff.expect()
	}
	go func() {
		work()
		ui.jobs.Done()
		if ui.handoff != nil {
			ui.handoff.complete(done)
			return
		}
		ui.do(done)
	}()
}

// Stop cancels background work, stops watching the database and waits (a
// few seconds at most) for running jobs to finish, so that the database
// can be closed under none of them.
func (ui *UI) Stop() {
	ui.cancel()
	if ui.stopPoll != nil {
		close(ui.stopPoll)
		ui.stopPoll = nil
	}
	idle := make(chan struct{})
	go func() { ui.jobs.Wait(); close(idle) }()
	select {
	case <-idle:
	case <-time.After(5 * time.Second):
	}
}

// handoff stands in, under the test driver, for the real driver's hand-off
// to the UI goroutine. With the test driver fyne.Do runs the function at
// once on whichever goroutine calls it, so a completion would run on the
// worker goroutine, and with Synchronous the work itself runs inline: in
// neither case could the race detector see a screen touching its state
// from the wrong goroutine. Here work runs on its own goroutine, as with
// the real driver, and completions wait in a queue until the test's own
// goroutine (the UI goroutine of a test) takes them in waitIdle.
type handoff struct {
	mu      sync.Mutex
	more    *sync.Cond
	pending int // jobs and timers started whose completion has not run
	queue   []func()
}

func newHandoff() *handoff {
	h := &handoff{}
	h.more = sync.NewCond(&h.mu)
	return h
}

// expect notes a completion still to come.
func (h *handoff) expect() {
	h.mu.Lock()
	h.pending++
	h.mu.Unlock()
}

// complete queues an expected completion.
func (h *handoff) complete(f func()) {
	h.mu.Lock()
	h.queue = append(h.queue, f)
	h.more.Broadcast()
	h.mu.Unlock()
}

// deliver queues f to run on the test goroutine (fyne.Do).
func (h *handoff) deliver(f func()) {
	h.expect()
	h.complete(f)
}

// alarm wakes every wait for a completion when timeout has passed, so it
// can give up.
func (h *handoff) alarm(timeout time.Duration) *time.Timer {
	return time.AfterFunc(timeout, func() {
		h.mu.Lock()
		h.more.Broadcast()
		h.mu.Unlock()
	})
}

// runFirst takes the first queued completion and runs it on the calling
// goroutine. h.mu is held on entry and released.
func (h *handoff) runFirst() {
	f := h.queue[0]
	h.queue = h.queue[1:]
	h.mu.Unlock()
	f()
	h.mu.Lock()
	h.pending--
	h.mu.Unlock()
}

// waitIdle runs queued completions on the calling goroutine until no job
// or timer is left, as the UI goroutine would, and fails after timeout.
func (h *handoff) waitIdle(timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	defer h.alarm(timeout).Stop()
	for {
		h.mu.Lock()
		for len(h.queue) == 0 && h.pending > 0 && time.Now().Before(deadline) {
			h.more.Wait()
		}
		if h.pending == 0 {
			h.mu.Unlock()
			return nil
		}
		if len(h.queue) == 0 {
			n := h.pending
			h.mu.Unlock()
			return fmt.Errorf("%d background jobs still running after %v", n, timeout)
		}
		h.runFirst()
	}
}

// runUntil runs completions on the calling goroutine as they arrive until
// done reports true after one of them, and fails after timeout. It is for
// benchmarks that wait for another goroutine (the poll) to change the
// screen.
func (h *handoff) runUntil(done func() bool, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	defer h.alarm(timeout).Stop()
	for !done() {
		h.mu.Lock()
		for len(h.queue) == 0 && time.Now().Before(deadline) {
			h.more.Wait()
		}
		if len(h.queue) == 0 {
			h.mu.Unlock()
			return fmt.Errorf("nothing arrived within %v", timeout)
		}
		h.runFirst()
	}
	return nil
}
