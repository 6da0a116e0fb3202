package charts

import chart "github.com/wcharczuk/go-chart/v2"

// go-chart parses its default font lazily, on first use, into a package
// variable without a lock, so two charts drawn at once on two goroutines
// race to parse it (go test -race caught it). Parsing it once here, before
// any chart can be drawn, makes every chart safe to draw concurrently.
func init() {
	if _, err := chart.GetDefaultFont(); err != nil {
		panic("charts: go-chart's embedded font does not parse: " + err.Error())
	}
}
