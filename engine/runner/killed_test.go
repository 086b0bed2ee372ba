package runner_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// killedChild is the environment variable that makes TestKilledRunChild
// run a check: "sleep" for code that sleeps an hour, "solution" for the
// solution.
const killedChild = "ASYNCLINGS_TEST_KILLED_CHILD"

// killedGroups is the environment variable naming the control groups
// (a list of directories) that TestKilledRunChild first moves itself into.
// Every run sweeps the groups beside its own, so a check running in another
// test process could remove the killed check's groups before the next check
// is there to: in groups of their own, only that check sees them.
const killedGroups = "ASYNCLINGS_TEST_KILLED_GROUPS"

// TestKilledRunChild is the check that TestKilledRunLeavesNothing runs in
// a process of its own, to kill it.
func TestKilledRunChild(t *testing.T) {
	mode := os.Getenv(killedChild)
	if mode == "" {
		t.Skip("run by TestKilledRunLeavesNothing")
	}
	for _, d := range filepath.SplitList(os.Getenv(killedGroups)) {
		if err := os.WriteFile(filepath.Join(d, "cgroup.procs"), []byte(strconv.Itoa(os.Getpid())), 0); err != nil {
			t.Fatalf("join %s: %v", d, err)
		}
	}
	r := newRunner(t)
	r.Fresh = true // compiles and links, as on a cold cache, in groups of their own
	ex := *sumExercise(t)
	ex.Timeout = time.Minute
	code := ex.Solution
	if mode == "sleep" {
		code = "package sum\n\nimport \"time\"\n\nfunc Sum(nums []int) int {\n\ttime.Sleep(time.Hour)\n\treturn 0\n}\n"
	}
	v, err := r.Check(context.Background(), &ex, code)
	if err != nil || !v.Passed() {
		t.Fatalf("Check = %s %q, %v; want a pass", v.Outcome, v.Message, err)
	}
}

// TestKilledRunLeavesNothing kills (SIGKILL) a process in the middle of a
// check, while the learner's code runs in the sandbox, and checks that
// the next process to check something removes the temporary directory and
// the control groups it left, with no sandboxed process left running.
func TestKilledRunLeavesNothing(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("control groups and /proc are Linux's")
	}
	newRunner(t) // skips where checks cannot run
	tmp := t.TempDir()
	for _, d := range []string{tmp, filepath.Dir(tmp)} { // the sandbox's user must reach inside
		if err := os.Chmod(d, 0o711); err != nil {
			t.Fatal(err)
		}
	}
	own := ownCgroups(t)
	child := func(mode string) *exec.Cmd {
		cmd := exec.Command(os.Args[0], "-test.run=^TestKilledRunChild$", "-test.count=1", "-test.v")
		cmd.Env = append(os.Environ(), "TMPDIR="+tmp, killedChild+"="+mode, killedGroups+"="+strings.Join(own, string(filepath.ListSeparator)))
		return cmd
	}

	first := child("sleep")
	var out strings.Builder
	first.Stdout, first.Stderr = &out, &out
	if err := first.Start(); err != nil {
		t.Fatal(err)
	}
	// Wait for the sandboxed test binary, sleeping in the learner's code:
	// a child of the check's process, in a control group of asynclings',
	// running the binary.
	var groups []string
	var sandboxed []int
	deadline := time.Now().Add(60 * time.Second)
	for len(sandboxed) == 0 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
		for _, pid := range children(first.Process.Pid) {
			// The test binary, by its name: not a compile or link, whose
			// arguments name it too, and whose groups go when they end.
			cmdline, _ := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", pid))
			name, _, _ := strings.Cut(string(cmdline), "\x00")
			if g := asynclingsCgroups(pid); len(g) > 0 && strings.HasSuffix(name, ".test") {
				groups, sandboxed = g, procs(g[0])
			}
		}
	}
	if len(sandboxed) == 0 {
		first.Process.Kill()
		first.Wait()
		t.Fatalf("the sandboxed program never started:\n%s", out.String())
	}
	time.Sleep(100 * time.Millisecond) // into the tests
	if err := first.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	first.Wait()

	left, _ := os.ReadDir(tmp)
	if len(left) == 0 {
		t.Fatal("the killed check left no temporary directory: the test proves nothing")
	}
	for _, g := range groups {
		if _, err := os.Stat(g); err != nil {
			t.Fatalf("the killed check's control group %s is gone already: the test proves nothing (%v)", g, err)
		}
	}
	t.Logf("left: %d entries in TMPDIR (%s), control groups %q, sandboxed processes %v", len(left), left[0].Name(), groups, sandboxed)

	second := child("solution")
	if b, err := second.CombinedOutput(); err != nil {
		t.Fatalf("the next check: %v\n%s", err, b)
	}
	left, _ = os.ReadDir(tmp)
	for _, e := range left {
		t.Errorf("left in TMPDIR after the next check: %s", e.Name())
	}
	for _, g := range groups {
		if _, err := os.Stat(g); !os.IsNotExist(err) {
			t.Errorf("the killed check's control group is still there after the next check: %s (%v)", g, err)
		}
	}
	for _, pid := range sandboxed {
		b, err := os.ReadFile(fmt.Sprintf("/proc/%d/cgroup", pid))
		for _, g := range groups {
			if err == nil && strings.Contains(string(b), filepath.Base(g)) {
				t.Errorf("sandboxed process %d survives in %s", pid, g)
			}
		}
	}
}

