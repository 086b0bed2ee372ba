package runner

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/asynclings/asynclings/engine"
)

// event is one line of `go test -json` (cmd/test2json).
type event struct {
	Action string
	Test   string
	Output string
}

type testRun struct {
	action string // pass, fail, skip, or "" while running
	output strings.Builder
}

// record is what one run of `go test -json` said.
type record struct {
	tests       map[string]*testRun // by top-level test name
	pkgAction   string              // the package's final pass or fail
	pkgOutput   strings.Builder     // output outside any test
	buildOutput strings.Builder     // compiler output
	buildFailed bool
}

// parseEvents reads the go command's JSON stream. Lines that are not JSON
// (the go command's own complaints) count as build output.
func parseEvents(b []byte) *record {
	r := &record{tests: map[string]*testRun{}}
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 64*1024), maxOutput+1)
	for sc.Scan() {
		line := sc.Bytes()
		var e event
		if len(line) == 0 || line[0] != '{' || json.Unmarshal(line, &e) != nil {
			r.buildOutput.Write(line)
			r.buildOutput.WriteByte('\n')
			continue
		}
		top, _, _ := strings.Cut(e.Test, "/")
		switch e.Action {
		case "build-output":
			r.buildOutput.WriteString(e.Output)
		case "build-fail":
			r.buildFailed = true
		case "output":
			if top == "" {
				r.pkgOutput.WriteString(e.Output)
			} else {
				r.test(top).output.WriteString(e.Output)
			}
		case "pass", "fail", "skip":
			// A failure stands: no later line can undo it.
			switch {
			case e.Test == "":
				if r.pkgAction != "fail" {
					r.pkgAction = e.Action
				}
			case e.Test == top:
				if t := r.test(top); t.action != "fail" {
					t.action = e.Action
				}
			}
		}
	}
	return r
}

func (r *record) test(name string) *testRun {
	t, ok := r.tests[name]
	if !ok {
		t = &testRun{}
		r.tests[name] = t
	}
	return t
}

var timedOut = regexp.MustCompile(`panic: test timed out after`)

// verdict judges a run: it passes only when every wanted test ran and passed,
// the package as a whole passed and, when sentinel is not empty, the run's
// TestMain printed it on a line of its own after the tests.
func verdict(r *record, stderr string, want []string, file string, timeout time.Duration, sentinel string) engine.Verdict {
	pkgText := r.pkgOutput.String() // output outside any test
	finished := true
	if sentinel != "" {
		finished, pkgText = cutLine(pkgText, sentinel)
	}
	build := r.buildOutput.String() + stderr
	if sentinel != "" {
		build = strings.ReplaceAll(build, sentinel, "")
	}
	if r.buildFailed || (r.pkgAction != "pass" && len(r.tests) == 0 && strings.TrimSpace(build) != "" && !strings.Contains(pkgText, "panic:")) {
		return engine.Verdict{Outcome: engine.OutcomeCompileError, Message: compileMessage(build, file)}
	}
	v := engine.Verdict{Outcome: engine.OutcomePass}
	failed := false
	for _, name := range want {
		t, ok := r.tests[name]
		res := engine.TestResult{Name: name, Status: "pass"}
		switch {
		case !ok:
			res.Status, res.Message = "fail", "this test did not run"
		case t.action != "pass":
			res.Status, res.Message = "fail", testMessage(t.output.String(), file)
			if i := strings.Index(res.Message, "panic: "); i >= 0 {
				// A goroutine dump helps no one here; the learner's lines do.
				res.Message = strings.TrimSpace(res.Message[:i] + "\n" + panicSummary(res.Message[i:], file))
			}
			if t.action == "" {
				res.Message = strings.TrimSpace("this test did not finish\n" + res.Message)
			}
		}
		if res.Status != "pass" {
			failed = true
		}
		v.Tests = append(v.Tests, res)
	}
	if !failed && r.pkgAction == "pass" {
		// Every test passed: whatever the code printed, it did not
		// panic, race or run out of time. But the run must have got
		// to the end.
		if !finished {
			v.Outcome, v.Message = engine.OutcomeFail, earlyExit
		}
		return v
	}
	pkgOut := pkgText
	for _, name := range slices.Sorted(maps.Keys(r.tests)) {
		pkgOut += r.tests[name].output.String()
	}
	switch {
	case timedOut.MatchString(pkgOut):
		v.Outcome = engine.OutcomeTimeout
		v.Message = fmt.Sprintf("the tests did not finish within %s", timeout) + stuckSummary(pkgOut, file)
	case strings.Contains(pkgOut, "WARNING: DATA RACE"):
		v.Outcome = engine.OutcomeFail
		v.Message = "the race detector found a data race" + raceSummary(pkgOut, file)
	case strings.Contains(pkgOut, "\npanic: ") || strings.HasPrefix(pkgOut, "panic: "):
		v.Outcome = engine.OutcomeRuntimeError
		v.Message = panicSummary(pkgOut, file)
	default:
		v.Outcome = engine.OutcomeFail
		if !finished {
			v.Message = earlyExit
		} else if !failed {
			v.Message = strings.TrimSpace(testMessage(pkgText, file))
			if v.Message == "" {
				v.Message = "the test run ended without finishing"
			}
		}
	}
	return v
}

