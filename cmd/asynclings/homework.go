package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing/fstest"
	"time"

	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/engine/homework"
	"github.com/asynclings/asynclings/engine/quiz"
	"github.com/asynclings/asynclings/exercises"
	"github.com/asynclings/asynclings/store"
)

// assignmentFile is an assignment as read for a command.
type assignmentFile struct {
	*homework.Assignment
	// version identifies what a bundle is graded against: the assignment
	// file and the course. A change to either grades a bundle again.
	version    string
	courseHash string
}

// loadAssignment opens the course and the database and reads an assignment
// file against the course.
func (a *app) loadAssignment(ctx context.Context, path string) (*assignmentFile, error) {
	if err := a.open(ctx); err != nil {
		return nil, err
	}
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, usageErr("read assignment: %v", err)
	}
	asg, err := homework.ParseAssignment(path, src, a.course)
	if err != nil {
		return nil, &exitError{code: 2, err: fmt.Errorf("bad assignment:\n%w", err)}
	}
	hash, err := a.courseHash()
	if err != nil {
		return nil, &exitError{code: 2, err: err}
	}
	sum := sha256.Sum256(append(append(src, 0), hash...))
	return &assignmentFile{Assignment: asg, version: hex.EncodeToString(sum[:]), courseHash: hash}, nil
}

// courseHash is the content hash of the course's files, which a bundle must
// match to be graded.
func (a *app) courseHash() (string, error) {
	var fsys fs.FS = exercises.Course()
	if a.coursePath != "" {
		info, err := os.Stat(a.coursePath)
		if err != nil {
			return "", err
		}
		if info.IsDir() {
			fsys = os.DirFS(a.coursePath)
		} else {
			// A one-file course: hash that file alone, not its neighbours.
			data, err := os.ReadFile(a.coursePath)
			if err != nil {
				return "", err
			}
			fsys = fstest.MapFS{filepath.Base(a.coursePath): {Data: data}}
		}
	}
	return homework.CourseHash(fsys)
}

// courseItem finds an assignment item in the course; the assignment was
// checked against the course, so it is there.
func (a *app) courseItem(id string) engine.Item {
	it, _ := a.course.Find(id)
	return it
}

var submitOut, submitStudentID, submitFirst, submitLast, submitEmail, submitKey string

func submitFlags(fs *flag.FlagSet, a *app) {
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
		return usageErr("submit needs one assignment file: asynclings submit hw1.toml -o hw1-bundle.json")
	}
	asg, err := a.loadAssignment(ctx, args[0])
	if err != nil {
		return err
	}
	student, err := submitStudent(a.userName)
	if err != nil {
		return err
	}
	key := submitKey
	if key == "" {
		key = os.Getenv("ASYNCLINGS_KEY")
	}
	if key != "" {
		if _, err := homework.ParseKey(key); err != nil {
			return usageErr("submit --key: %v", err)
		}
	}
	b, notes, err := a.collectWork(ctx, asg, student)
	if err != nil {
		return err
	}
	if key != "" {
		if err := b.Sign(key); err != nil {
			return &exitError{code: 2, err: err}
		}
	}
	out := submitOut
	if out == "" {
		out = fileSafe(asg.ID+"-"+b.Student.ID) + ".json"
	}
	if err := writeFileAtomic(out, b.Encode); err != nil {
		return &exitError{code: 2, err: err}
	}
	switch {
	case submitStudentID == "":
		fmt.Fprintf(a.stderr, "asynclings: note: the bundle names you %q, your user name; --student-id sets the ID your instructor knows you by.\n", b.Student.ID)
	case b.Student.ID != submitStudentID:
		fmt.Fprintf(a.stderr, "asynclings: note: student IDs are in lower case: the bundle names you %q.\n", b.Student.ID)
	}
	if key == "" {
		fmt.Fprintf(a.stderr, "asynclings: note: the bundle is not signed; if your instructor gave you a key, submit again with --key KEY (or $ASYNCLINGS_KEY).\n")
	}
	fmt.Fprintf(a.stdout, "Wrote %s: %s (%s) by %s, submitted %s, %s.\n\n", out, asg.Title, asg.ID, b.Student.ID, formatUTC(b.Submitted), dueText(asg.Assignment, b.Submitted))
	handed := 0
	for i, it := range asg.Items {
		if notes[i].handed {
			handed++
		}
		fmt.Fprintf(a.stdout, "  %s %-*s %-8s %s\n", notes[i].mark(), idWidth(asg.Assignment), it.ID, it.Kind, notes[i].text)
	}
	fmt.Fprintf(a.stdout, "\n%d of %d items are in the bundle (+). Hand the file to your instructor, who grades it again from the code and answers in it.\n", handed, len(asg.Items))
	if handed == 0 {
		fmt.Fprintf(a.stderr, "asynclings: warning: the bundle holds no work. Did you work as another --user (this is %s) or with another --db (this is %s)?\n", a.userName, a.dbPath)
	}
	fmt.Fprintf(a.stdout, "To see the grade it would get: asynclings feedback %s %s\n", args[0], out)
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
		return s, usageErr("submit: your user name cannot be a student ID (%v): --student-id ID gives the ID your instructor knows you by", err)
	case err != nil:
		return s, usageErr("submit --student-id: %v", err)
	}
	return n, nil
}

