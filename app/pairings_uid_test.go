package app

import (
	"strings"
	"testing"

	"github.com/liaisonapp/liaison/store"
)

func TestVisitUID(t *testing.T) {
	pair := func(round int64, a, b string) store.Pairing {
		return store.Pairing{RoundID: round, Primary: store.Participant{Name: a, Email: a + "@gp.example"},
			Secondary: store.Participant{Name: b, Email: b + "@trust.example"}}
	}
	v := store.Visit{ID: 12}
	first := visitUID(pair(1, "ann", "bo"), v)
	if again := visitUID(pair(1, "ann", "bo"), v); again != first {
		t.Fatalf("the same visit got two UIDs: %q and %q, so a re-sent file would duplicate it", first, again)
	}
	if other := visitUID(pair(1, "cy", "di"), v); other == first {
		t.Fatalf("visit 12 of two different pairs (two databases) share the UID %q", first)
	}
	if !strings.HasPrefix(first, "visit-12-") || !strings.HasSuffix(first, "@liaison.invalid") {
		t.Fatalf("UID %q", first)
	}
}
