package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// The quote-free fast path reads the same records, on the same lines, as
// encoding/csv.
func TestEachRecordMatchesEncodingCSV(t *testing.T) {
	tests := []struct{ name, in string }{
		{"plain", "date,role\n2025-01-06,GP\n2025-01-07,Consultant\n"},
		{"CRLF and no final newline", "date,role\r\n2025-01-06,GP\r\n2025-01-07,"},
		{"blank lines and empty fields", "a,b,c\n\n,,\n1,,3\n\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			if err := eachRecord([]byte(tt.in), 1, func(line int, rec []string) error {
				got = append(got, fmt.Sprintf("%d:%q", line, rec))
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			var want []string
			r := csv.NewReader(strings.NewReader(tt.in))
			r.FieldsPerRecord = -1
			for {
				rec, err := r.Read()
				if err != nil {
					break
				}
				line, _ := r.FieldPos(0)
				want = append(want, fmt.Sprintf("%d:%q", line, rec))
			}
			if g, w := strings.Join(got, " "), strings.Join(want, " "); g != w {
				t.Fatalf("records\n%s\nwant\n%s", g, w)
			}
		})
	}
}

// Counting a file in parts on every core must give exactly the tally of
// counting it in one go.
func TestCountInPartsEqualsOneGo(t *testing.T) {
	path := filepath.Join(t.TempDir(), "r.csv")
	if err := generate(path, 5003); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	whole := newTally()
	if err := eachRecord(data, 1, func(line int, rec []string) error { return whole.record(path, line, rec) }); err != nil {
		t.Fatal(err)
	}
	parts, err := count(path, data)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(whole.qs, parts.qs) || whole.total != parts.total || whole.checkedIn != parts.checkedIn ||
		!reflect.DeepEqual(whole.byRole.counts, parts.byRole.counts) || !reflect.DeepEqual(whole.perDay, parts.perDay) {
		t.Fatalf("in parts: %+v\nin one go: %+v", parts.qs, whole.qs)
	}
	// A bad cell is reported at its line, in whichever part it falls.
	lines := bytes.Split(data, []byte("\n"))
	lines[4000] = []byte("2018-01-01,GP,East,7,1,1,1,Education,Idea,1")
	if _, err := count(path, bytes.Join(lines, []byte("\n"))); err == nil || !strings.Contains(err.Error(), "line 4001") {
		t.Fatalf("error %v, want one naming line 4001", err)
	}
}