// workNote says what went into a bundle for one item.
type workNote struct {
	handed bool
	text   string
	right  bool // a question answered right
	gaveUp bool // a question given up on before it was answered right
}

func (n workNote) mark() string {
	if n.handed {
		return "+"
	}
	return "-"
}

// collectWork gathers the learner's work on each item: a question's answer
// as questionWork picks it, and an exercise's workspace file, or the code
// last checked when the file is missing or back to the starter.
func (a *app) collectWork(ctx context.Context, asg *assignmentFile, student homework.Student) (*homework.Bundle, []workNote, error) {
	prog, err := a.store.Progress(ctx, a.userName, a.course.ID)
	if err != nil {
		return nil, nil, err
	}
	root, err := a.workspaceDir()
	if err != nil {
		return nil, nil, err
	}
	b := &homework.Bundle{
		Assignment: asg.ID, Course: a.course.ID, CourseHash: asg.courseHash,
		Student:   student,
		Submitted: time.Now().UTC().Truncate(time.Second),
		Items:     []homework.Work{},
	}
	notes := make([]workNote, len(asg.Items))
	for i, ai := range asg.Items {
		p := prog[ai.ID]
		switch it := a.courseItem(ai.ID).(type) {
		case *engine.Question:
			w, note, err := a.questionWork(ctx, it)
			if err != nil {
				return nil, nil, err
			}
			notes[i] = note
			if note.handed {
				b.Items = append(b.Items, w)
			}
		case *engine.Exercise:
			sub, err := a.readSubmission(it, exercisePath(root, it))
			switch {
			case err == nil && !sub.untouched(it):
				b.Items = append(b.Items, homework.Work{ID: ai.ID, Code: sub.code, Files: sub.files})
				notes[i] = workNote{handed: true, text: "your workspace file" + lastCheck(p)}
			case err != nil && !errors.Is(err, fs.ErrNotExist):
				return nil, nil, fmt.Errorf("read your file for %s: %w", ai.ID, err)
			case p.LastSubmitted != "":
				b.Items = append(b.Items, homework.Work{ID: ai.ID, Code: p.LastSubmitted})
				notes[i] = workNote{handed: true, text: "the code you last checked" + lastCheck(p)}
			default:
				notes[i].text = "not started: left out"
			}
		}
	}
	return b, notes, nil
}

// questionWork is the answer handed in for a question: the first right
// answer, with the attempts it took, so that answering again afterwards (a
// review, a quiz) neither costs points nor replaces it; else the latest
// answer. Attempts before a reset count too, and a question given up (its
// answer shown) before it was answered right is left out: the grade must
// not be cheaper to get by starting afresh.
func (a *app) questionWork(ctx context.Context, q *engine.Question) (homework.Work, workNote, error) {
	atts, err := a.store.Attempts(ctx, a.userName, a.course.ID, q.ID)
	if err != nil {
		return homework.Work{}, workNote{}, err
	}
	w := homework.Work{ID: q.ID}
	for _, at := range atts {
		if at.Result == store.ResultGivenUp {
			return w, workNote{text: "given up (the answer was shown): left out", gaveUp: true}, nil
		}
		var ans quiz.Answer
		if json.Unmarshal([]byte(at.Submitted), &ans) != nil {
			continue
		}
		w.Attempts++
		w.Answer = &ans
		if at.Result == store.ResultRight {
			return w, workNote{handed: true, text: fmt.Sprintf("right, at attempt %d", w.Attempts), right: true}, nil
		}
	}
	if w.Answer == nil {
		return w, workNote{text: "not answered: left out"}, nil
	}
	return w, workNote{handed: true, text: fmt.Sprintf("wrong: your latest answer, after %s", plural(w.Attempts, "attempt"))}, nil
}

