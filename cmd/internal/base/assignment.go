package base

import (
	"context"
	"fmt"
	"os"

	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/engine/homework"
	"github.com/asynclings/asynclings/exercises"
)

// The assignment file is read the same way by the learner's commands
// (assignment, submit) and the instructor's (grade, feedback).

// LoadAssignment opens the course and the database and reads an assignment
// file against the course.
func (a *App) LoadAssignment(ctx context.Context, path string) (*homework.Versioned, error) {
	if err := a.Open(ctx); err != nil {
		return nil, err
	}
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, UsageErr("read assignment: %v", err)
	}
	asg, err := homework.ParseAssignment(path, src, a.Course)
	if err != nil {
		return nil, &ExitError{Code: 2, Err: fmt.Errorf("bad assignment:\n%w", err)}
	}
	hash, err := homework.CourseHashAt(a.CoursePath, exercises.Course())
	if err != nil {
		return nil, &ExitError{Code: 2, Err: err}
	}
	return homework.NewVersioned(asg, src, hash), nil
}

// CourseItem finds an assignment item in the course; the assignment was
// checked against the course, so it is there.
func (a *App) CourseItem(id string) engine.Item {
	it, _ := a.Course.Find(id)
	return it
}
