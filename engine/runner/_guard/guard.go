// Package guard is compiled into every test binary the runner builds. It is
// the only way a verdict leaves the binary: the runner believes a test passed
// only when guard says so in a record signed with a key that no learner code
// can read.
//
// The key arrives on file descriptor 3 and is read in guard's init. The
// learner's package is initialised after guard (guard is one of its
// package's imports), so by the time learner code runs the descriptor is
// closed and the key lives only in this package's unexported variable, out of
// reach of code that may not import unsafe. Records go to descriptor 4.
package guard

import (
	"internal/runtime/exithook"
	"internal/testlog"
	"io"
	"os"
	"reflect"
	"strconv"
	"sync"
	"testing"
	"time"
)

var (
	token string
	out   *os.File
	mu    sync.Mutex
	seq   int
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
	token = string(b[:n])
	out = os.NewFile(4, "asynclings-results")
}

// Watch records how the test t, named name, ends: after its subtests and
// cleanups, whether it failed, was skipped or passed. The test's wrapper
// calls the returned function when the test's body returns; a body that
// never returns (it panicked, or called runtime.Goexit) did not pass.
func Watch(t *testing.T, name string) (returned func()) {
	var ok bool
	t.Cleanup(func() {
		status := "pass"
		switch {
		case t.Skipped():
			status = "skip"
		case t.Failed() || !ok:
			status = "fail"
		}
		write(name, status)
	})
	return func() { ok = true }
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
	out.WriteString(strconv.Itoa(seq) + "\t" + name + "\t" + status + "\t" + token + "\n")
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
func (Deps) ReadCorpus(string, []reflect.Type) ([]corpusEntry, error) { return nil, errNone }
func (Deps) CheckCorpus([]any, []reflect.Type) error                  { return nil }
func (Deps) ResetCoverage()                                           {}
func (Deps) SnapshotCoverage()                                        {}
func (Deps) InitRuntimeCoverage() (string, func(string, string) (string, error), func() float64) {
	return "", nil, nil
}

var errNone = errorString("not available in asynclings' test binaries")

type errorString string

func (e errorString) Error() string { return string(e) }
