//go:build linux

package sandbox

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// statFields returns the fields of a /proc stat file from the third on
// (the state, then the parent...): the command's name before them, in
// parentheses, may hold spaces and parentheses, so they are counted after
// the last one.
func statFields(b []byte) ([]string, bool) {
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return nil, false
	}
	return strings.Fields(string(b[i+1:])), true
}

// taskFiles returns file of each of pid's threads
// (/proc/<pid>/task/<tid>/file), leaving out those that ended meanwhile.
func taskFiles(pid int, file string) [][]byte {
	paths, _ := filepath.Glob("/proc/" + strconv.Itoa(pid) + "/task/*/" + file)
	var out [][]byte
	for _, p := range paths {
		if b, err := os.ReadFile(p); err == nil {
			out = append(out, b)
		}
	}
	return out
}

// startTime returns when process pid started, in clock ticks since boot
// (field 22 of /proc/<pid>/stat), or os.ErrNotExist when there is no such
// process.
func startTime(pid int) (uint64, error) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if errors.Is(err, syscall.ESRCH) {
		return 0, os.ErrNotExist
	}
	if err != nil {
		return 0, err
	}
	f, ok := statFields(b)
	if !ok {
		return 0, fmt.Errorf("/proc/%d/stat: no command name", pid)
	}
	if len(f) < 20 {
		return 0, fmt.Errorf("/proc/%d/stat: %d fields", pid, len(f)+2)
	}
	return strconv.ParseUint(f[19], 10, 64)
}

// pidNamespace is the inode of this process's PID namespace, or 0.
func pidNamespace() uint64 {
	var st syscall.Stat_t
	if syscall.Stat("/proc/self/ns/pid", &st) != nil {
		return 0
	}
	return st.Ino
}

// legacyCgroup reports the way control groups were named before they
// carried their maker: asynclings- and 12 lower-case hex digits. Not a
// regexp: see initEnv.
func legacyCgroup(name string) bool {
	hex, ok := strings.CutPrefix(name, "asynclings-")
	return ok && len(hex) == 12 && strings.Trim(hex, "0123456789abcdef") == ""
}

// sweep kills the processes in, and removes, the control groups beside the
// ones this process makes whose makers have ended (see Abandoned): a run
// killed with SIGKILL cannot remove its own, and where its program
// outlived it, the program still runs there. Control groups named the
// older way are removed only once they are old and hold no process.
// Nothing whose maker is alive is touched.
func sweep() {
	ps, err := cgroupParents()
	if err != nil {
		return
	}
	v2 := ps.v2
	for _, parent := range ps.dirs() {
		entries, _ := os.ReadDir(parent)
		for _, e := range entries {
			name := e.Name()
			if _, _, ok := parseName(name); !e.IsDir() || !ok && !legacyCgroup(name) {
				continue
			}
			info, err := e.Info()
			if err != nil {
				continue
			}
			d := filepath.Join(parent, name)
			cg := &cgroup{mem: d, pids: d, v2: v2}
			if Abandoned(name, info.ModTime(), cg.idle) {
				cg.killAll()
				cg.remove()
			}
		}
	}
}

// idle reports whether no process is in the group; in doubt, one is.
func (cg *cgroup) idle() bool {
	b, err := os.ReadFile(cg.pids + "/cgroup.procs")
	return err == nil && len(bytes.TrimSpace(b)) == 0
}
