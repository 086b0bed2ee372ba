package learner

import (
	"context"
	"flag"
	"fmt"

	"github.com/asynclings/asynclings/cmd/internal/base"
	"github.com/asynclings/asynclings/cmd/internal/ui"
	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/engine/learn"
)

var checkFile string

func CheckFlags(fs *flag.FlagSet) {
	fs.StringVar(&checkFile, "file", "", "check this file instead of the workspace file")
}

func (a *app) cmdCheck(ctx context.Context, args []string) error {
	if len(args) != 1 {
		return base.UsageErr("check needs one exercise ID")
	}
	it, err := a.OpenItem(ctx, args[0])
	if err != nil {
		return err
	}
	ex, ok := it.(*engine.Exercise)
	if !ok {
		return base.UsageErr("%s is a question: use asynclings answer %s", it.ItemID(), it.ItemID())
	}
	file := checkFile
	if file == "" {
		if file, err = a.ExerciseFile(ex); err != nil {
			return err
		}
	}
	sub, err := a.ReadSubmission(ex, file)
	if err != nil {
		return base.UsageErr("read %s: %v", file, err)
	}
	v, err := a.checkCode(ctx, ex, sub, !a.JSON, true)
	if err != nil {
		return err
	}
	if a.JSON {
		err = a.WriteJSON(learn.VerdictJSON(ex.ID, v))
	} else {
		a.PrintVerdict(v)
	}
	if err != nil {
		return err
	}
	if !v.Passed() {
		return base.Failed
	}
	// Earned: the reference solution goes beside the learner's file. The
	// check passed whether or not that can be written.
	path, err := a.writeSolution(ex)
	switch {
	case err != nil:
		fmt.Fprintln(a.Stderr, "asynclings: could not write the reference solution:", err)
	case !a.JSON:
		fmt.Fprintf(a.Stdout, "The reference solution, to compare with yours: %s\n", path)
	}
	return nil
}

// checkCode runs the check, with a spinner when asked, and records the
// attempt when asked. A check that broke down in the runner is not the learner's
// attempt and is not recorded.
func (a *app) checkCode(ctx context.Context, ex *engine.Exercise, sub learn.Submission, spin, record bool) (engine.Verdict, error) {
	r, err := a.Runner()
	if err != nil {
		return engine.Verdict{}, &base.ExitError{Code: 2, Err: err}
	}
	var stop func()
	if spin {
		stop = ui.StartSpinner(a.Stderr, "Checking "+ex.ID)
	}
	v, err := a.Learner.Check(ctx, r, ex, sub, record)
	if stop != nil {
		stop()
	}
	if err != nil {
		return v, &base.ExitError{Code: 2, Err: fmt.Errorf("check %s: %w", ex.ID, err)}
	}
	return v, nil
}
