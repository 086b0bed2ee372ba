package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"

	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/store"
)

var checkFile string

func checkFlags(fs *flag.FlagSet, a *app) {
	fs.StringVar(&checkFile, "file", "", "check this file instead of the workspace file")
}

// checkJSON follows Exercism's test-runner results.json (version 3).
type checkJSON struct {
	Version    int                 `json:"version"`
	ID         string              `json:"id"`
	Status     string              `json:"status"`
	Outcome    engine.Outcome      `json:"outcome"`
	Message    string              `json:"message,omitempty"`
	Tests      []engine.TestResult `json:"tests"`
	Isolation  *engine.Isolation   `json:"isolation,omitempty"`
	Advice     []string            `json:"advice,omitempty"`
	DurationMS int64               `json:"duration_ms"`
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
		err = a.writeJSON(verdictJSON(ex.ID, v))
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

func verdictJSON(id string, v engine.Verdict) checkJSON {
	return checkJSON{
		Version: 3, ID: id, Status: v.Outcome.Status(), Outcome: v.Outcome,
		Message: v.Message, Tests: v.Tests, Isolation: v.Isolation, Advice: v.Advice, DurationMS: v.Duration.Milliseconds(),
	}
}

// checkCode runs the check, with a spinner when asked, and records the
// attempt when asked. A check that broke down in the runner is not the learner's
// attempt and is not recorded.
func (a *app) checkCode(ctx context.Context, ex *engine.Exercise, sub submission, spin, record bool) (engine.Verdict, error) {
	r, err := a.getRunner()
	if err != nil {
		return engine.Verdict{}, &exitError{code: 2, err: err}
	}
	var stop func()
	if spin {
		stop = startSpinner(a.stderr, "Checking "+ex.ID)
	}
	v, err := r.CheckFiles(ctx, ex, sub.code, sub.files)
	if stop != nil {
		stop()
	}
	if err != nil {
		return v, &exitError{code: 2, err: fmt.Errorf("check %s: %w", ex.ID, err)}
	}
	if !record {
		return v, nil
	}
	detail, _ := json.Marshal(verdictJSON(ex.ID, v))
	rec := store.Attempt{Result: store.ResultWrong, Submitted: sub.code, Detail: string(detail), DurationMS: v.Duration.Milliseconds()}
	if v.Passed() {
		rec.Result = store.ResultRight
	}
	return v, a.record(ctx, ex, rec)
}
