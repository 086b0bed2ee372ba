package learner

import (
	"context"
	"flag"
	"fmt"
	"strings"
	"time"

	"github.com/asynclings/asynclings/cmd/internal/base"
	"github.com/asynclings/asynclings/cmd/internal/ui"
	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/store"
)

var progressHistory bool

func ProgressFlags(fs *flag.FlagSet) {
	fs.BoolVar(&progressHistory, "history", false, "list the activity day by day")
}

type progressItem struct {
	ID            string        `json:"id"`
	Kind          engine.Kind   `json:"kind"`
	Status        engine.Status `json:"status"`
	Attempts      int           `json:"attempts"`
	TotalAttempts int           `json:"total_attempts"` // resets included
	FirstTryRight bool          `json:"first_try_right"`
	HintsUsed     int           `json:"hints_used"`
	TotalHints    int           `json:"total_hints_used"` // resets included
	LastAttempt   *time.Time    `json:"last_attempt,omitempty"`
}

type progressChapter struct {
	ID            string         `json:"id"`
	Title         string         `json:"title"`
	Done          int            `json:"done"`
	Total         int            `json:"total"`
	Attempts      int            `json:"attempt_count"`         // the items' attempts
	FirstTryRight int            `json:"first_try_right_count"` // items right at the first try
	HintsUsed     int            `json:"hints_used"`
	Items         []progressItem `json:"items"`
}

type progressJSON struct {
	User          string `json:"user"`
	Course        string `json:"course"`
	Done          int    `json:"done"`
	Total         int    `json:"total"`
	Attempts      int    `json:"attempt_count"`
	FirstTryRight int    `json:"first_try_right_count"`
	HintsUsed     int    `json:"hints_used"`
	// ActiveSeconds is the active time, estimated from attempts (see
	// store.DayActivity.Active).
	ActiveSeconds int64 `json:"active_seconds"`
	// StreakDays counts the days in a row, up to today or yesterday, with
	// at least one attempt.
	StreakDays int               `json:"streak_days"`
	Chapters   []progressChapter `json:"chapters"`
}

// activeRule explains how active time is estimated, for the reports.
var activeRule = fmt.Sprintf("estimated from attempts: the gaps between consecutive attempts and hints on a day, each counted up to %d minutes", int(store.ActiveGapCap/time.Minute))

// progressReport derives the learner's progress over the whole course.
func (a *app) progressReport(ctx context.Context, now time.Time) (progressJSON, error) {
	prog, err := a.Store.Progress(ctx, a.UserName, a.Course.ID)
	if err != nil {
		return progressJSON{}, err
	}
	days, err := a.Store.Activity(ctx, a.UserName, a.Course.ID, now.Location())
	if err != nil {
		return progressJSON{}, err
	}
	out := progressJSON{User: a.UserName, Course: a.Course.ID, Chapters: []progressChapter{}}
	for _, d := range days {
		out.ActiveSeconds += int64(d.Active / time.Second)
	}
	out.StreakDays = store.Streak(days, now)
	for _, ch := range a.Course.Chapters {
		pc := progressChapter{ID: ch.ID, Title: ch.Title, Items: []progressItem{}}
		for _, it := range ch.Items() {
			pi := progressItem{ID: it.ItemID(), Kind: it.ItemKind(), Status: engine.StatusNew}
			if p, ok := prog[it.ItemID()]; ok {
				pi.Status, pi.Attempts, pi.TotalAttempts, pi.FirstTryRight, pi.HintsUsed, pi.TotalHints = p.Status, p.Attempts, p.TotalAttempts, p.FirstTryRight, p.HintsUsed, p.TotalHints
				if !p.LastAt.IsZero() { // zero when only hints were revealed
					last := p.LastAt
					pi.LastAttempt = &last
				}
			}
			if pi.Status == engine.StatusDone {
				pc.Done++
			}
			if pi.FirstTryRight {
				pc.FirstTryRight++
			}
			pc.Attempts += pi.Attempts
			pc.HintsUsed += pi.HintsUsed
			pc.Total++
			pc.Items = append(pc.Items, pi)
		}
		out.Done += pc.Done
		out.Total += pc.Total
		out.Attempts += pc.Attempts
		out.FirstTryRight += pc.FirstTryRight
		out.HintsUsed += pc.HintsUsed
		out.Chapters = append(out.Chapters, pc)
	}
	return out, nil
}

func (a *app) cmdProgress(ctx context.Context, args []string) error {
	if len(args) > 0 {
		return base.UsageErr("progress takes no arguments")
	}
	if err := a.Open(ctx); err != nil {
		return err
	}
	now := time.Now()
	if progressHistory {
		return a.printHistory(ctx, now)
	}
	rep, err := a.progressReport(ctx, now)
	if err != nil {
		return err
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
		fmt.Fprintln(w, ui.Wrap(fmt.Sprintf("Active time: %s (%s).", formatActive(time.Duration(rep.ActiveSeconds)*time.Second), activeRule), cols-1))
		fmt.Fprintf(w, "Streak: %s in a row with an attempt.\n", base.Plural(rep.StreakDays, "day"))
	}
	return nil
}

type historyDay struct {
	Date          string `json:"date"` // YYYY-MM-DD, local time
	Attempts      int    `json:"attempts"`
	Right         int    `json:"right"`
	Hints         int    `json:"hints"`
	ActiveSeconds int64  `json:"active_seconds"`
}

// printHistory lists the learner's activity day by day, oldest first.
func (a *app) printHistory(ctx context.Context, now time.Time) error {
	days, err := a.Store.Activity(ctx, a.UserName, a.Course.ID, now.Location())
	if err != nil {
		return err
	}
	out := make([]historyDay, len(days))
	most := 0
	for i, d := range days {
		out[i] = historyDay{Date: d.Date, Attempts: d.Attempts, Right: d.Right, Hints: d.Hints, ActiveSeconds: int64(d.Active / time.Second)}
		most = max(most, d.Attempts)
	}
	if a.JSON {
		return a.WriteJSON(out)
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
			base.Plural(d.Attempts, "attempt"), d.Right, base.Plural(d.Hints, "hint"), formatActive(d.Active))
	}
	fmt.Fprintf(w, "\nActive time is %s.\nStreak: %s in a row with an attempt.\n", activeRule, base.Plural(store.Streak(days, now), "day"))
	return nil
}

// formatActive writes an active time to the minute ("1h05m", "12m"), or in
// seconds below a minute.
func formatActive(d time.Duration) string {
	switch {
	case d < time.Minute:
		return fmt.Sprintf("%ds", int(d/time.Second))
	case d < time.Hour:
		return fmt.Sprintf("%dm", int(d/time.Minute))
	}
	return fmt.Sprintf("%dh%02dm", int(d/time.Hour), int(d%time.Hour/time.Minute))
}
