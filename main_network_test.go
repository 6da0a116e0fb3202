package main

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// Liaison never uses the network. What this proves, over the packages the
// program imports as built for each system users run:
//
//  1. None of Liaison's own packages imports a package that opens sockets
//     or runs programs (net, net/http, crypto/tls, os/exec, …) or writes
//     the Windows registry (golang.org/x/sys/windows/registry).
//  2. Among the libraries, only the packages in reachesOut import those,
//     each for the reason given. A new one fails this test until someone
//     reads it and says why it cannot reach the network from Liaison.
//  3. Liaison's code never calls the library functions behind those
//     reasons (fetching a URL, opening a link, sending a notification).
//
// What it does not prove: what the operating system itself does for a
// window (on Linux, X11 or Wayland and the D-Bus session bus are local
// sockets to the user's own desktop session), nor cgo code (SQLite, GLFW),
// which calls no socket functions.

// networkPkgs open sockets, run programs or write the registry.
var networkPkgs = []string{"net", "net/http", "net/rpc", "net/smtp", "crypto/tls", "os/exec", "golang.org/x/sys/windows/registry", "golang.org/x/net/proxy", "golang.org/x/net/websocket"}

// reachesOut are the libraries allowed to import networkPkgs, with why.
var reachesOut = map[string]string{
	"fyne.io/fyne/v2":                      "net/http for LoadResourceFromURLString, which Liaison never calls (checked below)",
	"fyne.io/fyne/v2/internal/repository":  "net/http behind http:// and https:// storage URIs; Liaison only makes file:// URIs (checked below)",
	"fyne.io/fyne/v2/app":                  "os/exec to open URLs and send notifications, which Liaison never asks for (checked below)",
	"fyne.io/fyne/v2/dialog":               "os/exec in the file dialog's helper for the desktop's own dialogs: only local programs",
	"fyne.io/fyne/v2/internal/app":         "Windows registry, read only: the light/dark theme setting",
	"fyne.io/fyne/v2/internal/driver/glfw": "Windows registry, read only: the light/dark theme setting",
	"github.com/godbus/dbus/v5":            "a Unix socket to the user's own D-Bus session bus (desktop settings such as dark mode); no network",
	"github.com/jeandeaual/go-locale":      "os/exec on macOS to read the user's language with `defaults`",
	"golang.org/x/sys/windows":             "imports net for socket types only; calls nothing that connects",
}

type listedPkg struct {
	ImportPath string
	Standard   bool
	Module     *struct{ Path string }
	Imports    []string
	Dir        string
	GoFiles    []string
}

// deps lists the packages the program imports when built for goos.
func deps(t *testing.T, goos string) []listedPkg {
	t.Helper()
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("needs the go command")
	}
	cmd := exec.Command("go", "list", "-deps", "-json", "-tags", "migrated_fynedo", ".")
	cmd.Env = append(os.Environ(), "GOOS="+goos, "GOARCH=amd64", "CGO_ENABLED=1")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list for %s: %v", goos, err)
	}
	var pkgs []listedPkg
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for {
		var p listedPkg
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		pkgs = append(pkgs, p)
	}
	return pkgs
}

const ourModule = "github.com/liaisonapp/liaison"

func TestNoCodePathOpensTheNetwork(t *testing.T) {
	used := map[string]bool{}
	for _, goos := range []string{"windows", "linux", "darwin"} {
		t.Run(goos, func(t *testing.T) {
			for _, p := range deps(t, goos) {
				if p.Standard {
					continue
				}
				var bad []string
				for _, imp := range p.Imports {
					if slices.Contains(networkPkgs, imp) {
						bad = append(bad, imp)
					}
				}
				if len(bad) == 0 {
					continue
				}
				if strings.HasPrefix(p.ImportPath, ourModule) {
					t.Errorf("Liaison's %s imports %v", p.ImportPath, bad)
				} else if _, ok := reachesOut[p.ImportPath]; ok {
					used[p.ImportPath] = true
				} else {
					t.Errorf("%s imports %v: read it, and add it to reachesOut with the reason it cannot reach the network from Liaison", p.ImportPath, bad)
				}
			}
		})
	}
	for pkg := range reachesOut {
		if !used[pkg] && !t.Failed() {
			t.Errorf("%s no longer imports a network package: take it off reachesOut", pkg)
		}
	}
}

// forbiddenCalls are the library functions behind reachesOut's reasons.
var forbiddenCalls = []string{"LoadResourceFromURLString", "OpenURL", "SendNotification", "NewHyperlink", "NewHyperlinkWithStyle",
	"ParseURL", "NewRichTextFromMarkdown", "ParseMarkdown", "ParseURI", "SetSystemTrayMenu"}

func TestLiaisonCallsNoNetworkEntryPoint(t *testing.T) {
	seen := map[string]bool{}
	for _, goos := range []string{"windows", "linux", "darwin"} {
		for _, p := range deps(t, goos) {
			if !strings.HasPrefix(p.ImportPath, ourModule) || seen[p.Dir] {
				continue
			}
			seen[p.Dir] = true
			fset := token.NewFileSet()
			for _, name := range p.GoFiles {
				f, err := parser.ParseFile(fset, filepath.Join(p.Dir, name), nil, 0)
				if err != nil {
					t.Fatal(err)
				}
				ast.Inspect(f, func(n ast.Node) bool {
					if sel, ok := n.(*ast.SelectorExpr); ok && slices.Contains(forbiddenCalls, sel.Sel.Name) {
						t.Errorf("%s: %s calls %s, which can reach the network", fset.Position(sel.Pos()), p.ImportPath, sel.Sel.Name)
					}
					return true
				})
			}
		}
	}
}

func TestLinuxAndMacBuildsDoNotLinkGTK(t *testing.T) {
	for _, goos := range []string{"linux", "darwin"} {
		for _, p := range deps(t, goos) {
			if strings.HasPrefix(p.ImportPath, "github.com/sqweek/dialog") {
				t.Errorf("the %s build imports %s, which links GTK: keep it in a _windows.go file", goos, p.ImportPath)
			}
		}
	}
}
