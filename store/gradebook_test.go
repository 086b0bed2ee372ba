package store

import (
	"context"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/asynclings/asynclings/engine"
)

var (
	gradeZone = time.FixedZone("X", -5*3600)
	gradeDue  = time.Date(2026, 12, 1, 23, 59, 0, 0, gradeZone)
)

// gradeOf is a full grading of student's bundle for assignment, graded at
// the given hour after the due date, with times outside UTC.
func gradeOf(assignment, student, checksum string, hour int) Submission {
	return Submission{
		Assignment: GradedAssignment{ID: assignment, Title: "Homework " + assignment,
			Course: "go-concurrency", Due: gradeDue, MaxScore: 30},
		Student: Student{ID: student, FirstName: "Ada", LastName: "Lovelace",
			Email: student + "@example.org"},
		File:        student + ".json",
		Checksum:    checksum,
		Version:     "v1",
		Submitted:   gradeDue.Add(25 * time.Hour),
		GradedAt:    gradeDue.Add(time.Duration(hour)*time.Hour + 123456789),
		RawScore:    29,
		DaysLate:    2,
		LatePenalty: 5.8,
		Score:       23.2,
		Items: []ItemGrade{
			{ItemID: "first", Kind: engine.KindQuestion, Max: 10, Points: 9, Passed: true,
				Penalty: 0.1, Attempts: 3, Outcome: "right", Output: `{"Text":"go"}`},
			{ItemID: "worker-pool", Kind: engine.KindExercise, Max: 20, Points: 20, Passed: true,
				Attempts: 1, Hints: 2, Outcome: "pass", Output: `{"outcome":"pass"}`},
		},
	}
}

// readBack is sub as the store returns it: with its id, current, in UTC.
func readBack(sub Submission, id int64, current bool) Submission {
	sub.ID, sub.Current = id, current
	sub.Assignment.Due = sub.Assignment.Due.UTC()
	sub.Submitted = sub.Submitted.UTC()
	sub.GradedAt = sub.GradedAt.UTC()
	return sub
}

func mustRecordGrade(t *testing.T, s *Store, sub Submission) int64 {
	t.Helper()
	id, err := s.RecordGrade(context.Background(), sub)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func checkGradebook(t *testing.T, s *Store, assignmentID string, want []Submission) {
	t.Helper()
	got, err := s.Gradebook(context.Background(), assignmentID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Gradebook(%q) =\n%+v\nwant\n%+v", assignmentID, got, want)
	}
}

func checkHistory(t *testing.T, s *Store, assignmentID, studentID string, want []Submission) {
	t.Helper()
	got, err := s.GradeHistory(context.Background(), assignmentID, studentID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("GradeHistory(%q, %q) =\n%+v\nwant\n%+v", assignmentID, studentID, got, want)
	}
}

func TestRecordGradeReadBack(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(*Submission)
	}{
		{"late", func(*Submission) {}},
		{"past cutoff, item missing", func(sub *Submission) {
			sub.DaysLate, sub.PastCutoff, sub.LatePenalty, sub.Score = 9, true, 9, 0
			sub.RawScore = 9
			sub.Items[1] = ItemGrade{ItemID: "worker-pool", Kind: engine.KindExercise,
				Max: 20, Outcome: "missing"}
		}},
		{"with code", func(sub *Submission) {
			sub.Items[1].Code = "package pool\n"
			sub.Items[1].Files = map[string]string{"helpers.go": "package pool\n\nfunc helper() {}\n", "empty.go": ""}
		}},
		{"no items, zero times", func(sub *Submission) {
			sub.Items = nil
			sub.Submitted, sub.Assignment.Due = time.Time{}, time.Time{}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, _ := openTemp(t)
			sub := gradeOf("hw1", "ada", "sum1", 30)
			tc.edit(&sub)
			id := mustRecordGrade(t, s, sub)
			want := []Submission{readBack(sub, id, true)}
			checkGradebook(t, s, "hw1", want)
			checkHistory(t, s, "hw1", "ada", want)
		})
	}
}

