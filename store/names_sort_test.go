package store_test

import (
	"slices"
	"testing"

	"github.com/liaisonapp/liaison/store"
)

func TestNameSortKey(t *testing.T) {
	names := []string{"Ms Zoe Hunt", "Dr Claire Hughes", "prof. Ann Baker", "Mr Alan Hughes", "Miss Beth Ash", "Mx Sam Young", "Mrs Dora Carr", "Ade Dare", "Dr"}
	slices.SortFunc(names, func(a, b string) int {
		ka, kb := store.NameSortKey(a), store.NameSortKey(b)
		switch {
		case ka < kb:
			return -1
		case ka > kb:
			return 1
		}
		return 0
	})
	want := []string{"Miss Beth Ash", "prof. Ann Baker", "Mrs Dora Carr", "Ade Dare", "Dr", "Mr Alan Hughes", "Dr Claire Hughes", "Ms Zoe Hunt", "Mx Sam Young"}
	if !slices.Equal(names, want) {
		t.Fatalf("sorted by name:\n got %q\nwant %q", names, want)
	}
}
