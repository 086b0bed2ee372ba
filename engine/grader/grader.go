// Package grader grades homework bundles: each exercise is run again in the
// runner from the submitted code and each question is graded again from the
// submitted answer. Nothing a learner recorded about their own work counts.
package grader

import (
	"context"
	"fmt"

	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/engine/homework"
	"github.com/asynclings/asynclings/engine/quiz"
	"github.com/asynclings/asynclings/engine/runner"
)

// Batcher checks many submissions at once; *runner.Runner is one.
type Batcher interface {
	Batch(ctx context.Context, subs []runner.Submission, workers int) <-chan runner.Result
}

// Outcomes of an item besides an exercise's engine.Outcome.
const (
	Right   = "right"   // a question answered right
	Wrong   = "wrong"   // a question answered wrong
	Missing = "missing" // not in the bundle
)

// Item is how one item of a bundle was graded.
type Item struct {
	ID       string
	Kind     engine.Kind
	Outcome  string          // an engine.Outcome for an exercise, else Right, Wrong or Missing
	Verdict  *engine.Verdict // an exercise that was run
	Answer   *quiz.Answer    // a question that was answered
	Attempts int
	Hints    int // as the bundle says
}

// Passed reports whether the item earns its points.
func (it Item) Passed() bool {
	return it.Outcome == Right || it.Outcome == string(engine.OutcomePass)
}

// Result is the grade of one bundle.
type Result struct {
	Bundle *homework.Bundle
	Grade  homework.Grade
	Items  []Item // the student's draw, in the assignment's order
	// Err is set when the runner itself failed on an item (or the run was
	// cancelled): the grade would be wrong, so it must not be recorded.
	Err error
}

// Options tune a grading run.
type Options struct {
	Workers int // bounds the batch as in runner.Batch; 0 is every core
	// Checked, if set, is told after each exercise run how many of all the
	// runs are done, for a progress display.
	Checked func(done, total int)
}

// Grade grades bundles, already decoded and checked against a, through one
// runner batch, and calls done with each bundle's index and result as soon
// as all its items are graded, in no particular order and from one
// goroutine.
func Grade(ctx context.Context, r Batcher, c *engine.Course, a *homework.Assignment, bundles []*homework.Bundle, opt Options, done func(int, Result)) {
	results := make([]Result, len(bundles))
	pending := make([]int, len(bundles)) // exercises still running, per bundle
	type ref struct{ bundle, item int }
	var subs []runner.Submission
	var refs []ref
	for bi, b := range bundles {
		work := map[string]homework.Work{}
		for _, w := range b.Items {
			work[w.ID] = w
		}
		draw := a.Draw(b.Student.ID)
		res := Result{Bundle: b, Items: make([]Item, len(draw))}
		// Owner keeps each student's code out of every other student's
		// test binary; a bundle with no valid ID is not run at all.
		owner, err := homework.NormalizeStudentID(b.Student.ID)
		if err != nil {
			res.Err = err
		}
		for ii, ai := range draw {
			w, ok := work[ai.ID]
			it := Item{ID: ai.ID, Kind: ai.Kind, Outcome: Missing, Attempts: w.Attempts, Hints: w.Hints}
			found, _ := c.Find(ai.ID)
			switch item := found.(type) {
			case *engine.Question:
				if ok && w.Answer != nil {
					it.Answer = w.Answer
					it.Outcome = Wrong
					if quiz.Grade(item, *w.Answer) {
						it.Outcome = Right
					}
				}
			case *engine.Exercise:
				if ok && w.Code != "" && owner != "" {
					subs = append(subs, runner.Submission{Exercise: item, Code: w.Code, Files: w.Files, Owner: owner})
					refs = append(refs, ref{bi, ii})
					pending[bi]++
				}
			default:
				res.Err = fmt.Errorf("item %q is not in course %s", ai.ID, c.ID)
			}
			res.Items[ii] = it
		}
		results[bi] = res
	}
	finish := func(bi int) {
		res := &results[bi]
		scored := map[string]homework.ItemResult{}
		for _, it := range res.Items {
			scored[it.ID] = homework.ItemResult{Passed: it.Passed(), Attempts: it.Attempts}
		}
		res.Grade = homework.Score(a, res.Bundle.Student.ID, res.Bundle.Submitted, scored)
		done(bi, *res)
	}
	for bi := range bundles {
		if pending[bi] == 0 {
			finish(bi)
		}
	}
	if len(subs) == 0 {
		return
	}
	checked := 0
	for r := range r.Batch(ctx, subs, opt.Workers) {
		if checked++; opt.Checked != nil {
			opt.Checked(checked, len(subs))
		}
		at := refs[r.Index]
		res := &results[at.bundle]
		v := r.Verdict
		it := &res.Items[at.item]
		it.Verdict = &v
		it.Outcome = string(v.Outcome)
		switch {
		case res.Err != nil:
		case ctx.Err() != nil: // a cancelled run's verdicts are not the code's
			res.Err = ctx.Err()
		case r.Err != nil:
			res.Err = fmt.Errorf("%s: %w", it.ID, r.Err)
		}
		if pending[at.bundle]--; pending[at.bundle] == 0 {
			finish(at.bundle)
		}
	}
}
