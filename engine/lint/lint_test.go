package lint

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/asynclings/asynclings/engine"
)

// course builds a one-chapter course of items.
func course(qs []*engine.Question, exs []*engine.Exercise) *engine.Course {
	ch := &engine.Chapter{ID: "ch", File: "c/01-ch.toml", Questions: qs, Exercises: exs}
	for i, q := range qs {
		q.Chapter, q.Line = ch, 10*(i+1)
		if q.ID == "" {
			q.ID = fmt.Sprintf("q%d", i+1)
		}
	}
	for i, e := range exs {
		e.Chapter, e.Line = ch, 1000+10*i
		if e.ID == "" {
			e.ID = fmt.Sprintf("e%d", i+1)
		}
	}
	return &engine.Course{Root: "c", Chapters: []*engine.Chapter{ch}}
}

func single(answer string, distractors ...string) *engine.Question {
	return &engine.Question{Type: engine.MultipleChoice, Answers: []string{answer}, Distractors: distractors}
}

func multi(answers, distractors int) *engine.Question {
	q := &engine.Question{Type: engine.MultipleChoice, Multi: true}
	for i := range answers {
		q.Answers = append(q.Answers, fmt.Sprint("a", i))
	}
	for i := range distractors {
		q.Distractors = append(q.Distractors, fmt.Sprint("d", i))
	}
	return q
}

func tracing(program string) *engine.Question {
	return &engine.Question{Type: engine.Tracing, Program: program, DoesCompile: true}
}

const starter = `package p

import "sync"

// Sum adds up xs.
func Sum(xs []int) int {
	var mu sync.Mutex
	total := 0
	// TODO
	return total
}
`

const solution = `package p

import "sync"

// Sum adds up xs.
func Sum(xs []int) int {
	var mu sync.Mutex
	total := 0
	var wg sync.WaitGroup
	for _, x := range xs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock() // one at a time
			total += x
			mu.Unlock()
		}()
	}
	wg.Wait()
	return total
}
`

func ex(hints ...string) *engine.Exercise {
	return &engine.Exercise{Title: "Sum", Starter: starter, Solution: solution, Hints: hints}
}

