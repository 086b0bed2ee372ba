package learner

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"time"

	"github.com/asynclings/asynclings/cmd/internal/base"
	"github.com/asynclings/asynclings/cmd/internal/ui"
	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/engine/homework"
	"github.com/asynclings/asynclings/engine/report"
	"github.com/asynclings/asynclings/pages"
	"github.com/asynclings/asynclings/store"
)

var (
	progressHistory bool
	progressHTML    string
)

func ProgressFlags(fs *flag.FlagSet) {
	fs.BoolVar(&progressHistory, "history", false, "list the activity day by day")
	fs.StringVar(&progressHTML, "html", "", "write the learner's page, with charts, to `FILE`")
}

// activeRule explains how active time is estimated, for the reports.
var activeRule = fmt.Sprintf("estimated from attempts: the gaps between consecutive attempts and hints on a day, each counted up to %d minutes", int(store.ActiveGapCap/time.Minute))

// progressReport derives the learner's progress over the whole course, for
// every form progress prints.
func (a *app) progressReport(ctx context.Context, now time.Time) (report.LearnerProgress, error) {
	prog, err := a.Store.Progress(ctx, a.UserName, a.Course.ID)
	if err != nil {
		return report.LearnerProgress{}, err
	}
	days, err := a.Store.Activity(ctx, a.UserName, a.Course.ID, now.Location())
	if err != nil {
		return report.LearnerProgress{}, err
	}
	reviews, err := a.Store.AllReviews(ctx, a.UserName, a.Course.ID)
	if err != nil {
		return report.LearnerProgress{}, err
	}
	rec := report.LearnerRecords{User: a.UserName, Course: a.Course, Progress: prog, Days: reportDays(days), Streak: store.Streak(days, now), Now: now}
	// As review, leave out the questions the course no longer has.
	for _, r := range reviews {
		if it, ok := a.Course.Find(r.ItemID); ok && it.ItemKind() == engine.KindQuestion {
			rec.Due = append(rec.Due, r.State.Due)
		}
	}
	return report.Learner(rec), nil
}

// reportDays is the store's activity as the report counts it.
func reportDays(days []store.DayActivity) []report.Day {
	out := make([]report.Day, len(days))
	for i, d := range days {
		out[i] = report.Day{Date: d.Date, Attempts: d.Attempts, Right: d.Right, Hints: d.Hints, ActiveSeconds: int64(d.Active / time.Second)}
	}
	return out
}

func (a *app) cmdProgress(ctx context.Context, args []string) error {
	switch {
	case len(args) > 0:
		return base.UsageErr("progress takes no arguments")
	case progressHistory && progressHTML != "":
		return base.UsageErr("progress: --history and --html do not go together (the page has the history)")
	}
	if err := a.Open(ctx); err != nil {
		return err
	}
	now := a.Now()
	if progressHistory {
		return a.printHistory(ctx, now)
	}
	rep, err := a.progressReport(ctx, now)
	if err != nil {
		return err
	}
	if progressHTML != "" {
		return a.writeProgressPage(rep)
	}
	if a.JSON {
		return a.WriteJSON(rep)
	}
	w := a.Stdout
	fmt.Fprintf(w, "%s: %s\n\n", rep.User, a.Course.Title)
	width := 0
	for _, ch := range rep.Chapters {
		width = max(width, len([]rune(ch.Title)))
	}
	// On a narrow terminal the bar shrinks and the counts go on a line of
	// their own: no line wraps.
	cols, cells := ui.Width(w), 20
	if cols > 0 {
		cells = max(min(cells, cols-width-16), 4)
	}
	for _, ch := range rep.Chapters {
		line := fmt.Sprintf("%-*s %s %d/%d done", width, ch.Title, ui.Bar(ch.Done, ch.Total, cells), ch.Done, ch.Total)
		var more []string
		if ch.Attempts > 0 {
			more = append(more, fmt.Sprintf("%d attempts, %d right on the first try", ch.Attempts, ch.FirstTryRight))
		}
		if ch.HintsUsed > 0 {
			more = append(more, fmt.Sprintf("%s used", base.Plural(ch.HintsUsed, "hint")))
		}
		if rest := strings.Join(more, ", "); rest != "" && cols > 0 && len(line)+2+len(rest) >= cols {
			line += "\n" + ui.Wrap("  "+rest, cols-1)
		} else if rest != "" {
			line += ", " + rest
		}
		fmt.Fprintln(w, line)
	}
	fmt.Fprintf(w, "\n%d of %d items done.\n", rep.Done, rep.Total)
	if rep.Attempts > 0 || rep.HintsUsed > 0 {
		fmt.Fprintln(w, ui.Wrap(fmt.Sprintf("Active time: %s (%s).", report.FormatActive(time.Duration(rep.ActiveSeconds)*time.Second), activeRule), cols-1))
		fmt.Fprintf(w, "Streak: %s in a row with an attempt.\n", base.Plural(rep.StreakDays, "day"))
	}
	return nil
}

// writeProgressPage writes the learner's page to progressHTML, whole or
// not at all.
func (a *app) writeProgressPage(rep report.LearnerProgress) error {
	err := homework.WriteFileAtomic(progressHTML, func(w io.Writer) error {
		return pages.Learner(w, rep)
	})
	if pe := (*fs.PathError)(nil); errors.As(err, &pe) {
		err = pe.Err // the temporary file's name would only confuse
	}
	if err != nil {
		return &base.ExitError{Code: 2, Err: fmt.Errorf("cannot write the progress page %s: %w", progressHTML, err)}
	}
	if a.JSON {
		return a.WriteJSON(map[string]string{"html": progressHTML})
	}
	fmt.Fprintf(a.Stdout, "Wrote %s: open it in a web browser.\n", progressHTML)
	return nil
}

// printHistory lists the learner's activity day by day, oldest first.
func (a *app) printHistory(ctx context.Context, now time.Time) error {
	days, err := a.Store.Activity(ctx, a.UserName, a.Course.ID, now.Location())
	if err != nil {
		return err
	}
	if a.JSON {
		return a.WriteJSON(reportDays(days))
	}
	most := 0
	for _, d := range days {
		most = max(most, d.Attempts)
	}
	w := a.Stdout
	fmt.Fprintf(w, "%s: %s, activity by day\n\n", a.UserName, a.Course.Title)
	if len(days) == 0 {
		fmt.Fprintln(w, "No activity yet.")
		return nil
	}
	for _, d := range days {
		cells := 0
		if most > 0 {
			cells = (d.Attempts*20 + most - 1) / most // at least one cell for any attempt
		}
		fmt.Fprintf(w, "%s %-20s %s, %d right, %s, %s active\n", d.Date, strings.Repeat("#", cells),
			base.Plural(d.Attempts, "attempt"), d.Right, base.Plural(d.Hints, "hint"), report.FormatActive(d.Active))
	}
	fmt.Fprintf(w, "\nActive time is %s.\nStreak: %s in a row with an attempt.\n", activeRule, base.Plural(store.Streak(days, now), "day"))
	return nil
}
