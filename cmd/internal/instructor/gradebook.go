package instructor

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/asynclings/asynclings/cmd/internal/base"
	"github.com/asynclings/asynclings/cmd/internal/ui"
	"github.com/asynclings/asynclings/engine/grader"
	"github.com/asynclings/asynclings/engine/homework"
	"github.com/asynclings/asynclings/engine/report"
	"github.com/asynclings/asynclings/pages"
	"github.com/asynclings/asynclings/store"
)

var (
	gradebookAssignment string
	gradebookCSV        bool
	gradebookStudent    string
	gradebookFormat     string
	gradebookKey        string
	gradebookItems      bool
	feedbackOut         string
)

func GradebookFlags(fs *flag.FlagSet) {
	fs.StringVar(&gradebookAssignment, "assignment", "", "only this assignment ID")
	fs.BoolVar(&gradebookCSV, "csv", false, "CSV, with nbgrader's gradebook export columns unless --format says otherwise")
	fs.StringVar(&gradebookFormat, "format", "", "with --csv: nbgrader (the default), canvas (Canvas's gradebook import) or moodle (Moodle's grade import)")
	fs.StringVar(&gradebookKey, "key", "", "with --format canvas or moodle: name students by their id (the default) or email")
	fs.BoolVar(&gradebookItems, "items", false, "with --format canvas or moodle: a column per item too, its points before any late penalty")
	fs.StringVar(&gradebookStudent, "student", "", "with --assignment: every grading of this student's work, oldest first")
}

func FeedbackFlags(fs *flag.FlagSet) {
	fs.StringVar(&gradebookAssignment, "assignment", "", "write the reports of this graded assignment ID")
	fs.StringVar(&feedbackOut, "out", "", "the directory for the reports (with --assignment), or the report file (with a bundle)")
	fs.StringVar(&feedbackOut, "o", "", "same as --out")
}

// rowOf is a recorded grade as the reports take it.
func rowOf(s store.Submission) report.Row {
	row := report.Row{Assignment: s.Assignment.ID, Title: s.Assignment.Title, Due: s.Assignment.Due, Submitted: s.Submitted,
		StudentID: s.Student.ID, LastName: s.Student.LastName, FirstName: s.Student.FirstName, Email: s.Student.Email,
		RawScore: s.RawScore, LatePenalty: s.LatePenalty, Score: s.Score, MaxScore: s.Assignment.MaxScore,
		DaysLate: s.DaysLate, PastCutoff: s.PastCutoff, GradedAt: s.GradedAt, File: s.File, Current: s.Current}
	for _, ig := range s.Items {
		row.Items = append(row.Items, report.RowItem{ID: ig.ItemID, Kind: ig.Kind, Max: ig.Max, Points: ig.Points, Passed: ig.Passed,
			Penalty: ig.Penalty, Attempts: ig.Attempts, Hints: ig.Hints, Outcome: ig.Outcome, Output: report.RawOutput(ig.Output)})
	}
	return row
}

func rowsOf(subs []store.Submission) []report.Row {
	rows := make([]report.Row, 0, len(subs))
	for _, s := range subs {
		rows = append(rows, rowOf(s))
	}
	return rows
}

