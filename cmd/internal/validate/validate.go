// Package validate holds asynclings validate, the course author's command.
package validate

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/asynclings/asynclings/cmd/internal/base"
	"github.com/asynclings/asynclings/cmd/internal/ui"
	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/engine/homework"
	"github.com/asynclings/asynclings/engine/validate"
	"github.com/asynclings/asynclings/exercises"
)

var (
	validateOnly        []string
	validateRuns        int
	validateAssignments []string
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
	validateAssignments = nil
	fs.Func("assignment", "check this assignment file against the course too, and count its distinct draws (repeatable)", func(s string) error {
		validateAssignments = append(validateAssignments, s)
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
	Assignments []assignmentJSON `json:"assignments,omitempty"`
	DurationMS  int64            `json:"duration_ms"`
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
	var asgs []assignmentJSON
	if course != nil {
		asgs = checkAssignments(course, rep)
	} else {
		for _, file := range validateAssignments {
			rep.Skipped = append(rep.Skipped, validate.Skipped{Item: file, Reason: "the course does not load, so the assignment cannot be checked against it"})
		}
	}
	if a.JSON {
		if err := a.WriteJSON(validateJSON{Course: name, OK: rep.OK(), Report: rep, Assignments: asgs, DurationMS: rep.Duration.Milliseconds()}); err != nil {
			return err
		}
	} else {
		printValidation(a, name, rep)
		for _, asg := range asgs {
			fmt.Fprintf(a.Stdout, "%s: assignment %s holds: %s a student, %s, %s distinct draws.\n", asg.File, asg.ID, base.Plural(asg.Items, "item"), base.Plural(asg.Pools, "pool"), asg.Draws)
		}
	}
	if !rep.OK() {
		return base.Failed
	}
	return nil
}

// assignmentJSON is an assignment file that holds against the course.
type assignmentJSON struct {
	File  string `json:"file"`
	ID    string `json:"id"`
	Items int    `json:"items"` // each student's
	Pools int    `json:"pools"`
	Draws string `json:"draws"` // decimal: it can outgrow any integer
}

// checkAssignments reads the --assignment files against the course: their
// mistakes are the report's problems.
func checkAssignments(course *engine.Course, rep *validate.Report) []assignmentJSON {
	var out []assignmentJSON
	for _, file := range validateAssignments {
		src, err := os.ReadFile(file)
		if err != nil {
			rep.Problems = append(rep.Problems, validate.Problem{File: file, Message: err.Error()})
			continue
		}
		asg, err := homework.ParseAssignment(file, src, course)
		var errs engine.Errors
		switch {
		case errors.As(err, &errs):
			rep.Problems = append(rep.Problems, validate.LoadErrors(errs, validate.Options{}).Problems...)
			continue
		case err != nil:
			rep.Problems = append(rep.Problems, validate.Problem{File: file, Message: err.Error()})
			continue
		}
		out = append(out, assignmentJSON{File: file, ID: asg.ID, Items: len(asg.Draw("")), Pools: len(asg.Pools), Draws: asg.Draws().String()})
	}
	return out
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
