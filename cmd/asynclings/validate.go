package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/engine/lint"
	"github.com/asynclings/asynclings/engine/runner"
	"github.com/asynclings/asynclings/engine/sandbox"
	"github.com/asynclings/asynclings/exercises"
)

// problem is one thing wrong with a course.
type problem struct {
	File    string `json:"file"`
	Line    int    `json:"line,omitempty"`
	Item    string `json:"item,omitempty"`
	Message string `json:"message"`
}

func (p problem) String() string {
	where := p.File
	if p.Line > 0 {
		where += ":" + strconv.Itoa(p.Line)
	}
	if p.Item != "" {
		return fmt.Sprintf("%s: %s: %s", where, p.Item, p.Message)
	}
	return fmt.Sprintf("%s: %s", where, p.Message)
}

type skipped struct {
	Item   string `json:"item"`
	Reason string `json:"reason"`
}

type validateJSON struct {
	Course    string      `json:"course"`
	OK        bool        `json:"ok"`
	Problems  []problem   `json:"problems"`
	Exercises int         `json:"exercises"`
	Questions int         `json:"questions"`
	Programs  int         `json:"programs_run"`
	Skipped   []skipped   `json:"skipped"`
	Wrong     []wrongJSON `json:"wrong"`
	// Warnings are the course lint's (engine/lint): not failures.
	Warnings   []lint.Warning `json:"warnings"`
	Runs       int            `json:"runs"`
	DurationMS int64          `json:"duration_ms"`
}

// cmdValidate checks a course the way its learners will meet it: the loader's
// checks, then every reference solution and starter through the runner, and
// every Tracing program built and run. The course lint's warnings
// (engine/lint) follow the problems; they do not change the exit status.
var (
	validateOnly []string
	validateRuns int
)

func validateFlags(fs *flag.FlagSet, a *app) {
	validateOnly = nil
	fs.Func("only", "validate only these items or chapters (IDs, comma-separated; repeatable)", func(s string) error {
		for _, id := range strings.Split(s, ",") {
			if id = strings.TrimSpace(id); id != "" {
				validateOnly = append(validateOnly, id)
			}
		}
		return nil
	})
	fs.IntVar(&validateRuns, "runs", 1, "run solutions and wrong solutions this many times, with the machine loaded, and report any verdict that changed")
}

