//go:build linux

package sandbox

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// RunTool runs cmd (path, arguments, directory and environment set) within
// l: in a control group of its own for memory and processes where the
// system has one, with limits on processor time and file size, and a
// wall-clock limit. Its output is kept up to l.Output.
func RunTool(ctx context.Context, cmd *exec.Cmd, l ToolLimits) (ToolResult, error) {
	l = l.withDefaults()
	res := ToolResult{Limits: l}
	out := &capped{n: l.Output}
	overflow := make(chan struct{})
	// One writer for both (a pointer, so that os/exec writes from one
	// goroutine at a time), which tells when the output is over the cap.
	w := &toolOutput{out: out, overflow: overflow}
	cmd.Stdout, cmd.Stderr = w, w
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	cmd.WaitDelay = time.Second
	cg, _ := newCgroup(Limits{Memory: l.Memory, Procs: l.Procs})
	if cg != nil {
		defer cg.remove()
	}
	if err := cmd.Start(); err != nil {
		return res, err
	}
	pid := cmd.Process.Pid
	kill := func() {
		syscall.Kill(-pid, syscall.SIGKILL)
		if cg != nil {
			cg.killAll()
		}
	}
	if cg != nil {
		if err := cg.add(pid); err != nil {
			kill()
			cmd.Wait()
			return res, err
		}
	}
	// The soft limit's signal is ignored by Go programs; the hard one is
	// a SIGKILL a second later.
	cpu := uint64(l.CPU / time.Second)
	unix.Prlimit(pid, unix.RLIMIT_CPU, &unix.Rlimit{Cur: cpu, Max: cpu + 1}, nil)
	unix.Prlimit(pid, unix.RLIMIT_FSIZE, &unix.Rlimit{Cur: uint64(l.FileSize), Max: uint64(l.FileSize)}, nil)
	unix.Prlimit(pid, unix.RLIMIT_CORE, &unix.Rlimit{}, nil)

	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	timer := time.NewTimer(l.Wall)
	defer timer.Stop()
	var err error
	select {
	case err = <-done:
	case <-timer.C:
		res.TimedOut = true
		kill()
		err = <-done
	case <-overflow:
		kill()
		err = <-done
	case <-ctx.Done():
		kill()
		<-done
		return res, ctx.Err()
	}
	if cg != nil {
		cg.killAll()
		res.MemoryExceeded = cg.oomKilled()
	}
	res.Output, res.OutputTruncated = out.buf, out.truncated
	res.ExitCode = cmd.ProcessState.ExitCode()
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		switch ws.Signal() {
		case syscall.SIGXCPU:
			res.CPUExceeded = true
		case syscall.SIGKILL:
			if !res.TimedOut && !res.MemoryExceeded && cmd.ProcessState.SysUsage() != nil {
				if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
					used := time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
					res.CPUExceeded = used >= l.CPU
				}
			}
		case syscall.SIGXFSZ:
			res.FileTooLarge = true
		}
	}
	if strings.Contains(string(res.Output), "file too large") {
		res.FileTooLarge = true
	}
	if oomText(res.Output) {
		res.MemoryExceeded = true
	}
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) && !errors.Is(err, exec.ErrWaitDelay) {
		return res, fmt.Errorf("%s: %w", cmd.Path, err)
	}
	return res, nil
}

// oomText reports whether a Go program said it ran out of memory.
func oomText(out []byte) bool {
	s := string(out)
	return strings.Contains(s, "fatal error: runtime: out of memory") || strings.HasPrefix(s, "runtime: out of memory")
}

type toolOutput struct {
	out      *capped
	once     sync.Once
	overflow chan struct{}
}

func (w *toolOutput) Write(p []byte) (int, error) {
	n, err := w.out.Write(p)
	if w.out.truncated {
		w.once.Do(func() { close(w.overflow) })
	}
	return n, err
}
