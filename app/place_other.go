//go:build !windows

package app

import "fyne.io/fyne/v2"

// placeNear would move win onto the monitor that shows main before it
// goes full screen. Fyne has no window-position API and X11, Wayland and
// macOS give no portable way round it, so here the window manager decides
// (most put a new window on the screen that has the focus).
func placeNear(main, win fyne.Window) {}
