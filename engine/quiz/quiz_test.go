package quiz_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/engine/quiz"
)

func TestGrade(t *testing.T) {
	short := &engine.Question{ID: "s", Type: engine.ShortAnswer, Answers: []string{"mut"}, Alternatives: []string{"Mutable", "go statement"}}
	single := &engine.Question{ID: "m1", Type: engine.MultipleChoice, Answers: []string{"a"}, Distractors: []string{"b", "c"}}
	multi := &engine.Question{ID: "m2", Type: engine.MultipleChoice, Multi: true, Answers: []string{"a", "b"}, Distractors: []string{"c", "d"}}
	multiOne := &engine.Question{ID: "m3", Type: engine.MultipleChoice, Multi: true, Answers: []string{"a"}, Distractors: []string{"b"}}
	dupAnswers := &engine.Question{ID: "m4", Type: engine.MultipleChoice, Multi: true, Answers: []string{"a", "a", "b"}, Distractors: []string{"c"}}
	noAnswers := &engine.Question{ID: "m5", Type: engine.MultipleChoice, Multi: true, Distractors: []string{"c"}}
	runs := &engine.Question{ID: "t1", Type: engine.Tracing, DoesCompile: true, Stdout: "hello\nworld\n"}
	runsCRLF := &engine.Question{ID: "t7", Type: engine.Tracing, DoesCompile: true, Stdout: "hello\r\nworld\r\n"}
	shortCRLF := &engine.Question{ID: "s2", Type: engine.ShortAnswer, Answers: []string{"line one\r\nline two"}}
	runsSilent := &engine.Question{ID: "t2", Type: engine.Tracing, DoesCompile: true}
	breaksAt := &engine.Question{ID: "t3", Type: engine.Tracing, LineNumber: 4, AskLine: true}
	breaksAtUnasked := &engine.Question{ID: "t6", Type: engine.Tracing, LineNumber: 4}
	breaks := &engine.Question{ID: "t4", Type: engine.Tracing}
	panics := &engine.Question{ID: "t5", Type: engine.Tracing, DoesCompile: true, Stdout: "start", Failure: engine.FailurePanic}
	unknown := &engine.Question{ID: "u", Type: "Essay", Answers: []string{"x"}}

	tests := []struct {
		name string
		q    *engine.Question
		a    quiz.Answer
		want bool
	}{
		// ShortAnswer: case-insensitive, trimmed, alternatives accepted.
		{"short exact", short, quiz.Answer{Text: "mut"}, true},
		{"short upper case", short, quiz.Answer{Text: "MUT"}, true},
		{"short trimmed", short, quiz.Answer{Text: "  mut \n\t"}, true},
		{"short alternative", short, quiz.Answer{Text: "mutable"}, true},
		{"short alternative trimmed", short, quiz.Answer{Text: " MUTABLE\n"}, true},
		{"short alternative with a space", short, quiz.Answer{Text: "Go Statement"}, true},
		{"short inner space counts", short, quiz.Answer{Text: "go  statement"}, false},
		{"short prefix", short, quiz.Answer{Text: "mu"}, false},
		{"short longer", short, quiz.Answer{Text: "mut x"}, false},
		{"short empty", short, quiz.Answer{Text: ""}, false},
		{"short blank", short, quiz.Answer{Text: "   "}, false},
		{"short CRLF answer, LF reply", shortCRLF, quiz.Answer{Text: "Line one\nline two"}, true},
		{"short CRLF answer, CRLF reply", shortCRLF, quiz.Answer{Text: "line one\r\nline two\r\n"}, true},
		{"short CRLF answer, one line", shortCRLF, quiz.Answer{Text: "line one line two"}, false},
		{"short ignores choices", short, quiz.Answer{Choices: []string{"mut"}}, false},

		// MultipleChoice with one answer (a string in the TOML).
		{"single right", single, quiz.Answer{Choices: []string{"a"}}, true},
		{"single picked twice", single, quiz.Answer{Choices: []string{"a", "a"}}, true},
		{"single wrong", single, quiz.Answer{Choices: []string{"b"}}, false},
		{"single plus a distractor", single, quiz.Answer{Choices: []string{"a", "b"}}, false},
		{"single nothing", single, quiz.Answer{}, false},
		{"single case matters", single, quiz.Answer{Choices: []string{"A"}}, false},
		{"single no trimming", single, quiz.Answer{Choices: []string{" a"}}, false},
		{"single ignores text", single, quiz.Answer{Text: "a"}, false},

		// MultipleChoice with an array: all of them, nothing else, any order.
		{"multi all", multi, quiz.Answer{Choices: []string{"a", "b"}}, true},
		{"multi any order", multi, quiz.Answer{Choices: []string{"b", "a"}}, true},
		{"multi duplicates", multi, quiz.Answer{Choices: []string{"b", "a", "b"}}, true},
		{"multi some", multi, quiz.Answer{Choices: []string{"a"}}, false},
		{"multi too many", multi, quiz.Answer{Choices: []string{"a", "b", "c"}}, false},
		{"multi wrong", multi, quiz.Answer{Choices: []string{"c", "d"}}, false},
		{"multi nothing", multi, quiz.Answer{}, false},
		{"multi of one", multiOne, quiz.Answer{Choices: []string{"a"}}, true},
		{"multi of one plus distractor", multiOne, quiz.Answer{Choices: []string{"a", "b"}}, false},
		{"answer listed twice", dupAnswers, quiz.Answer{Choices: []string{"a", "b"}}, true},
		{"answer listed twice, one missing", dupAnswers, quiz.Answer{Choices: []string{"a"}}, false},
		{"no answers never right", noAnswers, quiz.Answer{}, false},

		// Tracing: doesCompile must match; stdout trimmed then exact.
		{"runs right", runs, quiz.Answer{DoesCompile: true, Stdout: "hello\nworld"}, true},
		{"runs trimmed", runs, quiz.Answer{DoesCompile: true, Stdout: "\n  hello\nworld \n\n"}, true},
		{"runs case matters", runs, quiz.Answer{DoesCompile: true, Stdout: "Hello\nworld"}, false},
		{"runs inner space matters", runs, quiz.Answer{DoesCompile: true, Stdout: "hello\n world"}, false},
		{"runs one line", runs, quiz.Answer{DoesCompile: true, Stdout: "hello"}, false},
		{"runs said to break", runs, quiz.Answer{DoesCompile: false, Stdout: "hello\nworld"}, false},
		{"runs with CRLF", runs, quiz.Answer{DoesCompile: true, Stdout: "hello\r\nworld\r\n"}, true},
		{"runs with CR", runs, quiz.Answer{DoesCompile: true, Stdout: "hello\rworld"}, true},
		{"runs CRLF file", runsCRLF, quiz.Answer{DoesCompile: true, Stdout: "hello\nworld"}, true},
		{"runs CRLF file, CRLF reply", runsCRLF, quiz.Answer{DoesCompile: true, Stdout: "hello\r\nworld"}, true},
		{"runs CRLF file, one line", runsCRLF, quiz.Answer{DoesCompile: true, Stdout: "hello world"}, false},
		{"runs silent", runsSilent, quiz.Answer{DoesCompile: true, Stdout: " \n"}, true},
		{"runs silent with output", runsSilent, quiz.Answer{DoesCompile: true, Stdout: "x"}, false},
		{"breaks at line", breaksAt, quiz.Answer{LineNumber: 4}, true},
		{"breaks stdout ignored", breaksAt, quiz.Answer{LineNumber: 4, Stdout: "junk"}, true},
		{"breaks wrong line", breaksAt, quiz.Answer{LineNumber: 3}, false},
		{"breaks no line", breaksAt, quiz.Answer{}, false},
		{"breaks said to run", breaksAt, quiz.Answer{DoesCompile: true, LineNumber: 4}, false},
		// As in mdbook-quiz, lineNumber alone does not ask for the line.
		{"breaks at line, unasked, right line", breaksAtUnasked, quiz.Answer{LineNumber: 4}, true},
		{"breaks at line, unasked, wrong line", breaksAtUnasked, quiz.Answer{LineNumber: 3}, true},
		{"breaks at line, unasked, no line", breaksAtUnasked, quiz.Answer{}, true},
		{"breaks at line, unasked, said to run", breaksAtUnasked, quiz.Answer{DoesCompile: true}, false},
		{"breaks, no line asked", breaks, quiz.Answer{LineNumber: 7}, true},
		{"breaks, no line asked or given", breaks, quiz.Answer{}, true},
		{"breaks said to run, no line asked", breaks, quiz.Answer{DoesCompile: true}, false},

		// The Go extension: how a program that compiles ends.
		{"panics right", panics, quiz.Answer{DoesCompile: true, Stdout: "start", Failure: engine.FailurePanic}, true},
		{"panics said to end normally", panics, quiz.Answer{DoesCompile: true, Stdout: "start"}, false},
		{"panics said to deadlock", panics, quiz.Answer{DoesCompile: true, Stdout: "start", Failure: engine.FailureDeadlock}, false},
		{"ends normally said to panic", runs, quiz.Answer{DoesCompile: true, Stdout: "hello\nworld", Failure: engine.FailurePanic}, false},

		{"unknown type", unknown, quiz.Answer{Text: "x", Choices: []string{"x"}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := quiz.Grade(tt.q, tt.a); got != tt.want {
				t.Errorf("Grade(%s, %+v) = %v, want %v", tt.q.ID, tt.a, got, tt.want)
			}
		})
	}
}

