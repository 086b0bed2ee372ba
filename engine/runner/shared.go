package runner

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/asynclings/asynclings/engine"
)

// shared checks the submissions at idx with one test binary: each is
// compiled as a package of its own, the binary is linked once, and each runs
// in its own sandbox, from its own copy of the binary, with only its own
// tests. Since no other submission's code runs in that process (they are all
// inert: nothing of theirs runs at start-up), its verdict is the one a check
// alone would give. A submission whose shared run could not be carried out is
// checked alone. Every step holds sem while it works.
func (r *Runner) shared(ctx context.Context, subs []Submission, idx []int, race bool, sl *slots, out chan<- Result) {
	start := time.Now()
	alone := func(i int) {
		out <- r.checkOne(ctx, i, subs[i].Exercise, subs[i].src, subs[i].Runs, sl)
	}
	fallback := func(idx []int) {
		var wg sync.WaitGroup
		for _, i := range idx {
			wg.Add(1)
			go func() {
				defer wg.Done()
				alone(i)
			}()
		}
		wg.Wait()
	}

	root, err := workDir("", "batch")
	if err != nil {
		fallback(idx)
		return
	}
	defer removeAll(root)
	if err := os.Chmod(root, 0o711); err != nil {
		fallback(idx)
		return
	}
	var imports []string
	for _, i := range idx {
		imports = append(imports, subs[i].src.imports...)
	}
	slices.Sort(imports)
	cfg, err := r.tc.importcfg(ctx, r.CacheDir, race, slices.Compact(imports))
	if err != nil {
		fallback(idx) // each gets its own message
		return
	}

	// Compile every submission's package, in parallel.
	build := filepath.Join(root, "build")
	if err := os.Mkdir(build, 0o755); err != nil {
		fallback(idx)
		return
	}
	if err := os.WriteFile(filepath.Join(build, "importcfg"), []byte(cfg), 0o644); err != nil {
		fallback(idx)
		return
	}
	flags := []string{"-lang", r.tc.lang, "-complete", "-pack"}
	if race {
		flags = append(flags, "-race")
	}
	const (
		failed = iota // the compiler could not run: check it alone
		compiled
		refused // a compile error, already sent
	)
	state := make([]int, len(idx))
	var wg sync.WaitGroup
	for k, i := range idx {
		wg.Add(1)
		go func() {
			defer wg.Done()
			release := acquire(sl.build)
			defer release()
			src := subs[i].src
			dir := filepath.Join(build, "s"+strconv.Itoa(k))
			if err := os.Mkdir(dir, 0o755); err != nil {
				return
			}
			var names []string
			for name, b := range src.units[0].files {
				if os.WriteFile(filepath.Join(dir, name), b, 0o644) != nil {
					return
				}
				names = append(names, name)
			}
			slices.Sort(names)
			args := append([]string{"-o", "../s" + strconv.Itoa(k) + ".a", "-p", sharedPath(k), "-importcfg", "../importcfg", "-trimpath", dir}, flags...)
			msg, err := r.tool(ctx, race, dir, "compile", append(args, names...)...)
			switch {
			case err != nil:
			case msg != "":
				v := engine.Verdict{Outcome: engine.OutcomeCompileError, Message: compileMessage(msg, src.nonce)}
				out <- Result{Index: i, Verdict: finish(v, start, nil)}
				state[k] = refused
			default:
				state[k] = compiled
			}
		}()
	}
	wg.Wait()
	var built, again []int
	for k, st := range state {
		switch st {
		case compiled:
			built = append(built, k)
		case failed:
			again = append(again, idx[k])
		}
	}
	fallback(again)
	if len(built) == 0 {
		return
	}

	// The harness and one link.
	var pkgs []testPkg
	for _, k := range built {
		src := subs[idx[k]].src
		pkgs = append(pkgs, testPkg{key: strconv.Itoa(k), path: sharedPath(k), funcs: src.funcs, nonce: src.nonce})
	}
	main := harness(pkgs)
	var link strings.Builder
	link.WriteString(cfg)
	for _, k := range built {
		fmt.Fprintf(&link, "packagefile %s=s%d.a\n", sharedPath(k), k)
	}
	link.WriteString("packagefile main=main.a\n")
	binDir := filepath.Join(root, "bin")
	bin := filepath.Join(binDir, "shared.test")
	linked := func() bool {
		release := acquire(sl.build)
		defer release()
		if os.Mkdir(binDir, 0o755) != nil ||
			os.WriteFile(filepath.Join(build, harnessFile), main, 0o644) != nil ||
			os.WriteFile(filepath.Join(build, "importcfg.link"), []byte(link.String()), 0o644) != nil {
			return false
		}
		args := append([]string{"-o", "main.a", "-p", "main", "-importcfg", "importcfg.link", "-trimpath", build}, flags...)
		if msg, err := r.tool(ctx, race, build, "compile", append(args, harnessFile)...); msg != "" || err != nil {
			return false
		}
		largs := []string{"-o", bin, "-importcfg", "importcfg.link", "-buildmode=exe", "-s", "-w", testBinaryFlag}
		if race {
			largs = append(largs, "-race")
		}
		msg, err := r.tool(ctx, race, build, "link", append(largs, "main.a")...)
		return msg == "" && err == nil && execOnly(bin) == nil
	}()
	if !linked {
		// Every one of them alone.
		var again []int
		for _, k := range built {
			again = append(again, idx[k])
		}
		fallback(again)
		return
	}

	if linkedHook != nil {
		var owners []string
		for _, k := range built {
			owners = append(owners, subs[idx[k]].Owner)
		}
		linkedHook(owners)
	}
	// Every submission runs alone in its own sandbox and directory.
	for _, k := range built {
		i := idx[k]
		wg.Add(1)
		go func() {
			defer wg.Done()
			var runs []engine.Verdict
			v, err := func() (engine.Verdict, error) {
				slot := sl.takeRun()
				defer slot.release()
				var first engine.Verdict
				for n := 1; n <= max(subs[i].Runs, 1) && ctx.Err() == nil; n++ {
					if n > 1 {
						slot.resume()
					}
					run := filepath.Join(root, "run"+strconv.Itoa(k)+"-"+strconv.Itoa(n))
					if err := os.Mkdir(run, 0o755); err != nil {
						return engine.Verdict{}, err
					}
					// Every run executes the one binary, which none of
					// them can change (see the sandbox's ReadOnly).
					t := time.Now()
					v, err := r.run(ctx, subs[i].Exercise, subs[i].src, bin, run, slot, submissionEnv+"="+strconv.Itoa(k))
					if err != nil {
						return engine.Verdict{}, err
					}
					if n == 1 {
						first = v
						if diedBeforeTests(v) {
							return v, nil
						}
					}
					runs = append(runs, finish(v, t, nil))
				}
				return first, nil
			}()
			if err == nil && !diedBeforeTests(v) {
				res := Result{Index: i, Verdict: finish(v, start, nil)}
				if subs[i].Runs > 1 {
					res.Runs = runs
				}
				out <- res
				return
			}
			// A run that ended before any of its tests started may have
			// been ended by something of the shared binary's, not the
			// submission's: alone, it is judged on its own code only.
			alone(i)
		}()
	}
	wg.Wait()
}

// linkedHook, when set (by tests), hears the owners of the submissions of
// every shared binary linked.
var linkedHook func(owners []string)

// submissionEnv tells a shared test binary whose tests to run.
const submissionEnv = "ASYNCLINGS_SUBMISSION"

func sharedPath(k int) string { return "asynclings.invalid/s" + strconv.Itoa(k) }

// diedBeforeTests reports whether a run ended before the first of its
// tests started: no test ran, and it was not stopped for time.
func diedBeforeTests(v engine.Verdict) bool {
	if v.Outcome == engine.OutcomePass || v.Outcome == engine.OutcomeTimeout {
		return false
	}
	for _, t := range v.Tests {
		if t.Message != "this test did not run" {
			return false
		}
	}
	return true
}
