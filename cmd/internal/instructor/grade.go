package instructor

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/asynclings/asynclings/cmd/internal/base"
	"github.com/asynclings/asynclings/cmd/internal/ui"
	"github.com/asynclings/asynclings/engine/grader"
	"github.com/asynclings/asynclings/engine/homework"
	"github.com/asynclings/asynclings/engine/report"
	"github.com/asynclings/asynclings/engine/runner"
	"github.com/asynclings/asynclings/store"
)

var (
	gradeRegrade bool
	gradeRoster  string
	gradeShard   string
	gradeShards  int
)

func GradeFlags(fs *flag.FlagSet) {
	fs.BoolVar(&gradeRegrade, "regrade", false, "grade bundles again even if this assignment and course already graded them")
	fs.StringVar(&gradeRoster, "roster", "", "grade only bundles signed with the key of a student on this roster (asynclings roster)")
	fs.StringVar(&gradeShard, "shard", "", "grade only the students of shard K of N (K/N, K from 0), for grading on several machines")
	fs.IntVar(&gradeShards, "shards", 0, "the number of shards, with the index from JOB_COMPLETION_INDEX (a Kubernetes Indexed Job)")
}

// gradebookOf shows the store's gradebook to homework.Select.
type gradebookOf struct{ *store.Store }

func (g gradebookOf) CurrentGrades(ctx context.Context, assignmentID string) ([]homework.CurrentGrade, error) {
	book, err := g.Gradebook(ctx, assignmentID)
	grades := make([]homework.CurrentGrade, len(book))
	for i, sub := range book {
		grades[i] = homework.CurrentGrade{StudentID: sub.Student.ID, File: sub.File, Version: sub.Version, Submitted: sub.Submitted}
	}
	return grades, err
}

func printNotices(w io.Writer, notices []homework.Notice) {
	for _, n := range notices {
		fmt.Fprintln(w, n)
	}
}

// cmdGrade grades students' bundles for an assignment into the gradebook.
func (a *app) cmdGrade(ctx context.Context, args []string) error {
	if len(args) < 2 {
		return base.UsageErr("grade needs an assignment file and bundle files or directories: asynclings grade hw1.toml submissions/")
	}
	shard, shardFrom, err := homework.ResolveShard(gradeShard, gradeShards, a.ShardEnv())
	if err != nil {
		return base.UsageErr("grade: %v", err)
	}
	asg, err := a.LoadAssignment(ctx, args[0])
	if err != nil {
		return err
	}
	var roster *homework.Roster
	if gradeRoster != "" {
		if roster, err = a.readRoster(gradeRoster); err != nil {
			return err
		}
	}
	paths, err := homework.BundlePaths(args[1:])
	printNotices(a.Stderr, paths.Notices)
	if err != nil {
		return base.UsageErr("grade: %v", err)
	}
	if roster != nil {
		fmt.Fprintf(a.Stdout, "Identities are checked against %s (%s): a bundle must be signed with its student's key.\n", gradeRoster, base.Plural(len(roster.Students), "student"))
	} else {
		fmt.Fprintln(a.Stdout, "Identities are unchecked: without --roster, each bundle's student ID is taken on its word.")
	}
	sel, err := homework.Select(ctx, gradebookOf{a.Store}, asg, roster, paths.Files, gradeRegrade, time.Now())
	printNotices(a.Stderr, sel.Notices)
	if err != nil {
		return err
	}
	if !shard.All() {
		others := 0
		sel.Todo, others = shardTodo(sel.Todo, shard)
		fmt.Fprintf(a.Stdout, "Grading shard %s (%s) only: %s of other shards' students skipped.\n", shard, shardFrom, base.Plural(others, "bundle"))
	}
	if sel.Graded > 0 {
		fmt.Fprintf(a.Stdout, "%s already graded with this assignment and course: skipped (--regrade grades them again).\n", base.Plural(sel.Graded, "bundle"))
	}
	todo, rejected := sel.Todo, sel.Rejected+paths.Rejected
	failedRuns := 0
	if len(todo) > 0 {
		r, err := a.warmRunner(ctx)
		if err != nil {
			return err
		}
		bundles := make([]*homework.Bundle, len(todo))
		for i, bf := range todo {
			bundles[i] = bf.Bundle
		}
		fmt.Fprintf(a.Stdout, "Grading %s for %s (%s), due %s:\n", base.Plural(len(todo), "bundle"), asg.Title, asg.ID, homework.FormatUTC(asg.Due))
		bar := ui.StartProgress(a.Stderr, "grading", "exercise runs", 0)
		graded := 0
		grader.Grade(ctx, r, a.Course, asg.Assignment, bundles, grader.Options{Checked: bar.Set}, func(i int, res grader.Result) {
			bf := todo[i]
			if ctx.Err() != nil {
				return // not graded, and the summary says the run was interrupted
			}
			if res.Err != nil {
				failedRuns++
				bar.Printf(a.Stderr, "%s: not graded: %v\n", homework.Clean(bf.Path), res.Err)
				return
			}
			sub := submissionOf(asg, bf, res)
			if _, err := a.Store.RecordGrade(ctx, sub); err != nil {
				failedRuns++
				bar.Printf(a.Stderr, "%s: not recorded: %v\n", homework.Clean(bf.Path), err)
				return
			}
			graded++
			bar.Printf(a.Stdout, "[%d/%d] %s: %s  %s\n", graded, len(todo), studentName(sub.Student), scoreText(res.Grade), homework.Clean(bf.Path))
		})
		bar.Stop()
		if shard.All() {
			fmt.Fprintf(a.Stdout, "Graded %s.", base.Plural(graded, "bundle"))
		} else {
			fmt.Fprintf(a.Stdout, "Graded %s of shard %s.", base.Plural(graded, "bundle"), shard)
		}
		if ctx.Err() != nil {
			if gradeRegrade {
				fmt.Fprintf(a.Stdout, " Interrupted: the grades above are saved; the other %s keep their earlier grades (run without --regrade, bundles not graded with this version are graded).\n", base.Plural(len(todo)-graded, "bundle"))
			} else {
				fmt.Fprintf(a.Stdout, " Interrupted: the grades above are saved; the same command grades the other %s.\n", base.Plural(len(todo)-graded, "bundle"))
			}
			return &base.ExitError{Code: 2}
		}
		fmt.Fprintln(a.Stdout)
	}
	fmt.Fprintf(a.Stdout, "See them with asynclings gradebook --assignment %s (--csv to export).\n", asg.ID)
	var bad []string
	if rejected > 0 {
		bad = append(bad, base.Plural(rejected, "bundle")+" rejected")
	}
	if failedRuns > 0 {
		bad = append(bad, base.Plural(failedRuns, "bundle")+" not graded (the same command tries them again)")
	}
	if sel.Stale > 0 {
		bad = append(bad, base.Plural(sel.Stale, "grade")+" made with another version")
	}
	if len(bad) == 0 {
		return nil
	}
	return &base.ExitError{Code: 1, Err: fmt.Errorf("%s: see the messages above", strings.Join(bad, ", "))}
}

