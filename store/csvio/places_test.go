package csvio

import (
	"reflect"
	"testing"
)

func TestReadParticipantsPlacesAndRequests(t *testing.T) {
	imp := mustReadParticipants(t, "Name,Role,How many visitors can you host?,Would like to be paired with,Preferred specialty\n"+
		"Ben Brook,Consultant,3,,Renal\n"+
		"Ada Ashdown,GP,,Dr Ben Brook,Geriatrics\n"+
		"Cleo Carter,Consultant,two visitors,,\n")
	if len(imp.Problems) > 0 {
		t.Fatalf("problems: %v", problemStrings(imp.Problems))
	}
	if got, want := imp.Mapping[FieldPlaces], "How many visitors can you host?"; got != want {
		t.Errorf("places read from %q, want %q", got, want)
	}
	if got, want := imp.Mapping[FieldRequest], "Would like to be paired with"; got != want {
		t.Errorf("request read from %q, want %q", got, want)
	}
	var places []int
	var requests []string
	for _, r := range imp.Rows {
		places, requests = append(places, r.P.Places), append(requests, r.P.Request)
	}
	if want := []int{3, 0, 2}; !reflect.DeepEqual(places, want) {
		t.Errorf("places = %v, want %v", places, want)
	}
	if want := []string{"", "Dr Ben Brook", ""}; !reflect.DeepEqual(requests, want) {
		t.Errorf("requests = %v, want %v", requests, want)
	}

	bad := mustReadParticipants(t, "Name,Role,Places\nBen Brook,Consultant,12\nCal Cole,Consultant,lots\n")
	want := []string{
		`line 2, column "Places": "12" is not a number of places: give a whole number from 1 to 9, or leave it empty for one`,
		`line 3, column "Places": "lots" is not a number of places: give a whole number from 1 to 9, or leave it empty for one`,
	}
	if got := problemStrings(bad.Problems); !reflect.DeepEqual(got, want) {
		t.Errorf("problems = %q\nwant %q", got, want)
	}
}
