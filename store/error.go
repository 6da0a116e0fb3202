// Package store holds Liaison's domain: rounds, participants, pairings and
// their visits, the feedback survey, anonymous reflections, improvement
// projects and events, with the service interfaces the GUI and the command
// line use. It is pure Go; the SQLite implementation lives in store/sqlite.
package store

import (
	"errors"
	"fmt"
)

// Error codes. The GUI shows an error's Message; the code decides how.
const (
	ECONFLICT   = "conflict"    // the action conflicts with what is stored (a duplicate email, say)
	EINTERNAL   = "internal"    // a fault in Liaison or the machine, not the user's doing
	EINVALID    = "invalid"     // the input is wrong; the message says how
	ENOTFOUND   = "not_found"   // the thing asked for does not exist
	ETOONEW     = "too_new"     // the database was written by a newer Liaison
	ENOTLIAISON = "not_liaison" // the file is not a Liaison database

	// Trouble with the database file itself: each message says what to do.
	EBUSY     = "busy"        // another program kept the database locked longer than Liaison waits
	EREADONLY = "read_only"   // the database, or its folder, cannot be written
	EDISKFULL = "disk_full"   // the disk holding the database is full
	EDAMAGED  = "damaged"     // the database file is damaged
	ECANTOPEN = "cannot_open" // the database cannot be opened or created (a folder, a missing drive)
	EINUSE    = "in_use"      // the database is already open in another Liaison window
)

// Error is an application error: a code for programs and a message for people.
type Error struct {
	Code    string
	Message string
}

// Error implements the error interface.
func (e *Error) Error() string {
	return fmt.Sprintf("liaison error: code=%s message=%s", e.Code, e.Message)
}

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code string, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of an application error, "" for nil and
// EINTERNAL for any other error.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the human message of an application error, or a
// generic message for any other error (whose detail belongs in a log).
func ErrorMessage(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Message
	}
	return "Something went wrong inside Liaison: " + err.Error()
}
