package app

import (
	"fmt"
	"strconv"

	"fyne.io/fyne/v2/widget"

	"github.com/liaisonapp/liaison/store"
	"github.com/liaisonapp/liaison/store/csvio"
)

// placesFields are the participant form's fields for hosting more than one
// visitor and for naming the person someone would like to be paired with.
type placesFields struct {
	places, request *formEntry
}

func newPlacesFields(p store.Participant) *placesFields {
	f := &placesFields{places: newFormEntry(), request: newFormEntry()}
	f.places.SetText(strconv.Itoa(p.PlacesOrOne()))
	f.places.Validator = func(v string) error {
		if _, ok := csvio.ParsePlaces(v); !ok {
			return fmt.Errorf("a whole number from 1 to %d", store.MaxPlaces)
		}
		return nil
	}
	f.request.SetText(p.Request)
	f.request.SetPlaceHolder("a name or email (optional)")
	return f
}

// items are the form rows, with hints that say what the fields do.
func (f *placesFields) items() []*widget.FormItem {
	places := widget.NewFormItem("Places", f.places)
	places.HintText = "How many partners they take: a host may have 2 or 3 visitors, each pair with its own two visits."
	request := widget.NewFormItem("Would like to be paired with", f.request)
	request.HintText = "Matching honours it when the rules allow, and says why when it cannot."
	return []*widget.FormItem{places, request}
}

// apply copies the fields into q, or says what is wrong.
func (f *placesFields) apply(q *store.Participant) string {
	n, ok := csvio.ParsePlaces(f.places.Text)
	if !ok {
		return fmt.Sprintf("Places must be a whole number from 1 to %d.", store.MaxPlaces)
	}
	q.Places = max(1, n)
	q.Request = store.OneLine(f.request.Text)
	return ""
}

// placesLeft is what the pair-by-hand choice adds to the name of someone
// who offers several places: " · 1 of 2 places free".
func placesLeft(p store.Participant, pairs int) string {
	if p.PlacesOrOne() == 1 {
		return ""
	}
	return fmt.Sprintf(" · %d of %d places free", p.PlacesOrOne()-pairs, p.PlacesOrOne())
}
