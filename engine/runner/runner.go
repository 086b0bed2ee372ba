// Package runner turns a learner's Go file and an exercise's hidden test into
// a verdict, quickly and without trusting the code: it builds a test binary
// with the compiler and linker directly, runs it in a sandbox, and believes
// only what the guard compiled into that binary signs.
package runner

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"go/parser"
	"go/token"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/engine/sandbox"
)

// DefaultTimeout bounds an exercise's test run when it sets no timeout.
const DefaultTimeout = 10 * time.Second

// MaxTimeout bounds a test run however often cpu and stress repeat it.
const MaxTimeout = 5 * time.Minute

// maxOutput caps what is kept of a test binary's output.
const maxOutput = 1 << 20

// Runner checks submissions. Its zero value is not usable; call New.
type Runner struct {
	// CacheDir holds the build cache and the compiled standard library,
	// kept between checks.
	CacheDir string
	// Limits bound every run; the exercise's timeout overrides Wall.
	Limits sandbox.Limits
	// ToolLimits bound every compile and link.
	ToolLimits sandbox.ToolLimits

	// Fresh compiles and links every submission, even one built before
	// (benchmarks of a first check).
	Fresh bool

	tc    *toolchain
	types *typeChecks // the standard library for go/types, kept between checks
	built *toolCache  // compiles and links kept; nil where not trusted
}

// New returns a runner whose caches live under cacheDir.
func New(cacheDir string) (*Runner, error) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		return nil, fmt.Errorf("the go command is needed to check exercises: %w", err)
	}
	if err := os.MkdirAll(cacheDir, 0o755); err != nil {
		return nil, err
	}
	tc, err := newToolchain(goBin, cacheDir)
	if err != nil {
		return nil, err
	}
	return &Runner{CacheDir: cacheDir, tc: tc, types: &typeChecks{}, built: openToolCache(cacheDir, tc, DefaultBuildCacheSize)}, nil
}

// DefaultCacheDir is $ASYNCLINGS_CACHE, else asynclings/ in the user's cache
// directory.
func DefaultCacheDir() (string, error) {
	if d := os.Getenv("ASYNCLINGS_CACHE"); d != "" {
		return d, nil
	}
	base, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("find a cache directory (set ASYNCLINGS_CACHE): %w", err)
	}
	return filepath.Join(base, "asynclings"), nil
}

// Warm compiles the standard library (with and without the race detector)
// so that no check has to wait for it.
func (r *Runner) Warm(ctx context.Context) error {
	for _, race := range []bool{false, true} {
		if err := r.tc.warm(ctx, r.CacheDir, race); err != nil {
			return fmt.Errorf("warm the build cache: %w", err)
		}
	}
	return nil
}

// Warmed reports whether Warm has run to the end for this toolchain.
func (r *Runner) Warmed() bool {
	for _, race := range []bool{false, true} {
		if r.tc.closureSize(race) < 100 {
			return false
		}
	}
	return true
}

// Submission is one piece of code to check against one exercise.
type Submission struct {
	Exercise *engine.Exercise
	Code     string
	// Files are the learner's versions of the exercise's editable support
	// files, by name; one left out is the course's starter of it.
	Files map[string]string
	// Owner is whose code it is (a student's ID). Only submissions with
	// the same non-empty Owner may share a test binary: no one's code is
	// linked into, or readable from, another owner's run.
	Owner string
	// Runs is how many times the built binary runs, each time in a sandbox
	// and directory of its own (validate's flake hunting); 0 means once.
	// Result.Verdict is the first run's, Result.Runs every run's.
	Runs int

	src *source // prepared, in a batch
}

// Result is the verdict on the submission at Index of a batch.
type Result struct {
	Index   int
	Verdict engine.Verdict
	Err     error // the runner itself failed; the verdict is internal-error
	// Runs are the verdicts of every run, the first included, when the
	// submission asked for more than one.
	Runs []engine.Verdict
}

