package guard

import (
	"bytes"
	"fmt"
	"path"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

// leakFlag on the runner's command line turns on the goroutine-leak check
// (an exercise's leak_check key); guard removes it before the test flags
// are parsed.
const leakFlag = "-asynclings.leaks"

var leakCheck bool

// leakGrace is how long goroutines a test started may take to end after it.
const leakGrace = time.Second

// checkLeaks fails t, once it and its cleanups are over, if goroutines it
// started (directly or through goroutines it started) are still running
// after a short grace, naming where each is blocked. Goroutines that belong
// to other tests running in parallel and the standard library's own (the
// HTTP client's idle connections) are not counted.
func checkLeaks(t *testing.T) {
	self := goroutineID()
	before := map[int]bool{}
	for _, g := range goroutines() {
		before[g.id] = true
	}
	t.Cleanup(func() {
		var leaked []goroutine
		for wait := time.Millisecond; ; wait *= 2 {
			leaked = leaks(before, self)
			if len(leaked) == 0 {
				return
			}
			if wait > leakGrace {
				break
			}
			time.Sleep(wait)
		}
		var b strings.Builder
		fmt.Fprintf(&b, "%d goroutine(s) this test started are still running after it ended (leaked):", len(leaked))
		for i, g := range leaked {
			if i == 5 {
				fmt.Fprintf(&b, "\n(and %d more)", len(leaked)-i)
				break
			}
			fmt.Fprintf(&b, "\n  goroutine %d [%s]: %s", g.id, g.state, g.where())
		}
		t.Error(b.String())
	})
}

// leaks lists the goroutines started since before (ids not in it) that are
// not the test's own, another running test's, or the standard library's.
func leaks(before map[int]bool, self int) []goroutine {
	all := goroutines()
	byID := map[int]goroutine{}
	for _, g := range all {
		byID[g.id] = g
	}
	// other says whether g, or the goroutine that started it, and so on
	// up while they are alive, is another test's goroutine: one that runs
	// a test (testing.tRunner on its stack, started by testing.(*T).Run)
	// and does not descend from this test's own. Learner code can run
	// tests of its own (testing.RunTests), whose goroutines descend from
	// this test's; and the main goroutine, which runs the root of all
	// tests and started what init started, is no test's.
	other := func(g goroutine) bool {
		tests := false
		for range 1000 {
			if g.id == self {
				return false
			}
			tests = tests || strings.Contains(g.stack, "\ntesting.tRunner(") && strings.HasPrefix(g.creator, "testing.(*T).Run")
			p, ok := byID[g.parent]
			if !ok {
				return tests
			}
			g = p
		}
		return tests
	}
	var out []goroutine
	for _, g := range all {
		switch {
		case before[g.id] || g.id == self || other(g):
		case g.createdIn == hiddenTestFile:
		case (strings.HasPrefix(g.creator, "net/http.") || strings.HasPrefix(g.creator, "testing.")) && !runsLearnerCode(g):
			// The HTTP client's idle connections, the testing
			// package's own; not a goroutine that net/http or testing
			// started to run the learner's code (a handler, a dialer,
			// a test of its own), which is the learner's.
		default:
			out = append(out, g)
		}
	}
	return out
}

// runsLearnerCode says whether one of g's frames is a function of the
// package under test: "exercise", or a shared binary's
// "asynclings.invalid/sN".
func runsLearnerCode(g goroutine) bool {
	return strings.Contains(g.stack, "\nexercise.") || strings.Contains(g.stack, "\nasynclings.invalid/")
}

// goroutine is one goroutine of a runtime.Stack dump.
type goroutine struct {
	id, parent int
	state      string
	stack      string // its frames, then the "created by" line
	creator    string // the function that started it
	createdIn  string // the base name of the file where it was started
}

// hiddenTestFile is the hidden test's file name (the runner's hiddenFile):
// goroutines the test itself starts are its author's business, such as a
// feeder left blocked once the learner's code rightly stops reading.
const hiddenTestFile = "hidden_test.go"

func goroutines() []goroutine {
	buf := make([]byte, 1<<16)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			buf = buf[:n]
			break
		}
		buf = make([]byte, 2*len(buf))
	}
	var gs []goroutine
	for _, block := range bytes.Split(buf, []byte("\n\n")) {
		head, rest, _ := strings.Cut(string(block), "\n")
		// goroutine 7 [chan receive, 1 minutes]:
		f := strings.SplitN(strings.TrimPrefix(head, "goroutine "), " ", 2)
		id, err := strconv.Atoi(f[0])
		if err != nil || len(f) < 2 {
			continue
		}
		state := strings.TrimSuffix(strings.TrimPrefix(f[1], "["), "]:")
		state, _, _ = strings.Cut(state, ",")
		g := goroutine{id: id, state: state, stack: "\n" + rest}
		if i := strings.LastIndex(rest, "created by "); i >= 0 {
			line, after, _ := strings.Cut(rest[i+len("created by "):], "\n")
			fn, in, _ := strings.Cut(line, " in goroutine ")
			g.creator = fn
			at, _, _ := strings.Cut(after, "\n")
			g.createdIn, _, _ = strings.Cut(fileLine(at), ":")
			g.parent, _ = strconv.Atoi(strings.TrimSpace(in))
		}
		gs = append(gs, g)
	}
	return gs
}

func goroutineID() int {
	var b [64]byte
	s := string(b[:runtime.Stack(b[:], false)])
	s = strings.TrimPrefix(s, "goroutine ")
	id, _ := strconv.Atoi(s[:max(strings.IndexByte(s, ' '), 0)])
	return id
}

// where is the first frame of the goroutine outside the runtime and the
// standard library's synchronisation, with its file and line, and what
// started it.
func (g goroutine) where() string {
	lines := strings.Split(strings.TrimPrefix(g.stack, "\n"), "\n")
	at := ""
	for i := 0; i+1 < len(lines) && !strings.HasPrefix(lines[i], "created by "); i += 2 {
		here := funcName(lines[i]) + " at " + fileLine(lines[i+1])
		if at == "" {
			at = here
		}
		if !stdFrame(lines[i]) {
			at = here
			break
		}
	}
	if g.creator != "" {
		at += ", started by " + funcName(g.creator)
	}
	return at
}

// stdFrame says whether a frame is where the runtime or the standard
// library's synchronisation parks a goroutine.
func stdFrame(fn string) bool {
	for _, p := range []string{"runtime.", "sync.", "internal/", "time.", "context.", "net.", "os."} {
		if strings.HasPrefix(fn, p) {
			return true
		}
	}
	return false
}

// funcName is a stack line's function without its arguments.
func funcName(line string) string {
	if i := strings.LastIndex(line, "("); i > 0 && strings.HasSuffix(line, ")") {
		line = line[:i]
	}
	return strings.TrimPrefix(line, "exercise.")
}

// fileLine is a stack line's file (base name) and line.
func fileLine(line string) string {
	line = strings.TrimSpace(line)
	line, _, _ = strings.Cut(line, " +0x")
	return path.Base(line)
}
