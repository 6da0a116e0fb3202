package store

import (
	"errors"
	"strings"
	"time"
)

// ParseDate reads a calendar date as organisers type it and returns it as
// YYYY-MM-DD: ISO (2026-10-15) or British day first (15/10/2026, 5/3/2026,
// 15.10.2026, 15-10-2026). "" stays "" (no date yet). A US month-first
// date is not guessed at: 10/15/2026 is refused, not misread.
func ParseDate(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	for _, layout := range []string{DateLayout, "2/1/2006", "2.1.2006", "2-1-2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Format(DateLayout), nil
		}
	}
	return "", errors.New("not a date")
}