// Check grades code as the learner's file for ex. The error is for failures
// of the runner itself; anything wrong with the code is in the verdict.
func (r *Runner) Check(ctx context.Context, ex *engine.Exercise, code string) (engine.Verdict, error) {
	return r.CheckFiles(ctx, ex, code, nil)
}

// CheckFiles is Check with the learner's editable support files, by name.
func (r *Runner) CheckFiles(ctx context.Context, ex *engine.Exercise, code string, files map[string]string) (engine.Verdict, error) {
	res := <-r.Batch(ctx, []Submission{{Exercise: ex, Code: code, Files: files}}, 1)
	return res.Verdict, res.Err
}

// Batch checks submissions concurrently, at most workers steps at a time
// (every core when workers is 0), and sends each verdict as soon as it is
// known. The channel is closed when all are done.
//
// Submissions of one owner whose code runs nothing when its package starts
// share one test binary per kind (with or without the race detector): each
// is compiled as a package of its own and the binary is linked once, which
// saves most of the work of a check; each still runs in a sandbox of its
// own, from the same read-only binary, selecting its tests. No other
// submission's code runs in that process, and no other owner's code is in
// the binary, so sharing saves time without changing a verdict; a shared
// run that cannot be carried out, or that ends before its tests start, is
// checked alone.
func (r *Runner) Batch(ctx context.Context, subs []Submission, workers int) <-chan Result {
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	out := make(chan Result, len(subs))
	sl := &slots{build: make(chan struct{}, workers), run: make(chan struct{}, 4*workers), parked: make(chan struct{}, 4*workers)}
	go func() {
		defer close(out)
		var wg sync.WaitGroup
		var mu sync.Mutex
		groups := map[groupKey][]int{}
		// Preparing (the rules, type checks and vet, in this process)
		// takes one core per submission; one checked alone starts as
		// soon as it is prepared, the shared ones once all are.
		next := make(chan int)
		var prepared sync.WaitGroup
		for range min(workers, len(subs)) {
			prepared.Go(func() {
				for i := range next {
					s := subs[i]
					src, v, final := r.prepare(ctx, s.Exercise, s.Code, s.Files)
					switch {
					case final:
						res := Result{Index: i, Verdict: v}
						if v.Outcome == engine.OutcomeInternalError {
							res.Err = errors.New(v.Message)
						}
						out <- res
					case src.combinable && s.Owner != "" && len(subs) > 1:
						k := groupKey{s.Owner, s.Exercise.Race}
						mu.Lock()
						groups[k] = append(groups[k], i)
						subs[i].src = src
						mu.Unlock()
					default:
						wg.Go(func() { out <- r.checkOne(ctx, i, s.Exercise, src, s.Runs, sl) })
					}
				}
			})
		}
		for i := range subs {
			next <- i
		}
		close(next)
		prepared.Wait()
		for k, idx := range groups {
			slices.Sort(idx) // in the order given, however they were prepared
			race := k.race
			for len(idx) > 0 {
				n := min(len(idx), maxShared)
				chunk := idx[:n]
				idx = idx[n:]
				wg.Add(1)
				go func() {
					defer wg.Done()
					if len(chunk) == 1 {
						i := chunk[0]
						out <- r.checkOne(ctx, i, subs[i].Exercise, subs[i].src, subs[i].Runs, sl)
						return
					}
					r.shared(ctx, subs, chunk, race, sl, out)
				}()
			}
		}
		wg.Wait()
	}()
	return out
}

// groupKey is what submissions sharing a test binary have in common: one
// owner's code, built the same way.
type groupKey struct {
	owner string
	race  bool
}

// slots bound a batch's concurrent work: builds use the processor and get
// one slot per core; test runs spend much of their time waiting on their own
// deadlines and channels, and get four times as many. A run found only
// waiting (see sandbox.Spec.Waiting: a hung submission waiting for its
// tests' deadlines) moves to one of as many parked slots, and another run
// starts in its place.
type slots struct {
	build, run, parked chan struct{}
	exclusive          sync.Mutex // held by a run that needs the machine to itself (runSlot.alone)
}