func (a *app) cmdValidate(ctx context.Context, args []string) error {
	if len(args) > 1 {
		return usageErr("validate takes at most one course path")
	}
	start := time.Now()
	if validateRuns < 1 {
		return usageErr("validate --runs must be at least 1")
	}
	out := validateJSON{Problems: []problem{}, Skipped: []skipped{}, Wrong: []wrongJSON{}, Warnings: []lint.Warning{}, Runs: validateRuns}
	var course *engine.Course
	var err error
	switch {
	case len(args) == 1:
		out.Course = args[0]
		course, err = engine.Load(args[0])
	case a.coursePath != "":
		out.Course = a.coursePath
		course, err = engine.Load(a.coursePath)
	default:
		out.Course = "(built-in course)"
		course, err = engine.LoadFS(exercises.Course(), "exercises/course")
	}
	var loadErrs engine.Errors
	switch {
	case errors.As(err, &loadErrs):
		for _, e := range loadErrs {
			out.Problems = append(out.Problems, problem{File: e.File, Line: e.Line, Message: e.Msg})
		}
	case err != nil:
		return &exitError{code: 2, err: err}
	default:
		r, err := a.getRunner()
		if err != nil {
			return &exitError{code: 2, err: err}
		}
		v := &validator{r: r, out: &out, only: validateOnly, runs: validateRuns}
		stop := func() {}
		if !a.json {
			stop = startSpinner(a.stderr, "Validating "+course.Title)
			if v.runs > 1 {
				v.progress = func(run int) { fmt.Fprintf(a.stderr, "\rrun %d of %d (machine loaded)\n", run, v.runs) }
			}
		}
		v.run(ctx, course)
		stop()
		if len(v.only) > 0 && out.Exercises+out.Questions == 0 {
			return usageErr("validate --only: no item or chapter of %s has the ID %s", course.Title, strings.Join(v.only, ", "))
		}
		if ctx.Err() != nil {
			return &exitError{code: 2, err: ctx.Err()}
		}
		out.Warnings = append(out.Warnings, lintCourse(course, v.only)...)
	}
	slices.SortFunc(out.Problems, func(x, y problem) int {
		if c := strings.Compare(x.File, y.File); c != 0 {
			return c
		}
		return x.Line - y.Line
	})
	out.OK = len(out.Problems) == 0
	out.DurationMS = time.Since(start).Milliseconds()
	if a.json {
		if err := a.writeJSON(out); err != nil {
			return err
		}
	} else {
		w := a.stdout
		for _, p := range out.Problems {
			fmt.Fprintln(w, p)
		}
		for _, s := range out.Skipped {
			fmt.Fprintf(w, "skipped %s: %s\n", s.Item, s.Reason)
		}
		for _, wr := range out.Wrong {
			fmt.Fprintf(w, "wrong %s/%s: caught by %s\n", wr.Exercise, wr.Name, wr.Caught)
		}
		for _, lw := range out.Warnings {
			fmt.Fprintln(w, lw)
		}
		warnings := fmt.Sprintf("%d warning", len(out.Warnings))
		if len(out.Warnings) != 1 {
			warnings += "s"
		}
		if out.OK {
			runs := ""
			if out.Runs > 1 {
				runs = fmt.Sprintf(", no verdict changed in %d runs", out.Runs)
			}
			fmt.Fprintf(w, "%s: everything holds: %d exercises (solutions pass, starters fail, %d wrong solutions fail%s), %d questions, %d programs run, %s, in %s.\n",
				out.Course, out.Exercises, len(out.Wrong), runs, out.Questions, out.Programs, warnings, time.Since(start).Round(100*time.Millisecond))
		} else {
			fmt.Fprintf(w, "%s: %d problem(s), %s.\n", out.Course, len(out.Problems), warnings)
		}
	}
	if !out.OK {
		return failed
	}
	return nil
}

// lintCourse is the course lint's warnings on c (see engine/lint); with
// --only, those about the items and chapters let in, course-wide ones left
// out (they speak of the whole course).
func lintCourse(c *engine.Course, only []string) []lint.Warning {
	ws := lint.Course(c)
	if len(only) == 0 {
		return ws
	}
	var kept []lint.Warning
	for _, w := range ws {
		_, id, _ := strings.Cut(w.Item, " ")
		switch {
		case id == "":
		case strings.HasPrefix(w.Item, "chapter "):
			if slices.Contains(only, id) {
				kept = append(kept, w)
			}
		default:
			if it, ok := c.Find(id); ok && (slices.Contains(only, id) || slices.Contains(only, it.ItemChapter().ID)) {
				kept = append(kept, w)
			}
		}
	}
	return kept
}

type validator struct {
	r        *runner.Runner
	only     []string // --only: item and chapter IDs
	runs     int      // --runs
	progress func(run int)
	mu       sync.Mutex
	out      *validateJSON
}

func (v *validator) problem(file string, line int, item, format string, args ...any) {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.out.Problems = append(v.out.Problems, problem{File: file, Line: line, Item: item, Message: fmt.Sprintf(format, args...)})
}

// checkRole is what a submission of validate's stands for.
type checkRole int

const (
	roleSolution checkRole = iota
	roleStarter
	roleWrong
)

// courseCheck is one submission validate makes: an exercise's solution,
// starter or one of its wrong entries.
type courseCheck struct {
	ex    *engine.Exercise
	role  checkRole
	wrong *engine.Wrong
	// verdicts: did it pass, run by run (flake hunting).
	passes []bool
	caught string // for a wrong entry: what failed it, from the first run
}

func (c *courseCheck) name() string {
	switch c.role {
	case roleStarter:
		return "the starter"
	case roleWrong:
		return "wrong solution " + c.wrong.Name
	}
	return "the reference solution"
}

