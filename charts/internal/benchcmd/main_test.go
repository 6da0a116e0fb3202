package main

import (
	"encoding/csv"
	"fmt"
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
			if err := eachRecord([]byte(tt.in), func(line int, rec []string) error {
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
