// Package csvio reads spreadsheet CSV as Excel, Google Sheets and forms tools
// write it (BOM or none, UTF-8 or Windows-1252, comma, semicolon or tab,
// CRLF or LF, quoted fields with line breaks) and writes CSV that Excel
// opens correctly and cannot be tricked into running as a formula.
//
// ReadParticipants turns a sign-up sheet into participants without touching
// the database, naming every problem by line and column, so the GUI and the
// command line can show them all before an all-or-nothing import.
package csvio
