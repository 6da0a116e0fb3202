package forms

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/liaisonapp/liaison/store"
	"github.com/liaisonapp/liaison/store/csvio"
)

// Problem is one thing wrong with an import: csvio's, so that the
// feedback, reflection and participant imports name bad cells alike. A
// problem with the file as a whole is on line 1, the header, with Column
// empty (or naming the column at fault).
type Problem = csvio.Problem

// Result is what Apply made of an export.
type Result struct {
	// Plan is the plan applied, with NewQuestions rebuilt to match the
	// placeholder IDs used in Responses.
	Plan Plan
	// Responses holds one response per row that answered anything, in file
	// order. Scores are keyed by the round's question IDs; the answers to a
	// new question are keyed by a negative placeholder: the score column
	// Plan.NewQuestions[j] is keyed -(j+1). The caller creates those
	// questions and rewrites the keys before storing. RoundID is left 0.
	Responses []store.Response
	// Problems lists every bad cell. Import is all or nothing: when there
	// are any, the caller stores nothing and shows them all.
	Problems []Problem
	// Skipped counts rows with no score cell filled in and no comment
	// (opened the form, answered nothing), which are not responses.
	Skipped int
	// Words maps each score written as a label ("6 - Most likely") to the
	// score it was read as (see ScoreWords).
	Words map[string]int
}

// Err returns nil when r has no problems, or else an EINVALID error whose
// message lists every problem, one per line, for the command line and the
// GUI's error dialog.
func (r Result) Err() error {
	if len(r.Problems) == 0 {
		return nil
	}
	var b strings.Builder
	if len(r.Problems) == 1 {
		b.WriteString("The file has a problem, so nothing was imported:")
	} else {
		fmt.Fprintf(&b, "The file has %d problems, so nothing was imported:", len(r.Problems))
	}
	for _, p := range r.Problems {
		b.WriteString("\n")
		b.WriteString(p.String())
	}
	return store.Errorf(store.EINVALID, "%s", b.String())
}

// scoreReason and roleReason read on from a quoted cell value.
const scoreReason = "is not a score: use a whole number from 1 to 6, or leave the cell empty when the question was not answered"

var roleReason = "is not a role Liaison knows: use one of " + roleList()

func roleList() string {
	ls := make([]string, len(store.Roles))
	for i, r := range store.Roles {
		ls[i] = r.Label()
	}
	return strings.Join(ls, ", ")
}

// Apply reads every row of t according to plan. source becomes each
// response's Source (such as "import:survey.csv"). It is an Applier run
// over every row; see Applier for the rules.
func Apply(t *csvio.Table, plan Plan, source string) Result {
	a := NewApplier(plan, source)
	for _, row := range t.Rows {
		if r, ok := a.Row(row); ok {
			a.res.Responses = append(a.res.Responses, r)
		}
	}
	return a.Result()
}

// Applier reads an export's rows one at a time according to a plan, so
// that a large export can be stored as it is read, without holding it.
//
// Every cell of a Score column must be a whole number 1–6 (spaces around it
// are fine) or empty; anything else is a Problem naming line, column and
// value, and the column stays a Score column. Role cells must name a role
// or decline to ("Prefer not to say", "N/A", empty), which keeps the
// response with no role. Two score columns with the same header, two
// columns answering the same question, or more than store.MaxScoreColumns
// score columns are problems with the header.
//
// Each response's Key is "id:" and the ID column's value when the row has
// an ID: within a round, a forms response ID is the response, and a
// re-downloaded export carries the same IDs with any edits. Otherwise it
// is "fp:" and a hex SHA-256 fingerprint of the row's score, role and
// comment cells (and its start time, when the export has one), together
// with how many identical rows came before it in the file. So the same file
// imported twice gives the same keys, while two people who gave the same
// answers in an export without IDs or times still count twice.
type Applier struct {
	res    Result
	source string
	scores []scoreCol
	// The columns, or -1.
	idCol, roleCol, commentCol int
	idHdr, roleHdr             string
	fpCols                     []int
	seenID                     map[string]int // response ID → line
	// A numeric response ID (forms number them 1, 2, 3 …) → line: below
	// maxSeenSlot in seenLine (0 for not seen), above it in seenNum.
	seenLine []int32
	seenNum  map[uint64]int
	seenFP   map[string]int // content digest → rows so far
	// roles remembers how each role cell read: an export has a handful of
	// distinct answers, and reading one takes several map look-ups.
	roles map[string]roleCell
}

