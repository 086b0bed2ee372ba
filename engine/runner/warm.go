package runner

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/asynclings/asynclings/engine"
)

// WarmStep is what a warm-up compiles for one variant of the standard
// library: Packages with their dependencies, and what every test binary
// needs (the harness's imports and the guard).
type WarmStep struct {
	Race     bool
	Packages []string
}

// WarmPlan is what a course's checks need compiled: the standard packages
// the files of exs import (the starter, the reference solution, the hidden
// test, the support files), in the order checks will want them. The first
// exercise (the one the learner is likely to check first) comes alone
// first, then the rest of its variant, then the other variant. Packages a
// learner imports beyond those are compiled when first checked.
func WarmPlan(exs []*engine.Exercise) []WarmStep {
	if len(exs) == 0 {
		return nil
	}
	imports := func(exs []*engine.Exercise, race bool) []string {
		var pkgs []string
		for _, ex := range exs {
			if ex.Race != race {
				continue
			}
			srcs := []string{ex.Starter, ex.Solution, ex.Test}
			for _, sf := range ex.Support {
				srcs = append(srcs, sf.Code)
			}
			for _, src := range srcs {
				f, err := parser.ParseFile(token.NewFileSet(), "x.go", src, parser.ImportsOnly)
				if err != nil {
					continue
				}
				for _, im := range f.Imports {
					if p, err := strconv.Unquote(im.Path.Value); err == nil {
						pkgs = append(pkgs, p)
					}
				}
			}
		}
		slices.Sort(pkgs)
		return slices.Compact(pkgs)
	}
	first := exs[0].Race
	plan := []WarmStep{{Race: first, Packages: imports(exs[:1], first)}}
	for _, race := range []bool{first, !first} {
		if pkgs := imports(exs, race); len(pkgs) > 0 || race != first {
			plan = append(plan, WarmStep{Race: race, Packages: pkgs})
		}
	}
	return plan
}

// WarmProgress is how far a warm-up is: Done of the Total packages it had
// to compile for the variant Race.
type WarmProgress struct {
	Race  bool `json:"race"`
	Done  int  `json:"done"`
	Total int  `json:"total"`
	PID   int  `json:"pid"`
}

// WarmedFor reports whether everything plan names is compiled.
func (r *Runner) WarmedFor(plan []WarmStep) bool {
	for _, s := range plan {
		if _, missing := r.tc.closure(r.CacheDir, s.Race, r.tc.roots(s.Race, r.tc.std(s.Packages))); len(missing) > 0 {
			return false
		}
	}
	return true
}

// WarmFor compiles what plan names, step by step, so that checks do not
// wait for it. Each step holds its variant's lock, which a check that needs
// a package compiled waits for (rather than compiling it a second time
// beside the warm-up), in this process or another. progress, when not nil,
// is told how far it is; so is WarmStatus, in any process.
func (r *Runner) WarmFor(ctx context.Context, plan []WarmStep, progress func(WarmProgress)) error {
	for _, s := range plan {
		if err := r.tc.warmStep(ctx, r.CacheDir, s, progress); err != nil {
			return fmt.Errorf("warm the build cache: %w", err)
		}
	}
	return nil
}

// WarmStatus is the progress of the warm-up running now, in this process or
// another, and false when none runs.
func (r *Runner) WarmStatus() (WarmProgress, bool) {
	return r.tc.status()
}

// WaitingForWarm is the progress of the warm-up that a check of this
// runner is waiting for now, and false when no check waits.
func (r *Runner) WaitingForWarm() (WarmProgress, bool) {
	if r.tc.waiting.Load() == 0 {
		return WarmProgress{}, false
	}
	return r.tc.status()
}

func (tc *toolchain) status() (WarmProgress, bool) {
	var p WarmProgress
	b, err := os.ReadFile(tc.progressFile())
	if err != nil || json.Unmarshal(b, &p) != nil || !alive(p.PID) {
		return WarmProgress{}, false
	}
	return p, true
}

func (tc *toolchain) lockPath(race bool) string {
	return filepath.Join(tc.dir, "warm-"+variant(race)+".lock")
}

