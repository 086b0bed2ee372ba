package validate

import (
	"context"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/engine/runner"
)

// role is what a submission of the validator's stands for.
type role int

const (
	roleSolution role = iota
	roleStarter
	roleWrong
)

// check is one submission the validator makes: an exercise's solution,
// starter or one of its wrong entries.
type check struct {
	ex    *engine.Exercise
	role  role
	wrong *engine.Wrong
	// verdicts: did it pass, run by run (flake hunting).
	passes []bool
	caught string // for a wrong entry: what failed it, from the first run
}

func (c *check) name() string {
	switch c.role {
	case roleStarter:
		return "the starter"
	case roleWrong:
		return "wrong solution " + c.wrong.Name
	}
	return "the reference solution"
}

func (c *check) code() string {
	switch c.role {
	case roleStarter:
		return c.ex.Starter
	case roleWrong:
		return c.wrong.Code
	}
	return c.ex.Solution
}

func (c *check) line() int {
	if c.role == roleWrong {
		return c.wrong.Line
	}
	return c.ex.Line
}

// runChecks checks every solution, starter and wrong entry, then runs the
// solutions and wrong entries again, Runs-1 times, with every core kept busy
// by the validator's own goroutines, and reports any verdict that changed.
func (v *validator) runChecks(ctx context.Context, checks []*check) {
	runs := v.rep.Runs
	if runs > 1 {
		// Each binary is built once and run runs times, with every core
		// kept busy: a flake is in the run, not the build.
		stop := loadMachine()
		defer stop()
		if v.progress != nil {
			v.progress(1, runs)
		}
	}
	v.batch(ctx, checks, runs)
	for _, c := range checks {
		v.judge(c)
	}
	if runs <= 1 {
		return
	}
	for _, c := range checks {
		if c.role == roleStarter || len(c.passes) < 2 {
			continue
		}
		if i := slices.Index(c.passes, !c.passes[0]); i > 0 {
			n := 0
			for _, p := range c.passes {
				if p != c.passes[0] {
					n++
				}
			}
			v.problem(c.ex.Chapter.File, c.line(), "exercise "+c.ex.ID, "%s is flaky: its verdict changed in %d of %d runs (first in run %d)", c.name(), n, len(c.passes), i+1)
		}
	}
}

// batch checks each of checks through the runner, solutions and wrong
// solutions runs times, and records their verdicts.
func (v *validator) batch(ctx context.Context, checks []*check, runs int) {
	subs := make([]runner.Submission, len(checks))
	for i, c := range checks {
		// The course author's own code: it may share test binaries.
		subs[i] = runner.Submission{Exercise: c.ex, Code: c.code(), Owner: "course"}
		if c.role != roleStarter {
			subs[i].Runs = runs
		}
	}
	for res := range v.r.Batch(ctx, subs, 0) {
		c := checks[res.Index]
		if res.Err != nil {
			if ctx.Err() == nil {
				v.problem(c.ex.Chapter.File, c.line(), "exercise "+c.ex.ID, "%s could not be checked: %v", c.name(), res.Err)
			}
			continue
		}
		c.passes = append(c.passes, res.Verdict.Passed())
		for _, later := range res.Runs[min(1, len(res.Runs)):] {
			c.passes = append(c.passes, later.Passed())
		}
		verdict := res.Verdict
		switch c.role {
		case roleSolution:
			if !verdict.Passed() {
				v.problem(c.ex.Chapter.File, c.ex.Line, "exercise "+c.ex.ID, "the reference solution does not pass: %s", describeVerdict(verdict))
			}
		case roleStarter:
			if verdict.Passed() {
				v.problem(c.ex.Chapter.File, c.ex.Line, "exercise "+c.ex.ID, "the starter passes the tests: there is nothing left to do")
			} else if refused(verdict) && !vetCaught(verdict) {
				v.problem(c.ex.Chapter.File, c.ex.Line, "exercise "+c.ex.ID, "the starter does not build: %s", describeVerdict(verdict))
			}
		case roleWrong:
			switch {
			case vetCaught(verdict):
				c.caught = "vet (" + firstLine(verdict.Message) + ")"
			case !verdict.Passed() && !refused(verdict):
				c.caught = caughtBy(verdict)
			}
			switch {
			case verdict.Passed():
				v.problem(c.ex.Chapter.File, c.wrong.Line, "exercise "+c.ex.ID, "wrong solution %s passes the tests, which do not catch its mistake (%s)", c.wrong.Name, c.wrong.Why)
			case refused(verdict) && !vetCaught(verdict):
				v.problem(c.ex.Chapter.File, c.wrong.Line, "exercise "+c.ex.ID, "wrong solution %s is stale: it does not build, so it proves nothing about the tests: %s", c.wrong.Name, describeVerdict(verdict))
			}
		}
	}
}