func TestRecordGradeZeroGradedAtIsNow(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	sub := gradeOf("hw1", "ada", "sum1", 0)
	sub.GradedAt = time.Time{}
	before := time.Now()
	mustRecordGrade(t, s, sub)
	after := time.Now()
	got, err := s.Gradebook(ctx, "hw1")
	if err != nil || len(got) != 1 {
		t.Fatalf("Gradebook = %+v, %v", got, err)
	}
	if at := got[0].GradedAt; at.Before(before) || at.After(after) {
		t.Errorf("GradedAt = %v; want between %v and %v", at, before, after)
	}
}

func TestRegrade(t *testing.T) {
	s, _ := openTemp(t)
	first := gradeOf("hw1", "ada", "sum1", 30)
	id1 := mustRecordGrade(t, s, first)
	second := gradeOf("hw1", "ada", "sum2", 40)
	second.Student.FirstName, second.Student.Email = "Augusta Ada", "ada@lovelace.example"
	second.Assignment.Title = "Homework 1, fixed"
	second.Score, second.Items[0].Passed, second.Items[0].Outcome = 3.2, false, "wrong"
	id2 := mustRecordGrade(t, s, second)
	if id1 == id2 {
		t.Fatalf("both gradings have id %d", id1)
	}
	checkGradebook(t, s, "hw1", []Submission{readBack(second, id2, true)})
	// The student and the assignment are read as they are now, for the
	// old grading too.
	old := readBack(first, id1, false)
	old.Student, old.Assignment.Title = second.Student, second.Assignment.Title
	checkHistory(t, s, "hw1", "ada", []Submission{old, readBack(second, id2, true)})
	checkHistory(t, s, "hw1", "bob", nil)
}

func TestIsGraded(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	mustRecordGrade(t, s, gradeOf("hw1", "ada", "sum1", 30))
	for _, tc := range []struct {
		assignment, checksum, version string
		want                          bool
	}{
		{"hw1", "sum1", "v1", true},
		{"hw2", "sum1", "v1", false},
		{"hw1", "sum2", "v1", false},
		{"hw1", "sum1", "v2", false},
		{"", "", "", false},
	} {
		got, err := s.IsGraded(ctx, tc.assignment, tc.checksum, tc.version)
		if err != nil || got != tc.want {
			t.Errorf("IsGraded(%q, %q, %q) = %v, %v; want %v",
				tc.assignment, tc.checksum, tc.version, got, err, tc.want)
		}
	}
	// Graded again against another version of the assignment: the first
	// grading is history, so going back to v1 grades the bundle again.
	v2 := gradeOf("hw1", "ada", "sum1", 31)
	v2.Version = "v2"
	mustRecordGrade(t, s, v2)
	for version, want := range map[string]bool{"v1": false, "v2": true} {
		if got, err := s.IsGraded(ctx, "hw1", "sum1", version); err != nil || got != want {
			t.Errorf("after a regrade, IsGraded(hw1, sum1, %s) = %v, %v; want %v", version, got, err, want)
		}
	}
}

func TestGradebookOrderAndFilter(t *testing.T) {
	s, _ := openTemp(t)
	// Recorded out of order, and one regraded, so the order is the query's.
	var all []Submission
	for i, k := range []struct{ assignment, student string }{
		{"hw2", "bob"}, {"hw1", "cy"}, {"hw2", "ada"}, {"hw1", "ada"}, {"hw1", "bob"}, {"hw1", "cy"},
	} {
		sub := gradeOf(k.assignment, k.student, fmt.Sprintf("sum%d", i), i)
		all = append(all, readBack(sub, mustRecordGrade(t, s, sub), true))
	}
	hw1 := []Submission{all[3], all[4], all[5]}
	hw2 := []Submission{all[2], all[0]}
	for _, tc := range []struct {
		assignment string
		want       []Submission
	}{
		{"", append(append([]Submission(nil), hw1...), hw2...)},
		{"hw1", hw1},
		{"hw2", hw2},
		{"hw3", nil},
	} {
		checkGradebook(t, s, tc.assignment, tc.want)
	}
}

// gradebookRows counts the rows of each gradebook table.
func gradebookRows(t *testing.T, s *Store) map[string]int {
	t.Helper()
	n := make(map[string]int)
	for _, table := range []string{"students", "homework_assignments", "submissions", "item_grades"} {
		var c int
		if err := s.db.QueryRow(`SELECT COUNT(*) FROM ` + table).Scan(&c); err != nil {
			t.Fatal(err)
		}
		n[table] = c
	}
	return n
}

