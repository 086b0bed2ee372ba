package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/asynclings/asynclings/engine"
)

// Student is a learner as named in a homework bundle.
type Student struct {
	ID        string // the learner's ID (their --user when they submitted)
	FirstName string
	LastName  string
	Email     string
}

// GradedAssignment is an assignment as recorded in the gradebook.
type GradedAssignment struct {
	ID       string
	Title    string
	Course   string // course ID
	Due      time.Time
	MaxScore float64
}

// ItemGrade is the grade of one item of a submission.
type ItemGrade struct {
	ItemID   string
	Kind     engine.Kind // engine.KindQuestion or engine.KindExercise
	Max      float64     // the item's points
	Points   float64     // earned, before the late penalty
	Passed   bool
	Penalty  float64 // fraction lost to extra attempts
	Attempts int
	Hints    int    // hints revealed, as the bundle says
	Outcome  string // exercise: the verdict's outcome ("pass", "fail", "compile-error", …); question: "right" or "wrong"; "missing" when not submitted
	Output   string // exercise: the runner's verdict as JSON; question: the submitted answer as JSON; "" when missing
	// Code and Files are the exercise's submitted code, as in the bundle:
	// the learner's file, and their editable support files by name.
	Code  string
	Files map[string]string
}

// Submission is one grading of one bundle.
type Submission struct {
	ID          int64 // set when read back
	Assignment  GradedAssignment
	Student     Student
	File        string // the bundle file as given to grade
	Checksum    string // the bundle's sha256
	Version     string // what it was graded against (hash of the assignment and the course)
	Submitted   time.Time
	GradedAt    time.Time // zero means now
	RawScore    float64
	DaysLate    int
	PastCutoff  bool
	LatePenalty float64
	Score       float64
	Items       []ItemGrade // in the assignment's order
	Current     bool        // read back: the student's current grade for the assignment
}

func (sub Submission) validate() error {
	switch {
	case sub.Assignment.ID == "":
		return errors.New("empty assignment ID")
	case sub.Student.ID == "":
		return errors.New("empty student ID")
	case sub.Checksum == "":
		return errors.New("empty checksum")
	case sub.Version == "":
		// IsGraded could not tell what the grade was made against.
		return errors.New("empty version")
	}
	seen := make(map[string]bool, len(sub.Items))
	for _, it := range sub.Items {
		switch {
		case it.ItemID == "":
			return errors.New("empty item ID")
		case seen[it.ItemID]:
			return fmt.Errorf("item %q listed twice", it.ItemID)
		case it.Kind != engine.KindQuestion && it.Kind != engine.KindExercise:
			return fmt.Errorf("item %q: unknown kind %q", it.ItemID, it.Kind)
		}
		if err := validateCode(it); err != nil {
			return err
		}
		seen[it.ItemID] = true
	}
	return nil
}

// RecordGrade stores a grading in one transaction: it creates or updates the
// student (names and email take the latest values given) and the assignment
// (title, course, due, max score take the latest), inserts the submission and
// its item grades, and makes it the current grade of that student for that
// assignment; the previous current grade stays, as history. Returns the id.
func (s *Store) RecordGrade(ctx context.Context, sub Submission) (int64, error) {
	if err := sub.validate(); err != nil {
		return 0, fmt.Errorf("record grade: %w", err)
	}
	if sub.GradedAt.IsZero() {
		sub.GradedAt = time.Now()
	}
	a, st := sub.Assignment, sub.Student
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `
INSERT INTO students (id, first_name, last_name, email) VALUES (?, ?, ?, ?)
ON CONFLICT (id) DO UPDATE SET first_name = excluded.first_name,
	last_name = excluded.last_name, email = excluded.email`,
			st.ID, st.FirstName, st.LastName, st.Email); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `
INSERT INTO homework_assignments (id, title, course, due, max_score) VALUES (?, ?, ?, ?, ?)
ON CONFLICT (id) DO UPDATE SET title = excluded.title, course = excluded.course,
	due = excluded.due, max_score = excluded.max_score`,
			a.ID, a.Title, a.Course, formatTime(a.Due), a.MaxScore); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx,
			`UPDATE submissions SET current = 0 WHERE assignment_id = ? AND student_id = ? AND current = 1`,
			a.ID, st.ID); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `
INSERT INTO submissions (assignment_id, student_id, file, checksum, version, submitted, graded_at,
	raw_score, days_late, past_cutoff, late_penalty, score, current)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
			a.ID, st.ID, sub.File, sub.Checksum, sub.Version,
			formatTime(sub.Submitted), formatTime(sub.GradedAt),
			sub.RawScore, sub.DaysLate, sub.PastCutoff, sub.LatePenalty, sub.Score)
		if err != nil {
			return err
		}
		if id, err = res.LastInsertId(); err != nil {
			return err
		}
		for i, it := range sub.Items {
			if _, err := tx.ExecContext(ctx, `
INSERT INTO item_grades (submission_id, position, item_id, kind, max_points, points,
	passed, penalty, attempts, hints, outcome, output)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				id, i, it.ItemID, string(it.Kind), it.Max, it.Points,
				it.Passed, it.Penalty, it.Attempts, it.Hints, it.Outcome, it.Output); err != nil {
				return err
			}
			if err := insertCode(ctx, tx, id, it); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("record grade of %s for %s: %w", st.ID, a.ID, err)
	}
	return id, nil
}

