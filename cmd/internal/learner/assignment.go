package learner

import (
	"context"
	"flag"
	"fmt"

	"github.com/asynclings/asynclings/cmd/internal/base"
	"github.com/asynclings/asynclings/cmd/internal/ui"
	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/engine/homework"
)

var assignmentCheck bool

func AssignmentFlags(fs *flag.FlagSet) {
	fs.BoolVar(&assignmentCheck, "check", false, "only check the file and list its items (with --student-id, that student's draw)")
	fs.StringVar(&submitStudentID, "student-id", "", "the ID your instructor knows you by, which fixes your draw of the assignment's pools (default: --user)")
}

// cmdAssignment runs the session restricted to the student's draw of an
// assignment's items.
func (a *app) cmdAssignment(ctx context.Context, args []string) error {
	if len(args) != 1 {
		return base.UsageErr("assignment needs one assignment file: asynclings assignment hw1.toml")
	}
	asg, err := a.LoadAssignment(ctx, args[0])
	if err != nil {
		return err
	}
	student, err := assignmentStudent(a.UserName)
	if err != nil {
		return err
	}
	if assignmentCheck {
		a.printAssignment(args[0], asg.Assignment)
		return nil
	}
	if !a.CanInteract() {
		return base.UsageErr("the assignment needs a terminal; use --accessible (or ACCESSIBLE=1) for plain prompts")
	}
	s := &session{app: a, ask: a.Prompter(), hw: asg}
	return s.run(ctx, func(ctx context.Context) error {
		if student == "" && len(asg.Pools) > 0 {
			// The draw depends on the ID: it is needed before the first item.
			if err := s.askStudentID(ctx); err != nil {
				return err
			}
			student = submitStudentID
		}
		s.hwDraw = asg.Draw(student)
		return s.homeworkMenu(ctx, args[0])
	})
}

// assignmentStudent is the student ID a draw is made for: --student-id,
// else the user name when it can be one, else "".
func assignmentStudent(user string) (string, error) {
	if submitStudentID != "" {
		id, err := homework.NormalizeStudentID(submitStudentID)
		if err != nil {
			return "", base.UsageErr("assignment --student-id: %v", err)
		}
		return id, nil
	}
	id, _ := homework.NormalizeStudentID(user)
	return id, nil
}

// printAssignment is assignment --check's listing: every item and pool, or
// with --student-id, that student's draw.
func (a *app) printAssignment(file string, asg *homework.Assignment) {
	draw := asg.Draw("")
	fmt.Fprintf(a.Stdout, "%s: ok: %s (%s), %s", file, asg.Title, asg.ID, base.Plural(len(draw), "item"))
	if len(asg.Pools) > 0 {
		fmt.Fprint(a.Stdout, " a student")
	}
	fmt.Fprintf(a.Stdout, ", %s points, due %s", homework.FormatPoints(asg.MaxScore()), homework.FormatUTC(asg.Due))
	if asg.LatePenaltyPerDay > 0 || asg.LateCutoffDays > 0 {
		fmt.Fprintf(a.Stdout, "; late: -%s%% a started day, 0 after %s", homework.FormatPoints(100*asg.LatePenaltyPerDay), base.Plural(asg.LateCutoffDays, "day"))
	} else {
		fmt.Fprint(a.Stdout, "; late work scores 0")
	}
	fmt.Fprintln(a.Stdout)
	w := homework.IDWidth(asg)
	line := func(indent string, it homework.Item, note string) {
		fmt.Fprintf(a.Stdout, "%s%-*s %-8s %9s  %s%s\n", indent, w, it.ID, it.Kind, pointsText(it.Points), a.CourseItem(it.ID).ItemTitle(), note)
	}
	if submitStudentID != "" {
		id, _ := assignmentStudent(a.UserName)
		fmt.Fprintf(a.Stdout, "The items of %s's draw:\n", id)
		for _, it := range asg.Draw(id) {
			note := ""
			if p, ok := asg.PoolOf(it.ID); ok {
				note = " (pool " + p.ID + ")"
			}
			line("  ", it, note)
		}
	} else {
		pools := asg.Pools
		for _, it := range asg.AllItems() {
			p, ok := asg.PoolOf(it.ID)
			switch {
			case !ok:
				line("  ", it, "")
				continue
			case len(pools) > 0 && pools[0].ID == p.ID:
				fmt.Fprintf(a.Stdout, "  pool %s: %d of these %d for each student, %s each\n", p.ID, p.Choose, len(p.Items), pointsText(p.Points))
				pools = pools[1:]
			}
			line("    ", it, "")
		}
	}
	if len(asg.Pools) > 0 {
		fmt.Fprintf(a.Stdout, "%s distinct draws: each student's is fixed by the assignment's ID and theirs (--student-id ID lists one).\n", asg.Draws())
	}
}

// homeworkItems are the student's draw of the assignment's items, in its
// order.
func (s *session) homeworkItems() []engine.Item {
	items := make([]engine.Item, len(s.hwDraw))
	for i, it := range s.hwDraw {
		items[i] = s.CourseItem(it.ID)
	}
	return items
}

func (s *session) homeworkMenu(ctx context.Context, file string) error {
	for {
		if err := s.refresh(ctx); err != nil {
			return err
		}
		now := s.Now()
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
			label := fmt.Sprintf("%s %-11s %9s  %s", statusMark(st), kindLabel(it.ItemKind(), "quiz"), pointsText(s.hwDraw[i].Points), it.ItemTitle())
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
		earned := homework.Score(s.hw.Assignment, s.drawStudent(), now, results).Raw
		desc := fmt.Sprintf("%s · %d/%d items done here, %s of %s points · %s",
			s.hw.ID, done, len(s.hwDraw), homework.FormatPoints(earned), homework.FormatPoints(s.hw.MaxScore()), homework.DueText(s.hw.Assignment, now))
		if len(s.hw.Pools) > 0 {
			desc += " · " + s.drawStudent() + "'s draw of the pools"
		}
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
		if err := s.askStudentID(ctx); err != nil {
			return err
		}
	}
	fmt.Fprintln(s.Stdout)
	if err := s.cmdSubmit(ctx, []string{file}); err != nil {
		fmt.Fprintln(s.Stderr, "asynclings:", err)
	}
	fmt.Fprintf(s.Stdout, "\nThe instructor grades it again from your code and answers: what you see\nhere is your own progress, not the grade.\n\n")
	return nil
}

// askStudentID asks for the student ID the user name cannot be, for
// submit (--student-id) and the draw.
func (s *session) askStudentID(ctx context.Context) error {
	id, err := s.ask.Input(ctx, ui.Field{Title: "The student ID your instructor knows you by", Echo: "Student ID: ",
		Validate: func(v string) error { _, err := homework.NormalizeStudentID(v); return err }})
	if err != nil {
		return err
	}
	submitStudentID = id
	return nil
}

// drawStudent is the student the session's draw was made for.
func (s *session) drawStudent() string {
	id, _ := assignmentStudent(s.UserName)
	return id
}

// pointsText is "1 point", "2.5 points".
func pointsText(x float64) string {
	if x == 1 {
		return "1 point"
	}
	return homework.FormatPoints(x) + " points"
}
