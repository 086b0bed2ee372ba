package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/engine/grader"
	"github.com/asynclings/asynclings/engine/homework"
	"github.com/asynclings/asynclings/engine/quiz"
	"github.com/asynclings/asynclings/store"
)

var (
	gradebookAssignment string
	gradebookCSV        bool
	gradebookStudent    string
	feedbackOut         string
)

func gradebookFlags(fs *flag.FlagSet, a *app) {
	fs.StringVar(&gradebookAssignment, "assignment", "", "only this assignment ID")
	fs.BoolVar(&gradebookCSV, "csv", false, "CSV with nbgrader's gradebook export columns")
	fs.StringVar(&gradebookStudent, "student", "", "with --assignment: every grading of this student's work, oldest first")
}

func feedbackFlags(fs *flag.FlagSet, a *app) {
	fs.StringVar(&gradebookAssignment, "assignment", "", "write the reports of this graded assignment ID")
	fs.StringVar(&feedbackOut, "out", "", "the directory for the reports (with --assignment), or the report file (with a bundle)")
	fs.StringVar(&feedbackOut, "o", "", "same as --out")
}

// csvHeader is nbgrader's gradebook export (nbgrader export), so that the
// file goes where nbgrader's would.
var csvHeader = []string{"assignment", "duedate", "timestamp", "student_id", "last_name", "first_name", "email", "raw_score", "late_submission_penalty", "score", "max_score"}

// gradebookRow is one student's current grade for one assignment, in --json.
type gradebookRow struct {
	Assignment  string          `json:"assignment"`
	Due         time.Time       `json:"duedate"`
	Submitted   time.Time       `json:"timestamp"`
	StudentID   string          `json:"student_id"`
	LastName    string          `json:"last_name"`
	FirstName   string          `json:"first_name"`
	Email       string          `json:"email"`
	RawScore    float64         `json:"raw_score"`
	LatePenalty float64         `json:"late_submission_penalty"`
	Score       float64         `json:"score"`
	MaxScore    float64         `json:"max_score"`
	DaysLate    int             `json:"days_late"`
	GradedAt    time.Time       `json:"graded_at"`
	File        string          `json:"file"`
	Current     bool            `json:"current"`
	Items       []gradebookItem `json:"items"`
}

// gradebookItem is one item's grade in --json; output is the runner's
// verdict for an exercise and the answer for a question.
type gradebookItem struct {
	ID       string          `json:"item_id"`
	Kind     engine.Kind     `json:"kind"`
	Max      float64         `json:"max_points"`
	Points   float64         `json:"points"`
	Passed   bool            `json:"passed"`
	Penalty  float64         `json:"penalty"`
	Attempts int             `json:"attempts"`
	Outcome  string          `json:"outcome"`
	Output   json.RawMessage `json:"output,omitempty"`
}

func (a *app) cmdGradebook(ctx context.Context, args []string) error {
	if len(args) > 0 {
		return usageErr("gradebook takes no arguments; --assignment ID picks one assignment")
	}
	if gradebookCSV && a.json {
		return usageErr("gradebook: --csv and --json are exclusive")
	}
	if err := a.open(ctx); err != nil {
		return err
	}
	var subs []store.Submission
	var err error
	switch {
	case gradebookStudent != "" && gradebookAssignment == "":
		return usageErr("gradebook --student needs --assignment ID")
	case gradebookStudent != "" && gradebookCSV:
		return usageErr("gradebook --student lists one student's gradings; the CSV has current grades only")
	case gradebookStudent != "":
		if id, err := homework.NormalizeStudentID(gradebookStudent); err == nil {
			gradebookStudent = id // "Ada" finds ada, as grade case-folds IDs
		}
		subs, err = a.store.GradeHistory(ctx, gradebookAssignment, gradebookStudent)
	default:
		subs, err = a.store.Gradebook(ctx, gradebookAssignment)
	}
	if err != nil {
		return err
	}
	switch {
	case gradebookStudent != "" && !gradebookCSV && !a.json:
		return a.printGradeHistory(subs)
	case gradebookCSV:
		return writeGradebookCSV(a.stdout, subs)
	case a.json:
		rows := make([]gradebookRow, 0, len(subs))
		for _, s := range subs {
			row := gradebookRow{s.Assignment.ID, s.Assignment.Due, s.Submitted, s.Student.ID, s.Student.LastName, s.Student.FirstName,
				s.Student.Email, s.RawScore, s.LatePenalty, s.Score, s.Assignment.MaxScore, s.DaysLate, s.GradedAt, s.File, s.Current, nil}
			for _, ig := range s.Items {
				gi := gradebookItem{ig.ItemID, ig.Kind, ig.Max, ig.Points, ig.Passed, ig.Penalty, ig.Attempts, ig.Outcome, nil}
				if json.Valid([]byte(ig.Output)) {
					gi.Output = json.RawMessage(ig.Output)
				}
				row.Items = append(row.Items, gi)
			}
			rows = append(rows, row)
		}
		return a.writeJSON(rows)
	}
	if len(subs) == 0 {
		if gradebookAssignment != "" {
			fmt.Fprintf(a.stdout, "No grades for %s yet in %s: asynclings grade ASSIGNMENT.toml BUNDLES... grades them.\n", gradebookAssignment, a.dbPath)
		} else {
			fmt.Fprintf(a.stdout, "The gradebook in %s is empty: asynclings grade ASSIGNMENT.toml BUNDLES... grades bundles into it.\n", a.dbPath)
		}
		return nil
	}
	tw := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ASSIGNMENT\tSTUDENT\tSUBMITTED\tLATE\tRAW\tPENALTY\tSCORE\tMAX")
	for _, s := range subs {
		late := "-"
		if s.DaysLate > 0 {
			late = plural(s.DaysLate, "day")
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", s.Assignment.ID, studentName(s.Student), formatUTC(s.Submitted), late,
			formatPoints(s.RawScore), formatPoints(s.LatePenalty), formatPoints(s.Score), formatPoints(s.Assignment.MaxScore))
	}
	return tw.Flush()
}

