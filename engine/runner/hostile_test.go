package runner_test

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/engine/runner"
)

// hostile is one submission of testdata/hostile: a learner's file trying to
// pass without earning it, or to reach outside its sandbox. Its header
// comments say what the runner must make of it:
//
//	// want: fail|timeout     the outcomes allowed (never pass)
//	// exercise: sumtable     the exercise in testdata/hostile.toml (default sum)
//	// message: text          the verdict's messages mention text (repeatable)
//	// memory: 128            the run's memory limit in MiB
//
// and these placeholders in its code are replaced before the check, each
// with a check of its own afterwards:
//
//	@@TMP_FILE@@    a path in /tmp that must not exist after the run
//	@@CACHE_FILE@@  a path in the runner's cache that must not exist after
//	@@ADDR@@        a listener on the host's loopback that nothing may reach
//	@@UNIX_ADDR@@   a Unix socket in /tmp, open to all, that nothing may reach
//	@@MARKER@@      a word no process may still have in its command line
type hostile struct {
	file     string
	code     string
	want     []engine.Outcome
	exercise string
	messages []string
	memory   int64
}

func loadHostile(t *testing.T) []hostile {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "hostile", "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	var out []hostile
	for _, file := range files {
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		h := hostile{file: filepath.Base(file), code: string(b), exercise: "sum"}
		sc := bufio.NewScanner(strings.NewReader(h.code))
		for sc.Scan() {
			line, ok := strings.CutPrefix(sc.Text(), "// ")
			if !ok {
				break
			}
			key, val, ok := strings.Cut(line, ": ")
			if !ok {
				continue
			}
			switch key {
			case "want":
				for _, o := range strings.Split(val, "|") {
					h.want = append(h.want, engine.Outcome(strings.TrimSpace(o)))
				}
			case "exercise":
				h.exercise = val
			case "message":
				h.messages = append(h.messages, val)
			case "memory":
				mib, err := strconv.Atoi(val)
				if err != nil {
					t.Fatalf("%s: memory: %v", file, err)
				}
				h.memory = int64(mib) << 20
			}
		}
		if len(h.want) == 0 {
			t.Fatalf("%s has no // want: header", file)
		}
		if slices.Contains(h.want, engine.OutcomePass) {
			t.Fatalf("%s: a hostile submission may not want a pass", file)
		}
		out = append(out, h)
	}
	if len(out) < 30 {
		t.Fatalf("only %d hostile submissions in testdata/hostile", len(out))
	}
	return out
}

func hostileExercises(t *testing.T) map[string]*engine.Exercise {
	t.Helper()
	c, err := engine.Load(filepath.Join("testdata", "hostile.toml"))
	if err != nil {
		t.Fatal(err)
	}
	exs := map[string]*engine.Exercise{}
	for _, ch := range c.Chapters {
		for _, ex := range ch.Exercises {
			exs[ex.ID] = ex
		}
	}
	return exs
}

func randomWord(t *testing.T) string {
	t.Helper()
	var b [8]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// TestHostile checks every submission in testdata/hostile and holds the
// runner to the outcome its header names: none of them may pass, escape the
// sandbox or leave anything behind.
func TestHostile(t *testing.T) {
	r := newRunner(t)
	exs := hostileExercises(t)
	for _, ex := range exs {
		if ex.Race {
			if _, err := exec.LookPath("gcc"); err != nil {
				t.Skip("the race detector needs a C compiler")
			}
		}
	}
	// The exercises' reference solutions pass: what fails below fails
	// for what the submission did.
	t.Run("solutions", func(t *testing.T) {
		for id, ex := range exs {
			t.Run(id, func(t *testing.T) {
				t.Parallel()
				v, err := r.Check(context.Background(), ex, ex.Solution)
				if err != nil || v.Outcome != engine.OutcomePass {
					t.Fatalf("the solution of %s: %s %q %v (tests %+v)", id, v.Outcome, v.Message, err, v.Tests)
				}
			})
		}
	})
	for _, h := range loadHostile(t) {
		t.Run(strings.TrimSuffix(h.file, ".go"), func(t *testing.T) {
			t.Parallel()
			ex := exs[h.exercise]
			if ex == nil {
				t.Fatalf("no exercise %q in testdata/hostile.toml", h.exercise)
			}
			rr := r
			if h.memory > 0 {
				limited := *r
				limited.Limits.Memory = h.memory
				rr = &limited
			}
			code, after := placeholders(t, r, h.code)
			v, err := rr.Check(context.Background(), ex, code)
			after()
			if err != nil {
				t.Fatalf("Check: %v", err)
			}
			all := v.Message
			for _, tr := range v.Tests {
				all += "\n" + tr.Name + ": " + tr.Message
			}
			t.Logf("%s in %s: %.600s", v.Outcome, v.Duration.Round(time.Millisecond), all)
			if v.Passed() || v.Outcome == engine.OutcomePass {
				t.Errorf("a hostile submission passed:\n%s", all)
			}
			if !slices.Contains(h.want, v.Outcome) {
				t.Errorf("outcome = %s, want %v\nmessages: %.2000s", v.Outcome, h.want, all)
			}
			for _, m := range h.messages {
				if !strings.Contains(all, m) {
					t.Errorf("messages do not mention %q:\n%.2000s", m, all)
				}
			}
			if !utf8.ValidString(all) || strings.IndexFunc(all, func(r rune) bool {
				return r != '\n' && r != '\t' && (unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r))
			}) >= 0 {
				t.Errorf("messages hold control characters, for a terminal to act on: %.300q", all)
			}
			if len(all) > 3<<20 {
				t.Errorf("messages are %d bytes: output is not capped", len(all))
			}
			for _, leak := range []string{"asynclings-check-", "asynclings_main.go", "asynclings.invalid"} {
				if strings.Contains(all, leak) {
					t.Errorf("messages leak %q:\n%.2000s", leak, all)
				}
			}
			if v.Outcome != engine.OutcomeRuleViolation && v.Outcome != engine.OutcomeCompileError {
				if v.Isolation == nil {
					t.Errorf("a run without isolation: %+v", v)
				}
				if len(v.Tests) != len(testNames(t, ex)) {
					t.Errorf("tests = %+v, want one result for each of %v", v.Tests, testNames(t, ex))
				}
			}
		})
	}
}

