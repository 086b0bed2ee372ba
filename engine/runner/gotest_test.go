package runner_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/asynclings/asynclings/engine"
)

// TestGoTestVerdicts holds the runner to go test's judgement of the same
// files (issue 11).
func TestGoTestVerdicts(t *testing.T) {
	r := newRunner(t)
	sum := sumExercise(t)
	with := func(test string) *engine.Exercise {
		ex := *sum
		ex.Test = test
		return &ex
	}
	// Touching 560 MiB takes seconds on a loaded machine: these runs get
	// time enough to reach the memory limit rather than the timeout.
	withMemory := func(memory int64, test string) *engine.Exercise {
		ex := with(test)
		ex.Memory, ex.Timeout = memory, 60*time.Second
		return ex
	}
	// allocTest holds 560 MiB, touched, at once: more than the default
	// limit of 512 MiB, less than 600 MiB with the runtime's own.
	allocTest := `package sum

import "testing"

var keep [][]byte

func TestSmall(t *testing.T) {
	for range 560 {
		b := make([]byte, 1<<20)
		for i := range b {
			b[i] = 1
		}
		keep = append(keep, b)
	}
	if Sum([]int{len(keep)}) != 560 {
		t.Fatal("wrong")
	}
}
`
	withFiles := with(`package sum

import (
	"os"
	"strings"
	"testing"
)

func TestFiles(t *testing.T) {
	b, err := os.ReadFile("testdata/nums/three.txt")
	if err != nil || string(b) != "1 2 3" {
		t.Fatalf("the data file: %q %v", b, err)
	}
	own, err := os.ReadFile("sum.go")
	if err != nil || !strings.Contains(string(own), "func Sum") {
		t.Fatalf("the learner's file: %v", err)
	}
	if _, err := os.Stat("hidden_test.go"); err == nil {
		t.Fatal("the hidden test is there")
	}
}
`)
	withFiles.Files = map[string]string{"testdata/nums/three.txt": "1 2 3"}
	fuzzSum := with(`package sum

import "testing"

func TestSmall(t *testing.T) {}

func FuzzSum(f *testing.F) {
	f.Add(1, 2)
	f.Add(0, 0)
	f.Fuzz(func(t *testing.T, a, b int) {
		if got := Sum([]int{a, b}); got != a+b {
			t.Errorf("Sum(%d, %d) = %d", a, b, got)
		}
	})
}
`)
	exampleSum := `package sum

import (
	"fmt"
	"testing"
)

func TestSmall(t *testing.T) {}

func ExampleSum() {
	fmt.Println(Sum([]int{1, 2, 3}))
	// Output: 6
}
`
	skipLater := with(`package sum

import "testing"

func TestSmall(t *testing.T) {
	if Sum([]int{1, 2}) != 3 {
		t.Fatal("wrong")
	}
}

func TestLater(t *testing.T) { t.Skip("not yet") }
`)
	tests := []struct {
		name    string
		ex      *engine.Exercise
		code    string
		outcome engine.Outcome
		tests   map[string]string // test name -> status
		msg     string            // part of the verdict's or a test's message
	}{
		{
			name:    "a test's own skip is not a failure",
			ex:      skipLater,
			code:    sum.Solution,
			outcome: engine.OutcomePass,
			tests:   map[string]string{"TestSmall": "pass", "TestLater": "skip"},
			msg:     "not yet",
		},
		{
			name:    "a skip does not hide a failure",
			ex:      skipLater,
			code:    sum.Starter,
			outcome: engine.OutcomeFail,
			tests:   map[string]string{"TestSmall": "fail", "TestLater": "skip"},
		},
		{
			name: "a test that failed and then skipped failed",
			ex: with(`package sum

import "testing"

func TestSmall(t *testing.T) {
	if Sum([]int{1, 2}) != 3 {
		t.Error("wrong")
	}
	t.Skip("and skipped")
}
`),
			code:    sum.Starter,
			outcome: engine.OutcomeFail,
			tests:   map[string]string{"TestSmall": "fail"},
		},
		{
			name: "the hidden test's names cannot clash with the harness's",
			ex: with(`package sum

import (
	os "strings"
	"testing"
)

var tests = []int{1, 2, 3}

func guard(t *testing.T, got int) {
	if got != 6 {
		t.Fatalf("Sum = %d, want 6", got)
	}
}

var testing_ = os.ToUpper

func main() {}

func TestSmall(t *testing.T) { guard(t, Sum(tests)) }
`),
			code:    sum.Solution,
			outcome: engine.OutcomePass,
			tests:   map[string]string{"TestSmall": "pass"},
		},
		{
			name: "a hidden test with TestMain and clashing names",
			ex: with(`package sum

import (
	"os"
	"testing"
)

var tests, guard, m = 1, 2, 3

func TestMain(m *testing.M) { os.Exit(m.Run()) }

func TestSmall(t *testing.T) {
	if Sum([]int{tests, guard, m}) != 6 {
		t.Fatal("wrong")
	}
}
`),
			code:    sum.Solution,
			outcome: engine.OutcomePass,
		},
		{
			name: "an external test package with clashing names",
			ex: with(`package sum_test

import (
	"testing"

	os "exercise"
)

var tests = []int{1, 2, 3}

func TestSmall(t *testing.T) {
	if os.Sum(tests) != 6 {
		t.Fatal("wrong")
	}
}
`),
			code:    sum.Solution,
			outcome: engine.OutcomePass,
		},
		{
			name: "%T names the exercise's package",
			ex: with(`package sum

import (
	"fmt"
	"testing"
)

func TestSmall(t *testing.T) {
	if got := fmt.Sprintf("%T", Num(Sum([]int{1}))); got != "sum.Num" {
		t.Fatalf("%%T = %s, want sum.Num", got)
	}
}
`),
			code:    sum.Solution + "\ntype Num int\n\nfunc main() {}\n",
			outcome: engine.OutcomePass,
		},
		{
			name:    "the harness's file is never named",
			ex:      with("package sum\n\nfunc TestSmall() {}\n"),
			code:    sum.Solution,
			outcome: engine.OutcomeCompileError,
			msg:     "the hidden test: cannot use p0.TestSmall",
		},
		{
			name:    "a hidden test its build constraint excludes is the exercise's error",
			ex:      with("//go:build ignore\n\n" + sum.Test),
			code:    sum.Solution,
			outcome: engine.OutcomeInternalError,
			msg:     "the hidden test's build constraint excludes it on",
		},
		{
			name:    "a hidden test excluded without the race detector",
			ex:      with("//go:build race\n\n" + sum.Test),
			code:    sum.Solution,
			outcome: engine.OutcomeInternalError,
			msg:     "go test would run no test",
		},
		{
			name:    "a hidden test its build constraint includes",
			ex:      with("//go:build !windows || go1.1\n\n" + sum.Test),
			code:    sum.Solution,
			outcome: engine.OutcomePass,
		},
		{
			name: "examples with output are run and judged",
			ex: with(exampleSum + `
func ExampleSum_lines() {
	fmt.Println(Sum(nil))
	fmt.Println(Sum([]int{1}))
	// Unordered output:
	// 1
	// 0
}

func ExampleSum_silent() {
	Sum(nil)
	// Output:
}

func ExampleSum_notRun() {
	panic("an example without output is only compiled")
}
`),
			code:    sum.Solution,
			outcome: engine.OutcomePass,
			tests:   map[string]string{"TestSmall": "pass", "ExampleSum": "pass", "ExampleSum_lines": "pass", "ExampleSum_silent": "pass"},
		},
		{
			name:    "an example with the wrong output fails",
			ex:      with(exampleSum),
			code:    sum.Starter,
			outcome: engine.OutcomeFail,
			tests:   map[string]string{"TestSmall": "pass", "ExampleSum": "fail"},
			msg:     "got:\n",
		},
		{
			name:    "the seeds of a fuzz test run as tests",
			ex:      fuzzSum,
			code:    sum.Starter,
			outcome: engine.OutcomeFail,
			tests:   map[string]string{"TestSmall": "pass", "FuzzSum": "fail"},
			msg:     "Sum(1, 2) = ",
		},
		{
			name:    "the seeds of a fuzz test pass",
			ex:      fuzzSum,
			code:    sum.Solution,
			outcome: engine.OutcomePass,
			tests:   map[string]string{"TestSmall": "pass", "FuzzSum": "pass"},
		},
		{
			name:    "memory: an exercise may ask for more",
			ex:      withMemory(600<<20, allocTest),
			code:    sum.Solution,
			outcome: engine.OutcomePass,
		},
		{
			name:    "memory: the default is 512 MiB",
			ex:      withMemory(0, allocTest),
			code:    sum.Solution,
			outcome: engine.OutcomeMemoryLimit,
		},
		{
			name:    "memory: more than the maximum is the exercise's error",
			ex:      withMemory(engine.MaxMemory+1, allocTest),
			code:    sum.Solution,
			outcome: engine.OutcomeInternalError,
			msg:     "more than the most the runner gives",
		},
		{
			name: "renaming: a key named after a type of the hidden test",
			ex: with(`package sum

import "testing"

type want struct{ total int }

func TestSmall(t *testing.T) {
	for _, tt := range []struct {
		in   []int
		want want
	}{{in: []int{1, 2, 3}, want: want{total: 6}}} {
		if got := Sum(tt.in); got != tt.want.total {
			t.Fatalf("Sum = %d, want %d", got, tt.want.total)
		}
	}
}
`),
			code:    sum.Solution,
			outcome: engine.OutcomePass,
		},
		{
			name: "renaming: a key in an external test package",
			ex: with(`package sum_test

import (
	"testing"

	"exercise"
)

type want struct{ total int }

func TestSmall(t *testing.T) {
	tests := []struct{ want want }{{want: want{total: 6}}}
	if got := sum.Sum([]int{1, 2, 3}); got != tests[0].want.total {
		t.Fatalf("Sum = %d", got)
	}
}
`),
			code:    sum.Solution,
			outcome: engine.OutcomePass,
		},
		{
			name: "renaming: a field named after a function of the hidden test",
			ex: with(`package sum

import (
	"fmt"
	"testing"
)

func name(n int) string { return fmt.Sprint(n) }

type row struct {
	name string
	nums []int
}

func TestSmall(t *testing.T) {
	x := row{name: name(6), nums: []int{1, 2, 3}}
	if got := name(Sum(x.nums)); got != x.name {
		t.Fatalf("Sum = %s, want %s", got, x.name)
	}
}
`),
			code:    sum.Solution,
			outcome: engine.OutcomePass,
		},
		{
			name: "renaming: an embedded field of a type of the hidden test",
			ex: with(`package sum

import "testing"

type want struct{ total int }

type row struct {
	want
	nums []int
}

func TestSmall(t *testing.T) {
	x := row{want: want{total: 6}, nums: []int{1, 2, 3}}
	if got := Sum(x.nums); got != x.want.total || got != x.total {
		t.Fatalf("Sum = %d, want %d", got, x.want.total)
	}
}
`),
			code:    sum.Solution,
			outcome: engine.OutcomePass,
		},
		{
			name: "renaming: a local shadowing a helper of the hidden test",
			ex: with(`package sum

import "testing"

func total() int { return 6 }

func TestSmall(t *testing.T) {
	total := total()
	check := func(total int) {
		if got := Sum([]int{1, 2, 3}); got != total {
			t.Fatalf("Sum = %d, want %d", got, total)
		}
	}
	check(total)
}
`),
			code:    sum.Solution,
			outcome: engine.OutcomePass,
		},
		{
			name: "renaming: a method named after a function of the hidden test",
			ex: with(`package sum

import "testing"

func total(nums []int) int { return 6 }

type nums []int

func (n nums) total() int { return Sum(n) }

type totaler interface{ total() int }

func TestSmall(t *testing.T) {
	var x totaler = nums{1, 2, 3}
	if got := x.total(); got != total(nil) || nums.total(nums{6}) != 6 {
		t.Fatalf("Sum = %d", got)
	}
}
`),
			code:    sum.Solution,
			outcome: engine.OutcomePass,
		},
		{
			name: "renaming: the learner's file cannot name a helper of the hidden test",
			ex: with(`package sum

import "testing"

func expected() int { return 6 }

func TestSmall(t *testing.T) {
	if Sum([]int{1, 2, 3}) != expected() {
		t.Fatal("wrong")
	}
}
`),
			code:    "package sum\n\nfunc Sum(nums []int) int { return expected() }\n",
			outcome: engine.OutcomeCompileError,
			msg:     "sum.go:3:35: undefined: expected",
		},
		{
			name: "renaming: the learner's file may declare a name of the hidden test for itself",
			ex: with(`package sum

import "testing"

type want struct{ total int }

func expected() want { return want{total: 6} }

func TestSmall(t *testing.T) {
	if Sum([]int{1, 2, 3}) != expected().total {
		t.Fatal("wrong")
	}
}
`),
			code:    sum.Solution + "\nfunc expected() int { return 0 }\n\ntype want int\n",
			outcome: engine.OutcomePass,
		},
		{
			name:    "vet: a learner's printf with the wrong verb fails the build, as under go test",
			ex:      sum,
			code:    "package sum\n\nimport \"fmt\"\n\nfunc Sum(nums []int) int {\n\tfmt.Printf(\"%d\", \"x\")\n\treturn 0\n}\n",
			outcome: engine.OutcomeCompileError,
			msg:     `sum.go:6:14: vet: fmt.Printf format %d has arg "x" of wrong type string`,
		},
		{
			name:    "vet: a learner's misuse of sync/atomic fails the build",
			ex:      sum,
			code:    "package sum\n\nimport \"sync/atomic\"\n\nfunc Sum(nums []int) int {\n\tvar x int64\n\tfor range nums {\n\t\tx = atomic.AddInt64(&x, 1)\n\t}\n\treturn int(x)\n}\n",
			outcome: engine.OutcomeCompileError,
			msg:     "sum.go:8:3: vet: direct assignment to atomic value",
		},
		{
			name:    "vet: a clean solution that prints passes",
			ex:      sum,
			code:    "package sum\n\nimport \"fmt\"\n\nfunc Sum(nums []int) int {\n\ttotal := 0\n\tfor _, n := range nums {\n\t\ttotal += n\n\t}\n\tfmt.Printf(\"%d %s\\n\", total, \"ok\")\n\treturn total\n}\n",
			outcome: engine.OutcomePass,
		},
		{
			name: "vet: a hidden test that fails vet is the exercise's error",
			ex: with(`package sum

import "testing"

func TestSmall(t *testing.T) {
	if got := Sum([]int{1, 2, 3}); got != 6 {
		t.Fatalf("Sum = %s", got)
	}
}
`),
			code:    sum.Solution,
			outcome: engine.OutcomeInternalError,
			msg:     "the hidden test fails go vet",
		},
		{
			// The exercise's solution fails vet with it too: the
			// exercise's, whoever's code is checked.
			name: "vet: a hidden test that fails vet with the solution too is the exercise's error",
			ex: with(`package sum

import "testing"

func TestSmall(t *testing.T) {
	if got := Sum([]int{1, 2, 3}); got != 6 {
		t.Fatalf("Sum = %s", got)
	}
}
`),
			code:    "package sum\n\nfunc Sum(nums []int) int {\n\tt := 0\n\tfor i := range nums {\n\t\tt += nums[i]\n\t}\n\treturn t\n}\n",
			outcome: engine.OutcomeInternalError,
			msg:     "the hidden test fails go vet",
		},
		{
			// Clean with the solution's int, a finding with the
			// learner's float64: go test fails the learner's build.
			name:    "vet: a finding the learner's types make in the hidden test is the learner's",
			ex:      sum,
			code:    "package sum\n\nfunc Sum(nums []int) float64 { return 0.5 }\n",
			outcome: engine.OutcomeCompileError,
			msg:     "the hidden test: vet: ",
		},
		{
			name: "vet: an external test package is vetted too",
			ex: with(`package sum_test

import (
	"testing"

	"exercise"
)

func TestSmall(t *testing.T) {
	if got := sum.Sum([]int{1, 2, 3}); got != 6 {
		t.Fatalf("Sum = %s", got)
	}
}
`),
			code:    sum.Solution,
			outcome: engine.OutcomeInternalError,
			msg:     "hidden_test.go:11:19: vet: (*testing.common).Fatalf format %s has arg got of wrong type int",
		},
		{
			name:    "data files and the learner's file are in the run's directory",
			ex:      withFiles,
			code:    sum.Solution,
			outcome: engine.OutcomePass,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			v, err := r.Check(context.Background(), tt.ex, tt.code)
			if err != nil && tt.outcome != engine.OutcomeInternalError {
				t.Fatal(err)
			}
			got := map[string]string{}
			all := v.Message
			for _, tr := range v.Tests {
				got[tr.Name] = tr.Status
				all += "\n" + tr.Message
			}
			if v.Outcome != tt.outcome || !strings.Contains(all, tt.msg) || strings.Contains(all, "asynclings_main") || strings.Contains(all, "guard.go") {
				t.Errorf("verdict = %s %q, want %s mentioning %q\ntests: %+v", v.Outcome, v.Message, tt.outcome, tt.msg, v.Tests)
			}
			if tt.tests != nil && !mapsEqual(got, tt.tests) {
				t.Errorf("tests = %v, want %v", got, tt.tests)
			}
		})
	}
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}
