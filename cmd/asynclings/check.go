package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/engine/learn"
)

var checkFile string

func checkFlags(fs *flag.FlagSet, a *app) {
	fs.StringVar(&checkFile, "file", "", "check this file instead of the workspace file")
}

func (a *app) cmdCheck(ctx context.Context, args []string) error {
	if len(args) != 1 {
		return usageErr("check needs one exercise ID")
	}
	it, err := a.openItem(ctx, args[0])
	if err != nil {
		return err
	}
	ex, ok := it.(*engine.Exercise)
	if !ok {
		return usageErr("%s is a question: use asynclings answer %s", it.ItemID(), it.ItemID())
	}
	file := checkFile
	if file == "" {
		if file, err = a.exerciseFile(ex); err != nil {
			return err
		}
	}
	sub, err := a.readSubmission(ex, file)
	if err != nil {
		return usageErr("read %s: %v", file, err)
	}
	v, err := a.checkCode(ctx, ex, sub, !a.json, true)
	if err != nil {
		return err
	}
	if a.json {
		err = a.writeJSON(learn.VerdictJSON(ex.ID, v))
	} else {
		a.printVerdict(v)
	}
	if err != nil {
		return err
	}
	if !v.Passed() {
		return failed
	}
	// Earned: the reference solution goes beside the learner's file. The
	// check passed whether or not that can be written.
	path, err := a.writeSolution(ex)
	switch {
	case err != nil:
		fmt.Fprintln(a.stderr, "asynclings: could not write the reference solution:", err)
	case !a.json:
		fmt.Fprintf(a.stdout, "The reference solution, to compare with yours: %s\n", path)
	}
	return nil
}

// checkCode runs the check, with a spinner when asked, and records the
// attempt when asked. A check that broke down in the runner is not the learner's
// attempt and is not recorded.
func (a *app) checkCode(ctx context.Context, ex *engine.Exercise, sub learn.Submission, spin, record bool) (engine.Verdict, error) {
	r, err := a.getRunner()
	if err != nil {
		return engine.Verdict{}, &exitError{code: 2, err: err}
	}
	var stop func()
	if spin {
		stop = startSpinner(a.stderr, "Checking "+ex.ID)
	}
	v, err := a.learner.Check(ctx, r, ex, sub, record)
	if stop != nil {
		stop()
	}
	if err != nil {
		return v, &exitError{code: 2, err: fmt.Errorf("check %s: %w", ex.ID, err)}
	}
	return v, nil
}
