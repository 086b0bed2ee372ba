// Package report computes what homework grading and progress hand out:
// the class's statistics, a student's feedback, a learner's numbers and
// the gradebook's exports (CSV). It takes plain values and prints nothing
// itself; package pages renders the HTML pages of these values.
package report

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/engine/homework"
	"github.com/asynclings/asynclings/engine/quiz"
)

// Feedback is one student's graded (or previewed) homework.
type Feedback struct {
	CourseTitle     string
	AssignmentID    string
	AssignmentTitle string
	Due             time.Time
	Submitted       time.Time
	GradedAt        time.Time
	StudentID       string
	StudentName     string // may be empty
	Preview         bool   // a student's own check before submitting, not the instructor's grade
	Max, Raw        float64
	DaysLate        int
	PastCutoff      bool
	LatePenalty     float64 // points lost for lateness
	Score           float64
	Items           []Item
}

// Item is one question or exercise of a Feedback.
type Item struct {
	ID, Title string
	Kind      string  // "question" or "exercise"
	Max       float64 // the item's points
	Points    float64 // earned before the late penalty
	Passed    bool
	Penalty   float64 // fraction lost to extra attempts (questions)
	Attempts  int
	// Outcome is an engine.Outcome for an exercise, "right" or "wrong" for
	// a question, and "missing" when the item was not submitted.
	Outcome string
	Message string // the verdict's message; may be multi-line
	Tests   []engine.TestResult
	// Answer is the answer given to a question; Explanation is the
	// question's explanation, which only the instructor's report shows.
	Answer, Explanation string
}

// FeedbackOf is the feedback on a gradebook row, with the course's titles;
// describe says a question's answer in words. A preview, made before the
// bundle is handed in, gives no question's explanation away.
func FeedbackOf(c *engine.Course, row Row, preview bool, describe func(*engine.Question, quiz.Answer) string) Feedback {
	f := Feedback{
		CourseTitle: c.Title, AssignmentID: row.Assignment, AssignmentTitle: row.Title,
		Due: row.Due, Submitted: row.Submitted, GradedAt: row.GradedAt,
		StudentID: row.StudentID, StudentName: FullName(row.FirstName, row.LastName), Preview: preview,
		Max: row.MaxScore, Raw: row.RawScore, DaysLate: row.DaysLate, PastCutoff: row.PastCutoff,
		LatePenalty: row.LatePenalty, Score: row.Score,
	}
	for _, ig := range row.Items {
		fi := Item{ID: ig.ID, Title: ig.ID, Kind: string(ig.Kind), Max: ig.Max, Points: ig.Points,
			Passed: ig.Passed, Penalty: ig.Penalty, Attempts: ig.Attempts, Outcome: ig.Outcome}
		it, _ := c.Find(ig.ID)
		if it != nil {
			fi.Title = it.ItemTitle()
		}
		var v engine.Verdict
		if ig.Kind == engine.KindExercise && len(ig.Output) > 0 && json.Unmarshal(ig.Output, &v) == nil {
			fi.Message, fi.Tests = v.Message, v.Tests
		}
		if q, ok := it.(*engine.Question); ok && !ig.Passed {
			var ans quiz.Answer
			if json.Unmarshal(ig.Output, &ans) == nil {
				fi.Answer = describe(q, ans)
			}
			if !preview { // a preview before submitting must not give answers away
				fi.Explanation = q.Context
			}
		}
		f.Items = append(f.Items, fi)
	}
	return f
}

// FullName is "First Last", cleaned of control characters; it may be empty.
func FullName(first, last string) string {
	return homework.Clean(strings.TrimSpace(first + " " + last))
}

// Verdict says in words how an item ended, with the attempts a question
// took past the first.
func Verdict(it Item) string {
	v := outcomeWords[it.Outcome]
	switch {
	case v != "":
	case it.Outcome != "":
		v = it.Outcome // one added after this table still shows
	case it.Passed:
		v = "passed"
	default:
		v = "did not pass"
	}
	if it.Kind == "question" && it.Attempts > 1 {
		v += ", " + strconv.Itoa(it.Attempts) + " attempts"
		if it.Penalty > 0 {
			v += " (−" + homework.FormatPoints(it.Penalty*100) + "%)"
		}
	}
	return v
}

// outcomeWords says each outcome the way a student reads it.
var outcomeWords = map[string]string{
	string(engine.OutcomePass):          "passed",
	string(engine.OutcomeFail):          "tests failed",
	string(engine.OutcomeCompileError):  "does not compile",
	string(engine.OutcomeRuleViolation): "breaks the exercise's rules",
	string(engine.OutcomeTimeout):       "timed out",
	string(engine.OutcomeMemoryLimit):   "used too much memory",
	string(engine.OutcomeRuntimeError):  "crashed",
	string(engine.OutcomeInternalError): "could not be checked (checker error)",
	"right":                             "right answer",
	"wrong":                             "wrong answer",
	"missing":                           "not submitted",
}

// FileNames are the report files, one per student ID in ids, in order:
// safe names (homework.FileSafe), numbered where two IDs (such as "a/b"
// and "a_b", or "Ada" and "ada" on a case-blind disk) would make the same.
func FileNames(ids []string) []string {
	used := map[string]bool{}
	names := make([]string, len(ids))
	for i, id := range ids {
		name := homework.FileSafe(id)
		for n := 2; used[strings.ToLower(name)]; n++ {
			name = homework.FileSafe(fmt.Sprintf("%s-%d", id, n))
		}
		used[strings.ToLower(name)] = true
		names[i] = name + ".html"
	}
	return names
}
