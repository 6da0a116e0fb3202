package forms

import "testing"

func TestParseScoreWord(t *testing.T) {
	for _, tt := range []struct {
		in            string
		n             int
		ok, ambiguous bool
	}{
		{"6 - Most likely", 6, true, false},
		{"1 (least likely)", 1, true, false},
		{"Most likely", 6, true, false},
		{"least likely", 1, true, false},
		{"5 – Likely", 5, true, false},
		{"4. Neutral", 4, true, false},
		{"3 Somewhat", 3, true, false},
		{"1 - Most likely", 0, false, true}, // the digit and the label disagree
		{"5-6", 0, false, false},            // numbers, not a label: "not a score"
		{"4.5", 0, false, false},
		{"5 or 6", 0, false, true},          // two scores
		{"7 - Extremely", 0, false, true},   // off the scale
		{"Not most likely", 0, false, true}, // words around the label
		{"Most likely / least likely", 0, false, true},
		{"6th", 0, false, true},
		{"five", 0, false, false},
		{"Likely", 0, false, false},
	} {
		n, ok, amb := parseScoreWord(tt.in)
		if n != tt.n || ok != tt.ok || amb != tt.ambiguous {
			t.Errorf("parseScoreWord(%q) = %d, %v, %v; want %d, %v, %v", tt.in, n, ok, amb, tt.n, tt.ok, tt.ambiguous)
		}
	}
}