// TestGradeLikeJavaScript: mdbook-quiz compares a ShortAnswer as
// JavaScript's s.toLowerCase().trim() gives it, and a Tracing output as
// s.trim(): full Unicode lower casing (Greek final sigma, İ to i and a
// combining dot) and JavaScript's white space (U+FEFF is white space, U+0085
// is not). Each want is what Node.js 20 gives for the same strings.
func TestGradeLikeJavaScript(t *testing.T) {
	short := func(answer string, alternatives ...string) *engine.Question {
		return &engine.Question{ID: "s", Type: engine.ShortAnswer, Answers: []string{answer}, Alternatives: alternatives}
	}
	runs := &engine.Question{ID: "t", Type: engine.Tracing, DoesCompile: true, Stdout: "hi"}
	tests := []struct {
		name string
		q    *engine.Question
		a    quiz.Answer
		want bool
	}{
		{"final sigma, reply in small letters", short("ΟΔΟΣ"), quiz.Answer{Text: "οδος"}, true},
		{"final sigma, reply in capitals", short("ΟΔΟΣ"), quiz.Answer{Text: "ΟΔΟΣ"}, true},
		{"final sigma, reply with a medial sigma at the end", short("ΟΔΟΣ"), quiz.Answer{Text: "οδοσ"}, false},
		{"final sigma in an alternative", short("road", "ΟΔΟΣ"), quiz.Answer{Text: "Οδος"}, true},
		{"final sigma before a space", short("ΟΔΟΣ ΚΑΙ"), quiz.Answer{Text: "οδος και"}, true},
		{"medial sigma stays medial", short("ΣΟΣΑ"), quiz.Answer{Text: "σοσα"}, true},
		{"dotted capital I, reply with a plain i", short("İzmir"), quiz.Answer{Text: "izmir"}, false},
		{"dotted capital I, reply with i and a combining dot", short("İzmir"), quiz.Answer{Text: "i\u0307zmir"}, true},
		{"dotted capital I, reply the same", short("İzmir"), quiz.Answer{Text: "İZMIR"}, true},
		{"short: a byte-order mark is trimmed", short("mut"), quiz.Answer{Text: "\ufeffmut"}, true},
		{"short: a next-line character is not trimmed", short("mut"), quiz.Answer{Text: "mut\u0085"}, false},
		{"short: no-break and ideographic spaces are trimmed", short("mut"), quiz.Answer{Text: "\u00a0mut\u3000"}, true},
		{"output: a byte-order mark is trimmed", runs, quiz.Answer{DoesCompile: true, Stdout: "\ufeffhi\n"}, true},
		{"output: a next-line character is not trimmed", runs, quiz.Answer{DoesCompile: true, Stdout: "hi\u0085"}, false},
		{"output is not case-folded", runs, quiz.Answer{DoesCompile: true, Stdout: "HI"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := quiz.Grade(tt.q, tt.a); got != tt.want {
				t.Errorf("Grade(answers %+q, text %+q, stdout %+q) = %v, mdbook-quiz says %v", tt.q.Answers, tt.a.Text, tt.a.Stdout, got, tt.want)
			}
		})
	}
}

