package tasks

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/liaisonapp/liaison/store"
	"github.com/liaisonapp/liaison/store/csvio"
	"github.com/liaisonapp/liaison/store/sqlite"
)

// openRollup is what main.go hands the front ends.
func openRollup(ctx context.Context, path string) (store.RollupReader, error) {
	return sqlite.OpenRollup(ctx, path)
}

// schemeRound is one round of a made-up scheme: people by role (emails
// from prefix, so two rounds with one prefix share people), pairs of the
// first GPs and consultants with doneVisits visits done in order, survey
// scores for the first question, and projects by status.
type schemeRound struct {
	name       string
	prefix     string
	roles      map[store.Role]int
	pairs      int
	doneVisits int
	scores     []int
	projects   []store.ProjectStatus
	k          int
}

// makeScheme builds a Liaison database in a folder of its own with the
// store, closes it, and returns its path.
func makeScheme(t *testing.T, name string, rounds ...schemeRound) string {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), name)
	db, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, sr := range rounds {
		r := store.Round{Name: sr.name}
		if err := db.CreateRound(ctx, &r); err != nil {
			t.Fatal(err)
		}
		byRole := map[store.Role][]store.Participant{}
		for _, role := range store.Roles {
			for i := range sr.roles[role] {
				p := store.Participant{RoundID: r.ID, Name: fmt.Sprintf("%s %s %d", sr.prefix, role.Label(), i),
					Email: fmt.Sprintf("%s.%s%d@example.nhs.uk", sr.prefix, role, i), Role: role, Organisation: string(role) + strconv.Itoa(i)}
				if err := db.CreateParticipant(ctx, &p); err != nil {
					t.Fatal(err)
				}
				byRole[role] = append(byRole[role], p)
			}
		}
		done := sr.doneVisits
		for i := range sr.pairs {
			p := store.Pairing{RoundID: r.ID, PrimaryID: byRole[store.RoleGP][i].ID, SecondaryID: byRole[store.RoleConsultant][i].ID}
			if err := db.CreatePairing(ctx, &p); err != nil {
				t.Fatal(err)
			}
			for v := range p.Visits {
				if done > 0 {
					p.Visits[v].Status = store.VisitDone
					done--
				}
			}
			if err := db.SaveVisits(ctx, p.ID, p.Visits); err != nil {
				t.Fatal(err)
			}
		}
		qs, err := db.Questions(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		var rs []store.Response
		for i, s := range sr.scores {
			rs = append(rs, store.Response{Key: "r" + strconv.Itoa(i), Role: store.RoleGP, Scores: map[int64]int{qs[0].ID: s}})
		}
		if _, _, err := db.AddResponses(ctx, r.ID, rs); err != nil {
			t.Fatal(err)
		}
		for i, s := range sr.projects {
			if err := db.CreateProject(ctx, &store.Project{RoundID: r.ID, Title: "Project " + strconv.Itoa(i), Status: s}); err != nil {
				t.Fatal(err)
			}
		}
		if sr.k > 0 {
			if err := db.SetSetting(ctx, store.RoundKey(r.ID, store.SettingSuppressK), strconv.Itoa(sr.k)); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// folderState is every file beside path with its bytes' hash and mtime.
func folderState(t *testing.T, path string) string {
	t.Helper()
	es, err := os.ReadDir(filepath.Dir(path))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, e := range es {
		fi, _ := e.Info()
		data, _ := os.ReadFile(filepath.Join(filepath.Dir(path), e.Name()))
		fmt.Fprintf(&b, "%s %s %x\n", e.Name(), fi.ModTime().Format(time.RFC3339Nano), sha256.Sum256(data))
	}
	return b.String()
}

// csvRows reads one of the roll-up's CSV files as maps from header to cell.
func csvRows(t *testing.T, ru *Rollup, name string) []map[string]string {
	t.Helper()
	for _, f := range ru.Files {
		if f.Name != name {
			continue
		}
		if !bytes.HasPrefix(f.Data, []byte("\ufeff")) {
			t.Errorf("%s has no BOM for Excel", name)
		}
		tab, err := csvio.Read(bytes.NewReader(f.Data))
		if err != nil {
			t.Fatal(err)
		}
		var out []map[string]string
		for _, r := range tab.Rows {
			m := map[string]string{}
			for i, h := range tab.Header {
				m[h] = r.Cells[i]
			}
			out = append(out, m)
		}
		return out
	}
	t.Fatalf("the roll-up has no %s", name)
	return nil
}

// find returns the rows whose cells include every key=value of want.
func find(rows []map[string]string, want map[string]string) []map[string]string {
	var out []map[string]string
next:
	for _, r := range rows {
		for k, v := range want {
			if r[k] != v {
				continue next
			}
		}
		out = append(out, r)
	}
	return out
}

func TestRollup(t *testing.T) {
	ctx := context.Background()
	north := makeScheme(t, "north.db", schemeRound{name: "North 2025", prefix: "n",
		roles: map[store.Role]int{store.RoleGP: 6, store.RoleConsultant: 6, store.RoleNurse: 2}, pairs: 6, doneVisits: 5,
		scores: []int{6, 6, 5, 5, 4, 4}, projects: []store.ProjectStatus{store.ProjectCompleted, store.ProjectInProgress}, k: 3})
	south := makeScheme(t, "south.db",
		schemeRound{name: "South 2024", prefix: "s", roles: map[store.Role]int{store.RoleGP: 3, store.RoleConsultant: 3}, pairs: 3, doneVisits: 6,
			scores: []int{3, 3, 3}, projects: []store.ProjectStatus{store.ProjectCompleted}},
		schemeRound{name: "South 2025", prefix: "s", roles: map[store.Role]int{store.RoleGP: 3, store.RoleManager: 1}})
	newer := makeScheme(t, "newer.db", schemeRound{name: "Newer", prefix: "x", roles: map[store.Role]int{store.RoleGP: 1}})
	raw, err := sql.Open("sqlite3", newer) // bump its schema past this version's
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(fmt.Sprintf(`PRAGMA user_version = %d`, sqlite.SchemaVersion()+1)); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	notes := filepath.Join(t.TempDir(), "notes.db")
	if err := os.WriteFile(notes, []byte("minutes of the forum\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	paths := []string{north, south, newer, notes}
	before := map[string]string{}
	for _, p := range paths {
		before[p] = folderState(t, p)
	}

	ru, err := BuildRollup(ctx, openRollup, paths, RollupOptions{Now: boardNow})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range paths {
		if folderState(t, p) != before[p] {
			t.Errorf("the roll-up changed the folder of %s:\nbefore %s\nafter  %s", p, before[p], folderState(t, p))
		}
	}

	t.Run("Sources", func(t *testing.T) {
		if ru.Included() != 2 || ru.K != 5 {
			t.Fatalf("included %d, K %d; want 2 and 5 (the largest of the rounds')", ru.Included(), ru.K)
		}
		refused := ru.Refused()
		if len(refused) != 2 || !strings.Contains(refused[0].Refused, "newer.db") || !strings.Contains(refused[0].Refused, "newer version") ||
			!strings.Contains(refused[1].Refused, "notes.db") || !strings.Contains(refused[1].Refused, "not a Liaison database") {
			t.Fatalf("refused %+v", refused)
		}
		rows := csvRows(t, ru, "sources.csv")
		if len(rows) != 4 || rows[1]["Rounds read"] != "South 2024; South 2025" || rows[2]["Rolled up"] != "no" || rows[2]["Why not"] == "" {
			t.Errorf("sources.csv %v", rows)
		}
	})

	t.Run("Totals", func(t *testing.T) {
		rows := csvRows(t, ru, "totals.csv")
		want := []map[string]string{
			{"Scheme (file and rounds)": "north.db (North 2025)", "People (each once)": "14", "Pairs": "6", "Pairs with both visits done": "2",
				"Visits done": "5", "Survey responses": "6", "Projects completed": "1", "Small-number threshold K": "3"},
			// The three GPs of 2024 came back in 2025: counted once.
			{"Scheme (file and rounds)": "south.db (South 2024, South 2025)", "People (each once)": "7", "Pairs": "3", "Pairs with both visits done": "3",
				"Visits done": "6", "Survey responses": "3", "Projects completed": "1", "Small-number threshold K": "5"},
			{"Scheme (file and rounds)": AllSources, "People (each once)": "21", "Pairs": "9", "Pairs with both visits done": "5",
				"Visits done": "11", "Survey responses": "9", "Projects completed": "2", "Small-number threshold K": "5"},
		}
		if len(rows) != len(want) {
			t.Fatalf("totals.csv has %d rows, want %d: %v", len(rows), len(want), rows)
		}
		for _, w := range want {
			if len(find(rows, w)) != 1 {
				t.Errorf("totals.csv lacks %v; it has %v", w, rows)
			}
		}
	})

	t.Run("Suppression", func(t *testing.T) {
		rows := csvRows(t, ru, "participants-by-role.csv")
		all := map[string]string{}
		for _, r := range find(rows, map[string]string{"Scheme (file and rounds)": AllSources}) {
			all[r["Group"]] = r["Count"]
		}
		// 2 nurses and 1 manager are fewer than K = 5; together still
		// fewer, so the smallest group shown (consultants, 9) is withheld
		// too, or 21 − 9 GPs − 9 consultants would give them away.
		want := map[string]string{"GP": "9", "Consultant": store.ComplementaryLabel, "Nurse": "fewer than 5", "Manager": "fewer than 5"}
		for g, c := range want {
			if all[g] != c {
				t.Errorf("combined %s: %q, want %q (all: %v)", g, all[g], c, all)
			}
		}
		north := find(rows, map[string]string{"Scheme (file and rounds)": "north.db (North 2025)", "Group": "Nurse"})
		if len(north) != 1 || north[0]["Count"] != "fewer than 5" {
			t.Errorf("north's two nurses: %v", north)
		}
	})

	t.Run("Feedback", func(t *testing.T) {
		rows := csvRows(t, ru, "feedback-per-question.csv")
		q := store.PublishedQuestions[0]
		all := find(rows, map[string]string{"Scheme (file and rounds)": AllSources, "Breakdown": "Overall", "Question": q})
		// (6+6+5+5+4+4 + 3+3+3) / 9 = 39 / 9
		if len(all) != 1 || all[0]["n"] != "9" || all[0]["Mean"] != "4.33" {
			t.Fatalf("combined figures of %q: %v", q, all)
		}
		south := find(rows, map[string]string{"Scheme (file and rounds)": "south.db (South 2024, South 2025)", "Breakdown": "Overall", "Question": q})
		if len(south) != 1 || south[0]["Mean"] != "fewer than 5" {
			t.Errorf("south's 3 answers should be withheld: %v", south)
		}
		other := find(rows, map[string]string{"Scheme (file and rounds)": AllSources, "Breakdown": "Overall", "Question": store.PublishedQuestions[1]})
		if len(other) != 1 || other[0]["n"] != "0" {
			t.Errorf("an unanswered question: %v", other)
		}
	})

	t.Run("Projects", func(t *testing.T) {
		rows := csvRows(t, ru, "projects-by-status.csv")
		for status, n := range map[string]string{"Completed": "2", "In progress": "1", "Idea": "0"} {
			r := find(rows, map[string]string{"Scheme (file and rounds)": AllSources, "Group": status})
			if len(r) != 1 || r[0]["Count"] != n {
				t.Errorf("%s: %v, want %s", status, r, n)
			}
		}
	})

	t.Run("Charts", func(t *testing.T) {
		for _, name := range []string{"participants-by-role", "participants-by-scheme", "feedback-means", "feedback-scores", "projects-by-status"} {
			for _, ext := range []string{".png", ".svg"} {
				found := false
				for _, f := range ru.Files {
					found = found || f.Name == "charts-"+name+ext && len(f.Data) > 0
				}
				if !found {
					t.Errorf("no charts-%s%s", name, ext)
				}
			}
		}
	})

	t.Run("Write", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "region")
		if err := WriteRollup(out, ru); err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(filepath.Join(out, "totals.csv")); err != nil {
			t.Error(err)
		}
		if err := WriteRollup(filepath.Dir(north), ru); err == nil || !strings.Contains(store.ErrorMessage(err), "north.db") {
			t.Errorf("writing over the folder of a source: %v", err)
		}
		if folderState(t, north) != before[north] {
			t.Error("the refused write touched the source's folder")
		}
	})
}

func TestRollupRounds(t *testing.T) {
	ctx := context.Background()
	south := makeScheme(t, "south.db",
		schemeRound{name: "South 2024", prefix: "s", roles: map[store.Role]int{store.RoleGP: 3}},
		schemeRound{name: "South 2025", prefix: "t", roles: map[store.Role]int{store.RoleGP: 5}})
	north := makeScheme(t, "north.db", schemeRound{name: "North 2025", prefix: "n", roles: map[store.Role]int{store.RoleGP: 1}})

	ru, err := BuildRollup(ctx, openRollup, []string{south, north}, RollupOptions{Rounds: []string{"south 2025"}, Now: boardNow})
	if err != nil {
		t.Fatal(err)
	}
	if got := ru.Sources[0].Rounds; len(got) != 1 || got[0] != "South 2025" {
		t.Errorf("rounds read from south: %v", got)
	}
	if msg := ru.Sources[1].Refused; !strings.Contains(msg, "none of the rounds asked for") || !strings.Contains(msg, "North 2025") {
		t.Errorf("north.db refused with %q", msg)
	}
	t.Run("ErrNothing", func(t *testing.T) {
		_, err := BuildRollup(ctx, openRollup, []string{north, filepath.Join(t.TempDir(), "gone.db")}, RollupOptions{Rounds: []string{"South 2025"}})
		if msg := store.ErrorMessage(err); err == nil || !strings.Contains(msg, "gone.db does not exist") || !strings.Contains(msg, "north.db has none") {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("SameFileTwice", func(t *testing.T) {
		ru, err := BuildRollup(ctx, openRollup, []string{north, north}, RollupOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if ru.Included() != 1 || !strings.Contains(ru.Sources[1].Refused, "same file") {
			t.Errorf("sources %+v", ru.Sources)
		}
	})
}

func TestSourceNames(t *testing.T) {
	got := sourceNames([]string{"/a/wessex/liaison.db", "/b/solent/liaison.db", "/c/north.db"})
	want := []string{filepath.Join("wessex", "liaison.db"), filepath.Join("solent", "liaison.db"), "north.db"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("name %d = %q, want %q", i, got[i], want[i])
		}
	}
}
