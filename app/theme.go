package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// The presenter's size setting: a multiplier on every size, for projectors
// that report a DPI that makes Fyne draw everything tiny.
const (
	minPresenterScale = 1.0
	maxPresenterScale = 3.0
)

// High-contrast colours: white and yellow on black reach 21:1 and 19.6:1,
// well beyond the 7:1 (WCAG AAA) a washed-out projector needs.
var (
	hcBlack  = color.NRGBA{A: 0xff}
	hcWhite  = color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xff}
	hcYellow = color.NRGBA{R: 0xff, G: 0xff, A: 0xff}
	hcGrey   = color.NRGBA{R: 0xd0, G: 0xd0, B: 0xd0, A: 0xff} // 13.6:1 on black
	hcDark   = color.NRGBA{R: 0x26, G: 0x26, B: 0x26, A: 0xff} // buttons and hovers: white on it is 15:1
	hcLine   = color.NRGBA{R: 0x80, G: 0x80, B: 0x80, A: 0xff}
	lightInk = color.NRGBA{R: 0x11, G: 0x11, B: 0x11, A: 0xff} // 18.9:1 on white
)

// presenterTheme is the projector's look: Fyne's own theme in its light
// variant, every size multiplied by scale, or in high contrast white and
// yellow on black. Fyne ignores the system's high-contrast setting, so
// Liaison ships its own.
type presenterTheme struct {
	base  fyne.Theme
	scale float32
	high  bool
}

// newPresenterTheme returns the projector theme. scale is clamped to
// minPresenterScale…maxPresenterScale times room, the enlargement the
// presenter always applies for reading at a distance.
func newPresenterTheme(scale float32, high bool, room float32) *presenterTheme {
	scale = min(max(scale, minPresenterScale), maxPresenterScale)
	return &presenterTheme{base: theme.DefaultTheme(), scale: scale * room, high: high}
}

func (t *presenterTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	if !t.high {
		if n == theme.ColorNameForeground {
			return lightInk // Fyne's grey text looks faded on a projector
		}
		return t.base.Color(n, theme.VariantLight)
	}
	switch n {
	case theme.ColorNameBackground, theme.ColorNameOverlayBackground, theme.ColorNameMenuBackground,
		theme.ColorNameHeaderBackground, theme.ColorNameInputBackground, theme.ColorNameForegroundOnPrimary,
		theme.ColorNameForegroundOnWarning, theme.ColorNameForegroundOnError, theme.ColorNameForegroundOnSuccess:
		return hcBlack
	case theme.ColorNameForeground, theme.ColorNameScrollBar:
		return hcWhite
	case theme.ColorNamePrimary, theme.ColorNameFocus, theme.ColorNameHyperlink, theme.ColorNameWarning:
		return hcYellow
	case theme.ColorNameDisabled, theme.ColorNamePlaceHolder:
		return hcGrey
	case theme.ColorNameButton, theme.ColorNameHover, theme.ColorNamePressed, theme.ColorNameSelection,
		theme.ColorNameDisabledButton:
		return hcDark
	case theme.ColorNameSeparator, theme.ColorNameInputBorder, theme.ColorNameShadow:
		return hcLine
	}
	return t.base.Color(n, theme.VariantDark)
}

func (t *presenterTheme) Font(s fyne.TextStyle) fyne.Resource { return t.base.Font(s) }

func (t *presenterTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return t.base.Icon(n) }

func (t *presenterTheme) Size(n fyne.ThemeSizeName) float32 { return t.base.Size(n) * t.scale }
