package main

import (
	"context"
	"flag"
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/huh"

	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/engine/homework"
)

var assignmentCheck bool

func assignmentFlags(fs *flag.FlagSet, a *app) {
	fs.BoolVar(&assignmentCheck, "check", false, "only check the file and list its items")
}

// cmdAssignment runs the session restricted to an assignment's items.
func (a *app) cmdAssignment(ctx context.Context, args []string) error {
	if len(args) != 1 {
		return usageErr("assignment needs one assignment file: asynclings assignment hw1.toml")
	}
	asg, err := a.loadAssignment(ctx, args[0])
	if err != nil {
		return err
	}
	if assignmentCheck {
		fmt.Fprintf(a.stdout, "%s: ok: %s (%s), %s, %s points, due %s", args[0], asg.Title, asg.ID, plural(len(asg.Items), "item"), homework.FormatPoints(asg.MaxScore()), homework.FormatUTC(asg.Due))
		if asg.LatePenaltyPerDay > 0 || asg.LateCutoffDays > 0 {
			fmt.Fprintf(a.stdout, "; late: -%s%% a started day, 0 after %s", homework.FormatPoints(100*asg.LatePenaltyPerDay), plural(asg.LateCutoffDays, "day"))
		} else {
			fmt.Fprint(a.stdout, "; late work scores 0")
		}
		fmt.Fprintln(a.stdout)
		for _, it := range asg.Items {
			fmt.Fprintf(a.stdout, "  %-*s %-8s %9s  %s\n", homework.IDWidth(asg.Assignment), it.ID, it.Kind, pointsText(it.Points), a.courseItem(it.ID).ItemTitle())
		}
		return nil
	}
	if !canInteract(a) {
		return usageErr("the assignment needs a terminal; use --accessible (or ACCESSIBLE=1) for plain prompts")
	}
	s := &session{app: a, ctx: ctx, plain: a.accessibleMode(), hw: asg}
	return s.run(ctx, func(ctx context.Context) error { return s.homeworkMenu(ctx, args[0]) })
}

// homeworkItems are the assignment's items in its order.
func (s *session) homeworkItems() []engine.Item {
	items := make([]engine.Item, len(s.hw.Items))
	for i, it := range s.hw.Items {
		items[i] = s.courseItem(it.ID)
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
		var opts, itemOpts []huh.Option[string]
		var next engine.Item
		hl := &homework.Learner{Records: s.store, Course: s.course, User: s.userName}
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
			itemOpts = append(itemOpts, huh.NewOption(label, it.ItemID()))
		}
		if next != nil {
			opts = append(opts, huh.NewOption("Continue: "+next.ItemTitle(), cont))
		}
		opts = append(opts, itemOpts...)
		opts = append(opts, huh.NewOption("Hand it in", submit), huh.NewOption("Quit", quit))
		earned := homework.Score(s.hw.Assignment, now, results).Raw
		desc := fmt.Sprintf("%s · %d/%d items done here, %s of %s points · %s",
			s.hw.ID, done, len(s.hw.Items), homework.FormatPoints(earned), homework.FormatPoints(s.hw.MaxScore()), homework.DueText(s.hw.Assignment, now))
		choice := opts[0].Value
		if err := s.selectOne(s.hw.Title, desc, min(len(opts)+3, 22), opts, &choice); err != nil {
			return err
		}
		switch choice {
		case quit:
			return errQuit
		case submit:
			id, err := homework.NormalizeStudentID(s.userName)
			idFlag := ""
			if err != nil {
				id, idFlag = s.userName, " --student-id ID" // a user name such as "ann smith" is no student ID
			}
			bundle := homework.BundleName(s.hw.ID, id)
			fmt.Fprintf(s.stdout, "\nTo hand it in, write your bundle and give the file to your instructor\n(add --key KEY if they gave you a key):\n\n  asynclings%s submit %s -o %s%s\n\nThe instructor grades it again from your code and answers: what you see\nhere is your own progress, not the grade. To preview the grade:\n\n  asynclings%s feedback %s %s\n\n",
				s.sameLearnerFlags(), file, bundle, idFlag, s.sameLearnerFlags(), file, bundle)
		case cont:
			if err := s.playFrom(ctx, next); err != nil {
				return err
			}
		default:
			if err := s.playFrom(ctx, s.courseItem(choice)); err != nil {
				return err
			}
		}
	}
}

// pointsText is "1 point", "2.5 points".
func pointsText(x float64) string {
	if x == 1 {
		return "1 point"
	}
	return homework.FormatPoints(x) + " points"
}

// sameLearnerFlags are the flags that make another command see the same
// learner's work as this one: the ones given that are not the defaults.
func (a *app) sameLearnerFlags() string {
	var flags string
	for _, f := range []struct {
		name, value string
		given       bool
	}{
		{"course", a.coursePath, a.coursePath != ""}, {"db", a.dbPath, a.dbGiven},
		{"user", a.userName, a.userGiven}, {"workspace", a.workspace, a.workspace != ""},
	} {
		if f.given {
			flags += " --" + f.name + " " + shellQuote(f.value)
		}
	}
	return flags
}

// shellQuote quotes s for a POSIX shell when it needs it.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./=:@") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
