package main

import (
	"context"
	"testing"

	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/engine/runner"
	"github.com/asynclings/asynclings/engine/runner/runnertest/testcache"
	"github.com/asynclings/asynclings/exercises"
)

// TestWarm: after the warm-up, everything the built-in course's checks
// need is compiled in the cache it names ($ASYNCLINGS_CACHE), the first
// exercise's variant included.
func TestWarm(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles the standard library; skipped with -short")
	}
	t.Setenv("ASYNCLINGS_CACHE", testcache.Dir)
	if err := warm(context.Background()); err != nil {
		t.Fatal(err)
	}
	r, err := runner.New(testcache.Dir)
	if err != nil {
		t.Fatal(err)
	}
	c, err := engine.LoadFS(exercises.Course(), "course")
	if err != nil {
		t.Fatal(err)
	}
	plan := runner.WarmPlan(c.Exercises())
	if len(plan) < 2 || !r.WarmedFor(plan) {
		t.Errorf("not warmed for %+v", plan)
	}
	if first := c.Exercises()[0]; plan[0].Race != first.Race {
		t.Errorf("the first step is race=%v; the first exercise, %s, is race=%v", plan[0].Race, first.ID, first.Race)
	}
}
