package runner_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/engine/runner"
)

// victimSum is a right Sum that takes about 0.75s of one processor: slow,
// but well within quickSum's 2s timeout when it runs alone.
const victimSum = `package sum

var sink int

// Sum returns the total of nums.
func Sum(nums []int) int {
	s := 0
	for i := 0; i < 400_000_000; i++ {
		s += i ^ (s >> 3)
	}
	sink = s
	total := 0
	for _, n := range nums {
		total += n
	}
	return total
}
`

// hogSum is another student's Sum that keeps as many threads computing as
// the sandbox lets it.
const hogSum = `package sum

import (
	"runtime"
	"time"
)

// Sum returns the total of nums.
func Sum(nums []int) int {
	runtime.GOMAXPROCS(200)
	for range 199 {
		go func() {
			for {
			}
		}()
	}
	time.Sleep(20 * time.Second)
	return 0
}
`

// quickSum is the sum exercise with a timeout of 2s, so that the tests
// below, which make runs time out, take less time.
func quickSum(t *testing.T) *engine.Exercise {
	ex := *sumExercise(t)
	ex.Timeout = 2 * time.Second
	return &ex
}

// TestBatchCPUHog: one student's run that computes on every thread it may
// have must not make another student's right code time out in the same
// batch, where a check alone (and go test) passes it. (Without
// runtime.GOMAXPROCS, two threads against one, the victim passes.)
func TestBatchCPUHog(t *testing.T) {
	r := newRunner(t)
	ex := quickSum(t)
	start := time.Now()
	alone, err := r.Check(context.Background(), ex, victimSum)
	if err != nil {
		t.Fatal(err)
	}
	if !alone.Passed() {
		t.Fatalf("the victim alone: %s %s", alone.Outcome, alone.Message)
	}
	t.Logf("the victim alone: %s in %s", alone.Outcome, time.Since(start))
	subs := []runner.Submission{
		{Exercise: ex, Code: hogSum, Owner: "mallory"},
		{Exercise: ex, Code: victimSum, Owner: "victim"},
	}
	for res := range r.Batch(context.Background(), subs, 0) {
		if res.Index != 1 {
			t.Logf("the hog: %s", res.Verdict.Outcome)
			continue
		}
		if res.Err != nil || res.Verdict.Outcome != engine.OutcomePass {
			t.Errorf("the victim beside the hog: %s (%s) %v, alone %s", res.Verdict.Outcome, res.Verdict.Message, res.Err, alone.Outcome)
		}
	}
}

// TestBatchBusyClass: a class of right submissions, each of which takes
// about 0.75s of one processor (well within quickSum's 2s when checked
// alone), must all pass in one batch, which runs four of them per core at
// once: each gets a quarter of a core, and would time out at 3s.
func TestBatchBusyClass(t *testing.T) {
	r := newRunner(t)
	ex := quickSum(t)
	code := victimSum
	start := time.Now()
	alone, err := r.Check(context.Background(), ex, code)
	if err != nil {
		t.Fatal(err)
	}
	if !alone.Passed() {
		t.Fatalf("alone: %s %s", alone.Outcome, alone.Message)
	}
	t.Logf("alone: %s in %s", alone.Outcome, time.Since(start))
	var subs []runner.Submission
	for i := range 8 {
		// Each student's own copy (a comment of their own).
		subs = append(subs, runner.Submission{Exercise: ex, Code: code + "// " + strconv.Itoa(i) + "\n", Owner: "student" + strconv.Itoa(i)})
	}
	failed := 0
	for res := range r.Batch(context.Background(), subs, 0) {
		if res.Err != nil || res.Verdict.Outcome != engine.OutcomePass {
			failed++
			t.Logf("student%d: %s (%s) %v", res.Index, res.Verdict.Outcome, res.Verdict.Message, res.Err)
		}
	}
	if failed > 0 {
		t.Errorf("%d of %d right submissions did not pass in the batch; each passes alone", failed, len(subs))
	}
}

// TestDataRewritten: an exercise whose hidden test checks the learner's
// function against its own reference on a data file. Wrong code that
// rewrites the data file first (to an empty one, on which it is right)
// must not pass. (go test passes it as well, having had the course's own
// file rewritten.)
func TestDataRewritten(t *testing.T) {
	r := newRunner(t)
	ex := &engine.Exercise{
		ID: "words", Title: "Words", Timeout: 5 * time.Second,
		Starter:  "package words\n\nfunc Count(s string) int { return 0 }\n",
		Solution: "package words\n\nimport \"strings\"\n\nfunc Count(s string) int { return len(strings.Fields(s)) }\n",
		Test: `package words

import (
	"os"
	"strings"
	"testing"
)

func TestFile(t *testing.T) {
	b, err := os.ReadFile("testdata/words.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if got, want := Count(line), len(strings.Fields(line)); got != want {
			t.Errorf("Count(%q) = %d, want %d", line, got, want)
		}
	}
}
`,
		Files: map[string]string{"testdata/words.txt": "one two three\nfour five\n"},
	}
	if v, err := r.Check(context.Background(), ex, ex.Solution); err != nil || !v.Passed() {
		t.Fatalf("the solution: %s %s %v", v.Outcome, v.Message, err)
	}
	if v, err := r.Check(context.Background(), ex, ex.Starter); err != nil || v.Passed() {
		t.Fatalf("the starter: %s %s %v", v.Outcome, v.Message, err)
	}
	// Ways to replace the file: each empties it, then counts 0.
	for _, replace := range []string{
		`os.WriteFile("testdata/words.txt", nil, 0o644)`,
		`os.Chmod("testdata/words.txt", 0o666); os.WriteFile("testdata/words.txt", nil, 0o644)`,
		`os.Remove("testdata/words.txt"); os.WriteFile("testdata/words.txt", nil, 0o644)`,
		`os.WriteFile("empty", nil, 0o644); os.Rename("empty", "testdata/words.txt")`,
		`os.Rename("testdata", "old"); os.Mkdir("testdata", 0o755); os.WriteFile("testdata/words.txt", nil, 0o644)`,
	} {
		wrong := "package words\n\nimport \"os\"\n\nfunc init() { " + replace + " }\n\nfunc Count(s string) int { return 0 }\n"
		v, err := r.Check(context.Background(), ex, wrong)
		if err != nil {
			t.Fatal(err)
		}
		if v.Passed() {
			t.Errorf("wrong code that empties the data file with %s: %s", replace, v.Outcome)
		}
	}
	// The program's own files, beside the data and among it, are its own.
	own := "package words\n\nimport (\"os\"; \"strings\")\n\nfunc init() {\n\tfor _, p := range []string{\"mine.txt\", \"testdata/mine.txt\"} {\n\t\tif os.WriteFile(p, []byte(\"x\"), 0o644) != nil || os.Remove(p) != nil {\n\t\t\tpanic(p)\n\t\t}\n\t}\n}\n\nfunc Count(s string) int { return len(strings.Fields(s)) }\n"
	if v, err := r.Check(context.Background(), ex, own); err != nil || !v.Passed() {
		t.Errorf("a solution that writes files of its own: %s %s %v", v.Outcome, v.Message, err)
	}
}
