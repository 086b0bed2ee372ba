package learner

import (
	"context"
	"flag"
	"fmt"

	"github.com/asynclings/asynclings/cmd/internal/base"
	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/engine/homework"
	"github.com/asynclings/asynclings/engine/workspace"
)

var submitOut, submitStudentID, submitFirst, submitLast, submitEmail, submitKey string

func SubmitFlags(fs *flag.FlagSet) {
	fs.StringVar(&submitOut, "o", "", "the bundle file to write (default ASSIGNMENT-STUDENT.json)")
	fs.StringVar(&submitOut, "out", "", "same as -o")
	fs.StringVar(&submitStudentID, "student-id", "", "the ID your instructor knows you by (default: --user)")
	fs.StringVar(&submitFirst, "first-name", "", "your first name, for the gradebook")
	fs.StringVar(&submitLast, "last-name", "", "your last name, for the gradebook")
	fs.StringVar(&submitEmail, "email", "", "your email, for the gradebook")
	fs.StringVar(&submitKey, "key", "", "the key your instructor gave you, to sign the bundle (default: $ASYNCLINGS_KEY)")
}

// cmdSubmit writes the learner's latest work on an assignment's items into
// one bundle file for the instructor.
func (a *app) cmdSubmit(ctx context.Context, args []string) error {
	if len(args) != 1 {
		return base.UsageErr("submit needs one assignment file: asynclings submit hw1.toml -o hw1-bundle.json")
	}
	asg, err := a.LoadAssignment(ctx, args[0])
	if err != nil {
		return err
	}
	student, err := submitStudent(a.UserName)
	if err != nil {
		return err
	}
	key := submitKey
	if key == "" {
		key = a.RosterKey()
	}
	if key != "" {
		if _, err := homework.ParseKey(key); err != nil {
			return base.UsageErr("submit --key: %v", err)
		}
	}
	l, err := a.homeworkLearner()
	if err != nil {
		return err
	}
	b, notes, err := l.Collect(ctx, asg, student, a.Now())
	if err != nil {
		return err
	}
	if key != "" {
		if err := b.Sign(key); err != nil {
			return &base.ExitError{Code: 2, Err: err}
		}
	}
	out := submitOut
	if out == "" {
		out = homework.BundleName(asg.ID, b.Student.ID)
	}
	if err := homework.WriteFileAtomic(out, b.Encode); err != nil {
		return &base.ExitError{Code: 2, Err: err}
	}
	switch {
	case submitStudentID == "":
		fmt.Fprintf(a.Stderr, "asynclings: note: the bundle names you %q, your user name; --student-id sets the ID your instructor knows you by.\n", b.Student.ID)
	case b.Student.ID != submitStudentID:
		fmt.Fprintf(a.Stderr, "asynclings: note: student IDs are in lower case: the bundle names you %q.\n", b.Student.ID)
	}
	if key == "" {
		fmt.Fprintf(a.Stderr, "asynclings: note: the bundle is not signed; if your instructor gave you a key, submit again with --key KEY (or $ASYNCLINGS_KEY).\n")
	}
	fmt.Fprintf(a.Stdout, "Wrote %s: %s (%s) by %s, submitted %s, %s.\n\n", out, asg.Title, asg.ID, b.Student.ID, homework.FormatUTC(b.Submitted), homework.DueText(asg.Assignment, b.Submitted))
	if len(b.Draw) > 0 {
		fmt.Fprintf(a.Stdout, "Your draw of the pools, fixed by your student ID: %s.\n", homework.DrawText(b.Draw))
	}
	handed := 0
	draw := asg.Draw(b.Student.ID)
	for i, it := range draw {
		if notes[i].Handed {
			handed++
		}
		fmt.Fprintf(a.Stdout, "  %s %-*s %-8s %s\n", notes[i].Mark(), homework.IDWidth(asg.Assignment), it.ID, it.Kind, notes[i].Text)
	}
	fmt.Fprintf(a.Stdout, "\n%d of %d items are in the bundle (+). Hand the file to your instructor, who grades it again from the code and answers in it.\n", handed, len(draw))
	if handed == 0 {
		fmt.Fprintf(a.Stderr, "asynclings: warning: the bundle holds no work. Did you work as another --user (this is %s) or with another --db (this is %s)?\n", a.UserName, a.DBPath)
	}
	fmt.Fprintf(a.Stdout, "To see the grade it would get: asynclings feedback %s %s\n", args[0], out)
	return nil
}

// submitStudent is the student a bundle names, from the flags, in the form
// the grader takes: the ID in lower case (--user when --student-id is not
// given), names and email within bounds.
func submitStudent(userName string) (homework.Student, error) {
	s := homework.Student{ID: submitStudentID, FirstName: submitFirst, LastName: submitLast, Email: submitEmail}
	if s.ID == "" {
		s.ID = userName
	}
	n, err := s.Normalize()
	switch {
	case err != nil && submitStudentID == "":
		return s, base.UsageErr("submit: your user name cannot be a student ID (%v): --student-id ID gives the ID your instructor knows you by", err)
	case err != nil:
		return s, base.UsageErr("submit --student-id: %v", err)
	}
	return n, nil
}

// homeworkLearner is the learner whose work goes into a bundle: their
// records in the store and their workspace files.
func (a *app) homeworkLearner() (*homework.Learner, error) {
	root, err := a.WorkspaceDir()
	if err != nil {
		return nil, err
	}
	return &homework.Learner{Records: a.Store, Workspace: workspaceFiles{a, root}, Course: a.Course, User: a.UserName}, nil
}

// workspaceFiles reads exercises from the learner's workspace for a bundle.
type workspaceFiles struct {
	a    *app
	root string
}

func (w workspaceFiles) ReadExercise(ex *engine.Exercise) (string, map[string]string, bool, error) {
	sub, err := w.a.ReadSubmission(ex, workspace.Path(w.root, ex))
	return sub.Code, sub.Files, err == nil && sub.Untouched(ex), err
}
