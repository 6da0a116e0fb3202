package forms_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/liaisonapp/liaison/store"
	"github.com/liaisonapp/liaison/store/forms"
)

func TestReadReflections(t *testing.T) {
	for _, tt := range []struct {
		name, text  string
		want        []string
		ignored     string
		problemText string
	}{
		{
			name: "NamedColumn",
			text: "\ufeffTimestamp,Name,Email,Reflection\r\n" +
				"2024-03-01,Dr A,a@nhs.net,\"Seeing the clinic from the inside, I learnt a lot.\"\r\n" +
				"2024-03-02,Dr B,b@nhs.net,\r\n" +
				"2024-03-03,Dr C,c@nhs.net,\"Two lines:\r\nsecond 🙂\"\r\n",
			want:    []string{"Seeing the clinic from the inside, I learnt a lot.", "Two lines:\nsecond 🙂"},
			ignored: "[Timestamp Name Email]",
		},
		{
			name:    "WhatDidYouLearn",
			text:    "Your name,What did you learn?\nDr A,Letters matter\n",
			want:    []string{"Letters matter"},
			ignored: "[Your name]",
		},
		{
			name:    "OnlyFreeText",
			text:    "ID,Email,Thoughts on the day\n1,a@nhs.net,Good\n2,b@nhs.net,Long but worth it\n",
			want:    []string{"Good", "Long but worth it"},
			ignored: "[ID Email]",
		},
		{
			name:        "SeveralFreeText",
			text:        "Went well,Even better if\nGood,More time\n",
			problemText: `line 1: the header has several columns of text ("Went well", "Even better if")`,
		},
		{
			name:        "NoText",
			text:        "Name,Email\nDr A,a@nhs.net\n",
			problemText: "line 1: the header has no column of reflections",
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, ignored, problems := forms.ReadReflections(mustRead(t, tt.text))
			if tt.problemText != "" {
				if len(problems) != 1 || !strings.HasPrefix(problems[0].String(), tt.problemText) {
					t.Fatalf("problems = %v, want one starting %q", problems, tt.problemText)
				}
				if len(got) != 0 {
					t.Fatalf("reflections = %q, want none", got)
				}
				return
			}
			if len(problems) != 0 {
				t.Fatalf("problems = %v", problems)
			}
			if fmt.Sprintf("%q", got) != fmt.Sprintf("%q", tt.want) {
				t.Fatalf("reflections = %q, want %q", got, tt.want)
			}
			if got := fmt.Sprint(ignored); got != tt.ignored {
				t.Fatalf("ignored = %s, want %s", got, tt.ignored)
			}
			for _, r := range got {
				if strings.Contains(r, "@") || strings.Contains(r, "Dr ") {
					t.Fatalf("reflection %q carries a name or email", r)
				}
			}
		})
	}
}

func defaultThemes() []store.Theme {
	kw := forms.DefaultKeywords()
	var ts []store.Theme
	for _, name := range store.SchemeThemes {
		ts = append(ts, store.Theme{Name: name, Keywords: kw[name], Builtin: true})
	}
	return ts
}

func TestDefaultKeywords(t *testing.T) {
	kw := forms.DefaultKeywords()
	for _, name := range store.SchemeThemes {
		if len(kw[name]) < 5 {
			t.Fatalf("theme %s has %d keywords, want at least 5", name, len(kw[name]))
		}
	}
	kw["education"] = nil
	if len(forms.DefaultKeywords()["education"]) == 0 {
		t.Fatalf("DefaultKeywords returned a shared map: editing one changed the next")
	}
}

func TestSuggestThemes(t *testing.T) {
	for _, tt := range []struct {
		name, body string
		want       string
	}{
		{"Learn", "I learn something every visit.", "[education]"},
		{"Learning", "A real learning experience", "[education]"},
		{"Learnt", "We learnt how the clinic runs", "[education]"},
		{"Learned", "LEARNED a great deal", "[education]"},
		{"Collaborate", "We now collaborate on referrals", "[collaboration efficiency]"},
		{"Collaborative", "A collaborative approach", "[collaboration]"},
		{"ThemeName", "Compassion shown to patients", "[compassion]"},
		{"Phrase", "Letters headed For Information Only are a game changer", "[efficiency]"},
		{"PhraseAcrossLine", "letters marked GP\naction required", "[efficiency]"},
		{"WordBoundary", "The steam from the teapot; teammates? no: tea.", "[]"},
		{"PrimaryCareIsNotCompassion", "Primary care and secondary care met.", "[]"},
		{"Several", "Complex frail patients and the time saved by a shared directory; I understood why.",
			"[collaboration complexity efficiency education]"},
		{"Nothing", "", "[]"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := fmt.Sprint(forms.SuggestThemes(tt.body, defaultThemes())); got != tt.want {
				t.Fatalf("SuggestThemes(%q) = %s, want %s", tt.body, got, tt.want)
			}
		})
	}

	t.Run("OrganisersOwnTheme", func(t *testing.T) {
		themes := append(defaultThemes(), store.Theme{Name: "digital", Keywords: []string{"IT system", "email"}})
		if got, want := fmt.Sprint(forms.SuggestThemes("The IT systems don't talk", themes)), "[digital]"; got != want {
			t.Fatalf("got %s, want %s", got, want)
		}
	})
}
