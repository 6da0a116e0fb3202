package store

// ResponseImport says where and how an import of a forms export stores its
// responses (see ImportResponseChunks in store/sqlite).
//
// Within a round a forms response ID that is already stored is the same
// response: a re-downloaded export carries the same IDs with any edits. A
// response whose Key the round already has is "unchanged" when its answers
// are the same, and otherwise "changed": its stored answers are updated.
type ResponseImport struct {
	// RoundID is the round to import into. When it is 0 the round is the one
	// called RoundName, created inside the import's own transaction (with
	// the published questions) when there is none, so a failed or killed
	// import leaves no empty round behind.
	RoundID   int64
	RoundName string
	// NewQuestions are the texts of score columns that answer no question
	// of the round as the caller saw it; a response's score for
	// NewQuestions[j] is keyed -(j+1). Each answers the round's question of
	// the same text (ignoring case and surrounding spaces) when there is
	// one by the time the import runs, and is otherwise added after the
	// round's questions.
	NewQuestions []string
	// Answers lists the round's existing questions (by ID) that the file
	// has a score column for. A changed response takes the file's answer
	// (or its blank) for these and for NewQuestions, and keeps what it had
	// for every other question.
	Answers []int64
	// HasRole and HasComment say whether the file has a role or a comment
	// column. Without one, a changed response keeps its stored role or
	// comment.
	HasRole, HasComment bool
	// NewForm says that the file is a different form whose response IDs
	// may repeat those already stored (a second form whose IDs also start
	// at 1): its IDs are kept apart from the round's other forms, under the
	// next form number. Form names the form of a re-import of such a file
	// (0 or 1 is the round's first form). Responses without an ID are
	// matched by content and belong to no form.
	NewForm bool
	Form    int
	// DryRun counts what the import would do and stores nothing, for a
	// preview.
	DryRun bool
}

// ImportCounts is what an import of responses did (or, for a dry run,
// would do).
type ImportCounts struct {
	// Round is the round imported into (created, when it was new).
	Round Round
	// RoundCreated says that the import created Round.
	RoundCreated bool
	// Added responses are new; Changed ones were already stored with other
	// answers and were updated; Unchanged ones were already there as they
	// are.
	Added, Changed, Unchanged int
	// NewQuestions are the texts of the questions the import added.
	NewQuestions []string
	// Form is the form the responses with an ID were stored under: 1 for
	// the round's first form.
	Form int
}

// MaxScoreColumns is the most score columns an import takes: more is not a
// survey an organiser can chart, and is refused before the file is read.
const MaxScoreColumns = 100