// runSlot is the slot one submission's runs hold.
type runSlot struct {
	sl     *slots
	mu     sync.Mutex
	parked bool
}

// takeRun waits for a run slot (none is needed without slots).
func (sl *slots) takeRun() *runSlot {
	if sl == nil || sl.run == nil {
		return nil
	}
	sl.run <- struct{}{}
	return &runSlot{sl: sl}
}

// park moves a waiting run to a parked slot, if one is free, and frees
// its run slot.
func (s *runSlot) park() {
	if s == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.parked {
		return
	}
	select {
	case s.sl.parked <- struct{}{}:
		<-s.sl.run
		s.parked = true
	default:
	}
}

// resume takes a run slot again, for a next run of the submission.
func (s *runSlot) resume() {
	if s == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.parked {
		s.sl.run <- struct{}{}
		<-s.sl.parked
		s.parked = false
	}
}

// alone runs f with no other run or build of the batch under way, but
// those parked: it gives up the slot, waits until every run and build slot
// is its own (one such wait at a time), and takes its slot again after.
func (s *runSlot) alone(f func()) {
	if s == nil {
		f()
		return
	}
	s.release()
	sl := s.sl
	sl.exclusive.Lock()
	for range cap(sl.build) {
		sl.build <- struct{}{}
	}
	for range cap(sl.run) {
		sl.run <- struct{}{}
	}
	f()
	for range cap(sl.run) {
		<-sl.run
	}
	for range cap(sl.build) {
		<-sl.build
	}
	sl.exclusive.Unlock()
	s.mu.Lock()
	s.parked = false
	s.mu.Unlock()
	sl.run <- struct{}{}
}

func (s *runSlot) release() {
	if s == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.parked {
		<-s.sl.parked
	} else {
		<-s.sl.run
	}
}

func acquire(c chan struct{}) (release func()) {
	if c == nil {
		return func() {}
	}
	c <- struct{}{}
	return func() { <-c }
}

// maxShared bounds how many submissions share one test binary.
const maxShared = 64

// finish completes a verdict: its duration since start, and an internal
// error when the runner failed.
func finish(v engine.Verdict, start time.Time, err error) engine.Verdict {
	v.Duration = time.Since(start)
	if v.Tests == nil {
		v.Tests = []engine.TestResult{}
	}
	if err != nil {
		v.Outcome = engine.OutcomeInternalError
		if v.Message == "" {
			v.Message = err.Error()
		}
	}
	return v
}

// checkOne checks the prepared submission at index i alone, its binary run
// runs times.
func (r *Runner) checkOne(ctx context.Context, i int, ex *engine.Exercise, src *source, runs int, sl *slots) Result {
	var extra []engine.Verdict
	v, err := r.checkPrepared(ctx, ex, src, sl, runs, &extra)
	res := Result{Index: i, Verdict: v, Err: err}
	if runs > 1 {
		res.Runs = append([]engine.Verdict{v}, extra...)
	}
	return res
}

