package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

var (
	builtOnce sync.Once
	built     string
	buildErr  error
)

// liaisonBinary is the program as users run it: $LIAISON_BIN (CI sets it to
// dist/liaison, built by .ci/build-windows), or one built here with the
// same flags, so that the build cache serves both.
func liaisonBinary(t *testing.T) string {
	t.Helper()
	if bin := os.Getenv("LIAISON_BIN"); bin != "" {
		abs, err := filepath.Abs(bin)
		if err != nil {
			t.Fatal(err)
		}
		return abs
	}
	if testing.Short() {
		t.Skip("builds the program; set LIAISON_BIN to use one already built")
	}
	builtOnce.Do(func() {
		dir, err := os.MkdirTemp("", "liaison-bin")
		if err != nil {
			buildErr = err
			return
		}
		built = filepath.Join(dir, "liaison")
		if runtime.GOOS == "windows" {
			built += ".exe"
		}
		out, err := exec.Command("go", "build", "-trimpath", "-tags", "migrated_fynedo", "-o", built, ".").CombinedOutput()
		if err != nil {
			buildErr = &buildError{err, out}
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return built
}

type buildError struct {
	err error
	out []byte
}

func (e *buildError) Error() string { return "go build: " + e.err.Error() + "\n" + string(e.out) }

// run runs the program with env added to a clean environment.
func run(t *testing.T, env []string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	cmd := exec.Command(liaisonBinary(t), args...)
	cmd.Env = append([]string{"HOME=" + t.TempDir(), "PATH=" + os.Getenv("PATH")}, env...)
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err = cmd.Run()
	return o.String(), e.String(), err
}

// TestSuccessfulCommandsAreQuietInEveryLocale: a command that works prints
// nothing on stderr, also under the C locales many Linux machines default
// to (Fyne used to print "Fyne error: Error parsing user locale C" three
// times, and GTK its locale warnings).
func TestSuccessfulCommandsAreQuietInEveryLocale(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	for _, env := range [][]string{{"LANG=C.UTF-8"}, {"LANG=C"}, {"LC_ALL=C.UTF-8"}, {"LANG=POSIX"}, {"LANG=en_GB.UTF-8"}, {}} {
		name := strings.Join(env, " ")
		if name == "" {
			name = "no locale set"
		}
		t.Run(name, func(t *testing.T) {
			for _, args := range [][]string{{"demo", "--db", db}, {"report", "--db", db}, {"--version"}, {"help"}} {
				stdout, stderr, err := run(t, env, args...)
				if err != nil {
					t.Fatalf("liaison %s: %v\n%s", strings.Join(args, " "), err, stderr)
				}
				if stderr != "" {
					t.Fatalf("liaison %s printed on stderr:\n%s", strings.Join(args, " "), stderr)
				}
				if stdout == "" {
					t.Fatalf("liaison %s printed nothing", strings.Join(args, " "))
				}
			}
		})
	}
}

func TestVersionNamesEveryPart(t *testing.T) {
	stdout, _, err := run(t, nil, "--version")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Liaison ", "\nBuilt ", "Go 1.", "Fyne 2.", "SQLite 3."} {
		if !strings.Contains(stdout, want) {
			t.Errorf("--version lacks %q:\n%s", want, stdout)
		}
	}
}

func TestPortableAndDBTogetherAreRefused(t *testing.T) {
	_, stderr, err := run(t, nil, "--portable", "--db", filepath.Join(t.TempDir(), "x.db"))
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 2 {
		t.Fatalf("--portable --db: %v, want exit status 2", err)
	}
	if !strings.Contains(stderr, "--portable and --db") {
		t.Fatalf("stderr does not say why:\n%s", stderr)
	}
}

// TestNothingIsWrittenBesideTheProgram runs a copy of the program from its
// own folder, as from Downloads or a USB stick: without --portable the
// database goes to the user's data folder and the program's folder stays
// as it was.
func TestNothingIsWrittenBesideTheProgram(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the default data folder checked here is Linux's")
	}
	src, err := os.ReadFile(liaisonBinary(t))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	exe := filepath.Join(dir, "liaison")
	if err := os.WriteFile(exe, src, 0o755); err != nil {
		t.Fatal(err)
	}
	home := t.TempDir()
	cmd := exec.Command(exe, "demo")
	cmd.Dir = dir
	cmd.Env = []string{"HOME=" + home, "LANG=C.UTF-8"}
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("liaison demo: %v\n%s", err, out)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Fatalf("the program's folder now holds %v", names)
	}
	if _, err := os.Stat(filepath.Join(home, ".local", "share", "liaison", "liaison.db")); err != nil {
		t.Fatalf("the database is not in the user's data folder: %v", err)
	}
}

func TestPortableKeepsTheDataBesideTheProgram(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	exe, _ = filepath.EvalSymlinks(exe)
	got, err := portablePath()
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(filepath.Dir(exe), "Liaison-data", "liaison.db"); got != want {
		t.Fatalf("portablePath() = %q, want %q", got, want)
	}
}

// TestWithoutOpenGLTheUserIsTold starts the GUI on a display without
// OpenGL (Xvfb without its GLX extension, as in some remote sessions): the
// program says what is missing and exits, rather than running on with no
// window.
func TestWithoutOpenGLTheUserIsTold(t *testing.T) {
	xvfb, err := exec.LookPath("Xvfb")
	if err != nil {
		t.Skip("needs Xvfb")
	}
	bin := liaisonBinary(t)
	display := fmt.Sprintf(":%d", 200+os.Getpid()%500)
	x := exec.Command(xvfb, display, "-screen", "0", "1024x768x24", "-extension", "GLX", "-nolisten", "tcp")
	if err := x.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { x.Process.Kill(); x.Wait() }()
	time.Sleep(time.Second)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "--db", filepath.Join(t.TempDir(), "x.db"))
	cmd.Env = []string{"DISPLAY=" + display, "HOME=" + t.TempDir(), "LANG=en_GB.UTF-8"}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err = cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("the program ran on with no window:\n%s", stderr.String())
	}
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
		t.Fatalf("exit: %v, want status 1\n%s", err, stderr.String())
	}
	for _, want := range []string{"Liaison cannot open its window", "OpenGL 2.1", "Details for IT: APIUnavailable: GLX"} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr.String())
		}
	}
}
