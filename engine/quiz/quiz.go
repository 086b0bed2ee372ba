// Package quiz grades answers to questions exactly as mdbook-quiz does.
package quiz

import (
	"hash/fnv"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"

	"golang.org/x/text/cases"
	"golang.org/x/text/language"

	"github.com/asynclings/asynclings/engine"
)

// Answer is a learner's answer to one question. Which fields count depends on
// the question's type.
type Answer struct {
	Choices     []string // MultipleChoice: the texts of the chosen options
	Text        string   // ShortAnswer
	DoesCompile bool     // Tracing
	Stdout      string   // Tracing, when it compiles
	LineNumber  int      // Tracing, when it does not compile; 0 if not given
	Failure     string   // Tracing, when it compiles: "", "panic" or "deadlock"
}

// Grade reports whether a is a right answer to q, as mdbook-quiz grades it.
// Texts are compared with their line ends made LF first, as a browser's text
// area gives them, so a CRLF quiz file or a CRLF reply grades as LF.
func Grade(q *engine.Question, a Answer) bool {
	switch q.Type {
	case engine.MultipleChoice:
		got := slices.Clone(a.Choices)
		want := slices.Clone(q.Answers)
		slices.Sort(got)
		got = slices.Compact(got)
		slices.Sort(want)
		want = slices.Compact(want) // an answer listed twice is one choice
		return len(want) > 0 && slices.Equal(got, want)
	case engine.ShortAnswer:
		text := normShort(a.Text)
		if text == "" {
			return false
		}
		for _, want := range append(slices.Clone(q.Answers), q.Alternatives...) {
			if text == normShort(want) {
				return true
			}
		}
		return false
	case engine.Tracing:
		if a.DoesCompile != q.DoesCompile {
			return false
		}
		if q.DoesCompile {
			return normOutput(a.Stdout) == normOutput(q.Stdout) && a.Failure == q.Failure
		}
		// mdbook-quiz never asks for the line of a compile error; a
		// course asks for it with askLine (see engine.Question.AskLine).
		return !q.AskLine || a.LineNumber == q.LineNumber
	}
	return false
}

// lf turns CRLF and lone CR line ends into LF.
func lf(s string) string {
	if !strings.Contains(s, "\r") {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}

// normOutput is a Tracing output as mdbook-quiz compares it: s.trim().
func normOutput(s string) string { return jsTrim(lf(s)) }

// normShort is a ShortAnswer text as mdbook-quiz compares it:
// s.toLowerCase().trim(). JavaScript's toLowerCase is Unicode's full lower
// casing, which x/text's root-locale Lower gives: a Greek capital sigma at
// the end of a word becomes a final sigma, and İ becomes i with a combining
// dot above. strings.ToLower does neither.
func normShort(s string) string { return jsTrim(cases.Lower(language.Und).String(lf(s))) }

// jsTrim trims what JavaScript's trim does: its white space and line
// terminators. That is Go's unicode.IsSpace but for U+0085 (NEXT LINE),
// which JavaScript keeps, and U+FEFF (the byte-order mark), which it trims.
func jsTrim(s string) string {
	return strings.TrimFunc(s, func(r rune) bool {
		return r == '\uFEFF' || r != '\u0085' && unicode.IsSpace(r)
	})
}

// Choices returns the options of a MultipleChoice question in the order they
// are shown, mdbook-quiz's order: with answerIndex, the distractors in the
// order the file lists them and the answers, in theirs, inserted at that index
// (past the end, at the end); otherwise, with sortAnswers, answers and
// distractors sorted; otherwise all shuffled. The shuffle is seeded by the
// question's ID and seed, so one question shows the same order every time for
// a given seed.
func Choices(q *engine.Question, seed uint64) []string {
	if q.Type != engine.MultipleChoice {
		return nil
	}
	if q.AnswerIndex != nil {
		i := min(max(*q.AnswerIndex, 0), len(q.Distractors))
		return slices.Concat(q.Distractors[:i], q.Answers, q.Distractors[i:])
	}
	all := slices.Concat(q.Answers, q.Distractors)
	if q.SortAnswers {
		// lodash's sortBy, as mdbook-quiz sorts: JavaScript compares
		// strings by UTF-16 code units.
		slices.SortStableFunc(all, compareUTF16)
		return all
	}
	h := fnv.New64a()
	h.Write([]byte(q.ID))
	rng := rand.New(rand.NewPCG(h.Sum64(), seed))
	rng.Shuffle(len(all), func(i, j int) { all[i], all[j] = all[j], all[i] })
	return all
}

// compareUTF16 orders strings as JavaScript's < does: by UTF-16 code units,
// which differs from byte order only between characters above U+FFFF and
// those from U+E000 to U+FFFF.
func compareUTF16(a, b string) int {
	x, y := utf16.Encode([]rune(a)), utf16.Encode([]rune(b))
	return slices.Compare(x, y)
}

// Correct returns a right answer to q, for tests, course validation and
// "show me the answer".
func Correct(q *engine.Question) Answer {
	a := Answer{Choices: slices.Clone(q.Answers), DoesCompile: q.DoesCompile, Stdout: q.Stdout, LineNumber: q.LineNumber, Failure: q.Failure}
	if len(q.Answers) > 0 {
		a.Text = q.Answers[0]
	}
	return a
}

// Describe renders q's right answer for people.
func Describe(q *engine.Question) string {
	switch q.Type {
	case engine.MultipleChoice:
		return strings.Join(q.Answers, "\n")
	case engine.ShortAnswer:
		if len(q.Answers) == 0 {
			return ""
		}
		return q.Answers[0]
	case engine.Tracing:
		if !q.DoesCompile {
			if q.LineNumber > 0 {
				return "It does not compile (the error is on line " + strconv.Itoa(q.LineNumber) + ")."
			}
			return "It does not compile."
		}
		out := "It compiles and prints:\n" + q.Stdout
		if strings.TrimSpace(q.Stdout) == "" {
			out = "It compiles and prints nothing"
		}
		switch q.Failure {
		case engine.FailurePanic:
			out += "\nthen it panics."
		case engine.FailureDeadlock:
			out += "\nthen it deadlocks."
		}
		return out
	}
	return ""
}
