package sqlite_test

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/liaisonapp/liaison/store"
	"github.com/liaisonapp/liaison/store/sqlite"
)

// fileText returns the bytes of the database and its WAL, lower-cased, as
// anyone with the file could read them.
func fileText(tb testing.TB, db *sqlite.DB) []byte {
	tb.Helper()
	var all []byte
	for _, p := range []string{db.Path(), db.Path() + "-wal"} {
		b, err := os.ReadFile(p)
		if err != nil && !os.IsNotExist(err) {
			tb.Fatal(err)
		}
		all = append(all, b...)
	}
	return bytes.ToLower(all)
}

// readable lists which of texts can be found in the database's files.
func readable(tb testing.TB, db *sqlite.DB, texts ...string) []string {
	tb.Helper()
	b := fileText(tb, db)
	var found []string
	for _, s := range texts {
		if bytes.Contains(b, []byte(strings.ToLower(s))) {
			found = append(found, s)
		}
	}
	return found
}

// personalRound fills a round with one of everything that can name a
// person, each text containing tag, and returns those texts.
func personalRound(tb testing.TB, db *sqlite.DB, round, tag string) (store.Round, []string) {
	tb.Helper()
	ctx := context.Background()
	r := mustRound(tb, db, "Round "+tag)
	gp := mustParticipant(tb, db, r.ID, "Doctor "+tag+" Gee", tag+".gee@nhs.example", store.RoleGP)
	cons := mustParticipant(tb, db, r.ID, "Doctor "+tag+" Cee", tag+".cee@nhs.example", store.RoleConsultant)
	p := store.Pairing{RoundID: r.ID, PrimaryID: gp.ID, SecondaryID: cons.ID}
	if err := db.CreatePairing(ctx, &p); err != nil {
		tb.Fatal(err)
	}
	v := p.Visits[0]
	v.Notes = "Visit notes " + tag
	if err := db.UpdateVisit(ctx, &v); err != nil {
		tb.Fatal(err)
	}
	q, err := db.Questions(ctx, r.ID)
	if err != nil {
		tb.Fatal(err)
	}
	if _, _, err := db.AddResponses(ctx, r.ID, []store.Response{{Scores: map[int64]int{q[0].ID: 5}, Key: "k1", Source: "paper", Comment: "Comment " + tag}}); err != nil {
		tb.Fatal(err)
	}
	if err := db.CreateReflection(ctx, &store.Reflection{RoundID: r.ID, Body: "Reflection " + tag + " about the clinic"}); err != nil {
		tb.Fatal(err)
	}
	e := store.Event{RoundID: r.ID, Name: "Celebration " + tag}
	if err := db.CreateEvent(ctx, &e); err != nil {
		tb.Fatal(err)
	}
	for _, a := range []store.Attendee{{EventID: e.ID, Name: "Guest " + tag, Organisation: "Trust " + tag}, {EventID: e.ID, ParticipantID: gp.ID, Name: gp.Name}} {
		if err := db.SaveAttendee(ctx, &a); err != nil {
			tb.Fatal(err)
		}
	}
	return r, []string{r.Name, gp.Name, gp.Email, cons.Name, cons.Email, "Visit notes " + tag, "Comment " + tag,
		"Reflection " + tag, "Guest " + tag, "Trust " + tag}
}

func TestDeleteRound_LeavesNothingReadable(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	_, kept := personalRound(t, db, "", "keptquokka")
	gone, texts := personalRound(t, db, "", "gonewombat")
	// Some pages are only in the WAL, some in the file: both are read.
	if got := readable(t, db, texts...); len(got) != len(texts) {
		t.Fatalf("before deleting, only %q of %q are in the files: the test cannot see them", got, texts)
	}
	if err := db.DeleteRound(ctx, gone.ID); err != nil {
		t.Fatal(err)
	}
	if got := readable(t, db, texts...); len(got) > 0 {
		t.Errorf("after DeleteRound these are still readable in the database or its WAL: %q", got)
	}
	if got := readable(t, db, kept...); len(got) != len(kept) {
		t.Errorf("the other round's text went too: only %q of %q remain", got, kept)
	}
}

