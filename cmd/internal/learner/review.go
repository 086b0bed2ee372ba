package learner

import (
	"context"
	"flag"
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/asynclings/asynclings/cmd/internal/base"
	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/engine/learn"
	"github.com/asynclings/asynclings/engine/quiz"
	"github.com/asynclings/asynclings/store"
)

type reviewOpts struct {
	list bool
}

var reviewFlag reviewOpts

func ReviewFlags(fs *flag.FlagSet) {
	fs.BoolVar(&reviewFlag.list, "list", false, "list every question scheduled for review and when it is due")
}

// reviewJSON is one question scheduled for review.
type reviewJSON struct {
	ID           string  `json:"id"`
	Chapter      string  `json:"chapter"`
	Due          string  `json:"due"` // RFC 3339, UTC
	DueNow       bool    `json:"due_now"`
	IntervalDays int     `json:"interval_days"` // the interval its stability gives (review.State.Interval)
	Difficulty   float64 `json:"difficulty"`    // FSRS's, 1 (easiest) to 10
	Stability    float64 `json:"stability_days"`
}

func (a *app) cmdReview(ctx context.Context, args []string) error {
	if len(args) > 0 {
		return base.UsageErr("review takes no arguments")
	}
	if err := a.Open(ctx); err != nil {
		return err
	}
	now := a.Now()
	all, err := a.Store.AllReviews(ctx, a.UserName, a.Course.ID)
	if err != nil {
		return err
	}
	items := a.reviewItems(all, now)
	if !reviewFlag.list {
		var due []reviewJSON
		for _, it := range items {
			if it.DueNow {
				due = append(due, it)
			}
		}
		items = due
	}
	if a.JSON {
		if items == nil {
			items = []reviewJSON{}
		}
		return a.WriteJSON(items)
	}
	if reviewFlag.list {
		a.printReviewList(items)
		return nil
	}
	if len(items) == 0 {
		a.printNothingDue(all, now)
		return nil
	}
	return a.askReview(ctx, a.dueQuestions(items))
}

// askReview asks the due questions, then once more those answered wrong,
// as a review does with what it finds forgotten. The first answer to each
// is rated as right at once or wrong, the second as right after a miss or
// wrong (see review.Grade).
func (a *app) askReview(ctx context.Context, qs []*engine.Question) error {
	a.printAskTitle("Review", len(qs))
	first, err := a.askEach(ctx, qs, 0, func(ctx context.Context, q *engine.Question, ans quiz.Answer) (learn.Graded, error) {
		return a.Learner.ReviewAnswer(ctx, q, ans, false)
	})
	if err != nil {
		return err
	}
	a.printScore(first, len(qs))
	if first.ended || len(first.missed) == 0 {
		return nil
	}
	fmt.Fprintf(a.Stdout, "\nOnce more, the %d you missed:\n", len(first.missed))
	again, err := a.askEach(ctx, first.missed, 0, func(ctx context.Context, q *engine.Question, ans quiz.Answer) (learn.Graded, error) {
		return a.Learner.ReviewAnswer(ctx, q, ans, true)
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(a.Stdout, "\nRight the second time: %d of %d\n", again.right, again.answered)
	return nil
}

// dueQuestions are the questions of the due review items, in their order.
func (a *app) dueQuestions(items []reviewJSON) []*engine.Question {
	var qs []*engine.Question
	for _, it := range items {
		if q, ok := a.Course.Find(it.ID); ok {
			qs = append(qs, q.(*engine.Question))
		}
	}
	return qs
}

// reviewItems describes the scheduled questions that are still in the
// course (an edited course may have dropped some), due ones first.
func (a *app) reviewItems(rs []store.DueReview, now time.Time) []reviewJSON {
	var out []reviewJSON
	for _, r := range rs {
		it, ok := a.Course.Find(r.ItemID)
		if !ok || it.ItemKind() != engine.KindQuestion {
			continue
		}
		out = append(out, reviewJSON{
			ID:           r.ItemID,
			Chapter:      it.ItemChapter().ID,
			Due:          r.State.Due.UTC().Format(time.RFC3339),
			DueNow:       r.State.IsDue(now),
			IntervalDays: r.State.Interval(),
			Difficulty:   r.State.Difficulty,
			Stability:    r.State.Stability,
		})
	}
	return out
}

func (a *app) printReviewList(items []reviewJSON) {
	if len(items) == 0 {
		fmt.Fprintln(a.Stdout, "Nothing is scheduled for review: questions answered wrong come back here.")
		return
	}
	tw := tabwriter.NewWriter(a.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tCHAPTER\tDUE\tINTERVAL\tDIFFICULTY\t")
	for _, it := range items {
		due := it.Due
		if it.DueNow {
			due += " (due now)"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%dd\t%.2f\t\n", it.ID, it.Chapter, due, it.IntervalDays, it.Difficulty)
	}
	tw.Flush()
}

// printDue lists the questions due now. The interactive review screen is
// still to come; until then the learner answers them with answer.
func (a *app) printNothingDue(all []store.DueReview, now time.Time) {
	w := a.Stdout
	fmt.Fprint(w, "Nothing is due for review")
	for _, r := range all {
		if !r.State.IsDue(now) {
			fmt.Fprintf(w, "; the next question is due %s", r.State.Due.UTC().Format(time.RFC3339))
			break
		}
	}
	fmt.Fprintln(w, ".")
}