// shardTodo keeps the bundles of the shard's students and counts the others.
func shardTodo(todo []*homework.BundleFile, shard homework.Shard) (keep []*homework.BundleFile, others int) {
	for _, bf := range todo {
		if shard.Has(bf.Bundle.Student.ID) {
			keep = append(keep, bf)
		} else {
			others++
		}
	}
	return keep, others
}

// submissionOf is the gradebook's record of a graded bundle.
func submissionOf(asg *homework.Versioned, bf *homework.BundleFile, res grader.Result) store.Submission {
	b, g := bf.Bundle, res.Grade
	sub := store.Submission{
		Assignment: store.GradedAssignment{ID: asg.ID, Title: asg.Title, Course: b.Course, Due: asg.Due, MaxScore: g.Max},
		Student:    store.Student(b.Student),
		File:       bf.Path, Checksum: bf.Checksum, Version: asg.Version, Submitted: b.Submitted,
		RawScore: g.Raw, DaysLate: g.DaysLate, PastCutoff: g.PastCutoff, LatePenalty: g.LatePenalty, Score: g.Final,
	}
	for i, it := range res.Items {
		ig := g.Items[i]
		rec := store.ItemGrade{ItemID: it.ID, Kind: it.Kind, Max: ig.Max, Points: ig.Points, Passed: ig.Passed,
			Penalty: ig.Penalty, Attempts: it.Attempts, Hints: it.Hints, Outcome: it.Outcome}
		rec.Code, rec.Files = submittedCode(b, it)
		var out any
		switch {
		case it.Verdict != nil:
			out = it.Verdict
		case it.Answer != nil:
			out = it.Answer
		}
		if out != nil {
			data, _ := json.Marshal(out)
			rec.Output = string(data)
		}
		sub.Items = append(sub.Items, rec)
	}
	return sub
}

// studentName is "ID (First Last)", or the ID alone.
func studentName(s store.Student) string {
	name := report.FullName(s.FirstName, s.LastName)
	if name == "" {
		return homework.Clean(s.ID)
	}
	return homework.Clean(s.ID) + " (" + name + ")"
}

func scoreText(g homework.Grade) string {
	s := fmt.Sprintf("%s of %s", homework.FormatPoints(g.Final), homework.FormatPoints(g.Max))
	switch {
	case g.PastCutoff:
		s += fmt.Sprintf(" (raw %s; %s late, past the cutoff)", homework.FormatPoints(g.Raw), base.Plural(g.DaysLate, "day"))
	case g.DaysLate > 0 && g.LatePenalty > 0:
		s += fmt.Sprintf(" (raw %s; %s late: -%s)", homework.FormatPoints(g.Raw), base.Plural(g.DaysLate, "day"), homework.FormatPoints(g.LatePenalty))
	case g.DaysLate > 0:
		s += fmt.Sprintf(" (%s late)", base.Plural(g.DaysLate, "day"))
	}
	return s
}

// warmRunner returns the runner with Go's standard library compiled for
// checks, compiling it first (once per machine) with a spinner.
func (a *app) warmRunner(ctx context.Context) (*runner.Runner, error) {
	r, err := a.Runner()
	if err != nil {
		return nil, &base.ExitError{Code: 2, Err: err}
	}
	if !r.Warmed() {
		stop := ui.StartSpinner(a.Stderr, "Compiling Go's standard library for checks (once)")
		err := r.Warm(ctx)
		stop()
		if err != nil {
			return nil, &base.ExitError{Code: 2, Err: fmt.Errorf("warm the runner: %w", err)}
		}
	}
	return r, nil
}