// ownCgroups makes, under this process's memory and pids control groups
// (cgroup v1), one of each for the test's checks alone, removed when the
// test ends. Under cgroup v2 a group with processes in it cannot hand
// controllers to its children, so there it makes none and the test can
// lose its groups to another process's sweep.
func ownCgroups(t *testing.T) []string {
	b, err := os.ReadFile("/proc/self/cgroup")
	if err != nil {
		t.Fatal(err)
	}
	var dirs []string
	name := fmt.Sprintf("killedtest-%d", os.Getpid())
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		parts := strings.SplitN(line, ":", 3)
		if len(parts) != 3 || parts[1] != "memory" && parts[1] != "pids" {
			continue
		}
		d := filepath.Join("/sys/fs/cgroup", parts[1], parts[2], name)
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Logf("no control group of the test's own: %v", err)
			return nil
		}
		t.Cleanup(func() {
			if err := os.Remove(d); err != nil {
				t.Errorf("remove the test's control group: %v", err)
			}
		})
		dirs = append(dirs, d)
	}
	return dirs
}

// children returns the pids of pid's children.
func children(pid int) []int {
	var pids []int
	tasks, _ := filepath.Glob(fmt.Sprintf("/proc/%d/task/*/children", pid))
	for _, task := range tasks {
		b, _ := os.ReadFile(task)
		for _, f := range strings.Fields(string(b)) {
			if n, err := strconv.Atoi(f); err == nil {
				pids = append(pids, n)
			}
		}
	}
	return pids
}

// asynclingsCgroups returns the directories of the control groups of
// asynclings' (cgroup v1 or v2) that process pid is in.
func asynclingsCgroups(pid int) []string {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/cgroup", pid))
	if err != nil {
		return nil
	}
	var dirs []string
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		parts := strings.SplitN(line, ":", 3)
		if len(parts) != 3 || !strings.HasPrefix(filepath.Base(parts[2]), "asynclings-") {
			continue
		}
		switch parts[1] {
		case "":
			dirs = append(dirs, filepath.Join("/sys/fs/cgroup", parts[2]))
		case "memory", "pids":
			dirs = append(dirs, filepath.Join("/sys/fs/cgroup", parts[1], parts[2]))
		}
	}
	return dirs
}

// procs returns the pids in the control group dir.
func procs(dir string) []int {
	b, _ := os.ReadFile(filepath.Join(dir, "cgroup.procs"))
	var pids []int
	for _, f := range strings.Fields(string(b)) {
		if n, err := strconv.Atoi(f); err == nil {
			pids = append(pids, n)
		}
	}
	return pids
}
