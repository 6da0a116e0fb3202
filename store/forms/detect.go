// Package forms turns a feedback-survey export (Microsoft Forms, Google
// Forms, or a spreadsheet saved as CSV) into survey responses, reads a CSV
// of anonymous reflections, and suggests reflection themes from keywords.
//
// It is pure logic over a csvio.Table: it neither reads files nor touches the
// database, so the GUI can show the detected mapping and a preview, let the
// organiser change the mapping, and only then store anything. Import is
// strict: a bad cell in a score column is a Problem naming its line, column
// and value, never a reason to drop the column.
package forms

import (
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/liaisonapp/liaison/store"
	"github.com/liaisonapp/liaison/store/csvio"
)

// Kind says what a column of an export holds, and so what the import does
// with it. The zero value is Ignored, so that a column nobody classified is
// never stored by accident.
type Kind int

// The kinds of column.
const (
	// Ignored columns are not stored: metadata (start and completion times,
	// email, name, points) and anything else Liaison has no use for. Names
	// and emails are ignored on purpose, because responses are anonymous.
	Ignored Kind = iota
	// Score columns hold a 1–6 answer to a survey question.
	Score
	// Role columns say what the respondent does (GP, consultant, …), for
	// breakdowns.
	Role
	// ID columns hold the export's response ID, which makes a re-import
	// recognise responses it already has.
	ID
	// Comment columns hold free text; at most one is kept per response.
	Comment
)

var kindNames = [...]string{"ignored", "score", "role", "ID", "comment"}

// String names the kind as the mapping screen shows it.
func (k Kind) String() string {
	if k >= 0 && int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "kind(" + strconv.Itoa(int(k)) + ")"
}

// Column is how one column of the export is used.
type Column struct {
	// Index is the column's position in the table, from 0.
	Index int
	// Header is the column's header as the file has it.
	Header string
	Kind   Kind
	// QuestionID is the round question a Score column answers, or 0 when
	// the column is a question the round does not have yet (see
	// Plan.NewQuestions).
	QuestionID int64
}

// Plan is the mapping from an export's columns to Liaison's responses. The
// GUI shows it for the organiser to confirm or change before Apply.
type Plan struct {
	// Columns has one entry per header, in file order.
	Columns []Column
	// NewQuestions holds, in column order, the headers of the Score columns
	// whose QuestionID is 0: questions the round would gain on import.
	NewQuestions []string
}

// idHeaders are headers that name a response ID, normalised.
var idHeaders = set("id", "responseid", "respondentid", "submissionid", "responsenumber", "responseno")

// metaHeaders are the metadata columns the forms tools add, normalised:
// Microsoft Forms (ID, Start time, Completion time, Email, Name, Last
// modified time), Google Forms (Timestamp, Email address, Score),
// SurveyMonkey (Collector ID, Start/End date, IP address, First/Last name).
var metaHeaders = set(
	"starttime", "completiontime", "endtime", "lastmodifiedtime", "timestamp",
	"submittedat", "submissiontime", "submitted", "startdate", "enddate",
	"date", "time", "email", "emailaddress", "youremail", "youremailaddress",
	"name", "fullname", "yourname", "firstname", "lastname", "surname",
	"respondent", "ipaddress", "collectorid", "customdata1", "useragent",
	"totalpoints", "points", "quizfeedback", "score", "totalscore", "language",
)

// startHeaders are metadata columns that tell two identical answer sets
// apart, so Apply puts them in the fingerprint.
var startHeaders = set("starttime", "timestamp", "submittedat", "submissiontime", "startdate")

// roleHeaders are headers that ask for the respondent's role, normalised.
var roleHeaders = set("role", "yourrole", "jobrole", "jobtitle", "profession", "occupation",
	"staffgroup", "professionalgroup", "whatisyourrole", "whatisyourprofession")

// commentWords mark the header of the free-text column to keep when a file
// has several.
var commentWords = []string{"comment", "feedback", "anythingelse", "suggest", "improve", "further", "other", "why"}