func TestCourse(t *testing.T) {
	tests := []struct {
		name string
		c    *engine.Course
		want []string // substrings of the warnings' String, in order
	}{
		{
			name: "longest answer in most single-answer questions",
			c: course([]*engine.Question{
				single("the long right answer", "short", "no"),
				single("`also long`, the answer", "`x`", "y"),
				single("yes", "no, longer", "never ever"),
				single("long answer here", "a", "b"),
				multi(2, 2), // not counted
			}, nil),
			want: []string{
				"c: warning: the answer is the longest option in 3 of 4 single-answer questions (75%)",
				"c/01-ch.toml:10: warning: chapter ch: the answer is the longest option in q1, q2, q4",
			},
		},
		{
			name: "longest answer in a third",
			c: course([]*engine.Question{
				single("the long right answer", "short", "no"),
				single("yes", "no, longer", "never ever"),
				single("equal", "tie!!", "b"),    // not strictly longest
				single("  a  ", "bb", "`ccccc`"), // whitespace and backticks ignored
				single("on", "off", "maybe"),
				single("x", "yy"),
			}, nil),
		},
		{
			name: "too few single-answer questions to say",
			c: course([]*engine.Question{
				single("the long right answer", "short"),
				single("the long right answer too", "short"),
			}, nil),
		},
		{
			name: "one shape covers most multi-answer questions",
			c: course([]*engine.Question{
				multi(3, 3), multi(3, 3), multi(3, 3), multi(2, 4), multi(1, 3),
			}, nil),
			want: []string{
				"c: warning: 3 of 5 pick-all questions (60%) have exactly 3 answers and 3 distractors; vary them (answers+distractors: 3+3: 3, 1+3: 1, 2+4: 1)",
				"c/01-ch.toml:10: warning: chapter ch: 3 answers and 3 distractors: q1, q2, q3",
			},
		},
		{
			name: "every multi-answer question has two answers",
			c: course([]*engine.Question{
				multi(2, 1), multi(2, 2), multi(2, 3), multi(2, 4),
			}, nil),
			want: []string{"c: warning: every one of the 4 pick-all questions has 2 answers"},
		},
		{
			name: "all multi-answer questions the same shape",
			c: course([]*engine.Question{
				multi(2, 2), multi(2, 2), multi(2, 2), multi(2, 2),
			}, nil),
			want: []string{"4 of 4 pick-all questions (100%) have exactly 2 answers and 2 distractors", "chapter ch: 2 answers and 2 distractors: q1, q2, q3, q4"},
		},
		{
			name: "varied multi-answer questions",
			c: course([]*engine.Question{
				multi(1, 3), multi(2, 2), multi(3, 3), multi(2, 4), multi(4, 1),
			}, nil),
		},
		{
			name: "the last hint is the solution",
			c: course(nil, []*engine.Exercise{ex(
				"Start a goroutine per number.",
				"Guard `total` with the mutex.",
				"```go\nvar wg sync.WaitGroup\nfor _, x := range xs {\n\twg.Add(1)\n\tgo func() {\n\t\tdefer wg.Done()\n\t\tmu.Lock()\n\t\ttotal += x\n\t\tmu.Unlock()\n\t}()\n}\nwg.Wait()\n```",
			)}),
			want: []string{"c/01-ch.toml:1000: warning: exercise e1: by hint 3 of 3, the hints hold 9 of the 9 lines the solution adds to the starter (100%)"},
		},
		{
			name: "hints in code spans, one-liners and all, add up",
			c: course(nil, []*engine.Exercise{ex(
				"`var wg sync.WaitGroup`, and `wg.Wait()` before the return.",
				"In the loop: `for _, x := range xs {`, `wg.Add(1)` and `go func() { defer wg.Done(); mu.Lock(); total += x; mu.Unlock() }()`.",
			)}),
			want: []string{"exercise e1: by hint 2 of 2, the hints hold 9 of the 9 lines"},
		},
		{
			name: "one hint alone, without Markdown",
			c: course(nil, []*engine.Exercise{ex(
				"var wg sync.WaitGroup; for _, x := range xs { wg.Add(1); go func() { defer wg.Done(); mu.Lock(); total += x; mu.Unlock() }() }",
			)}),
			want: []string{"exercise e1: hint 1 of 1 holds 8 of the 9 lines"},
		},
		{
			name: "hints that lead",
			c: course(nil, []*engine.Exercise{ex(
				"Start one goroutine per number, and wait for them all with a `sync.WaitGroup`.",
				"`total += x` from many goroutines is a data race: hold `mu` around it.",
				"Call `wg.Add(1)` before the `go` statement, not inside the goroutine.",
			)}),
		},
		{
			name: "the same program twice",
			c: course([]*engine.Question{
				tracing("package main\n\nimport \"fmt\"\n\nfunc main() {\n\tx := 1 // one\n\tfmt.Println(x)\n}\n"),
				tracing("package main\nimport \"fmt\"\n/* the same */\nfunc main() {\n  x := 1\n  fmt.Println(x)\n}"),
				tracing("package main\n\nimport \"fmt\"\n\nfunc main() {\n\tcount := 1\n\tfmt.Println(count)\n}\n"),
				tracing("fn main() {\n    let v = vec![1];\n    println!(\"{}\", v[0]);\n}\n"),
				tracing("fn main() {\n    // renamed\n    let w = vec![1];\n    println!(\"{}\", w[0]);\n}\n"),
			}, nil),
			want: []string{
				"c/01-ch.toml:20: warning: question q2: its program is the program of question q1 (line 10) but for whitespace and comments",
				"c/01-ch.toml:30: warning: question q3: its program is the program of question q1 (line 10) but for whitespace, comments and the names of its identifiers",
				"c/01-ch.toml:50: warning: question q5: its program is the program of question q4 (line 40) but for whitespace, comments and the names of its identifiers",
			},
		},
		{
			name: "programs that differ",
			c: course([]*engine.Question{
				tracing("package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(1)\n}\n"),
				tracing("package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(2)\n}\n"),
				tracing("package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Print(1)\n}\n"),
				tracing("package main\n\nimport \"sync\"\n\nfunc main() {\n\tvar mu sync.Mutex\n\tmu.Lock()\n}\n"),
				tracing("package main\n\nimport \"sync\"\n\nfunc main() {\n\tvar mu sync.RWMutex\n\tmu.RLock()\n}\n"),
				tracing("package main\n\nfunc main() {\n\tx := 1\n\ty := 2\n\tprintln(x, y)\n}\n"),
				tracing("package main\n\nfunc main() {\n\tx := 1\n\ty := 2\n\tprintln(y, x)\n}\n"),
			}, nil),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, w := range Course(tt.c) {
				got = append(got, w.String())
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %d warnings, want %d:\n%s", len(got), len(tt.want), strings.Join(got, "\n"))
			}
			for i, w := range tt.want {
				if !strings.Contains(got[i], w) {
					t.Errorf("warning %d:\n%s\nwant it to contain\n%s", i, got[i], w)
				}
			}
		})
	}
}

func TestCodeLines(t *testing.T) {
	got := codeLines("package p\n\nimport (\n\t\"fmt\"\n)\n\nfunc f() { // c\n\tgo func() { defer wg.Done(); work() }()\n\t/* x */\n}\n")
	want := []string{"func f ( ) {", "go func ( ) {", "defer wg . Done ( )", "work ( )"}
	if !slices.Equal(got, want) {
		t.Errorf("codeLines = %q, want %q", got, want)
	}
	if got := hintCode("Use `a := b` and ``c `d` e``, then\n```go\nx()\n```\nand done."); got != "x()\na := b\nc `d` e" {
		t.Errorf("hintCode = %q", got)
	}
}