// checkPrepared builds a prepared submission and runs its binary; with runs
// above 1 it runs it again, each run in a directory of its own, the later
// verdicts going to extra.
func (r *Runner) checkPrepared(ctx context.Context, ex *engine.Exercise, src *source, sl *slots, runs int, extra *[]engine.Verdict) (v engine.Verdict, err error) {
	start := time.Now()
	defer func() { v = finish(v, start, err) }()
	root, err := workDir("", "check")
	if err != nil {
		return engine.Verdict{}, err
	}
	defer removeAll(root)
	// The sandbox may run as another user: it must be able to reach its
	// directory, and nothing else here.
	if err := os.Chmod(root, 0o711); err != nil {
		return engine.Verdict{}, err
	}
	build, run, binDir := filepath.Join(root, "build"), filepath.Join(root, "run"), filepath.Join(root, "bin")
	for _, d := range []string{build, run, binDir} {
		if err := os.Mkdir(d, 0o755); err != nil {
			return engine.Verdict{}, err
		}
	}
	// The binary lives beside the run's directory, not in it: the program
	// may read and execute it, never change it.
	bin := filepath.Join(binDir, strings.TrimSuffix(src.file, ".go")+".test")
	t0 := time.Now()
	defer func() { trace("total", t0) }()
	release := acquire(sl.build)
	msg, err := r.build(ctx, src, ex.Race, build, bin)
	release()
	if err != nil {
		return engine.Verdict{}, err
	} else if msg != "" {
		return engine.Verdict{Outcome: engine.OutcomeCompileError, Message: msg}, nil
	} else if v, ok := src.uncheckedVerdict(); ok {
		return v, nil
	}
	slot := sl.takeRun()
	defer slot.release()
	if err := execOnly(bin); err != nil {
		return engine.Verdict{}, err
	}
	v, err = r.run(ctx, ex, src, bin, run, slot)
	for n := 2; n <= runs && err == nil && ctx.Err() == nil; n++ {
		again := filepath.Join(root, "run"+strconv.Itoa(n))
		if err := os.Mkdir(again, 0o755); err != nil {
			return v, err
		}
		t := time.Now()
		slot.resume()
		w, err := r.run(ctx, ex, src, bin, again, slot)
		if err != nil {
			return v, err
		}
		*extra = append(*extra, finish(w, t, nil))
	}
	return v, err
}

// execOnly leaves a test binary executable by all and readable by its
// owner only: a program run as another user (as nobody, when asynclings
// runs as root) can execute it and not read it.
func execOnly(bin string) error { return os.Chmod(bin, 0o711) }

// removeAll removes a check's directory, also where the program closed
// directories it made to everyone: when the engine is not root, the program
// runs as the engine's user, and os.RemoveAll alone cannot empty them.
func removeAll(dir string) {
	if os.RemoveAll(dir) == nil {
		return
	}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			os.Chmod(p, 0o700)
		}
		return nil
	})
	os.RemoveAll(dir)
}

// build compiles and links the test binary. A non-empty message is a
// compile error in the submission.
func (r *Runner) build(ctx context.Context, src *source, race bool, dir, bin string) (string, error) {
	cfg, err := r.tc.importcfg(ctx, r.CacheDir, race, src.imports)
	if errors.Is(err, errNotStd) {
		return fmt.Sprintf("%s: %v", src.file, err), nil
	}
	if err != nil {
		return "", err
	}
	write := func(name string, b []byte) error { return os.WriteFile(filepath.Join(dir, name), b, 0o644) }
	// -trimpath keeps the temporary directory out of file names in
	// panics and traces, which name the learner's file alone.
	flags := []string{"-lang", r.tc.lang, "-complete", "-pack"}
	if race {
		flags = append(flags, "-race")
	}
	// The packages under test, each in a directory of its own, then the
	// harness: packages of their own, as go test builds them.
	for i, u := range src.units {
		sub := filepath.Join(dir, "p"+strconv.Itoa(i))
		if err := os.Mkdir(sub, 0o755); err != nil {
			return "", err
		}
		names := []string{}
		for name, b := range u.files {
			if err := os.WriteFile(filepath.Join(sub, name), b, 0o644); err != nil {
				return "", err
			}
			names = append(names, name)
		}
		slices.Sort(names)
		if err := write("importcfg", []byte(cfg)); err != nil {
			return "", err
		}
		archive := filepath.Join(dir, fmt.Sprintf("p%d.a", i))
		args := append([]string{"-o", archive, "-p", u.path, "-importcfg", "../importcfg", "-trimpath", sub}, flags...)
		if msg, err := r.tool(ctx, race, sub, "compile", append(args, names...)...); msg != "" || err != nil {
			return compileMessage(msg, src.nonce), err
		}
		cfg += fmt.Sprintf("packagefile %s=%s\n", u.path, archive)
	}
	last := src.units[len(src.units)-1]
	if err := write(harnessFile, harness([]testPkg{{path: last.path, funcs: src.funcs, hasMain: src.hasMain, nonce: src.nonce}})); err != nil {
		return "", err
	}
	if err := write("importcfg", []byte(cfg)); err != nil {
		return "", err
	}
	args := append([]string{"-o", "main.a", "-p", "main", "-importcfg", "importcfg", "-trimpath", dir}, flags...)
	if msg, err := r.tool(ctx, race, dir, "compile", append(args, harnessFile)...); msg != "" || err != nil {
		return compileMessage(msg, src.nonce), err
	}
	if err := write("importcfg.link", []byte(cfg+"packagefile main=main.a\n")); err != nil {
		return "", err
	}
	// A stripped binary links faster; panics still name files and lines.
	link := []string{"-o", bin, "-importcfg", "importcfg.link", "-buildmode=exe", "-s", "-w", testBinaryFlag}
	if race {
		link = append(link, "-race")
	}
	if msg, err := r.tool(ctx, race, dir, "link", append(link, "main.a")...); msg != "" || err != nil {
		return linkMessage(msg, err)
	}
	return "", nil
}

