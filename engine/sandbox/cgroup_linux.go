//go:build linux

package sandbox

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// parents are the directories where this process makes its runs' control
// groups: beneath its own memory, pids and cpu groups (cgroup v1), or its
// own group (v2, where all are the same). cpu is "" where v1 has no cpu
// controller of its own.
type parents struct {
	mem, pids, cpu string
	v2             bool
}

// dirs are the distinct directories.
func (p parents) dirs() []string {
	var out []string
	for _, d := range []string{p.mem, p.pids, p.cpu} {
		if d != "" && !slices.Contains(out, d) {
			out = append(out, d)
		}
	}
	return out
}

func cgroupParents() (parents, error) {
	own, err := os.ReadFile("/proc/self/cgroup")
	if err != nil {
		return parents{}, err
	}
	paths := map[string]string{} // controller -> our cgroup path
	for _, line := range strings.Split(strings.TrimSpace(string(own)), "\n") {
		parts := strings.SplitN(line, ":", 3)
		if len(parts) != 3 {
			continue
		}
		for _, c := range strings.Split(parts[1], ",") {
			paths[c] = parts[2]
		}
	}
	if p, ok := paths["memory"]; ok {
		if q, ok := paths["pids"]; ok {
			ps := parents{mem: filepath.Join("/sys/fs/cgroup/memory", p), pids: filepath.Join("/sys/fs/cgroup/pids", q)}
			if c, ok := paths["cpu"]; ok {
				if d := filepath.Join("/sys/fs/cgroup/cpu", c); exists(d + "/cpu.shares") {
					ps.cpu = d
				}
			}
			return ps, nil
		}
	}
	if p, ok := paths[""]; ok {
		if exists("/sys/fs/cgroup/cgroup.controllers") {
			d := filepath.Join("/sys/fs/cgroup", p)
			return parents{mem: d, pids: d, cpu: d, v2: true}, nil
		}
	}
	return parents{}, errors.New("no memory and pids controllers")
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// cgroup is a run's own control groups, which cap its memory and processes,
// give it a share of the processors as large as any other run's however
// many threads it has, and let every process in them be found and killed.
type cgroup struct {
	mem, pids string // directories; the same one under cgroup v2
	cpu       string // v1's cpu group, "" without; mem under v2
	v2        bool
}

func newCgroup(l Limits) (*cgroup, error) {
	Sweep() // first, what killed runs left
	ps, err := cgroupParents()
	if err != nil {
		return nil, err
	}
	// Named after this process, so that the next run can remove it if
	// this one is killed (see Sweep).
	name := Name("cgroup")
	cg := &cgroup{mem: filepath.Join(ps.mem, name), pids: filepath.Join(ps.pids, name), v2: ps.v2}
	for _, d := range []string{cg.mem, cg.pids} {
		if err := os.Mkdir(d, 0o755); err != nil && !errors.Is(err, os.ErrExist) {
			cg.remove()
			return nil, err
		}
	}
	// A group of its own in the cpu hierarchy: the scheduler shares the
	// processors between groups, so a run on 200 threads gets no more
	// than one on a single thread beside it, which would otherwise starve
	// and time out. (Under v2 the group above is the cpu group too.) Where
	// it cannot be made, runs share the processors by threads.
	if ps.v2 {
		cg.cpu = cg.mem
	} else if ps.cpu != "" {
		if d := filepath.Join(ps.cpu, name); os.Mkdir(d, 0o755) == nil {
			cg.cpu = d
		}
	}
	mem := strconv.FormatInt(l.Memory, 10)
	writes := [][2]string{{cg.pids + "/pids.max", strconv.Itoa(l.Procs)}}
	if cg.v2 {
		writes = append(writes, [2]string{cg.mem + "/memory.max", mem}, [2]string{cg.mem + "/memory.swap.max", "0"})
	} else {
		writes = append(writes, [2]string{cg.mem + "/memory.limit_in_bytes", mem})
	}
	for _, w := range writes {
		if err := os.WriteFile(w[0], []byte(w[1]), 0); err != nil {
			cg.remove()
			return nil, err
		}
	}
	if !cg.v2 {
		// Without swap too, where the kernel accounts for it.
		os.WriteFile(cg.mem+"/memory.memsw.limit_in_bytes", []byte(mem), 0)
	}
	return cg, nil
}

func (cg *cgroup) dirs() []string {
	return parents{mem: cg.mem, pids: cg.pids, cpu: cg.cpu}.dirs()
}

func (cg *cgroup) add(pid int) error {
	for _, d := range cg.dirs() {
		if err := os.WriteFile(d+"/cgroup.procs", []byte(strconv.Itoa(pid)), 0); err != nil {
			return fmt.Errorf("join control group: %w", err)
		}
	}
	return nil
}

// killAll kills every process left in the groups.
func (cg *cgroup) killAll() {
	if cg.v2 {
		if os.WriteFile(cg.mem+"/cgroup.kill", []byte("1"), 0) == nil {
			return
		}
	}
	for range 50 {
		b, err := os.ReadFile(cg.pids + "/cgroup.procs")
		if err != nil || len(strings.TrimSpace(string(b))) == 0 {
			return
		}
		for _, f := range strings.Fields(string(b)) {
			if pid, err := strconv.Atoi(f); err == nil {
				syscall.Kill(pid, syscall.SIGKILL)
			}
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// oomKilled reports whether the kernel killed a process for memory.
func (cg *cgroup) oomKilled() bool {
	file := cg.mem + "/memory.oom_control"
	if cg.v2 {
		file = cg.mem + "/memory.events"
	}
	b, err := os.ReadFile(file)
	if err != nil {
		return false
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) == 2 && f[0] == "oom_kill" && f[1] != "0" {
			return true
		}
	}
	return false
}

func (cg *cgroup) remove() {
	for _, d := range cg.dirs() {
		for range 100 {
			err := os.Remove(d)
			if err == nil || errors.Is(err, os.ErrNotExist) {
				break
			}
			time.Sleep(5 * time.Millisecond)
		}
	}
}