func (tc *toolchain) progressFile() string { return filepath.Join(tc.dir, "warm-progress.json") }

// std keeps the standard packages of pkgs.
func (tc *toolchain) std(pkgs []string) []string {
	var out []string
	for _, p := range pkgs {
		if p == "C" || p == "unsafe" || !filepath.IsLocal(p) {
			continue
		}
		if st, err := os.Stat(filepath.Join(tc.goroot, "src", filepath.FromSlash(p))); err == nil && st.IsDir() {
			out = append(out, p)
		}
	}
	return out
}

// reloadLocked forgets the index of a variant, to read it again from disk,
// where another process may have added to it. The caller holds tc.mu.
func (tc *toolchain) reloadLocked(race bool) { tc.pkgs[raceIndex(race)] = nil }

// warmStep compiles one step of a warm-up under its variant's lock.
func (tc *toolchain) warmStep(ctx context.Context, cacheDir string, s WarmStep, progress func(WarmProgress)) error {
	roots := tc.roots(s.Race, tc.std(s.Packages))
	unlock, err := lockFile(ctx, tc.lockPath(s.Race), nil)
	if err != nil {
		return err
	}
	defer unlock()
	tc.mu.Lock()
	tc.reloadLocked(s.Race)
	tc.mu.Unlock()
	if _, missing := tc.closure(cacheDir, s.Race, roots); len(missing) > 0 {
		if err := tc.build(ctx, cacheDir, s.Race, roots, progress); err != nil {
			return err
		}
		if err := tc.list(ctx, cacheDir, s.Race, roots); err != nil {
			return err
		}
	}
	_, err = tc.importcfgHeld(ctx, cacheDir, s.Race, roots) // and the guard
	return err
}

// build compiles pkgs and their dependencies into the build cache with the
// go command, counting the packages it compiles against those it has to.
func (tc *toolchain) build(ctx context.Context, cacheDir string, race bool, pkgs []string, progress func(WarmProgress)) error {
	flags := []string{}
	if race {
		flags = append(flags, "-race")
	}
	list := exec.CommandContext(ctx, tc.goBin, append(append([]string{"list", "-e", "-deps", "-f", "{{if .Stale}}{{.ImportPath}}{{end}}"}, flags...), pkgs...)...)
	list.Env, list.Dir = tc.env(cacheDir, race), tc.dir
	out, err := list.Output()
	if err != nil {
		return fmt.Errorf("go list: %v", err)
	}
	stale := map[string]bool{}
	for _, p := range strings.Fields(string(out)) {
		stale[p] = true
	}
	if len(stale) == 0 {
		return nil
	}
	p := WarmProgress{Race: race, Total: len(stale), PID: os.Getpid()}
	report := func() {
		if b, err := json.Marshal(p); err == nil {
			writeFileAtomic(tc.progressFile(), b)
		}
		if progress != nil {
			progress(p)
		}
	}
	report()
	defer os.Remove(tc.progressFile())
	cmd := exec.CommandContext(ctx, tc.goBin, append(append([]string{"build", "-v"}, flags...), pkgs...)...)
	cmd.Env, cmd.Dir = tc.env(cacheDir, race), tc.dir
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	var msg strings.Builder
	sc := bufio.NewScanner(stderr)
	for sc.Scan() {
		if line := sc.Text(); stale[line] {
			delete(stale, line)
			p.Done++
			report()
		} else if msg.Len() < 4096 {
			msg.WriteString(line + "\n")
		}
	}
	if err := cmd.Wait(); err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return fmt.Errorf("go build: %v: %s", err, strings.TrimSpace(msg.String()))
	}
	return nil
}

// lockFile takes the lock at path (see tryLockFile), waiting for it until
// ctx is done, or until done (when not nil) says the wait is over: then it
// returns a nil unlock.
func lockFile(ctx context.Context, path string, done func() bool) (unlock func(), err error) {
	for {
		unlock, ok, err := tryLockFile(path)
		if err != nil || ok {
			return unlock, err
		}
		if done != nil && done() {
			return nil, nil
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
}
