package runner_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/engine/runner"
	"github.com/asynclings/asynclings/engine/runner/runnertest"
)

// variant is the exercise's reference solution with one constant changed,
// so that neither the runner nor the go command can reuse a previous build.
func variant(ex *engine.Exercise, i int) string {
	return strings.Replace(ex.Solution, "total := 0", fmt.Sprintf("total := %d - %d", i, i), 1)
}

func benchRunner(b *testing.B) (*runner.Runner, *engine.Exercise, string) {
	b.Helper()
	r, cache := runnertest.Runner(b)
	c, err := engine.Load(filepath.Join("testdata", "sum.toml"))
	if err != nil {
		b.Fatal(err)
	}
	return r, c.Chapters[0].Exercises[0], cache
}

// BenchmarkCheckVsGoTest measures a warm check of a small exercise against
// plain `go test` on the same files, alternating the two so that both see
// the same machine. The ratio is the runner's time over go test's.
func BenchmarkCheckVsGoTest(b *testing.B) {
	r, ex, cache := benchRunner(b)
	checkVsGoTest(b, r, cache, func(int) *engine.Exercise { return ex })
}

// BenchmarkRaceCheckVsGoTest is BenchmarkCheckVsGoTest for an exercise
// under the race detector, against plain `go test -race`: the check pays
// the race build and the tests, not the race runtime's second of sleep at
// exit (the runner sets GORACE atexit_sleep_ms=0 for the test binary).
func BenchmarkRaceCheckVsGoTest(b *testing.B) {
	r, ex, cache := benchRunner(b)
	race := *ex
	race.Race = true
	checkVsGoTest(b, r, cache, func(int) *engine.Exercise { return &race })
}

// checkVsGoTest warms both paths, then alternates a check of the exercise
// pick(i) gives (its time included) with plain go test on the same files,
// and reports both and their ratio.
func checkVsGoTest(b *testing.B, r *runner.Runner, cache string, pick func(i int) *engine.Exercise) {
	b.Helper()
	dir := b.TempDir()
	ex := pick(-1)
	if v, err := r.Check(context.Background(), ex, variant(ex, -1)); err != nil || !v.Passed() {
		b.Fatalf("warm-up check: %+v %v", v, err)
	}
	runnertest.GoTest(b, dir, cache, ex, variant(ex, -1))
	var ours, theirs time.Duration
	b.ResetTimer()
	for i := range b.N {
		start := time.Now()
		ex := pick(i)
		v, err := r.Check(context.Background(), ex, variant(ex, i))
		ours += time.Since(start)
		if err != nil || !v.Passed() {
			b.Fatalf("check: %+v %v", v, err)
		}
		start = time.Now()
		runnertest.GoTest(b, dir, cache, ex, variant(ex, i))
		theirs += time.Since(start)
	}
	b.ReportMetric(float64(ours.Milliseconds())/float64(b.N), "runner-ms/check")
	b.ReportMetric(float64(theirs.Milliseconds())/float64(b.N), "gotest-ms/check")
	b.ReportMetric(ours.Seconds()/theirs.Seconds(), "runner/gotest")
}

// BenchmarkBatch50 checks 50 different submissions of one owner (as course
// validation does) as one batch and one at a time. The ratio is the
// batch's time over the one-by-one time.
func BenchmarkBatch50(b *testing.B) {
	r, ex, _ := benchRunner(b)
	subs := make([]runner.Submission, 50)
	var batch, serial time.Duration
	b.ResetTimer()
	for n := range b.N {
		for i := range subs {
			subs[i] = runner.Submission{Exercise: ex, Code: variant(ex, 1000*n+i), Owner: "course"}
		}
		start := time.Now()
		for res := range r.Batch(context.Background(), subs, 0) {
			if res.Err != nil || !res.Verdict.Passed() {
				b.Fatalf("batch: %+v %v", res.Verdict, res.Err)
			}
		}
		batch += time.Since(start)
		for i := range subs {
			subs[i].Code = variant(ex, 1000*n+i+500)
		}
		start = time.Now()
		for _, s := range subs {
			if v, err := r.Check(context.Background(), s.Exercise, s.Code); err != nil || !v.Passed() {
				b.Fatalf("check: %+v %v", v, err)
			}
		}
		serial += time.Since(start)
	}
	b.ReportMetric(float64(runtime.NumCPU()), "cores")
	b.ReportMetric(batch.Seconds()/float64(b.N), "batch-s")
	b.ReportMetric(serial.Seconds()/float64(b.N), "one-by-one-s")
	b.ReportMetric(batch.Seconds()/serial.Seconds(), "batch/one-by-one")
}

// BenchmarkCourse120CheckVsGoTest measures what a learner's `check` costs
// on a course of 120 exercises, loading the course included (as every
// command loads it), against plain `go test` on the same files. The
// exercises are the sum exercise under 120 IDs, checked in turn.
func BenchmarkCourse120CheckVsGoTest(b *testing.B) {
	r, _, cache := benchRunner(b)
	src, err := os.ReadFile(filepath.Join("testdata", "sum.toml"))
	if err != nil {
		b.Fatal(err)
	}
	header, block, ok := strings.Cut(string(src), "[[exercises]]")
	if !ok {
		b.Fatal("testdata/sum.toml has no exercise")
	}
	course := b.TempDir()
	var toml strings.Builder
	toml.WriteString(header)
	const n = 120
	for i := range n {
		toml.WriteString("[[exercises]]" + strings.Replace(block, `id = "sum"`, fmt.Sprintf(`id = "sum%d"`, i), 1))
	}
	file := filepath.Join(course, "01-sum.toml")
	if err := os.WriteFile(file, []byte(toml.String()), 0o644); err != nil {
		b.Fatal(err)
	}
	load := func() *engine.Course {
		c, err := engine.Load(course)
		if err != nil {
			b.Fatal(err)
		}
		if got := len(c.Chapters[0].Exercises); got != n {
			b.Fatalf("%d exercises, want %d", got, n)
		}
		return c
	}
	checkVsGoTest(b, r, cache, func(i int) *engine.Exercise {
		return load().Chapters[0].Exercises[max(i, 0)%n]
	})
}
