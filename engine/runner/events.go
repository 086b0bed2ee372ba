package runner

import (
	"bufio"
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/asynclings/asynclings/engine"
)

// results is what the guard recorded: the only account of a run the runner
// believes.
type results struct {
	status   map[string]string // test -> pass, fail or skip
	done     bool              // the tests ran to the end
	code     int               // the exit code the tests ended with
	tampered bool              // a line not signed by the guard
}

// readResults checks every record's MAC, made with the run's key. A record
// out of sequence or without a valid MAC means something else wrote to the
// channel.
func readResults(b []byte, key string) results {
	r := results{status: map[string]string{}}
	sc := bufio.NewScanner(bytes.NewReader(b))
	next := 1
	for sc.Scan() {
		line := sc.Text()
		i := strings.LastIndexByte(line, '\t')
		if i < 0 || strings.Count(line, "\t") != 3 {
			r.tampered = true
			continue
		}
		body, mac := line[:i], line[i+1:]
		f := strings.Split(body, "\t")
		if subtle.ConstantTimeCompare([]byte(mac), []byte(recordMAC(key, body))) != 1 || f[0] != strconv.Itoa(next) {
			r.tampered = true
			continue
		}
		next++
		if code, ok := strings.CutPrefix(f[2], "done "); ok && f[1] == "" {
			n, err := strconv.Atoi(code)
			if err != nil || strconv.Itoa(n) != code {
				r.tampered = true // not the guard's
				continue
			}
			r.done, r.code = true, n
			continue
		}
		if r.status[f[1]] != "fail" {
			r.status[f[1]] = f[2]
		}
	}
	if sc.Err() != nil {
		r.tampered = true // a line too long to be the guard's
	}
	return r
}

// recordMAC is the MAC the guard puts on a record's body ("seq\tname\tstatus").
func recordMAC(key, body string) string {
	m := hmac.New(sha256.New, []byte(key))
	m.Write([]byte(body))
	return hex.EncodeToString(m.Sum(nil)[:16])
}

// output is what the test binary printed, split by test. It only ever
// words messages: code can print anything, so nothing here decides a
// verdict.
type output struct {
	tests map[string]*strings.Builder
	other strings.Builder
	all   string
}

// parseOutput reads the output of a test binary run with -test.v=test2json,
// where the testing package marks its own lines with a leading 0x16 byte.
func parseOutput(b []byte) *output {
	o := &output{tests: map[string]*strings.Builder{}, all: string(b)}
	current := ""
	for _, line := range strings.SplitAfter(string(b), "\n") {
		if line == "" {
			continue
		}
		if marked, ok := strings.CutPrefix(line, "\x16"); ok {
			t := strings.TrimSpace(marked)
			for _, p := range []string{"=== RUN", "=== CONT", "=== NAME", "=== PAUSE"} {
				if name, ok := strings.CutPrefix(t, p); ok {
					current, _, _ = strings.Cut(strings.TrimSpace(name), "/")
					if p == "=== RUN" && current != "" {
						o.test(current) // it started, whatever it says
					}
				}
			}
			if strings.HasPrefix(t, "--- FAIL: ") && strings.Contains(t, "/") {
				o.test(current).WriteString(strings.TrimSpace(t) + "\n") // a subtest's failure
			}
			continue
		}
		if current == "" {
			o.other.WriteString(line)
		} else {
			o.test(current).WriteString(line)
		}
	}
	return o
}

func (o *output) test(name string) *strings.Builder {
	b, ok := o.tests[name]
	if !ok {
		b = &strings.Builder{}
		o.tests[name] = b
	}
	return b
}

// runInfo is how the test binary's process ended.
type runInfo struct {
	exitCode       int
	timedOut       bool
	memoryExceeded bool
	stderr         string
	truncated      bool
}

const earlyExit = "the test run ended before the tests had finished (does the code call os.Exit?)"

var (
	timedOutRe = regexp.MustCompile(`panic: test timed out after`)
	oomRe      = regexp.MustCompile(`(?m)^(fatal error: )?runtime: out of memory`)
)

