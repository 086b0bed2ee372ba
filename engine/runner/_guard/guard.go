// Package guard is compiled into every test binary the runner builds. It is
// the only way a verdict leaves the binary: the runner believes a test passed
// only when guard says so in a record signed with a key that no learner code
// can read, on a descriptor that no learner code can write to, close or
// replace.
//
// The key arrives on file descriptor 3 and is read in guard's init. The
// learner's package is initialised after guard (guard is one of its
// package's imports), so by the time learner code runs the descriptor is
// closed and the key lives only in this package's unexported variable.
// Records go to descriptor 4, each with a MAC of its own: the key itself is
// never written. On Linux a seccomp filter installed here keeps every
// other piece of code from closing, duplicating, replacing or writing to
// descriptor 4 (see guard_linux.go).
package guard

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"internal/race"
	"internal/runtime/exithook"
	"internal/testlog"
	"io"
	"os"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// The records' descriptor.
const recordsFD = 4

var (
	key  []byte
	args []string // the command line, as the runner gave it
	mu   sync.Mutex
	seq  int
)

func init() {
	in := os.NewFile(3, "asynclings-token")
	b := make([]byte, 64)
	n := 0
	for n < len(b) {
		m, err := in.Read(b[n:])
		n += m
		if err != nil {
			break
		}
	}
	in.Close()
	key = b[:n]
	// Learner code may change os.Args in its init, which runs later; the
	// flags are parsed from this copy.
	for _, a := range os.Args {
		if a == leakFlag {
			leakCheck = true
			continue
		}
		args = append(args, a)
	}
	// The guard's own flag is no one else's: a hidden TestMain may call
	// flag.Parse on os.Args, which must hold only the test flags.
	os.Args = slices.Clone(args)
	// The test flags are defined and pinned here, before any learner
	// code runs: a learner's init could otherwise call testing.Init
	// itself and set a flag the command line does not name (-test.short,
	// -test.run), or keep a flag's own Value, which pinning wraps and
	// does not replace, to set it during the tests. testing.MainStart's
	// own call of testing.Init does nothing after this one.
	testing.Init()
	ParseFlags()
}

// ParseFlags parses the test flags from the command line the runner gave,
// and pins them: after it, no code can change a test.* flag through the
// flag package. The guard's init calls it, before any learner code runs,
// once testing.Init has defined the flags.
func ParseFlags() { parseOnce.Do(parseFlags) }

var parseOnce sync.Once

func parseFlags() {
	fs := flag.CommandLine
	fs.Parse(args[1:])
	fs.VisitAll(func(f *flag.Flag) {
		if strings.HasPrefix(f.Name, "test.") {
			f.Value = pinned{f.Value.String(), f.Value}
		}
	})
}

// pinned is a flag value that can no longer be set. Its original is kept
// unexported, out of reach of reflection's setters.
type pinned struct {
	s string
	v flag.Value
}

func (p pinned) String() string { return p.s }

// Set refuses every change, and lets a value through that changes nothing:
// a hidden test's TestMain may call flag.Parse on the same command line,
// as it may under go test.
func (p pinned) Set(s string) error {
	if s == p.s {
		return nil
	}
	return errPinned
}

