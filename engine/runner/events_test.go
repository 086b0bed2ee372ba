package runner

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/asynclings/asynclings/engine"
)

// testToken stands for the key a run's guard signs its records with.
const testToken = "0123456789abcdef0123456789abcdef0123456789abcdef"

var sumTests = []string{"TestSmall", "TestEmpty"}

// sig is a record's body with the MAC the guard would give it.
func sig(body string) string { return body + "\t" + recordMAC(testToken, body) }

// recs builds the guard's records, signed with testToken and numbered in
// order: each entry is "name status" or "done N".
func recs(entries ...string) []byte {
	var b bytes.Buffer
	for i, e := range entries {
		name, status, _ := strings.Cut(e, " ")
		if name == "done" {
			name, status = "", e
		}
		fmt.Fprintf(&b, "%s\n", sig(fmt.Sprintf("%d\t%s\t%s", i+1, name, status)))
	}
	return b.Bytes()
}

func TestReadResults(t *testing.T) {
	long := append(recs("TestSmall pass"), bytes.Repeat([]byte("x"), 70<<10)...)
	long = append(long, "\n"+sig("2\tTestEmpty\tpass")+"\n"...)
	tests := []struct {
		name     string
		in       []byte
		status   map[string]string
		done     bool
		code     int
		tampered bool
	}{
		{name: "none", in: nil, status: map[string]string{}},
		{
			name:   "valid records",
			in:     recs("TestSmall pass", "TestEmpty fail", "done 1"),
			status: map[string]string{"TestSmall": "pass", "TestEmpty": "fail"},
			done:   true, code: 1,
		},
		{
			name:   "a passing run",
			in:     recs("TestSmall pass", "TestEmpty pass", "done 0"),
			status: map[string]string{"TestSmall": "pass", "TestEmpty": "pass"},
			done:   true,
		},
		{
			name:   "skipped",
			in:     recs("TestSmall skip", "done 0"),
			status: map[string]string{"TestSmall": "skip"},
			done:   true,
		},
		{
			name:     "wrong token",
			in:       []byte("1\tTestSmall\tpass\t" + strings.Repeat("0", 48) + "\n2\t\tdone 0\t" + strings.Repeat("0", 48) + "\n"),
			status:   map[string]string{},
			tampered: true,
		},
		{
			name:     "token with something after it",
			in:       []byte(sig("1\tTestSmall\tpass") + "x\n"),
			status:   map[string]string{},
			tampered: true,
		},
		{
			name:     "empty token",
			in:       []byte("1\tTestSmall\tpass\t\n"),
			status:   map[string]string{},
			tampered: true,
		},
		{
			name:     "out of sequence",
			in:       bytes.Replace(recs("TestSmall pass", "TestEmpty pass", "done 0"), []byte("1\t"), []byte("2\t"), 1),
			status:   map[string]string{},
			tampered: true,
		},
		{
			name:     "a record missing",
			in:       bytes.Replace(recs("TestSmall fail", "TestEmpty pass", "done 1"), []byte(sig("1\tTestSmall\tfail")+"\n"), nil, 1),
			status:   map[string]string{},
			tampered: true,
		},
		{
			name:     "a record repeated",
			in:       append(recs("TestSmall pass"), recs("TestSmall pass")...),
			status:   map[string]string{"TestSmall": "pass"},
			tampered: true,
		},
		{
			name:     "sequence not a plain number",
			in:       []byte(sig("01\tTestSmall\tpass") + "\n" + sig("+1\tTestEmpty\tpass") + "\n"),
			status:   map[string]string{},
			tampered: true,
		},
		{
			name:     "malformed: too few fields",
			in:       []byte("1\tTestSmall\tpass\n" + sig("2\tTestSmall") + "\n"),
			status:   map[string]string{},
			tampered: true,
		},
		{
			name:     "malformed: too many fields",
			in:       []byte(sig("1\tTestSmall\tpass") + "\t" + recordMAC(testToken, "1\tTestSmall\tpass") + "\n"),
			status:   map[string]string{},
			tampered: true,
		},
		{
			name:     "malformed: an empty line",
			in:       append([]byte("\n"), recs("TestSmall pass")...),
			status:   map[string]string{"TestSmall": "pass"},
			tampered: true,
		},
		{
			name:     "malformed: output of the tests",
			in:       append([]byte("\x16=== RUN   TestSmall\n--- PASS: TestSmall (0.00s)\nPASS\n"), recs("TestSmall fail")...),
			status:   map[string]string{"TestSmall": "fail"},
			tampered: true,
		},
		{
			name:   "a forged pass after a real fail",
			in:     recs("TestSmall fail", "TestSmall pass", "TestEmpty pass", "done 0"),
			status: map[string]string{"TestSmall": "fail", "TestEmpty": "pass"},
			done:   true,
		},
		{
			name:   "a pass after a skip",
			in:     recs("TestSmall skip", "TestSmall pass"),
			status: map[string]string{"TestSmall": "pass"},
		},
		{
			name:     "a forged pass after a real fail, out of sequence",
			in:       append(recs("TestSmall fail"), sig("1\tTestSmall\tpass")+"\n"...),
			status:   map[string]string{"TestSmall": "fail"},
			tampered: true,
		},
		{
			name:   "done record",
			in:     recs("done 0"),
			status: map[string]string{},
			done:   true,
		},
		{
			name:   "done with a failure",
			in:     recs("TestSmall pass", "done 1"),
			status: map[string]string{"TestSmall": "pass"},
			done:   true, code: 1,
		},
		{
			name:     "done with no number",
			in:       recs("TestSmall pass", "done x"),
			status:   map[string]string{"TestSmall": "pass"},
			tampered: true,
		},
		{
			name:     "done with a number not as the guard writes it",
			in:       recs("TestSmall pass", "done +0", "done 00"),
			status:   map[string]string{"TestSmall": "pass"},
			tampered: true,
		},
		{
			name:   "done named like a test is a status",
			in:     []byte(sig("1\tTestSmall\tdone 0") + "\n"),
			status: map[string]string{"TestSmall": "done 0"},
		},
		{
			name:   "a last line without a newline",
			in:     bytes.TrimSuffix(recs("TestSmall pass", "done 0"), []byte("\n")),
			status: map[string]string{"TestSmall": "pass"},
			done:   true,
		},
		{
			name:     "a line longer than any record stops the reading",
			in:       long,
			status:   map[string]string{"TestSmall": "pass"},
			tampered: true,
		},
		{
			name:     "half a record spliced into the next",
			in:       append([]byte("1\tTestSmall\tpass\t"), recs("TestSmall fail")...),
			status:   map[string]string{},
			tampered: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := readResults(tt.in, testToken)
			if !mapsEqual(r.status, tt.status) || r.done != tt.done || r.code != tt.code || r.tampered != tt.tampered {
				t.Errorf("readResults = %+v\nwant status %v done %v code %d tampered %v", r, tt.status, tt.done, tt.code, tt.tampered)
			}
		})
	}
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// A real run's standard output: the testing package's own lines start with
// 0x16 under -test.v=test2json; everything else is what the tests printed.
const realOutput = "\x16=== RUN   TestSmall\n" +
	"\x16=== RUN   TestSmall/sub\n" +
	"    hidden_test.go:7: in sub\n" +
	"    hidden_test.go:9: Sum([1 2 3]) = 5, want 6\n" +
	"\x16--- FAIL: TestSmall/sub (0.00s)\n" +
	"\x16=== NAME  TestSmall\n" +
	"\x16--- FAIL: TestSmall (0.00s)\n" +
	"\x16=== NAME  \n" +
	"\x16=== RUN   TestSkip\n" +
	"    hidden_test.go:14: later\n" +
	"\x16--- SKIP: TestSkip (0.00s)\n" +
	"\x16=== NAME  \n" +
	"\x16=== RUN   TestEmpty\n"