func set(s ...string) map[string]bool {
	m := make(map[string]bool, len(s))
	for _, v := range s {
		m[v] = true
	}
	return m
}

// Detect proposes a Plan for t given the round's questions qs. A column is
// a Score column when its header matches a question (the same text, one
// containing the other, or most of the same words), or when nearly all
// (90%) of its values are whole numbers 1–6 and it is not an ID column. An
// ID column is one headed ID (or "Response ID") or whose values rise
// strictly, like Microsoft Forms' 1, 2, 3 … 71: it is never taken for
// scores. Names and emails are always Ignored. Of the free-text columns one
// is kept as the Comment: the one whose header says so, else the longest.
func Detect(t *csvio.Table, qs []store.Question) Plan {
	cols := make([]Column, len(t.Header))
	decided := make([]bool, len(t.Header))
	haveID, haveRole := false, false
	for i, h := range t.Header {
		cols[i] = Column{Index: i, Header: h}
		nh := csvio.Normalize(h)
		switch {
		case idHeaders[nh]:
			if !haveID {
				cols[i].Kind, haveID = ID, true
			}
			decided[i] = true
		case metaHeaders[nh]:
			decided[i] = true
		}
	}

	matchQuestions(cols, decided, qs)

	var comments []int
	for i := range cols {
		if decided[i] {
			continue
		}
		vals := values(t, i)
		switch {
		case personalHeader(cols[i].Header) || share(vals, looksLikeEmail) >= 0.5:
			// Ignored: never stored, whatever else the column might hold.
		case metaWords(cols[i].Header):
			// Ignored: a short header about times or dates.
		case !haveRole && roleHeader(cols[i].Header):
			// Even when its values are not roles: Apply then names each
			// bad cell, rather than the column turning into a comment.
			cols[i].Kind, haveRole = Role, true
		case rising(t, i):
			if !haveID {
				cols[i].Kind, haveID = ID, true
			}
		case len(vals) > 0 && share(vals, isScore) >= 0.9:
			cols[i].Kind = Score
		case !haveRole && len(vals) > 0 && (asksRole(cols[i].Header) || mostlyRoles(vals)):
			cols[i].Kind, haveRole = Role, true
		case share(vals, hasLetter) > 0:
			comments = append(comments, i)
		}
	}
	if c := pickComment(t, cols, comments); c >= 0 {
		cols[c].Kind = Comment
	}

	p := Plan{Columns: cols}
	for _, c := range cols {
		if c.Kind == Score && c.QuestionID == 0 {
			p.NewQuestions = append(p.NewQuestions, c.Header)
		}
	}
	return p
}

// matchQuestions marks as Score the columns whose headers match one of qs,
// best matches first, each question to at most one column, so that a long
// header with the question inside it wins over a loose word overlap.
func matchQuestions(cols []Column, decided []bool, qs []store.Question) {
	type cand struct {
		col, q int
		score  float64
	}
	var cands []cand
	for i := range cols {
		if decided[i] {
			continue
		}
		for j, q := range qs {
			if s := headerMatch(cols[i].Header, q.Text); s > 0 {
				cands = append(cands, cand{i, j, s})
			}
		}
	}
	sort.SliceStable(cands, func(a, b int) bool { return cands[a].score > cands[b].score })
	usedQ := make([]bool, len(qs))
	for _, c := range cands {
		if decided[c.col] || usedQ[c.q] {
			continue
		}
		decided[c.col], usedQ[c.q] = true, true
		cols[c.col].Kind = Score
		cols[c.col].QuestionID = qs[c.q].ID
	}
}

