//go:build linux

package sandbox

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// deadMaker returns a maker that has ended: a process that ran and was
// reaped.
func deadMaker(t *testing.T) maker {
	t.Helper()
	cmd := exec.Command("sleep", "60")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	start, err := startTime(cmd.Process.Pid)
	if err != nil {
		t.Fatal(err)
	}
	cmd.Process.Kill()
	cmd.Wait()
	return maker{pid: cmd.Process.Pid, start: start, ns: self().ns}
}

func (m maker) name(kind string) string {
	return fmt.Sprintf("asynclings-%s-%d-%d-%d-%s", kind, m.pid, m.start, m.ns, "0123abcd")
}

func TestAbandoned(t *testing.T) {
	me := self()
	if me.start == 0 || me.ns == 0 {
		t.Fatalf("self() = %+v: no start time or PID namespace", me)
	}
	if _, m, ok := parseName(Name("check")); !ok || m != me {
		t.Errorf("parseName(Name(check)) = %+v, %v; want %+v", m, ok, me)
	}
	dead := deadMaker(t)
	reused := me
	reused.start++ // this pid, another process
	now, old := time.Now(), time.Now().Add(-LegacyAge-time.Minute)
	idle := func() bool { return true }
	busy := func() bool { return false }
	for _, c := range []struct {
		name string
		mod  time.Time
		idle func() bool
		want bool
	}{
		{Name("check"), old, idle, false},                                        // this process: alive
		{me.name("check"), old, idle, false},                                     // the same
		{reused.name("check"), now, busy, true},                                  // the pid's earlier process
		{dead.name("batch"), now, busy, true},                                    // ended, whatever its age
		{maker{1, 0, me.ns}.name("check"), old, idle, false},                     // pid 1 with no start time: alive
		{"asynclings-check-123456", now, idle, false},                            // legacy, young
		{"asynclings-check-123456", old, busy, false},                            // legacy, in use
		{"asynclings-check-123456", old, idle, true},                             // legacy, old and idle
		{maker{dead.pid, dead.start, me.ns + 1}.name("check"), old, idle, false}, // another namespace: not old enough
		{maker{dead.pid, dead.start, me.ns + 1}.name("check"), now.Add(-ForeignAge - time.Minute), idle, true},
	} {
		if got := Abandoned(c.name, c.mod, c.idle); got != c.want {
			t.Errorf("Abandoned(%s, %s ago) = %v, want %v", c.name, time.Since(c.mod).Round(time.Minute), got, c.want)
		}
	}
}

// TestSweepCgroups leaves control groups as a killed run would, one with
// a process still in it, and checks that the sweep kills that process and
// removes them, and leaves alone those whose maker lives and a young one
// named the older way.
func TestSweepCgroups(t *testing.T) {
	ps, err := cgroupParents()
	if err != nil {
		t.Skip(err)
	}
	mem, pids := ps.mem, ps.pids
	if cg, err := newCgroup(Limits{}.withDefaults()); err != nil {
		t.Skipf("no control groups: %v", err)
	} else {
		cg.remove()
	}
	dead := deadMaker(t)
	// A group as newCgroup makes it, with a process in it.
	group := func(name string) (*cgroup, *exec.Cmd) {
		cg := &cgroup{mem: filepath.Join(mem, name), pids: filepath.Join(pids, name), v2: mem == pids}
		t.Cleanup(func() { cg.killAll(); cg.remove() })
		for _, d := range cg.dirs() {
			if err := os.Mkdir(d, 0o755); err != nil {
				t.Fatal(err)
			}
		}
		cmd := exec.Command("sleep", "600")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
		if err := cg.add(cmd.Process.Pid); err != nil {
			t.Fatal(err)
		}
		return cg, cmd
	}
	left, leftProc := group(dead.name("cgroup"))
	emptyLeft := &cgroup{mem: filepath.Join(mem, dead.name("batch")), pids: filepath.Join(pids, dead.name("batch"))}
	for _, d := range emptyLeft.dirs() {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(emptyLeft.remove)
	mine, mineProc := group(Name("cgroup"))
	var b [6]byte
	legacy, legacyProc := group(fmt.Sprintf("asynclings-%x", b[:]))

	exited := make(chan error, 1)
	go func() { exited <- leftProc.Wait() }()
	sweep()
	select {
	case err := <-exited:
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
			t.Errorf("the process left in a dead run's group ended with %v, want SIGKILL", err)
		}
	case <-time.After(5 * time.Second):
		t.Error("the process left in a dead run's group still runs")
	}
	for _, cg := range []*cgroup{left, emptyLeft} {
		for _, d := range cg.dirs() {
			if _, err := os.Stat(d); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("a dead run's group is still there: %s (%v)", d, err)
			}
		}
	}
	for _, c := range []struct {
		cg   *cgroup
		proc *exec.Cmd
	}{{mine, mineProc}, {legacy, legacyProc}} {
		if err := c.proc.Process.Signal(syscall.Signal(0)); err != nil {
			t.Errorf("the process in %s was killed: %v", c.cg.mem, err)
		}
		for _, d := range c.cg.dirs() {
			b, err := os.ReadFile(d + "/cgroup.procs")
			if err != nil || string(b) != strconv.Itoa(c.proc.Process.Pid)+"\n" {
				t.Errorf("%s/cgroup.procs = %q, %v; want the process still there", d, b, err)
			}
		}
	}
}

// TestLegacyCgroup: the older names are asynclings- and 12 lower-case hex
// digits, nothing else.
func TestLegacyCgroup(t *testing.T) {
	for name, want := range map[string]bool{
		"asynclings-0123456789ab":   true,
		"asynclings-000000000000":   true,
		"asynclings-0123456789a":    false,
		"asynclings-0123456789abc":  false,
		"asynclings-0123456789AB":   false,
		"asynclings-0123456789ag":   false,
		"xasynclings-0123456789ab":  false,
		"asynclings-check-123456":   false,
		"asynclings-0123456789ab/x": false,
	} {
		if got := legacyCgroup(name); got != want {
			t.Errorf("legacyCgroup(%q) = %v, want %v", name, got, want)
		}
	}
}
