package sandbox

import (
	"context"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

var hostile string // the built test program

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "sandbox-test-*")
	if err != nil {
		panic(err)
	}
	hostile = filepath.Join(dir, "hostile")
	build := exec.Command("go", "build", "-o", hostile, "./testdata/hostile")
	build.Env = append(os.Environ(), "CGO_ENABLED=0") // static, as the runner builds
	if out, err := build.CombinedOutput(); err != nil {
		panic(string(out))
	}
	os.Chmod(dir, 0o755)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// run runs the hostile program in a fresh directory.
func run(t *testing.T, limits Limits, args ...string) (Result, string) {
	t.Helper()
	dir := t.TempDir()
	os.Chmod(filepath.Dir(dir), 0o711) // searchable by the sandbox's user
	prog := filepath.Join(dir, "hostile")
	b, err := os.ReadFile(hostile)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(prog, b, 0o755); err != nil {
		t.Fatal(err)
	}
	return runSpec(t, Spec{Path: prog, Args: args, Dir: dir, Env: []string{"HOME=" + dir}, Limits: limits}), dir
}

func runSpec(t *testing.T, spec Spec) Result {
	t.Helper()
	res, err := Run(context.Background(), spec)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	return res
}

func needLinux(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the protections tested here are Linux's")
	}
}

func TestRunsAProgram(t *testing.T) {
	res, _ := run(t, Limits{}, "ok")
	if got := string(res.Stdout); got != "hello from the sandbox\n" || res.ExitCode != 0 {
		t.Fatalf("stdout %q, exit %d, stderr %s", got, res.ExitCode, res.Stderr)
	}
	t.Logf("isolation: %s %v", res.Isolation, res.Isolation.Notes)
}

func TestNoWritesOutside(t *testing.T) {
	needLinux(t)
	outside := filepath.Join(t.TempDir(), "outside.txt")
	os.Chmod(filepath.Dir(outside), 0o777) // only the sandbox may stop it
	os.Chmod(filepath.Dir(filepath.Dir(outside)), 0o755)
	res, dir := run(t, Limits{}, "write", outside)
	if _, err := os.Stat(outside); err == nil {
		t.Fatalf("the program wrote outside its directory: %s", res.Stdout)
	}
	if _, err := os.Stat(filepath.Join(dir, "inside.txt")); err != nil {
		t.Fatalf("the program could not write inside its directory: %s", res.Stdout)
	}
}

func TestNoReadsOfSecrets(t *testing.T) {
	needLinux(t)
	if !probe().userns || probe().landlock == 0 {
		t.Skip("needs Landlock")
	}
	secret := filepath.Join(t.TempDir(), "secret")
	os.WriteFile(secret, []byte("s3cret"), 0o644)
	os.Chmod(filepath.Dir(secret), 0o755)
	os.Chmod(filepath.Dir(filepath.Dir(secret)), 0o755)
	res, _ := run(t, Limits{}, "read", secret)
	if !strings.Contains(string(res.Stdout), "permission denied") {
		t.Fatalf("reading outside: %s", res.Stdout)
	}
}

