package main

import (
	_ "embed"
	"html/template"
	"io"
	"math"
	"slices"
	"strconv"
	"time"

	"github.com/asynclings/asynclings/engine"
)

// feedbackReport is one student's graded (or previewed) homework.
type feedbackReport struct {
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
	Items           []feedbackItem
}

// feedbackItem is one question or exercise of a feedbackReport.
type feedbackItem struct {
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

// The page is one file a student opens offline, so the template carries its
// own CSS and no scripts, fonts or links out. Names, messages and test
// output come from students: html/template escapes them, and none may ever
// go through template.HTML.
//
//go:embed feedback.html.tmpl
var feedbackHTML string

var feedbackTmpl = template.Must(template.New("feedback").Funcs(template.FuncMap{
	"points":  formatPoints,
	"utc":     func(t time.Time) string { return t.UTC().Format("2006-01-02 15:04 UTC") },
	"days":    formatDays,
	"verdict": itemVerdict,
	"student": studentLabel,
	"failures": func(items []feedbackItem) bool {
		return slices.ContainsFunc(items, func(it feedbackItem) bool { return !it.Passed })
	},
}).Parse(feedbackHTML))

// writeFeedbackHTML writes r as a self-contained HTML page.
func writeFeedbackHTML(w io.Writer, r feedbackReport) error {
	return feedbackTmpl.Execute(w, r)
}

// formatPoints drops trailing zeros: 10, 7.5, 23.2. Rounding to 1/10000
// first hides float noise such as 23.200000000000003.
func formatPoints(x float64) string {
	x = math.Round(x*1e4) / 1e4
	if x == 0 {
		x = 0 // not "-0"
	}
	return strconv.FormatFloat(x, 'f', -1, 64)
}

func formatDays(n int) string {
	if n == 1 {
		return "1 day"
	}
	return strconv.Itoa(n) + " days"
}

func studentLabel(r feedbackReport) string {
	if r.StudentName == "" {
		return r.StudentID
	}
	return r.StudentName + " (" + r.StudentID + ")"
}

// itemVerdict says in words how an item ended, with the attempts a
// question took past the first.
func itemVerdict(it feedbackItem) string {
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
			v += " (−" + formatPoints(it.Penalty*100) + "%)"
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
