package runner

import (
	"context"
	"testing"
	"time"

	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/exercises"
)

// BenchmarkVetConcurrency measures what vet's concurrency analyzers add to a
// check: the built-in course's reference solutions prepared (parsed,
// type-checked, vetted) with go test's analyzers alone and with the
// concurrency ones too, in the same command. ms/check is one preparation;
// extra-ms/check is the difference, against a whole check of about 300 ms.
func BenchmarkVetConcurrency(b *testing.B) {
	r := typedRunner(b)
	c, err := engine.LoadFS(exercises.Course(), "exercises/course")
	if err != nil {
		b.Fatal(err)
	}
	var exs []*engine.Exercise
	for _, ch := range c.Chapters {
		exs = append(exs, ch.Exercises...)
	}
	prepareAll := func() time.Duration {
		start := time.Now()
		for _, ex := range exs {
			if _, v, final := r.prepare(context.Background(), ex, ex.Solution, nil); final {
				b.Fatalf("%s: %s %s", ex.ID, v.Outcome, v.Message)
			}
		}
		return time.Since(start)
	}
	prepareAll() // the standard library's export data, once
	saved := concurrencyAnalyzers
	defer func() { concurrencyAnalyzers = saved }()
	var without, with time.Duration
	for b.Loop() {
		concurrencyAnalyzers = nil
		without += prepareAll()
		concurrencyAnalyzers = saved
		with += prepareAll()
	}
	n := float64(b.N * len(exs))
	b.ReportMetric(float64(without.Microseconds())/1000/n, "ms/check-gotest-vet")
	b.ReportMetric(float64(with.Microseconds())/1000/n, "ms/check-all-vet")
	b.ReportMetric(float64((with-without).Microseconds())/1000/n, "extra-ms/check")
	b.ReportMetric(0, "ns/op")
}
