package runner_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/engine/runner"
)

// TestConcurrencyChecks: each of the runner's concurrency checks (issue 12)
// catches a submission that passes without it, and lets the right one pass.
func TestConcurrencyChecks(t *testing.T) {
	r := newRunner(t)
	type run struct {
		name    string
		ex      *engine.Exercise
		code    string
		outcome engine.Outcome
		msg     string // in the verdict's message or a failed test's
		advice  string // in the verdict's advice
	}
	exercise := func(test string, set func(*engine.Exercise)) *engine.Exercise {
		ex := &engine.Exercise{ID: "conc", Title: "Conc", Test: test, Timeout: 20 * time.Second}
		if set != nil {
			set(ex)
		}
		return ex
	}

	// leak_check: a goroutine left blocked after the test.
	leakTest := "package conc\n\nimport \"testing\"\n\nfunc TestStart(t *testing.T) {\n\tif got := Start(); got != 42 {\n\t\tt.Fatalf(\"Start = %d\", got)\n\t}\n}\n"
	leaky := "package conc\n\nfunc Start() int {\n\tdone := make(chan int)\n\tgo func() { done <- 42 }()\n\tv := <-done\n\tgo wait(make(chan int))\n\treturn v\n}\n\nfunc wait(c chan int) { <-c }\n"
	tidy := "package conc\n\nfunc Start() int {\n\tdone := make(chan int)\n\tgo func() { done <- 42 }()\n\treturn <-done\n}\n"
	noLeaks := exercise(leakTest, func(ex *engine.Exercise) { ex.LeakCheck = true })
	// The test's own goroutines are its author's: a feeder left blocked.
	ownFeeder := exercise(strings.Replace(leakTest, "func TestStart(t *testing.T) {\n", "func TestStart(t *testing.T) {\n\tgo func() { select {} }()\n", 1), func(ex *engine.Exercise) { ex.LeakCheck = true })

	// The HTTP client's idle connections are not the learner's leak; a
	// handler the learner's own server left running is.
	httpTest := "package conc\n\nimport (\n\t\"fmt\"\n\t\"net/http\"\n\t\"net/http/httptest\"\n\t\"testing\"\n)\n\nfunc TestFetch(t *testing.T) {\n\tsrv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, \"42\") }))\n\tdefer srv.Close()\n\tif got := Fetch(srv.URL); got != \"42\" {\n\t\tt.Fatalf(\"Fetch = %q\", got)\n\t}\n}\n"
	fetch := "package conc\n\nimport (\n\t\"io\"\n\t\"net/http\"\n)\n\nfunc Fetch(url string) string {\n\tresp, err := http.Get(url)\n\tif err != nil {\n\t\treturn err.Error()\n\t}\n\tdefer resp.Body.Close()\n\tb, _ := io.ReadAll(resp.Body)\n\treturn string(b)\n}\n"
	httpLeaks := exercise(httpTest, func(ex *engine.Exercise) { ex.LeakCheck = true })

	// The leak check's flag is the guard's: a TestMain's flag.Parse does
	// not see it.
	parsing := exercise(strings.Replace(leakTest, "import \"testing\"\n", "import (\n\t\"flag\"\n\t\"os\"\n\t\"testing\"\n)\n\nfunc TestMain(m *testing.M) {\n\tflag.Parse()\n\tos.Exit(m.Run())\n}\n", 1), func(ex *engine.Exercise) { ex.LeakCheck = true })

	// Another parallel test's goroutines, still running while this one's
	// are checked, are not this test's leak.
	parallelTest := "package conc\n\nimport \"testing\"\n\nfunc TestStart(t *testing.T) {\n\tt.Parallel()\n\tif got := Start(); got != 42 {\n\t\tt.Fatalf(\"Start = %d\", got)\n\t}\n}\n\nfunc TestSlow(t *testing.T) {\n\tt.Parallel()\n\tif got := Slow(); got != 1 {\n\t\tt.Fatalf(\"Slow = %d\", got)\n\t}\n}\n"
	slow := tidy + "\nfunc Slow() int {\n\tc := make(chan int)\n\tgo func() {\n\t\ttime.Sleep(1500 * time.Millisecond)\n\t\tc <- 1\n\t}()\n\treturn <-c\n}\n"
	slow = strings.Replace(slow, "package conc\n", "package conc\n\nimport \"time\"\n", 1)
	parallelLeaks := exercise(parallelTest, func(ex *engine.Exercise) { ex.LeakCheck = true })

	// cpu: a pool of GOMAXPROCS-1 workers has none at one processor.
	poolTest := "package conc\n\nimport \"testing\"\n\nfunc TestSquares(t *testing.T) {\n\tgot := Squares([]int{1, 2, 3})\n\tif len(got) != 3 || got[0]+got[1]+got[2] != 14 {\n\t\tt.Fatalf(\"Squares = %v\", got)\n\t}\n}\n"
	minusOne := "package conc\n\nimport (\n\t\"runtime\"\n\t\"sync\"\n)\n\nfunc Squares(xs []int) []int {\n\tout := make([]int, len(xs))\n\tjobs := make(chan int)\n\tvar wg sync.WaitGroup\n\tfor range runtime.GOMAXPROCS(0) - 1 {\n\t\twg.Add(1)\n\t\tgo func() {\n\t\t\tdefer wg.Done()\n\t\t\tfor i := range jobs {\n\t\t\t\tout[i] = xs[i] * xs[i]\n\t\t\t}\n\t\t}()\n\t}\n\tfor i := range xs {\n\t\tselect {\n\t\tcase jobs <- i:\n\t\tdefault:\n\t\t\tif runtime.GOMAXPROCS(0) == 1 {\n\t\t\t\tclose(jobs)\n\t\t\t\treturn out // nobody to send to\n\t\t\t}\n\t\t\tjobs <- i\n\t\t}\n\t}\n\tclose(jobs)\n\twg.Wait()\n\treturn out\n}\n"
	atEachCPU := exercise(poolTest, func(ex *engine.Exercise) { ex.CPU = []int{1, 2, 4} })

	// stress: state kept between calls passes once, fails the second time.
	countTest := "package conc\n\nimport \"testing\"\n\nfunc TestFresh(t *testing.T) {\n\tc := NewCounter()\n\tc.Add()\n\tif got := c.Get(); got != 1 {\n\t\tt.Fatalf(\"Get = %d, want 1\", got)\n\t}\n}\n"
	global := "package conc\n\nimport \"sync/atomic\"\n\nvar total atomic.Int64\n\ntype Counter struct{}\n\nfunc NewCounter() *Counter { return &Counter{} }\n\nfunc (c *Counter) Add() { total.Add(1) }\n\nfunc (c *Counter) Get() int64 { return total.Load() }\n"
	stressed := exercise(countTest, func(ex *engine.Exercise) { ex.Stress = 3 })

	// vet: a copied mutex passes a single-goroutine test.
	lockTest := "package conc\n\nimport \"testing\"\n\nfunc TestBox(t *testing.T) {\n\tb := &Box{}\n\tb.Set(3)\n\tif b.Get() != 3 {\n\t\tt.Fatal(\"Get\")\n\t}\n}\n"
	copied := "package conc\n\nimport \"sync\"\n\ntype Box struct {\n\tmu sync.Mutex\n\tv  int\n}\n\nfunc (b *Box) Set(v int) { b.mu.Lock(); b.v = v; b.mu.Unlock() }\n\nfunc (b Box) Get() int { b.mu.Lock(); defer b.mu.Unlock(); return b.v }\n"
	vetted := exercise(lockTest, func(ex *engine.Exercise) { ex.Vet = []string{"copylocks"} })

	// synctest: exact time, in an instant. Backoff doubles: 1s, 2s, 4s.
	backoffTest := "package conc\n\nimport (\n\t\"testing\"\n\t\"testing/synctest\"\n\t\"time\"\n)\n\nfunc TestBackoff(t *testing.T) {\n\tsynctest.Test(t, func(t *testing.T) {\n\t\tstart := time.Now()\n\t\ttries := 0\n\t\tRetry(4, func() bool { tries++; return tries == 4 })\n\t\tif got := time.Since(start); got != 7*time.Second {\n\t\t\tt.Fatalf(\"Retry waited %v in all, want 7s (1s, 2s, 4s)\", got)\n\t\t}\n\t})\n}\n"
	doubling := "package conc\n\nimport \"time\"\n\nfunc Retry(n int, f func() bool) {\n\td := time.Second\n\tfor i := 0; i < n && !f(); i++ {\n\t\ttime.Sleep(d)\n\t\td *= 2\n\t}\n}\n"
	flat := "package conc\n\nimport \"time\"\n\nfunc Retry(n int, f func() bool) {\n\tfor i := 0; i < n && !f(); i++ {\n\t\ttime.Sleep(2 * time.Second)\n\t}\n}\n"
	timed := exercise(backoffTest, nil)

	runs := []run{
		{name: "leak unchecked", ex: exercise(leakTest, nil), code: leaky, outcome: engine.OutcomePass},
		{name: "leak checked", ex: noLeaks, code: leaky, outcome: engine.OutcomeFail, msg: "still running after it ended"},
		{name: "no leak checked", ex: noLeaks, code: tidy, outcome: engine.OutcomePass},
		{name: "test's own goroutine", ex: ownFeeder, code: tidy, outcome: engine.OutcomePass},
		{name: "test's own goroutine, leaky code", ex: ownFeeder, code: leaky, outcome: engine.OutcomeFail, msg: "wait at conc.go:11, started by Start"},
		{name: "another parallel test's goroutines", ex: parallelLeaks, code: slow, outcome: engine.OutcomePass},
		{name: "TestMain parses the flags, leaks checked", ex: parsing, code: tidy, outcome: engine.OutcomePass},
		{name: "HTTP client's idle connections", ex: httpLeaks, code: fetch, outcome: engine.OutcomePass},
		{name: "pool at default cpu", ex: exercise(poolTest, nil), code: minusOne, outcome: engine.OutcomePass},
		{name: "pool at each cpu", ex: atEachCPU, code: minusOne, outcome: engine.OutcomeFail, msg: "Squares = [0 0 0]"},
		{name: "counter once", ex: exercise(countTest, nil), code: global, outcome: engine.OutcomePass},
		{name: "counter stressed", ex: stressed, code: global, outcome: engine.OutcomeFail, msg: "Get = 2, want 1"},
		{name: "copied lock advised", ex: exercise(lockTest, nil), code: copied, outcome: engine.OutcomePass, advice: "vet copylocks: "},
		{name: "copied lock failed", ex: vetted, code: copied, outcome: engine.OutcomeCompileError, msg: "conc.go:12"},
		{name: "backoff doubling", ex: timed, code: doubling, outcome: engine.OutcomePass},
		{name: "backoff flat", ex: timed, code: flat, outcome: engine.OutcomeFail, msg: "Retry waited 6s in all, want 7s"},
	}
	subs := make([]runner.Submission, len(runs))
	for i, c := range runs {
		subs[i] = runner.Submission{Exercise: c.ex, Code: c.code}
	}
	for res := range r.Batch(context.Background(), subs, 0) {
		c := runs[res.Index]
		v := res.Verdict
		text := v.Message
		for _, tr := range v.Tests {
			text += "\n" + tr.Message
		}
		advice := strings.Join(v.Advice, "\n")
		if v.Outcome != c.outcome || !strings.Contains(text, c.msg) || !strings.Contains(advice, c.advice) || c.advice == "" && advice != "" {
			t.Errorf("%s: %s %q, advice %q (err %v); want %s with %q, advice %q", c.name, v.Outcome, text, advice, res.Err, c.outcome, c.msg, c.advice)
		}
	}
}
