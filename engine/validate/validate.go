// Package validate checks a course the way its learners will meet it: every
// reference solution passes, every starter fails (and builds), every wrong
// solution fails, every Tracing program does what its answer says, and, with
// more than one run, no verdict changes from run to run on a loaded machine.
// The course lint's warnings (engine/lint) come with the report; they are not
// problems.
//
// The report is a value for the caller to print; the package prints nothing.
package validate

import (
	"cmp"
	"context"
	"fmt"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/engine/lint"
	"github.com/asynclings/asynclings/engine/runner"
)

// Options say what to validate and how.
type Options struct {
	// Only, when set, are the item and chapter IDs to validate; the rest of
	// the course is left out.
	Only []string
	// Runs is how many times solutions and wrong solutions are checked; from
	// the second run on, the machine is kept loaded and any verdict that
	// changes is a problem. Less than 1 counts as 1.
	Runs int
	// Progress, if set, is called once when the repeated runs (Runs > 1)
	// begin, with run 1.
	Progress func(run, of int)
}

// Report is what validating a course found. Its JSON form is the one
// "asynclings validate --json" prints.
type Report struct {
	Problems  []Problem `json:"problems"`
	Exercises int       `json:"exercises"`
	Questions int       `json:"questions"`
	Programs  int       `json:"programs_run"` // Tracing programs built and run
	Skipped   []Skipped `json:"skipped"`
	Wrong     []Wrong   `json:"wrong"` // the wrong solutions caught, and what caught them
	// Warnings are the course lint's: not problems.
	Warnings []lint.Warning `json:"warnings"`
	Runs     int            `json:"runs"`
	Duration time.Duration  `json:"-"`
}

// OK says whether the course holds: no problem was found.
func (r *Report) OK() bool { return len(r.Problems) == 0 }

// Problem is one thing wrong with a course.
type Problem struct {
	File    string `json:"file"`
	Line    int    `json:"line,omitempty"`
	Item    string `json:"item,omitempty"` // "exercise ID" or "question ID"
	Message string `json:"message"`
}

// String is the problem as "file:line: item: message".
func (p Problem) String() string {
	where := p.File
	if p.Line > 0 {
		where += ":" + strconv.Itoa(p.Line)
	}
	if p.Item != "" {
		return fmt.Sprintf("%s: %s: %s", where, p.Item, p.Message)
	}
	return fmt.Sprintf("%s: %s", where, p.Message)
}

// Skipped is an item that could not be validated here, and why.
type Skipped struct {
	Item   string `json:"item"`
	Reason string `json:"reason"`
}

// Wrong is a wrong solution the tests caught.
type Wrong struct {
	Exercise string `json:"exercise"`
	Name     string `json:"name"`
	CaughtBy string `json:"caught_by"` // the failing tests, else the verdict's outcome
}

// OnlyError is returned when Options.Only lets no item of the course in.
type OnlyError struct {
	Course string // the course's title
	IDs    []string
}

func (e *OnlyError) Error() string {
	return fmt.Sprintf("no item or chapter of %s has the ID %s", e.Course, strings.Join(e.IDs, ", "))
}

func newReport(opts Options) *Report {
	return &Report{Problems: []Problem{}, Skipped: []Skipped{}, Wrong: []Wrong{}, Warnings: []lint.Warning{}, Runs: max(opts.Runs, 1)}
}

// LoadErrors is the report on a course the loader refused: one problem for
// each of its errors.
func LoadErrors(errs engine.Errors, opts Options) *Report {
	rep := newReport(opts)
	for _, e := range errs {
		rep.Problems = append(rep.Problems, Problem{File: e.File, Line: e.Line, Message: e.Msg})
	}
	sortProblems(rep.Problems)
	return rep
}

// Course validates c, checking its code through r. The error is an
// *OnlyError when opts.Only names nothing in c, or the context's when it was
// cancelled; what is wrong with the course is in the report.
func Course(ctx context.Context, c *engine.Course, r *runner.Runner, opts Options) (*Report, error) {
	start := time.Now()
	v := &validator{r: r, rep: newReport(opts), only: opts.Only, progress: opts.Progress}
	checks, tracing := v.plan(c)
	if len(v.only) > 0 && v.rep.Exercises+v.rep.Questions == 0 {
		return nil, &OnlyError{Course: c.Title, IDs: v.only}
	}
	var wg sync.WaitGroup
	wg.Go(func() { v.runChecks(ctx, checks) })
	jobs := make(chan *engine.Question)
	for range runtime.NumCPU() {
		wg.Go(func() {
			for q := range jobs {
				v.tracing(ctx, q)
			}
		})
	}
	for _, q := range tracing {
		jobs <- q
	}
	close(jobs)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	v.rep.Warnings = append(v.rep.Warnings, lintCourse(c, v.only)...)
	sortProblems(v.rep.Problems)
	v.rep.Duration = time.Since(start)
	return v.rep, nil
}

func sortProblems(ps []Problem) {
	slices.SortFunc(ps, func(x, y Problem) int {
		return cmp.Or(strings.Compare(x.File, y.File), x.Line-y.Line)
	})
}

// lintCourse is the course lint's warnings on c (see engine/lint); with
// only, those about the items and chapters let in, course-wide ones left out
// (they speak of the whole course).
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
	only     []string
	progress func(run, of int)
	mu       sync.Mutex // guards rep
	rep      *Report
}

func (v *validator) problem(file string, line int, item, format string, args ...any) {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.rep.Problems = append(v.rep.Problems, Problem{File: file, Line: line, Item: item, Message: fmt.Sprintf(format, args...)})
}

func (v *validator) skip(item, reason string) {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.rep.Skipped = append(v.rep.Skipped, Skipped{Item: item, Reason: reason})
}

// plan counts the items let in, reports exercises without hints, and gives
// the submissions to check and the Tracing programs to run.
func (v *validator) plan(c *engine.Course) (checks []*check, tracing []*engine.Question) {
	for _, ch := range c.Chapters {
		for _, ex := range ch.Exercises {
			if !v.selected(ex.ID, ch.ID) {
				continue
			}
			v.rep.Exercises++
			if len(ex.Hints) == 0 {
				v.problem(ch.File, ex.Line, "exercise "+ex.ID, "has no hints")
			}
			checks = append(checks, &check{ex: ex, role: roleSolution}, &check{ex: ex, role: roleStarter})
			for i := range ex.Wrong {
				checks = append(checks, &check{ex: ex, role: roleWrong, wrong: &ex.Wrong[i]})
			}
		}
		for _, q := range ch.Questions {
			if !v.selected(q.ID, ch.ID) {
				continue
			}
			v.rep.Questions++
			if q.Type == engine.Tracing {
				tracing = append(tracing, q)
			}
		}
	}
	return checks, tracing
}

// selected says whether Options.Only lets the item (or its chapter) in.
func (v *validator) selected(id, chapter string) bool {
	return len(v.only) == 0 || slices.Contains(v.only, id) || slices.Contains(v.only, chapter)
}
