package tasks

import (
	"context"
	"errors"
	"io"
	"os"

	"github.com/liaisonapp/liaison/store"
	"github.com/liaisonapp/liaison/store/csvio"
	"github.com/liaisonapp/liaison/store/forms"
)

// SampleRows is how many rows of an export the column detection reads
// before the rest is streamed, and sampleBytes how much text at most:
// rows may be up to csvio.MaxRecord long, and a thousand of those would be
// a gigabyte.
const (
	SampleRows  = 1000
	sampleBytes = 4 << 20
)

// importChunk is how many responses go to the store at a time: as many as
// the store inserts in one statement, so that SQLite starts on the first
// thousand while the rest are still being read.
const importChunk = 1000

// FeedbackFile is a forms export opened for import: its header and first
// SampleRows rows are read, and the rest is read only as it is stored.
type FeedbackFile struct {
	// Sample holds the header and the first SampleRows rows (fewer when
	// they are long).
	Sample *csvio.Table
	// More says whether the file has rows after the sample.
	More bool
	rd   *csvio.Reader
	f    *os.File
}

// OpenFeedback opens the export at path and reads its head.
func OpenFeedback(path string) (*FeedbackFile, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, store.Errorf(store.EINVALID, "Cannot open %s: %v", path, unwrapPath(err))
	}
	rd, err := csvio.NewReader(f)
	if err != nil {
		f.Close()
		return nil, err
	}
	ff := &FeedbackFile{rd: rd, f: f, Sample: &csvio.Table{Header: rd.Header, Encoding: rd.Encoding, Delimiter: rd.Delimiter, HeaderLine: rd.HeaderLine}}
	size := 0
	for len(ff.Sample.Rows) < SampleRows && size < sampleBytes {
		row, err := rd.Next()
		if err == io.EOF {
			return ff, nil
		}
		if err != nil {
			f.Close()
			return nil, err
		}
		ff.Sample.Rows = append(ff.Sample.Rows, row)
		for _, c := range row.Cells {
			size += len(c)
		}
	}
	ff.More = true
	return ff, nil
}

// Close closes the file.
func (ff *FeedbackFile) Close() error { return ff.f.Close() }

// rows returns the sample's rows, then the rest of the file's.
func (ff *FeedbackFile) rows() func() (csvio.Row, error) {
	i := 0
	return func() (csvio.Row, error) {
		if i < len(ff.Sample.Rows) {
			i++
			return ff.Sample.Rows[i-1], nil
		}
		if !ff.More {
			return csvio.Row{}, io.EOF
		}
		return ff.rd.Next()
	}
}

// PublishedQuestionsDraft returns the questions a new round starts with,
// numbered 1, 2, … as stand-ins for the IDs they will get, so that an
// export for a round not created yet can be matched and shown.
func PublishedQuestionsDraft() []store.Question {
	qs := make([]store.Question, len(store.PublishedQuestions))
	for i, text := range store.PublishedQuestions {
		qs[i] = store.Question{ID: int64(i + 1), Position: i + 1, Text: text}
	}
	return qs
}

// FeedbackImport is what to import and where: the round, the plan, and
// how to treat response IDs.
type FeedbackImport struct {
	// Round is the round, when it exists; otherwise RoundName names the
	// one the import creates (in its own transaction).
	Round     store.Round
	Found     bool
	RoundName string
	Plan      forms.Plan
	Source    string // each response's Source, such as "import:survey.csv"
	NewForm   bool
	Form      int
	DryRun    bool
}

// request turns the plan into the store's request and the plan the rows
// are read with: for a round not created yet every score column answers a
// question by its text (a published question's, when the column matched
// one), so that the store finds or adds it in the import's transaction.
func (fi FeedbackImport) request() (store.ResponseImport, forms.Plan) {
	imp := store.ResponseImport{NewForm: fi.NewForm, Form: fi.Form, DryRun: fi.DryRun}
	if fi.Found {
		imp.RoundID = fi.Round.ID
	} else {
		imp.RoundName = fi.RoundName
	}
	plan := forms.Plan{Columns: append([]forms.Column(nil), fi.Plan.Columns...)}
	for i, c := range plan.Columns {
		switch c.Kind {
		case forms.Score:
			switch {
			case fi.Found && c.QuestionID > 0:
				imp.Answers = append(imp.Answers, c.QuestionID)
			case c.QuestionID > 0 && int(c.QuestionID) <= len(store.PublishedQuestions):
				imp.NewQuestions = append(imp.NewQuestions, store.PublishedQuestions[c.QuestionID-1])
				plan.Columns[i].QuestionID = 0
			default:
				imp.NewQuestions = append(imp.NewQuestions, questionText(c.Header))
				plan.Columns[i].QuestionID = 0
			}
		case forms.Role:
			imp.HasRole = true
		case forms.Comment:
			imp.HasComment = true
		}
	}
	return imp, plan
}

// ImportFeedback stores the responses of ff's rows, all or nothing,
// reading the file as it stores it. When the file has problems (bad
// cells, the same ID twice, a header problem) it reads on to the end to
// name every one, stores nothing, and err lists them all. The result
// counts the empty rows left out; the counts say what the store did.
func ImportFeedback(ctx context.Context, db store.Service, fi FeedbackImport, ff *FeedbackFile) (forms.Result, store.ImportCounts, error) {
	return importRows(ctx, db, fi, ff.rows())
}

// ImportTable is ImportFeedback for a table already in memory (the GUI's
// preview holds one).
func ImportTable(ctx context.Context, db store.Service, fi FeedbackImport, t *csvio.Table) (forms.Result, store.ImportCounts, error) {
	i := 0
	return importRows(ctx, db, fi, func() (csvio.Row, error) {
		if i == len(t.Rows) {
			return csvio.Row{}, io.EOF
		}
		i++
		return t.Rows[i-1], nil
	})
}

// errProblems stops the store's import when the file has problems; the
// problems themselves are in the Applier.
var errProblems = errors.New("the file has problems")

func importRows(ctx context.Context, db store.Service, fi FeedbackImport, next func() (csvio.Row, error)) (forms.Result, store.ImportCounts, error) {
	imp, plan := fi.request()
	a := forms.NewApplier(plan, fi.Source)
	if len(a.Problems()) > 0 {
		return a.Result(), store.ImportCounts{}, a.Result().Err()
	}
	var readErr error
	// One chunk, refilled: the store is done with a chunk, and with its
	// responses' Scores maps, when it asks for the next (see
	// store.FeedbackService.ImportResponseChunks), so each row reuses the
	// map of the row in its place in the chunk before.
	chunk := make([]store.Response, importChunk)
	counts, err := db.ImportResponseChunks(ctx, imp, func() ([]store.Response, error) {
		n := 0
		for n < importChunk {
			row, err := next()
			if err == io.EOF {
				break
			}
			if err != nil {
				readErr = err
				return nil, err
			}
			if a.RowInto(row, &chunk[n]) && len(a.Problems()) == 0 {
				n++
			}
		}
		if len(a.Problems()) > 0 {
			// Read on to the end, so that every problem is named at once.
			for {
				row, err := next()
				if err == io.EOF {
					break
				}
				if err != nil {
					readErr = err
					return nil, err
				}
				a.Row(row)
			}
			return nil, errProblems
		}
		return chunk[:n], nil
	})
	res := a.Result()
	switch {
	case readErr != nil:
		return res, store.ImportCounts{}, readErr
	case errors.Is(err, errProblems):
		return res, store.ImportCounts{}, res.Err()
	case err != nil:
		return res, store.ImportCounts{}, err
	}
	return res, counts, nil
}