// TestHostileBatch checks the submissions again in one batch, where those
// that run no code at start-up share a test binary, each still run in a
// sandbox of its own: none may pass there either. Those that start code in
// init, need a limit of their own or time out are left to TestHostile.
func TestHostileBatch(t *testing.T) {
	r := newRunner(t)
	exs := hostileExercises(t)
	if _, err := exec.LookPath("gcc"); err != nil {
		t.Skip("the race detector needs a C compiler")
	}
	var (
		hs     []hostile
		subs   []runner.Submission
		checks []func()
	)
	for _, h := range loadHostile(t) {
		if h.memory > 0 || strings.Contains(h.code, "func init(") || slices.Contains(h.want, engine.OutcomeTimeout) {
			continue
		}
		code, after := placeholders(t, r, h.code)
		hs = append(hs, h)
		subs = append(subs, runner.Submission{Exercise: exs[h.exercise], Code: code, Owner: "one learner"})
		checks = append(checks, after)
	}
	t.Logf("%d submissions in one batch", len(subs))
	results := map[int]runner.Result{}
	for res := range r.Batch(context.Background(), subs, 0) {
		results[res.Index] = res
	}
	for _, after := range checks {
		after()
	}
	for i, h := range hs {
		res, ok := results[i]
		switch {
		case !ok:
			t.Errorf("%s: no verdict", h.file)
		case res.Err != nil:
			t.Errorf("%s: %v", h.file, res.Err)
		case res.Verdict.Passed():
			t.Errorf("%s: a hostile submission passed in a batch", h.file)
		case !slices.Contains(h.want, res.Verdict.Outcome):
			t.Errorf("%s: outcome = %s, want %v (%.300s)", h.file, res.Verdict.Outcome, h.want, res.Verdict.Message)
		}
	}
}

func testNames(t *testing.T, ex *engine.Exercise) []string {
	t.Helper()
	names, err := runner.TestNames(ex.Test)
	if err != nil {
		t.Fatal(err)
	}
	return names
}

