package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/liaisonapp/liaison/app/tasks"
	"github.com/liaisonapp/liaison/store"
	"github.com/liaisonapp/liaison/store/csvio"
	"github.com/liaisonapp/liaison/store/sqlite"
)

// openDB opens the database a command wrote, to look at what it stored.
func openStore(t *testing.T, path string) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// participantsIn returns every participant in every round of the database.
func participantsIn(t *testing.T, path string) []store.Participant {
	t.Helper()
	ps, err := openStore(t, path).FindParticipants(context.Background(), store.ParticipantFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return ps
}

func TestImportParticipants(t *testing.T) {
	t.Run("GoodFileCreatesThenUpdates", func(t *testing.T) {
		db := filepath.Join(t.TempDir(), "liaison.db")
		code, stdout, stderr := run(t, "import", "participants", "testdata/participants/good.csv", "--db", db, "--round", "Wessex 2026")
		if code != 0 {
			t.Fatalf("import exited %d: %s", code, stderr)
		}
		if !strings.Contains(stdout, `4 new, 0 updated in "Wessex 2026"`) {
			t.Fatalf("stdout does not give the counts: %q", stdout)
		}
		if !strings.Contains(stdout, `Ignored columns: "Notes"`) {
			t.Fatalf("stdout does not list the ignored column: %q", stdout)
		}
		ps := participantsIn(t, db)
		if got, want := len(ps), 4; got != want {
			t.Fatalf("%d participants stored, want %d", got, want)
		}
		if got, want := ps[0].Name, "Ada Ashdown"; got != want {
			t.Fatalf("first participant = %q, want %q", got, want)
		}
		if got, want := strings.Join(ps[0].Wishes, ";"), "Geriatric medicine"; got != want {
			t.Fatalf("wishes = %q, want %q", got, want)
		}

		// The same people again, one with a new email's capitals: updated,
		// never duplicated.
		again := filepath.Join(t.TempDir(), "again.csv")
		data, err := os.ReadFile("testdata/participants/good.csv")
		if err != nil {
			t.Fatal(err)
		}
		data = bytes.Replace(data, []byte("ada.ashdown@nhs.net,GP,Old Bank Surgery"), []byte("ADA.Ashdown@nhs.net,GP,New Bank Surgery"), 1)
		if err := os.WriteFile(again, data, 0o600); err != nil {
			t.Fatal(err)
		}
		code, stdout, stderr = run(t, "import", "participants", again, "--db", db, "--round", "Wessex 2026")
		if code != 0 {
			t.Fatalf("second import exited %d: %s", code, stderr)
		}
		if !strings.Contains(stdout, "0 new, 4 updated") {
			t.Fatalf("second import: %q", stdout)
		}
		ps = participantsIn(t, db)
		if got, want := len(ps), 4; got != want {
			t.Fatalf("%d participants after re-import, want %d", got, want)
		}
		if got, want := ps[0].Organisation, "New Bank Surgery"; got != want {
			t.Fatalf("organisation after re-import = %q, want %q", got, want)
		}
	})

	t.Run("BadFileWritesNothing", func(t *testing.T) {
		db := filepath.Join(t.TempDir(), "liaison.db")
		code, stdout, stderr := run(t, "import", "participants", "testdata/participants/bad.csv", "--db", db)
		if got, want := code, 1; got != want {
			t.Fatalf("exit status = %d, want %d (stdout %q)", got, want, stdout)
		}
		for _, want := range []string{
			`line 3, column "Email": "ben.brook@nhs" is not a well-formed email address`,
			`line 4, column "Name": a name is required`,
			`line 5, column "Role": "Surgeon" is not a role Liaison knows`,
			`line 6, column "Email": "ADA.ashdown@nhs.net" is also on line 2`,
			"4 problems; nothing was imported",
		} {
			if !strings.Contains(stderr, want) {
				t.Errorf("stderr lacks %q:\n%s", want, stderr)
			}
		}
		if got := len(participantsIn(t, db)); got != 0 {
			t.Fatalf("%d participants stored from a bad file, want 0", got)
		}
		rounds, err := openStore(t, db).Rounds(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if got := len(rounds); got != 0 {
			t.Fatalf("a failed import created %d round(s)", got)
		}
	})

	t.Run("ExcelSignUpSheetInWindows1252", func(t *testing.T) {
		// Saved by Excel on a British laptop: Windows-1252, CRLF, a forms
		// tool's Timestamp column, split names, a quoted comma and a quoted
		// line break (so line numbers are physical lines), a blank row.
		db := filepath.Join(t.TempDir(), "liaison.db")
		code, stdout, stderr := run(t, "import", "participants", "testdata/participants/signup-excel-cp1252.csv", "--db", db)
		if got, want := code, 1; got != want {
			t.Fatalf("exit status = %d, want %d (stdout %q)", got, want, stdout)
		}
		for _, want := range []string{
			`line 3, column "Email address": "ben.brook@nhs" is not a well-formed email address`,
			`line 5, column "Job role": "Physio" is not a role Liaison knows`,
			`line 7, column "Forename + Surname": a name is required`,
			`line 8, column "Email address": "ZOE.OBRIEN@nhs.net" is also on line 2`,
			`line 9, column "Job role": a role is required`,
			`Ignored columns: "Timestamp", "Any dietary needs?"`,
			"5 problems; nothing was imported",
		} {
			if !strings.Contains(stderr, want) {
				t.Errorf("stderr lacks %q:\n%s", want, stderr)
			}
		}
		if got := len(participantsIn(t, db)); got != 0 {
			t.Fatalf("%d participants stored from a bad file, want 0", got)
		}
	})

	t.Run("MissingFile", func(t *testing.T) {
		db := filepath.Join(t.TempDir(), "liaison.db")
		code, _, stderr := run(t, "import", "participants", "testdata/participants/nope.csv", "--db", db)
		if code != 1 || !strings.Contains(stderr, "Cannot open testdata/participants/nope.csv") {
			t.Fatalf("exit %d, stderr %q", code, stderr)
		}
	})
}

// seedRound stores people in a new round of the database at path.
func seedRound(t *testing.T, path, round string, people ...store.Participant) store.Round {
	t.Helper()
	db := openStore(t, path)
	ctx := context.Background()
	r := store.Round{Name: round}
	if err := db.CreateRound(ctx, &r); err != nil {
		t.Fatal(err)
	}
	if _, _, err := db.UpsertParticipants(ctx, r.ID, people); err != nil {
		t.Fatal(err)
	}
	return r
}

func person(name string, role store.Role, org, specialty, locality string, wishes ...string) store.Participant {
	email := strings.ToLower(strings.ReplaceAll(name, " ", ".")) + "@nhs.net"
	return store.Participant{Name: name, Email: email, Role: role, Organisation: org, Specialty: specialty, Locality: locality, Wishes: wishes}
}

func TestMatch(t *testing.T) {
	db := filepath.Join(t.TempDir(), "liaison.db")
	seedRound(t, db, "Wessex 2026",
		person("Ada Ashdown", store.RoleGP, "Old Bank Surgery", "", "East", "Geriatric medicine"),
		person("Dev Dunmore", store.RoleGP, "Harbour View Surgery", "", "West"),
		person("Ben Brook", store.RoleConsultant, "City General", "Geriatric medicine", "West"),
		person("Cleo Carter", store.RoleConsultant, "City General", "Cardiology", "West"),
		person("Nell Nurse", store.RoleNurse, "Old Bank Surgery", "", "East"),
	)

	code, stdout, stderr := run(t, "match", "--db", db, "--round", "Wessex 2026")
	if code != 0 {
		t.Fatalf("match exited %d: %s", code, stderr)
	}
	for _, want := range []string{
		"Suggested pairs for \"Wessex 2026\": 2",
		"[new] Ada Ashdown (GP, Old Bank Surgery) – Ben Brook (Consultant, City General): specialty wished for: Geriatric medicine",
		"[new] Dev Dunmore (GP, Harbour View Surgery) – Cleo Carter (Consultant, City General): same locality: West",
		"Unpaired: 1",
		"Nell Nurse (Nurse, Old Bank Surgery): ",
		"run again with --apply to store 2 new pairs",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	r, err := openStore(t, db).RoundByName(context.Background(), "Wessex 2026")
	if err != nil {
		t.Fatal(err)
	}
	pairs, err := openStore(t, db).FindPairings(context.Background(), r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(pairs) != 0 {
		t.Fatalf("match without --apply stored %d pairs", len(pairs))
	}

	code, stdout, stderr = run(t, "match", "--db", db, "--round", "Wessex 2026", "--apply")
	if code != 0 {
		t.Fatalf("match --apply exited %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "Stored 2 new pairs.") {
		t.Fatalf("match --apply: %q", stdout)
	}
	pairs, err = openStore(t, db).FindPairings(context.Background(), r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(pairs), 2; got != want {
		t.Fatalf("%d pairs stored, want %d", got, want)
	}
	for _, p := range pairs {
		if p.Reason == "" || p.Visits[0].Status != store.VisitProposed || p.Visits[1].Status != store.VisitProposed {
			t.Fatalf("stored pair lacks its reason or proposed visits: %+v", p)
		}
	}

	// Applying the same suggestion again changes nothing.
	code, stdout, _ = run(t, "match", "--db", db, "--round", "Wessex 2026", "--apply")
	if code != 0 || !strings.Contains(stdout, "[kept] Ada Ashdown") || !strings.Contains(stdout, "Stored 0 new pairs.") {
		t.Fatalf("second --apply exited %d: %q", code, stdout)
	}
}

// adaBenCleo is a round "R" with a GP, Ada, who wishes for Ben's specialty
// but shares a locality with Cleo: the database's path, the round and the
// open database.
func adaBenCleo(t *testing.T) (string, store.Round, *sqlite.DB) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "liaison.db")
	r := seedRound(t, path, "R",
		person("Ada Ashdown", store.RoleGP, "Old Bank Surgery", "", "East", "Geriatric medicine"),
		person("Ben Brook", store.RoleConsultant, "City General", "Geriatric medicine", "West"),
		person("Cleo Carter", store.RoleConsultant, "City General", "Cardiology", "East"),
	)
	return path, r, openStore(t, path)
}

func TestMatchApplyKeepsStoredPairsWithoutReplace(t *testing.T) {
	ctx := context.Background()
	path, r, db := adaBenCleo(t)
	old := store.Pairing{RoundID: r.ID, PrimaryID: idOf(t, db, r.ID, "ashdown"), SecondaryID: idOf(t, db, r.ID, "carter")}
	if err := db.CreatePairing(ctx, &old); err != nil {
		t.Fatal(err)
	}
	stored := func() string {
		pairs, err := db.FindPairings(ctx, r.ID)
		if err != nil || len(pairs) != 1 {
			t.Fatalf("pairs %v, %v", pairs, err)
		}
		return pairs[0].Secondary.Name
	}

	code, stdout, stderr := run(t, "match", "--db", path, "--round", "R", "--apply")
	if code != 0 {
		t.Fatalf("match --apply exited %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "1 suggested pair would break up stored unlocked pairs") || !strings.Contains(stdout, "replaces Ada Ashdown (GP) – Cleo Carter (Consultant)") {
		t.Fatalf("stdout = %q", stdout)
	}
	if got, want := stored(), "Cleo Carter"; got != want {
		t.Fatalf("without --replace Ada is paired with %s, want %s", got, want)
	}
	if code, stdout, stderr = run(t, "match", "--db", path, "--round", "R", "--apply", "--replace"); code != 0 {
		t.Fatalf("match --apply --replace exited %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "Stored 1 new pair, replacing 1 unlocked pair.") {
		t.Fatalf("stdout = %q", stdout)
	}
	if got, want := stored(), "Ben Brook"; got != want {
		t.Fatalf("with --replace Ada is paired with %s, want %s", got, want)
	}
}

func TestSuggestionPlan(t *testing.T) {
	ctx := context.Background()
	_, r, db := adaBenCleo(t)
	ps, err := db.FindParticipants(ctx, store.ParticipantFilter{RoundID: r.ID})
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]store.Participant{}
	for _, p := range ps {
		byName[p.Name] = p
	}
	// Ada is paired, unlocked, with Cleo; the matcher prefers Ben for her
	// wish (3) over Cleo's locality (2), so accepting breaks up Ada–Cleo.
	old := store.Pairing{RoundID: r.ID, PrimaryID: byName["Ada Ashdown"].ID, SecondaryID: byName["Cleo Carter"].ID}
	if err := db.CreatePairing(ctx, &old); err != nil {
		t.Fatal(err)
	}
	s, err := tasks.SuggestPairs(ctx, db, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(s.Pairs), 1; got != want {
		t.Fatalf("%d suggested pairs, want %d", got, want)
	}
	if got, want := s.Pairs[0].Secondary.Name, "Ben Brook"; got != want {
		t.Fatalf("Ada is paired with %s, want %s", got, want)
	}
	remove, add := s.Plan(s.Pairs)
	if got, want := fmt.Sprint(remove), fmt.Sprint([]int64{old.ID}); got != want {
		t.Fatalf("remove = %s, want %s", got, want)
	}
	if err := tasks.ApplyPlan(ctx, db, r.ID, remove, add); err != nil {
		t.Fatal(err)
	}
	pairs, err := db.FindPairings(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(pairs), 1; got != want {
		t.Fatalf("%d pairs, want %d", got, want)
	}
	if got, want := pairs[0].Secondary.Name, "Ben Brook"; got != want {
		t.Fatalf("Ada is now paired with %s, want %s", got, want)
	}

	// A locked pair is kept: the plan changes nothing.
	pairs[0].Locked = true
	if err := db.UpdatePairing(ctx, &pairs[0]); err != nil {
		t.Fatal(err)
	}
	if s, err = tasks.SuggestPairs(ctx, db, r.ID); err != nil {
		t.Fatal(err)
	}
	if remove, add := s.Plan(s.Pairs); len(remove)+len(add) != 0 {
		t.Fatalf("a locked pair was re-planned: remove %v, add %v", remove, add)
	}
}

func TestExport(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "liaison.db")
	formula := person("=HYPERLINK(\"http://x\")", store.RoleGP, "+Old Bank, Surgery", "", "East", "Cardiology", "Geriatric medicine")
	formula.Email = "ada@nhs.net"
	seedRound(t, db, "R", formula,
		person("Ben Brook", store.RoleConsultant, "@City General", "Cardiology", "West"),
	)
	if code, _, stderr := run(t, "match", "--db", db, "--apply"); code != 0 {
		t.Fatalf("match exited %d: %s", code, stderr)
	}

	t.Run("Participants", func(t *testing.T) {
		out := filepath.Join(dir, "participants.csv")
		code, stdout, stderr := run(t, "export", "participants", "--db", db, "--out", out)
		if code != 0 {
			t.Fatalf("export exited %d: %s", code, stderr)
		}
		if !strings.Contains(stdout, "Wrote 2 participants") {
			t.Fatalf("stdout = %q", stdout)
		}
		got := readFile(t, out)
		header := "\ufeff" + "Name,Email,Role,Organisation,Specialty,Locality,Wished specialties,Places,Would like to be paired with" + "\r\n"
		if !strings.HasPrefix(got, header) {
			t.Fatalf("export starts %q, want %q", got, header)
		}
		if !strings.Contains(got, "\r\nBen Brook,ben.brook@nhs.net,Consultant,'@City General,Cardiology,West,,1,\r\n") {
			t.Fatalf("Ben's row is not as expected:\n%q", got)
		}
		if !strings.Contains(got, `"'=HYPERLINK(""http://x"")"`) || !strings.Contains(got, `"'+Old Bank, Surgery"`) {
			t.Fatalf("formula cells are not escaped:\n%s", got)
		}
		if !strings.Contains(got, ",Cardiology; Geriatric medicine,1,\r\n") {
			t.Fatalf("wishes are not one cell:\n%s", got)
		}
		if strings.Contains(strings.ReplaceAll(got, "\r\n", ""), "\n") {
			t.Fatalf("a line ends without CR:\n%q", got)
		}
	})

	t.Run("Pairings", func(t *testing.T) {
		out := filepath.Join(dir, "pairings.csv")
		if code, _, stderr := run(t, "export", "pairings", "--db", db, "--out", out); code != 0 {
			t.Fatalf("export exited %d: %s", code, stderr)
		}
		got := readFile(t, out)
		header := "\ufeff" + "Primary name,Primary email,Primary role,Primary organisation,Secondary name,Secondary email,Secondary role,Secondary organisation,Visit to primary: date,Visit to primary: status,Visit to secondary: date,Visit to secondary: status,Locked,Reason," +
			"Visit to primary: time,Visit to primary: notes,Visit to primary: reflection received," +
			"Visit to secondary: time,Visit to secondary: notes,Visit to secondary: reflection received" + "\r\n"
		if !strings.HasPrefix(got, header) {
			t.Fatalf("export starts %q, want %q", got, header)
		}
		row := strings.TrimPrefix(got, header)
		for _, want := range []string{`"'=HYPERLINK(""http://x"")"`, "GP", `"'+Old Bank, Surgery"`, "Ben Brook", "ben.brook@nhs.net", "Consultant",
			"'@City General", ",proposed,", ",no,", "specialty wished for: Cardiology"} {
			if !strings.Contains(row, want) {
				t.Errorf("pairings row lacks %q:\n%s", want, row)
			}
		}
		if n := strings.Count(got, "\r\n"); n != 2 {
			t.Fatalf("%d CRLF lines, want 2 (header and one pair):\n%q", n, got)
		}
	})

	t.Run("FailureLeavesNothing", func(t *testing.T) {
		out := filepath.Join(dir, "no such folder", "participants.csv")
		code, _, stderr := run(t, "export", "participants", "--db", db, "--out", out)
		if code != 1 || !strings.Contains(stderr, "Cannot write in") {
			t.Fatalf("exit %d, stderr %q", code, stderr)
		}
		if _, err := os.Stat(out); !os.IsNotExist(err) {
			t.Fatalf("a failed export left %s: %v", out, err)
		}
	})

	t.Run("WriterErrorKeepsOldFile", func(t *testing.T) {
		out := filepath.Join(dir, "keep.csv")
		if err := os.WriteFile(out, []byte("old"), 0o600); err != nil {
			t.Fatal(err)
		}
		err := tasks.WriteFileAtomic(out, func(w io.Writer) error {
			fmt.Fprint(w, "half")
			return store.Errorf(store.EINVALID, "disk full")
		})
		if err == nil {
			t.Fatal("WriteFileAtomic hid the writer's error")
		}
		if got, want := readFile(t, out), "old"; got != want {
			t.Fatalf("file = %q, want %q", got, want)
		}
		left, _ := filepath.Glob(filepath.Join(dir, ".keep.csv.*"))
		if len(left) != 0 {
			t.Fatalf("temp files left behind: %v", left)
		}
	})
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// participantsCSV is a sign-up sheet of n people, half GPs and half
// consultants, as a forms tool writes it.
func participantsCSV(n int) []byte {
	var b bytes.Buffer
	b.WriteString("\ufeffFirst name,Last name,Email address,Job role,Organisation,Speciality,PCN,Timestamp\r\n")
	for i := range n {
		role, org := "GP", fmt.Sprintf("Practice %d", i%300)
		if i%2 == 1 {
			role, org = "Consultant", fmt.Sprintf("Trust %d", i%7)
		}
		fmt.Fprintf(&b, "First%d,\"Last, %d\",person%d@nhs.net,%s,%s,Specialty %d,Locality %d,2026-01-01 09:00\r\n", i, i, i, role, org, i%12, i%9)
	}
	return b.Bytes()
}

// BenchmarkImportParticipants10k imports a 10,000-person sheet end to end:
// parse and check it, then upsert every row into a fresh database in one
// transaction. Opening the database is not timed.
func BenchmarkImportParticipants10k(b *testing.B) {
	data := participantsCSV(10000)
	ctx := context.Background()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		db, err := sqlite.Open(filepath.Join(b.TempDir(), fmt.Sprintf("bench%d.db", i)))
		if err != nil {
			b.Fatal(err)
		}
		r := store.Round{Name: "Bench"}
		if err := db.CreateRound(ctx, &r); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		imp, err := csvio.ReadParticipants(bytes.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
		if len(imp.Problems) > 0 {
			b.Fatalf("benchmark sheet has problems: %v", imp.Problems[0])
		}
		created, _, err := db.UpsertParticipants(ctx, r.ID, imp.Participants())
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		if created != 10000 {
			b.Fatalf("created %d, want 10000", created)
		}
		db.Close()
		b.StartTimer()
	}
}

// importText writes text as a CSV file and imports it into round "R" of the
// database at db, failing the test unless the import succeeds.
func importText(t *testing.T, db, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "sheet.csv")
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := run(t, "import", "participants", path, "--db", db, "--round", "R")
	if code != 0 {
		t.Fatalf("import exited %d: %s", code, stderr)
	}
	return stdout
}

// TestImportNeverErases checks that updating people from a sheet with a
// column left out, or a cell left empty, keeps what is stored and says so.
func TestImportNeverErases(t *testing.T) {
	db := filepath.Join(t.TempDir(), "liaison.db")
	seedRound(t, db, "R", person("Ben Brook", store.RoleConsultant, "City General", "Cardiology", "East", "General practice"))
	// seedRound stores no email; give Ben one so the sheet matches by it.
	ps := participantsIn(t, db)
	ben := ps[0]
	ben.Email = "ben@example.org"
	if err := openStore(t, db).UpdateParticipant(context.Background(), &ben); err != nil {
		t.Fatal(err)
	}

	stdout := importText(t, db, "Name,Email,Role,Organisation,Specialty,Locality\r\nBen Brook,ben@example.org,Consultant,City Hospital,,\r\n")
	if got, want := strings.TrimSpace(stdout), `0 new, 1 updated in "R"; empty cells left the stored value unchanged (2 cells).`; got != want {
		t.Fatalf("stdout = %q, want %q", got, want)
	}
	got := participantsIn(t, db)
	if len(got) != 1 {
		t.Fatalf("%d participants, want 1", len(got))
	}
	for _, c := range []struct{ field, got, want string }{
		{"organisation", got[0].Organisation, "City Hospital"},
		{"specialty", got[0].Specialty, "Cardiology"},
		{"locality", got[0].Locality, "East"},
		{"wishes", strings.Join(got[0].Wishes, ";"), "General practice"},
	} {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.field, c.got, c.want)
		}
	}

	// A full sheet changes nothing that it does not fill: no note.
	stdout = importText(t, db, "Name,Email,Role,Specialty\r\nBen Brook,ben@example.org,Consultant,Renal\r\n")
	if got, want := strings.TrimSpace(stdout), `0 new, 1 updated in "R".`; got != want {
		t.Fatalf("stdout = %q, want %q", got, want)
	}
}

// TestReimportWithoutEmail checks that importing the same email-less
// person twice updates them rather than adding them again.
func TestReimportWithoutEmail(t *testing.T) {
	db := filepath.Join(t.TempDir(), "liaison.db")
	seedRound(t, db, "R")
	const sheet = "Name,Role,Organisation\r\nNo Email Person,GP,Hill Surgery\r\n"
	if got, want := strings.TrimSpace(importText(t, db, sheet)), `1 new, 0 updated in "R".`; got != want {
		t.Fatalf("first import: %q, want %q", got, want)
	}
	if got, want := strings.TrimSpace(importText(t, db, strings.ToUpper(sheet))), `0 new, 1 updated in "R".`; got != want {
		t.Fatalf("second import: %q, want %q", got, want)
	}
	if got, want := len(participantsIn(t, db)), 1; got != want {
		t.Fatalf("%d participants after two imports, want %d", got, want)
	}
}

func TestCountImport(t *testing.T) {
	existing := []store.Participant{
		{ID: 1, Name: "Ada", Email: "ada@example.org", Role: store.RoleGP, Organisation: "Old Bank", Locality: "West"},
		{ID: 2, Name: "Cy Carter", Role: store.RoleNurse, Specialty: "Frailty"},
	}
	imp, err := csvio.ReadParticipants(strings.NewReader("Name,Email,Role,Locality,Specialty\nAda,ADA@example.org,GP,,\ncy  carter,,Nurse,,\nDee,,GP,,\n"))
	if err != nil || len(imp.Problems) > 0 {
		t.Fatalf("reading: %v, %v", imp, err)
	}
	got := tasks.CountImport(imp, existing)
	// Ada's empty Locality keeps "West" (her empty Specialty keeps
	// nothing); Cy's empty Specialty keeps "Frailty". Organisation is no
	// column, so it is not counted.
	if want := (tasks.ImportCounts{Created: 1, Updated: 2, KeptEmpty: 2}); got != want {
		t.Fatalf("CountImport = %+v, want %+v", got, want)
	}
}