// headerMatch scores how well a column header matches a question's text,
// from 0 (no match) to 1 (the same text, ignoring case and punctuation).
// Forms tools add numbering ("3. …") and scale hints ("… (1 = least
// likely)"), and organisers shorten questions, so containment counts too,
// but only for texts long enough that it is not a coincidence ("id" is
// inside "did you find…").
func headerMatch(header, question string) float64 {
	nh, nq := csvio.Normalize(header), csvio.Normalize(question)
	if nh == "" || nq == "" {
		return 0
	}
	if nh == nq {
		return 1
	}
	short, long := nh, nq
	if len(short) > len(long) {
		short, long = long, short
	}
	if len(short) >= 10 && strings.Contains(long, short) {
		return 0.9
	}
	a, b := contentWords(header), contentWords(question)
	common := 0
	for w := range a {
		if b[w] {
			common++
		}
	}
	if common < 2 {
		return 0
	}
	dice := 2 * float64(common) / float64(len(a)+len(b))
	if dice < 0.6 {
		return 0
	}
	return 0.8 * dice
}

// stopWords carry no meaning for matching a header to a question.
var stopWords = set("a", "an", "the", "you", "your", "are", "is", "was", "were", "to", "of", "in",
	"on", "for", "as", "at", "by", "with", "be", "do", "did", "does", "will", "would", "could",
	"how", "what", "this", "that", "it", "and", "or", "if", "we", "our", "i", "me", "my", "result",
	"please", "rate", "scale", "least", "most", "likely", "1", "2", "3", "4", "5", "6")

// contentWords returns the stemmed words of s that carry meaning.
func contentWords(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range words(s) {
		if !stopWords[w] {
			m[stem(w)] = true
		}
	}
	return m
}

// words splits s into lower-case words of letters and digits.
func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\''
	})
}

// personalHeader reports whether a short header names a column of
// personal data (a name or an email), which Liaison never stores with a
// response. Long headers are questions, which may mention names freely.
func personalHeader(h string) bool {
	ws := words(h)
	if len(ws) > 6 {
		return false
	}
	for _, w := range ws {
		switch w {
		case "name", "names", "email", "emails", "mail", "surname", "forename", "firstname", "lastname":
			return true
		}
	}
	return false
}

// metaWords reports whether a short header is about when the form was
// filled in. Long headers are questions, which may mention time freely.
func metaWords(h string) bool {
	ws := words(h)
	if len(ws) > 4 {
		return false
	}
	for _, w := range ws {
		switch w {
		case "time", "timestamp", "date", "modified", "ip", "started", "completed", "submitted":
			return true
		}
	}
	return false
}

// roleHeader reports whether a header asks for the respondent's role. Only
// short headers count ("Job role", "Profession", "Are you a…"), so that a
// question about "professional development" stays a question.
func roleHeader(h string) bool {
	nh := csvio.Normalize(h)
	if roleHeaders[nh] || strings.HasPrefix(nh, "areyoua") {
		return true
	}
	return len(words(h)) <= 4 && (strings.Contains(nh, "role") || strings.Contains(nh, "profession"))
}

// asksRole reports whether a header of a few words asks for "your role"
// (or profession, job, occupation), as in Microsoft Forms' "Which best
// describes your role?". Detect trusts it only for a column whose values
// are not scores, so that "Did the scheme help you understand your role?"
// stays a question.
func asksRole(h string) bool {
	ws := words(h)
	if len(ws) > 8 {
		return false
	}
	for i := 1; i < len(ws); i++ {
		if ws[i-1] == "your" {
			switch ws[i] {
			case "role", "profession", "job", "occupation":
				return true
			}
		}
	}
	return false
}

// parseRole reads a role cell with the store's one role parser.
func parseRole(v string) (store.Role, bool) { return store.ParseRole(v) }

// noRoleAnswers are the answers, reduced to their letters and digits, by
// which a respondent declines to give a role. They are an answer, not a
// mistake: the response is kept, with no role, like an empty cell.
var noRoleAnswers = map[string]bool{
	"": true, "na": true, "notapplicable": true, "prefernottosay": true, "prefernottoanswer": true,
	"rathernotsay": true, "notstated": true, "notgiven": true,
	"notknown": true, "unknown": true, "none": true, "declined": true,
}