// judge turns a run into a verdict. It passes only when the guard signed a
// pass or a skip for every test of the hidden test file and the end of the
// run, and the process ended cleanly; everything else only explains a
// failure.
func judge(res results, out *output, run runInfo, want []string, file string, timeout time.Duration) engine.Verdict {
	v := engine.Verdict{Outcome: engine.OutcomePass}
	failed := false
	for _, name := range want {
		tr := engine.TestResult{Name: name, Status: "pass"}
		st := res.status[name]
		if st == "skip" {
			// The test skipped itself, as go test counts it: not a
			// failure. The flags are the runner's, pinned by the guard,
			// so code cannot make the test skip through -test.short.
			tr.Status = "skip"
			if b, ok := out.tests[name]; ok {
				tr.Message = printable(testMessage(b.String(), file))
			}
			v.Tests = append(v.Tests, tr)
			continue
		}
		if st != "pass" {
			failed = true
			tr.Status = "fail"
			msg := ""
			b, started := out.tests[name]
			if started {
				msg = testMessage(b.String(), file)
			}
			switch {
			case st == "" && !started:
				msg = "this test did not run"
			case st == "":
				msg = strings.TrimSpace("this test did not finish\n" + msg)
			}
			if i := strings.Index(msg, "panic: "); i >= 0 {
				// A goroutine dump helps no one here; the learner's lines do.
				msg = strings.TrimSpace(msg[:i] + "\n" + panicSummary(msg[i:], file))
			}
			if msg == "" {
				// The testing package prints a panic outside the test.
				msg = "the test failed without saying why"
				if text := out.all + run.stderr; strings.Contains(text, "panic: ") {
					msg = panicSummary(text, file)
				}
			}
			tr.Message = printable(msg)
		}
		v.Tests = append(v.Tests, tr)
	}
	clean := res.done && res.code == 0 && run.exitCode == 0 && !run.timedOut && !run.memoryExceeded && !res.tampered
	if !failed && clean {
		return v
	}
	text := out.all + run.stderr
	switch {
	case res.tampered:
		v.Outcome, v.Message = engine.OutcomeFail, "something other than the tests wrote to the runner's results: the run does not count"
	case run.memoryExceeded || oomRe.MatchString(text):
		v.Outcome, v.Message = engine.OutcomeMemoryLimit, "the code used more memory than allowed"
	case run.timedOut || timedOutRe.MatchString(text):
		v.Outcome = engine.OutcomeTimeout
		v.Message = fmt.Sprintf("the tests did not finish within %s", timeout) + stuckSummary(text, file)
	case strings.Contains(text, "WARNING: DATA RACE"):
		v.Outcome = engine.OutcomeFail
		v.Message = "the race detector found a data race" + raceSummary(text, file)
	case strings.Contains(text, "\npanic: ") || strings.HasPrefix(text, "panic: ") || strings.Contains(text, "fatal error: "):
		v.Outcome = engine.OutcomeRuntimeError
		v.Message = panicSummary(text, file)
	default:
		v.Outcome = engine.OutcomeFail
		if !res.done {
			v.Message = earlyExit
		}
	}
	if run.truncated {
		v.Message = strings.TrimSpace(v.Message + "\n(the output was longer than the limit and was cut)")
	}
	v.Message = printable(v.Message)
	return v
}

// printable replaces control characters but newlines and tabs, the
// Unicode bidirectional controls, and bytes that are not UTF-8, with
// U+FFFD: messages quote what the code printed, a terminal would act on its
// escape sequences, and a right-to-left override would show a message's
// text in another order than it has (the outcome beside it, or another
// learner's message in a gradebook, reversed).
func printable(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' || !unicode.IsControl(r) && !unicode.Is(unicode.Bidi_Control, r) {
			return r
		}
		return utf8.RuneError
	}, s)
}

// hiddenPos is a position in the hidden test or the guard (which judges
// examples), as a failing test's lines begin.
var hiddenPos = regexp.MustCompile(`(?m)^\s*(` + regexp.QuoteMeta(hiddenFile) + `|guard\.go):\d+: ?`)

// testMessage keeps what a failing test said, without the hidden test's
// positions, which mean nothing to the learner.
func testMessage(out, file string) string {
	return strings.TrimSpace(hiddenPos.ReplaceAllString(out, ""))
}

// compileMessage keeps the compiler's errors, naming the learner's file and
// hiding the harness's renaming.
func compileMessage(out, nonce string) string {
	out = strings.ReplaceAll(out, nonce, "")
	var keep []string
	for _, line := range strings.Split(out, "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		rest, ok := strings.CutPrefix(line, hiddenFile+":")
		if !ok {
			// The harness calls the hidden test's functions: an error
			// there is the test's (a Test with the wrong signature).
			rest, ok = strings.CutPrefix(line, harnessFile+":")
		}
		if ok {
			// The hidden test's lines are unknown to the learner; what
			// it could not find in their code is what matters.
			if i := strings.Index(rest, ": "); i >= 0 {
				rest = rest[i+2:]
			}
			line = "the hidden test: " + rest
		}
		keep = append(keep, line)
	}
	return printable(strings.Join(keep, "\n"))
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

// stuckSummary says where the goroutines of a run that timed out were.
// The trace is the runtime's best effort: a goroutine still running on
// another thread when the time ran out (a loop that computes, on a busy
// machine) is shown without its stack, and then that is said instead.
func stuckSummary(out, file string) string {
	frames := learnerFrames(out, file)
	if len(frames) == 0 {
		if strings.Contains(out, "goroutine running on other thread; stack unavailable") {
			return "; a goroutine was still computing, where the trace could not show"
		}
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
	if i < 0 {
		i = strings.Index(out, "fatal error: ")
	}
	if i < 0 {
		return "the test binary crashed"
	}
	line, _, _ := strings.Cut(out[i:], "\n")
	line, _, _ = strings.Cut(strings.TrimSpace(line), " [recovered")
	if frames := learnerFrames(out[i:], file); len(frames) > 0 {
		line += " (at " + frames[0] + ")"
	}
	return line
}