func (c *courseCheck) code() string {
	switch c.role {
	case roleStarter:
		return c.ex.Starter
	case roleWrong:
		return c.wrong.Code
	}
	return c.ex.Solution
}

// wrongJSON is what validate found of a wrong entry.
type wrongJSON struct {
	Exercise string `json:"exercise"`
	Name     string `json:"name"`
	Caught   string `json:"caught_by"`
}

func (v *validator) run(ctx context.Context, c *engine.Course) {
	var checks []*courseCheck
	var tracing []*engine.Question
	for _, ch := range c.Chapters {
		for _, ex := range ch.Exercises {
			if !v.selected(ex.ID, ch.ID) {
				continue
			}
			v.out.Exercises++
			if len(ex.Hints) == 0 {
				v.problem(ch.File, ex.Line, "exercise "+ex.ID, "has no hints")
			}
			checks = append(checks, &courseCheck{ex: ex, role: roleSolution}, &courseCheck{ex: ex, role: roleStarter})
			for i := range ex.Wrong {
				checks = append(checks, &courseCheck{ex: ex, role: roleWrong, wrong: &ex.Wrong[i]})
			}
		}
		for _, q := range ch.Questions {
			if !v.selected(q.ID, ch.ID) {
				continue
			}
			v.out.Questions++
			if q.Type == engine.Tracing {
				tracing = append(tracing, q)
			}
		}
	}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		v.runChecks(ctx, checks)
	}()
	jobs := make(chan *engine.Question)
	for range runtime.NumCPU() {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for q := range jobs {
				v.tracing(ctx, q)
			}
		}()
	}
	for _, q := range tracing {
		jobs <- q
	}
	close(jobs)
	wg.Wait()
}

// selected says whether validate --only lets the item (or its chapter) in.
func (v *validator) selected(id, chapter string) bool {
	return len(v.only) == 0 || slices.Contains(v.only, id) || slices.Contains(v.only, chapter)
}

// runChecks checks every solution, starter and wrong entry, then runs the
// solutions and wrong entries again, runs-1 times, with every core kept busy
// by the validator's own goroutines, and reports any verdict that changed.
func (v *validator) runChecks(ctx context.Context, checks []*courseCheck) {
	v.batch(ctx, checks)
	for _, c := range checks {
		v.judge(c)
	}
	if v.runs <= 1 {
		return
	}
	var again []*courseCheck
	for _, c := range checks {
		if c.role != roleStarter && len(c.passes) == 1 {
			again = append(again, c)
		}
	}
	stop := loadMachine()
	defer stop()
	for run := 2; run <= v.runs && ctx.Err() == nil; run++ {
		if v.progress != nil {
			v.progress(run)
		}
		v.batch(ctx, again)
	}
	for _, c := range again {
		if i := slices.Index(c.passes, !c.passes[0]); i > 0 {
			n := 0
			for _, p := range c.passes {
				if p != c.passes[0] {
					n++
				}
			}
			v.problem(c.ex.Chapter.File, v.line(c), "exercise "+c.ex.ID, "%s is flaky: its verdict changed in %d of %d runs (first in run %d)", c.name(), n, len(c.passes), i+1)
		}
	}
}

func (v *validator) line(c *courseCheck) int {
	if c.role == roleWrong {
		return c.wrong.Line
	}
	return c.ex.Line
}