// isNoRole reports whether a role cell declines to give a role ("Prefer not
// to say", "Not stated", "N/A", or nothing at all).
func isNoRole(v string) bool { return noRoleAnswers[letters(v)] }

// letters lowercases v and keeps only its letters and digits, so that
// "N/A", "n.a." and "NA" read alike.
func letters(v string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return unicode.ToLower(r)
		}
		return -1
	}, v)
}

// values returns the non-empty, trimmed cells of column i.
func values(t *csvio.Table, i int) []string {
	var vs []string
	for _, r := range t.Rows {
		if v := cell(r, i); v != "" {
			vs = append(vs, v)
		}
	}
	return vs
}

// cell returns the trimmed cell i of r, or "" when the row is short.
func cell(r csvio.Row, i int) string {
	if i < 0 || i >= len(r.Cells) {
		return ""
	}
	return strings.TrimSpace(r.Cells[i])
}

// share returns the fraction of vs for which f holds, 0 for none.
func share(vs []string, f func(string) bool) float64 {
	if len(vs) == 0 {
		return 0
	}
	n := 0
	for _, v := range vs {
		if f(v) {
			n++
		}
	}
	return float64(n) / float64(len(vs))
}

// parseScore reads a trimmed cell as a score: a whole number 1–6 written
// with digits only. "5.0", "+5" and "five" are not scores: a tool that
// wrote them has changed the question, and the organiser should look.
func parseScore(v string) (int, bool) {
	if v == "" || len(v) > 2 {
		return 0, false
	}
	n := 0
	for _, r := range v {
		if r < '0' || r > '9' {
			return 0, false
		}
		n = n*10 + int(r-'0')
	}
	return n, n >= 1 && n <= 6
}

// isScore reports whether v is a score, in digits or as a label that
// means one score ("6 - Most likely"), for recognising score columns.
func isScore(v string) bool {
	if _, ok := parseScore(v); ok {
		return true
	}
	_, ok, _ := parseScoreWord(v)
	return ok
}

func isRole(v string) bool { _, ok := parseRole(v); return ok }

// mostlyRoles reports whether nearly all of vs name a role, leaving out
// the answers that decline to give one ("Prefer not to say"), which a
// role column has but which say nothing about what the column is.
func mostlyRoles(vs []string) bool {
	var given []string
	for _, v := range vs {
		if !isNoRole(v) {
			given = append(given, v)
		}
	}
	return len(given) > 0 && share(given, isRole) >= 0.9
}

func looksLikeEmail(v string) bool {
	at := strings.IndexByte(v, '@')
	return at > 0 && at < len(v)-1 && !strings.ContainsAny(v, " \n")
}

func hasLetter(v string) bool {
	return strings.IndexFunc(v, unicode.IsLetter) >= 0
}

// rising reports whether column i looks like a response ID: a value on
// every row, all whole numbers, strictly increasing. With fewer than three
// rows there is too little to tell.
func rising(t *csvio.Table, i int) bool {
	if len(t.Rows) < 3 {
		return false
	}
	prev := int64(0)
	for k, r := range t.Rows {
		n, err := strconv.ParseInt(cell(r, i), 10, 64)
		if err != nil || (k > 0 && n <= prev) {
			return false
		}
		prev = n
	}
	return true
}

// pickComment chooses which free-text column to keep: the first whose
// header says it is a comment, else the one holding the most text. It
// returns -1 when there is none.
func pickComment(t *csvio.Table, cols []Column, cands []int) int {
	for _, i := range cands {
		nh := csvio.Normalize(cols[i].Header)
		for _, w := range commentWords {
			if strings.Contains(nh, w) {
				return i
			}
		}
	}
	best, most := -1, -1
	for _, i := range cands {
		n := 0
		for _, v := range values(t, i) {
			n += len(v)
		}
		if n > most {
			best, most = i, n
		}
	}
	return best
}
