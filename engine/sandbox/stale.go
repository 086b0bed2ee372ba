package sandbox

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"
)

// What asynclings leaves on the machine while it works (temporary
// directories, control groups) is named after the process that made it, so
// that when a run is killed before it can clean up, the next run can tell
// that the maker is gone and remove what it left:
//
//	asynclings-<kind>-<pid>-<start>-<pidns>-<random>
//
// where start is the process's start time (field 22 of /proc/<pid>/stat,
// ticks since boot) and pidns the inode of its PID namespace, both 0 where
// the system has no such thing. A maker is gone when its pid is, or when
// the process with that pid started at another time.
const (
	// LegacyAge is how old something named the older way, without its
	// maker, must be before it counts as left behind (when nothing runs
	// in it).
	LegacyAge = 10 * time.Minute
	// ForeignAge is the same for something made in another PID
	// namespace, whose maker this process cannot see.
	ForeignAge = 24 * time.Hour
)

// Name returns a new name for something of the given kind (a word without
// dashes) made by this process.
func Name(kind string) string {
	var b [4]byte
	rand.Read(b[:])
	me := self()
	return fmt.Sprintf("asynclings-%s-%d-%d-%d-%s", kind, me.pid, me.start, me.ns, hex.EncodeToString(b[:]))
}

// maker is the process that made something.
type maker struct {
	pid       int
	start, ns uint64
}

var self = sync.OnceValue(func() maker {
	pid := os.Getpid()
	start, _ := startTime(pid)
	return maker{pid: pid, start: start, ns: pidNamespace()}
})

// parseName returns the kind and the maker named by a Name, or false for
// any other name.
func parseName(name string) (kind string, m maker, ok bool) {
	f := strings.Split(name, "-")
	if len(f) != 6 || f[0] != "asynclings" || f[1] == "" || len(f[5]) != 8 {
		return "", maker{}, false
	}
	if _, err := hex.DecodeString(f[5]); err != nil {
		return "", maker{}, false
	}
	pid, err1 := strconv.Atoi(f[2])
	start, err2 := strconv.ParseUint(f[3], 10, 64)
	ns, err3 := strconv.ParseUint(f[4], 10, 64)
	if err1 != nil || err2 != nil || err3 != nil || pid <= 0 {
		return "", maker{}, false
	}
	return f[1], maker{pid: pid, start: start, ns: ns}, true
}

// Abandoned reports whether the thing called name, last changed at mod,
// was left behind by a process that has ended. For a name made by Name in
// this PID namespace, that is whether its maker has ended, and nothing
// else. A name of the older kind, without its maker (the caller says
// which names it made so), or one made in another PID namespace is
// abandoned once it is LegacyAge or ForeignAge old and idle reports that
// nothing runs in it. Something whose maker is alive is never abandoned.
func Abandoned(name string, mod time.Time, idle func() bool) bool {
	_, m, ok := parseName(name)
	switch {
	case !ok:
		return time.Since(mod) > LegacyAge && idle()
	case m.ns != self().ns:
		return time.Since(mod) > ForeignAge && idle()
	}
	return !alive(m)
}

// alive reports whether m, in this PID namespace, is still running. When
// in doubt it is.
func alive(m maker) bool {
	if m.pid == self().pid {
		return m.start == self().start
	}
	start, err := startTime(m.pid)
	if errors.Is(err, os.ErrNotExist) {
		return false
	}
	return err != nil || m.start == 0 || start == m.start
}

// Sweep removes, once per process, what runs of asynclings that were
// killed left behind in the sandbox's domain: their control groups, after
// killing every process still in them. Run calls it; so may anything about
// to clean up after such runs, so that their programs are gone first.
func Sweep() { sweepOnce.Do(sweep) }

var sweepOnce sync.Once
