package app

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2/theme"
	"github.com/golang/freetype/truetype"
)

// Every character the window can show is in the fonts Liaison carries
// (Fyne's Noto Sans, regular and bold). A character outside them is drawn
// from whatever fonts the computer has, and a locked-down Windows laptop
// may have none with it: under Wine "name ← Forename" showed a box for
// the arrow. The test reads every string literal in the window's code and
// in the packages whose text it shows (messages, previews, figures).
func TestShownTextIsInTheBundledFonts(t *testing.T) {
	var fonts []*truetype.Font
	for _, res := range []interface{ Content() []byte }{theme.DefaultTextFont(), theme.DefaultTextBoldFont()} {
		f, err := truetype.Parse(res.Content())
		if err != nil {
			t.Fatal(err)
		}
		fonts = append(fonts, f)
	}
	var files []string
	for _, dir := range []string{".", "tasks", "chartset", "../store", "../store/forms", "../store/csvio", "../store/match"} {
		fs, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, fs...)
	}
	// Literals that are read, never shown: ticks in a spreadsheet's cells.
	readOnly := map[string]bool{"✓": true, "✔": true}
	fset := token.NewFileSet()
	checked := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			if err != nil {
				t.Fatalf("%s: %v", fset.Position(lit.Pos()), err)
			}
			if readOnly[s] {
				return true
			}
			for _, r := range s {
				if r < ' ' {
					continue // newlines and tabs lay out text; they are not drawn
				}
				checked++
				for _, f := range fonts {
					if f.Index(r) == 0 {
						t.Errorf("%s: %q (U+%04X) is not in Noto Sans: use a character it has, or an icon", fset.Position(lit.Pos()), r, r)
						return true
					}
				}
			}
			return true
		})
	}
	if checked < 10000 {
		t.Fatalf("only %d characters read: the test is not reading the package's strings", checked)
	}
}
