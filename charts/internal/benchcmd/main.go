// Command benchcmd is the Go side of scripts/bench_charts.sh: it writes a
// synthetic survey CSV (-gen), or reads one and writes every chart as a
// PNG file (-csv, -out), so the whole CSV → chart files path can be timed
// against the pandas + matplotlib script on the same file.
package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/liaisonapp/liaison/charts"
)

var header = []string{"date", "role", "locality", "q1", "q2", "q3", "q4", "theme", "project_status", "checked_in"}

var (
	roles      = []string{"GP", "Consultant", "Nurse", "Manager", "Pharmacist", "Support worker", "Other"}
	localities = []string{"Southampton City", "New Forest", "Eastleigh", "Totton and Waterside", "Winchester", "Test Valley"}
	themes     = []string{"Compassion", "Collaboration", "Complexity", "Efficiency", "Education"}
	statuses   = []string{"Idea", "In progress", "Completed", "Stopped"}
	questions  = []string{
		"Would you support a regular primary–secondary care forum?",
		"Did you find the scheme useful?",
		"How likely are you to take part again?",
		"Will you consider new ways of working as a result of better relationships?",
	}
)

func main() {
	gen := flag.Int("gen", 0, "write this many synthetic responses to -csv and exit")
	in := flag.String("csv", "", "the survey CSV")
	out := flag.String("out", "", "directory for the chart PNG files")
	flag.Parse()
	var err error
	if *gen > 0 {
		err = generate(*in, *gen)
	} else {
		err = run(*in, *out)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchcmd:", err)
		os.Exit(1)
	}
}

