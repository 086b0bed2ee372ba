package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/asynclings/asynclings/engine"
)

type progressItem struct {
	ID            string        `json:"id"`
	Kind          engine.Kind   `json:"kind"`
	Status        engine.Status `json:"status"`
	Attempts      int           `json:"attempts"`
	FirstTryRight bool          `json:"first_try_right"`
	LastAttempt   *time.Time    `json:"last_attempt,omitempty"`
}

type progressChapter struct {
	ID    string         `json:"id"`
	Title string         `json:"title"`
	Done  int            `json:"done"`
	Total int            `json:"total"`
	Items []progressItem `json:"items"`
}

type progressJSON struct {
	User     string            `json:"user"`
	Course   string            `json:"course"`
	Done     int               `json:"done"`
	Total    int               `json:"total"`
	Chapters []progressChapter `json:"chapters"`
}

// progressReport derives the learner's progress over the whole course.
func (a *app) progressReport(ctx context.Context) (progressJSON, error) {
	prog, err := a.store.Progress(ctx, a.userName, a.course.ID)
	if err != nil {
		return progressJSON{}, err
	}
	out := progressJSON{User: a.userName, Course: a.course.ID, Chapters: []progressChapter{}}
	for _, ch := range a.course.Chapters {
		pc := progressChapter{ID: ch.ID, Title: ch.Title, Items: []progressItem{}}
		for _, it := range ch.Items() {
			pi := progressItem{ID: it.ItemID(), Kind: it.ItemKind(), Status: engine.StatusNew}
			if p, ok := prog[it.ItemID()]; ok {
				pi.Status, pi.Attempts, pi.FirstTryRight = p.Status, p.Attempts, p.FirstTryRight
				last := p.LastAt
				pi.LastAttempt = &last
			}
			if pi.Status == engine.StatusDone {
				pc.Done++
			}
			pc.Total++
			pc.Items = append(pc.Items, pi)
		}
		out.Done += pc.Done
		out.Total += pc.Total
		out.Chapters = append(out.Chapters, pc)
	}
	return out, nil
}

func (a *app) cmdProgress(ctx context.Context, args []string) error {
	if len(args) > 0 {
		return usageErr("progress takes no arguments")
	}
	if err := a.open(ctx); err != nil {
		return err
	}
	rep, err := a.progressReport(ctx)
	if err != nil {
		return err
	}
	if a.json {
		return a.writeJSON(rep)
	}
	w := a.stdout
	fmt.Fprintf(w, "%s: %s\n\n", rep.User, a.course.Title)
	width := 0
	for _, ch := range rep.Chapters {
		width = max(width, len([]rune(ch.Title)))
	}
	for _, ch := range rep.Chapters {
		attempts, firstTry, tried := 0, 0, 0
		for _, it := range ch.Items {
			attempts += it.Attempts
			if it.FirstTryRight {
				firstTry++
			}
			if it.Status != engine.StatusNew {
				tried++
			}
		}
		fmt.Fprintf(w, "%-*s %s %d/%d done", width, ch.Title, bar(ch.Done, ch.Total, 20), ch.Done, ch.Total)
		if attempts > 0 {
			fmt.Fprintf(w, ", %d attempts, %d right on the first try", attempts, firstTry)
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "\n%d of %d items done.\n", rep.Done, rep.Total)
	return nil
}

// bar draws done/total as a bar width cells wide.
func bar(done, total, width int) string {
	filled := 0
	if total > 0 {
		filled = done * width / total
	}
	return "[" + strings.Repeat("#", filled) + strings.Repeat(".", width-filled) + "]"
}
