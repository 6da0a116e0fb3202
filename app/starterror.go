package app

import (
	"bytes"
	"fmt"
	"io"
	"log"
	"os"
	"runtime"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/liaisonapp/liaison/assets"
	"github.com/liaisonapp/liaison/store"
)

// ShowStartError tells the user, in a window, why Liaison could not start
// (a database written by a newer Liaison, a file that is not a Liaison
// database, a folder it cannot create) and runs until they close it. The
// Windows GUI build has no console, so stderr alone would say nothing.
func ShowStartError(a fyne.App, err error) {
	w := startErrorWindow(a, err)
	w.ShowAndRun()
}

func startErrorWindow(a fyne.App, err error) fyne.Window {
	w := a.NewWindow("Liaison cannot start")
	w.SetIcon(assets.IconPNG)
	msg := widget.NewLabel(store.ErrorMessage(err))
	msg.Wrapping = fyne.TextWrapWord
	quit := widget.NewButtonWithIcon("Close", theme.CancelIcon(), w.Close)
	quit.Importance = widget.HighImportance
	head := container.NewHBox(widget.NewIcon(theme.ErrorIcon()), widget.NewLabelWithStyle("Liaison cannot open its database", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	w.SetContent(container.NewPadded(container.NewVBox(head, msg, container.NewHBox(layout.NewSpacer(), quit))))
	w.Resize(fyne.NewSize(560, 0))
	return w
}

// GraphicsGuard catches Fyne failing to open a window because the
// computer lacks OpenGL 2.1 (over Remote Desktop, in some virtual
// machines), which Fyne reports only in its log (then exits, or returns
// from Run) and GLFW sometimes as a panic. A GUI-subsystem Windows exe has
// no console, so without this the organiser would see nothing, or only
// "WGL: The driver does not appear to support OpenGL". The guard says what
// is missing and what to do: in a message box on Windows, on stderr
// elsewhere.
type GraphicsGuard struct {
	mu   sync.Mutex
	prev io.Writer
	// report shows the message; tests replace it.
	report func(msg string)
	// pending is set by Fyne's "window creation error" line: its cause
	// comes on the next line.
	pending bool
	// platform is GLFW's last platform error, which explains a later panic.
	platform string
	failed   bool
	partial  []byte
	// exit ends the process; tests replace it.
	exit func(code int)
}

// WatchGraphics starts watching the standard logger, where Fyne and GLFW
// report, passing every line on to its previous output.
func WatchGraphics() *GraphicsGuard {
	g := &GraphicsGuard{prev: log.Writer(), report: showFatal, exit: os.Exit}
	log.SetOutput(g)
	return g
}

// Stop hands the standard logger back.
func (g *GraphicsGuard) Stop() { log.SetOutput(g.prev) }

// Failed reports whether a window could not be opened (and the user has
// been told).
func (g *GraphicsGuard) Failed() bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.failed
}

// Run runs fn (such as ShowAndRun), turning a panic from the graphics
// library into the message; any other panic is passed on.
func (g *GraphicsGuard) Run(fn func()) {
	defer func() {
		r := recover()
		if r == nil {
			return
		}
		msg := fmt.Sprint(r)
		g.mu.Lock()
		platform := g.platform
		g.mu.Unlock()
		if !graphicsPanic(msg) && platform == "" {
			panic(r)
		}
		if platform != "" {
			msg = platform + "; then " + msg
		}
		g.fail(msg)
	}()
	fn()
}

// Write receives the standard logger's output (one line per call, but
// lines are reassembled in case a writer splits them).
func (g *GraphicsGuard) Write(p []byte) (int, error) {
	n, err := g.prev.Write(p)
	g.mu.Lock()
	g.partial = append(g.partial, p...)
	var causes []string
	exit := false
	for {
		i := bytes.IndexByte(g.partial, '\n')
		if i < 0 {
			break
		}
		line := string(g.partial[:i])
		if cause, ok := g.line(line); ok {
			causes = append(causes, cause)
			// Fyne then either exits, or (when the window was made
			// before Run) runs on with no window at all, invisible; a
			// platform error from GLFW gives it a nil window and no error
			// at all. Stop here, after telling the user.
			exit = true
		}
		g.partial = g.partial[i+1:]
	}
	g.mu.Unlock()
	for _, c := range causes {
		// Fyne may os.Exit right after logging: tell the user now.
		g.fail(c)
	}
	if exit {
		g.exit(1)
	}
	return n, err
}

// line reads one log line and returns the cause of a failed window, if
// this line completes one. g.mu is held.
func (g *GraphicsGuard) line(s string) (cause string, ok bool) {
	// Strip the logger's date and time, if any.
	if i := strings.Index(s, "Fyne error:"); i >= 0 {
		s = s[i:]
	} else if i := strings.Index(s, "  Cause:"); i >= 0 {
		s = s[i:]
	} else if i := strings.Index(s, "PlatformError:"); i >= 0 {
		s = s[i:]
	}
	switch {
	case strings.HasPrefix(s, "Fyne error:"):
		reason := strings.TrimSpace(strings.TrimPrefix(s, "Fyne error:"))
		g.pending = reason == "window creation error" || reason == "failed to initialise GLFW"
	case strings.HasPrefix(s, "  Cause:") && g.pending:
		g.pending = false
		return strings.TrimSpace(strings.TrimPrefix(s, "  Cause:")), true
	case strings.HasPrefix(s, "PlatformError:"):
		g.platform = s
		if openGLError(s) {
			return s, true
		}
	}
	return "", false
}

// fail tells the user, once.
func (g *GraphicsGuard) fail(cause string) {
	g.mu.Lock()
	already := g.failed
	g.failed = true
	g.mu.Unlock()
	if !already {
		g.report(graphicsMessage(runtime.GOOS, cause))
	}
}

// graphicsPanic reports whether a panic came from GLFW (go-gl/glfw panics
// with its error codes' names) rather than from Liaison.
func graphicsPanic(msg string) bool {
	for _, code := range []string{"NotInitialized", "NoCurrentContext", "PlatformError", "APIUnavailable", "VersionUnavailable", "NoWindowContext", "GLFW", "WGL", "GLX", "EGL", "OpenGL"} {
		if strings.Contains(msg, code) {
			return true
		}
	}
	return false
}

// openGLError reports whether a GLFW platform error is about creating the
// OpenGL context (Windows' WGL, X11's GLX, EGL), rather than, say, the
// clipboard.
func openGLError(s string) bool {
	for _, api := range []string{"WGL:", "GLX:", "EGL:", "OpenGL"} {
		if strings.Contains(s, api) {
			return true
		}
	}
	return false
}

// graphicsMessage says, for the user and their IT team, why the window
// cannot open and what to do, ending with the technical cause.
func graphicsMessage(goos, cause string) string {
	var b strings.Builder
	b.WriteString("Liaison cannot open its window.\n\n")
	if strings.Contains(cause, "DISPLAY") || strings.Contains(cause, "open display") {
		b.WriteString("There is no screen to open it on: it was started outside a desktop session.\n\n")
	} else {
		b.WriteString("It needs OpenGL 2.1 to draw its window, and this computer's graphics driver does not offer it. " +
			"This is common over Remote Desktop and in some virtual machines.\n\n")
	}
	b.WriteString("What you can do:\n")
	switch goos {
	case "windows":
		b.WriteString("• Run Liaison on the computer itself rather than over Remote Desktop.\n" +
			"• Ask IT to install the graphics driver for this computer (or enable 3D graphics for the virtual machine).\n" +
			"• Or ask IT to put Mesa's software renderer, the 64-bit opengl32.dll from the Mesa3D builds for Windows, " +
			"in the same folder as Liaison.exe. Liaison will then draw without the graphics card; no installation or admin rights are needed.\n")
	default:
		b.WriteString("• Run Liaison in a desktop session with a display (not over SSH without one).\n" +
			"• Install the Mesa OpenGL drivers, or start Liaison with LIBGL_ALWAYS_SOFTWARE=1 to draw without the graphics card.\n")
	}
	b.WriteString("\nYour data has not been changed.\n\nDetails for IT: " + cause)
	return b.String()
}
