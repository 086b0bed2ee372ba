package runner_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/engine/runner"
	"github.com/asynclings/asynclings/exercises"
)

// TestOneVerdict holds check, validate and grade to one verdict: reference
// solutions and starters of the built-in course are checked alone (as check
// and watch do), in one batch of one owner (as validate does) and in a batch
// of several owners (as grade does): the three agree on every solution's
// outcome and test statuses, and on every starter failing. One exercise of
// each kind the runner treats differently stands for its kind (validate
// runs every one of them in make test).
func TestOneVerdict(t *testing.T) {
	r := newRunner(t)
	c, err := engine.LoadFS(exercises.Course(), "course")
	if err != nil {
		t.Fatal(err)
	}
	var subs []runner.Submission
	var names []string
	seen := map[string]bool{}
	for _, ch := range c.Chapters {
		for _, ex := range ch.Exercises {
			if k := kind(ex); seen[k] {
				continue
			} else {
				seen[k] = true
			}
			for _, kind := range []string{"solution", "starter"} {
				code, e := ex.Solution, ex
				if kind == "starter" {
					// Starters often wait for their timeout: a short one,
					// the same for all three ways, keeps the test quick.
					short := *ex
					short.Timeout = min(ex.Timeout, 2*time.Second)
					if short.Timeout <= 0 {
						short.Timeout = 2 * time.Second
					}
					code, e = ex.Starter, &short
				}
				subs = append(subs, runner.Submission{Exercise: e, Code: code})
				names = append(names, ex.ID+" "+kind)
			}
		}
	}
	t.Logf("%d kinds of exercise, %d submissions", len(seen), len(subs))
	summary := func(v engine.Verdict) string {
		var b strings.Builder
		b.WriteString(string(v.Outcome))
		for _, tr := range v.Tests {
			fmt.Fprintf(&b, " %s=%s", tr.Name, tr.Status)
		}
		return b.String()
	}
	batch := func(owner func(i int) string) []string {
		in := slices.Clone(subs)
		for i := range in {
			in[i].Owner = owner(i)
		}
		out := make([]string, len(in))
		for res := range r.Batch(context.Background(), in, 0) {
			if res.Err != nil {
				t.Errorf("%s: %v", names[res.Index], res.Err)
			}
			out[res.Index] = summary(res.Verdict)
		}
		return out
	}
	alone := make([]string, len(subs))
	var wg sync.WaitGroup
	sem := make(chan struct{}, 8)
	for i, s := range subs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			v, err := r.Check(context.Background(), s.Exercise, s.Code)
			if err != nil {
				t.Errorf("%s: %v", names[i], err)
			}
			alone[i] = summary(v)
		}()
	}
	wg.Wait()
	validate := batch(func(int) string { return "course" })
	grade := batch(func(i int) string { return fmt.Sprintf("student%d", i/2%5) })
	for i := range subs {
		solution := strings.HasSuffix(names[i], "solution")
		// A starter's way of failing may hang on time (a timeout on a
		// loaded machine, a fail on a quiet one): that it fails is what
		// must agree. A solution's verdict must agree to the test.
		if solution && (alone[i] != validate[i] || alone[i] != grade[i]) {
			t.Errorf("%s:\n  check    %s\n  validate %s\n  grade    %s", names[i], alone[i], validate[i], grade[i])
		}
		for _, v := range []string{alone[i], validate[i], grade[i]} {
			if strings.HasPrefix(v, "pass") != solution {
				t.Errorf("%s: %s (check %s, validate %s, grade %s)", names[i], v, alone[i], validate[i], grade[i])
			}
		}
	}
}

// kind is what sets an exercise's check apart in the runner: how it is
// built, run and judged.
func kind(ex *engine.Exercise) string {
	editable := 0
	for _, sf := range ex.Support {
		if sf.Editable {
			editable++
		}
	}
	return fmt.Sprint(ex.Race, ex.Memory > 0, len(ex.Files) > 0, len(ex.Support) > 0, editable > 0,
		len(ex.CPU) > 0, ex.Stress > 0, ex.LeakCheck, len(ex.Vet) > 0,
		len(ex.ForbidImports)+len(ex.AllowImports)+len(ex.RequireImports) > 0,
		strings.Contains(ex.Test, "testing/synctest"), strings.Contains(ex.Test, "t.Parallel()"),
		strings.Contains(ex.Test, "func Example"), strings.Contains(ex.Test, "func Fuzz"),
		strings.Contains(ex.Test+ex.Solution, "func init("), strings.Contains(ex.Test, "func TestMain("))
}
