// Package sandbox runs one untrusted program with bounded time, memory,
// processes, files and output, off the network and unable to write outside
// its own directory, and makes sure nothing it started outlives it.
//
// On Linux it uses user, PID, network, mount, IPC and UTS namespaces,
// Landlock, control groups and resource limits, each where the kernel allows
// it; elsewhere it degrades to what the platform offers. Result.Isolation
// says which protections were in force.
package sandbox

import (
	"errors"
	"io"
	"os"
	"strings"
	"time"
)

// Limits bound one run. Zero values take the defaults.
type Limits struct {
	Wall     time.Duration // wall-clock time (default 10s)
	Memory   int64         // bytes of memory (default 512 MiB)
	Procs    int           // processes and threads (default 256)
	Files    int           // open files (default 256)
	FileSize int64         // bytes in one written file (default 64 MiB)
	Output   int           // bytes of stdout and of stderr kept (default 1 MiB)
	DirSize  int64         // bytes its directory may hold, all files together (default 128 MiB)
}

// Defaults for Limits.
const (
	DefaultWall     = 10 * time.Second
	DefaultMemory   = 512 << 20
	DefaultProcs    = 256
	DefaultFiles    = 256
	DefaultFileSize = 64 << 20
	DefaultOutput   = 1 << 20
	DefaultDirSize  = 128 << 20
)

func (l Limits) withDefaults() Limits {
	if l.Wall <= 0 {
		l.Wall = DefaultWall
	}
	if l.Memory <= 0 {
		l.Memory = DefaultMemory
	}
	if l.Procs <= 0 {
		l.Procs = DefaultProcs
	}
	if l.Files <= 0 {
		l.Files = DefaultFiles
	}
	if l.FileSize <= 0 {
		l.FileSize = DefaultFileSize
	}
	if l.Output <= 0 {
		l.Output = DefaultOutput
	}
	if l.DirSize <= 0 {
		l.DirSize = DefaultDirSize
	}
	return l
}

// Spec is one program to run.
type Spec struct {
	Path string   // the program: outside Dir (and readable through ReadOnly) for Dir to be capped
	Args []string // its arguments, without the program name
	// Dir is its working directory, the only place it may write. When the
	// engine runs as root the program runs as nobody, so Dir's parents
	// must be searchable by others. Where namespaces are available the
	// program sees in Dir an empty file system of its own, capped at
	// Limits.DirSize, and not what Dir holds outside: Path and anything
	// else it needs must be elsewhere (see ReadOnly).
	Dir string
	Env []string // its whole environment
	// Seed is a directory whose regular files and folders are copied into
	// Dir before the program starts (the directory as the program sees
	// it, capped), such as an exercise's data files. Links are skipped.
	Seed string
	// ReadOnly lists paths the program may read (and execute) besides Dir,
	// such as shared libraries for a dynamically linked program.
	ReadOnly []string
	// ExtraFiles become file descriptors 3, 4, ... of the program.
	ExtraFiles []*os.File
	Limits     Limits
	// Waiting, if set, is called once when the program has used less
	// than a tenth of a processor over a second of its run, from its
	// second on: it is waiting (on a deadline, a channel), not computing,
	// and its caller may start another beside it (Linux only).
	Waiting func()
}

// Isolation says which protections were in force for a run.
type Isolation struct {
	Namespaces bool     `json:"namespaces"` // user, PID, mount, IPC and UTS namespaces
	Network    bool     `json:"network"`    // a network namespace of its own: no network
	Filesystem bool     `json:"filesystem"` // no writes outside its directory (Landlock)
	Memory     bool     `json:"memory"`     // memory capped by a control group
	Processes  bool     `json:"processes"`  // process count capped
	Disk       bool     `json:"disk"`       // its directory's size capped (a tmpfs of its own)
	Notes      []string `json:"notes,omitempty"`
}

// String lists the protections briefly, for people.
func (i Isolation) String() string {
	var on []string
	for _, p := range []struct {
		ok   bool
		name string
	}{{i.Namespaces, "namespaces"}, {i.Network, "no network"}, {i.Filesystem, "read-only filesystem"}, {i.Memory, "memory cap"}, {i.Processes, "process cap"}, {i.Disk, "disk cap"}} {
		if p.ok {
			on = append(on, p.name)
		}
	}
	if len(on) == 0 {
		return "none"
	}
	return strings.Join(on, ", ")
}

// Result is how a run ended.
type Result struct {
	Stdout, Stderr  []byte
	OutputTruncated bool
	ExitCode        int  // -1 when killed by a signal
	TimedOut        bool // killed at the wall-clock limit
	MemoryExceeded  bool // killed for using too much memory
	Duration        time.Duration
	// RunDelay is how long the program's threads waited, in all, for a
	// processor that others held (runnable, not running), as last seen
	// before it ended; measured where Spec.Waiting is set, on Linux.
	RunDelay  time.Duration
	Isolation Isolation
}

// ErrUnsupported is returned where a program cannot be run at all.
var ErrUnsupported = errors.New("sandbox: not supported on this system")

// capped keeps the first n bytes written to it and counts the rest, so that
// a program printing without end cannot grow the engine's memory.
type capped struct {
	buf       []byte
	n         int
	truncated bool
}

func (c *capped) Write(p []byte) (int, error) {
	room := c.n - len(c.buf)
	if room < len(p) {
		c.truncated = true
		if room > 0 {
			c.buf = append(c.buf, p[:room]...)
		}
		return len(p), nil
	}
	c.buf = append(c.buf, p...)
	return len(p), nil
}

var _ io.Writer = (*capped)(nil)
