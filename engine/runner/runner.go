// Package runner turns a learner's Go file and an exercise's hidden test into
// a verdict: it prepares a throw-away module, builds and runs the tests with
// the go command, and reads the results.
package runner

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/asynclings/asynclings/engine"
)

// DefaultTimeout bounds an exercise's test run when it sets no timeout.
const DefaultTimeout = 10 * time.Second

// buildAllowance is added to the test timeout for the compile and link, so
// that a cold build cache does not turn into a timeout verdict.
const buildAllowance = 2 * time.Minute

// testFile is the hidden test's name in the temporary module.
const testFile = "asynclings_hidden_test.go"

// Runner checks submissions. Its zero value is not usable; call New.
type Runner struct {
	// CacheDir holds the go command's build cache, kept between checks so
	// that only the first one pays for compiling the standard library.
	CacheDir string
	// GoBin is the go command to run.
	GoBin string
}

// New returns a runner whose build cache lives under cacheDir.
func New(cacheDir string) (*Runner, error) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		return nil, fmt.Errorf("the go command is needed to check exercises: %w", err)
	}
	return &Runner{CacheDir: cacheDir, GoBin: goBin}, nil
}

// DefaultCacheDir is $ASYNCLINGS_CACHE, else asynclings/ in the user's cache
// directory.
func DefaultCacheDir() (string, error) {
	if d := os.Getenv("ASYNCLINGS_CACHE"); d != "" {
		return d, nil
	}
	base, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("find a cache directory (set ASYNCLINGS_CACHE): %w", err)
	}
	return filepath.Join(base, "asynclings"), nil
}

// Check grades code as the learner's file for ex. The error is for failures
// of the runner itself; anything wrong with the code is in the verdict.
func (r *Runner) Check(ctx context.Context, ex *engine.Exercise, code string) (engine.Verdict, error) {
	start := time.Now()
	v, err := r.check(ctx, ex, code)
	v.Duration = time.Since(start)
	if v.Tests == nil {
		v.Tests = []engine.TestResult{}
	}
	return v, err
}

func (r *Runner) check(ctx context.Context, ex *engine.Exercise, code string) (engine.Verdict, error) {
	hidden, err := readTest(ex.Test)
	want := hidden.names
	if err != nil {
		return engine.Verdict{Outcome: engine.OutcomeInternalError, Message: "the exercise's hidden test does not parse: " + err.Error()}, err
	}
	if v, bad := preflight(ex, code); bad {
		return v, nil
	}
	dir, err := os.MkdirTemp("", "asynclings-check-*")
	if err != nil {
		return engine.Verdict{Outcome: engine.OutcomeInternalError, Message: err.Error()}, err
	}
	defer os.RemoveAll(dir)
	// The module sits below the temporary root: the go command ignores a
	// go.mod in the temporary directory itself.
	mod, tmp := filepath.Join(dir, "mod"), filepath.Join(dir, "tmp")
	for _, d := range []string{mod, tmp} {
		if err := os.Mkdir(d, 0o755); err != nil {
			return engine.Verdict{Outcome: engine.OutcomeInternalError, Message: err.Error()}, err
		}
	}
	files := map[string]string{
		"go.mod":      "module exercise\n\ngo 1.23\n",
		ex.FileName(): code,
		testFile:      ex.Test,
	}
	// The go command reads a test binary's output as test2json does: until
	// the testing package's first marked line, a line that looks like
	// "--- PASS: TestX" counts as one. Code that prints such lines and
	// exits in an init function would pass. So a TestMain of the runner's
	// own prints a line no one can guess once the tests have run, and a
	// check without it does not pass.
	sentinel := ""
	if !hidden.hasMain {
		sentinel = newSentinel()
		files[mainFile] = mainSource(hidden.pkg, sentinel)
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(mod, name), []byte(body), 0o644); err != nil {
			return engine.Verdict{Outcome: engine.OutcomeInternalError, Message: err.Error()}, err
		}
	}

	timeout := ex.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	args := []string{"test", "-json", "-count=1", "-vet=off", "-timeout", timeout.String()}
	if ex.Race {
		args = append(args, "-race")
	}
	args = append(args, ".")
	ctx, cancel := context.WithTimeout(ctx, timeout+buildAllowance)
	defer cancel()
	cmd := exec.CommandContext(ctx, r.GoBin, args...)
	cmd.Dir = mod
	cmd.Env = r.env(tmp, ex.Race)
	// The go command and the test binary share a process group, so that a
	// timeout kills both and anything they started.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 2 * time.Second
	var stdout, stderr bytes.Buffer
	cmd.Stdout = &limitedWriter{w: &stdout, n: maxOutput}
	cmd.Stderr = &limitedWriter{w: &stderr, n: maxOutput}
	runErr := cmd.Run()
	if ctx.Err() != nil && errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return engine.Verdict{Outcome: engine.OutcomeTimeout, Message: fmt.Sprintf("the check did not finish within %s", timeout)}, nil
	}
	if err := context.Cause(ctx); err != nil && ctx.Err() == context.Canceled {
		return engine.Verdict{Outcome: engine.OutcomeInternalError, Message: "the check was cancelled"}, err
	}
	var exitErr *exec.ExitError
	if runErr != nil && !errors.As(runErr, &exitErr) {
		return engine.Verdict{Outcome: engine.OutcomeInternalError, Message: runErr.Error()}, runErr
	}
	return verdict(parseEvents(stdout.Bytes()), stderr.String(), want, ex.FileName(), timeout, sentinel), nil
}