// tool runs the compiler or the linker, bounded like a run (see
// ToolLimits): a few lines of Go can make either work without end. Output
// from a failed run is the message, and a bound that stopped the tool is
// one too (it starts with buildStopped); err is for a tool that could not
// run at all.
func (r *Runner) tool(ctx context.Context, race bool, dir, name string, args ...string) (string, error) {
	defer trace(name, time.Now())
	cmd := exec.Command(filepath.Join(r.tc.toolDir, name), args...)
	cmd.Dir = dir
	// The compiler and linker are short-lived: garbage collection only
	// slows them down, until they come near their memory limit.
	limits := r.ToolLimits
	if limits.Memory <= 0 {
		limits.Memory = sandbox.DefaultToolMemory
	}
	cmd.Env = append(r.tc.env(r.CacheDir, race), "GOGC=off", fmt.Sprintf("GOMEMLIMIT=%d", limits.Memory/8*7))
	var key, out string
	kept := r.built != nil && !r.Fresh
	if kept {
		key, out, kept = r.built.key(r.tc, cmd.Env, limits, dir, name, args)
	}
	if kept && r.built.fetch(key, out) {
		return "", nil
	}
	res, err := sandbox.RunTool(ctx, cmd, limits)
	if err != nil {
		return "", fmt.Errorf("%s: %w", name, err)
	}
	if bound := res.Bound(); bound != "" {
		what := map[string]string{"compile": "compiling", "link": "linking"}[name]
		return fmt.Sprintf("%s while %s the code: %s", buildStopped, what, bound), nil
	}
	if res.ExitCode != 0 && len(res.Output) > 0 {
		return string(res.Output), nil
	}
	if res.ExitCode != 0 {
		return "", fmt.Errorf("%s: exit code %d", name, res.ExitCode)
	}
	if kept {
		r.built.store(key, out)
	}
	return "", nil
}

// buildStopped begins the message of a build that hit a bound.
const buildStopped = "the build was stopped"

// linkMessage is what a failed link means: a compile error when a bound
// stopped it (the learner's code made it too big or too slow) or the
// linker found the program's data too large to address (variables of
// gigabytes, each under the compiler's bound), else a failure of the
// runner's.
func linkMessage(msg string, err error) (string, error) {
	if err == nil && strings.HasPrefix(msg, buildStopped) {
		return msg, nil
	}
	if err == nil && (strings.Contains(msg, "too much data") || strings.Contains(msg, "symbol too large")) {
		first, _, _ := strings.Cut(msg, "\n")
		return "the program's data is too large to link (more than the linker can address): " + printable(first), nil
	}
	if err == nil {
		err = fmt.Errorf("link: %s", msg)
	}
	return "", err
}