func generate(path string, n int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	bw := bufio.NewWriter(f)
	w := csv.NewWriter(bw)
	rng := rand.New(rand.NewPCG(7, 11))
	start := time.Date(2025, 1, 6, 0, 0, 0, 0, time.UTC)
	if err := w.Write(header); err != nil {
		return err
	}
	rec := make([]string, len(header))
	for i := 0; i < n; i++ {
		rec[0] = start.AddDate(0, 0, rng.IntN(120)).Format("2006-01-02")
		rec[1] = roles[min(rng.IntN(9), len(roles)-1)]
		rec[2] = localities[rng.IntN(len(localities))]
		for q := 0; q < 4; q++ {
			if rng.IntN(20) == 0 {
				rec[3+q] = "" // unanswered
			} else {
				rec[3+q] = strconv.Itoa(1 + min(5, rng.IntN(4)+rng.IntN(3)))
			}
		}
		rec[7] = themes[rng.IntN(len(themes))]
		rec[8] = statuses[rng.IntN(len(statuses))]
		rec[9] = strconv.Itoa(rng.IntN(2))
		if err := w.Write(rec); err != nil {
			return err
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// counter tallies labels in first-seen order.
type counter struct {
	idx    map[string]int
	counts []charts.Count
}

func (c *counter) add(label string, n int) {
	if c.idx == nil {
		c.idx = map[string]int{}
	}
	i, ok := c.idx[label]
	if !ok {
		i = len(c.counts)
		c.idx[label] = i
		c.counts = append(c.counts, charts.Count{Label: label})
	}
	c.counts[i].N += n
}

// tally is what the charts are drawn from, counted from part of the CSV.
type tally struct {
	qs                                    [4]charts.QuestionScores
	byRole, byLocality, byTheme, byStatus counter
	perDay                                map[time.Time]int
	dates                                 map[string]time.Time // a few hundred distinct days: parse each once
	checkedIn, total                      int
}

func newTally() *tally {
	return &tally{perDay: map[time.Time]int{}, dates: map[string]time.Time{}}
}

// record counts one CSV record.
func (t *tally) record(path string, line int, rec []string) error {
	if line == 1 {
		return nil // the header
	}
	if len(rec) != len(header) {
		return fmt.Errorf("%s: line %d: %d columns, want %d", path, line, len(rec), len(header))
	}
	d, ok := t.dates[rec[0]]
	if !ok {
		var err error
		if d, err = time.Parse("2006-01-02", rec[0]); err != nil {
			return fmt.Errorf("%s: line %d, column 1: %q is not a date", path, line, rec[0])
		}
		t.dates[rec[0]] = d
	}
	t.perDay[d]++
	t.byRole.add(rec[1], 1)
	t.byLocality.add(rec[2], 1)
	for q := 0; q < 4; q++ {
		if rec[3+q] == "" {
			continue
		}
		s, err := strconv.Atoi(rec[3+q])
		if err != nil || !t.qs[q].Add(s) {
			return fmt.Errorf("%s: line %d, column %d: %q is not a score 1–6", path, line, 4+q, rec[3+q])
		}
	}
	t.byTheme.add(rec[7], 1)
	t.byStatus.add(rec[8], 1)
	if rec[9] == "1" {
		t.checkedIn++
	}
	t.total++
	return nil
}

// merge adds o's counts to t, keeping t's first-seen order of labels.
func (t *tally) merge(o *tally) {
	for q := range t.qs {
		for s := range t.qs[q].Counts {
			t.qs[q].Counts[s] += o.qs[q].Counts[s]
		}
	}
	for _, pair := range [][2]*counter{{&t.byRole, &o.byRole}, {&t.byLocality, &o.byLocality}, {&t.byTheme, &o.byTheme}, {&t.byStatus, &o.byStatus}} {
		for _, c := range pair[1].counts {
			pair[0].add(c.Label, c.N)
		}
	}
	for d, n := range o.perDay {
		t.perDay[d] += n
	}
	t.checkedIn += o.checkedIn
	t.total += o.total
}

// count reads the CSV into a tally. A quote-free file is cut at a line end
// into one part per core, counted at once and merged; the numbers are the
// same as counting it in one go.
func count(path string, data []byte) (*tally, error) {
	parts := 1
	if bytes.IndexByte(data, '"') < 0 {
		parts = runtime.NumCPU()
	}
	type chunk struct {
		data []byte
		line int
	}
	var chunks []chunk
	line := 1
	for i := parts; i > 1 && len(data) > 0; i-- {
		cut := len(data) / i
		nl := bytes.IndexByte(data[cut:], '\n')
		if nl < 0 {
			break
		}
		head := data[:cut+nl+1]
		chunks = append(chunks, chunk{head, line})
		line += bytes.Count(head, []byte{'\n'})
		data = data[cut+nl+1:]
	}
	chunks = append(chunks, chunk{data, line})
	tallies := make([]*tally, len(chunks))
	errs := make([]error, len(chunks))
	var wg sync.WaitGroup
	for i, c := range chunks {
		tallies[i] = newTally()
		wg.Go(func() {
			errs[i] = eachRecord(c.data, c.line, func(line int, rec []string) error { return tallies[i].record(path, line, rec) })
		})
	}
	wg.Wait()
	for i := range chunks {
		if errs[i] != nil {
			return nil, errs[i]
		}
		if i > 0 {
			tallies[0].merge(tallies[i])
		}
	}
	return tallies[0], nil
}

func run(path, dir string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	t, err := count(path, data)
	if err != nil {
		return err
	}
	qs := t.qs[:]
	for i := range qs {
		qs[i].Text = questions[i]
	}
	byRole, byLocality, byTheme, byStatus := t.byRole, t.byLocality, t.byTheme, t.byStatus
	perDay, checkedIn, total := t.perDay, t.checkedIn, t.total
	var days []charts.Point
	for d, n := range perDay {
		days = append(days, charts.Point{Date: d, N: n})
	}
	opts := charts.Options{Width: 1280, Height: 720, SuppressBelow: 5}
	all := map[string]*charts.Chart{
		"means":     charts.Means(qs, opts),
		"diverging": charts.Diverging(qs, opts),
		"role":      charts.ParticipantsByRole(byRole.counts, opts),
		"locality":  charts.ParticipantsByLocality(byLocality.counts, opts),
		"responses": charts.Cumulative("Survey responses received over time", map[string][]charts.Point{"Responses": days}, opts),
		"checkins":  charts.CheckIns(checkedIn, total, opts),
		"themes":    charts.Themes(byTheme.counts, total, opts),
		"projects":  charts.ProjectsByStatus(byStatus.counts, opts),
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	// Charts are independent: draw and write them on every core, as the
	// GUI's renderer does.
	errs := make(chan error, len(all))
	for name, c := range all {
		go func() { errs <- writePNG(filepath.Join(dir, name+".png"), c) }()
	}
	var first error
	for range all {
		if err := <-errs; err != nil && first == nil {
			first = err
		}
	}
	return first
}

func writePNG(path string, c *charts.Chart) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(f)
	if err := c.PNG(bw); err != nil {
		f.Close()
		return err
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// eachRecord calls fn with each CSV record and the line it starts on. A
// file with no quote character at all is split on line ends and commas
// directly, which reads the same records several times faster than
// encoding/csv; any other file goes through encoding/csv.
func eachRecord(data []byte, first int, fn func(line int, rec []string) error) error {
	if bytes.IndexByte(data, '"') < 0 {
		var rec []string
		for line := first; len(data) > 0; line++ {
			end := bytes.IndexByte(data, '\n')
			if end < 0 {
				end = len(data)
			}
			row := strings.TrimSuffix(string(data[:end]), "\r")
			data = data[min(end+1, len(data)):]
			if row == "" {
				continue // encoding/csv skips blank lines too
			}
			rec = rec[:0]
			for {
				i := strings.IndexByte(row, ',')
				if i < 0 {
					rec = append(rec, row)
					break
				}
				rec = append(rec, row[:i])
				row = row[i+1:]
			}
			if err := fn(line, rec); err != nil {
				return err
			}
		}
		return nil
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.ReuseRecord = true
	r.FieldsPerRecord = -1
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		line, _ := r.FieldPos(0)
		if err := fn(first-1+line, rec); err != nil {
			return err
		}
	}
}