func TestParseOutput(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		tests map[string]string // test -> its output
		other string
	}{
		{name: "nothing", in: "", tests: map[string]string{}},
		{
			name: "a real run",
			in:   realOutput,
			tests: map[string]string{
				"TestSmall": "    hidden_test.go:7: in sub\n    hidden_test.go:9: Sum([1 2 3]) = 5, want 6\n--- FAIL: TestSmall/sub (0.00s)\n",
				"TestSkip":  "    hidden_test.go:14: later\n",
				"TestEmpty": "",
			},
		},
		{
			name:  "before any test",
			in:    "hello from init\n\x16=== RUN   TestSmall\nfrom the test\n",
			tests: map[string]string{"TestSmall": "from the test\n"},
			other: "hello from init\n",
		},
		{
			// Without the framing byte, lines are the code's: they
			// change nothing.
			name:  "unframed lines are output",
			in:    "\x16=== RUN   TestSmall\n=== RUN   TestEmpty\n--- PASS: TestSmall (0.00s)\nPASS\n",
			tests: map[string]string{"TestSmall": "=== RUN   TestEmpty\n--- PASS: TestSmall (0.00s)\nPASS\n"},
		},
		{
			name:  "=== NAME with an empty name ends the attribution",
			in:    "\x16=== RUN   TestSmall\nin the test\n\x16=== NAME  \nafter it\n",
			tests: map[string]string{"TestSmall": "in the test\n"},
			other: "after it\n",
		},
		{
			name:  "=== CONT and === PAUSE switch tests",
			in:    "\x16=== RUN   TestA\n\x16=== PAUSE TestA\n\x16=== RUN   TestB\nb says\n\x16=== CONT  TestA\na says\n",
			tests: map[string]string{"TestA": "a says\n", "TestB": "b says\n"},
		},
		{
			name:  "framed lines that are not the framework's are dropped",
			in:    "\x16=== RUN   TestSmall\n\x16--- PASS: TestSmall (0.00s)\n\x16{\"Action\":\"pass\"}\nreal\n",
			tests: map[string]string{"TestSmall": "real\n"},
		},
		{
			name:  "a last line without a newline",
			in:    "\x16=== RUN   TestSmall\npartial",
			tests: map[string]string{"TestSmall": "partial"},
		},
		{
			name:  "fake JSON events are output",
			in:    "{\"Action\":\"pass\",\"Test\":\"TestSmall\"}\n\x16=== RUN   TestSmall\n{\"Action\":\"pass\",\"Test\":\"TestEmpty\"}\n",
			tests: map[string]string{"TestSmall": "{\"Action\":\"pass\",\"Test\":\"TestEmpty\"}\n"},
			other: "{\"Action\":\"pass\",\"Test\":\"TestSmall\"}\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := parseOutput([]byte(tt.in))
			got := map[string]string{}
			for name, b := range o.tests {
				got[name] = b.String()
			}
			if !mapsEqual(got, tt.tests) {
				t.Errorf("tests = %q\nwant %q", got, tt.tests)
			}
			if o.other.String() != tt.other {
				t.Errorf("other = %q, want %q", o.other.String(), tt.other)
			}
			if o.all != tt.in {
				t.Errorf("all = %q, want the input", o.all)
			}
		})
	}
}

