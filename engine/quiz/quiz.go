// Package quiz grades answers to questions exactly as mdbook-quiz does.
package quiz

import (
	"hash/fnv"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"

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

// Grade reports whether a is a right answer to q.
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
			return strings.TrimSpace(a.Stdout) == strings.TrimSpace(q.Stdout) && a.Failure == q.Failure
		}
		return q.LineNumber == 0 || a.LineNumber == q.LineNumber
	}
	return false
}

func normShort(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// Choices returns the options of a MultipleChoice question in the order they
// are shown. As in mdbook-quiz they are shuffled, unless sortAnswers sorts
// them or answerIndex pins the answer's place. The shuffle is seeded by the
// question's ID and seed, so one question shows the same order every time for
// a given seed.
func Choices(q *engine.Question, seed uint64) []string {
	if q.Type != engine.MultipleChoice {
		return nil
	}
	if q.SortAnswers {
		all := append(slices.Clone(q.Answers), q.Distractors...)
		slices.Sort(all)
		return all
	}
	h := fnv.New64a()
	h.Write([]byte(q.ID))
	rng := rand.New(rand.NewPCG(h.Sum64(), seed))
	if q.AnswerIndex != nil && len(q.Answers) == 1 {
		rest := slices.Clone(q.Distractors)
		rng.Shuffle(len(rest), func(i, j int) { rest[i], rest[j] = rest[j], rest[i] })
		i := min(max(*q.AnswerIndex, 0), len(rest))
		return slices.Insert(rest, i, q.Answers[0])
	}
	all := append(slices.Clone(q.Answers), q.Distractors...)
	rng.Shuffle(len(all), func(i, j int) { all[i], all[j] = all[j], all[i] })
	return all
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
