// Package reporttest has the courses and gradebook rows that the tests of
// report and of pages share, so that a page's numbers are the ones
// report's tests work out.
package reporttest

import (
	"encoding/json"
	"testing"

	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/engine/quiz"
	"github.com/asynclings/asynclings/engine/report"
)

// Course has two multiple-choice questions and an exercise.
func Course() *engine.Course {
	ch := &engine.Chapter{ID: "ch", Title: "Chapter",
		Questions: []*engine.Question{
			{ID: "q1", Type: engine.MultipleChoice, Prompt: "Which runs a task?", Answers: []string{"spawn"}, Distractors: []string{"block_on", "join"}},
			{ID: "q2", Type: engine.MultipleChoice, Prompt: "What does a finished future return?", Answers: []string{"Poll::Ready"}, Distractors: []string{"Poll::Pending"}},
		},
		Exercises: []*engine.Exercise{{ID: "ex"}},
	}
	return &engine.Course{ID: "c", Title: "C", Chapters: []*engine.Chapter{ch}}
}

// Question is a multiple-choice answer of choice, at the attempts given.
func Question(t testing.TB, id string, max float64, choice string, right bool, attempts int, points float64) report.RowItem {
	t.Helper()
	out, err := json.Marshal(quiz.Answer{Choices: []string{choice}})
	if err != nil {
		t.Fatal(err)
	}
	outcome := "wrong"
	if right {
		outcome = "right"
	}
	return report.RowItem{ID: id, Kind: engine.KindQuestion, Max: max, Points: points, Passed: right, Attempts: attempts, Outcome: outcome, Output: out}
}

// Exercise is the row item of the exercise "ex" (20 points) ending in v.
func Exercise(t testing.TB, v engine.Verdict, hints int) report.RowItem {
	t.Helper()
	out, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	it := report.RowItem{ID: "ex", Kind: engine.KindExercise, Max: 20, Hints: hints, Outcome: string(v.Outcome), Output: out}
	if v.Passed() {
		it.Passed, it.Points = true, 20
	}
	return it
}

func missingItem(id string, kind engine.Kind, max float64) report.RowItem {
	return report.RowItem{ID: id, Kind: kind, Max: max, Outcome: "missing"}
}

// Class is five students with known answers of Course; report's
// TestClassStats works out its numbers by hand.
//
//	        q1 (10)          q2 (10, right at attempt 2 = 9)   ex (20)                      raw  late  score
//	ana     spawn ✓ att 1    Pending ✗ att 1                  pass, 0 hints                30   0     30
//	cai     spawn ✓ att 2    Pending ✗ att 1                  pass, 1 hint                 30   0     30
//	ben     spawn ✓ att 1    Pending ✗ att 2                  fail (TestCancel), 2 hints   10   1     9
//	dee     block_on ✗ att 3 (missing)                        race (TestOrder, TestCancel), 3 hints  0  0  0
//	eve     join ✗ att 1     Ready ✓ att 2 (9 points)         compile-error, 2 hints       9    2     7.2
func Class(t testing.TB) []report.Row {
	pass := engine.Verdict{Outcome: engine.OutcomePass, Tests: []engine.TestResult{{Name: "TestOrder", Status: "pass"}, {Name: "TestCancel", Status: "pass"}}}
	fail := engine.Verdict{Outcome: engine.OutcomeFail, Tests: []engine.TestResult{{Name: "TestOrder", Status: "pass"}, {Name: "TestCancel", Status: "fail", Message: "leaked 1 goroutine\n"}}}
	race := engine.Verdict{Outcome: engine.OutcomeFail, Message: "the race detector found a data race: main.go:12",
		Tests: []engine.TestResult{{Name: "TestOrder", Status: "fail", Message: "got [2 1], want [1 2]"}, {Name: "TestCancel", Status: "fail", Message: "leaked 2 goroutines"}}}
	broken := engine.Verdict{Outcome: engine.OutcomeCompileError, Message: "main.go:3: undefined: x"}
	row := func(id string, raw, score float64, late int, items ...report.RowItem) report.Row {
		return report.Row{Assignment: "hw", StudentID: id, RawScore: raw, Score: score, MaxScore: 40, DaysLate: late, Items: items}
	}
	return []report.Row{
		row("ana", 30, 30, 0, Question(t, "q1", 10, "spawn", true, 1, 10), Question(t, "q2", 10, "Poll::Pending", false, 1, 0), Exercise(t, pass, 0)),
		row("cai", 30, 30, 0, Question(t, "q1", 10, "spawn", true, 2, 10), Question(t, "q2", 10, "Poll::Pending", false, 1, 0), Exercise(t, pass, 1)),
		row("ben", 10, 9, 1, Question(t, "q1", 10, "spawn", true, 1, 10), Question(t, "q2", 10, "Poll::Pending", false, 2, 0), Exercise(t, fail, 2)),
		row("dee", 0, 0, 0, Question(t, "q1", 10, "block_on", false, 3, 0), missingItem("q2", engine.KindQuestion, 10), Exercise(t, race, 3)),
		row("eve", 9, 7.2, 2, Question(t, "q1", 10, "join", false, 1, 0), Question(t, "q2", 10, "Poll::Ready", true, 2, 9), Exercise(t, broken, 2)),
	}
}

// LearnerCourse has two chapters: q1..q4 in one, e1 and e2 in two.
func LearnerCourse() *engine.Course {
	one := &engine.Chapter{ID: "one", Title: "One"}
	two := &engine.Chapter{ID: "two", Title: "Two"}
	for i, id := range []string{"q1", "q2", "q3", "q4"} {
		one.Questions = append(one.Questions, &engine.Question{ID: id, Chapter: one, Line: i + 1})
	}
	for i, id := range []string{"e1", "e2"} {
		two.Exercises = append(two.Exercises, &engine.Exercise{ID: id, Chapter: two, Line: i + 1})
	}
	return &engine.Course{ID: "c", Title: "C", Chapters: []*engine.Chapter{one, two}}
}