func TestNoNetwork(t *testing.T) {
	needLinux(t)
	if !probe().userns {
		t.Skip("needs user namespaces")
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	res, _ := run(t, Limits{}, "dial", l.Addr().String())
	if !strings.Contains(string(res.Stdout), "dial: dial tcp") {
		t.Fatalf("the program reached the host's loopback: %s", res.Stdout)
	}
	res, _ = run(t, Limits{}, "loopback")
	if got := strings.TrimSpace(string(res.Stdout)); got != "loopback: pong" {
		t.Fatalf("its own loopback does not work: %q %s", got, res.Stderr)
	}
}

func TestNoProcessOutlivesTheRun(t *testing.T) {
	needLinux(t)
	res, _ := run(t, Limits{}, "orphan")
	if !strings.HasPrefix(string(res.Stdout), "orphan: ") || strings.Contains(string(res.Stdout), "orphan: fork") {
		t.Fatalf("the child did not start: %s %s", res.Stdout, res.Stderr)
	}
	time.Sleep(100 * time.Millisecond)
	out, _ := exec.Command("pgrep", "-f", "orphaned-child").Output()
	if len(strings.TrimSpace(string(out))) > 0 {
		exec.Command("pkill", "-f", "orphaned-child").Run()
		t.Fatalf("a process outlived the run: pids %s", out)
	}
}

func TestWallClockLimit(t *testing.T) {
	start := time.Now()
	res, _ := run(t, Limits{Wall: 500 * time.Millisecond}, "spin")
	if !res.TimedOut {
		t.Fatalf("not timed out: %+v", res)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Fatalf("took %s", d)
	}
}

func TestMemoryLimit(t *testing.T) {
	needLinux(t)
	res, _ := run(t, Limits{Memory: 64 << 20, Wall: 20 * time.Second}, "memory")
	if !res.MemoryExceeded || res.TimedOut {
		t.Fatalf("memory hog: exceeded=%v timedout=%v exit=%d stderr=%.200s", res.MemoryExceeded, res.TimedOut, res.ExitCode, res.Stderr)
	}
}

func TestOutputCap(t *testing.T) {
	res, _ := run(t, Limits{Output: 64 << 10, Wall: time.Second}, "flood")
	if !res.OutputTruncated || len(res.Stdout) != 64<<10 {
		t.Fatalf("truncated=%v len=%d", res.OutputTruncated, len(res.Stdout))
	}
}

func TestProcessLimit(t *testing.T) {
	needLinux(t)
	res, _ := run(t, Limits{Procs: 32, Wall: 10 * time.Second}, "forks")
	f := strings.Fields(string(res.Stdout))
	if len(f) != 2 {
		t.Fatalf("output %q %s", res.Stdout, res.Stderr)
	}
	t.Logf("started %s processes under a limit of 32", f[1])
	if n, _ := strconv.Atoi(f[1]); n >= 32 || n == 0 {
		t.Fatalf("started %d processes with a limit of 32", n)
	}
}

func TestEnvironmentIsOnlyWhatWasGiven(t *testing.T) {
	t.Setenv("ASYNCLINGS_TEST_SECRET", "s3cret")
	res, _ := run(t, Limits{}, "env")
	if strings.Contains(string(res.Stdout), "s3cret") || strings.Contains(string(res.Stdout), initEnv) {
		t.Fatalf("environment leaked: %s", res.Stdout)
	}
}

// TestWaiting: a program asleep is found waiting, once; one computing all
// along is not.
// TestRunnable: a process with a thread that computes is runnable, one
// that sleeps is not. (A starved run's threads are runnable too, so it is
// never taken for a waiting one.)
func TestRunnable(t *testing.T) {
	needLinux(t)
	sleeper := exec.Command("sleep", "30")
	if err := sleeper.Start(); err != nil {
		t.Fatal(err)
	}
	defer sleeper.Wait()
	defer sleeper.Process.Kill()
	time.Sleep(100 * time.Millisecond)
	if runnable(sleeper.Process.Pid) {
		t.Error("a sleeping process is runnable")
	}
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		for {
			select {
			case <-stop:
				return
			default:
			}
		}
	}()
	if !runnable(os.Getpid()) {
		t.Error("a process with a spinning goroutine is not runnable")
	}
}

func TestWaiting(t *testing.T) {
	needLinux(t)
	for _, tt := range []struct {
		args []string
		want int32
	}{{[]string{"sleep"}, 1}, {[]string{"spin4"}, 0}} {
		t.Run(tt.args[0], func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			os.Chmod(filepath.Dir(dir), 0o711)
			var calls atomic.Int32
			res := runSpec(t, Spec{Path: hostile, Args: tt.args, Dir: dir, Env: []string{"HOME=" + dir},
				Limits: Limits{Wall: 3 * time.Second}, Waiting: func() { calls.Add(1) }})
			if !res.TimedOut {
				t.Fatalf("%s ended before its limit: %+v", tt.args[0], res)
			}
			if got := calls.Load(); got != tt.want {
				t.Errorf("%s: Waiting called %d times, want %d", tt.args[0], got, tt.want)
			}
		})
	}
}