func (p pinned) Get() any {
	if g, ok := p.v.(flag.Getter); ok {
		return g.Get()
	}
	return p.s
}
func (p pinned) IsBoolFlag() bool {
	b, ok := p.v.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

var errPinned = errorString("the test flags are set by the runner")

// Watch records how the test t, named name, ends: after its subtests and
// cleanups, whether it failed, was skipped or passed. The test's wrapper
// calls the returned function when the test's body returns; a body that
// never returns (it panicked, or called runtime.Goexit) did not pass.
func Watch(t testing.TB, name string) (returned func()) {
	var ok bool
	t.Cleanup(func() {
		status := "pass"
		switch {
		case t.Failed() || !ok && !t.Skipped():
			status = "fail" // failed and then skipped is a failure, as go test has it
		case t.Skipped():
			status = "skip"
		}
		write(name, status)
	})
	return func() { ok = true }
}

// Example is an example function with an output comment: go test runs it
// and compares what it prints with Output.
type Example struct {
	Name      string
	F         func()
	Output    string
	Unordered bool
}

// Fuzz is a fuzz test (F is a func(*testing.F)): its seed corpus, the
// values of its f.Add calls, runs as a test; nothing is fuzzed.
type Fuzz struct {
	Name string
	F    any
}

// Run is the test binary's main: it runs the tests named names, whose
// functions are fns, then the examples and the seeds of the fuzz tests,
// each watched, and ends the process. testMain, when not nil, is the
// hidden test's TestMain (a func(*testing.M)); it is run in place of the
// tests, as the go command's test main runs it. The harness passes plain
// functions, not testing's types: a main that names testing.M or
// testing.MainStart takes the compiler twice as long.
func Run(names []string, fns []func(*testing.T), examples []Example, fuzz []Fuzz, testMain any) {
	var tests []testing.InternalTest
	watched := func(name string, f func(*testing.T)) {
		tests = append(tests, testing.InternalTest{Name: name, F: func(t *testing.T) {
			returned := Watch(t, name)
			if leakCheck {
				checkLeaks(t)
			}
			f(t)
			returned()
		}})
	}
	for i, name := range names {
		watched(name, fns[i])
	}
	// An example is judged here, as a test, so that its outcome is
	// recorded like a test's; testing's own judgement of examples is not
	// seen by the guard.
	for _, e := range examples {
		watched(e.Name, func(t *testing.T) { runExample(t, e) })
	}
	var targets []testing.InternalFuzzTarget
	for _, fz := range fuzz {
		f, _ := fz.F.(func(*testing.F))
		name := fz.Name
		targets = append(targets, testing.InternalFuzzTarget{Name: name, Fn: func(ff *testing.F) {
			returned := Watch(ff, name)
			f(ff)
			returned()
		}})
	}
	m := testing.MainStart(Deps{}, tests, nil, targets, nil)
	ParseFlags()
	var code int
	if tm, ok := testMain.(func(*testing.M)); ok {
		DoneAtExit()
		tm(m)
		// A TestMain that returns leaves its exit code in testing.M, as
		// the go command's own test main reads it.
		code = int(reflect.ValueOf(m).Elem().FieldByName("exitCode").Int())
	} else {
		code = m.Run()
	}
	Done(code)
	exit(code)
}

// exit ends the process with code. A passing run under the race detector
// that found no race ends at once, without the race runtime's exit: that
// would sleep a second for late races (its atexit_sleep_ms), as the sandbox
// hides /proc/self/environ, where it reads GORACE, from a program that may
// not read its own binary. A race found by then still ends through it, and
// fails the run as under go test.
func exit(code int) {
	if code == 0 && race.Enabled && race.Errors() == 0 {
		exitNow()
	}
	os.Exit(code)
}

// maxExampleOutput bounds what is kept of an example's output.
const maxExampleOutput = 1 << 20

// runExample runs an example with os.Stdout captured and fails t when it
// printed other than its output comment says, compared as go test compares
// it: without leading and trailing space, lines in any order if unordered.
func runExample(t *testing.T, e Example) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatalf("capture the example's output: %v", err)
	}
	stdout := os.Stdout
	os.Stdout = w
	out := make(chan string)
	go func() {
		var b strings.Builder
		io.Copy(&b, io.LimitReader(r, maxExampleOutput))
		io.Copy(io.Discard, r)
		r.Close()
		out <- b.String()
	}()
	finished := false
	defer func() {
		os.Stdout = stdout
		w.Close()
		printed := <-out
		if !finished {
			return // it panicked or called runtime.Goexit: not a pass
		}
		got, want := strings.TrimSpace(printed), strings.TrimSpace(e.Output)
		if e.Unordered {
			if !slices.Equal(slices.Sorted(strings.SplitSeq(got, "\n")), slices.Sorted(strings.SplitSeq(want, "\n"))) {
				t.Errorf("got:\n%s\nwant (unordered):\n%s\n", printed, e.Output)
			}
		} else if got != want {
			t.Errorf("got:\n%s\nwant:\n%s\n", got, want)
		}
	}()
	e.F()
	finished = true
}

var doneOnce sync.Once

// Done records that the tests ran to the end, with the exit code.
func Done(code int) { doneOnce.Do(func() { write("", "done "+strconv.Itoa(code)) }) }

// DoneAtExit records the end of the tests when the program exits with code 0
// from outside the tests: a hidden test's TestMain may end with
// os.Exit(m.Run()).
func DoneAtExit() { exithook.Add(exithook.Hook{F: func() { Done(0) }}) }

func write(name, status string) {
	mu.Lock()
	defer mu.Unlock()
	seq++
	line := strconv.Itoa(seq) + "\t" + name + "\t" + status
	m := hmac.New(sha256.New, key)
	io.WriteString(m, line)
	sum := m.Sum(nil)
	writeRecord([]byte(line + "\t" + hex.EncodeToString(sum[:16]) + "\n"))
}

// Deps is what testing.MainStart needs of its caller. The go command's own
// (testing/internal/testdeps) brings fuzzing, profiling and compression into
// every binary, which makes each link half as slow again; tests run here need
// none of them.
type Deps struct{}

type corpusEntry = struct {
	Parent     string
	Path       string
	Data       []byte
	Values     []any
	Generation int
	IsSeed     bool
}

func (Deps) ImportPath() string { return "exercise" }
func (Deps) ModulePath() string { return "exercise" }

// MatchString serves -test.run and the like, which the runner never sets.
func (Deps) MatchString(pat, str string) (bool, error) { return pat == "" || pat == str, nil }

// SetPanicOnExit0 makes os.Exit(0) during the tests panic, so that code
// cannot end a run early and look as if it passed.
func (Deps) SetPanicOnExit0(v bool)          { testlog.SetPanicOnExit0(v) }
func (Deps) StartCPUProfile(io.Writer) error { return errNone }
func (Deps) StopCPUProfile()                 {}
func (Deps) StartTestLog(io.Writer)          {}
func (Deps) StopTestLog() error              { return nil }
func (Deps) WriteProfileTo(string, io.Writer, int) error {
	return errNone
}
func (Deps) CoordinateFuzzing(time.Duration, int64, time.Duration, int64, int, []corpusEntry, []reflect.Type, string, string) error {
	return errNone
}
func (Deps) RunFuzzWorker(func(corpusEntry) error) error              { return errNone }
func (Deps) ReadCorpus(string, []reflect.Type) ([]corpusEntry, error) { return nil, nil }
func (Deps) CheckCorpus([]any, []reflect.Type) error                  { return nil }
func (Deps) ResetCoverage()                                           {}
func (Deps) SnapshotCoverage()                                        {}
func (Deps) InitRuntimeCoverage() (string, func(string, string) (string, error), func() float64) {
	return "", nil, nil
}

// fdTable names, for one system, the calls that the seccomp filter watches
// for the records' descriptor.
type fdTable struct {
	write            uint32   // allowed on the records from the guard's instruction only
	arg0, arg1, arg2 []uint32 // calls that act on the descriptor in that argument
	never            []uint32 // calls refused outright
}

var errNone = errorString("not available in asynclings' test binaries")

type errorString string

func (e errorString) Error() string { return string(e) }
