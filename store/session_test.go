package store

import "testing"

func TestParseSession(t *testing.T) {
	for _, tt := range []struct{ in, want, text string }{
		{"", "", ""},
		{"Morning", SessionMorning, "morning (09:00–13:00)"},
		{"pm", SessionAfternoon, "afternoon (13:00–17:00)"},
		{"afternoon (13:00–17:00)", SessionAfternoon, "afternoon (13:00–17:00)"},
		{"10:30", "10:30", "10:30–14:30"},
		{"9.30", "09:30", "09:30–13:30"},
		{"14", "14:00", "14:00–18:00"},
		{"2:15pm", "14:15", "14:15–18:15"},
	} {
		got, err := ParseSession(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseSession(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
		if text := SessionText(got); text != tt.text {
			t.Errorf("SessionText(%q) = %q, want %q", got, text, tt.text)
		}
	}
	for _, bad := range []string{"teatime", "25:00", "22:00"} {
		if _, err := ParseSession(bad); ErrorCode(err) != EINVALID {
			t.Errorf("ParseSession(%q) = %v, want invalid", bad, err)
		}
	}
}
