// Command asynclings-warm compiles into the checks' build cache the parts
// of Go's standard library that the built-in course's checks need, those of
// its first exercise first, and says nothing unless it fails.
//
// make run starts it in the background before it builds asynclings: on a
// fresh machine asynclings takes over two minutes to build, more than one
// of them compiling SQLite's C code on one core, and the other core
// compiles what the first check needs meanwhile. It is asynclings warm
// without what makes asynclings slow to build; a session that starts while
// it runs waits for it (the warm-up's lock) rather than doing its work
// twice.
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/engine/runner"
	"github.com/asynclings/asynclings/exercises"
)

func main() {
	if len(os.Args) > 1 {
		fmt.Fprintln(os.Stderr, "usage: asynclings-warm (no arguments; the cache is $ASYNCLINGS_CACHE, else asynclings/ in the user's cache directory)")
		os.Exit(2)
	}
	if err := warm(context.Background()); err != nil {
		fmt.Fprintln(os.Stderr, "asynclings-warm:", err)
		os.Exit(1)
	}
}

func warm(ctx context.Context) error {
	dir, err := runner.DefaultCacheDir()
	if err != nil {
		return err
	}
	r, err := runner.New(dir)
	if err != nil {
		return err
	}
	course, err := engine.LoadFS(exercises.Course(), "(built-in course)")
	if err != nil {
		return err
	}
	return r.WarmFor(ctx, runner.WarmPlan(course.Exercises()), nil)
}
