package grader_test

import (
	"bytes"
	"context"
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/engine/grader"
	"github.com/asynclings/asynclings/engine/homework"
	"github.com/asynclings/asynclings/engine/runner/runnertest"
	"github.com/asynclings/asynclings/exercises"
)

const benchStudents, benchExercises = 30, 5

// BenchmarkGrade30x5 grades 30 bundles of 5 of the built-in course's
// exercises as the grade command does (decode, check, one runner batch) and
// grades the same code the plain way, `go test` one submission at a time
// (with -race where the exercise asks for it), sharing the runner's warm
// build cache. Every student's code is the reference solution with a comment
// of their own, so no build can be reused. The ratio is grade/gotest.
func BenchmarkGrade30x5(b *testing.B) {
	course, err := engine.LoadFS(exercises.Course(), "(built-in course)")
	if err != nil {
		b.Fatal(err)
	}
	hash, err := homework.CourseHash(exercises.Course())
	if err != nil {
		b.Fatal(err)
	}
	var exs []*engine.Exercise
	src := "id = \"bench\"\ntitle = \"Bench\"\ndue = 2026-12-01T00:00:00Z\n"
	for _, ch := range course.Chapters {
		for _, ex := range ch.Exercises {
			if len(exs) < benchExercises {
				exs = append(exs, ex)
				src += fmt.Sprintf("[[items]]\nid = %q\npoints = 1\n", ex.ID)
			}
		}
	}
	a, err := homework.ParseAssignment("bench.toml", []byte(src), course)
	if err != nil {
		b.Fatal(err)
	}
	r, cache := runnertest.Runner(b)
	code := func(ex *engine.Exercise, n int) string { return fmt.Sprintf("%s\n// student %d\n", ex.Solution, n) }
	files := func(n int) [][]byte {
		out := make([][]byte, benchStudents)
		for s := range out {
			bu := &homework.Bundle{Assignment: a.ID, Course: course.ID, CourseHash: hash,
				Student: homework.Student{ID: fmt.Sprint("s", s)}, Submitted: a.Due}
			for _, ex := range exs {
				bu.Items = append(bu.Items, homework.Work{ID: ex.ID, Code: code(ex, n*benchStudents+s)})
			}
			var buf bytes.Buffer
			if err := bu.Encode(&buf); err != nil {
				b.Fatal(err)
			}
			out[s] = buf.Bytes()
		}
		return out
	}
	dir := b.TempDir()
	var ours, theirs time.Duration
	b.ResetTimer()
	for n := range b.N {
		data := files(2 * n)
		start := time.Now()
		bundles := make([]*homework.Bundle, len(data))
		for i, d := range data {
			if bundles[i], err = homework.Decode(bytes.NewReader(d)); err != nil {
				b.Fatal(err)
			}
			if err := homework.Check(bundles[i], a, hash); err != nil {
				b.Fatal(err)
			}
		}
		graded := 0
		grader.Grade(context.Background(), r, course, a, bundles, grader.Options{}, func(i int, res grader.Result) {
			graded++
			if res.Err != nil || res.Grade.Raw != float64(benchExercises) {
				b.Fatalf("bundle %d: %v, raw %v: %+v", i, res.Err, res.Grade.Raw, res.Items)
			}
		})
		ours += time.Since(start)
		if graded != benchStudents {
			b.Fatalf("%d bundles graded", graded)
		}
		start = time.Now()
		for s := range benchStudents {
			for _, ex := range exs {
				runnertest.GoTest(b, dir, cache, ex, code(ex, (2*n+1)*benchStudents+s))
			}
		}
		theirs += time.Since(start)
	}
	b.ReportMetric(float64(runtime.NumCPU()), "cores")
	b.ReportMetric(ours.Seconds()/float64(b.N), "grade-s")
	b.ReportMetric(theirs.Seconds()/float64(b.N), "gotest-s")
	b.ReportMetric(ours.Seconds()/theirs.Seconds(), "grade/gotest")
}
