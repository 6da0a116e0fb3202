// Package quietlocale stops Fyne printing "Fyne error: Error parsing user
// locale C" on every run when the locale is C.UTF-8 (the default of many
// Linux machines and containers) or another C/POSIX variant.
//
// Fyne's lang package reads the locale at package initialisation, before
// main runs, through github.com/jeandeaual/go-locale, which treats exactly
// "C" and "POSIX" as "no locale" but passes "C.UTF-8" on as the language
// "C", which golang.org/x/text cannot parse. This package's init runs
// first and says the same thing in the form go-locale understands: the
// message locale is "C" (LC_MESSAGES=C). C.UTF-8's messages are C's
// messages, so nothing else changes; the character type (LC_CTYPE), which
// decides how typed text such as "£" is read, keeps its UTF-8.
//
// Go initialises packages in the order of their import paths, each after
// everything it imports. This package imports only os, and sorts before
// github.com/nicksnyder/go-i18n and golang.org/x/text, which Fyne's lang
// package imports and which need os themselves, so its init always runs
// before lang's. main's test runs the built binary under LANG=C.UTF-8 to
// prove it.
package quietlocale

import (
	"os"
	"strings"
)

func init() { fix(os.Getenv, os.Setenv, os.Unsetenv) }

// categories are the locale variables LC_ALL overrides.
var categories = []string{"LC_CTYPE", "LC_NUMERIC", "LC_TIME", "LC_COLLATE", "LC_MONETARY", "LC_MESSAGES",
	"LC_PAPER", "LC_NAME", "LC_ADDRESS", "LC_TELEPHONE", "LC_MEASUREMENT", "LC_IDENTIFICATION"}

// fix rewrites the environment when the message locale is a C or POSIX
// variant that go-locale would misread.
func fix(getenv func(string) string, setenv func(string, string) error, unsetenv func(string) error) {
	from, value := "", ""
	// The order go-locale (and gettext) read them in.
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := getenv(name); v != "" {
			from, value = name, v
			break
		}
	}
	if value == "C" || value == "POSIX" || !isCVariant(value) || getenv("LANGUAGE") != "" {
		// Fine as it is; go-locale reads a non-empty LANGUAGE instead.
		return
	}
	if from == "LC_ALL" {
		// LC_ALL overrides LC_MESSAGES: move it to LANG, which every
		// category falls back to, dropping the categories it overrode.
		for _, c := range categories {
			unsetenv(c)
		}
		unsetenv("LC_ALL")
		setenv("LANG", value)
	}
	setenv("LC_MESSAGES", "C")
}

// isCVariant reports whether a locale name is C or POSIX with a codeset or
// modifier, such as C.UTF-8, C.utf8 or POSIX@euro.
func isCVariant(v string) bool {
	base, _, _ := strings.Cut(v, ".")
	base, _, _ = strings.Cut(base, "@")
	return base == "C" || base == "POSIX"
}
