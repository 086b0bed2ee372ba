package runner_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/engine/runner"
)

// sumExercise loads testdata/sum.toml: Sum with TestSmall and TestEmpty, a
// 5s timeout.
func sumExercise(t *testing.T) *engine.Exercise {
	t.Helper()
	c, err := engine.Load(filepath.Join("testdata", "sum.toml"))
	if err != nil {
		t.Fatal(err)
	}
	it, ok := c.Find("sum")
	if !ok {
		t.Fatal("testdata/sum.toml has no exercise sum")
	}
	ex := it.(*engine.Exercise)
	if ex.Timeout != 5*time.Second {
		t.Fatalf("sum's timeout is %s, the tests expect 5s", ex.Timeout)
	}
	return ex
}

func newRunner(t *testing.T) *runner.Runner {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs Go code; skipped with -short")
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	r, err := runner.New(runner.TestCacheDir())
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestCheck(t *testing.T) {
	r := newRunner(t)
	ex := sumExercise(t)

	// Every check works in a temporary directory of its own; all of them
	// must be gone afterwards.
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)

	tests := []struct {
		name    string
		code    string
		outcome engine.Outcome
		tests   map[string]string // test name -> status; nil: not checked
		msg     []string          // parts of the message
	}{
		{
			name:    "starter fails",
			code:    ex.Starter,
			outcome: engine.OutcomeFail,
			tests:   map[string]string{"TestSmall": "fail", "TestEmpty": "pass"},
		},
		{
			name:    "solution passes",
			code:    ex.Solution,
			outcome: engine.OutcomePass,
			tests:   map[string]string{"TestSmall": "pass", "TestEmpty": "pass"},
		},
		{
			name: "compile error",
			code: `package sum

func Sum(nums []int) int {
	return "zero"
}
`,
			outcome: engine.OutcomeCompileError,
			msg:     []string{"sum.go:4:", `"zero"`},
		},
		{
			name: "compile error in the hidden test's view",
			code: `package sum

func Add(nums []int) int { return 0 }
`,
			outcome: engine.OutcomeCompileError,
			msg:     []string{"hidden test", "Sum"},
		},
		{
			name:    "syntax error",
			code:    "package sum\n\nfunc Sum(nums []int) int {\n",
			outcome: engine.OutcomeCompileError,
			msg:     []string{"sum.go:3:"},
		},
		{
			name: "endless loop",
			code: `package sum

func Sum(nums []int) int {
	total := 0
	for i := 0; i < len(nums); {
		total += nums[i]
	}
	return total
}
`,
			outcome: engine.OutcomeTimeout,
			msg:     []string{"did not finish within 5s", "stuck at sum.go:"},
		},
		{
			name: "nil dereference",
			code: `package sum

func Sum(nums []int) int {
	var p *int
	return *p + len(nums)
}
`,
			outcome: engine.OutcomeRuntimeError,
			msg:     []string{"nil pointer dereference", "sum.go:5"},
		},
		{
			name: "panic in a goroutine",
			code: `package sum

func Sum(nums []int) int {
	done := make(chan int)
	go func() {
		var m map[string]int
		m["x"] = 1
		done <- 0
	}()
	return <-done
}
`,
			outcome: engine.OutcomeRuntimeError,
			msg:     []string{"assignment to entry in nil map", "sum.go:7"},
		},
		{
			name: "cgo",
			code: `package sum

import "C"

func Sum(nums []int) int { return 0 }
`,
			outcome: engine.OutcomeRuleViolation,
			msg:     []string{"sum.go:3", `import "C"`},
		},
		{
			name: "exit in init",
			code: `package sum

import "os"

func init() { os.Exit(0) }

func Sum(nums []int) int { return 0 }
`,
			outcome: engine.OutcomeFail,
			tests:   map[string]string{"TestSmall": "fail", "TestEmpty": "fail"},
		},
		{
			name: "exit in init after a line of output",
			code: `package sum

import (
	"fmt"
	"os"
)

func init() {
	fmt.Println("hello")
	os.Exit(0)
}

func Sum(nums []int) int { return 0 }
`,
			outcome: engine.OutcomeFail,
			tests:   map[string]string{"TestSmall": "fail", "TestEmpty": "fail"},
		},
		{
			name: "exit during a test",
			code: `package sum

import "os"

func Sum(nums []int) int {
	if nums == nil {
		os.Exit(0)
	}
	total := 0
	for _, n := range nums {
		total += n
	}
	return total
}
`,
			// The testing package turns the exit into a panic.
			outcome: engine.OutcomeRuntimeError,
			tests:   map[string]string{"TestSmall": "pass", "TestEmpty": "fail"},
			msg:     []string{"os.Exit(0)", "sum.go:7"},
		},
		{
			name: "fake test output",
			code: `package sum

import (
	"fmt"
	"os"
)

func init() {
	fmt.Println("=== RUN   TestSmall")
	fmt.Println("--- PASS: TestSmall (0.00s)")
	fmt.Println("=== RUN   TestEmpty")
	fmt.Println("--- PASS: TestEmpty (0.00s)")
	fmt.Println("PASS")
	fmt.Println("ok  \texercise\t0.002s")
	fmt.Println(` + "`" + `{"Action":"pass","Package":"exercise","Test":"TestSmall"}` + "`" + `)
	fmt.Println(` + "`" + `{"Action":"pass","Package":"exercise","Test":"TestEmpty"}` + "`" + `)
	fmt.Println(` + "`" + `{"Action":"pass","Package":"exercise"}` + "`" + `)
	os.Stdout.Sync()
	os.Exit(0)
}

func Sum(nums []int) int { return 0 }
`,
			// The go command believes the fake lines; the runner does not.
			outcome: engine.OutcomeFail,
			msg:     []string{"os.Exit"},
		},
		{
			name: "fake output, then the real tests",
			code: `package sum

import "fmt"

func init() {
	fmt.Println("=== RUN   TestSmall")
	fmt.Println("--- PASS: TestSmall (0.00s)")
	fmt.Println("PASS")
}

func Sum(nums []int) int { return 0 }
`,
			outcome: engine.OutcomeFail,
			tests:   map[string]string{"TestSmall": "fail", "TestEmpty": "pass"},
		},
		{
			name: "fake output on stderr after failing",
			code: `package sum

import (
	"fmt"
	"os"
)

func Sum(nums []int) int {
	fmt.Fprintln(os.Stderr, "--- PASS: TestSmall (0.00s)")
	fmt.Fprintln(os.Stdout, ` + "`" + `{"Action":"pass","Test":"TestSmall"}` + "`" + `)
	return 0
}
`,
			outcome: engine.OutcomeFail,
			tests:   map[string]string{"TestSmall": "fail", "TestEmpty": "pass"},
		},
		{
			name: "passing code that prints alarming words",
			code: `package sum

import "fmt"

func Sum(nums []int) int {
	fmt.Println("panic: not really")
	fmt.Println("WARNING: DATA RACE (just kidding)")
	total := 0
	for _, n := range nums {
		total += n
	}
	return total
}
`,
			outcome: engine.OutcomePass,
			tests:   map[string]string{"TestSmall": "pass", "TestEmpty": "pass"},
		},
	}

	t.Run("group", func(t *testing.T) {
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				t.Parallel()
				v, err := r.Check(context.Background(), ex, tt.code)
				if err != nil {
					t.Fatalf("Check: %v (verdict %+v)", err, v)
				}
				if v.Outcome != tt.outcome {
					t.Errorf("outcome = %s, want %s\nmessage: %s\ntests: %+v", v.Outcome, tt.outcome, v.Message, v.Tests)
				}
				if v.Passed() != (tt.outcome == engine.OutcomePass) {
					t.Errorf("Passed() = %v", v.Passed())
				}
				if v.Tests == nil {
					t.Errorf("Tests is nil, want a slice")
				}
				if tt.tests != nil {
					got := map[string]string{}
					for _, tr := range v.Tests {
						got[tr.Name] = tr.Status
						if tr.Status == "fail" && tr.Message == "" {
							t.Errorf("%s failed without a message", tr.Name)
						}
					}
					for name, status := range tt.tests {
						if got[name] != status {
							t.Errorf("%s = %q, want %q (tests: %+v)", name, got[name], status, v.Tests)
						}
					}
				}
				for _, m := range tt.msg {
					if !strings.Contains(v.Message, m) {
						t.Errorf("message does not mention %q:\n%s", m, v.Message)
					}
				}
				if strings.Contains(v.Message, "asynclings-check-") {
					t.Errorf("message leaks the temporary directory:\n%s", v.Message)
				}
				if v.Duration <= 0 {
					t.Errorf("Duration = %s", v.Duration)
				}
			})
		}
	})

	left, err := os.ReadDir(tmp)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range left {
		t.Errorf("left behind in TMPDIR: %s", e.Name())
	}
}