const timeoutTrace = `panic: test timed out after 2s
	running tests:
		TestEmpty (2s)

goroutine 17 [running]:
testing.(*M).startAlarm.func1()
	/usr/local/go/src/testing/testing.go:2802 +0x354

goroutine 10 [runnable]:
main.Sum(...)
	sum.go:8
main.TestEmpty(0x358277774d88?)
	hidden_test.go:17 +0x1
`

const panicTrace = `panic: runtime error: index out of range [3] with length 3 [recovered, repanicked]

goroutine 7 [running]:
testing.tRunner.func1.2({0x5a0b20, 0xc000012345})
	/usr/local/go/src/testing/testing.go:1872 +0x237
panic({0x5a0b20?, 0xc000012345?})
	/usr/local/go/src/runtime/panic.go:792 +0x132
main.Sum(...)
	sum.go:7
main.TestSmall(0xc000003340)
	hidden_test.go:6 +0x28
`

const raceReport = `==================
WARNING: DATA RACE
Read at 0x00c000014108 by goroutine 9:
  main.Sum()
      sum.go:11 +0x7b

Previous write at 0x00c000014108 by goroutine 8:
  main.Sum()
      sum.go:11 +0x8d
  main.TestConcurrent.func1()
      hidden_test.go:30 +0x44
==================
`

