package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"
	"unicode"

	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/engine/grader"
	"github.com/asynclings/asynclings/engine/homework"
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

// bundleFile is a bundle read from disk and checked against the assignment.
type bundleFile struct {
	path     string
	bundle   *homework.Bundle
	checksum string
}

// readBundle decodes a bundle file, which may be anything a student made
// (see homework.ReadBundleFile), and checks it against the assignment.
func readBundle(path string, asg *assignmentFile) (*bundleFile, error) {
	b, err := homework.ReadBundleFile(path)
	if err == nil {
		err = homework.Check(b, asg.Assignment, asg.courseHash)
	}
	if errors.Is(err, homework.ErrWrongCourse) {
		return nil, fmt.Errorf("%w (grade with the course the student used, --course DIR, or ask for a bundle made with yours)", err)
	}
	if err != nil {
		return nil, err
	}
	// A clock can be a little off; a bundle from days ahead is not.
	if ahead := b.Submitted.Sub(time.Now()); ahead > time.Hour {
		return nil, fmt.Errorf("%w: submitted %s, %s from now", homework.ErrMalformed, formatUTC(b.Submitted), humanDuration(ahead))
	}
	sum, err := b.Checksum()
	if err != nil {
		return nil, err
	}
	return &bundleFile{path: path, bundle: b, checksum: sum}, nil
}

// bundlePaths expands the arguments: a directory stands for the .json files
// in it and its subdirectories (a learning platform's download often has a
// folder per student). A directory named in args may be a symbolic link;
// inside it, links are never followed: one to a folder (or a loop) or
// named *.json is rejected by name, as is a folder that cannot be read,
// and the rest go on. Files that are not regular are left to readBundle,
// which refuses them without reading them.
func (a *app) bundlePaths(args []string) (paths []string, rejected int, err error) {
	reject := func(p string, err error) {
		fmt.Fprintf(a.stderr, "%s: rejected: %s\n", clean(p), clean(err.Error()))
		rejected++
	}
	for _, arg := range args {
		info, err := os.Stat(arg)
		if errors.Is(err, fs.ErrNotExist) {
			return nil, 0, err
		}
		if err != nil {
			reject(arg, err)
			continue
		}
		if !info.IsDir() {
			paths = append(paths, arg)
			continue
		}
		n, r := len(paths), rejected
		filepath.WalkDir(arg, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				reject(p, err)
				return nil
			}
			hidden := p != arg && (strings.HasPrefix(d.Name(), ".") || d.Name() == "__MACOSX") // zip and editor debris
			switch {
			case hidden && d.IsDir():
				return fs.SkipDir
			case hidden || d.IsDir():
			case d.Type()&fs.ModeSymlink != 0:
				if strings.HasSuffix(p, ".json") || linksToFolder(p) {
					reject(p, errors.New("it is a symbolic link, which grading does not follow (copy the file or folder here instead)"))
				}
			case strings.HasSuffix(p, ".json"):
				paths = append(paths, p)
			}
			return nil
		})
		if len(paths) == n && rejected == r {
			fmt.Fprintf(a.stderr, "%s: warning: no bundle files (*.json) in it\n", clean(arg))
		}
	}
	if len(paths) == 0 && rejected == 0 {
		return nil, 0, errors.New("no bundle files to grade")
	}
	return paths, rejected, nil
}

// linksToFolder reports whether a symbolic link leads to a folder, or in a
// loop, which could hide bundles from a walk that does not follow it.
func linksToFolder(p string) bool {
	info, err := os.Stat(p)
	return err == nil && info.IsDir() || errors.Is(err, syscall.ELOOP)
}