func TestCheckStarterMessage(t *testing.T) {
	r := newRunner(t)
	ex := sumExercise(t)
	v, err := r.Check(context.Background(), ex, ex.Starter)
	if err != nil {
		t.Fatal(err)
	}
	for _, tr := range v.Tests {
		if tr.Name != "TestSmall" {
			continue
		}
		// The test's own words, without the framework's lines or the
		// hidden test's file name.
		if !strings.Contains(tr.Message, "Sum([1 2 3]) = 0, want 6") || strings.Contains(tr.Message, "--- FAIL") ||
			strings.Contains(tr.Message, "asynclings_hidden_test.go") {
			t.Errorf("TestSmall message = %q", tr.Message)
		}
	}
}

func TestCheckCancelled(t *testing.T) {
	r := newRunner(t)
	ex := sumExercise(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	v, err := r.Check(ctx, ex, ex.Solution)
	if err == nil || v.Outcome != engine.OutcomeInternalError {
		t.Errorf("cancelled check = %+v, %v; want an internal error", v, err)
	}
}

func TestCheckBadHiddenTest(t *testing.T) {
	// The runner itself is not needed: the hidden test is read first.
	r := newRunner(t)
	for name, test := range map[string]string{
		"no Test functions": "package sum\n\nimport \"testing\"\n\nfunc helper(t *testing.T) {}\n\nfunc TestMain(m *testing.M) {}\n\nfunc Testlower(t *testing.T) {}\n",
		"syntax error":      "package sum\n\nfunc TestX(t *testing.T) {\n",
	} {
		t.Run(name, func(t *testing.T) {
			ex := &engine.Exercise{ID: "sum", Test: test}
			v, err := r.Check(context.Background(), ex, "package sum\n")
			if err == nil || v.Outcome != engine.OutcomeInternalError || !strings.Contains(v.Message, "hidden test") {
				t.Errorf("Check = %+v, %v; want an internal error about the hidden test", v, err)
			}
		})
	}
}

func TestTestNames(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
		wantErr   string
	}{
		{"sum", "", []string{"TestSmall", "TestEmpty"}, ""},
		{"kinds of names", `package x
import "testing"
func Test(t *testing.T) {}
func TestÜber(t *testing.T) {}
func Test_under(t *testing.T) {}
func Test2(t *testing.T) {}
func Testlower(t *testing.T) {}
func TestMain(m *testing.M) {}
func (s suite) TestMethod(t *testing.T) {}
func BenchmarkX(b *testing.B) {}
func ExampleX() {}
func FuzzX(f *testing.F) {}
type suite struct{}
`, []string{"Test", "TestÜber", "Test_under", "Test2"}, ""},
		{"no tests", "package x\n\nfunc helper() {}\n", nil, "no Test functions"},
		{"not Go", "this is not Go", nil, "expected 'package'"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := tt.src
			if tt.name == "sum" {
				src = sumExercise(t).Test
			}
			got, err := runner.TestNames(src)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Errorf("TestNames = %q, %v; want error %q", got, err, tt.wantErr)
				}
				return
			}
			if err != nil || strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Errorf("TestNames = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

func TestDefaultCacheDir(t *testing.T) {
	t.Setenv("ASYNCLINGS_CACHE", "/some/where")
	if d, err := runner.DefaultCacheDir(); err != nil || d != "/some/where" {
		t.Errorf("DefaultCacheDir = %q, %v", d, err)
	}
	t.Setenv("ASYNCLINGS_CACHE", "")
	t.Setenv("XDG_CACHE_HOME", "/xdg")
	t.Setenv("HOME", "/home/someone")
	if d, err := runner.DefaultCacheDir(); err != nil || !strings.HasSuffix(d, "asynclings") {
		t.Errorf("DefaultCacheDir = %q, %v", d, err)
	}
}

func TestCheckVariants(t *testing.T) {
	r := newRunner(t)
	sum := sumExercise(t)
	with := func(change func(ex *engine.Exercise)) *engine.Exercise {
		ex := *sum
		change(&ex)
		return &ex
	}
	racy := `package sum

import "sync"

func Sum(nums []int) int {
	total := 0
	var wg sync.WaitGroup
	for _, n := range nums {
		wg.Add(1)
		go func() {
			defer wg.Done()
			total += n
		}()
	}
	wg.Wait()
	return total
}
`
	tests := []struct {
		name    string
		ex      *engine.Exercise
		code    string
		outcome engine.Outcome
		msg     string
	}{
		{
			name: "hidden test with its own TestMain, solution",
			ex: with(func(ex *engine.Exercise) {
				ex.Test = strings.Replace(ex.Test, `import "testing"`, "import (\n\t\"os\"\n\t\"testing\"\n)\n\nfunc TestMain(m *testing.M) { os.Exit(m.Run()) }", 1)
			}),
			code:    sum.Solution,
			outcome: engine.OutcomePass,
		},
		{
			// go test passes it: flag.Parse sees the command line the
			// flags were parsed from, and changes nothing.
			name: "hidden test whose TestMain parses the flags, solution",
			ex: with(func(ex *engine.Exercise) {
				ex.Test = strings.Replace(ex.Test, `import "testing"`, "import (\n\t\"flag\"\n\t\"os\"\n\t\"testing\"\n)\n\nvar verbose = flag.Bool(\"verbose\", false, \"\")\n\nfunc TestMain(m *testing.M) { flag.Parse(); os.Exit(m.Run()) }", 1)
			}),
			code:    sum.Solution,
			outcome: engine.OutcomePass,
		},
		{
			// The go command links test binaries with
			// testing.testBinary set.
			name: "testing.Testing in a test binary",
			ex: with(func(ex *engine.Exercise) {
				ex.Test += "\nfunc TestTesting(t *testing.T) {\n\tif !testing.Testing() {\n\t\tt.Fatal(\"testing.Testing() = false\")\n\t}\n}\n"
			}),
			code:    sum.Solution,
			outcome: engine.OutcomePass,
		},
		{
			name: "hidden test with its own TestMain, starter",
			ex: with(func(ex *engine.Exercise) {
				ex.Test = strings.Replace(ex.Test, `import "testing"`, "import (\n\t\"os\"\n\t\"testing\"\n)\n\nfunc TestMain(m *testing.M) { os.Exit(m.Run()) }", 1)
			}),
			code:    sum.Starter,
			outcome: engine.OutcomeFail,
		},
		{
			name: "external test package",
			ex: with(func(ex *engine.Exercise) {
				ex.Test = strings.NewReplacer("package sum\n", "package sum_test\n\nimport . \"exercise\"\n").Replace(ex.Test)
			}),
			code:    sum.Solution,
			outcome: engine.OutcomePass,
		},
		{
			name:    "default timeout",
			ex:      with(func(ex *engine.Exercise) { ex.Timeout = 0 }),
			code:    sum.Solution,
			outcome: engine.OutcomePass,
		},
		{
			name:    "data race",
			ex:      with(func(ex *engine.Exercise) { ex.Race = true }),
			code:    racy,
			outcome: engine.OutcomeFail,
			msg:     "data race",
		},
		{
			name:    "race detector, solution",
			ex:      with(func(ex *engine.Exercise) { ex.Race = true }),
			code:    sum.Solution,
			outcome: engine.OutcomePass,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if tt.ex.Race {
				if _, err := exec.LookPath("gcc"); err != nil {
					t.Skip("the race detector needs a C compiler")
				}
			}
			v, err := r.Check(context.Background(), tt.ex, tt.code)
			if err != nil {
				t.Fatal(err)
			}
			if v.Outcome != tt.outcome || !strings.Contains(v.Message, tt.msg) {
				t.Errorf("verdict = %s %q, want %s mentioning %q\ntests: %+v", v.Outcome, v.Message, tt.outcome, tt.msg, v.Tests)
			}
		})
	}
}