func TestRecordGradeRejects(t *testing.T) {
	s, _ := openTemp(t)
	for _, tc := range []struct {
		name string
		edit func(*Submission)
	}{
		{"no assignment", func(sub *Submission) { sub.Assignment.ID = "" }},
		{"no student", func(sub *Submission) { sub.Student.ID = "" }},
		{"no checksum", func(sub *Submission) { sub.Checksum = "" }},
		{"no version", func(sub *Submission) { sub.Version = "" }},
		{"no item ID", func(sub *Submission) { sub.Items[1].ItemID = "" }},
		{"item twice", func(sub *Submission) { sub.Items[1].ItemID = sub.Items[0].ItemID }},
		{"bad kind", func(sub *Submission) { sub.Items[0].Kind = "essay" }},
	} {
		sub := gradeOf("hw1", "ada", "sum1", 30)
		tc.edit(&sub)
		if _, err := s.RecordGrade(context.Background(), sub); err == nil {
			t.Errorf("%s: RecordGrade succeeded", tc.name)
		}
	}
	for table, n := range gradebookRows(t, s) {
		if n != 0 {
			t.Errorf("%d rows in %s after refused gradings", n, table)
		}
	}
}

// TestRecordGradeAtomic fails a regrade at its last insert: the first
// grade stays current and unchanged, student and assignment included.
func TestRecordGradeAtomic(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	first := gradeOf("hw1", "ada", "sum1", 30)
	id := mustRecordGrade(t, s, first)
	before := gradebookRows(t, s)
	if _, err := s.db.ExecContext(ctx, `
CREATE TRIGGER fail_item BEFORE INSERT ON item_grades WHEN NEW.item_id = 'boom'
BEGIN SELECT RAISE(ABORT, 'boom'); END`); err != nil {
		t.Fatal(err)
	}
	second := gradeOf("hw1", "ada", "sum2", 40)
	second.Student.FirstName, second.Assignment.Title = "Augusta", "Renamed"
	second.Items[1].ItemID = "boom"
	if _, err := s.RecordGrade(ctx, second); err == nil {
		t.Fatal("RecordGrade succeeded despite the trigger")
	}
	if after := gradebookRows(t, s); !reflect.DeepEqual(after, before) {
		t.Errorf("rows after a failed regrade = %v; want %v", after, before)
	}
	checkGradebook(t, s, "", []Submission{readBack(first, id, true)})
}

// TestMigrateFromV4 opens a database at schema version 4 (no gradebook): it
// is brought up to date and keeps its data.
func TestMigrateFromV4(t *testing.T) {
	ctx := context.Background()
	path := databaseAt(t, 4,
		`INSERT INTO users (id, name, created_at) VALUES (1, 'ann', '2025-01-01T00:00:00.000000000Z')`,
		`INSERT INTO attempts (user_id, course, item_id, kind, result, at)
		 VALUES (1, 'c', 'ex1', 'exercise', 'wrong', '2025-01-02T00:00:00.000000000Z')`,
		`INSERT INTO hints (user_id, course, item_id, number, at)
		 VALUES (1, 'c', 'ex1', 1, '2025-01-02T00:00:01.000000000Z')`,
		`INSERT INTO resets (user_id, course, item_id, at)
		 VALUES (1, 'c', 'q1', '2025-01-02T00:00:02.000000000Z')`)
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if v, err := s.SchemaVersion(ctx); err != nil || v < 5 || v != len(migrations) {
		t.Fatalf("SchemaVersion = %d, %v; want %d", v, err, len(migrations))
	}
	prog, err := s.Progress(ctx, "ann", "c")
	if err != nil || prog["ex1"].Attempts != 1 || prog["ex1"].HintsUsed != 1 {
		t.Fatalf("Progress after migration = %+v, %v", prog, err)
	}
	if rs, err := s.Resets(ctx, "ann", "c"); err != nil || len(rs) != 1 {
		t.Fatalf("Resets after migration = %v, %v", rs, err)
	}
	// The gradebook is there and empty, and works.
	checkGradebook(t, s, "", nil)
	sub := gradeOf("hw1", "ann", "sum1", 30)
	id := mustRecordGrade(t, s, sub)
	checkGradebook(t, s, "", []Submission{readBack(sub, id, true)})
}