type roleCell struct {
	role          store.Role
	none, unknown bool
}

type scoreCol struct {
	Column
	key int64
}

// NewApplier prepares to read rows with plan. Problems with the plan itself
// (no score column, the same header twice) are in Problems from the start.
func NewApplier(plan Plan, source string) *Applier {
	a := &Applier{
		res:    Result{Plan: Plan{Columns: plan.Columns}},
		source: source, idCol: -1, roleCol: -1, commentCol: -1,
		seenID: map[string]int{}, seenNum: map[uint64]int{}, seenFP: map[string]int{}, roles: map[string]roleCell{},
	}
	startCol := -1
	byQuestion := map[int64]string{}
	byHeader := map[string]int{}
	for _, c := range plan.Columns {
		switch c.Kind {
		case Score:
			if at, dup := byHeader[csvio.Normalize(c.Header)]; dup {
				a.res.Problems = append(a.res.Problems, Problem{Line: 1, Column: c.Header,
					Reason: fmt.Sprintf("is the header of columns %d and %d: delete or rename one so that Liaison knows which to read", at+1, c.Index+1)})
				continue
			}
			byHeader[csvio.Normalize(c.Header)] = c.Index
			key := c.QuestionID
			if key <= 0 && strings.TrimSpace(c.Header) == "" {
				a.res.Problems = append(a.res.Problems, Problem{Line: 1,
					Reason: fmt.Sprintf("column %d holds scores but has no header, so the question it answers would have no text: write the question in the header", c.Index+1)})
			}
			if key <= 0 {
				a.res.Plan.NewQuestions = append(a.res.Plan.NewQuestions, c.Header)
				key = -int64(len(a.res.Plan.NewQuestions))
			} else if prev, dup := byQuestion[key]; dup {
				a.res.Problems = append(a.res.Problems, Problem{Line: 1, Column: c.Header,
					Reason: fmt.Sprintf("answers the same question as column %q: map only one column to each question", prev)})
			}
			byQuestion[key] = c.Header
			a.scores = append(a.scores, scoreCol{c, key})
			a.fpCols = append(a.fpCols, c.Index)
		case Role:
			if a.roleCol < 0 {
				a.roleCol, a.roleHdr = c.Index, c.Header
				a.fpCols = append(a.fpCols, c.Index)
			}
		case Comment:
			if a.commentCol < 0 {
				a.commentCol = c.Index
				a.fpCols = append(a.fpCols, c.Index)
			}
		case ID:
			if a.idCol < 0 {
				a.idCol, a.idHdr = c.Index, c.Header
			}
		case Ignored:
			if startCol < 0 && startHeaders[csvio.Normalize(c.Header)] {
				startCol = c.Index
			}
		}
	}
	if startCol >= 0 {
		a.fpCols = append(a.fpCols, startCol)
	}
	switch {
	case len(a.scores) == 0:
		a.res.Problems = append(a.res.Problems, Problem{Line: 1,
			Reason: "the header has no column of scores: choose which columns hold the answers to the survey's questions"})
	case len(a.scores) > store.MaxScoreColumns:
		a.res.Problems = append(a.res.Problems, Problem{Line: 1,
			Reason: fmt.Sprintf("the file has %d score columns; Liaison takes at most %d, so nothing was read", len(a.scores), store.MaxScoreColumns)})
	}
	return a
}

// Plan returns the plan being applied, with NewQuestions matching the
// placeholder keys of the responses.
func (a *Applier) Plan() Plan { return a.res.Plan }

// Problems returns every problem found so far.
func (a *Applier) Problems() []Problem { return a.res.Problems }

// Skipped returns how many rows so far answered nothing.
func (a *Applier) Skipped() int { return a.res.Skipped }

// Result returns what the rows so far made, without their responses (Apply
// collects those).
func (a *Applier) Result() Result { return a.res }

// Row reads one row. It returns the row's response and true, or false when
// the row answered nothing (counted in Skipped). Any problem with the row
// is added to Problems; the response is still returned, so a caller that
// only counts can go on, but one with problems must not be stored.
func (a *Applier) Row(row csvio.Row) (store.Response, bool) {
	var r store.Response
	ok := a.RowInto(row, &r)
	return r, ok
}

