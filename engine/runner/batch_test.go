package runner_test

import (
	"context"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/engine/runner"
)

// TestBatchMatchesCheck checks a mixed batch, where some submissions share a
// test binary and others cannot, and expects each verdict to be the one a
// check on its own gives.
func TestBatchMatchesCheck(t *testing.T) {
	r := newRunner(t)
	ex := sumExercise(t)
	race := *ex
	race.ID, race.Race = "sum-race", true
	wrong := strings.Replace(ex.Solution, "total := 0", "total := 1", 1)
	subs := []struct {
		name string
		ex   *engine.Exercise
		code string
		want engine.Outcome
	}{
		{"solution", ex, ex.Solution, engine.OutcomePass},
		{"solution again", ex, strings.Replace(ex.Solution, "total := 0", "total := 2 - 2", 1), engine.OutcomePass},
		{"starter", ex, ex.Starter, engine.OutcomeFail},
		{"off by one", ex, wrong, engine.OutcomeFail},
		{"compile error", ex, "package sum\n\nfunc Sum(nums []int) int { return \"no\" }\n", engine.OutcomeCompileError},
		{"rule violation", ex, "package sum\n\nimport \"os/exec\"\n\nvar _ = exec.Command\n\nfunc Sum(nums []int) int { return 0 }\n", engine.OutcomeRuleViolation},
		// An init function keeps a submission out of a shared binary;
		// this one would end every run it shared.
		{"exit in init", ex, "package sum\n\nimport \"os\"\n\nfunc init() { os.Exit(0) }\n\nfunc Sum(nums []int) int { return 0 }\n", engine.OutcomeFail},
		// So does a variable set by a call.
		{"call in a variable", ex, "package sum\n\nimport \"os\"\n\nvar _ = os.Getpid()\n" + ex.Solution[len("package sum\n"):], engine.OutcomePass},
		{"panic", ex, "package sum\n\nfunc Sum(nums []int) int { var p *int; return *p }\n", engine.OutcomeRuntimeError},
		{"race solution", &race, ex.Solution, engine.OutcomePass},
		{"race starter", &race, ex.Starter, engine.OutcomeFail},
	}
	batch := make([]runner.Submission, len(subs))
	for i, s := range subs {
		batch[i] = runner.Submission{Exercise: s.ex, Code: s.code, Owner: "one learner"}
	}
	got := map[int]engine.Verdict{}
	for res := range r.Batch(context.Background(), batch, 0) {
		if _, dup := got[res.Index]; dup {
			t.Errorf("submission %d has two verdicts", res.Index)
		}
		if res.Err != nil {
			t.Errorf("%s: %v", subs[res.Index].name, res.Err)
		}
		got[res.Index] = res.Verdict
	}
	for i, s := range subs {
		v, ok := got[i]
		if !ok {
			t.Errorf("%s: no verdict", s.name)
			continue
		}
		if v.Outcome != s.want {
			t.Errorf("%s: batch outcome %s (%s), want %s", s.name, v.Outcome, v.Message, s.want)
		}
		alone, err := r.Check(context.Background(), s.ex, s.code)
		if err != nil {
			t.Fatal(err)
		}
		if alone.Outcome != v.Outcome || len(alone.Tests) != len(v.Tests) {
			t.Errorf("%s: batch says %s %+v, a check alone %s %+v", s.name, v.Outcome, v.Tests, alone.Outcome, alone.Tests)
		}
	}
}

// TestBatchOwners: submissions share a test binary only with others of the
// same owner, so no one's code is in, or readable from, another's run; a
// submission with no owner shares with none.
func TestBatchOwners(t *testing.T) {
	r := newRunner(t)
	ex := sumExercise(t)
	var mu sync.Mutex
	var linked [][]string
	runner.SetLinkedHook(func(owners []string) {
		mu.Lock()
		defer mu.Unlock()
		linked = append(linked, owners)
	})
	defer runner.SetLinkedHook(nil)
	var subs []runner.Submission
	for i, owner := range []string{"ada", "bob", "ada", "bob", "", "", "eve"} {
		code := strings.Replace(ex.Solution, "total := 0", "total := 0 // "+strings.Repeat("x", i), 1)
		subs = append(subs, runner.Submission{Exercise: ex, Code: code, Owner: owner})
	}
	for res := range r.Batch(context.Background(), subs, 0) {
		if res.Err != nil || !res.Verdict.Passed() {
			t.Errorf("submission %d: %s %s %v", res.Index, res.Verdict.Outcome, res.Verdict.Message, res.Err)
		}
	}
	var groups []string
	for _, owners := range linked {
		slices.Sort(owners)
		if len(slices.Compact(slices.Clone(owners))) != 1 {
			t.Errorf("one binary for the code of %q", owners)
		}
		groups = append(groups, strings.Join(owners, ","))
	}
	slices.Sort(groups)
	if want := []string{"ada,ada", "bob,bob"}; !slices.Equal(groups, want) {
		t.Errorf("shared binaries %q, want %q (eve alone, no owner alone)", groups, want)
	}
}

// TestBatchRuns: a submission asking for several runs gets a verdict for
// each, alone and in a shared binary, from one build.
func TestBatchRuns(t *testing.T) {
	r := newRunner(t)
	ex := sumExercise(t)
	subs := []runner.Submission{
		{Exercise: ex, Code: ex.Solution, Runs: 3},
		{Exercise: ex, Code: ex.Solution, Owner: "o", Runs: 2},
		{Exercise: ex, Code: ex.Solution, Owner: "o", Runs: 2},
		{Exercise: ex, Code: ex.Solution},
	}
	want := []int{3, 2, 2, 0}
	for res := range r.Batch(context.Background(), subs, 0) {
		if res.Err != nil || !res.Verdict.Passed() {
			t.Fatalf("submission %d: %s %v", res.Index, res.Verdict.Outcome, res.Err)
		}
		if len(res.Runs) != want[res.Index] {
			t.Errorf("submission %d: %d runs, want %d", res.Index, len(res.Runs), want[res.Index])
		}
		for i, v := range res.Runs {
			if !v.Passed() {
				t.Errorf("submission %d, run %d: %s", res.Index, i+1, v.Outcome)
			}
		}
	}
}
