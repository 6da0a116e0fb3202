package store

import (
	"strconv"
	"strings"
)

// Thousands writes n with thousands separators, as every count in Liaison
// is shown (tables, dashboard, charts, presenter, command line): 100,000.
func Thousands(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if neg {
		return "-" + s
	}
	return s
}

// Plural writes a count with the right noun, the count in Thousands:
// "1 pair", "3 pairs", "1,250 responses".
func Plural(n int, one, many string) string {
	if n == 1 || n == -1 {
		return Thousands(n) + " " + one
	}
	return Thousands(n) + " " + many
}
