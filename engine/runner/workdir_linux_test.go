package runner

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/asynclings/asynclings/engine/sandbox"
)

// TestSweepDirs leaves work directories as killed runs, live ones and
// older versions would, and checks that the sweep removes exactly those
// whose maker has ended, or that are old, named the older way and unused.
func TestSweepDirs(t *testing.T) {
	parent := t.TempDir()
	fi, err := os.Stat("/proc/self/ns/pid")
	if err != nil {
		t.Skip(err)
	}
	ns := fi.Sys().(*syscall.Stat_t).Ino
	old := time.Now().Add(-sandbox.LegacyAge - time.Minute)
	outside := t.TempDir()
	mk := func(name string, mod time.Time) string {
		d := filepath.Join(parent, name)
		if err := os.MkdirAll(filepath.Join(d, "run", "inner"), 0o755); err != nil {
			t.Fatal(err)
		}
		os.Chmod(filepath.Join(d, "run", "inner"), 0) // as a sandboxed program may leave it
		os.Chmod(filepath.Join(d, "run"), 0o500)
		if err := os.Chtimes(d, mod, mod); err != nil {
			t.Fatal(err)
		}
		return d
	}
	// No process has pid 2^31-1: its maker has ended.
	dead := mk(fmt.Sprintf("asynclings-check-%d-1-%d-0123abcd", 1<<31-1, ns), time.Now())
	deadGuard := mk(fmt.Sprintf("asynclings-guard-%d-1-%d-0123abcd", 1<<31-1, ns), time.Now())
	live := mk(sandbox.Name("check"), old)
	legacyOld := mk("asynclings-batch-123456", old)
	legacyYoung := mk("asynclings-check-123457", time.Now())
	legacyBusy := mk("asynclings-program-123458", old)
	foreign := mk(fmt.Sprintf("asynclings-check-%d-1-%d-0123abcd", 1<<31-1, ns+1), old)
	notOurs := mk("asynclings-notes", old)
	// A link with a dead maker's name leads elsewhere: neither goes.
	link := filepath.Join(parent, fmt.Sprintf("asynclings-check-%d-2-%d-0123abcd", 1<<31-1, ns))
	if err := os.Symlink(outside, link); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(outside, "keep"), nil, 0o644)
	busy := exec.Command("sleep", "60")
	busy.Dir = legacyBusy
	if err := busy.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { busy.Process.Kill(); busy.Wait() }()

	sweepDirs(parent)

	for _, d := range []string{dead, deadGuard, legacyOld} {
		if _, err := os.Lstat(d); !os.IsNotExist(err) {
			t.Errorf("not removed: %s (%v)", filepath.Base(d), err)
		}
	}
	for _, d := range []string{live, legacyYoung, legacyBusy, foreign, notOurs, link, filepath.Join(outside, "keep")} {
		if _, err := os.Lstat(d); err != nil {
			t.Errorf("removed: %s (%v)", filepath.Base(d), err)
		}
	}
	for _, d := range []string{live, legacyYoung, legacyBusy, foreign, notOurs} {
		removeAll(d) // t.TempDir cannot, where the directories are closed
	}
}
