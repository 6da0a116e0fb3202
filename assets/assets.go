// Package assets holds Liaison's embedded resources: the app icon, drawn
// for Liaison as SVG, with a PNG of it for platforms that need one.
package assets

import (
	_ "embed"

	"fyne.io/fyne/v2"
)

//go:embed icon.svg
var iconSVG []byte

//go:embed icon.png
var iconPNG []byte

// Icon is the app icon as SVG: two overlapping rings, a GP and a
// consultant meeting, on NHS-dark blue.
var Icon fyne.Resource = fyne.NewStaticResource("liaison.svg", iconSVG)

// IconPNG is the same icon as a 512×512 PNG, for the window manager.
var IconPNG fyne.Resource = fyne.NewStaticResource("liaison.png", iconPNG)
