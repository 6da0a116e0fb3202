package tasks

import (
	"io"
	"strings"

	"github.com/liaisonapp/liaison/store"
	"github.com/liaisonapp/liaison/store/csvio"
)

// Comment is a survey response's free-text comment ("anything else?").
type Comment struct {
	ResponseID int64
	Text       string
	Role       store.Role
	Source     string
	// Names lists the participants the comment names (store.NamesIn). A
	// comment that names someone is flagged: it is shown to the organiser
	// but never exported or quoted, as the survey is anonymous.
	Names []string
}

// Flagged reports whether the comment names a participant.
func (c Comment) Flagged() bool { return len(c.Names) > 0 }

// Comments collects the responses' comments, in the order given, flagging
// those that name one of people.
func Comments(rs []store.Response, people []store.Participant) []Comment {
	var out []Comment
	for _, r := range rs {
		text := strings.TrimSpace(r.Comment)
		if text == "" {
			continue
		}
		out = append(out, Comment{ResponseID: r.ID, Text: text, Role: r.Role, Source: r.Source, Names: store.NamesIn(text, people)})
	}
	return out
}

// SearchComments returns the comments whose text or role contains every
// word of query, ignoring case.
func SearchComments(cs []Comment, query string) []Comment {
	words := strings.Fields(strings.ToLower(query))
	if len(words) == 0 {
		return cs
	}
	var out []Comment
	for _, c := range cs {
		hay := strings.ToLower(c.Text + "\n" + c.Role.Label())
		match := true
		for _, w := range words {
			if !strings.Contains(hay, w) {
				match = false
				break
			}
		}
		if match {
			out = append(out, c)
		}
	}
	return out
}

// CommentRow is a line of the comments export.
type CommentRow struct {
	Comment string `csv:"Comment"`
	Role    string `csv:"Role given"`
}

// ExportComments writes the comments that name nobody as Excel-safe CSV
// (csvio.Write) and returns how many it wrote and how many it held back
// because they name a participant.
func ExportComments(w io.Writer, cs []Comment) (written, withheld int, err error) {
	rows := []CommentRow{}
	for _, c := range cs {
		if c.Flagged() {
			withheld++
			continue
		}
		role := ""
		if c.Role != "" {
			role = c.Role.Label()
		}
		rows = append(rows, CommentRow{Comment: c.Text, Role: role})
	}
	return len(rows), withheld, csvio.Write(w, rows)
}