// maxOutput caps what is kept of the go command's output.
const maxOutput = 1 << 20

func (r *Runner) env(tmp string, race bool) []string {
	cgo := "0"
	if race {
		cgo = "1" // the race detector needs cgo; learners' code may not use it
	}
	env := []string{
		"PATH=" + os.Getenv("PATH"),
		"HOME=" + tmp,
		"TMPDIR=" + tmp,
		"GOCACHE=" + filepath.Join(r.CacheDir, "go-build"),
		"GOPATH=" + filepath.Join(r.CacheDir, "gopath"),
		"GOFLAGS=-mod=mod",
		"GOPROXY=off",
		"GOTOOLCHAIN=local",
		"GO111MODULE=on",
		"GOWORK=off",
		"CGO_ENABLED=" + cgo,
	}
	if root := os.Getenv("GOROOT"); root != "" {
		env = append(env, "GOROOT="+root)
	}
	return env
}

// TestNames lists the test functions of a test file, read from its syntax
// tree: the tests a submission must run and pass.
func TestNames(src string) ([]string, error) {
	t, err := readTest(src)
	return t.names, err
}

// hiddenTest is what the runner needs to know of an exercise's test file.
type hiddenTest struct {
	pkg     string   // its package name
	names   []string // its Test functions
	hasMain bool     // it has its own TestMain
}

func readTest(src string) (hiddenTest, error) {
	f, err := parser.ParseFile(token.NewFileSet(), testFile, src, parser.SkipObjectResolution)
	if err != nil {
		return hiddenTest{}, err
	}
	t := hiddenTest{pkg: f.Name.Name}
	for _, d := range f.Decls {
		fn, ok := d.(*ast.FuncDecl)
		if !ok || fn.Recv != nil {
			continue
		}
		switch name := fn.Name.Name; {
		case name == "TestMain":
			t.hasMain = true
		case isTestName(name):
			t.names = append(t.names, name)
		}
	}
	if len(t.names) == 0 {
		return hiddenTest{}, errors.New("it has no Test functions")
	}
	return t, nil
}

// mainFile is the runner's TestMain in the temporary module.
const mainFile = "asynclings_main_test.go"

func mainSource(pkg, sentinel string) string {
	return fmt.Sprintf(`package %s

import (
	asynclingsOS "os"
	asynclingsTesting "testing"
)

func TestMain(m *asynclingsTesting.M) {
	code := m.Run()
	asynclingsOS.Stdout.WriteString("\n%s\n")
	asynclingsOS.Exit(code)
}
`, pkg, sentinel)
}

func newSentinel() string {
	return "asynclings-tests-finished-" + rand.Text()
}

func isTestName(name string) bool {
	rest, ok := strings.CutPrefix(name, "Test")
	if !ok || name == "TestMain" {
		return false
	}
	return rest == "" || !('a' <= rest[0] && rest[0] <= 'z')
}

// preflight refuses code that cannot be checked, before anything is built.
func preflight(ex *engine.Exercise, code string) (engine.Verdict, bool) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, ex.FileName(), code, parser.ImportsOnly)
	if err != nil {
		return engine.Verdict{Outcome: engine.OutcomeCompileError, Message: err.Error()}, true
	}
	for _, imp := range f.Imports {
		if imp.Path.Value == `"C"` {
			return engine.Verdict{
				Outcome: engine.OutcomeRuleViolation,
				Message: fmt.Sprintf("%s: import \"C\" (cgo) is not allowed in exercises", fset.Position(imp.Pos())),
			}, true
		}
	}
	return engine.Verdict{}, false
}

type limitedWriter struct {
	w         *bytes.Buffer
	n         int
	truncated bool
}

func (l *limitedWriter) Write(p []byte) (int, error) {
	if room := l.n - l.w.Len(); room < len(p) {
		l.truncated = true
		if room > 0 {
			l.w.Write(p[:room])
		}
		return len(p), nil
	}
	return l.w.Write(p)
}
