package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/asynclings/asynclings/cmd/internal/ui"
	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/engine/runner"
	"github.com/asynclings/asynclings/exercises"
	"github.com/asynclings/asynclings/store"
)

// A warm-up the course hands to a process of its own gets its plan in
// this variable (see encodePlan), and runs quietly.
const warmPlanEnv = "ASYNCLINGS_WARM_PLAN"

func (a *app) cmdWarm(ctx context.Context, args []string) error {
	if len(args) > 0 {
		return usageErr("warm takes no arguments")
	}
	r, err := a.getRunner()
	if err != nil {
		return &exitError{code: 2, err: err}
	}
	if enc, ok := os.LookupEnv(warmPlanEnv); ok {
		// The detached warm-up of a session: nobody reads its output.
		if err := r.WarmFor(ctx, decodePlan(enc), nil); err != nil {
			return &exitError{code: 2, err: err}
		}
		return nil
	}
	plan, err := a.warmPlan(ctx)
	if err != nil {
		return err
	}
	if r.WarmedFor(plan) {
		fmt.Fprintln(a.stdout, "The build cache is ready.")
		return nil
	}
	fmt.Fprintf(a.stderr, "Compiling the parts of Go's standard library the course uses into %s, once, so that checks answer fast.\n", r.CacheDir)
	var mu sync.Mutex
	note := ""
	ui.SpinnerNote = func() string {
		mu.Lock()
		defer mu.Unlock()
		return note
	}
	stop := startSpinner(a.stderr, "Compiling")
	start := time.Now()
	err = r.WarmFor(ctx, plan, func(p runner.WarmProgress) {
		mu.Lock()
		note = fmt.Sprintf(": %d of %d packages%s", p.Done, p.Total, raceNote(p))
		mu.Unlock()
	})
	stop()
	if err != nil {
		return &exitError{code: 2, err: err}
	}
	fmt.Fprintf(a.stdout, "The build cache is ready (%s).\n", time.Since(start).Round(time.Second))
	return nil
}

// warmPlan is what the course's checks need compiled, the exercise the
// learner is at first.
func (a *app) warmPlan(ctx context.Context) ([]runner.WarmStep, error) {
	course := a.course
	if course == nil {
		var err error
		if a.coursePath == "" {
			course, err = engine.LoadFS(exercises.Course(), "(built-in course)")
		} else {
			course, err = engine.Load(a.coursePath)
		}
		if err != nil {
			return nil, &exitError{code: 2, err: fmt.Errorf("bad course:\n%w", err)}
		}
	}
	var exs, done []*engine.Exercise
	var prog map[string]store.ItemProgress
	if a.store != nil && a.course != nil {
		if p, err := a.store.Progress(ctx, a.userName, a.course.ID); err == nil {
			prog = p
		}
	}
	for _, ex := range course.Exercises() {
		if prog != nil && statusOf(prog, ex.ID) == engine.StatusDone {
			done = append(done, ex)
		} else {
			exs = append(exs, ex)
		}
	}
	return runner.WarmPlan(append(exs, done...)), nil
}

// warmInBackground prepares the build cache while the learner reads, so
// that the first check does not wait for all of it: a process of its own
// compiles what the course needs, and goes on when the learner quits. A
// check that needs a package it is compiling waits for it, and its spinner
// says how far it is.
func (a *app) warmInBackground(ctx context.Context) {
	r, err := a.getRunner()
	if err != nil {
		return
	}
	ui.SpinnerNote = a.warmNote
	plan, err := a.warmPlan(ctx)
	if err != nil || r.WarmedFor(plan) {
		return
	}
	exe, err := os.Executable()
	if err != nil {
		return
	}
	log, err := os.OpenFile(filepath.Join(r.CacheDir, "warm.log"), os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return
	}
	defer log.Close()
	cmd := exec.Command(exe, "warm")
	cmd.Env = append(os.Environ(), warmPlanEnv+"="+encodePlan(plan), "ASYNCLINGS_CACHE="+r.CacheDir)
	cmd.Stdout, cmd.Stderr = log, log
	cmd.SysProcAttr = detached()
	if cmd.Start() == nil {
		cmd.Process.Release()
	}
}

// warmNote is what a spinner adds while its check waits for a warm-up.
func (a *app) warmNote() string {
	if a.runner == nil {
		return ""
	}
	p, ok := a.runner.WaitingForWarm()
	if !ok {
		return ""
	}
	return fmt.Sprintf(" · waiting for the warm-up: %d of %d packages%s", p.Done, p.Total, raceNote(p))
}

func raceNote(p runner.WarmProgress) string {
	if p.Race {
		return " (race detector)"
	}
	return ""
}

// encodePlan writes plan as "race:a,b;plain:c"; decodePlan reads it.
func encodePlan(plan []runner.WarmStep) string {
	steps := make([]string, len(plan))
	for i, s := range plan {
		v := "plain"
		if s.Race {
			v = "race"
		}
		steps[i] = v + ":" + strings.Join(s.Packages, ",")
	}
	return strings.Join(steps, ";")
}

func decodePlan(enc string) []runner.WarmStep {
	var plan []runner.WarmStep
	for _, step := range strings.Split(enc, ";") {
		v, pkgs, ok := strings.Cut(step, ":")
		if !ok {
			continue
		}
		s := runner.WarmStep{Race: v == "race"}
		if pkgs != "" {
			s.Packages = strings.Split(pkgs, ",")
		}
		plan = append(plan, s)
	}
	return plan
}
