package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/asynclings/asynclings/engine/grader"
	"github.com/asynclings/asynclings/engine/homework"
	"github.com/asynclings/asynclings/engine/report"
	"github.com/asynclings/asynclings/engine/runner"
	"github.com/asynclings/asynclings/store"
)

var (
	gradeRegrade bool
	gradeRoster  string
)

func gradeFlags(fs *flag.FlagSet, a *app) {
	fs.BoolVar(&gradeRegrade, "regrade", false, "grade bundles again even if this assignment and course already graded them")
	fs.StringVar(&gradeRoster, "roster", "", "grade only bundles signed with the key of a student on this roster (asynclings roster)")
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
		return usageErr("grade needs an assignment file and bundle files or directories: asynclings grade hw1.toml submissions/")
	}
	asg, err := a.loadAssignment(ctx, args[0])
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
	printNotices(a.stderr, paths.Notices)
	if err != nil {
		return usageErr("grade: %v", err)
	}
	if roster != nil {
		fmt.Fprintf(a.stdout, "Identities are checked against %s (%s): a bundle must be signed with its student's key.\n", gradeRoster, plural(len(roster.Students), "student"))
	} else {
		fmt.Fprintln(a.stdout, "Identities are unchecked: without --roster, each bundle's student ID is taken on its word.")
	}
	sel, err := homework.Select(ctx, gradebookOf{a.store}, asg, roster, paths.Files, gradeRegrade, time.Now())
	printNotices(a.stderr, sel.Notices)
	if err != nil {
		return err
	}
	if sel.Graded > 0 {
		fmt.Fprintf(a.stdout, "%s already graded with this assignment and course: skipped (--regrade grades them again).\n", plural(sel.Graded, "bundle"))
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
		fmt.Fprintf(a.stdout, "Grading %s for %s (%s), due %s:\n", plural(len(todo), "bundle"), asg.Title, asg.ID, homework.FormatUTC(asg.Due))
		bar := startProgress(a.stderr, "grading", "exercise runs", 0)
		graded := 0
		grader.Grade(ctx, r, a.course, asg.Assignment, bundles, grader.Options{Checked: bar.set}, func(i int, res grader.Result) {
			bf := todo[i]
			if ctx.Err() != nil {
				return // not graded, and the summary says the run was interrupted
			}
			if res.Err != nil {
				failedRuns++
				bar.printf(a.stderr, "%s: not graded: %v\n", homework.Clean(bf.Path), res.Err)
				return
			}
			sub := submissionOf(asg, bf, res)
			if _, err := a.store.RecordGrade(ctx, sub); err != nil {
				failedRuns++
				bar.printf(a.stderr, "%s: not recorded: %v\n", homework.Clean(bf.Path), err)
				return
			}
			graded++
			bar.printf(a.stdout, "[%d/%d] %s: %s  %s\n", graded, len(todo), studentName(sub.Student), scoreText(res.Grade), homework.Clean(bf.Path))
		})
		bar.stop()
		fmt.Fprintf(a.stdout, "Graded %s.", plural(graded, "bundle"))
		if ctx.Err() != nil {
			if gradeRegrade {
				fmt.Fprintf(a.stdout, " Interrupted: the grades above are saved; the other %s keep their earlier grades (run without --regrade, bundles not graded with this version are graded).\n", plural(len(todo)-graded, "bundle"))
			} else {
				fmt.Fprintf(a.stdout, " Interrupted: the grades above are saved; the same command grades the other %s.\n", plural(len(todo)-graded, "bundle"))
			}
			return &exitError{code: 2}
		}
		fmt.Fprintln(a.stdout)
	}
	fmt.Fprintf(a.stdout, "See them with asynclings gradebook --assignment %s (--csv to export).\n", asg.ID)
	var bad []string
	if rejected > 0 {
		bad = append(bad, plural(rejected, "bundle")+" rejected")
	}
	if failedRuns > 0 {
		bad = append(bad, plural(failedRuns, "bundle")+" not graded (the same command tries them again)")
	}
	if sel.Stale > 0 {
		bad = append(bad, plural(sel.Stale, "grade")+" made with another version")
	}
	if len(bad) == 0 {
		return nil
	}
	return &exitError{code: 1, err: fmt.Errorf("%s: see the messages above", strings.Join(bad, ", "))}
}

// submissionOf is the gradebook's record of a graded bundle.
func submissionOf(asg *assignmentFile, bf *homework.BundleFile, res grader.Result) store.Submission {
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
			Penalty: ig.Penalty, Attempts: it.Attempts, Outcome: it.Outcome}
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
		s += fmt.Sprintf(" (raw %s; %s late, past the cutoff)", homework.FormatPoints(g.Raw), plural(g.DaysLate, "day"))
	case g.DaysLate > 0 && g.LatePenalty > 0:
		s += fmt.Sprintf(" (raw %s; %s late: -%s)", homework.FormatPoints(g.Raw), plural(g.DaysLate, "day"), homework.FormatPoints(g.LatePenalty))
	case g.DaysLate > 0:
		s += fmt.Sprintf(" (%s late)", plural(g.DaysLate, "day"))
	}
	return s
}

// warmRunner returns the runner with Go's standard library compiled for
// checks, compiling it first (once per machine) with a spinner.
func (a *app) warmRunner(ctx context.Context) (*runner.Runner, error) {
	r, err := a.getRunner()
	if err != nil {
		return nil, &exitError{code: 2, err: err}
	}
	if !r.Warmed() {
		stop := startSpinner(a.stderr, "Compiling Go's standard library for checks (once)")
		err := r.Warm(ctx)
		stop()
		if err != nil {
			return nil, &exitError{code: 2, err: fmt.Errorf("warm the runner: %w", err)}
		}
	}
	return r, nil
}
