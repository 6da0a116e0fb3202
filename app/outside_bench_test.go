package app

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/liaisonapp/liaison/store"
	"github.com/liaisonapp/liaison/store/sqlite"
)

// BenchmarkOutsideWriteShows times what a user sees when another process
// writes (`liaison import` in a terminal, a second laptop on a shared
// file): from the start of a write of one response by a second connection
// pool (as a separate process opens the file) to the open Feedback screen
// counting it.
// The window polls PRAGMA data_version and reloads the screen off the UI
// goroutine; the bar is 300 ms and the goal 100 ms. It reports the mean
// and the worst delay.
func BenchmarkOutsideWriteShows(b *testing.B) {
	for _, n := range []int{71, 100_000} {
		b.Run(fmt.Sprintf("responses=%d", n), func(b *testing.B) { benchOutsideWrite(b, n) })
	}
}

func benchOutsideWrite(b *testing.B, responses int) {
	ctx := context.Background()
	db := MustOpenDB(b)
	r := store.Round{Name: "Outside writes"}
	if err := db.CreateRound(ctx, &r); err != nil {
		b.Fatal(err)
	}
	qs, err := db.Questions(ctx, r.ID)
	if err != nil {
		b.Fatal(err)
	}
	rs := make([]store.Response, responses)
	for i := range rs {
		scores := map[int64]int{}
		for j, q := range qs {
			scores[q.ID] = 1 + (i*7+j*3)%6
		}
		rs[i] = store.Response{Key: fmt.Sprint("r", i), Role: store.Roles[i%2], Scores: scores}
	}
	if _, _, err := db.AddResponses(ctx, r.ID, rs); err != nil {
		b.Fatal(err)
	}
	// The other process: its own pool on the same file.
	other, err := sqlite.Open(db.Path())
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { other.Close() })

	h := newHandoff()
	ui := New(test.NewTempApp(b), db, Options{handoff: h})
	testHandoff = h
	defer func() { testHandoff = nil }()
	ui.win.Show()
	b.Cleanup(func() { ui.Stop(); ui.win.Close() })
	ui.Start()
	ui.Show(4)
	s := ui.screens[4].(*feedbackScreen)
	shows := func(n int) func() bool {
		plain, grouped := fmt.Sprint(n)+" responses", store.Thousands(n)+" responses"
		return func() bool { return strings.HasPrefix(s.rate.Text, plain) || strings.HasPrefix(s.rate.Text, grouped) }
	}
	if err := h.runUntil(shows(responses), time.Minute); err != nil {
		b.Fatal(err)
	}
	var total, worst time.Duration
	n := responses
	for b.Loop() {
		n++
		// Another process writes whenever it likes, not just after a
		// poll: a back-to-back loop would always land just after one.
		b.StopTimer()
		time.Sleep(time.Duration(rand.IntN(int(defaultPollEvery))))
		b.StartTimer()
		written := time.Now()
		if _, _, err := other.AddResponses(ctx, r.ID, []store.Response{{Key: fmt.Sprint("outside", n), Role: store.RoleGP,
			Scores: map[int64]int{qs[0].ID: 1 + n%6}}}); err != nil {
			b.Fatal(err)
		}
		if err := h.runUntil(shows(n), 10*time.Second); err != nil {
			b.Fatalf("the screen still says %q: %v", s.rate.Text, err)
		}
		d := time.Since(written)
		total += d
		worst = max(worst, d)
	}
	b.ReportMetric(float64(total.Microseconds())/1000/float64(b.N), "ms-to-show/op")
	b.ReportMetric(float64(worst.Microseconds())/1000, "worst-ms")
}
