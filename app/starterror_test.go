package app

import (
	"bytes"
	"errors"
	"fmt"
	"log"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
)

// watchForTest installs a GraphicsGuard whose messages are collected
// rather than shown, and whose log output goes to a buffer.
func watchForTest(t *testing.T) (*GraphicsGuard, *[]string, *bytes.Buffer) {
	t.Helper()
	var shown []string
	var out bytes.Buffer
	old := log.Writer()
	log.SetOutput(&out)
	g := WatchGraphics()
	g.report = func(msg string) { shown = append(shown, msg) }
	g.exit = func(code int) { shown = append(shown, fmt.Sprintf("exit %d", code)) }
	t.Cleanup(func() { g.Stop(); log.SetOutput(old) })
	return g, &shown, &out
}

func TestNoOpenGLIsExplained(t *testing.T) {
	g, shown, out := watchForTest(t)
	// What Fyne's GLFW driver logs when glfw.CreateWindow fails (just
	// before it quits or calls os.Exit(1)).
	fyne.LogError("window creation error", errors.New("APIUnavailable: WGL: The driver does not appear to support OpenGL"))
	// Fyne would otherwise run on with no window (or exit): the guard ends
	// the program once the user has read the message.
	if len(*shown) != 2 || (*shown)[1] != "exit 1" {
		t.Fatalf("shown %q, want the message once, then exit 1", *shown)
	}
	if !g.Failed() {
		t.Fatal("the guard does not know the window failed")
	}
	msg := (*shown)[0]
	for _, want := range []string{"cannot open its window", "OpenGL 2.1", "Remote Desktop", "Details for IT: APIUnavailable: WGL: The driver does not appear to support OpenGL"} {
		if !strings.Contains(msg, want) {
			t.Errorf("the message lacks %q:\n%s", want, msg)
		}
	}
	if !strings.Contains(out.String(), "window creation error") {
		t.Error("Fyne's own log line no longer reaches stderr")
	}
}

func TestOtherFyneErrorsAreNotGraphicsFailures(t *testing.T) {
	g, shown, _ := watchForTest(t)
	fyne.LogError("Failed to decode image for window icon", errors.New("bad PNG"))
	log.Println("  Cause: something else")
	if len(*shown) != 0 || g.Failed() {
		t.Fatalf("an unrelated error was reported as missing OpenGL: %q", *shown)
	}
}

func TestGLFWPanicsAreExplainedAndOthersPassOn(t *testing.T) {
	g, shown, _ := watchForTest(t)
	log.Println("PlatformError: X11: The DISPLAY environment variable is missing")
	g.Run(func() { panic("NotInitialized: The GLFW library is not initialized") })
	if len(*shown) != 1 || !strings.Contains((*shown)[0], "X11: The DISPLAY environment variable is missing") {
		t.Fatalf("the panic was not explained with GLFW's platform error: %q", *shown)
	}

	g2, _, _ := watchForTest(t)
	defer func() {
		if r := recover(); r != "index out of range" {
			t.Fatalf("a bug's panic was swallowed or changed: %v", r)
		}
	}()
	g2.Run(func() { panic("index out of range") })
}

func TestWindowsMessageNamesMesa(t *testing.T) {
	msg := graphicsMessage("windows", "APIUnavailable: WGL: The driver does not appear to support OpenGL")
	for _, want := range []string{"opengl32.dll", "Mesa", "same folder as Liaison.exe", "no installation or admin rights"} {
		if !strings.Contains(msg, want) {
			t.Errorf("the Windows message lacks %q:\n%s", want, msg)
		}
	}
}

func TestAContextThatCannotBeMadeEndsTheProgram(t *testing.T) {
	g, shown, _ := watchForTest(t)
	// go-gl/glfw logs a platform error and hands Fyne a nil window with no
	// error, so nothing would ever show.
	log.Println("PlatformError: WGL: Failed to make context current: The handle is invalid.")
	if len(*shown) != 2 || !strings.Contains((*shown)[0], "Details for IT: PlatformError: WGL: Failed to make context current") || (*shown)[1] != "exit 1" {
		t.Fatalf("shown %q, want the message and then exit 1", *shown)
	}
	if !g.Failed() {
		t.Fatal("the guard does not know the window failed")
	}
	g2, shown2, _ := watchForTest(t)
	log.Println("PlatformError: X11: Failed to read clipboard")
	if len(*shown2) != 0 || g2.Failed() {
		t.Fatalf("a clipboard error was taken for missing OpenGL: %q", *shown2)
	}
}
