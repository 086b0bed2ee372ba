package main

import (
	"context"
	"fmt"
	"time"
)

func (a *app) cmdWarm(ctx context.Context, args []string) error {
	if len(args) > 0 {
		return usageErr("warm takes no arguments")
	}
	r, err := a.getRunner()
	if err != nil {
		return &exitError{code: 2, err: err}
	}
	if r.Warmed() {
		fmt.Fprintln(a.stdout, "The build cache is ready.")
		return nil
	}
	fmt.Fprintf(a.stderr, "Compiling Go's standard library into %s, once, so that checks answer fast.\n", r.CacheDir)
	stop := startSpinner(a.stderr, "Compiling (a minute or two the first time)")
	start := time.Now()
	err = r.Warm(ctx)
	stop()
	if err != nil {
		return &exitError{code: 2, err: err}
	}
	fmt.Fprintf(a.stdout, "The build cache is ready (%s).\n", time.Since(start).Round(time.Second))
	return nil
}

// warmInBackground prepares the build cache while the learner reads, the
// first time the course starts, so that the first check does not wait.
func (a *app) warmInBackground(ctx context.Context) {
	r, err := a.getRunner()
	if err != nil || r.Warmed() {
		return
	}
	go r.Warm(ctx)
}