func (a *app) cmdGradebook(ctx context.Context, args []string) error {
	if len(args) > 0 && args[0] == "merge" {
		return a.gradebookMerge(ctx, args[1:])
	}
	if len(args) > 0 {
		return base.UsageErr("gradebook takes no arguments but merge DB...; --assignment ID picks one assignment")
	}
	if gradebookCSV && a.JSON {
		return base.UsageErr("gradebook: --csv and --json are exclusive")
	}
	export := report.Export{Format: report.Format(gradebookFormat), Key: report.Key(gradebookKey), Items: gradebookItems}
	if (gradebookFormat != "" || gradebookKey != "" || gradebookItems) && !gradebookCSV {
		return base.UsageErr("gradebook: --format, --key and --items go with --csv")
	}
	if err := export.Check(); err != nil {
		return base.UsageErr("gradebook: %v", err)
	}
	if err := a.Open(ctx); err != nil {
		return err
	}
	var subs []store.Submission
	var err error
	switch {
	case gradebookStudent != "" && gradebookAssignment == "":
		return base.UsageErr("gradebook --student needs --assignment ID")
	case gradebookStudent != "" && gradebookCSV:
		return base.UsageErr("gradebook --student lists one student's gradings; the CSV has current grades only")
	case gradebookStudent != "":
		if id, err := homework.NormalizeStudentID(gradebookStudent); err == nil {
			gradebookStudent = id // "Ada" finds ada, as grade case-folds IDs
		}
		subs, err = a.Store.GradeHistory(ctx, gradebookAssignment, gradebookStudent)
	default:
		subs, err = a.Store.Gradebook(ctx, gradebookAssignment)
	}
	if err != nil {
		return err
	}
	switch {
	case gradebookStudent != "" && !gradebookCSV && !a.JSON:
		return a.printGradeHistory(subs)
	case gradebookCSV:
		if err := export.Write(a.Stdout, rowsOf(subs)); err != nil {
			return &base.ExitError{Code: 1, Err: err}
		}
		return nil
	case a.JSON:
		return a.WriteJSON(rowsOf(subs))
	}
	if len(subs) == 0 {
		if gradebookAssignment != "" {
			fmt.Fprintf(a.Stdout, "No grades for %s yet in %s: asynclings grade ASSIGNMENT.toml BUNDLES... grades them.\n", gradebookAssignment, a.DBPath)
		} else {
			fmt.Fprintf(a.Stdout, "The gradebook in %s is empty: asynclings grade ASSIGNMENT.toml BUNDLES... grades bundles into it.\n", a.DBPath)
		}
		return nil
	}
	tw := tabwriter.NewWriter(a.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ASSIGNMENT\tSTUDENT\tSUBMITTED\tLATE\tRAW\tPENALTY\tSCORE\tMAX")
	for _, s := range subs {
		late := "-"
		if s.DaysLate > 0 {
			late = base.Plural(s.DaysLate, "day")
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", s.Assignment.ID, studentName(s.Student), homework.FormatUTC(s.Submitted), late,
			homework.FormatPoints(s.RawScore), homework.FormatPoints(s.LatePenalty), homework.FormatPoints(s.Score), homework.FormatPoints(s.Assignment.MaxScore))
	}
	return tw.Flush()
}

// gradebookMerge merges the gradebooks of other databases, each shard's of
// a class graded on several machines, into this one (--db, else
// $ASYNCLINGS_DB, else the default).
func (a *app) gradebookMerge(ctx context.Context, sources []string) error {
	if len(sources) == 0 {
		return base.UsageErr("gradebook merge needs the databases to merge: asynclings --db class.db gradebook merge shard-0.db shard-1.db ...")
	}
	if gradebookCSV || a.JSON || gradebookAssignment != "" || gradebookStudent != "" {
		return base.UsageErr("gradebook merge takes databases only; export the merged gradebook after it")
	}
	if err := a.Open(ctx); err != nil {
		return err
	}
	m, err := a.Store.Merge(ctx, sources)
	var conflict *store.MergeConflictError
	switch {
	case errors.As(err, &conflict):
		return &base.ExitError{Code: 1, Err: err}
	case err != nil:
		return &base.ExitError{Code: 2, Err: err}
	}
	fmt.Fprintf(a.Stdout, "Merged %s into %s: %s added, %s already there.\n", base.Plural(len(sources), "database"), a.DBPath,
		base.Plural(m.Added, "grading"), base.Plural(m.Unchanged, "grading"))
	for _, id := range slices.Sorted(maps.Keys(m.Mixed)) {
		var in []string
		for _, dbs := range m.Mixed[id] {
			in = append(in, strings.Join(dbs, ", "))
		}
		fmt.Fprintf(a.Stderr, "warning: the current grades of %s were made with %d versions of its assignment file or course (one in %s): grade every shard with the same files\n",
			id, len(in), strings.Join(in, "; another in "))
	}
	return nil
}

// printGradeHistory lists a student's gradings of one assignment.
func (a *app) printGradeHistory(subs []store.Submission) error {
	if len(subs) == 0 {
		fmt.Fprintf(a.Stdout, "No grades for %s in %s.\n", gradebookStudent, gradebookAssignment)
		return nil
	}
	tw := tabwriter.NewWriter(a.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "GRADED\tFILE\tSUBMITTED\tSCORE\tMAX\t")
	for _, s := range subs {
		cur := ""
		if s.Current {
			cur = "current"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", homework.FormatUTC(s.GradedAt), s.File, homework.FormatUTC(s.Submitted), homework.FormatPoints(s.Score), homework.FormatPoints(s.Assignment.MaxScore), cur)
	}
	return tw.Flush()
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
	return base.UsageErr("feedback needs --assignment ID --out DIR (an instructor's reports), or ASSIGNMENT.toml BUNDLE (a preview of your own bundle)")
}

func (a *app) feedbackFromGradebook(ctx context.Context) error {
	if feedbackOut == "" {
		return base.UsageErr("feedback --assignment %s needs --out DIR", gradebookAssignment)
	}
	if err := a.Open(ctx); err != nil {
		return err
	}
	subs, err := a.Store.Gradebook(ctx, gradebookAssignment)
	if err != nil {
		return err
	}
	if len(subs) == 0 {
		return &base.ExitError{Code: 1, Err: fmt.Errorf("no grades for %s in %s", gradebookAssignment, a.DBPath)}
	}
	if err := os.MkdirAll(feedbackOut, 0o755); err != nil {
		return &base.ExitError{Code: 2, Err: err}
	}
	ids := make([]string, len(subs))
	for i, s := range subs {
		ids[i] = s.Student.ID
	}
	var failed []string
	for i, name := range report.FileNames(ids) {
		// One report that cannot be written (a full disk, a name taken by a
		// folder) must not cost the rest of the class theirs.
		if err := a.writeReport(filepath.Join(feedbackOut, name), rowOf(subs[i]), false); err != nil {
			fmt.Fprintf(a.Stderr, "asynclings: %s: %v\n", homework.Clean(ids[i]), err)
			failed = append(failed, homework.Clean(ids[i]))
		}
	}
	fmt.Fprintf(a.Stdout, "Wrote %s for %s in %s, one per student (STUDENT-ID.html).\n", base.Plural(len(subs)-len(failed), "report"), gradebookAssignment, feedbackOut)
	if len(failed) > 0 {
		return &base.ExitError{Code: 1, Err: fmt.Errorf("no report for %s: see the messages above", strings.Join(failed, ", "))}
	}
	return nil
}

// feedbackPreview grades a learner's own bundle here, as the instructor
// would, without recording anything.
func (a *app) feedbackPreview(ctx context.Context, assignment, bundle string) error {
	asg, err := a.LoadAssignment(ctx, assignment)
	if err != nil {
		return err
	}
	bf, err := homework.ReadChecked(bundle, asg, time.Now())
	if err != nil {
		return &base.ExitError{Code: 1, Err: fmt.Errorf("%s: the instructor's grader would reject it: %w", bundle, err)}
	}
	r, err := a.warmRunner(ctx)
	if err != nil {
		return err
	}
	stop := ui.StartSpinner(a.Stderr, "Grading your bundle as the instructor would")
	var res grader.Result
	grader.Grade(ctx, r, a.Course, asg.Assignment, []*homework.Bundle{bf.Bundle}, grader.Options{}, func(_ int, r grader.Result) { res = r })
	stop()
	if res.Err != nil {
		return &base.ExitError{Code: 2, Err: fmt.Errorf("grade %s: %w", bundle, res.Err)}
	}
	sub := submissionOf(asg, bf, res)
	sub.GradedAt = time.Now()
	out := feedbackOut
	if out == "" {
		out = strings.TrimSuffix(bundle, ".json") + ".html"
	}
	if same, _ := sameFile(out, bundle); same || out == bundle {
		return base.UsageErr("feedback: the report %s would overwrite the bundle", out)
	}
	if err := a.writeReport(out, rowOf(sub), true); err != nil {
		return err
	}
	fmt.Fprintf(a.Stdout, "Preview of %s: %s. Nothing was recorded; the instructor grades the bundle again.\n", bundle, scoreText(res.Grade))
	for _, it := range sub.Items {
		fmt.Fprintf(a.Stdout, "  %s %-*s %s/%s  %s\n", passMark(it.Passed), homework.IDWidth(asg.Assignment), it.ItemID, homework.FormatPoints(it.Points), homework.FormatPoints(it.Max), report.Verdict(report.Item{Outcome: it.Outcome, Passed: it.Passed}))
	}
	fmt.Fprintf(a.Stdout, "Report: %s\n", out)
	return nil
}

func passMark(ok bool) string {
	if ok {
		return "✓"
	}
	return "✗"
}

// writeReport writes the feedback report on a grade to file.
func (a *app) writeReport(file string, row report.Row, preview bool) error {
	f := report.FeedbackOf(a.Course, row, preview, ui.DescribeAnswer)
	err := homework.WriteFileAtomic(file, func(w io.Writer) error { return pages.Feedback(w, f) })
	if err != nil {
		return &base.ExitError{Code: 2, Err: err} // it names the file
	}
	return nil
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
