package exercises_test

// Every reference solution passing and every starter failing is checked by
// `asynclings validate`, which make test runs.

import (
	"testing"

	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/engine/quiz"
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
