package store

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestDefaultPath(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	home := func() (string, error) { return "/home/ann", nil }
	noHome := func() (string, error) { return "", errors.New("no home") }
	tests := []struct {
		name, goos string
		env        map[string]string
		home       func() (string, error)
		want       string
		wantErr    bool
	}{
		{"WindowsLocalAppData", "windows", map[string]string{"LOCALAPPDATA": `C:\Users\ann\AppData\Local`, "APPDATA": `\\server\roaming`}, home,
			filepath.Join(`C:\Users\ann\AppData\Local`, "Liaison", "liaison.db"), false},
		{"WindowsNoLocalAppData", "windows", nil, home, filepath.Join("/home/ann", "AppData", "Local", "Liaison", "liaison.db"), false},
		{"MacOS", "darwin", nil, home, filepath.Join("/home/ann", "Library", "Application Support", "Liaison", "liaison.db"), false},
		{"LinuxXDG", "linux", map[string]string{"XDG_DATA_HOME": "/data"}, home, filepath.Join("/data", "liaison", "liaison.db"), false},
		{"LinuxRelativeXDGIgnored", "linux", map[string]string{"XDG_DATA_HOME": "data"}, home, filepath.Join("/home/ann", ".local", "share", "liaison", "liaison.db"), false},
		{"LinuxDefault", "linux", nil, home, filepath.Join("/home/ann", ".local", "share", "liaison", "liaison.db"), false},
		{"NoHome", "linux", nil, noHome, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := defaultPath(tt.goos, env(tt.env), tt.home)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want error %v", err, tt.wantErr)
			}
			if got != tt.want {
				t.Fatalf("path = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestLooksRemote(t *testing.T) {
	for path, want := range map[string]bool{`\\nhs-fs01\home\ann\liaison.db`: true, `C:\Users\ann\liaison.db`: false, "/home/ann/l.db": false} {
		if got := LooksRemote(path); got != want {
			t.Errorf("LooksRemote(%q) = %v, want %v", path, got, want)
		}
	}
}

func TestRateText(t *testing.T) {
	for _, tt := range []struct {
		f    FeedbackFigures
		want string
	}{
		{FeedbackFigures{Responses: 71, ResponseRate: 71.0 / 190, Denominator: "190 participants in the round", DenominatorN: 190},
			"71 of 190 participants in the round = 37.4%"},
		{FeedbackFigures{Responses: 71, ResponseRate: 71.0 / 118, Denominator: "118 participants who completed both visits", DenominatorN: 118},
			"71 of 118 participants who completed both visits = 60.2%"},
		{FeedbackFigures{Responses: 14, ResponseRate: 1.4, Denominator: "10 participants in the round", DenominatorN: 10},
			"14 of 10 participants in the round = 140.0% — more responses than people in the base: check the base, or look for responses entered twice"},
		{FeedbackFigures{Responses: 71, ResponseRate: 71.0 / 189, Denominator: "189 surveys sent", DenominatorN: 189, RateBase: RateBaseSurveysSent},
			"71 of 189 surveys sent = 37.6%"},
		{FeedbackFigures{Responses: 71, RateBase: RateBaseSurveysSent, Denominator: "0 surveys sent"},
			"71 responses; no rate yet: type how many surveys were sent in the round's settings"},
		{FeedbackFigures{Responses: 3, Denominator: "0 participants in the round"},
			"3 responses; no rate yet, as there are 0 participants in the round"},
	} {
		if got := tt.f.RateText(); got != tt.want {
			t.Errorf("RateText() = %q, want %q", got, tt.want)
		}
	}
}

// TestDateMessages checks the words every date field uses: a month-first
// date is called that, anything else is "not a date", both with the hint.
func TestDateMessages(t *testing.T) {
	_, err := ParseDate("10/15/2026")
	if msg := ErrorMessage(err); !strings.Contains(msg, "month-first") || !strings.Contains(msg, "day first") {
		t.Errorf("month-first date: %q", msg)
	}
	_, err = ParseDateField("The visit date", "31/02/2026")
	if msg := ErrorMessage(err); !strings.HasPrefix(msg, "The visit date: ") || !strings.Contains(msg, "is not a date") {
		t.Errorf("impossible date: %q", msg)
	}
}

func TestParseDate(t *testing.T) {
	for in, want := range map[string]string{
		"": "", " 2026-10-15 ": "2026-10-15", "15/10/2026": "2026-10-15", "5/3/2026": "2026-03-05",
		"05/03/2026": "2026-03-05", "15.10.2026": "2026-10-15", "15-10-2026": "2026-10-15",
	} {
		if got, err := ParseDate(in); err != nil || got != want {
			t.Errorf("ParseDate(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"10/15/2026", "31/02/2026", "tomorrow", "2026-13-01", "15/10/26"} {
		if got, err := ParseDate(bad); err == nil {
			t.Errorf("ParseDate(%q) = %q, want an error", bad, got)
		}
	}
}

func TestNamesIn(t *testing.T) {
	people := []Participant{{Name: "Dr Claire Hughes"}, {Name: "Ann Lee"}, {Name: "Bo"}, {Name: "Dr Al Mann"}}
	for text, want := range map[string]string{
		"I shadowed dr claire  hughes on the ward":     "Dr Claire Hughes",
		"Claire Hughes was brilliant":                  "Dr Claire Hughes",
		"Ann Leeward is a place, not a person":         "",
		"Bo said hello":                                "",
		"We talked about the annual leave of Ann Lee.": "Ann Lee",
		"Nobody is named here.":                        "",
	} {
		got := strings.Join(NamesIn(text, people), ", ")
		if got != want {
			t.Errorf("NamesIn(%q) = %q, want %q", text, got, want)
		}
	}
}

func TestParseDateTime(t *testing.T) {
	for in, want := range map[string]string{"15/10/2026 14:05": "2026-10-15 14:05", "2026-10-15 9:05": "2026-10-15 09:05",
		"2026-10-15T14:05": "2026-10-15 14:05", "2026-10-15T14:05:00Z": "2026-10-15 14:05"} {
		got, err := ParseDateTime(in, time.UTC)
		if err != nil || got.UTC().Format("2006-01-02 15:04") != want {
			t.Errorf("ParseDateTime(%q) = %v, %v; want %s", in, got, err, want)
		}
	}
	for _, bad := range []string{"10/15/2026 14:05", "15/10/2026", "15/10/2026 25:00", "14:05", "yes"} {
		if _, err := ParseDateTime(bad, time.UTC); ErrorCode(err) != EINVALID {
			t.Errorf("ParseDateTime(%q) = %v, want EINVALID", bad, err)
		}
	}
}