// selectBundles reads the bundles and picks those to grade: each student's
// latest, unless it is already their current grade (so a stopped run goes
// on where it stopped) or older than it (so that running grade again never
// flips a grade back); --regrade grades them all the same.
func (a *app) selectBundles(ctx context.Context, asg *assignmentFile, roster *homework.Roster, paths []string) (todo []*bundleFile, rejected, stale int, err error) {
	seen := map[string]string{} // checksum -> path
	var valid []*bundleFile
	for _, p := range paths {
		bf, err := readBundle(p, asg)
		if err == nil && roster != nil {
			err = checkIdentity(roster, bf.bundle)
		}
		if err != nil {
			fmt.Fprintf(a.stderr, "%s: rejected: %s\n", clean(p), clean(err.Error()))
			rejected++
			continue
		}
		if first, dup := seen[bf.checksum]; dup {
			fmt.Fprintf(a.stderr, "%s: skipped: the same bundle as %s\n", clean(p), clean(first))
			continue
		}
		seen[bf.checksum] = p
		valid = append(valid, bf)
	}
	latest, superseded := latestPerStudent(valid)
	for _, s := range superseded {
		fmt.Fprintf(a.stderr, "%s: skipped: %s\n", clean(s.path), s.why)
	}
	book, err := a.store.Gradebook(ctx, asg.ID)
	if err != nil {
		return nil, 0, 0, err
	}
	current := map[string]store.Submission{}
	for _, sub := range book {
		current[sub.Student.ID] = sub
	}
	graded := 0
	for _, bf := range latest {
		cur, has := current[bf.bundle.Student.ID]
		older := has && cur.Submitted.After(bf.bundle.Submitted)
		if !gradeRegrade {
			done, err := a.store.IsGraded(ctx, asg.ID, bf.checksum, asg.version)
			if err != nil {
				return nil, 0, 0, err
			}
			if done {
				graded++
				continue
			}
			if older {
				fmt.Fprintf(a.stderr, "%s: skipped: %s's current grade is from a later bundle, %s (submitted %s); --regrade grades this one instead\n",
					clean(bf.path), clean(cur.Student.ID), clean(cur.File), formatUTC(cur.Submitted))
				if cur.Version != asg.version {
					// The grade that stays was made with another assignment file
					// or course: say so, or a changed due date goes unnoticed.
					fmt.Fprintf(a.stderr, "%s: %s's current grade was made with another version of %s or of the course: grade %s again too\n",
						clean(bf.path), clean(cur.Student.ID), asg.File, clean(cur.File))
					stale++
				}
				continue
			}
		} else if older {
			fmt.Fprintf(a.stderr, "%s: warning: it replaces %s's current grade, from %s, which was submitted later (%s)\n", clean(bf.path), clean(cur.Student.ID), clean(cur.File), formatUTC(cur.Submitted))
		}
		todo = append(todo, bf)
	}
	if graded > 0 {
		fmt.Fprintf(a.stdout, "%s already graded with this assignment and course: skipped (--regrade grades them again).\n", plural(graded, "bundle"))
	}
	return todo, rejected, stale, nil
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
	paths, badPaths, err := a.bundlePaths(args[1:])
	if err != nil {
		return usageErr("grade: %v", err)
	}
	if roster != nil {
		fmt.Fprintf(a.stdout, "Identities are checked against %s (%s): a bundle must be signed with its student's key.\n", gradeRoster, plural(len(roster.Students), "student"))
	} else {
		fmt.Fprintln(a.stdout, "Identities are unchecked: without --roster, each bundle's student ID is taken on its word.")
	}
	todo, rejected, stale, err := a.selectBundles(ctx, asg, roster, paths)
	if err != nil {
		return err
	}
	rejected += badPaths
	failedRuns := 0
	if len(todo) > 0 {
		r, err := a.warmRunner(ctx)
		if err != nil {
			return err
		}
		bundles := make([]*homework.Bundle, len(todo))
		for i, bf := range todo {
			bundles[i] = bf.bundle
		}
		fmt.Fprintf(a.stdout, "Grading %s for %s (%s), due %s:\n", plural(len(todo), "bundle"), asg.Title, asg.ID, formatUTC(asg.Due))
		bar := startProgress(a.stderr, "grading", "exercise runs", 0)
		graded := 0
		grader.Grade(ctx, r, a.course, asg.Assignment, bundles, grader.Options{Checked: bar.set}, func(i int, res grader.Result) {
			bf := todo[i]
			if ctx.Err() != nil {
				return // not graded, and the summary says the run was interrupted
			}
			if res.Err != nil {
				failedRuns++
				bar.printf(a.stderr, "%s: not graded: %v\n", clean(bf.path), res.Err)
				return
			}
			sub := submissionOf(asg, bf, res)
			if _, err := a.store.RecordGrade(ctx, sub); err != nil {
				failedRuns++
				bar.printf(a.stderr, "%s: not recorded: %v\n", clean(bf.path), err)
				return
			}
			graded++
			bar.printf(a.stdout, "[%d/%d] %s: %s  %s\n", graded, len(todo), studentName(sub.Student), scoreText(res.Grade), clean(bf.path))
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
	if stale > 0 {
		bad = append(bad, plural(stale, "grade")+" made with another version")
	}
	if len(bad) == 0 {
		return nil
	}
	return &exitError{code: 1, err: fmt.Errorf("%s: see the messages above", strings.Join(bad, ", "))}
}

// checkIdentity refuses a bundle whose student is not on the roster or
// that was not signed with their key; the student's names become the
// roster's, where it has them.
func checkIdentity(roster *homework.Roster, b *homework.Bundle) error {
	s, err := roster.Verify(b)
	if err != nil {
		return err
	}
	if s.FirstName != "" || s.LastName != "" {
		b.Student.FirstName, b.Student.LastName = s.FirstName, s.LastName
	}
	if s.Email != "" {
		b.Student.Email = s.Email
	}
	return nil
}

// superseded is a bundle left out of a run for another of the same student.
type superseded struct{ path, why string }

// latestPerStudent keeps each student's latest submission: grading one
// after another would leave whichever finished last as the grade.
func latestPerStudent(bfs []*bundleFile) (keep []*bundleFile, dropped []superseded) {
	latest := map[string]*bundleFile{}
	for _, bf := range bfs {
		id := bf.bundle.Student.ID
		if cur, ok := latest[id]; !ok || bf.bundle.Submitted.After(cur.bundle.Submitted) {
			latest[id] = bf
		}
	}
	for _, bf := range bfs {
		if l := latest[bf.bundle.Student.ID]; l != bf {
			dropped = append(dropped, superseded{bf.path, fmt.Sprintf("%s has a later bundle here, %s (submitted %s), which is taken instead", clean(bf.bundle.Student.ID), clean(l.path), formatUTC(l.bundle.Submitted))})
			continue
		}
		keep = append(keep, bf)
	}
	return keep, dropped
}

// submissionOf is the gradebook's record of a graded bundle.
func submissionOf(asg *assignmentFile, bf *bundleFile, res grader.Result) store.Submission {
	b, g := bf.bundle, res.Grade
	sub := store.Submission{
		Assignment: store.GradedAssignment{ID: asg.ID, Title: asg.Title, Course: b.Course, Due: asg.Due, MaxScore: g.Max},
		Student:    store.Student(b.Student),
		File:       bf.path, Checksum: bf.checksum, Version: asg.version, Submitted: b.Submitted,
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

func fullName(s store.Student) string {
	return clean(strings.TrimSpace(s.FirstName + " " + s.LastName))
}

// studentName is "ID (First Last)", or the ID alone.
func studentName(s store.Student) string {
	name := fullName(s)
	if name == "" {
		return clean(s.ID)
	}
	return clean(s.ID) + " (" + name + ")"
}

func scoreText(g homework.Grade) string {
	s := fmt.Sprintf("%s of %s", formatPoints(g.Final), formatPoints(g.Max))
	switch {
	case g.PastCutoff:
		s += fmt.Sprintf(" (raw %s; %s late, past the cutoff)", formatPoints(g.Raw), plural(g.DaysLate, "day"))
	case g.DaysLate > 0 && g.LatePenalty > 0:
		s += fmt.Sprintf(" (raw %s; %s late: -%s)", formatPoints(g.Raw), plural(g.DaysLate, "day"), formatPoints(g.LatePenalty))
	case g.DaysLate > 0:
		s += fmt.Sprintf(" (%s late)", plural(g.DaysLate, "day"))
	}
	return s
}

// verdictOf reads back an exercise's verdict from its recorded output.
func verdictOf(ig store.ItemGrade) (engine.Verdict, bool) {
	var v engine.Verdict
	if ig.Kind != engine.KindExercise || ig.Output == "" || json.Unmarshal([]byte(ig.Output), &v) != nil {
		return v, false
	}
	return v, true
}

// clean drops control characters from text that came from a student, so
// that it cannot drive the instructor's terminal.
func clean(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) { // Cf: bidi overrides can disguise a name
			return -1
		}
		return r
	}, s)
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
