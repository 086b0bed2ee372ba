package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/engine/homework"
	"github.com/asynclings/asynclings/exercises"
	"github.com/asynclings/asynclings/store"
)

// cancelOn cancels a context once its output shows a line with mark.
type cancelOn struct {
	mu     sync.Mutex
	buf    bytes.Buffer
	mark   string
	cancel context.CancelFunc
}

func (c *cancelOn) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.buf.Write(p)
	if strings.Contains(c.buf.String(), c.mark) {
		c.cancel()
	}
	return len(p), nil
}

// TestGradeResumes interrupts a grade run as soon as its first bundle is
// graded, then runs it again: what was graded is kept, the rest is graded,
// nothing is graded twice.
func TestGradeResumes(t *testing.T) {
	if testing.Short() {
		t.Skip("runs exercises")
	}
	dir := t.TempDir()
	course, err := engine.LoadFS(exercises.Course(), "(built-in course)")
	if err != nil {
		t.Fatal(err)
	}
	hash, err := homework.CourseHash(exercises.Course())
	if err != nil {
		t.Fatal(err)
	}
	it, _ := course.Find("gs-run-all")
	ex := it.(*engine.Exercise)
	asg := filepath.Join(dir, "hw.toml")
	os.WriteFile(asg, []byte("id = \"hw\"\ntitle = \"HW\"\ndue = 2099-01-01T00:00:00Z\n[[items]]\nid = \"gs-run-all\"\npoints = 1\n"), 0o644)
	const n = 6
	subs := filepath.Join(dir, "subs")
	os.Mkdir(subs, 0o755)
	for i := range n {
		b := &homework.Bundle{Assignment: "hw", Course: course.ID, CourseHash: hash, Student: homework.Student{ID: fmt.Sprint("s", i)},
			Submitted: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
			Items:     []homework.Work{{ID: ex.ID, Code: fmt.Sprintf("%s\n// %d %d\n", ex.Solution, i, time.Now().UnixNano())}}}
		var buf bytes.Buffer
		if err := b.Encode(&buf); err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(subs, fmt.Sprint("s", i, ".json")), buf.Bytes(), 0o644)
	}
	db := filepath.Join(dir, "gradebook.db")
	args := []string{"--db", db, "grade", asg, subs}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out := &cancelOn{mark: "[1/", cancel: cancel}
	var errOut bytes.Buffer
	code := run(ctx, args, strings.NewReader(""), out, &errOut)
	first := strings.Count(out.buf.String(), "1 of 1")
	t.Logf("first run: exit %d, %d graded\n%s%s", code, first, out.buf.String(), errOut.String())
	if first < 1 {
		t.Fatalf("the first run graded nothing")
	}
	if first < n && (code != 2 || !strings.Contains(out.buf.String(), "Interrupted")) {
		t.Errorf("an interrupted run should say so and exit 2, got %d", code)
	}

	var out2, err2 bytes.Buffer
	code = run(context.Background(), args, strings.NewReader(""), &out2, &err2)
	t.Logf("second run: exit %d\n%s%s", code, out2.String(), err2.String())
	if code != 0 {
		t.Fatalf("second run exit %d", code)
	}
	if want := fmt.Sprintf("%d bundle", first); !strings.Contains(out2.String(), want) || !strings.Contains(out2.String(), "already graded") {
		t.Errorf("second run should skip the %d graded bundles", first)
	}
	if got := strings.Count(out2.String(), "1 of 1"); got != n-first {
		t.Errorf("second run graded %d bundles, want %d", got, n-first)
	}
	s, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	book, err := s.Gradebook(context.Background(), "hw")
	if err != nil {
		t.Fatal(err)
	}
	if len(book) != n {
		t.Fatalf("gradebook has %d students, want %d", len(book), n)
	}
	for _, sub := range book {
		hist, err := s.GradeHistory(context.Background(), "hw", sub.Student.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(hist) != 1 || sub.Score != 1 {
			t.Errorf("%s: %d gradings, score %v; want one, 1", sub.Student.ID, len(hist), sub.Score)
		}
	}
}

// TestFeedbackGoesOn fills a gradebook as an older grade could have left
// it: a 300-character student ID (Decode refuses one now, but the
// gradebook may hold it) and IDs that make the same file name. feedback
// writes every report under a bounded name, and one it cannot write (its
// name is taken by a folder) is named at the end, exit 1, with the others
// written.
func TestFeedbackGoesOn(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "gradebook.db")
	s, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("x", 300)
	ids := []string{"ada", "bob", long, long + "y", "a/b", "a_b"}
	for i, id := range ids {
		sub := store.Submission{
			Assignment: store.GradedAssignment{ID: "hw", Title: "HW", Course: "asynclings", Due: time.Now(), MaxScore: 1},
			Student:    store.Student{ID: id}, File: id + ".json", Checksum: fmt.Sprint("sum", i), Version: "v",
			Submitted: time.Now().Add(-time.Hour), Score: 1, RawScore: 1,
		}
		if _, err := s.RecordGrade(context.Background(), sub); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	out := filepath.Join(dir, "reports")
	if err := os.MkdirAll(filepath.Join(out, "bob.html"), 0o755); err != nil { // bob's report cannot be written
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"--db", db, "feedback", "--assignment", "hw", "--out", out}, strings.NewReader(""), &stdout, &stderr)
	t.Logf("exit %d\n%s%s", code, stdout.String(), stderr.String())
	if code != 1 || !strings.Contains(stderr.String(), "no report for bob") {
		t.Errorf("exit %d, want 1 naming bob", code)
	}
	if !strings.Contains(stdout.String(), "Wrote 5 reports") {
		t.Errorf("want 5 reports written")
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, e := range entries {
		if e.Name() == "bob.html" {
			continue
		}
		files = append(files, e.Name())
		if len(e.Name()) > homework.MaxFileName+len(".html") {
			t.Errorf("report name %q is %d bytes long", e.Name(), len(e.Name()))
		}
	}
	if len(files) != 5 {
		t.Errorf("reports %q, want 5", files)
	}
}
