package app

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/liaisonapp/liaison/app/chartset"
	"github.com/liaisonapp/liaison/charts"
	"github.com/liaisonapp/liaison/store"
)

// BenchmarkLiveFeedbackRedraw times what the Charts screen does after a
// change at the scale of a large region: read the round again (10,000
// participants, 100,000 responses) and redraw every feedback chart at
// 1280×720. The goal is 33 ms, two frames at 60 Hz.
func BenchmarkLiveFeedbackRedraw(b *testing.B) {
	ctx := context.Background()
	db := MustOpenDB(b)
	r := store.Round{Name: "Big region"}
	if err := db.CreateRound(ctx, &r); err != nil {
		b.Fatal(err)
	}
	people := make([]store.Participant, 10_000)
	for i := range people {
		role := store.RoleGP
		if i%2 == 1 {
			role = store.RoleConsultant
		}
		people[i] = store.Participant{Name: fmt.Sprintf("Person %d", i), Email: fmt.Sprintf("p%d@nhs.example", i),
			Role: role, Organisation: fmt.Sprintf("Org %d", i%300), Locality: fmt.Sprintf("PCN %d", i%25)}
	}
	if _, _, err := db.UpsertParticipants(ctx, r.ID, people); err != nil {
		b.Fatal(err)
	}
	qs, err := db.Questions(ctx, r.ID)
	if err != nil {
		b.Fatal(err)
	}
	rs := make([]store.Response, 100_000)
	for i := range rs {
		scores := map[int64]int{}
		for j, q := range qs {
			scores[q.ID] = 1 + (i*7+j*3)%6
		}
		rs[i] = store.Response{Key: fmt.Sprint("r", i), Source: "bench", Scores: scores}
	}
	if _, _, err := db.AddResponses(ctx, r.ID, rs); err != nil {
		b.Fatal(err)
	}
	now := time.Now()
	if _, err := chartset.Gather(ctx, db, r, now); err != nil {
		b.Fatal(err)
	}
	var gather, draw time.Duration
	i := 0
	for b.Loop() {
		// The change: one more paper form keyed in.
		b.StopTimer()
		i++
		if _, _, err := db.AddResponses(ctx, r.ID, []store.Response{{Key: fmt.Sprint("keyed", i), Source: "paper",
			Scores: map[int64]int{qs[0].ID: 1 + i%6}}}); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		t0 := time.Now()
		set, err := chartset.Gather(ctx, db, r, now)
		if err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		var jobs []*renderJob
		for _, def := range set.Charts() {
			if def.Feedback {
				jobs = append(jobs, &renderJob{def: def, opts: charts.Options{Width: 1280, Height: 720}})
			}
		}
		renderAll(jobs)
		for _, j := range jobs {
			if j.err != nil || j.out == nil {
				b.Fatal(j.err)
			}
		}
		if len(jobs) != 2 {
			b.Fatalf("%d feedback charts, want 2", len(jobs))
		}
		gather += t1.Sub(t0)
		draw += time.Since(t1)
	}
	b.ReportMetric(float64(gather.Milliseconds())/float64(b.N), "gather-ms/op")
	b.ReportMetric(float64(draw.Milliseconds())/float64(b.N), "draw-ms/op")
}