// run runs the test binary in the sandbox and judges what the guard says.
func (r *Runner) run(ctx context.Context, ex *engine.Exercise, src *source, bin, dir string, slot *runSlot, env ...string) (engine.Verdict, error) {
	v, starved, err := r.runOnce(ctx, ex, src, bin, dir, slot, env...)
	if err != nil || !starved || v.Outcome != engine.OutcomeTimeout || slot == nil {
		return v, err
	}
	// It timed out while it waited for processors that the batch's other
	// runs held: whether it would have, checked alone, is the verdict. So
	// it runs again with the machine to itself.
	again := dir + "-alone"
	if err := os.Mkdir(again, 0o755); err != nil {
		return v, err
	}
	trace("starved "+ex.ID, time.Now())
	slot.alone(func() { v, _, err = r.runOnce(ctx, ex, src, bin, again, nil, env...) })
	return v, err
}

// runOnce is run's one run of the binary; starved says whether the program
// waited for processors a quarter of its timeout or more (in a batch).
func (r *Runner) runOnce(ctx context.Context, ex *engine.Exercise, src *source, bin, dir string, slot *runSlot, env ...string) (v engine.Verdict, starved bool, err error) {
	timeout := ex.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	// The timeout is one round's: cpu and stress run the tests again.
	timeout = min(timeout*time.Duration(max(len(ex.CPU), 1)*max(ex.Stress, 1)), MaxTimeout)
	var secret [24]byte
	rand.Read(secret[:])
	token := hex.EncodeToString(secret[:])
	// The key goes in and the records come out over channels that the
	// program cannot open a second time, as it could a pipe, through
	// /proc/self/fd: a reader of its own would see the key in the records.
	keyW, keyR, err := channel(true)
	if err != nil {
		return engine.Verdict{}, false, err
	}
	defer keyR.Close()
	keyW.WriteString(token) // fits in the channel's buffer; read by the guard's init
	keyW.Close()
	resR, resW, err := channel(false)
	if err != nil {
		return engine.Verdict{}, false, err
	}
	defer resR.Close()
	var records []byte
	readDone := make(chan struct{})
	go func() {
		defer close(readDone)
		records, _ = io.ReadAll(io.LimitReader(resR, maxOutput))
		io.Copy(io.Discard, resR)
	}()

	limits := r.Limits
	// The binary's own timeout comes first, so that a stuck run says
	// where its goroutines were; the sandbox's is the backstop.
	limits.Wall = timeout + 5*time.Second
	switch {
	case ex.Memory > engine.MaxMemory:
		return engine.Verdict{}, false, fmt.Errorf("the exercise asks for %d MiB of memory, more than the most the runner gives, %d MiB", ex.Memory>>20, engine.MaxMemory>>20)
	case ex.Memory > 0:
		limits.Memory = ex.Memory
	}
	if limits.Output == 0 {
		limits.Output = maxOutput
	}
	// The directory holds what go test's would: the learner's file under
	// its name and the exercise's data files (not the hidden test).
	seed := dir + ".seed"
	if err := writeSeed(seed, src, ex); err != nil {
		return engine.Verdict{}, false, err
	}
	defer os.RemoveAll(seed)
	spec := sandbox.Spec{
		Seed: seed,
		Path: bin,
		Args: testArgs(ex, timeout),
		Dir:  dir,
		Env: append([]string{
			"PATH=/usr/bin:/bin", "HOME=" + dir, "TMPDIR=" + dir, "GOTRACEBACK=all",
			"GORACE=halt_on_error=0 atexit_sleep_ms=0",
		}, env...),
		ExtraFiles: []*os.File{keyR, resW},
		Limits:     limits,
	}
	if slot != nil {
		spec.Waiting = slot.park
	}
	if ex.Race {
		// A race-enabled binary is linked against the C library. It gets
		// no /proc: there, /proc/self/mem would show it the guard's key.
		spec.ReadOnly = []string{"/lib", "/lib64", "/usr/lib", "/usr/lib64", "/etc/ld.so.cache"}
	}
	t1 := time.Now()
	res, err := sandbox.Run(ctx, spec)
	trace("sandbox "+ex.ID, t1)
	resW.Close()
	<-readDone
	if err != nil {
		return engine.Verdict{}, false, err
	}
	iso := engine.Isolation(res.Isolation)
	v = judge(readResults(records, token), parseOutput(res.Stdout), runInfo{
		exitCode: res.ExitCode, timedOut: res.TimedOut, memoryExceeded: res.MemoryExceeded,
		stderr: string(res.Stderr), truncated: res.OutputTruncated,
	}, src.tests, src.file, timeout)
	v.Isolation = &iso
	v.Advice = src.advice
	return v, res.RunDelay >= timeout/4, nil
}

