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
	"github.com/asynclings/asynclings/engine/runner"
	"github.com/asynclings/asynclings/engine/runner/runnertest"
	"github.com/asynclings/asynclings/exercises"
)

// benchClass is an assignment of the built-in course's first exercises,
// one point each, for a class of students who hand in the reference
// solutions, each with a comment of their own so that no build can be
// reused.
type benchClass struct {
	course   *engine.Course
	a        *homework.Assignment
	hash     string
	exs      []*engine.Exercise
	students int
}

func newBenchClass(b *testing.B, students, exercisesEach int) *benchClass {
	course, err := engine.LoadFS(exercises.Course(), "(built-in course)")
	if err != nil {
		b.Fatal(err)
	}
	hash, err := homework.CourseHash(exercises.Course())
	if err != nil {
		b.Fatal(err)
	}
	c := &benchClass{course: course, hash: hash, students: students}
	src := "id = \"bench\"\ntitle = \"Bench\"\ndue = 2026-12-01T00:00:00Z\n"
	for _, ch := range course.Chapters {
		for _, ex := range ch.Exercises {
			if len(c.exs) < exercisesEach {
				c.exs = append(c.exs, ex)
				src += fmt.Sprintf("[[items]]\nid = %q\npoints = 1\n", ex.ID)
			}
		}
	}
	if c.a, err = homework.ParseAssignment("bench.toml", []byte(src), course); err != nil {
		b.Fatal(err)
	}
	return c
}

// code is student s's code for ex in round n.
func (c *benchClass) code(ex *engine.Exercise, n, s int) string {
	return fmt.Sprintf("%s\n// student %d\n", ex.Solution, n*c.students+s)
}

// files are the class's bundle files for round n.
func (c *benchClass) files(b *testing.B, n int) [][]byte {
	out := make([][]byte, c.students)
	for s := range out {
		bu := &homework.Bundle{Assignment: c.a.ID, Course: c.course.ID, CourseHash: c.hash,
			Student: homework.Student{ID: fmt.Sprint("s", s)}, Submitted: c.a.Due}
		for _, ex := range c.exs {
			bu.Items = append(bu.Items, homework.Work{ID: ex.ID, Code: c.code(ex, n, s)})
		}
		var buf bytes.Buffer
		if err := bu.Encode(&buf); err != nil {
			b.Fatal(err)
		}
		out[s] = buf.Bytes()
	}
	return out
}

// grade grades the bundle files as the grade command does (decode, check,
// one runner batch), every exercise passing, and returns how long it took.
func (c *benchClass) grade(b *testing.B, r *runner.Runner, data [][]byte) time.Duration {
	start := time.Now()
	bundles := make([]*homework.Bundle, len(data))
	for i, d := range data {
		var err error
		if bundles[i], err = homework.Decode(bytes.NewReader(d)); err != nil {
			b.Fatal(err)
		}
		if err := homework.Check(bundles[i], c.a, c.hash); err != nil {
			b.Fatal(err)
		}
	}
	graded := 0
	grader.Grade(context.Background(), r, c.course, c.a, bundles, grader.Options{}, func(i int, res grader.Result) {
		graded++
		if res.Err != nil || res.Grade.Raw != float64(len(c.exs)) {
			b.Fatalf("bundle %d: %v, raw %v: %+v", i, res.Err, res.Grade.Raw, res.Items)
		}
	})
	if graded != c.students {
		b.Fatalf("%d bundles graded", graded)
	}
	return time.Since(start)
}

// BenchmarkGrade30x5 grades 30 bundles of 5 exercises and grades the same
// code the plain way, `go test` one submission at a time (with -race where
// the exercise asks for it), sharing the runner's warm build cache. The
// ratio is grade/gotest.
func BenchmarkGrade30x5(b *testing.B) {
	c := newBenchClass(b, 30, 5)
	r, cache := runnertest.Runner(b)
	dir := b.TempDir()
	var ours, theirs time.Duration
	b.ResetTimer()
	for n := range b.N {
		ours += c.grade(b, r, c.files(b, 2*n))
		start := time.Now()
		for s := range c.students {
			for _, ex := range c.exs {
				runnertest.GoTest(b, dir, cache, ex, c.code(ex, 2*n+1, s))
			}
		}
		theirs += time.Since(start)
	}
	b.ReportMetric(float64(runtime.NumCPU()), "cores")
	b.ReportMetric(ours.Seconds()/float64(b.N), "grade-s")
	b.ReportMetric(theirs.Seconds()/float64(b.N), "gotest-s")
	b.ReportMetric(ours.Seconds()/theirs.Seconds(), "grade/gotest")
}

// BenchmarkGradeClass120x3 grades a class of 120 bundles of 3 exercises, the
// throughput that docs/homework.md quotes for sizing a shard: bundles
// graded per minute per core of this machine.
func BenchmarkGradeClass120x3(b *testing.B) {
	c := newBenchClass(b, 120, 3)
	r, _ := runnertest.Runner(b)
	var took time.Duration
	b.ResetTimer()
	for n := range b.N {
		took += c.grade(b, r, c.files(b, n))
	}
	cores := float64(runtime.NumCPU())
	b.ReportMetric(cores, "cores")
	b.ReportMetric(took.Seconds()/float64(b.N), "class-s")
	b.ReportMetric(float64(c.students*b.N)/took.Minutes()/cores, "bundles/min/core")
}