func TestJudge(t *testing.T) {
	pass := recs("TestSmall pass", "TestEmpty pass", "done 0")
	tests := []struct {
		name    string
		records []byte
		stdout  string
		run     runInfo
		outcome engine.Outcome
		tests   []string // statuses of TestSmall and TestEmpty
		msg     []string // parts of the verdict's message
		testMsg []string // parts of the failing tests' messages
	}{
		{
			name: "pass", records: pass,
			stdout:  "\x16=== RUN   TestSmall\n\x16--- PASS: TestSmall (0.00s)\n\x16=== RUN   TestEmpty\n\x16--- PASS: TestEmpty (0.00s)\n\x16PASS\n",
			outcome: engine.OutcomePass, tests: []string{"pass", "pass"},
		},
		{
			name: "pass whatever the output says", records: pass,
			stdout:  "\x16=== RUN   TestSmall\npanic: not really\nWARNING: DATA RACE\nfatal error: no\n\x16--- FAIL: TestSmall (0.00s)\n",
			run:     runInfo{stderr: "panic: test timed out after 1s\nruntime: out of memory\n"},
			outcome: engine.OutcomePass, tests: []string{"pass", "pass"},
		},
		{
			name: "fail", records: recs("TestSmall fail", "TestEmpty pass", "done 1"), run: runInfo{exitCode: 1},
			stdout:  "\x16=== RUN   TestSmall\n    hidden_test.go:7: Sum([1 2 3]) = 0, want 6\n\x16--- FAIL: TestSmall (0.00s)\n\x16=== RUN   TestEmpty\n\x16--- PASS: TestEmpty (0.00s)\n\x16FAIL\n",
			outcome: engine.OutcomeFail, tests: []string{"fail", "pass"},
			testMsg: []string{"Sum([1 2 3]) = 0, want 6"},
		},
		{
			name: "fail without output", records: recs("TestSmall fail", "TestEmpty fail", "done 1"), run: runInfo{exitCode: 1},
			outcome: engine.OutcomeFail, tests: []string{"fail", "fail"},
			testMsg: []string{"the test failed without saying why"},
		},
		{
			name: "timeout by the test binary", records: recs("TestSmall pass"), run: runInfo{exitCode: 2, stderr: timeoutTrace},
			stdout:  "\x16=== RUN   TestSmall\n\x16--- PASS: TestSmall (0.00s)\n\x16=== RUN   TestEmpty\n",
			outcome: engine.OutcomeTimeout, tests: []string{"pass", "fail"},
			msg:     []string{"did not finish within 2s", "stuck at sum.go:8"},
			testMsg: []string{"this test did not finish"},
		},
		{
			name: "timeout by the sandbox", run: runInfo{exitCode: -1, timedOut: true},
			stdout:  "\x16=== RUN   TestSmall\n",
			outcome: engine.OutcomeTimeout, tests: []string{"fail", "fail"},
			msg:     []string{"did not finish within 2s"},
			testMsg: []string{"this test did not finish", "this test did not run"},
		},
		{
			name: "memory limit", run: runInfo{exitCode: -1, memoryExceeded: true},
			outcome: engine.OutcomeMemoryLimit, tests: []string{"fail", "fail"},
			msg: []string{"more memory than allowed"},
		},
		{
			name: "out of memory in the runtime", run: runInfo{exitCode: 2, stderr: "fatal error: runtime: out of memory\n\ngoroutine 1 [running]:\n"},
			outcome: engine.OutcomeMemoryLimit, tests: []string{"fail", "fail"},
		},
		{
			name: "runtime error", run: runInfo{exitCode: 2, stderr: panicTrace},
			stdout:  "\x16=== RUN   TestSmall\n",
			outcome: engine.OutcomeRuntimeError, tests: []string{"fail", "fail"},
			msg: []string{"index out of range [3] with length 3 (at sum.go:7)"},
		},
		{
			name: "panic reported inside the test", records: recs("TestSmall fail"), run: runInfo{exitCode: 2},
			stdout:  "\x16=== RUN   TestSmall\n" + panicTrace,
			outcome: engine.OutcomeRuntimeError, tests: []string{"fail", "fail"},
			testMsg: []string{"index out of range [3] with length 3 (at sum.go:7)"},
		},
		{
			name: "fatal error", run: runInfo{exitCode: 2, stderr: "fatal error: all goroutines are asleep - deadlock!\n\ngoroutine 1 [chan receive]:\nmain.Sum(...)\n\tsum.go:5\n"},
			outcome: engine.OutcomeRuntimeError,
			msg:     []string{"fatal error: all goroutines are asleep - deadlock! (at sum.go:5)"},
			tests:   []string{"fail", "fail"},
		},
		{
			name: "race", records: recs("TestSmall pass", "TestEmpty fail", "done 1"), run: runInfo{exitCode: 1, stderr: raceReport},
			stdout:  "\x16=== RUN   TestEmpty\n    testing.go:1712: race detected during execution of test\n",
			outcome: engine.OutcomeFail, tests: []string{"pass", "fail"},
			msg: []string{"data race at sum.go:11"},
		},
		{
			name: "race after every test passed", records: recs("TestSmall pass", "TestEmpty pass", "done 0"), run: runInfo{exitCode: 66, stderr: raceReport},
			outcome: engine.OutcomeFail, tests: []string{"pass", "pass"},
			msg: []string{"data race"},
		},
		{
			name: "tampered", records: append(append([]byte{}, pass...), "4\tTestSmall\tpass\tguess\n"...),
			outcome: engine.OutcomeFail, tests: []string{"pass", "pass"},
			msg: []string{"something other than the tests wrote"},
		},
		{
			name: "tampered wins over every other explanation", records: []byte("garbage\n"),
			run:     runInfo{exitCode: -1, timedOut: true, memoryExceeded: true, stderr: panicTrace},
			outcome: engine.OutcomeFail, tests: []string{"fail", "fail"},
			msg: []string{"something other than the tests wrote"},
		},
		{
			name: "early exit", records: recs("TestSmall pass", "TestEmpty pass"),
			outcome: engine.OutcomeFail, tests: []string{"pass", "pass"},
			msg: []string{earlyExit},
		},
		{
			name:    "early exit before any test",
			stdout:  "\x16=== RUN   TestSmall\n\x16--- PASS: TestSmall (0.00s)\n\x16PASS\nok  \texercise\t0.002s\n",
			outcome: engine.OutcomeFail, tests: []string{"fail", "fail"},
			msg:     []string{earlyExit},
			testMsg: []string{"this test did not finish", "this test did not run"},
		},
		{
			name: "exit code not 0", records: pass, run: runInfo{exitCode: 1},
			outcome: engine.OutcomeFail, tests: []string{"pass", "pass"},
		},
		{
			name: "done with a failure", records: recs("TestSmall pass", "TestEmpty pass", "done 1"),
			outcome: engine.OutcomeFail, tests: []string{"pass", "pass"},
		},
		{
			name: "a test missing", records: recs("TestSmall pass", "done 0"),
			outcome: engine.OutcomeFail, tests: []string{"pass", "fail"},
			testMsg: []string{"this test did not run"},
		},
		{
			name: "truncated output", records: recs("TestSmall fail", "TestEmpty pass", "done 1"), run: runInfo{exitCode: 1, truncated: true},
			stdout:  "\x16=== RUN   TestSmall\n" + strings.Repeat("flood\n", 100),
			outcome: engine.OutcomeFail, tests: []string{"fail", "pass"},
			msg: []string{"the output was longer than the limit and was cut"},
		},
		{
			name: "truncated output of a passing run", records: pass, run: runInfo{truncated: true},
			outcome: engine.OutcomePass, tests: []string{"pass", "pass"},
		},
		{
			name: "skipped test", records: recs("TestSmall skip", "TestEmpty pass", "done 0"),
			stdout:  "\x16=== RUN   TestSmall\n    hidden_test.go:5: not now\n\x16--- SKIP: TestSmall (0.00s)\n",
			outcome: engine.OutcomePass, tests: []string{"skip", "pass"},
			testMsg: []string{"not now"},
		},
		{
			name: "escape sequences and bytes that are not UTF-8", records: recs("TestSmall fail", "TestEmpty pass", "done 1"), run: runInfo{exitCode: 1, stderr: "panic: \x1b[31mred\x1b[0m\n\tsum.go:3 +0x1\n"},
			stdout:  "\x16=== RUN   TestSmall\n\x1b]52;c;ZXZpbA==\x07\x1b[2J\rbad \xff\xfe\x16\n",
			outcome: engine.OutcomeRuntimeError, tests: []string{"fail", "pass"},
			msg:     []string{"panic: \uFFFD[31mred\uFFFD[0m (at sum.go:3)"},
			testMsg: []string{"\uFFFD]52;c;ZXZpbA==\uFFFD\uFFFD[2J\uFFFDbad \uFFFD\uFFFD\uFFFD"},
		},
		{
			name: "records for tests that are not wanted", records: recs("TestOther pass", "done 0"),
			outcome: engine.OutcomeFail, tests: []string{"fail", "fail"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := judge(readResults(tt.records, testToken), parseOutput([]byte(tt.stdout)), tt.run, sumTests, "sum.go", 2*time.Second)
			if v.Outcome != tt.outcome {
				t.Errorf("outcome = %s, want %s (message %q, tests %+v)", v.Outcome, tt.outcome, v.Message, v.Tests)
			}
			var statuses []string
			var testMsgs string
			for _, tr := range v.Tests {
				statuses = append(statuses, tr.Status)
				testMsgs += tr.Message + "\n"
				if tr.Status == "fail" && tr.Message == "" {
					t.Errorf("%s failed without a message", tr.Name)
				}
				if tr.Status == "pass" && tr.Message != "" {
					t.Errorf("%s passed with a message: %q", tr.Name, tr.Message)
				}
			}
			if !slices.Equal(statuses, tt.tests) {
				t.Errorf("statuses = %q, want %q (%+v)", statuses, tt.tests, v.Tests)
			}
			for _, m := range tt.msg {
				if !strings.Contains(v.Message, m) {
					t.Errorf("message does not mention %q: %q", m, v.Message)
				}
			}
			for _, m := range tt.testMsg {
				if !strings.Contains(testMsgs, m) {
					t.Errorf("the tests' messages do not mention %q: %q", m, testMsgs)
				}
			}
			if strings.Contains(testMsgs, "hidden_test.go:") {
				t.Errorf("messages name the hidden test's lines: %q", testMsgs)
			}
			if !printableText(v.Message + testMsgs) {
				t.Errorf("messages hold control characters: %q %q", v.Message, testMsgs)
			}
		})
	}
}

