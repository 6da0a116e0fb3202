package app

import "os"

// hasGTKDisplay reports whether a GTK dialog can open: sqweek/dialog needs
// an X or Wayland display on Linux and may panic without one.
func hasGTKDisplay() bool { return os.Getenv("DISPLAY") != "" || os.Getenv("WAYLAND_DISPLAY") != "" }