// IsGraded reports whether the student's current grade for the assignment
// comes from a bundle with this checksum graded against this version, so
// that an interrupted run can resume. A bundle graded once but since
// replaced, by another bundle or another version of the assignment, is not.
func (s *Store) IsGraded(ctx context.Context, assignmentID, checksum, version string) (bool, error) {
	var graded bool
	err := s.db.QueryRowContext(ctx, `
SELECT EXISTS (SELECT 1 FROM submissions WHERE assignment_id = ? AND checksum = ? AND version = ? AND current = 1)`,
		assignmentID, checksum, version).Scan(&graded)
	if err != nil {
		return false, fmt.Errorf("is %s graded for %s: %w", checksum, assignmentID, err)
	}
	return graded, nil
}

// Gradebook returns the current grades, one per student and assignment, of
// one assignment or of all when assignmentID is "", ordered by assignment ID
// then student ID, with Items filled.
func (s *Store) Gradebook(ctx context.Context, assignmentID string) ([]Submission, error) {
	// "current = 1" as in the partial index, so that SQLite uses it.
	where, args := `s.current = 1`, []any{}
	if assignmentID != "" {
		where, args = where+` AND s.assignment_id = ?`, []any{assignmentID}
	}
	subs, err := s.submissions(ctx, where, `s.assignment_id, s.student_id`, args...)
	if err != nil {
		return nil, fmt.Errorf("gradebook %q: %w", assignmentID, err)
	}
	return subs, nil
}

// GradeHistory returns every grading of a student's work on an assignment,
// oldest first. Student and Assignment are as last recorded, in old gradings
// too.
func (s *Store) GradeHistory(ctx context.Context, assignmentID, studentID string) ([]Submission, error) {
	subs, err := s.submissions(ctx, `s.assignment_id = ? AND s.student_id = ?`,
		`s.graded_at, s.id`, assignmentID, studentID)
	if err != nil {
		return nil, fmt.Errorf("grade history of %s for %s: %w", studentID, assignmentID, err)
	}
	return subs, nil
}

// submissions reads the submissions matching where, sorted by order (then
// s.id, which keeps each submission's rows together), with their items. One
// statement, so that a concurrent RecordGrade cannot slip in between reading
// a submission and reading its items; their code comes after (readCode).
func (s *Store) submissions(ctx context.Context, where, order string, args ...any) ([]Submission, error) {
	rows, err := s.db.QueryContext(ctx, `
SELECT s.id, s.file, s.checksum, s.version, s.submitted, s.graded_at, s.raw_score,
	s.days_late, s.past_cutoff, s.late_penalty, s.score, s.current,
	a.id, a.title, a.course, a.due, a.max_score,
	st.id, st.first_name, st.last_name, st.email,
	g.item_id, g.kind, g.max_points, g.points, g.passed, g.penalty, g.attempts, g.hints, g.outcome, g.output
FROM submissions s
JOIN homework_assignments a ON a.id = s.assignment_id
JOIN students st ON st.id = s.student_id
LEFT JOIN item_grades g ON g.submission_id = s.id
WHERE `+where+`
ORDER BY `+order+`, s.id, g.position`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var subs []Submission
	for rows.Next() {
		var (
			sub                     Submission
			submitted, graded, due  string
			itemID, kind, out, text sql.Null[string]
			maxPts, points, penalty sql.Null[float64]
			passed                  sql.Null[bool]
			attempts, hints         sql.Null[int]
		)
		if err := rows.Scan(&sub.ID, &sub.File, &sub.Checksum, &sub.Version, &submitted, &graded,
			&sub.RawScore, &sub.DaysLate, &sub.PastCutoff, &sub.LatePenalty, &sub.Score, &sub.Current,
			&sub.Assignment.ID, &sub.Assignment.Title, &sub.Assignment.Course, &due, &sub.Assignment.MaxScore,
			&sub.Student.ID, &sub.Student.FirstName, &sub.Student.LastName, &sub.Student.Email,
			&itemID, &kind, &maxPts, &points, &passed, &penalty, &attempts, &hints, &out, &text); err != nil {
			return nil, err
		}
		// Rows come grouped by submission: one per item, or one without
		// an item (the LEFT JOIN) when it has none.
		if n := len(subs); n == 0 || subs[n-1].ID != sub.ID {
			if sub.Submitted, err = parseTime(submitted); err != nil {
				return nil, err
			}
			if sub.GradedAt, err = parseTime(graded); err != nil {
				return nil, err
			}
			if sub.Assignment.Due, err = parseTime(due); err != nil {
				return nil, err
			}
			subs = append(subs, sub)
		}
		if itemID.Valid {
			last := &subs[len(subs)-1]
			last.Items = append(last.Items, ItemGrade{ItemID: itemID.V, Kind: engine.Kind(kind.V),
				Max: maxPts.V, Points: points.V, Passed: passed.V, Penalty: penalty.V,
				Attempts: attempts.V, Hints: hints.V, Outcome: out.V, Output: text.V})
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return subs, s.readCode(ctx, subs, where, args...)
}