// printGradeHistory lists a student's gradings of one assignment.
func (a *app) printGradeHistory(subs []store.Submission) error {
	if len(subs) == 0 {
		fmt.Fprintf(a.stdout, "No grades for %s in %s.\n", gradebookStudent, gradebookAssignment)
		return nil
	}
	tw := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "GRADED\tFILE\tSUBMITTED\tSCORE\tMAX\t")
	for _, s := range subs {
		cur := ""
		if s.Current {
			cur = "current"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", formatUTC(s.GradedAt), s.File, formatUTC(s.Submitted), formatPoints(s.Score), formatPoints(s.Assignment.MaxScore), cur)
	}
	return tw.Flush()
}

func writeGradebookCSV(w io.Writer, subs []store.Submission) error {
	cw := csv.NewWriter(w)
	cw.Write(csvHeader)
	for _, s := range subs {
		cw.Write([]string{s.Assignment.ID, s.Assignment.Due.UTC().Format(time.RFC3339), s.Submitted.UTC().Format(time.RFC3339),
			csvText(s.Student.ID), csvText(s.Student.LastName), csvText(s.Student.FirstName), csvText(s.Student.Email),
			formatPoints(s.RawScore), formatPoints(s.LatePenalty), formatPoints(s.Score), formatPoints(s.Assignment.MaxScore)})
	}
	cw.Flush()
	return cw.Error()
}

// cmdFeedback writes feedback reports: the instructor's, one per student of
// a graded assignment, or a learner's preview of their own bundle.
func (a *app) cmdFeedback(ctx context.Context, args []string) error {
	switch {
	case gradebookAssignment != "" && len(args) == 0:
		return a.feedbackFromGradebook(ctx)
	case gradebookAssignment == "" && len(args) == 2:
		return a.feedbackPreview(ctx, args[0], args[1])
	}
	return usageErr("feedback needs --assignment ID --out DIR (an instructor's reports), or ASSIGNMENT.toml BUNDLE (a preview of your own bundle)")
}

func (a *app) feedbackFromGradebook(ctx context.Context) error {
	if feedbackOut == "" {
		return usageErr("feedback --assignment %s needs --out DIR", gradebookAssignment)
	}
	if err := a.open(ctx); err != nil {
		return err
	}
	subs, err := a.store.Gradebook(ctx, gradebookAssignment)
	if err != nil {
		return err
	}
	if len(subs) == 0 {
		return &exitError{code: 1, err: fmt.Errorf("no grades for %s in %s", gradebookAssignment, a.dbPath)}
	}
	if err := os.MkdirAll(feedbackOut, 0o755); err != nil {
		return &exitError{code: 2, err: err}
	}
	used := map[string]bool{}
	var failed []string
	for _, s := range subs {
		// IDs such as "a/b" and "a_b" make the same safe name: number them.
		name := fileSafe(s.Student.ID)
		for i := 2; used[strings.ToLower(name)]; i++ { // "Ada" and "ada" on a case-blind disk
			name = fileSafe(fmt.Sprintf("%s-%d", s.Student.ID, i))
		}
		used[strings.ToLower(name)] = true
		file := filepath.Join(feedbackOut, name+".html")
		// One report that cannot be written (a full disk, a name taken by a
		// folder) must not cost the rest of the class theirs.
		if err := a.writeReport(file, a.reportOf(s, false)); err != nil {
			fmt.Fprintf(a.stderr, "asynclings: %s: %v\n", clean(s.Student.ID), err)
			failed = append(failed, clean(s.Student.ID))
		}
	}
	fmt.Fprintf(a.stdout, "Wrote %s for %s in %s, one per student (STUDENT-ID.html).\n", plural(len(subs)-len(failed), "report"), gradebookAssignment, feedbackOut)
	if len(failed) > 0 {
		return &exitError{code: 1, err: fmt.Errorf("no report for %s: see the messages above", strings.Join(failed, ", "))}
	}
	return nil
}

