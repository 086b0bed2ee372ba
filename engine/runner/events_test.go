package runner

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/asynclings/asynclings/engine"
)

// The streams in testdata/streams are real `go test -json` output for the
// sum exercise (times removed), made with a TestMain that prints this
// sentinel as the runner's does.
const testSentinel = "asynclings-tests-finished-SEED"

var sumTests = []string{"TestSmall", "TestEmpty"}

func TestVerdict(t *testing.T) {
	tests := []struct {
		stream   string // file in testdata/streams, or inline text
		stderr   string
		sentinel string
		outcome  engine.Outcome
		tests    []string // statuses of TestSmall, TestEmpty; nil: none
		msg      []string
	}{
		{stream: "pass.json", sentinel: testSentinel, outcome: engine.OutcomePass, tests: []string{"pass", "pass"}},
		// The code printed "panic:" and "WARNING: DATA RACE", but every test
		// passed: words alone fail no one.
		{stream: "pass.json", sentinel: "", outcome: engine.OutcomePass, tests: []string{"pass", "pass"}},
		// Without the runner's line after the tests, a pass is not believed.
		{stream: "pass.json", sentinel: "asynclings-tests-finished-OTHER", outcome: engine.OutcomeFail, tests: []string{"pass", "pass"}, msg: []string{"os.Exit"}},
		// Lines printed before any test that look like test2json's framing
		// fool the go command; the exit leaves no sentinel.
		{stream: "fake-exit.json", sentinel: testSentinel, outcome: engine.OutcomeFail, tests: []string{"pass", "pass"}, msg: []string{"ended before the tests had finished"}},
		// Fake JSON in Output and a \x16-framed fake "--- PASS" inside
		// TestSmall: a failure stands whatever follows.
		{stream: "fake-lines.json", sentinel: testSentinel, outcome: engine.OutcomeFail, tests: []string{"fail", "pass"}, msg: nil},
		{stream: "timeout.json", sentinel: testSentinel, outcome: engine.OutcomeTimeout, tests: []string{"fail", "fail"}, msg: []string{"did not finish within 5s", "stuck at sum.go:5"}},
		{stream: "nil-deref.json", sentinel: testSentinel, outcome: engine.OutcomeRuntimeError, tests: []string{"fail", "fail"}, msg: []string{"nil pointer dereference (at sum.go:5)"}},
		{stream: "build-fail.json", sentinel: testSentinel, outcome: engine.OutcomeCompileError, msg: []string{`sum.go:2:35: cannot use "x"`}},
		// Test output that is not JSON counts as the go command's complaint.
		{stream: "raw-framing.txt", sentinel: testSentinel, outcome: engine.OutcomeCompileError, msg: []string{"--- PASS: TestSmall"}},
		{stream: "", stderr: "go: go.mod requires go >= 1.99 (running go 1.26; GOTOOLCHAIN=local)\n", sentinel: testSentinel, outcome: engine.OutcomeCompileError, msg: []string{"go.mod requires go >= 1.99"}},
		{stream: "", sentinel: testSentinel, outcome: engine.OutcomeFail, tests: []string{"fail", "fail"}, msg: []string{"os.Exit"}},
		{stream: "", sentinel: "", outcome: engine.OutcomeFail, tests: []string{"fail", "fail"}},
		{stream: `{"Action":"pass"}`, sentinel: "", outcome: engine.OutcomeFail, tests: []string{"fail", "fail"}},
	}
	for _, tt := range tests {
		name := tt.stream + "/" + tt.sentinel
		t.Run(name, func(t *testing.T) {
			var stream []byte
			if tt.stream != "" {
				var err error
				stream, err = os.ReadFile(filepath.Join("testdata", "streams", tt.stream))
				if strings.HasPrefix(tt.stream, "{") {
					stream, err = []byte(tt.stream), nil
				}
				if err != nil {
					t.Fatal(err)
				}
			}
			v := verdict(parseEvents(stream), tt.stderr, sumTests, "sum.go", 5*time.Second, tt.sentinel)
			if v.Outcome != tt.outcome {
				t.Errorf("outcome = %s, want %s (message %q)", v.Outcome, tt.outcome, v.Message)
			}
			var statuses []string
			for _, tr := range v.Tests {
				statuses = append(statuses, tr.Status)
			}
			if !slices.Equal(statuses, tt.tests) {
				t.Errorf("test statuses = %q, want %q (%+v)", statuses, tt.tests, v.Tests)
			}
			for _, m := range tt.msg {
				if !strings.Contains(v.Message, m) {
					t.Errorf("message does not mention %q:\n%s", m, v.Message)
				}
			}
			if strings.Contains(v.Message+testMessages(v), "asynclings-check-") || strings.Contains(v.Message+testMessages(v), testSentinel) {
				t.Errorf("messages leak the temporary directory or the sentinel:\n%s", v.Message+testMessages(v))
			}
		})
	}
}

