package forms

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash/fnv"
	"io"
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
// response's Source (such as "import:survey.csv").
//
// Every cell of a Score column must be a whole number 1–6 (spaces around it
// are fine) or empty; anything else is a Problem naming line, column and
// value, and the column stays a Score column. Role cells must name a role
// or decline to ("Prefer not to say", "N/A", empty), which keeps the
// response with no role.
//
// Each response's Key is "id:", the ID column's value, "#" and a short hex
// fingerprint of the row's score, role and comment cells (and start time)
// when the row has an ID, so that a second form in the same round whose
// IDs also start at 1 is not taken for the first; otherwise "fp:" and a hex SHA-256 fingerprint of the row's score,
// role and comment cells (and its start time, when the export has one),
// together with how many identical rows came before it in the file. So the
// same file imported twice gives the same keys, while two people who gave
// the same answers in an export without IDs or times still count twice.
func Apply(t *csvio.Table, plan Plan, source string) Result {
	res := Result{Plan: Plan{Columns: plan.Columns}}
	type scoreCol struct {
		Column
		key int64
	}
	var scores []scoreCol
	idCol, roleCol, commentCol, startCol := -1, -1, -1, -1
	var idHdr, roleHdr string
	var fpCols []int
	byQuestion := map[int64]string{}
	for _, c := range plan.Columns {
		switch c.Kind {
		case Score:
			key := c.QuestionID
			if key <= 0 {
				res.Plan.NewQuestions = append(res.Plan.NewQuestions, c.Header)
				key = -int64(len(res.Plan.NewQuestions))
			} else if prev, dup := byQuestion[key]; dup {
				res.Problems = append(res.Problems, Problem{Line: 1, Column: c.Header,
					Reason: fmt.Sprintf("answers the same question as column %q: map only one column to each question", prev)})
			}
			byQuestion[key] = c.Header
			scores = append(scores, scoreCol{c, key})
			fpCols = append(fpCols, c.Index)
		case Role:
			if roleCol < 0 {
				roleCol, roleHdr = c.Index, c.Header
				fpCols = append(fpCols, c.Index)
			}
		case Comment:
			if commentCol < 0 {
				commentCol = c.Index
				fpCols = append(fpCols, c.Index)
			}
		case ID:
			if idCol < 0 {
				idCol, idHdr = c.Index, c.Header
			}
		case Ignored:
			if startCol < 0 && startHeaders[csvio.Normalize(c.Header)] {
				startCol = c.Index
			}
		}
	}
	if startCol >= 0 {
		fpCols = append(fpCols, startCol)
	}
	if len(scores) == 0 {
		res.Problems = append(res.Problems, Problem{Line: 1,
			Reason: "the header has no column of scores: choose which columns hold the answers to the survey's questions"})
	}

	seenID := map[string]int{} // response ID → line
	seenFP := map[string]int{} // content digest → rows so far
	for _, row := range t.Rows {
		r := store.Response{Source: source, Scores: map[int64]int{}}
		answered := false // any score cell filled in, even badly
		for _, c := range scores {
			v := cell(row, c.Index)
			if v == "" {
				continue
			}
			answered = true
			n, ok := parseScore(v)
			if !ok {
				res.Problems = append(res.Problems, Problem{Line: row.Line, Column: c.Header, Value: v, Reason: scoreReason})
				continue
			}
			r.Scores[c.key] = n
		}
		if roleCol >= 0 {
			if v := cell(row, roleCol); !isNoRole(v) {
				if role, ok := parseRole(v); ok {
					r.Role = role
				} else {
					res.Problems = append(res.Problems, Problem{Line: row.Line, Column: roleHdr, Value: v, Reason: roleReason})
				}
			}
		}
		if commentCol >= 0 {
			r.Comment = cell(row, commentCol)
		}
		if !answered && r.Comment == "" {
			res.Skipped++
			continue
		}

		if id := cell(row, idCol); idCol >= 0 && id != "" {
			if prev, dup := seenID[id]; dup {
				res.Problems = append(res.Problems, Problem{Line: row.Line, Column: idHdr, Value: id,
					Reason: fmt.Sprintf("is the same response ID as on line %d: each response should appear once", prev)})
			}
			seenID[id] = row.Line
			// The ID alone is not enough: a GP form and a consultant form
			// in the same round both number their responses 1, 2, 3….
			r.Key = "id:" + id + "#" + contentHash(row, fpCols)
		} else {
			d := digest(row, fpCols)
			seenFP[d]++
			h := sha256.Sum256([]byte(d + "#" + strconv.Itoa(seenFP[d])))
			r.Key = "fp:" + hex.EncodeToString(h[:])
		}
		res.Responses = append(res.Responses, r)
	}
	return res
}

// contentHash is the fingerprint that follows a response's ID in its key:
// the 64-bit FNV-1a hash, in hex, of the same cells digest reads. It only
// has to tell apart responses that share an ID, a handful at most, so 64
// bits are ample, and it is cheap enough not to slow a large import.
func contentHash(row csvio.Row, cols []int) string {
	h := fnv.New64a()
	var n [20]byte
	for _, i := range cols {
		v := cell(row, i)
		h.Write(strconv.AppendInt(n[:0], int64(len(v)), 10))
		h.Write([]byte{':'})
		io.WriteString(h, v)
	}
	return hex.EncodeToString(h.Sum(n[:0]))
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
