package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/liaisonapp/liaison/charts"
)

func TestPresenterThemeContrast(t *testing.T) {
	tests := []struct {
		name string
		high bool
		min  float64
	}{{"light", false, 7}, {"high contrast", true, 7}}
	pairs := []struct{ fg, bg fyne.ThemeColorName }{
		{theme.ColorNameForeground, theme.ColorNameBackground},
		{theme.ColorNamePrimary, theme.ColorNameBackground},
		{theme.ColorNameForeground, theme.ColorNameButton},
		{theme.ColorNameDisabled, theme.ColorNameBackground},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			th := newPresenterTheme(1, tt.high, 1)
			for _, p := range pairs[:1] {
				if got := charts.ContrastRatio(th.Color(p.fg, theme.VariantDark), th.Color(p.bg, theme.VariantDark)); got < tt.min {
					t.Fatalf("%s on %s: contrast %.1f:1, want at least %.0f:1", p.fg, p.bg, got, tt.min)
				}
			}
			if !tt.high {
				return
			}
			for _, p := range pairs {
				if got := charts.ContrastRatio(th.Color(p.fg, theme.VariantLight), th.Color(p.bg, theme.VariantLight)); got < tt.min {
					t.Fatalf("%s on %s: contrast %.1f:1, want at least %.0f:1", p.fg, p.bg, got, tt.min)
				}
			}
		})
	}
}

func TestPresenterThemeSize(t *testing.T) {
	base := theme.DefaultTheme().Size(theme.SizeNameText)
	tests := []struct {
		scale, room, want float32
	}{
		{1, 1, 1},
		{2.5, 1, 2.5},
		{0.2, 1, minPresenterScale}, // clamped
		{9, 1, maxPresenterScale},   // clamped
		{1.5, roomScale, 1.5 * roomScale},
	}
	for _, tt := range tests {
		th := newPresenterTheme(tt.scale, false, tt.room)
		if got, want := th.Size(theme.SizeNameText), base*tt.want; got != want {
			t.Fatalf("scale %.1f room %.0f: text size %.1f, want %.1f", tt.scale, tt.room, got, want)
		}
	}
}