// TestMigrateFromV6 opens a gradebook at schema version 6 (item grades
// without hints): its grades read back with 0 hints, and new ones keep
// theirs.
func TestMigrateFromV6(t *testing.T) {
	ctx := context.Background()
	path := databaseAt(t, 6,
		`INSERT INTO students (id, first_name, last_name, email) VALUES ('ann', 'Ann', 'A', '')`,
		`INSERT INTO homework_assignments (id, title, course, due, max_score) VALUES ('hw1', 'Homework 1', 'c', '2026-12-01T23:59:00.000000000Z', 20)`,
		`INSERT INTO submissions (id, assignment_id, student_id, file, checksum, version, submitted, graded_at,
			raw_score, days_late, past_cutoff, late_penalty, score, current)
		 VALUES (1, 'hw1', 'ann', 'ann.json', 'sum', 'v1', '2026-12-01T20:00:00.000000000Z', '2026-12-02T08:00:00.000000000Z', 20, 0, 0, 0, 20, 1)`,
		`INSERT INTO item_grades (submission_id, position, item_id, kind, max_points, points, passed, penalty, attempts, outcome, output)
		 VALUES (1, 0, 'ex1', 'exercise', 20, 20, 1, 0, 0, 'pass', '{"outcome":"pass"}')`)
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if v, err := s.SchemaVersion(ctx); err != nil || v < 7 || v != len(migrations) {
		t.Fatalf("SchemaVersion = %d, %v; want %d", v, err, len(migrations))
	}
	subs, err := s.Gradebook(ctx, "hw1")
	if err != nil || len(subs) != 1 || len(subs[0].Items) != 1 {
		t.Fatalf("Gradebook after migration = %+v, %v", subs, err)
	}
	want := ItemGrade{ItemID: "ex1", Kind: engine.KindExercise, Max: 20, Points: 20, Passed: true, Outcome: "pass", Output: `{"outcome":"pass"}`}
	if got := subs[0].Items[0]; !reflect.DeepEqual(got, want) {
		t.Errorf("item after migration = %+v, want %+v", got, want)
	}
	sub := gradeOf("hw1", "bea", "sum2", 30)
	id := mustRecordGrade(t, s, sub)
	if got, _ := s.Gradebook(ctx, "hw1"); len(got) != 2 || !reflect.DeepEqual(got[1], readBack(sub, id, true)) || got[1].Items[1].Hints != 2 {
		t.Errorf("a grade recorded after migration reads back as %+v", got)
	}
}

// TestConcurrentRecordGrade grades from many goroutines through two Stores
// on one file, regrading the same students: each ends with exactly one
// current grade, and no grading is lost.
func TestConcurrentRecordGrade(t *testing.T) {
	ctx := context.Background()
	const workers, each, students = 6, 10, 3
	s1 := concurrently(t, workers, func(w int, s *Store) error {
		for i := range each {
			sub := gradeOf("hw1", fmt.Sprintf("s%d", (w+i)%students), fmt.Sprintf("sum%d-%d", w, i), i)
			if _, err := s.RecordGrade(ctx, sub); err != nil {
				return err
			}
			if _, err := s.Gradebook(ctx, "hw1"); err != nil {
				return err
			}
		}
		return nil
	})
	book, err := s1.Gradebook(ctx, "hw1")
	if err != nil {
		t.Fatal(err)
	}
	if len(book) != students {
		t.Errorf("Gradebook has %d grades; want %d", len(book), students)
	}
	total := 0
	for st := range students {
		hist, err := s1.GradeHistory(ctx, "hw1", fmt.Sprintf("s%d", st))
		if err != nil {
			t.Fatal(err)
		}
		current := 0
		for _, h := range hist {
			if h.Current {
				current++
			}
			if len(h.Items) != 2 {
				t.Errorf("grading %d has %d items; want 2", h.ID, len(h.Items))
			}
		}
		if current != 1 {
			t.Errorf("student s%d has %d current grades; want 1", st, current)
		}
		total += len(hist)
	}
	if total != workers*each {
		t.Errorf("recorded %d gradings; want %d", total, workers*each)
	}
}
