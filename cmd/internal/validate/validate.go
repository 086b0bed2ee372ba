// Package validate holds asynclings validate, the course author's command.
package validate

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"
	"time"

	"github.com/asynclings/asynclings/cmd/internal/base"
	"github.com/asynclings/asynclings/cmd/internal/ui"
	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/engine/validate"
	"github.com/asynclings/asynclings/exercises"
)

var (
	validateOnly []string
	validateRuns int
)

func Flags(fs *flag.FlagSet) {
	validateOnly = nil
	fs.Func("only", "validate only these items or chapters (IDs, comma-separated; repeatable)", func(s string) error {
		for _, id := range strings.Split(s, ",") {
			if id = strings.TrimSpace(id); id != "" {
				validateOnly = append(validateOnly, id)
			}
		}
		return nil
	})
	fs.IntVar(&validateRuns, "runs", 1, "run solutions and wrong solutions this many times, with the machine loaded, and report any verdict that changed")
}

// validateJSON is validate --json's output: the report, with the course and
// whether it holds.
type validateJSON struct {
	Course string `json:"course"`
	OK     bool   `json:"ok"`
	*validate.Report
	DurationMS int64 `json:"duration_ms"`
}

// Run checks a course the way its learners will meet it (see
// engine/validate) and prints the report. The course lint's warnings follow
// the problems; they do not change the exit status.
func Run(a *base.App, ctx context.Context, args []string) error {
	if len(args) > 1 {
		return base.UsageErr("validate takes at most one course path")
	}
	if validateRuns < 1 {
		return base.UsageErr("validate --runs must be at least 1")
	}
	opts := validate.Options{Only: validateOnly, Runs: validateRuns}
	name := "(built-in course)"
	var course *engine.Course
	var err error
	switch {
	case len(args) == 1:
		name = args[0]
		course, err = engine.Load(args[0])
	case a.CoursePath != "":
		name = a.CoursePath
		course, err = engine.Load(a.CoursePath)
	default:
		course, err = engine.LoadFS(exercises.Course(), "exercises/course")
	}
	var rep *validate.Report
	var loadErrs engine.Errors
	switch {
	case errors.As(err, &loadErrs):
		rep = validate.LoadErrors(loadErrs, opts)
	case err != nil:
		return &base.ExitError{Code: 2, Err: err}
	default:
		r, err := a.Runner()
		if err != nil {
			return &base.ExitError{Code: 2, Err: err}
		}
		stop := func() {}
		if !a.JSON {
			stop = ui.StartSpinner(a.Stderr, "Validating "+course.Title)
			opts.Progress = func(_, of int) {
				fmt.Fprintf(a.Stderr, "\rRunning each solution and wrong solution %d times, the machine loaded...\n", of)
			}
		}
		rep, err = validate.Course(ctx, course, r, opts)
		stop()
		var only *validate.OnlyError
		switch {
		case errors.As(err, &only):
			return base.UsageErr("validate --only: %v", err)
		case err != nil:
			return &base.ExitError{Code: 2, Err: err}
		}
	}
	if a.JSON {
		if err := a.WriteJSON(validateJSON{Course: name, OK: rep.OK(), Report: rep, DurationMS: rep.Duration.Milliseconds()}); err != nil {
			return err
		}
	} else {
		printValidation(a, name, rep)
	}
	if !rep.OK() {
		return base.Failed
	}
	return nil
}

func printValidation(a *base.App, name string, rep *validate.Report) {
	w := a.Stdout
	for _, p := range rep.Problems {
		fmt.Fprintln(w, p)
	}
	for _, s := range rep.Skipped {
		fmt.Fprintf(w, "skipped %s: %s\n", s.Item, s.Reason)
	}
	for _, wr := range rep.Wrong {
		fmt.Fprintf(w, "wrong %s/%s: caught by %s\n", wr.Exercise, wr.Name, wr.CaughtBy)
	}
	for _, lw := range rep.Warnings {
		fmt.Fprintln(w, lw)
	}
	warnings := fmt.Sprintf("%d warning", len(rep.Warnings))
	if len(rep.Warnings) != 1 {
		warnings += "s"
	}
	if !rep.OK() {
		fmt.Fprintf(w, "%s: %d problem(s), %s.\n", name, len(rep.Problems), warnings)
		return
	}
	runs := ""
	if rep.Runs > 1 {
		runs = fmt.Sprintf(", no verdict changed in %d runs", rep.Runs)
	}
	fmt.Fprintf(w, "%s: everything holds: %d exercises (solutions pass, starters fail, %d wrong solutions fail%s), %d questions, %d programs run, %s, in %s.\n",
		name, rep.Exercises, len(rep.Wrong), runs, rep.Questions, rep.Programs, warnings, rep.Duration.Round(100*time.Millisecond))
}
