//go:build !linux

package sandbox

import (
	"context"
	"errors"
	"os/exec"
	"time"
)

// RunTool runs cmd with a wall-clock limit and capped output; this system
// offers no other bound.
func RunTool(ctx context.Context, cmd *exec.Cmd, l ToolLimits) (ToolResult, error) {
	l = l.withDefaults()
	res := ToolResult{Limits: l}
	out := &capped{n: l.Output}
	cmd.Stdout, cmd.Stderr = out, out
	cmd.WaitDelay = time.Second
	ctx, cancel := context.WithTimeout(ctx, l.Wall)
	defer cancel()
	if err := cmd.Start(); err != nil {
		return res, err
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	var err error
	select {
	case err = <-done:
	case <-ctx.Done():
		cmd.Process.Kill()
		err = <-done
		res.TimedOut = ctx.Err() == context.DeadlineExceeded
	}
	res.Output, res.OutputTruncated = out.buf, out.truncated
	res.ExitCode = cmd.ProcessState.ExitCode()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) && !res.TimedOut {
		return res, err
	}
	return res, nil
}