func TestCorrect(t *testing.T) {
	qs := []*engine.Question{
		{ID: "s", Type: engine.ShortAnswer, Answers: []string{"  Mut "}},
		{ID: "m1", Type: engine.MultipleChoice, Answers: []string{"a"}, Distractors: []string{"b"}},
		{ID: "m2", Type: engine.MultipleChoice, Multi: true, Answers: []string{"b", "a"}, Distractors: []string{"c"}},
		{ID: "t1", Type: engine.Tracing, DoesCompile: true, Stdout: "out\n"},
		{ID: "t2", Type: engine.Tracing, LineNumber: 2},
	}
	descriptions := []string{"  Mut ", "a", "b\na", "It compiles and prints:\nout\n", "It does not compile (the error is on line 2)."}
	for i, q := range qs {
		a := quiz.Correct(q)
		if !quiz.Grade(q, a) {
			t.Errorf("%s: Grade(Correct) = false for %+v", q.ID, a)
		}
		if got := quiz.Describe(q); got != descriptions[i] {
			t.Errorf("%s: Describe = %q, want %q", q.ID, got, descriptions[i])
		}
	}
	// Correct hands out a copy: grading code may sort it.
	a := quiz.Correct(qs[2])
	slices.Sort(a.Choices)
	if !slices.Equal(qs[2].Answers, []string{"b", "a"}) {
		t.Errorf("Correct shares the question's answers: %q", qs[2].Answers)
	}
}

