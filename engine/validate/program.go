package validate

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/engine/runner"
	"github.com/asynclings/asynclings/engine/sandbox"
)

// programTimeout bounds each run of a Tracing program.
const programTimeout = 10 * time.Second

var (
	goMain      = regexp.MustCompile(`(?m)^package\s+main\b`)
	rustMain    = regexp.MustCompile(`(?m)^\s*(pub\s+)?(async\s+)?fn\s+main\s*\(`)
	goErrorLine = regexp.MustCompile(`\bmain\.go:(\d+):\d+`)
)

// tracing builds and runs a Tracing question's program, twice, and compares
// what happens with the stated answer.
func (v *validator) tracing(ctx context.Context, q *engine.Question) {
	item, file := "question "+q.ID, q.Chapter.File
	// run also gives every line the compiler's errors involve.
	var run func() (runner.Program, []int, error)
	switch {
	case goMain.MatchString(q.Program):
		run = func() (runner.Program, []int, error) {
			p, err := v.r.RunProgram(ctx, q.Program, programTimeout)
			return p, goErrorLines(p.Errors), err
		}
	case rustMain.MatchString(q.Program):
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
	v.rep.Programs++
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

// ending is how a program ended, in the terms of a Tracing answer's failure.
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
