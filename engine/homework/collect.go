package homework

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"testing/fstest"
	"time"

	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/engine/quiz"
)

// Versioned is an assignment with what its bundles are graded against.
type Versioned struct {
	*Assignment
	// Version identifies the assignment file and the course together: a
	// change to either grades a bundle again.
	Version string
	// CourseHash is the course's CourseHash, which a bundle must match.
	CourseHash string
}

// NewVersioned is a, read from src, against the course of courseHash.
func NewVersioned(a *Assignment, src []byte, courseHash string) *Versioned {
	sum := sha256.Sum256(append(append(src, 0), courseHash...))
	return &Versioned{Assignment: a, Version: hex.EncodeToString(sum[:]), CourseHash: courseHash}
}

// CourseHashAt is the CourseHash of the course at path, a directory or a
// one-file course, or of builtin when path is empty.
func CourseHashAt(path string, builtin fs.FS) (string, error) {
	fsys := builtin
	if path != "" {
		info, err := os.Stat(path)
		if err != nil {
			return "", err
		}
		if info.IsDir() {
			fsys = os.DirFS(path)
		} else {
			// A one-file course: hash that file alone, not its neighbours.
			data, err := os.ReadFile(path)
			if err != nil {
				return "", err
			}
			fsys = fstest.MapFS{filepath.Base(path): {Data: data}}
		}
	}
	return CourseHash(fsys)
}

// Records are the learner's records a bundle is made from; package store
// satisfies it.
type Records interface {
	Progress(ctx context.Context, user, course string) (map[string]engine.ItemProgress, error)
	Attempts(ctx context.Context, user, course, itemID string) ([]engine.Attempt, error)
}

// Workspace reads the learner's files for an exercise: their code and
// editable support files, and whether they are still the starter. An
// error wrapping fs.ErrNotExist means there is no file.
type Workspace interface {
	ReadExercise(ex *engine.Exercise) (code string, files map[string]string, untouched bool, err error)
}

// Learner is whose work goes into a bundle: their records in a course and
// their workspace.
type Learner struct {
	Records   Records
	Workspace Workspace
	Course    *engine.Course
	User      string
}

// Note says what went into a bundle for one item, for the learner.
type Note struct {
	Handed bool   // the item is in the bundle
	Text   string // what of it, or why not
	Right  bool   // a question answered right
	GaveUp bool   // a question given up on before it was answered right
}

// Mark is "+" for an item in the bundle, "-" for one left out.
func (n Note) Mark() string {
	if n.Handed {
		return "+"
	}
	return "-"
}

// Collect gathers the learner's work on each item of student's draw of a
// into a bundle, submitted now, with a note per item of the draw in order:
// a question's answer as QuestionWork picks it, and an exercise's
// workspace file, or the code last checked when the file is missing or
// back to the starter.
func (l *Learner) Collect(ctx context.Context, a *Versioned, student Student, now time.Time) (*Bundle, []Note, error) {
	prog, err := l.Records.Progress(ctx, l.User, l.Course.ID)
	if err != nil {
		return nil, nil, err
	}
	b := &Bundle{
		Assignment: a.ID, Course: l.Course.ID, CourseHash: a.CourseHash,
		Student:   student,
		Submitted: now.UTC().Truncate(time.Second),
		Draw:      a.DrawIDs(student.ID),
		Items:     []Work{},
	}
	draw := a.Draw(student.ID)
	notes := make([]Note, len(draw))
	for i, ai := range draw {
		p := prog[ai.ID]
		it, _ := l.Course.Find(ai.ID) // the assignment was checked against the course
		switch it := it.(type) {
		case *engine.Question:
			w, note, err := l.QuestionWork(ctx, it)
			if err != nil {
				return nil, nil, err
			}
			notes[i] = note
			if note.Handed {
				b.Items = append(b.Items, w)
			}
		case *engine.Exercise:
			code, files, untouched, err := l.Workspace.ReadExercise(it)
			switch {
			case err == nil && !untouched:
				b.Items = append(b.Items, Work{ID: ai.ID, Code: code, Files: files, Hints: p.TotalHints})
				notes[i] = Note{Handed: true, Text: "your workspace file" + lastCheck(p)}
			case err != nil && !errors.Is(err, fs.ErrNotExist):
				return nil, nil, fmt.Errorf("read your file for %s: %w", ai.ID, err)
			case p.LastSubmitted != "":
				b.Items = append(b.Items, Work{ID: ai.ID, Code: p.LastSubmitted, Hints: p.TotalHints})
				notes[i] = Note{Handed: true, Text: "the code you last checked" + lastCheck(p)}
			default:
				notes[i].Text = "not started: left out"
			}
		}
	}
	return b, notes, nil
}

// QuestionWork is the answer handed in for a question: the first right
// answer, with the attempts it took, so that answering again afterwards (a
// review, a quiz) neither costs points nor replaces it; else the latest
// answer. Attempts before a reset count too, and a question given up (its
// answer shown) before it was answered right is left out: the grade must
// not be cheaper to get by starting afresh.
func (l *Learner) QuestionWork(ctx context.Context, q *engine.Question) (Work, Note, error) {
	atts, err := l.Records.Attempts(ctx, l.User, l.Course.ID, q.ID)
	if err != nil {
		return Work{}, Note{}, err
	}
	w := Work{ID: q.ID}
	for _, at := range atts {
		if at.Result == engine.ResultGivenUp {
			return w, Note{Text: "given up (the answer was shown): left out", GaveUp: true}, nil
		}
		var ans quiz.Answer
		if json.Unmarshal([]byte(at.Submitted), &ans) != nil {
			continue
		}
		w.Attempts++
		w.Answer = &ans
		if at.Result == engine.ResultRight {
			return w, Note{Handed: true, Text: fmt.Sprintf("right, at attempt %d", w.Attempts), Right: true}, nil
		}
	}
	if w.Answer == nil {
		return w, Note{Text: "not answered: left out"}, nil
	}
	return w, Note{Handed: true, Text: fmt.Sprintf("wrong: your latest answer, after %s", Plural(w.Attempts, "attempt"))}, nil
}

// lastCheck says how the learner's own checks went; the grader runs the
// code again whatever they say.
func lastCheck(p engine.ItemProgress) string {
	switch p.Status {
	case engine.StatusDone:
		return " (passed a check here)"
	case engine.StatusTried:
		return " (has not passed a check here)"
	}
	return ""
}