func TestChoices(t *testing.T) {
	mc := func(id string, answers, distractors []string) *engine.Question {
		return &engine.Question{ID: id, Type: engine.MultipleChoice, Answers: answers, Distractors: distractors, Multi: len(answers) > 1}
	}
	seeds := []uint64{0, 1, 2, 3, 42, 1 << 40, ^uint64(0)}

	t.Run("sortAnswers sorts for every seed", func(t *testing.T) {
		q := mc("sorted", []string{"b"}, []string{"d", "a", "c"})
		q.SortAnswers = true
		for _, s := range seeds {
			if got := quiz.Choices(q, s); !slices.Equal(got, []string{"a", "b", "c", "d"}) {
				t.Errorf("seed %d: %q", s, got)
			}
		}
	})

	t.Run("answerIndex splices the answers into the distractors", func(t *testing.T) {
		// mdbook-quiz: the distractors in file order, every answer (in
		// file order) inserted at answerIndex; JavaScript's splice puts
		// them last for an index past the end.
		tests := []struct {
			answers, distractors []string
			index                int
			sort                 bool
			want                 []string
		}{
			{[]string{"right"}, []string{"w1", "w2", "w3"}, 0, false, []string{"right", "w1", "w2", "w3"}},
			{[]string{"right"}, []string{"w1", "w2", "w3"}, 2, false, []string{"w1", "w2", "right", "w3"}},
			{[]string{"right"}, []string{"w3", "w1", "w2"}, 3, false, []string{"w3", "w1", "w2", "right"}},
			{[]string{"right"}, []string{"w1", "w2"}, 9, false, []string{"w1", "w2", "right"}},
			{[]string{"right"}, []string{"w1", "w2"}, -1, false, []string{"right", "w1", "w2"}},
			{[]string{"b", "a"}, []string{"z", "y", "x"}, 1, false, []string{"z", "b", "a", "y", "x"}},
			{[]string{"b", "a"}, []string{"z"}, 1, false, []string{"z", "b", "a"}},
			{[]string{"b", "a"}, nil, 0, false, []string{"b", "a"}},
			// answerIndex comes first, as in mdbook-quiz (whose
			// validator, like the loader, refuses both).
			{[]string{"right"}, []string{"w2", "w1"}, 1, true, []string{"w2", "right", "w1"}},
		}
		for _, tt := range tests {
			q := mc("pinned", tt.answers, tt.distractors)
			q.AnswerIndex = &tt.index
			q.SortAnswers = tt.sort
			for _, s := range seeds {
				if got := quiz.Choices(q, s); !slices.Equal(got, tt.want) {
					t.Errorf("answers %q, distractors %q, answerIndex %d, seed %d: %q, want %q", tt.answers, tt.distractors, tt.index, s, got, tt.want)
				}
			}
			if !slices.Equal(q.Answers, tt.answers) || !slices.Equal(q.Distractors, tt.distractors) {
				t.Errorf("Choices changed the question: %q %q", q.Answers, q.Distractors)
			}
		}
	})

	t.Run("sortAnswers sorts as JavaScript does", func(t *testing.T) {
		// By UTF-16 code units: U+1F600 (a surrogate pair, D83D DE00)
		// sorts before U+FF21 (FULLWIDTH A), unlike in byte order.
		q := mc("sorted-utf16", []string{"\uFF21"}, []string{"\U0001F600", "b", "B"})
		q.SortAnswers = true
		if got, want := quiz.Choices(q, 0), []string{"B", "b", "\U0001F600", "\uFF21"}; !slices.Equal(got, want) {
			t.Errorf("choices %q, want %q", got, want)
		}
	})

	t.Run("shuffle is a deterministic permutation", func(t *testing.T) {
		q := mc("shuffled", []string{"a", "b"}, []string{"c", "d", "e", "f"})
		orders := map[string]bool{}
		for s := range uint64(32) {
			got := quiz.Choices(q, s)
			checkPermutation(t, q, got)
			if again := quiz.Choices(q, s); !slices.Equal(got, again) {
				t.Errorf("seed %d: %q then %q", s, got, again)
			}
			orders[strings.Join(got, ",")] = true
		}
		if len(orders) < 2 {
			t.Errorf("32 seeds gave only %d order(s)", len(orders))
		}
		// The question's ID is part of the seed.
		other := mc("shuffled-too", q.Answers, q.Distractors)
		same := true
		for s := range uint64(8) {
			same = same && slices.Equal(quiz.Choices(q, s), quiz.Choices(other, s))
		}
		if same {
			t.Errorf("two question IDs shuffle alike for 8 seeds")
		}
		// Shuffling leaves the question alone.
		if !slices.Equal(q.Answers, []string{"a", "b"}) || !slices.Equal(q.Distractors, []string{"c", "d", "e", "f"}) {
			t.Errorf("Choices changed the question: %q %q", q.Answers, q.Distractors)
		}
	})

	t.Run("not multiple choice", func(t *testing.T) {
		q := &engine.Question{ID: "s", Type: engine.ShortAnswer, Answers: []string{"a"}}
		if got := quiz.Choices(q, 1); got != nil {
			t.Errorf("Choices = %q, want nil", got)
		}
	})
}

// checkPermutation asserts that got is the question's answers and
// distractors in some order.
func checkPermutation(t *testing.T, q *engine.Question, got []string) {
	t.Helper()
	want := append(slices.Clone(q.Answers), q.Distractors...)
	g := slices.Clone(got)
	slices.Sort(want)
	slices.Sort(g)
	if !slices.Equal(g, want) {
		t.Errorf("%s: choices %q are not a permutation of %q", q.ID, got, want)
	}
}

func ExampleGrade() {
	q := &engine.Question{Type: engine.ShortAnswer, Answers: []string{"go"}}
	fmt.Println(quiz.Grade(q, quiz.Answer{Text: " GO "}))
	// Output: true
}
