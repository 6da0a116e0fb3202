package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The import preview says how it read scores written as words.
func TestImportPreviewShowsScoreWords(t *testing.T) {
	path := filepath.Join(t.TempDir(), "labels.csv")
	os.WriteFile(path, []byte("ID,Your role,Did you find the scheme useful?\r\n1,GP,6 - Most likely\r\n2,GP,1 (least likely)\r\n3,Consultant,Most likely\r\n"), 0o644)
	_, s, _ := importUI(t, path)
	d := s.importer
	if d.confirm.Disabled() {
		t.Fatalf("labels refused: %s", d.problems.Text)
	}
	for _, want := range []string{"Scores written as words, read as:", `"1 (least likely)" = 1`, `"6 - Most likely" = 6`, `"Most likely" = 6`} {
		if !strings.Contains(d.preview.Text, want) {
			t.Errorf("preview lacks %q:\n%s", want, d.preview.Text)
		}
	}
}
