package engine_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/asynclings/asynclings/engine"
)

// writeBigCourse writes a course of chapters×perChapter exercises to dir, laid
// out as a converted track is (each exercise's starter, test and solution in
// its own files, named by *_file keys), with a few questions per chapter. It
// returns the number of exercises.
func writeBigCourse(tb testing.TB, dir string, chapters, perChapter int) int {
	tb.Helper()
	write := func(name, text string) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	write("course.toml", "format_version = 1\nid = \"big\"\ntitle = \"A big course\"\n")
	for c := range chapters {
		var b strings.Builder
		fmt.Fprintf(&b, "[chapter]\ntitle = \"Chapter %d\"\n\n", c+1)
		for q := range 3 {
			fmt.Fprintf(&b, "[[questions]]\nid = \"c%d-q%d\"\ntype = \"MultipleChoice\"\nprompt.prompt = \"Which one?\"\n"+
				"prompt.distractors = [\"b\", \"c\"]\nanswer.answer = \"a\"\n\n", c, q)
		}
		for e := range perChapter {
			id := fmt.Sprintf("ex%02d-%03d", c, e)
			pkg := fmt.Sprintf("p%d_%d", c, e)
			fmt.Fprintf(&b, "[[exercises]]\nid = %q\ntitle = \"Exercise %d.%d\"\nprompt = \"\"\"\nImplement `Sum`.\n\nIt adds up its arguments.\n\"\"\"\n"+
				"starter_file = \"src/%s/starter.go\"\ntest_file = \"src/%s/%s_test.go\"\nsolution_file = \"src/%s/solution.go\"\n"+
				"hints = [\"Loop.\", \"Add.\"]\ntimeout = \"5s\"\n\n", id, c+1, e+1, id, id, pkg, id)
			write("src/"+id+"/starter.go", "package "+pkg+"\n\n// Sum adds up xs.\nfunc Sum(xs ...int) int {\n\treturn 0 // TODO\n}\n")
			write("src/"+id+"/solution.go", "package "+pkg+"\n\n// Sum adds up xs.\nfunc Sum(xs ...int) int {\n\ttotal := 0\n"+
				"\tfor _, x := range xs {\n\t\ttotal += x\n\t}\n\treturn total\n}\n")
			var test strings.Builder
			fmt.Fprintf(&test, "package %s\n\nimport \"testing\"\n\nvar cases = []struct {\n\tname string\n\tin   []int\n\twant int\n}{\n", pkg)
			for i := range 20 {
				fmt.Fprintf(&test, "\t{\"case %d\", []int{%d, %d, %d}, %d},\n", i, i, i+1, i+2, 3*i+3)
			}
			test.WriteString("}\n\nfunc TestSum(t *testing.T) {\n\tfor _, tc := range cases {\n\t\tt.Run(tc.name, func(t *testing.T) {\n" +
				"\t\t\tif got := Sum(tc.in...); got != tc.want {\n\t\t\t\tt.Errorf(\"Sum(%v) = %d, want %d\", tc.in, got, tc.want)\n\t\t\t}\n\t\t})\n\t}\n}\n")
			write("src/"+id+"/"+pkg+"_test.go", test.String())
		}
		write(fmt.Sprintf("%02d-chapter.toml", c+1), b.String())
	}
	return chapters * perChapter
}

// BenchmarkLoad500 loads a course of 500 exercises (10 chapters of 50, each
// exercise in three Go files), as every command does before anything else,
// and reports the time of one load as ms/load (and the CPU time it takes as
// cpu-ms/load); the goal is at most 10 ms.
// Loads after the first come from the load cache, as every command but the
// first after a change does; ms/first-load is the first, which reads, decodes
// and parses everything. The course's files are left to settle first (a
// file changed in the last two seconds is compared by its contents).
func BenchmarkLoad500(b *testing.B) {
	ld := engine.Loader{CacheDir: b.TempDir()}
	dir := b.TempDir()
	n := writeBigCourse(b, dir, 10, 50)
	time.Sleep(2100 * time.Millisecond)
	start := time.Now()
	c, err := ld.Load(dir)
	if err != nil {
		b.Fatal(err)
	}
	first := time.Since(start)
	if got := countExercises(c); got != n {
		b.Fatalf("%d exercises loaded, want %d", got, n)
	}
	b.ResetTimer()
	cpu := cpuTime()
	for b.Loop() {
		if _, err := ld.Load(dir); err != nil {
			b.Fatal(err)
		}
	}
	cpu = cpuTime() - cpu
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/load")
	// CPU time, the garbage collector's included: the wall time above
	// grows when other processes share the machine.
	b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms/load")
	b.ReportMetric(float64(first.Microseconds())/1000, "ms/first-load")
}

func countExercises(c *engine.Course) int {
	n := 0
	for _, ch := range c.Chapters {
		n += len(ch.Exercises)
	}
	return n
}
