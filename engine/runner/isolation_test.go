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