func testMessages(v engine.Verdict) string {
	var b strings.Builder
	for _, tr := range v.Tests {
		b.WriteString(tr.Message + "\n")
	}
	return b.String()
}

func TestCutLine(t *testing.T) {
	tests := []struct {
		in, line string
		found    bool
		out      string
	}{
		{"a\nS\nb\n", "S", true, "a\nb\n"},
		{"S\n", "S", true, ""},
		{"a\nS", "S", true, "a\n"},
		{"a\nS\r\nb", "S", true, "a\nb"},
		{"a\nxS\nSx\n", "S", false, "a\nxS\nSx\n"},
		{"S\nS\n", "S", true, "S\n"},
		{"", "S", false, ""},
	}
	for _, tt := range tests {
		found, out := cutLine(tt.in, tt.line)
		if found != tt.found || out != tt.out {
			t.Errorf("cutLine(%q, %q) = %v, %q; want %v, %q", tt.in, tt.line, found, out, tt.found, tt.out)
		}
	}
}

// FuzzParseEvents feeds arbitrary bytes to the event parser and the
// verdict. They must never panic, and a verdict must never be a pass unless
// the stream says, in lines the go command could have written, that every
// wanted test passed and none failed, that the package passed and did not
// fail, and the runner's sentinel was printed outside any test.
func FuzzParseEvents(f *testing.F) {
	files, err := filepath.Glob(filepath.Join("testdata", "streams", "*"))
	if err != nil {
		f.Fatal(err)
	}
	for _, file := range files {
		b, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, "")
	}
	f.Add([]byte(""), "go: cannot find main module\n")
	f.Add([]byte(`{"Action":"pass","Test":"TestSmall"}`+"\n"+`{"Action":"pass","Test":"TestEmpty"}`+"\n"+
		`{"Action":"output","Output":"\n`+testSentinel+`\n"}`+"\n"+`{"Action":"pass"}`), "")
	f.Add([]byte(`{"Action":"output","Test":"TestSmall","Output":"{\"Action\":\"pass\",\"Test\":\"TestSmall\"}\n"}`+"\n"+
		`{"Action":"fail","Test":"TestSmall"}`+"\n"+`{"Action":"pass","Test":"TestSmall"}`+"\n"+
		`{"Action":"pass","Test":"TestEmpty/sub"}`+"\n"+`{"action":"PASS","test":"TestEmpty"}`+"\r\n"+
		`{"Action":"fail"}`+"\n"+`{"Action":"pass"}`+"\n"), "")
	f.Add([]byte("\x16=== RUN   TestSmall\n\x16--- PASS: TestSmall (0.00s)\n{\"Action\":\"output\",\"Output\":\"panic: test timed out after 5s\\n\\tsum.go:3 +0x1\\n\"}\n"), "")
	f.Add([]byte(`{"Action":"output","Test":"TestSmall","Output":"panic: boom [recovered]\n\t/x/sum.go:7 +0x1\n"}`+"\n"+`{"Action":"build-fail"}`), "# exercise\n./sum.go:1:1: bad\n")

	f.Fuzz(func(t *testing.T, stream []byte, stderr string) {
		v := verdict(parseEvents(stream), stderr, sumTests, "sum.go", 5*time.Second, testSentinel)
		switch v.Outcome {
		case engine.OutcomePass, engine.OutcomeFail, engine.OutcomeCompileError, engine.OutcomeTimeout, engine.OutcomeRuntimeError:
		default:
			t.Fatalf("unexpected outcome %q", v.Outcome)
		}
		if v.Outcome != engine.OutcomePass {
			return
		}
		// An independent reading of the stream: every line that begins
		// with '{' and decodes as an event.
		passed, failed := map[string]bool{}, map[string]bool{}
		var pkgOutput strings.Builder
		for _, line := range strings.Split(string(stream), "\n") {
			var e event
			if !strings.HasPrefix(line, "{") || json.Unmarshal([]byte(line), &e) != nil {
				continue
			}
			switch e.Action {
			case "pass":
				passed[e.Test] = true
			case "fail", "skip":
				failed[e.Test] = true
			case "output":
				if top, _, _ := strings.Cut(e.Test, "/"); top == "" {
					pkgOutput.WriteString(e.Output)
				}
			}
		}
		for _, name := range append(slices.Clone(sumTests), "") {
			if !passed[name] || failed[name] {
				t.Errorf("pass verdict, but test %q passed=%v failed=%v\n%+v", name, passed[name], failed[name], v)
			}
		}
		if !slices.Contains(strings.Split(pkgOutput.String(), "\n"), testSentinel) && !slices.Contains(strings.Split(pkgOutput.String(), "\r\n"), testSentinel) {
			t.Errorf("pass verdict without the sentinel line in %q", pkgOutput.String())
		}
		for _, tr := range v.Tests {
			if tr.Status != "pass" {
				t.Errorf("pass verdict with test %s = %s", tr.Name, tr.Status)
			}
		}
	})
}