// printableText reports whether s is UTF-8 without control characters but
// newlines and tabs, nor bidirectional controls: safe to print on a
// terminal.
func printableText(s string) bool {
	return utf8.ValidString(s) && strings.IndexFunc(s, func(r rune) bool {
		return r != '\n' && r != '\t' && (unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r))
	}) < 0
}

// validPass is what a passing verdict requires of the records, written
// afresh from the guard's format: every line is "seq\tname\tstatus\tMAC"
// (a last line may lack its newline, and a line may end in \r, as bufio's
// lines do), numbered from 1 without a gap; a "done N" record has N in
// canonical form; every wanted test has records, none of them says fail
// and the last says pass or skip; and the last "done" record says "done 0".
func validPass(records []byte, token string, want []string) bool {
	if len(records) == 0 {
		return false
	}
	lines := strings.Split(string(records), "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	status := map[string][]string{}
	done := ""
	for i, line := range lines {
		f := strings.Split(strings.TrimSuffix(line, "\r"), "\t")
		if len(f) != 4 || f[3] != recordMAC(token, strings.Join(f[:3], "\t")) || f[0] != strconv.Itoa(i+1) {
			return false
		}
		if code, ok := strings.CutPrefix(f[2], "done "); ok && f[1] == "" {
			if n, err := strconv.Atoi(code); err != nil || strconv.Itoa(n) != code {
				return false
			}
			done = code
			continue
		}
		status[f[1]] = append(status[f[1]], f[2])
	}
	for _, name := range want {
		st := status[name]
		if len(st) == 0 || st[len(st)-1] != "pass" && st[len(st)-1] != "skip" || slices.Contains(st, "fail") {
			return false
		}
	}
	return done == "0"
}

func streamSeeds(f *testing.F) [][]byte {
	files, err := filepath.Glob(filepath.Join("testdata", "streams", "*"))
	if err != nil {
		f.Fatal(err)
	}
	var out [][]byte
	for _, file := range files {
		b, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		out = append(out, b)
	}
	return out
}

// FuzzReadResults feeds arbitrary bytes to the records' reader: it never
// panics, and every pass and every "done" it reports is in a record signed
// with the token and in sequence.
func FuzzReadResults(f *testing.F) {
	f.Add(recs("TestSmall pass", "TestEmpty pass", "done 0"))
	f.Add(recs("TestSmall fail", "TestSmall pass", "done 0"))
	f.Add(append(recs("TestSmall pass"), sig("1\tTestEmpty\tpass")+"\r\n"...))
	f.Add([]byte(sig("1\tTestSmall\tpass")))
	f.Add([]byte(sig("1\tTestSmall\tpass") + "\t\n2\t\tdone 0\t" + recordMAC(testToken, "2\t\tdone 0")[:31] + "\n"))
	f.Add([]byte("\x16=== RUN   TestSmall\n\x16--- PASS: TestSmall (0.00s)\n"))
	f.Add([]byte(`{"Action":"pass","Test":"TestSmall"}` + "\n"))
	f.Add([]byte(sig("1\t\tdone +0") + "\n"))
	for _, b := range streamSeeds(f) {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		r := readResults(b, testToken)
		signed := 0
		says := map[string]bool{} // "name\tstatus" of every signed line
		for _, line := range strings.Split(string(b), "\n") {
			f := strings.Split(strings.TrimSuffix(line, "\r"), "\t")
			if len(f) == 4 && f[3] == recordMAC(testToken, strings.Join(f[:3], "\t")) {
				signed++
				says[f[1]+"\t"+f[2]] = true
			}
		}
		for name, st := range r.status {
			if !says[name+"\t"+st] {
				t.Fatalf("status %s=%q from no record that says so", name, st)
			}
		}
		if len(r.status) > signed {
			t.Fatalf("%d statuses from %d signed records", len(r.status), signed)
		}
		if r.done && !strings.Contains(string(b), "\t\tdone ") {
			t.Fatalf("done without a done record")
		}
		if signed == 0 && (len(r.status) > 0 || r.done) {
			t.Fatalf("results %+v without the token", r)
		}
		if st := r.status["TestSmall"]; st == "pass" && says["TestSmall\tfail"] && !r.tampered {
			// A fail in sequence sticks; one out of sequence is tampering.
			t.Fatalf("a signed fail for TestSmall, yet it passed, untampered")
		}
	})
}

