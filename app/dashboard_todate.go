package app

import (
	"github.com/liaisonapp/liaison/store"
)

// toDateCard is the dashboard's card of figures across every round: people
// counted once each, the rest added over the rounds. It opens the charts,
// where the running totals across rounds are drawn.
func toDateCard(t store.ToDate, open func()) *tapCard {
	return newTapCard(store.Thousands(t.Participants), "people to date, across "+store.Plural(t.Rounds, "round", "rounds"),
		store.Plural(t.Pairs, "pair", "pairs")+" · "+store.Plural(t.VisitsDone, "visit done", "visits done")+" · "+
			store.Plural(t.Responses, "response", "responses")+" · "+
			store.Plural(t.ProjectsCompleted, "project completed", "projects completed"), open)
}