// testArgs is the test binary's command line: go test's flags, with the
// exercise's cpu and stress (-test.cpu, -test.count), and the guard's
// goroutine-leak check when the exercise asks for it.
func testArgs(ex *engine.Exercise, timeout time.Duration) []string {
	args := []string{"-test.v=test2json", "-test.count=" + strconv.Itoa(max(ex.Stress, 1)), "-test.paniconexit0", "-test.timeout=" + timeout.String()}
	if len(ex.CPU) > 0 {
		cpus := make([]string, len(ex.CPU))
		for i, n := range ex.CPU {
			cpus[i] = strconv.Itoa(n)
		}
		args = append(args, "-test.cpu="+strings.Join(cpus, ","))
	}
	if ex.LeakCheck {
		args = append(args, leakFlag)
	}
	return args
}

// leakFlag turns on the guard's goroutine-leak check.
const leakFlag = "-asynclings.leaks"

// testBinaryFlag is the linker's flag with which the go command marks a test
// binary, so that testing.Testing reports true, as under go test.
const testBinaryFlag = "-X=testing.testBinary=1"

// writeSeed makes the directory a run's own is filled from: the learner's
// file and the support files as they were compiled, and the exercise's data
// files.
func writeSeed(seed string, src *source, ex *engine.Exercise) error {
	if err := os.Mkdir(seed, 0o755); err != nil {
		return err
	}
	files := map[string][]byte{src.file: src.units[0].files[src.file]}
	for _, name := range src.support {
		files[name] = src.units[0].files[name]
	}
	for name, content := range ex.Files {
		if !filepath.IsLocal(name) || filepath.Clean(name) == src.file {
			return fmt.Errorf("the exercise's data file %q is not a path inside the run's directory, or is the learner's file", name)
		}
		files[name] = []byte(content)
	}
	for name, b := range files {
		p := filepath.Join(seed, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// TestNames lists the test functions of a test file, read from its syntax
// tree: the tests a submission must run and pass.
func TestNames(src string) ([]string, error) {
	f, err := parser.ParseFile(token.NewFileSet(), hiddenFile, src, parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	names := hiddenFuncs(f).tests
	if len(names) == 0 {
		return nil, errors.New("it has no Test functions")
	}
	return names, nil
}

func isTestName(name string) bool {
	return name != "TestMain" && hasTestPrefix(name, "Test")
}

func isFuzzName(name string) bool { return hasTestPrefix(name, "Fuzz") }

// hasTestPrefix is go test's rule: the prefix, then nothing or anything
// but a lower-case letter.
func hasTestPrefix(name, prefix string) bool {
	rest, ok := strings.CutPrefix(name, prefix)
	return ok && (rest == "" || !('a' <= rest[0] && rest[0] <= 'z'))
}

func trace(what string, since time.Time) {
	if os.Getenv("ASYNCLINGS_TRACE") != "" {
		fmt.Fprintf(os.Stderr, "trace: %s %s\n", what, time.Since(since).Round(time.Millisecond))
	}
}
