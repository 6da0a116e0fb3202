package tasks

import (
	"context"
	"fmt"
	"strings"

	"github.com/liaisonapp/liaison/store"
	"github.com/liaisonapp/liaison/store/csvio"
	"github.com/liaisonapp/liaison/store/forms"
)

// ReflectionsImport is what importing a file of reflections did.
type ReflectionsImport struct {
	// Added and Already count the reflections stored and those left out
	// because the round has them already.
	Added, Already int
	// Ignored are the file's other columns (names, emails): reflections
	// stay anonymous, so they are never read.
	Ignored []string
}

// ImportReflections reads a table of reflections, one per row, and stores
// the new ones in the round, all or none. A file with problems stores
// nothing and the error names every one by line and column.
func ImportReflections(ctx context.Context, db store.Service, roundID int64, t *csvio.Table) (ReflectionsImport, error) {
	bodies, ignored, problems := forms.ReadReflections(t)
	if len(problems) > 0 {
		return ReflectionsImport{}, forms.Result{Problems: problems}.Err()
	}
	existing, err := db.Reflections(ctx, roundID)
	if err != nil {
		return ReflectionsImport{}, err
	}
	fresh, already := NewReflections(existing, bodies)
	if err := db.CreateReflections(ctx, roundID, fresh); err != nil {
		return ReflectionsImport{}, err
	}
	return ReflectionsImport{Added: len(fresh), Already: already, Ignored: ignored}, nil
}

// String says what the import did, as both front ends report it.
func (r ReflectionsImport) String() string {
	msg := fmt.Sprintf("%d added, %d already there.", r.Added, r.Already)
	if len(r.Ignored) > 0 {
		msg += " Ignored columns (reflections stay anonymous, so names and emails are never read): " + QuoteList(r.Ignored) + "."
	}
	return msg
}

// NewReflections returns the bodies not already among existing (ignoring
// surrounding spaces) as reflections to create, and how many were left out
// as already there. Identical bodies are matched by count: the k-th copy
// of a body in the file is already there only when at least k copies are
// stored. So importing the same file twice adds nothing, while two people
// who wrote the same words ("Very useful") are both counted.
func NewReflections(existing []store.Reflection, bodies []string) (fresh []store.Reflection, already int) {
	stored := make(map[string]int, len(existing))
	for _, r := range existing {
		stored[strings.TrimSpace(r.Body)]++
	}
	for _, b := range bodies {
		b = strings.TrimSpace(b)
		if stored[b] > 0 {
			stored[b]--
			already++
			continue
		}
		fresh = append(fresh, store.Reflection{Body: b})
	}
	return fresh, already
}
