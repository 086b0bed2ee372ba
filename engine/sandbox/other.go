//go:build !linux

package sandbox

import (
	"context"
	"fmt"
	"os/exec"
	"time"
)

// Run runs spec's program with a wall-clock limit and capped output; this
// system offers none of the other protections, as Result.Isolation says.
func Run(ctx context.Context, spec Spec) (Result, error) {
	l := spec.Limits.withDefaults()
	res := Result{Isolation: Isolation{Notes: []string{"this system has no sandbox: only time and output are limited"}}}
	ctx, cancel := context.WithTimeout(ctx, l.Wall)
	defer cancel()
	stdout, stderr := &capped{n: l.Output}, &capped{n: l.Output}
	cmd := exec.CommandContext(ctx, spec.Path, spec.Args...)
	cmd.Dir, cmd.Env, cmd.Stdout, cmd.Stderr = spec.Dir, spec.Env, stdout, stderr
	cmd.ExtraFiles = spec.ExtraFiles
	cmd.WaitDelay = time.Second
	start := time.Now()
	err := cmd.Run()
	res.Duration = time.Since(start)
	res.TimedOut = ctx.Err() == context.DeadlineExceeded
	res.Stdout, res.Stderr = stdout.buf, stderr.buf
	res.OutputTruncated = stdout.truncated || stderr.truncated
	if cmd.ProcessState != nil {
		res.ExitCode = cmd.ProcessState.ExitCode()
	}
	if _, ok := err.(*exec.ExitError); err != nil && !ok && !res.TimedOut {
		return res, fmt.Errorf("sandbox: %w", err)
	}
	return res, nil
}

// Confined reports whether a program run here cannot write outside its own
// directory: never on this system.
func Confined() bool { return false }
