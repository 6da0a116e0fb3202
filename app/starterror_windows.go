//go:build windows

package app

import (
	"fmt"
	"os"
	"syscall"
	"unsafe"
)

var procMessageBoxW = user32.NewProc("MessageBoxW")

// MessageBoxW's flags (winuser.h).
const (
	mbOK            = 0x00000000
	mbIconError     = 0x00000010
	mbSetForeground = 0x00010000
	mbTopMost       = 0x00040000
)

// showFatal tells the user why Liaison must stop in a Windows message box
// (the GUI exe has no console) as well as on stderr, for scripts. It
// needs no OpenGL: the box is drawn by Windows itself.
func showFatal(msg string) {
	fmt.Fprintln(os.Stderr, "liaison: "+msg)
	text, err1 := syscall.UTF16PtrFromString(msg)
	title, err2 := syscall.UTF16PtrFromString("Liaison cannot start")
	if err1 != nil || err2 != nil {
		return
	}
	procMessageBoxW.Call(0, uintptr(unsafe.Pointer(text)), uintptr(unsafe.Pointer(title)), mbOK|mbIconError|mbSetForeground|mbTopMost)
}