// placeholders fills in a submission's placeholders and returns what checks
// that the run left nothing behind.
func placeholders(t *testing.T, r *runner.Runner, code string) (string, func()) {
	t.Helper()
	var checks []func()
	if strings.Contains(code, "@@TMP_FILE@@") {
		p := filepath.Join("/tmp", "asynclings-hostile-"+randomWord(t))
		code = strings.ReplaceAll(code, "@@TMP_FILE@@", p)
		checks = append(checks, func() { noFile(t, p) })
	}
	if strings.Contains(code, "@@CACHE_FILE@@") {
		p := filepath.Join(r.CacheDir, "hostile-"+randomWord(t))
		code = strings.ReplaceAll(code, "@@CACHE_FILE@@", p)
		checks = append(checks, func() { noFile(t, p) })
	}
	if strings.Contains(code, "@@ADDR@@") {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		var reached atomic.Int32
		go func() {
			for {
				c, err := l.Accept()
				if err != nil {
					return
				}
				reached.Add(1)
				c.Close()
			}
		}()
		code = strings.ReplaceAll(code, "@@ADDR@@", l.Addr().String())
		checks = append(checks, func() {
			l.Close()
			if n := reached.Load(); n > 0 {
				t.Errorf("the submission reached the host's loopback %d times", n)
			}
		})
	}
	if strings.Contains(code, "@@UNIX_ADDR@@") {
		// In /tmp, where anyone may reach it, as a session's sockets are.
		dir, err := os.MkdirTemp("/tmp", "asynclings-hostile-")
		if err != nil {
			t.Fatal(err)
		}
		os.Chmod(dir, 0o755)
		p := filepath.Join(dir, "socket")
		l, err := net.Listen("unix", p)
		if err != nil {
			t.Fatal(err)
		}
		os.Chmod(p, 0o777)
		var reached atomic.Int32
		go func() {
			for {
				c, err := l.Accept()
				if err != nil {
					return
				}
				reached.Add(1)
				c.Close()
			}
		}()
		code = strings.ReplaceAll(code, "@@UNIX_ADDR@@", p)
		checks = append(checks, func() {
			l.Close()
			os.RemoveAll(dir)
			if n := reached.Load(); n > 0 {
				t.Errorf("the submission reached a Unix socket of the host's %d times", n)
			}
		})
	}
	if strings.Contains(code, "@@MARKER@@") {
		marker := "asynclings-hostile-" + randomWord(t)
		code = strings.ReplaceAll(code, "@@MARKER@@", marker)
		checks = append(checks, func() {
			// The sandbox kills what is left before Check returns.
			if pids := pgrep(marker); len(pids) > 0 {
				for _, pid := range pids {
					if proc, err := os.FindProcess(pid); err == nil {
						proc.Kill()
					}
				}
				t.Errorf("processes outlived the check: %v", pids)
			}
		})
	}
	return code, func() {
		for _, c := range checks {
			c()
		}
	}
}

func noFile(t *testing.T, p string) {
	t.Helper()
	if _, err := os.Lstat(p); err == nil {
		os.Remove(p)
		t.Errorf("the submission wrote %s", p)
	}
}

// pgrep is pgrep -f: the processes whose command line contains word.
func pgrep(word string) []int {
	dirs, _ := filepath.Glob("/proc/[0-9]*")
	var pids []int
	for _, d := range dirs {
		b, err := os.ReadFile(filepath.Join(d, "cmdline"))
		if err != nil || !strings.Contains(string(b), word) {
			continue
		}
		if pid, err := strconv.Atoi(filepath.Base(d)); err == nil && pid != os.Getpid() {
			pids = append(pids, pid)
		}
	}
	return pids
}

// TestGuardLinux checks what the guard does on Linux before any learner
// code runs: the test binary is not dumpable, so that /proc/self/mem and
// the process's other files under /proc belong to root, out of the sandbox
// user's reach even where Landlock does not keep the program out of /proc;
// and it may make no socket but those of the Internet families and
// netlink, not even by the x32 ABI's syscall numbers. Seen from an exercise
// that allows package syscall.
func TestGuardLinux(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the guard's protections are Linux's")
	}
	r := newRunner(t)
	ex := *hostileExercises(t)["sum"]
	ex.AllowImports = []string{"syscall"}
	code := `package sum

import (
	"fmt"
	"runtime"
	"syscall"
)

var atInit uintptr

func init() { atInit, _, _ = syscall.RawSyscall(syscall.SYS_PRCTL, syscall.PR_GET_DUMPABLE, 0, 0) }

func Sum(nums []int) int {
	now, _, _ := syscall.RawSyscall(syscall.SYS_PRCTL, syscall.PR_GET_DUMPABLE, 0, 0)
	if atInit != 0 || now != 0 {
		panic(fmt.Sprintf("dumpable: %d at init, %d now", atInit, now))
	}
	for _, family := range []int{syscall.AF_INET, syscall.AF_INET6, syscall.AF_NETLINK} {
		fd, err := syscall.Socket(family, syscall.SOCK_DGRAM, 0)
		if err != nil {
			panic(fmt.Sprintf("socket(%d): %v", family, err))
		}
		syscall.Close(fd)
	}
	if _, err := syscall.Socket(syscall.AF_UNIX, syscall.SOCK_STREAM, 0); err != syscall.EACCES {
		panic(fmt.Sprintf("socket(AF_UNIX): %v", err))
	}
	if _, err := syscall.Socketpair(syscall.AF_UNIX, syscall.SOCK_STREAM, 0); err != syscall.EACCES {
		panic(fmt.Sprintf("socketpair(AF_UNIX): %v", err))
	}
	if _, err := syscall.Socket(40, syscall.SOCK_STREAM, 0); err != syscall.EACCES { // AF_VSOCK
		panic(fmt.Sprintf("socket(AF_VSOCK): %v", err))
	}
	if runtime.GOARCH == "amd64" {
		if _, _, errno := syscall.RawSyscall(syscall.SYS_SOCKET|0x40000000, syscall.AF_UNIX, syscall.SOCK_STREAM, 0); errno != syscall.EACCES {
			panic(fmt.Sprintf("x32 socket(AF_UNIX): %v", errno))
		}
	}
	total := 0
	for _, n := range nums {
		total += n
	}
	return total
}
`
	v, err := r.Check(context.Background(), &ex, code)
	if err != nil || v.Outcome != engine.OutcomePass {
		t.Fatalf("%s %q %v (tests %+v)", v.Outcome, v.Message, err, v.Tests)
	}
}