// batch checks each of checks once, through the runner, and records its
// verdict.
func (v *validator) batch(ctx context.Context, checks []*courseCheck) {
	subs := make([]runner.Submission, len(checks))
	for i, c := range checks {
		// The course author's own code: it may share test binaries.
		subs[i] = runner.Submission{Exercise: c.ex, Code: c.code(), Owner: "course"}
	}
	for res := range v.r.Batch(ctx, subs, 0) {
		c := checks[res.Index]
		if res.Err != nil {
			if ctx.Err() == nil {
				v.problem(c.ex.Chapter.File, v.line(c), "exercise "+c.ex.ID, "%s could not be checked: %v", c.name(), res.Err)
			}
			continue
		}
		c.passes = append(c.passes, res.Verdict.Passed())
		if len(c.passes) > 1 {
			continue
		}
		verdict := res.Verdict
		switch c.role {
		case roleSolution:
			if !verdict.Passed() {
				v.problem(c.ex.Chapter.File, c.ex.Line, "exercise "+c.ex.ID, "the reference solution does not pass: %s", describeVerdict(verdict))
			}
		case roleStarter:
			if verdict.Passed() {
				v.problem(c.ex.Chapter.File, c.ex.Line, "exercise "+c.ex.ID, "the starter passes the tests: there is nothing left to do")
			} else if refused(verdict) {
				v.problem(c.ex.Chapter.File, c.ex.Line, "exercise "+c.ex.ID, "the starter does not build: %s", describeVerdict(verdict))
			}
		case roleWrong:
			if !verdict.Passed() && !refused(verdict) {
				c.caught = caughtBy(verdict)
			}
			switch {
			case verdict.Passed():
				v.problem(c.ex.Chapter.File, c.wrong.Line, "exercise "+c.ex.ID, "wrong solution %s passes the tests, which do not catch its mistake (%s)", c.wrong.Name, c.wrong.Why)
			case refused(verdict):
				v.problem(c.ex.Chapter.File, c.wrong.Line, "exercise "+c.ex.ID, "wrong solution %s is stale: it does not build, so it proves nothing about the tests: %s", c.wrong.Name, describeVerdict(verdict))
			}
		}
	}
}

// refused is true for a verdict on code that was refused before it ran.
func refused(v engine.Verdict) bool {
	return v.Outcome == engine.OutcomeCompileError || v.Outcome == engine.OutcomeRuleViolation
}