func TestErasePerson(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	r1, _ := personalRound(t, db, "", "firstotter")
	r2 := mustRound(t, db, "Second round")
	email := "firstotter.gee@nhs.example"
	mustParticipant(t, db, r2.ID, "Doctor Firstotter Gee", strings.ToUpper(email), store.RoleGP)
	// On an event's list with their email but not linked to them, with
	// health data.
	e := store.Event{RoundID: r1.ID, Name: "Forum"}
	if err := db.CreateEvent(ctx, &e); err != nil {
		t.Fatal(err)
	}
	if err := db.SaveAttendee(ctx, &store.Attendee{EventID: e.ID, Name: "F. Gee (unlinked)", Email: email, DietaryNeeds: "Gluten-free firstotter"}); err != nil {
		t.Fatal(err)
	}
	person := []string{"Doctor firstotter Gee", email, "F. Gee (unlinked)", "Gluten-free firstotter"}

	t.Run("OneRound", func(t *testing.T) {
		rounds, err := db.ErasePerson(ctx, email, r2.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(rounds) != 1 || rounds[0] != "Second round" {
			t.Fatalf("deleted from %q, want just the second round", rounds)
		}
		if ps, _ := db.FindParticipants(ctx, store.ParticipantFilter{RoundID: r1.ID}); len(ps) != 2 {
			t.Fatalf("the first round has %d participants, want both still", len(ps))
		}
	})
	t.Run("EveryRound", func(t *testing.T) {
		rounds, err := db.ErasePerson(ctx, strings.ToUpper(email), 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(rounds) != 1 || rounds[0] != r1.Name {
			t.Fatalf("deleted from %q, want %q", rounds, r1.Name)
		}
		if got := readable(t, db, person...); len(got) > 0 {
			t.Errorf("after ErasePerson these are still readable: %q", got)
		}
		if got := readable(t, db, "firstotter.cee@nhs.example", "Guest firstotter"); len(got) != 2 {
			t.Errorf("their partner or the guests went too: only %q remain", got)
		}
		es, _ := db.Events(ctx, r1.ID)
		var names []string
		for _, e := range es {
			as, _ := db.Attendees(ctx, e.ID)
			for _, a := range as {
				names = append(names, a.Name)
			}
		}
		if len(names) != 1 || names[0] != "Guest firstotter" {
			t.Errorf("attendees after erasure = %q, want only the guest", names)
		}
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		_, err := db.ErasePerson(ctx, email, 0)
		wantCode(t, err, store.ENOTFOUND)
	})
}

// Where the organiser typed the person's name instead of linking them (a
// project's owner, a task-and-finish group's lead and members), erasing
// them blanks it, whatever the case, spacing or title; other names stay.
// Erasing them from one round leaves the groups, which outlive rounds.
func TestErasePerson_ForgetsTheirTypedName(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	r := mustRound(t, db, "Round")
	other := mustRound(t, db, "Other round")
	email := "ann.smith@nhs.example"
	mustParticipant(t, db, r.ID, "Dr Ann Smith", email, store.RoleGP)
	mustParticipant(t, db, other.ID, "Ann Smith", email, store.RoleGP)
	projects := map[string]*store.Project{
		"theirs":       {RoundID: r.ID, Title: "Discharge letters", Owner: "ann  SMITH"},
		"someone else": {RoundID: r.ID, Title: "Referral guide", Owner: "Bob Jones"},
		"other round":  {RoundID: other.ID, Title: "Advice line", Owner: "Dr. Ann Smith"},
	}
	for _, p := range projects {
		if err := db.CreateProject(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	g := store.TaskGroup{Name: "Frailty", Lead: "Prof Ann Smith", Members: []string{"Bob Jones", "ann smith", "Cath Lee"}}
	if err := db.SaveTaskGroup(ctx, &g); err != nil {
		t.Fatal(err)
	}
	owners := func() map[string]string {
		out := map[string]string{}
		for _, round := range []store.Round{r, other} {
			ps, err := db.Projects(ctx, round.ID)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range ps {
				out[p.Title] = p.Owner
			}
		}
		return out
	}
	group := func() store.TaskGroup {
		gs, err := db.TaskGroups(ctx)
		if err != nil || len(gs) != 1 {
			t.Fatalf("groups %v, %v", gs, err)
		}
		return gs[0]
	}

	if _, err := db.ErasePerson(ctx, email, r.ID); err != nil {
		t.Fatal(err)
	}
	if got := owners(); got["Discharge letters"] != "" || got["Referral guide"] != "Bob Jones" || got["Advice line"] != "Dr. Ann Smith" {
		t.Errorf("after erasing them from one round, owners are %q: want theirs in that round blank, the rest kept", got)
	}
	if got := group(); got.Lead != g.Lead || len(got.Members) != 3 {
		t.Errorf("erasing them from one round changed the group: %+v", got)
	}

	if _, err := db.ErasePerson(ctx, email, 0); err != nil {
		t.Fatal(err)
	}
	if got := owners(); got["Advice line"] != "" || got["Referral guide"] != "Bob Jones" {
		t.Errorf("after erasing them from every round, owners are %q", got)
	}
	if got := group(); got.Lead != "" || strings.Join(got.Members, "|") != "Bob Jones|Cath Lee" {
		t.Errorf("after erasing them from every round the group's lead is %q and members %q, want none and the other two", got.Lead, got.Members)
	}
	if got := readable(t, db, "ann smith", "ann  smith"); len(got) > 0 {
		t.Errorf("still readable in the files: %q", got)
	}
}

func TestErase_WaitsForAReader(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	r, texts := personalRound(t, db, "", "readerlynx")
	// Another connection reading from the WAL holds the checkpoint back
	// for a moment; the deletion waits for it rather than leaving text.
	other := MustOpenPath(t, db.Path())
	tx, err := other.Pool().BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	var n int
	if err := tx.QueryRow(`SELECT count(*) FROM participants`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	go func() { time.Sleep(300 * time.Millisecond); tx.Rollback() }()
	if err := db.DeleteRound(ctx, r.ID); err != nil {
		t.Fatal(err)
	}
	if got := readable(t, db, texts...); len(got) > 0 {
		t.Errorf("still readable: %q", got)
	}
}
