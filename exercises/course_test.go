package exercises_test

import (
	"context"
	"testing"

	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/engine/quiz"
	"github.com/asynclings/asynclings/engine/runner"
	"github.com/asynclings/asynclings/exercises"
)

func load(t *testing.T) *engine.Course {
	t.Helper()
	c, err := engine.LoadFS(exercises.Course(), "course")
	if err != nil {
		t.Fatalf("the built-in course does not load:\n%v", err)
	}
	return c
}

// TestSolutionsPassStartersFail runs every exercise's reference solution and
// starter through the runner, as one batch.
func TestSolutionsPassStartersFail(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs Go code")
	}
	cache, err := runner.DefaultCacheDir()
	if err != nil {
		t.Skip(err)
	}
	r, err := runner.New(cache)
	if err != nil {
		t.Skip(err)
	}
	var subs []runner.Submission
	for _, ch := range load(t).Chapters {
		for _, ex := range ch.Exercises {
			subs = append(subs, runner.Submission{Exercise: ex, Code: ex.Solution}, runner.Submission{Exercise: ex, Code: ex.Starter})
		}
	}
	if len(subs) == 0 {
		t.Fatal("the course has no exercises")
	}
	for res := range r.Batch(context.Background(), subs, 0) {
		s := subs[res.Index]
		solution := res.Index%2 == 0
		switch {
		case res.Err != nil:
			t.Errorf("%s: %v", s.Exercise.ID, res.Err)
		case solution && !res.Verdict.Passed():
			t.Errorf("%s: the reference solution does not pass: %s %s %+v", s.Exercise.ID, res.Verdict.Outcome, res.Verdict.Message, res.Verdict.Tests)
		case !solution && res.Verdict.Passed():
			t.Errorf("%s: the starter passes", s.Exercise.ID)
		case !solution && res.Verdict.Outcome != engine.OutcomeFail:
			t.Errorf("%s: the starter should compile and fail its tests, not %s: %s", s.Exercise.ID, res.Verdict.Outcome, res.Verdict.Message)
		}
	}
}

// TestQuestionsAnswerable grades every question's own answer as right.
func TestQuestionsAnswerable(t *testing.T) {
	for _, ch := range load(t).Chapters {
		for _, q := range ch.Questions {
			if !quiz.Grade(q, quiz.Correct(q)) {
				t.Errorf("%s: its own answer is graded wrong", q.ID)
			}
			if q.Context == "" {
				t.Errorf("%s: no context explains the answer", q.ID)
			}
		}
	}
}
