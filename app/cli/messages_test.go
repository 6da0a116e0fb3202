package cli

import (
	"io"
	"mime"
	"mime/quotedprintable"
	"net/mail"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExportMessages drafts the demo round's messages: a mail-merge CSV
// per kind, a template changed for the round, and one .eml draft that
// Outlook opens unsent.
func TestExportMessages(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "liaison.db")
	if code, _, stderr := run(t, "demo", "--db", path); code != 0 {
		t.Fatalf("demo: %s", stderr)
	}
	for _, kind := range []string{"intro", "chaser", "invitation"} {
		out := filepath.Join(dir, kind+".csv")
		code, stdout, stderr := run(t, "export", "messages", "--db", path, "--kind", kind, "--out", out, "--organiser", "Dr Olive Organiser")
		if code != 0 {
			t.Fatalf("%s exited %d: %s", kind, code, stderr)
		}
		b, _ := os.ReadFile(out)
		csv := string(b)
		if !strings.HasPrefix(csv, "\ufeffEmail,Name,Partner,Partner email,Partner role,Partner organisation,Visit date,Visit time,Where,Event,Event date,Venue,Subject,Message\r\n") {
			t.Fatalf("%s: header is %q", kind, strings.SplitN(csv, "\r\n", 2)[0])
		}
		if !strings.Contains(csv, "Dr Olive Organiser") || !strings.Contains(stdout, kind+" message") {
			t.Fatalf("%s: not signed, or stdout %q", kind, stdout)
		}
		if strings.Contains(csv, "{partner}") || strings.Contains(csv, "{name}") {
			t.Fatalf("%s: a field was left unfilled", kind)
		}
	}
	// The demo has one overdue visit (today is 23 Nov 2026): both of that
	// pair are chased.
	b, _ := os.ReadFile(filepath.Join(dir, "chaser.csv"))
	if !strings.Contains(string(b), "as not yet done") {
		t.Fatalf("no chaser for the overdue visit:\n%.600s", b)
	}

	body := filepath.Join(dir, "body.txt")
	os.WriteFile(body, []byte("Hello {name}, meet {partner} — café at 10?\n{organiser}"), 0o600)
	if code, _, stderr := run(t, "template", "intro", "--db", path, "--subject", "Meet {partner}", "--body-file", body); code != 0 {
		t.Fatalf("template exited %d: %s", code, stderr)
	}
	if code, _, stderr := run(t, "template", "intro", "--db", path, "--subject", "Meet {partnr}"); code != 1 || !strings.Contains(stderr, "{partnr} is not a field") {
		t.Fatalf("bad field: exit %d, %s", code, stderr)
	}

	intro, _ := os.ReadFile(filepath.Join(dir, "intro.csv"))
	to := strings.Split(strings.SplitN(string(intro), "\r\n", 3)[1], ",")[0]
	eml := filepath.Join(dir, "draft.eml")
	if code, _, stderr := run(t, "export", "messages", "--db", path, "--kind", "intro", "--out", eml); code != 1 || !strings.Contains(stderr, "give --to") {
		t.Fatalf("eml without --to: exit %d, %s", code, stderr)
	}
	if code, _, stderr := run(t, "export", "messages", "--db", path, "--kind", "intro", "--out", eml, "--to", to); code != 0 {
		t.Fatalf("eml exited %d: %s", code, stderr)
	}
	f, _ := os.Open(eml)
	defer f.Close()
	msg, err := mail.ReadMessage(f)
	if err != nil {
		t.Fatalf("the draft is not RFC 5322: %v", err)
	}
	if msg.Header.Get("X-Unsent") != "1" || msg.Header.Get("From") != "" {
		t.Fatalf("headers = %v; want X-Unsent: 1 and no From", msg.Header)
	}
	subject, _ := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	if !strings.HasPrefix(subject, "Meet ") {
		t.Fatalf("subject = %q, want the round's own template", subject)
	}
	text, _ := io.ReadAll(quotedprintable.NewReader(msg.Body))
	if !strings.Contains(string(text), "— café at 10?\r\nDr Olive Organiser") {
		t.Fatalf("body = %q", text)
	}
}
