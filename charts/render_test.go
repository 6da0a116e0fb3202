package charts

import (
	"bytes"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// published are the four questions of the Southampton survey with counts
// whose weighted means are the published 5.25, 4.59, 4.83 and 3.85 to 2 dp
// (n = 71); nobody scored the first question 1.
var published = []QuestionScores{
	{Text: "Would you support a regular primary–secondary care forum?", Counts: [6]int{0, 1, 3, 8, 24, 35}},
	{Text: "Did you find the scheme useful?", Counts: [6]int{2, 3, 6, 12, 36, 12}},
	{Text: "How likely are you to take part again?", Counts: [6]int{1, 3, 6, 9, 30, 22}},
	{Text: "Will you consider new ways of working as a result of better relationships with colleagues across the primary–secondary care interface?", Counts: [6]int{4, 8, 14, 26, 7, 12}},
}

func sampleCharts(o Options) map[string]*Chart {
	d := func(s string) time.Time {
		t, err := time.Parse("2006-01-02", s)
		if err != nil {
			panic(err)
		}
		return t
	}
	return map[string]*Chart{
		"role": ParticipantsByRole([]Count{{"GP", 59}, {"Consultant", 59}, {"Nurse", 6}, {"Manager", 5}, {"Pharmacist", 4}, {"Support worker", 1}, {"Other", 0}}, o),
		"locality": ParticipantsByLocality([]Count{{"Southampton City", 41}, {"New Forest and Waterside Primary Care Network", 22},
			{"Eastleigh Southern Parishes", 18}, {"Totton", 3}, {"Winchester", 12}, {"Not recorded", 7}}, o),
		"cumulative": Cumulative("Pairs made and visits done over time", map[string][]Point{
			"Pairs made":  {{d("2025-01-06"), 20}, {d("2025-01-13"), 25}, {d("2025-01-20"), 14}},
			"Visits done": {{d("2025-01-27"), 4}, {d("2025-02-10"), 20}, {d("2025-02-24"), 31}, {d("2025-03-10"), 40}, {d("2025-03-24"), 17}},
		}, o),
		"checkins":  CheckIns(42, 60, o),
		"means":     Means(published, o),
		"diverging": Diverging(published, o),
		"themes":    Themes([]Count{{"Compassion", 18}, {"Collaboration", 40}, {"Complexity", 12}, {"Efficiency", 9}, {"Education", 25}}, 61, o),
		"projects":  ProjectsByStatus([]Count{{"Idea", 12}, {"In progress", 9}, {"Completed", 14}, {"Stopped", 2}}, o),
		"projects-over-time": Cumulative("Improvement projects completed over time", map[string][]Point{
			"Projects completed": {{d("2025-02-01"), 1}, {d("2025-02-15"), 2}, {d("2025-03-01"), 1}, {d("2025-04-01"), 4}, {d("2025-05-01"), 6}},
		}, o),
	}
}

// TestRender renders every chart in both themes and checks the PNG decodes
// at the asked size with more than one colour, and the SVG is a document
// with the chart's title. With CHARTS_OUT set it also writes the files,
// for looking at them.
func TestRender(t *testing.T) {
	out := os.Getenv("CHARTS_OUT")
	for _, th := range []Theme{Light, HighContrast} {
		o := Options{Width: 1280, Height: 720, Theme: th, SuppressBelow: 5}
		for name, c := range sampleCharts(o) {
			t.Run(th.String()+"/"+name, func(t *testing.T) {
				var b bytes.Buffer
				if err := c.PNG(&b); err != nil {
					t.Fatal(err)
				}
				img, err := png.Decode(bytes.NewReader(b.Bytes()))
				if err != nil {
					t.Fatal(err)
				}
				if got, want := img.Bounds().Dx(), 1280; got != want {
					t.Fatalf("width = %d, want %d", got, want)
				}
				if got, want := img.Bounds().Dy(), 720; got != want {
					t.Fatalf("height = %d, want %d", got, want)
				}
				first := img.At(0, 0)
				flat := true
				for y := 0; y < 720 && flat; y += 3 {
					for x := 0; x < 1280; x += 3 {
						if img.At(x, y) != first {
							flat = false
							break
						}
					}
				}
				if flat {
					t.Fatal("PNG is one flat colour")
				}
				var s bytes.Buffer
				if err := c.SVG(&s); err != nil {
					t.Fatal(err)
				}
				svg := s.String()
				if !strings.HasPrefix(svg, "<svg") || !strings.HasSuffix(svg, "</svg>") {
					t.Fatalf("SVG is not one document: %.80q…", svg)
				}
				if !strings.Contains(svg, c.Title[:10]) {
					t.Fatalf("SVG lacks the title %q", c.Title)
				}
				live, err := c.Image()
				if err != nil {
					t.Fatal(err)
				}
				if got, want := live.Bounds(), img.Bounds(); got != want {
					t.Fatalf("Image bounds = %v, want %v", got, want)
				}
				if out != "" {
					base := filepath.Join(out, strings.ToLower(th.String()[:1])+"-"+name)
					if err := os.WriteFile(base+".png", b.Bytes(), 0o644); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(base+".svg", s.Bytes(), 0o644); err != nil {
						t.Fatal(err)
					}
				}
			})
		}
	}
}
