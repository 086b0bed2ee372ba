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

func TestStudentTextIsDefused(t *testing.T) {
	for _, tc := range []struct {
		fn       func(string) string
		in, want string
	}{
		{csvText, "=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"},
		{csvText, "+1", "'+1"},
		{csvText, "-2", "'-2"},
		{csvText, "@SUM(A1)", "'@SUM(A1)"},
		{csvText, "Lovelace", "Lovelace"},
		{csvText, "", ""},
		{fileSafe, "../../etc/x", "_.._etc_x"},
		{fileSafe, ".hidden", "hidden"},
		{fileSafe, "..", "_"},
		{fileSafe, "ada-1_b.c", "ada-1_b.c"},
		{clean, "ada\x1b]0;pwned\x07", "ada]0;pwned"},
		{clean, "Zoë", "Zoë"},
	} {
		if got := tc.fn(tc.in); got != tc.want {
			t.Errorf("%q -> %q, want %q", tc.in, got, tc.want)
		}
	}
}
