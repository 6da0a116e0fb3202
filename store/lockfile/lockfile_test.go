package lockfile

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/liaisonapp/liaison/store"
)

func TestAcquire(t *testing.T) {
	db := filepath.Join(t.TempDir(), "new folder", "liaison.db")
	first, err := Acquire(db)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Acquire(db)
	if got := store.ErrorCode(err); got != store.EINUSE {
		t.Fatalf("second Acquire: code %q (%v), want %q", got, err, store.EINUSE)
	}
	if msg := store.ErrorMessage(err); !strings.Contains(msg, db) || !strings.Contains(msg, "already open in another Liaison window") {
		t.Fatalf("message %q does not name the database and say it is open elsewhere", msg)
	}
	if err := first.Release(); err != nil {
		t.Fatal(err)
	}
	again, err := Acquire(db)
	if err != nil {
		t.Fatalf("Acquire after Release: %v", err)
	}
	again.Release()
}

// TestAcquire_KilledHolder kills a process that holds the lock and takes
// it at once: a crashed window never blocks the next start.
func TestAcquire_KilledHolder(t *testing.T) {
	if os.Getenv("LIAISON_HOLD_LOCK") != "" {
		if _, err := Acquire(os.Getenv("LIAISON_HOLD_LOCK")); err != nil {
			os.Stdout.WriteString("error " + err.Error() + "\n")
			os.Exit(1)
		}
		os.Stdout.WriteString("locked\n")
		select {}
	}
	db := filepath.Join(t.TempDir(), "liaison.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestAcquire_KilledHolder$")
	cmd.Env = append(os.Environ(), "LIAISON_HOLD_LOCK="+db)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, _ := bufio.NewReader(out).ReadString('\n')
	if line != "locked\n" {
		cmd.Process.Kill()
		t.Fatalf("the child said %q", line)
	}
	if _, err := Acquire(db); store.ErrorCode(err) != store.EINUSE {
		cmd.Process.Kill()
		t.Fatalf("Acquire while another process holds the lock: %v", err)
	}
	cmd.Process.Kill()
	cmd.Wait()
	l, err := Acquire(db)
	if err != nil {
		t.Fatalf("Acquire after the holder was killed: %v", err)
	}
	l.Release()
}

func TestOnNetworkDrive(t *testing.T) {
	if OnNetworkDrive(filepath.Join(t.TempDir(), "liaison.db")) {
		t.Error("a temporary folder counts as a network drive")
	}
	if !OnNetworkDrive(`\\nhs-fs01\home\ann\liaison.db`) {
		t.Error("a UNC path does not count as a network drive")
	}
}