// RowInto reads one row into r as Row does, reusing r's Scores map (which
// it empties) rather than making a new one: an import of 100,000 rows
// then allocates a map per chunk of rows, not per row.
func (a *Applier) RowInto(row csvio.Row, r *store.Response) bool {
	scores := r.Scores
	if scores == nil {
		scores = make(map[int64]int, len(a.scores))
	} else {
		clear(scores)
	}
	*r = store.Response{Source: a.source, Scores: scores}
	answered := false // any score cell filled in, even badly
	for _, c := range a.scores {
		v := cell(row, c.Index)
		if v == "" {
			continue
		}
		answered = true
		n, ok := parseScore(v)
		if !ok {
			// A label ("6 - Most likely") is read when it means one score.
			w, wok, ambiguous := parseScoreWord(v)
			switch {
			case wok:
				if a.res.Words == nil {
					a.res.Words = map[string]int{}
				}
				if len(a.res.Words) < 100 {
					a.res.Words[strings.Clone(v)] = w
				}
				n = w
			case ambiguous:
				a.res.Problems = append(a.res.Problems, Problem{Line: row.Line, Column: c.Header, Value: v, Reason: scoreWordReason})
				continue
			default:
				a.res.Problems = append(a.res.Problems, Problem{Line: row.Line, Column: c.Header, Value: v, Reason: scoreReason})
				continue
			}
		}
		r.Scores[c.key] = n
	}
	if a.roleCol >= 0 {
		v := cell(row, a.roleCol)
		rc, seen := a.roles[v]
		if !seen {
			rc.none = isNoRole(v)
			if !rc.none {
				var ok bool
				rc.role, ok = parseRole(v)
				rc.unknown = !ok
			}
			if len(a.roles) < 1000 {
				a.roles[v] = rc
			}
		}
		switch {
		case rc.unknown:
			a.res.Problems = append(a.res.Problems, Problem{Line: row.Line, Column: a.roleHdr, Value: v, Reason: roleReason})
		case !rc.none:
			r.Role = rc.role
		}
	}
	if a.commentCol >= 0 {
		r.Comment = cell(row, a.commentCol)
	}
	if !answered && r.Comment == "" {
		a.res.Skipped++
		return false
	}
	if id := cell(row, a.idCol); a.idCol >= 0 && id != "" {
		if prev, dup := a.seenBefore(id, row.Line); dup {
			a.res.Problems = append(a.res.Problems, Problem{Line: row.Line, Column: a.idHdr, Value: id,
				Reason: fmt.Sprintf("is the same response ID as on line %d: each response should appear once", prev)})
		}
		r.Key = "id:" + id
	} else {
		d := digest(row, a.fpCols)
		a.seenFP[d]++
		h := sha256.Sum256([]byte(d + "#" + strconv.Itoa(a.seenFP[d])))
		r.Key = "fp:" + hex.EncodeToString(h[:])
	}
	return true
}

// maxSeenSlot bounds the response IDs kept in a slice: 4 bytes each up
// to 2 million (8 MB at most).
const maxSeenSlot = 1 << 21

// seenBefore records that response ID id is on line, and returns the line
// it was on before, if it was. Forms number their responses, so a plain
// number (no sign, no leading zero) is kept as one, which is much cheaper
// than keeping the text; anything else is kept as text.
func (a *Applier) seenBefore(id string, line int) (prev int, dup bool) {
	if n, err := strconv.ParseUint(id, 10, 64); err == nil && (id == "0" || id[0] != '0') {
		if n < maxSeenSlot {
			if n >= uint64(len(a.seenLine)) {
				grown := slices.Grow(a.seenLine, int(n)+1-len(a.seenLine))
				a.seenLine = grown[:cap(grown)]
			}
			prev, a.seenLine[n] = int(a.seenLine[n]), int32(min(line, math.MaxInt32))
			return prev, prev != 0
		}
		prev, dup = a.seenNum[n]
		a.seenNum[n] = line
		return prev, dup
	}
	prev, dup = a.seenID[id]
	// A clone: the cell shares its memory with the whole record.
	a.seenID[strings.Clone(id)] = line
	return prev, dup
}

// digest is the fingerprint input for a row: the trimmed cells of cols,
// each prefixed with its length so that no two different rows can run
// together into the same string.
func digest(row csvio.Row, cols []int) string {
	var b strings.Builder
	for _, i := range cols {
		v := cell(row, i)
		b.WriteString(strconv.Itoa(len(v)))
		b.WriteByte(':')
		b.WriteString(v)
	}
	return b.String()
}