// feedbackPreview grades a learner's own bundle here, as the instructor
// would, without recording anything.
func (a *app) feedbackPreview(ctx context.Context, assignment, bundle string) error {
	asg, err := a.loadAssignment(ctx, assignment)
	if err != nil {
		return err
	}
	bf, err := readBundle(bundle, asg)
	if err != nil {
		return &exitError{code: 1, err: fmt.Errorf("%s: the instructor's grader would reject it: %w", bundle, err)}
	}
	r, err := a.warmRunner(ctx)
	if err != nil {
		return err
	}
	stop := startSpinner(a.stderr, "Grading your bundle as the instructor would")
	var res grader.Result
	grader.Grade(ctx, r, a.course, asg.Assignment, []*homework.Bundle{bf.bundle}, grader.Options{}, func(_ int, r grader.Result) { res = r })
	stop()
	if res.Err != nil {
		return &exitError{code: 2, err: fmt.Errorf("grade %s: %w", bundle, res.Err)}
	}
	sub := submissionOf(asg, bf, res)
	sub.GradedAt = time.Now()
	out := feedbackOut
	if out == "" {
		out = strings.TrimSuffix(bundle, ".json") + ".html"
	}
	if same, _ := sameFile(out, bundle); same || out == bundle {
		return usageErr("feedback: the report %s would overwrite the bundle", out)
	}
	if err := a.writeReport(out, a.reportOf(sub, true)); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "Preview of %s: %s. Nothing was recorded; the instructor grades the bundle again.\n", bundle, scoreText(res.Grade))
	for _, it := range sub.Items {
		fmt.Fprintf(a.stdout, "  %s %-*s %s/%s  %s\n", passMark(it.Passed), idWidth(asg.Assignment), it.ItemID, formatPoints(it.Points), formatPoints(it.Max), itemVerdict(feedbackItem{Outcome: it.Outcome, Passed: it.Passed}))
	}
	fmt.Fprintf(a.stdout, "Report: %s\n", out)
	return nil
}

func passMark(ok bool) string {
	if ok {
		return "✓"
	}
	return "✗"
}

func (a *app) writeReport(file string, r feedbackReport) error {
	err := writeFileAtomic(file, func(w io.Writer) error { return writeFeedbackHTML(w, r) })
	if err != nil {
		return &exitError{code: 2, err: err} // it names the file
	}
	return nil
}

// reportOf turns a recorded grade into a feedback report.
func (a *app) reportOf(s store.Submission, preview bool) feedbackReport {
	r := feedbackReport{
		CourseTitle: a.course.Title, AssignmentID: s.Assignment.ID, AssignmentTitle: s.Assignment.Title,
		Due: s.Assignment.Due, Submitted: s.Submitted, GradedAt: s.GradedAt,
		StudentID: s.Student.ID, StudentName: fullName(s.Student), Preview: preview,
		Max: s.Assignment.MaxScore, Raw: s.RawScore, DaysLate: s.DaysLate, PastCutoff: s.PastCutoff,
		LatePenalty: s.LatePenalty, Score: s.Score,
	}
	for _, ig := range s.Items {
		fi := feedbackItem{ID: ig.ItemID, Title: ig.ItemID, Kind: string(ig.Kind), Max: ig.Max, Points: ig.Points,
			Passed: ig.Passed, Penalty: ig.Penalty, Attempts: ig.Attempts, Outcome: ig.Outcome}
		it, _ := a.course.Find(ig.ItemID)
		if it != nil {
			fi.Title = it.ItemTitle()
		}
		if v, ok := verdictOf(ig); ok {
			fi.Message, fi.Tests = v.Message, v.Tests
		}
		if q, ok := it.(*engine.Question); ok && !ig.Passed {
			var ans quiz.Answer
			if json.Unmarshal([]byte(ig.Output), &ans) == nil {
				fi.Answer = describeAnswer(q, ans)
			}
			if !preview { // a preview before submitting must not give answers away
				fi.Explanation = q.Context
			}
		}
		r.Items = append(r.Items, fi)
	}
	return r
}

// csvText keeps a student's text from being read as a formula by the
// spreadsheet the CSV is opened in (OWASP's CSV injection advice).
func csvText(s string) string {
	s = clean(s)
	if s != "" && strings.ContainsRune("=+-@", rune(s[0])) {
		return "'" + s
	}
	return s
}

// sameFile reports whether a and b name one existing file.
func sameFile(a, b string) (bool, error) {
	ai, err := os.Stat(a)
	if err != nil {
		return false, err
	}
	bi, err := os.Stat(b)
	if err != nil {
		return false, err
	}
	return os.SameFile(ai, bi), nil
}
