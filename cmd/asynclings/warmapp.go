package main

import (
	"context"
	"errors"
	"io"

	"github.com/asynclings/asynclings/cmd/internal/base"
	"github.com/asynclings/asynclings/cmd/internal/learner"
	"github.com/asynclings/asynclings/cmd/internal/ui"
	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/engine/runner"
	"github.com/asynclings/asynclings/store"
)

// warm.go is written against the app as it was in package main; this is
// that view of a base.App, until warm.go moves beside the other commands.
type app struct {
	b                    *base.App
	stdout, stderr       io.Writer
	coursePath, userName string
	course               *engine.Course
	store                *store.Store
	runner               *runner.Runner
}

func appOf(b *base.App) *app {
	return &app{b: b, stdout: b.Stdout, stderr: b.Stderr, coursePath: b.CoursePath, userName: b.UserName, course: b.Course, store: b.Store}
}

func (a *app) getRunner() (*runner.Runner, error) {
	r, err := a.b.Runner()
	a.runner = r
	return r, err
}

type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }

func usageErr(format string, args ...any) error { return base.UsageErr(format, args...) }

func startSpinner(w io.Writer, label string) func() { return ui.StartSpinner(w, label) }

var statusOf = learner.StatusOf

// warm is the warm command's Run.
func warm(b *base.App, ctx context.Context, args []string) error {
	err := appOf(b).cmdWarm(ctx, args)
	if ee := (*exitError)(nil); errors.As(err, &ee) {
		return &base.ExitError{Code: ee.code, Err: ee.err}
	}
	return err
}

func interruptContext() (context.Context, func()) { return base.InterruptContext() }