// refused is true for a verdict on code that was refused before it ran.
func refused(v engine.Verdict) bool {
	return v.Outcome == engine.OutcomeCompileError || v.Outcome == engine.OutcomeRuleViolation
}

// vetCaught is true for a compile-error that is vet's findings alone (go
// test's analyzers, or the exercise's vet key): the mistake was caught, as
// go test's vet would catch it, not a file that does not build.
func vetCaught(v engine.Verdict) bool {
	if v.Outcome != engine.OutcomeCompileError || v.Message == "" {
		return false
	}
	for _, line := range strings.Split(strings.TrimSpace(v.Message), "\n") {
		if !strings.Contains(line, ": vet: ") && !strings.Contains(line, ": vet ") && !strings.HasPrefix(line, "(and ") {
			return false
		}
	}
	return true
}

// judge records what caught a wrong entry, for the report.
func (v *validator) judge(c *check) {
	if c.role != roleWrong || c.caught == "" {
		return
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	v.rep.Wrong = append(v.rep.Wrong, Wrong{Exercise: c.ex.ID, Name: c.wrong.Name, CaughtBy: c.caught})
}

// caughtBy names what failed a verdict: the failing tests, else its outcome.
func caughtBy(v engine.Verdict) string {
	var tests []string
	for _, t := range v.Tests {
		if t.Status != "pass" && t.Status != "skip" {
			tests = append(tests, t.Name)
		}
	}
	switch {
	case len(tests) > 0 && v.Message != "" && v.Outcome != engine.OutcomeFail:
		return fmt.Sprintf("%s (%s: %s)", strings.Join(tests, ", "), v.Outcome, firstLine(v.Message))
	case len(tests) > 0:
		return strings.Join(tests, ", ")
	case v.Message != "":
		return fmt.Sprintf("%s: %s", v.Outcome, firstLine(v.Message))
	}
	return string(v.Outcome)
}

// firstLine is the first line of s, cut to 120 characters.
func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	if len(s) > 120 {
		s = s[:117] + "..."
	}
	return s
}

// describeVerdict is a verdict in one line: its outcome, its message and the
// first line of each test that did not pass.
func describeVerdict(v engine.Verdict) string {
	parts := []string{string(v.Outcome)}
	if v.Message != "" {
		parts = append(parts, v.Message)
	}
	for _, t := range v.Tests {
		if t.Status != "pass" {
			msg, _, _ := strings.Cut(t.Message, "\n")
			parts = append(parts, t.Name+": "+msg)
		}
	}
	return strings.Join(parts, "; ")
}

// loadMachine keeps every core busy with goroutines of the validator's own
// until stop is called: flakes show under load.
func loadMachine() (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	for range runtime.NumCPU() {
		wg.Go(func() {
			x := 1
			for {
				select {
				case <-done:
					return
				default:
				}
				for i := range 1 << 16 {
					x = x*31 + i
				}
			}
		})
	}
	return func() { close(done); wg.Wait() }
}
