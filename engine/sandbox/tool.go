package sandbox

import (
	"fmt"
	"time"
)

// ToolLimits bound a trusted tool, such as the compiler or the linker, at
// work on untrusted input: a few lines of Go can make either work without
// end or take gigabytes.
type ToolLimits struct {
	Wall     time.Duration // wall-clock time (default 20s)
	CPU      time.Duration // processor time (default 10s)
	Memory   int64         // bytes of memory (default 1 GiB)
	Procs    int           // processes and threads (default 256)
	FileSize int64         // bytes in one written file (default 256 MiB)
	Output   int           // bytes of output kept (default 1 MiB)
}

// Defaults for ToolLimits.
const (
	DefaultToolWall     = 20 * time.Second
	DefaultToolCPU      = 10 * time.Second
	DefaultToolMemory   = 1 << 30
	DefaultToolFileSize = 256 << 20
)

func (l ToolLimits) withDefaults() ToolLimits {
	if l.Wall <= 0 {
		l.Wall = DefaultToolWall
	}
	if l.CPU <= 0 {
		l.CPU = DefaultToolCPU
	}
	if l.Memory <= 0 {
		l.Memory = DefaultToolMemory
	}
	if l.Procs <= 0 {
		l.Procs = DefaultProcs
	}
	if l.FileSize <= 0 {
		l.FileSize = DefaultToolFileSize
	}
	if l.Output <= 0 {
		l.Output = DefaultOutput
	}
	return l
}

// ToolResult is how a tool's run ended.
type ToolResult struct {
	Output          []byte // stdout and stderr together
	OutputTruncated bool
	ExitCode        int // -1 when killed by a signal
	TimedOut        bool
	CPUExceeded     bool
	MemoryExceeded  bool
	FileTooLarge    bool
	Limits          ToolLimits // the limits in force
}

// Bound says which limit stopped the tool, for people, or "" when none did.
func (r ToolResult) Bound() string {
	l := r.Limits
	switch {
	case r.MemoryExceeded:
		return fmt.Sprintf("it needed more than %d MiB of memory", l.Memory>>20)
	case r.CPUExceeded:
		return fmt.Sprintf("it needed more than %s of processor time", l.CPU)
	case r.TimedOut:
		return fmt.Sprintf("it took longer than %s", l.Wall)
	case r.FileTooLarge:
		return fmt.Sprintf("it wrote a file larger than %d MiB", l.FileSize>>20)
	case r.OutputTruncated:
		return fmt.Sprintf("it printed more than %d KiB", l.Output>>10)
	}
	return ""
}