// lastCheck says how the learner's own checks went; the grader runs the
// code again whatever they say.
func lastCheck(p store.ItemProgress) string {
	switch p.Status {
	case engine.StatusDone:
		return " (passed a check here)"
	case engine.StatusTried:
		return " (has not passed a check here)"
	}
	return ""
}

// writeFileAtomic writes a file readable by all through a temporary one
// beside it, so a failure never leaves half a file under the name.
func writeFileAtomic(path string, write func(w io.Writer) error) error {
	return writeFileAtomicMode(path, 0o644, true, write) // CreateTemp's 0600 would keep the file from the class
}

// writeFileAtomicMode is writeFileAtomic with the file's permissions, and
// with replace false, an error wrapping fs.ErrExist if path exists.
func writeFileAtomicMode(path string, perm fs.FileMode, replace bool, write func(w io.Writer) error) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(f.Name())
	err = write(f)
	if err == nil {
		err = f.Chmod(perm)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	switch {
	case err != nil:
	case replace:
		err = os.Rename(f.Name(), path)
	default:
		err = os.Link(f.Name(), path) // fails if path exists, where Rename would replace it
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// maxFileName bounds a file name made from a student's text (before the
// extension), well under any file system's 255 bytes.
const maxFileName = 80

// fileSafe keeps what a file name can hold safely, in at most maxFileName
// bytes: a longer name is cut and ends in a short hash of the whole text,
// so two long names stay apart.
func fileSafe(s string) string {
	name := strings.TrimLeft(s, ".") // no hidden files, no ".."
	if name == "" {
		return "_"
	}
	name = strings.Map(func(r rune) rune {
		if r == '-' || r == '_' || r == '.' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
			return r
		}
		return '_'
	}, name)
	if len(name) > maxFileName {
		sum := sha256.Sum256([]byte(s))
		tag := hex.EncodeToString(sum[:5])
		name = name[:maxFileName-len(tag)-1] + "-" + tag
	}
	return name
}

func formatUTC(t time.Time) string { return t.UTC().Format("2006-01-02 15:04 UTC") }

// dueText says how a time stands against the assignment's due date.
func dueText(asg *homework.Assignment, at time.Time) string {
	if !at.After(asg.Due) {
		return fmt.Sprintf("on time (due %s, %s left)", formatUTC(asg.Due), humanDuration(asg.Due.Sub(at)))
	}
	days := homework.DaysLate(asg.Due, at)
	if days > asg.LateCutoffDays {
		return fmt.Sprintf("LATE: %s after the due date %s, past the %s cutoff, so it scores 0", humanDuration(at.Sub(asg.Due)), formatUTC(asg.Due), plural(asg.LateCutoffDays, "day"))
	}
	return fmt.Sprintf("late: %s after the due date %s, %s late at %s%% a day", humanDuration(at.Sub(asg.Due)), formatUTC(asg.Due), plural(days, "started day"), formatPoints(100*asg.LatePenaltyPerDay))
}

// humanDuration is a duration in the two largest units: "3 days 4 hours".
func humanDuration(d time.Duration) string {
	d = d.Round(time.Minute)
	days, hours, mins := int(d/(24*time.Hour)), int(d%(24*time.Hour)/time.Hour), int(d%time.Hour/time.Minute)
	switch {
	case days > 0:
		return strings.TrimSuffix(plural(days, "day")+" "+plural(hours, "hour"), " 0 hours")
	case hours > 0:
		return strings.TrimSuffix(plural(hours, "hour")+" "+plural(mins, "minute"), " 0 minutes")
	}
	return plural(mins, "minute")
}

func idWidth(asg *homework.Assignment) int {
	w := 0
	for _, it := range asg.Items {
		w = max(w, len(it.ID))
	}
	return w
}
