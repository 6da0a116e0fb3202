// Package exportgen writes made-up forms exports of any size, shaped like
// a Microsoft Forms download of the published survey, for benchmarks and
// tests of the import and the charts (see scripts/bench_charts.sh).
package exportgen

import (
	"bufio"
	"fmt"
	"io"

	"github.com/liaisonapp/liaison/store"
)

// Write writes an export of n responses to w: an ID, start and completion
// times, an anonymous email, a role, the four published questions (some
// unanswered) and a comment with commas and quotes on every fifth row,
// with CRLF line ends as Forms writes them. The same n always gives the
// same bytes.
func Write(w io.Writer, n int) error {
	bw := bufio.NewWriter(w)
	fmt.Fprint(bw, "ID,Start time,Completion time,Email,Role")
	for _, q := range store.PublishedQuestions {
		fmt.Fprintf(bw, ",%q", q)
	}
	fmt.Fprint(bw, ",Any other comments?\r\n")
	roles := []string{"GP", "Consultant", "Practice nurse", "Manager"}
	for i := 1; i <= n; i++ {
		fmt.Fprintf(bw, "%d,01/06/2018 09:%02d:%02d,01/06/2018 10:%02d:%02d,anonymous,%s", i, i%60, i%59, i%60, i%57, roles[i%len(roles)])
		for q := range store.PublishedQuestions {
			if (i+q)%17 == 0 {
				fmt.Fprint(bw, ",")
				continue
			}
			fmt.Fprintf(bw, ",%d", 1+(i*7+q*3)%6)
		}
		if i%5 == 0 {
			fmt.Fprintf(bw, ",\"Useful, \"\"really\"\" useful (%d)\"", i)
		} else {
			fmt.Fprint(bw, ",")
		}
		fmt.Fprint(bw, "\r\n")
	}
	return bw.Flush()
}