// judge records what caught a wrong entry, for the report.
func (v *validator) judge(c *courseCheck) {
	if c.role != roleWrong || c.caught == "" {
		return
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	v.out.Wrong = append(v.out.Wrong, wrongJSON{Exercise: c.ex.ID, Name: c.wrong.Name, Caught: c.caught})
}

// caughtBy names what failed a verdict: the failing tests, else its outcome.
func caughtBy(v engine.Verdict) string {
	var tests []string
	for _, t := range v.Tests {
		if t.Status != "pass" && t.Status != "skip" {
			tests = append(tests, t.Name)
		}
	}
	switch {
	case len(tests) > 0 && v.Message != "" && v.Outcome != engine.OutcomeFail:
		return fmt.Sprintf("%s (%s: %s)", strings.Join(tests, ", "), v.Outcome, firstLine(v.Message))
	case len(tests) > 0:
		return strings.Join(tests, ", ")
	case v.Message != "":
		return fmt.Sprintf("%s: %s", v.Outcome, firstLine(v.Message))
	}
	return string(v.Outcome)
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	if len(s) > 120 {
		s = s[:117] + "..."
	}
	return s
}

// loadMachine keeps every core busy with goroutines of the validator's own,
// at a low priority, until stop is called: flakes show under load.
func loadMachine() (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	for range runtime.NumCPU() {
		wg.Add(1)
		go func() {
			defer wg.Done()
			x := 1
			for {
				select {
				case <-done:
					return
				default:
				}
				for i := range 1 << 16 {
					x = x*31 + i
				}
			}
		}()
	}
	return func() { close(done); wg.Wait() }
}

func describeVerdict(v engine.Verdict) string {
	parts := []string{string(v.Outcome)}
	if v.Message != "" {
		parts = append(parts, v.Message)
	}
	for _, t := range v.Tests {
		if t.Status != "pass" {
			msg, _, _ := strings.Cut(t.Message, "\n")
			parts = append(parts, t.Name+": "+msg)
		}
	}
	return strings.Join(parts, "; ")
}

// programTimeout bounds a Tracing program's run.
const programTimeout = 10 * time.Second

var rustFn = regexp.MustCompile(`(?m)^\s*(pub\s+)?(async\s+)?fn\s+main\s*\(`)

// tracing builds and runs a Tracing question's program, twice, and compares
// what happens with the stated answer.
func (v *validator) tracing(ctx context.Context, q *engine.Question) {
	item, file := "question "+q.ID, q.Chapter.File
	isGo := regexp.MustCompile(`(?m)^package\s+main\b`).MatchString(q.Program)
	// run also gives every line the compiler's errors involve.
	var run func() (runner.Program, []int, error)
	switch {
	case isGo:
		run = func() (runner.Program, []int, error) {
			p, err := v.r.RunProgram(ctx, q.Program, programTimeout)
			return p, goErrorLines(p.Errors), err
		}
	case rustFn.MatchString(q.Program):
		rustc, err := exec.LookPath("rustc")
		if err != nil {
			v.skip(item, "a Rust program, and rustc is not installed")
			return
		}
		run = func() (runner.Program, []int, error) { return runRust(ctx, rustc, q.Program) }
	default:
		v.skip(item, "the program's language is neither Go nor Rust")
		return
	}
	var runs [2]runner.Program
	var lines []int
	for i := range runs {
		p, l, err := run()
		if err != nil {
			v.problem(file, q.Line, item, "could not run the program: %v", err)
			return
		}
		runs[i] = p
		if !p.Compiles {
			lines = l
			break
		}
	}
	v.mu.Lock()
	v.out.Programs++
	v.mu.Unlock()
	p := runs[0]
	switch {
	case p.Compiles != q.DoesCompile && q.DoesCompile:
		first, _, _ := strings.Cut(p.Errors, "\n")
		v.problem(file, q.Line, item, "the answer says the program compiles, but it does not: %s", first)
	case p.Compiles != q.DoesCompile:
		v.problem(file, q.Line, item, "the answer says the program does not compile, but it does")
	case !p.Compiles && q.LineNumber > 0 && len(lines) > 0 && !slices.Contains(lines, q.LineNumber):
		// mdbook-quiz's lineNumber is the last line involved in the
		// error, so any line of the errors' spans is taken.
		v.problem(file, q.Line, item, "the answer puts the compile error on line %d, but the compiler's errors involve %s", q.LineNumber, lineList(lines))
	case !p.Compiles:
	case p.TimedOut:
		v.problem(file, q.Line, item, "the program did not finish within %s", programTimeout)
	case ending(p) != q.Failure:
		v.problem(file, q.Line, item, "the answer says the program %s, but it %s", endingText(q.Failure), endingText(ending(p)))
	case strings.TrimSpace(p.Stdout) != strings.TrimSpace(q.Stdout):
		v.problem(file, q.Line, item, "the answer says the program prints %q, but it prints %q", strings.TrimSpace(q.Stdout), strings.TrimSpace(p.Stdout))
	case runs[1].Compiles && strings.TrimSpace(runs[1].Stdout) != strings.TrimSpace(p.Stdout):
		v.problem(file, q.Line, item, "the program's output changes from run to run (%q, then %q)", strings.TrimSpace(p.Stdout), strings.TrimSpace(runs[1].Stdout))
	}
}

func ending(p runner.Program) string {
	switch {
	case p.Deadlocked:
		return engine.FailureDeadlock
	case p.Panicked:
		return engine.FailurePanic
	case p.ExitCode != 0:
		return "exit " + strconv.Itoa(p.ExitCode)
	}
	return ""
}

func endingText(e string) string {
	switch {
	case e == "":
		return "ends normally"
	case e == engine.FailurePanic:
		return "panics"
	case e == engine.FailureDeadlock:
		return "deadlocks"
	}
	return "ends with " + e
}

func (v *validator) skip(item, reason string) {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.out.Skipped = append(v.out.Skipped, skipped{Item: item, Reason: reason})
}

// goErrorLines is every line of main.go that the Go compiler's messages name,
// the errors' own and those they point to ("other declaration of x").
func goErrorLines(msgs string) []int {
	var lines []int
	for _, m := range goErrorLine.FindAllStringSubmatch(msgs, -1) {
		n, _ := strconv.Atoi(m[1])
		lines = append(lines, n)
	}
	slices.Sort(lines)
	return slices.Compact(lines)
}

var goErrorLine = regexp.MustCompile(`\bmain\.go:(\d+):\d+`)

// lineList renders sorted lines for a message: "line 4", "lines 2, 3 and 4".
func lineList(lines []int) string {
	s := make([]string, len(lines))
	for i, n := range lines {
		s[i] = strconv.Itoa(n)
	}
	if len(s) == 1 {
		return "line " + s[0]
	}
	return "lines " + strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}

// rustDiagnostic is one of rustc's JSON diagnostics (--error-format json).
type rustDiagnostic struct {
	Level    string     `json:"level"`
	Spans    []rustSpan `json:"spans"`
	Rendered string     `json:"rendered"`
}

type rustSpan struct {
	File      string `json:"file_name"`
	LineStart int    `json:"line_start"`
	LineEnd   int    `json:"line_end"`
	Primary   bool   `json:"is_primary"`
	Expansion *struct {
		Span rustSpan `json:"span"`
	} `json:"expansion"`
}

// rustErrors reads rustc's JSON diagnostics: the rendered messages, the line
// of the first error, and every line of main.rs in the errors' spans (primary
// and labelled, a span inside a macro counted at its call in main.rs).
func rustErrors(out []byte) (msgs string, first int, lines []int) {
	var text []string
	for _, raw := range bytes.Split(out, []byte("\n")) {
		var d rustDiagnostic
		if json.Unmarshal(raw, &d) != nil {
			if s := strings.TrimSpace(string(raw)); s != "" {
				text = append(text, s)
			}
			continue
		}
		if d.Rendered != "" {
			text = append(text, strings.TrimRight(d.Rendered, "\n"))
		}
		if !strings.HasPrefix(d.Level, "error") {
			continue
		}
		for _, sp := range d.Spans {
			for sp.File != "main.rs" && sp.Expansion != nil {
				sp = sp.Expansion.Span
			}
			if sp.File != "main.rs" {
				continue
			}
			if sp.Primary && first == 0 {
				first = sp.LineStart
			}
			for n := sp.LineStart; n <= max(sp.LineEnd, sp.LineStart); n++ {
				lines = append(lines, n)
			}
		}
	}
	slices.Sort(lines)
	return strings.Join(text, "\n"), first, slices.Compact(lines)
}

// runRust compiles a Rust Tracing program with rustc and runs it in the
// sandbox; when it does not compile, it also gives the lines of its errors.
func runRust(ctx context.Context, rustc, src string) (runner.Program, []int, error) {
	var p runner.Program
	dir, err := os.MkdirTemp("", "asynclings-rust-*")
	if err != nil {
		return p, nil, err
	}
	defer os.RemoveAll(dir)
	if err := os.Chmod(dir, 0o711); err != nil {
		return p, nil, err
	}
	run := filepath.Join(dir, "run")
	if err := os.Mkdir(run, 0o755); err != nil {
		return p, nil, err
	}
	if err := os.WriteFile(filepath.Join(dir, "main.rs"), []byte(src), 0o644); err != nil {
		return p, nil, err
	}
	cmd := exec.CommandContext(ctx, rustc, "--edition", "2021", "--error-format", "json", "--json", "diagnostic-short", "-o", filepath.Join(run, "main"), "main.rs")
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			return p, nil, err
		}
		var lines []int
		p.Errors, p.ErrorLine, lines = rustErrors(out)
		return p, lines, nil
	}
	p.Compiles = true
	res, err := sandbox.Run(ctx, sandbox.Spec{
		Path: filepath.Join(run, "main"), Dir: run, Env: []string{"PATH=/usr/bin:/bin"},
		ReadOnly: []string{"/lib", "/lib64", "/usr/lib", "/usr/lib64", "/etc/ld.so.cache"},
		Limits:   sandbox.Limits{Wall: programTimeout},
	})
	if err != nil {
		return p, nil, err
	}
	p.Stdout, p.Stderr, p.ExitCode, p.TimedOut = string(res.Stdout), string(res.Stderr), res.ExitCode, res.TimedOut
	p.Panicked = strings.Contains(p.Stderr, "panicked at")
	return p, nil, nil
}
