//go:build windows

package app

import (
	"syscall"
	"unsafe"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver"
)

var (
	user32                = syscall.NewLazyDLL("user32.dll")
	procMonitorFromWindow = user32.NewProc("MonitorFromWindow")
	procGetMonitorInfoW   = user32.NewProc("GetMonitorInfoW")
	procSetWindowPos      = user32.NewProc("SetWindowPos")
)

// Win32 constants and structures (winuser.h).
const (
	monitorDefaultToNearest = 2
	swpNoZOrder             = 0x0004
	swpNoActivate           = 0x0010
)

type win32Rect struct{ Left, Top, Right, Bottom int32 }

type win32MonitorInfo struct {
	Size          uint32
	Monitor, Work win32Rect
	Flags         uint32
}

// placeNear moves win onto the monitor that shows main, so that going full
// screen (which uses the monitor under the window's centre) fills the
// screen the organiser dragged Liaison to: the projector. Fyne has no
// window-position API, so this goes through the window's HWND.
func placeNear(main, win fyne.Window) {
	from, to := hwnd(main), hwnd(win)
	if from == 0 || to == 0 {
		return
	}
	mon, _, _ := procMonitorFromWindow.Call(from, monitorDefaultToNearest)
	if mon == 0 {
		return
	}
	mi := win32MonitorInfo{Size: uint32(unsafe.Sizeof(win32MonitorInfo{}))}
	if ok, _, _ := procGetMonitorInfoW.Call(mon, uintptr(unsafe.Pointer(&mi))); ok == 0 {
		return
	}
	w := mi.Work
	procSetWindowPos.Call(to, 0, uintptr(w.Left), uintptr(w.Top), uintptr(w.Right-w.Left), uintptr(w.Bottom-w.Top),
		swpNoZOrder|swpNoActivate)
}

// hwnd is a window's native handle, or 0 when it has none yet.
func hwnd(w fyne.Window) uintptr {
	nw, ok := w.(driver.NativeWindow)
	if !ok {
		return 0
	}
	var h uintptr
	nw.RunNative(func(ctx any) {
		if c, ok := ctx.(driver.WindowsWindowContext); ok {
			h = c.HWND
		}
	})
	return h
}
