package learner

import (
	"context"
	"flag"
	"fmt"
	"time"

	"github.com/asynclings/asynclings/cmd/internal/base"
	"github.com/asynclings/asynclings/cmd/internal/ui"
	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/engine/homework"
)

var assignmentCheck bool

func AssignmentFlags(fs *flag.FlagSet) {
	fs.BoolVar(&assignmentCheck, "check", false, "only check the file and list its items")
}

// cmdAssignment runs the session restricted to an assignment's items.
func (a *app) cmdAssignment(ctx context.Context, args []string) error {
	if len(args) != 1 {
		return base.UsageErr("assignment needs one assignment file: asynclings assignment hw1.toml")
	}
	asg, err := a.LoadAssignment(ctx, args[0])
	if err != nil {
		return err
	}
	if assignmentCheck {
		fmt.Fprintf(a.Stdout, "%s: ok: %s (%s), %s, %s points, due %s", args[0], asg.Title, asg.ID, base.Plural(len(asg.Items), "item"), homework.FormatPoints(asg.MaxScore()), homework.FormatUTC(asg.Due))
		if asg.LatePenaltyPerDay > 0 || asg.LateCutoffDays > 0 {
			fmt.Fprintf(a.Stdout, "; late: -%s%% a started day, 0 after %s", homework.FormatPoints(100*asg.LatePenaltyPerDay), base.Plural(asg.LateCutoffDays, "day"))
		} else {
			fmt.Fprint(a.Stdout, "; late work scores 0")
		}
		fmt.Fprintln(a.Stdout)
		for _, it := range asg.Items {
			fmt.Fprintf(a.Stdout, "  %-*s %-8s %9s  %s\n", homework.IDWidth(asg.Assignment), it.ID, it.Kind, pointsText(it.Points), a.CourseItem(it.ID).ItemTitle())
		}
		return nil
	}
	if !a.CanInteract() {
		return base.UsageErr("the assignment needs a terminal; use --accessible (or ACCESSIBLE=1) for plain prompts")
	}
	s := &session{app: a, ask: a.Prompter(), hw: asg}
	return s.run(ctx, func(ctx context.Context) error { return s.homeworkMenu(ctx, args[0]) })
}

// homeworkItems are the assignment's items in its order.
func (s *session) homeworkItems() []engine.Item {
	items := make([]engine.Item, len(s.hw.Items))
	for i, it := range s.hw.Items {
		items[i] = s.CourseItem(it.ID)
	}
	return items
}

func (s *session) homeworkMenu(ctx context.Context, file string) error {
	for {
		if err := s.refresh(ctx); err != nil {
			return err
		}
		now := time.Now()
		done := 0
		results := map[string]homework.ItemResult{}
		const cont, submit, quit = "\x00continue", "\x00submit", "\x00quit"
		var opts, itemOpts []ui.Option
		var next engine.Item
		hl := &homework.Learner{Records: s.Store, Course: s.Course, User: s.UserName}
		for i, it := range s.homeworkItems() {
			st := s.status(it.ItemID())
			if st == engine.StatusDone {
				done++
			} else if next == nil && st != engine.StatusGivenUp {
				next = it
			}
			// Points as the grader would count them, attempt penalties included.
			label := fmt.Sprintf("%s %-11s %9s  %s", statusMark(st), kindLabel(it.ItemKind(), "quiz"), pointsText(s.hw.Items[i].Points), it.ItemTitle())
			if q, ok := it.(*engine.Question); ok {
				w, note, err := hl.QuestionWork(ctx, q)
				if err != nil {
					return err
				}
				results[q.ID] = homework.ItemResult{Passed: note.Right, Attempts: w.Attempts}
				if note.GaveUp {
					label += " (given up: scores 0)"
				}
			} else {
				results[it.ItemID()] = homework.ItemResult{Passed: st == engine.StatusDone}
			}
			itemOpts = append(itemOpts, ui.Opt(label, it.ItemID()))
		}
		if next != nil {
			opts = append(opts, ui.Opt("Continue: "+next.ItemTitle(), cont))
		}
		opts = append(opts, itemOpts...)
		opts = append(opts, ui.Opt("Hand it in", submit), ui.Opt("Quit", quit))
		earned := homework.Score(s.hw.Assignment, now, results).Raw
		desc := fmt.Sprintf("%s · %d/%d items done here, %s of %s points · %s",
			s.hw.ID, done, len(s.hw.Items), homework.FormatPoints(earned), homework.FormatPoints(s.hw.MaxScore()), homework.DueText(s.hw.Assignment, now))
		// No height: every option shows, Quit included, however the labels wrap.
		choice, err := s.choose(ctx, s.hw.Title, desc, 0, opts, opts[0].Value)
		if err != nil {
			return err
		}
		switch choice {
		case quit:
			return errQuit
		case submit:
			if err := s.handIn(ctx, file); err != nil {
				return err
			}
		case cont:
			if err := s.playFrom(ctx, next); err != nil {
				return err
			}
		default:
			if err := s.playFrom(ctx, s.CourseItem(choice)); err != nil {
				return err
			}
		}
	}
}

// handIn writes the bundle as asynclings submit does, asking for a
// student ID when the user name cannot be one.
func (s *session) handIn(ctx context.Context, file string) error {
	if _, err := homework.NormalizeStudentID(s.UserName); err != nil && submitStudentID == "" {
		id, err := s.ask.Input(ctx, ui.Field{Title: "The student ID your instructor knows you by", Echo: "Student ID: ",
			Validate: func(v string) error { _, err := homework.NormalizeStudentID(v); return err }})
		if err != nil {
			return err
		}
		submitStudentID = id
	}
	fmt.Fprintln(s.Stdout)
	if err := s.cmdSubmit(ctx, []string{file}); err != nil {
		fmt.Fprintln(s.Stderr, "asynclings:", err)
	}
	fmt.Fprintf(s.Stdout, "\nThe instructor grades it again from your code and answers: what you see\nhere is your own progress, not the grade.\n\n")
	return nil
}

// pointsText is "1 point", "2.5 points".
func pointsText(x float64) string {
	if x == 1 {
		return "1 point"
	}
	return homework.FormatPoints(x) + " points"
}