// FuzzJudge feeds arbitrary records, output and ends of runs to the
// verdict. It never panics, gives one result per wanted test, and passes
// only when validPass holds and the run ended cleanly.
func FuzzJudge(f *testing.F) {
	pass := recs("TestSmall pass", "TestEmpty pass", "done 0")
	f.Add(pass, []byte(realOutput), "", 0, uint8(0))
	f.Add(pass, []byte(""), "", 1, uint8(0))
	f.Add(pass, []byte(""), timeoutTrace, 0, uint8(1))
	f.Add(pass, []byte(""), "", 0, uint8(2))
	f.Add(pass, []byte(""), "", 0, uint8(4))
	f.Add(recs("TestSmall fail", "TestSmall pass", "TestEmpty pass", "done 0"), []byte(realOutput), "", 0, uint8(0))
	f.Add(recs("TestSmall pass", "TestEmpty skip", "done 0"), []byte("\x16=== RUN   TestEmpty\n\x16--- SKIP: TestEmpty\n"), "", 0, uint8(0))
	f.Add(recs("TestSmall pass", "TestEmpty pass"), []byte("\x16PASS\nok  \texercise\t0.1s\n"), "", 0, uint8(0))
	f.Add(append(recs("TestSmall pass", "TestEmpty pass", "done 0"), "x\n"...), []byte(""), "", 0, uint8(0))
	f.Add([]byte(""), []byte("\x16=== RUN   TestSmall\n\x16--- PASS: TestSmall (0.00s)\n\x16=== RUN   TestEmpty\n\x16--- PASS: TestEmpty (0.00s)\n\x16PASS\n"), "", 0, uint8(0))
	f.Add([]byte(""), []byte(`{"Action":"pass","Package":"exercise","Test":"TestSmall"}`+"\n"+`{"Action":"pass","Package":"exercise","Test":"TestEmpty"}`+"\n"+`{"Action":"pass","Package":"exercise"}`+"\n"), "", 0, uint8(0))
	f.Add(recs("TestSmall fail", "TestEmpty pass", "done 1"), []byte("\x16=== RUN   TestSmall\n"+panicTrace), raceReport, 2, uint8(0))
	f.Add(pass, []byte("\x16=== NAME  \n\x16=== NAME  TestSmall\n"), "fatal error: runtime: out of memory\n", 0, uint8(0))
	for _, b := range streamSeeds(f) {
		f.Add(pass, b, "", 0, uint8(0))
		f.Add(b, b, string(b), 0, uint8(0))
	}
	f.Fuzz(func(t *testing.T, records, stdout []byte, stderr string, exitCode int, flags uint8) {
		run := runInfo{exitCode: exitCode, timedOut: flags&1 != 0, memoryExceeded: flags&2 != 0, truncated: flags&4 != 0, stderr: stderr}
		v := judge(readResults(records, testToken), parseOutput(stdout), run, sumTests, "sum.go", 2*time.Second)
		switch v.Outcome {
		case engine.OutcomePass, engine.OutcomeFail, engine.OutcomeTimeout, engine.OutcomeMemoryLimit, engine.OutcomeRuntimeError:
		default:
			t.Fatalf("outcome %q", v.Outcome)
		}
		if len(v.Tests) != len(sumTests) {
			t.Fatalf("%d test results for %d tests", len(v.Tests), len(sumTests))
		}
		clean := exitCode == 0 && !run.timedOut && !run.memoryExceeded
		if v.Passed() != (v.Outcome == engine.OutcomePass) {
			t.Fatalf("Passed() = %v for %s", v.Passed(), v.Outcome)
		}
		if v.Passed() && !(clean && validPass(records, testToken, sumTests)) {
			t.Fatalf("passed: clean %v, records %q", clean, records)
		}
		if !v.Passed() && clean && validPass(records, testToken, sumTests) && len(records) < bufio.MaxScanTokenSize {
			t.Fatalf("did not pass (%s %q) a run that should", v.Outcome, v.Message)
		}
		if !printableText(v.Message) {
			t.Fatalf("message %q holds control characters", v.Message)
		}
		for _, tr := range v.Tests {
			if !printableText(tr.Message) {
				t.Fatalf("%s's message %q holds control characters", tr.Name, tr.Message)
			}
			if tr.Status != "pass" && tr.Status != "fail" && tr.Status != "skip" {
				t.Fatalf("test status %q", tr.Status)
			}
			if st := readResults(records, testToken).status[tr.Name]; (tr.Status == "fail") != (st != "pass" && st != "skip") {
				t.Fatalf("%s is %s against its records", tr.Name, tr.Status)
			}
		}
	})
}

// TestStuckSummary: a timed-out run's trace names the learner's lines where
// its goroutines were, and says so when one was running with no stack.
func TestStuckSummary(t *testing.T) {
	for _, tt := range []struct{ trace, want string }{
		{"goroutine 7 [chan receive]:\nexercise.Sum(...)\n\t/run/sum.go:9 +0x1d\n", "; goroutines were stuck at sum.go:9"},
		{"goroutine 7 [running]:\n\tgoroutine running on other thread; stack unavailable\n", "; a goroutine was still computing, where the trace could not show"},
		{"goroutine 1 [chan receive]:\ntesting.(*T).Run(...)\n\t/go/src/testing/testing.go:1 +0x1\n", ""},
	} {
		if got := stuckSummary(tt.trace, "sum.go"); got != tt.want {
			t.Errorf("stuckSummary(%q) = %q, want %q", tt.trace, got, tt.want)
		}
	}
}