const earlyExit = "the test run ended before the tests had finished (does the code call os.Exit?)"

// cutLine reports whether s has line as a line of its own, and returns s
// without it.
func cutLine(s, line string) (bool, string) {
	var b strings.Builder
	found := false
	for rest := s; rest != ""; {
		l, after, hasNL := strings.Cut(rest, "\n")
		rest = after
		if !found && strings.TrimSuffix(l, "\r") == line {
			found = true
			continue
		}
		b.WriteString(l)
		if hasNL {
			b.WriteByte('\n')
		}
	}
	return found, b.String()
}

var hiddenPos = regexp.MustCompile(`(?m)^\s*` + regexp.QuoteMeta(testFile) + `:\d+: ?`)

// testMessage keeps what a failing test said, without the framework's lines.
func testMessage(out, file string) string {
	var keep []string
	for _, line := range strings.Split(out, "\n") {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "=== ") || strings.HasPrefix(t, "--- FAIL: Test") && !strings.Contains(t, "/") ||
			strings.HasPrefix(t, "--- PASS") || t == "FAIL" || t == "PASS" {
			continue
		}
		keep = append(keep, line)
	}
	msg := strings.Join(keep, "\n")
	msg = hiddenPos.ReplaceAllString(msg, "")
	return strings.TrimSpace(cleanPaths(msg, file))
}

var tmpPath = regexp.MustCompile(`/\S*/asynclings-check-\d+/mod/`)

func cleanPaths(s, file string) string {
	s = tmpPath.ReplaceAllString(s, "")
	return strings.ReplaceAll(s, "./"+file, file)
}

// compileMessage keeps the compiler's errors, naming the learner's file.
func compileMessage(out, file string) string {
	var keep []string
	for _, line := range strings.Split(out, "\n") {
		t := strings.TrimSpace(line)
		if t == "" || strings.HasPrefix(t, "# ") || strings.HasPrefix(t, "FAIL") {
			continue
		}
		line = strings.ReplaceAll(line, "./"+testFile, "hidden test")
		line = strings.ReplaceAll(line, "./"+mainFile, "the runner's TestMain")
		keep = append(keep, line)
	}
	return strings.TrimSpace(cleanPaths(strings.Join(keep, "\n"), file))
}

// learnerFrames returns the lines of a trace that point into the learner's
// file, most relevant first, without duplicates.
func learnerFrames(trace, file string) []string {
	re := regexp.MustCompile(`(?m)^\s+\S*` + regexp.QuoteMeta(file) + `:(\d+)`)
	seen := map[string]bool{}
	var out []string
	for _, m := range re.FindAllStringSubmatch(trace, -1) {
		loc := file + ":" + m[1]
		if !seen[loc] {
			seen[loc] = true
			out = append(out, loc)
		}
	}
	return out
}

func stuckSummary(out, file string) string {
	frames := learnerFrames(out, file)
	if len(frames) == 0 {
		return ""
	}
	if len(frames) > 5 {
		frames = frames[:5]
	}
	return "; goroutines were stuck at " + strings.Join(frames, ", ")
}

func raceSummary(out, file string) string {
	frames := learnerFrames(out, file)
	if len(frames) == 0 {
		return ""
	}
	return " at " + strings.Join(frames, " and ")
}

func panicSummary(out, file string) string {
	i := strings.Index(out, "panic: ")
	line, _, _ := strings.Cut(out[i:], "\n")
	line, _, _ = strings.Cut(strings.TrimSpace(line), " [recovered")
	if frames := learnerFrames(out[i:], file); len(frames) > 0 {
		line += " (at " + frames[0] + ")"
	}
	return line
}