// TestGuardRecords holds the seccomp filter to its word: no code but the
// guard's own write may close, copy, replace, shut or write the records'
// descriptor, nor reach it through close_range, pidfd_getfd or io_uring.
// Seen from an exercise that allows package syscall: every call is
// refused, so the records arrive whole and the right answer passes.
func TestGuardRecords(t *testing.T) {
	if runtime.GOOS != "linux" || runtime.GOARCH != "amd64" {
		t.Skip("the records' filter is linux/amd64's")
	}
	r := newRunner(t)
	ex := *hostileExercises(t)["sum"]
	ex.AllowImports = []string{"syscall"}
	code := `package sum

import (
	"fmt"
	"syscall"
)

func init() {
	var fds [2]int
	syscall.Pipe(fds[:])
	for _, c := range []struct {
		name string
		nr, a, b, c uintptr
	}{
		{"close", syscall.SYS_CLOSE, 4, 0, 0},
		{"dup", syscall.SYS_DUP, 4, 0, 0},
		{"dup2 onto", syscall.SYS_DUP2, uintptr(fds[1]), 4, 0},
		{"dup2 from", syscall.SYS_DUP2, 4, 20, 0},
		{"dup3 onto", syscall.SYS_DUP3, uintptr(fds[1]), 4, 0},
		{"fcntl dupfd", syscall.SYS_FCNTL, 4, syscall.F_DUPFD_CLOEXEC, 0},
		{"fcntl getfl", syscall.SYS_FCNTL, 4, syscall.F_GETFL, 0},
		{"shutdown", syscall.SYS_SHUTDOWN, 4, syscall.SHUT_RDWR, 0},
		{"write", syscall.SYS_WRITE, 4, 0, 0},
		{"write high", syscall.SYS_WRITE, 4 | 1<<32, 0, 0},
		{"sendto", syscall.SYS_SENDTO, 4, 0, 0},
		{"splice into", 275, uintptr(fds[0]), 0, 4},
		{"close_range", 436, 0, ^uintptr(0), 0},
		{"pidfd_getfd", 438, 0, 4, 0},
		{"io_uring_setup", 425, 1, 0, 0},
	} {
		if _, _, errno := syscall.RawSyscall(c.nr, c.a, c.b, c.c); errno != syscall.EACCES {
			panic(fmt.Sprintf("%s: %v, want EACCES", c.name, errno))
		}
	}
	if _, err := syscall.Write(4, []byte("1\tTestSmall\tpass\tforged\n")); err != syscall.EACCES {
		panic(fmt.Sprintf("write: %v", err))
	}
}

func Sum(nums []int) int {
	total := 0
	for _, n := range nums {
		total += n
	}
	return total
}
`
	v, err := r.Check(context.Background(), &ex, code)
	if err != nil || v.Outcome != engine.OutcomePass {
		t.Fatalf("%s %q %v (tests %+v)", v.Outcome, v.Message, err, v.Tests)
	}
}

// TestBinaryUnreadable: run as nobody (asynclings as root), a program may
// execute its test binary and not read it, where a shared one would hold
// other submissions' code.
func TestBinaryUnreadable(t *testing.T) {
	if runtime.GOOS != "linux" || os.Geteuid() != 0 {
		t.Skip("the program runs as nobody only when asynclings runs as root on Linux")
	}
	r := newRunner(t)
	code, err := os.ReadFile(filepath.Join("testdata", "hostile", "read-own-binary.go"))
	if err != nil {
		t.Fatal(err)
	}
	v, err := r.Check(context.Background(), hostileExercises(t)["sum"], string(code))
	if err != nil {
		t.Fatal(err)
	}
	for _, tr := range v.Tests {
		if !strings.Contains(tr.Message, "own binary: unreadable") {
			t.Errorf("%s: %s", tr.Name, tr.Message)
		}
	}
}
