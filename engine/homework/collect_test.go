package homework_test

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/engine/homework"
)

type records struct {
	prog map[string]engine.ItemProgress
	atts map[string][]engine.Attempt
}

func (r records) Progress(context.Context, string, string) (map[string]engine.ItemProgress, error) {
	return r.prog, nil
}

func (r records) Attempts(_ context.Context, _, _, id string) ([]engine.Attempt, error) {
	return r.atts[id], nil
}

type files map[string]string // exercise ID -> code; missing is fs.ErrNotExist

func (f files) ReadExercise(ex *engine.Exercise) (string, map[string]string, bool, error) {
	code, ok := f[ex.ID]
	if !ok {
		return "", nil, false, fs.ErrNotExist
	}
	return code, nil, code == ex.Starter, nil
}

func versioned(t *testing.T, c *engine.Course) *homework.Versioned {
	t.Helper()
	a, err := parse(good, c)
	if err != nil {
		t.Fatal(err)
	}
	return homework.NewVersioned(a, []byte(good), "hash")
}

func TestCollect(t *testing.T) {
	c := testCourse(t)
	v := versioned(t, c)
	wrong, right := `{"text":"goroutine"}`, `{"text":"go"}`
	for _, tc := range []struct {
		name  string
		rec   records
		files files
		want  []string // the notes
		items int
		hints int // of the exercise, in the bundle: resets included
	}{
		{"nothing", records{}, files{}, []string{"- not answered: left out", "- not started: left out"}, 0, 0},
		{"right after wrong, then the file", records{
			atts: map[string][]engine.Attempt{"first": {{Result: engine.ResultWrong, Submitted: wrong}, {Result: engine.ResultRight, Submitted: right}, {Result: engine.ResultWrong, Submitted: wrong}}},
			prog: map[string]engine.ItemProgress{"hello": {Status: engine.StatusDone, HintsUsed: 1, TotalHints: 3}},
		}, files{"hello": "package hello // mine\n"}, []string{"+ right, at attempt 2", "+ your workspace file (passed a check here)"}, 2, 3},
		{"given up, starter file, last check", records{
			atts: map[string][]engine.Attempt{"first": {{Result: engine.ResultGivenUp}, {Result: engine.ResultRight, Submitted: right}}},
			prog: map[string]engine.ItemProgress{"hello": {Status: engine.StatusTried, LastSubmitted: "package hello // checked\n", HintsUsed: 1, TotalHints: 1}},
		}, files{"hello": "package hello\n"}, []string{"- given up (the answer was shown): left out", "+ the code you last checked (has not passed a check here)"}, 1, 1},
		{"wrong only", records{
			atts: map[string][]engine.Attempt{"first": {{Result: engine.ResultWrong, Submitted: wrong}, {Result: engine.ResultWrong, Submitted: "not json"}}},
		}, files{}, []string{"+ wrong: your latest answer, after 1 attempt", "- not started: left out"}, 1, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := &homework.Learner{Records: tc.rec, Workspace: tc.files, Course: c, User: "ada"}
			now := time.Date(2026, 11, 1, 10, 0, 0, 5, time.UTC)
			b, notes, err := l.Collect(context.Background(), v, homework.Student{ID: "ada"}, now)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, n := range notes {
				got = append(got, n.Mark()+" "+n.Text)
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("notes:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
			if len(b.Items) != tc.items || !b.Submitted.Equal(now.Truncate(time.Second)) || b.CourseHash != "hash" || b.Assignment != "hw1" {
				t.Errorf("bundle %+v", b)
			}
			hints := 0
			for _, w := range b.Items {
				if w.ID == "hello" {
					hints = w.Hints
				}
			}
			if hints != tc.hints {
				t.Errorf("the exercise's hints in the bundle = %d, want %d", hints, tc.hints)
			}
			if err := homework.Check(b, v.Assignment, "hash"); err != nil {
				t.Errorf("the bundle does not check: %v", err)
			}
		})
	}
}

// A folder of bundles: hidden files, __MACOSX and non-JSON files are left
// out; a symbolic link named *.json is rejected by name.
func TestBundlePaths(t *testing.T) {
	dir := t.TempDir()
	for _, p := range []string{"a/ada.json", "a/notes.txt", ".hidden/x.json", "__MACOSX/a/._ada.json", "b/.ada.json.swp", "bob.json"} {
		os.MkdirAll(filepath.Join(dir, filepath.Dir(p)), 0o755)
		os.WriteFile(filepath.Join(dir, p), []byte("{}"), 0o644)
	}
	os.Symlink(filepath.Join(dir, "bob.json"), filepath.Join(dir, "link.json"))
	empty := t.TempDir()
	ps, err := homework.BundlePaths([]string{dir, empty})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{filepath.Join(dir, "a/ada.json"), filepath.Join(dir, "bob.json")}
	if strings.Join(ps.Files, " ") != strings.Join(want, " ") {
		t.Errorf("files %q, want %q", ps.Files, want)
	}
	if ps.Rejected != 1 || len(ps.Notices) != 2 ||
		!strings.Contains(ps.Notices[0].String(), "link.json: rejected: it is a symbolic link") ||
		ps.Notices[1].String() != empty+": warning: no bundle files (*.json) in it" {
		t.Errorf("rejected %d, notices %q", ps.Rejected, ps.Notices)
	}
	if _, err := homework.BundlePaths([]string{filepath.Join(dir, "nope")}); !os.IsNotExist(err) {
		t.Errorf("a missing argument: %v", err)
	}
	if _, err := homework.BundlePaths([]string{empty}); err == nil {
		t.Errorf("no bundles at all is an error")
	}
}

type book struct {
	current []homework.CurrentGrade
	graded  map[string]bool // by checksum
}

func (b book) CurrentGrades(context.Context, string) ([]homework.CurrentGrade, error) {
	return b.current, nil
}

func (b book) IsGraded(_ context.Context, _, sum, _ string) (bool, error) { return b.graded[sum], nil }

// Select takes each student's latest bundle, skips copies, ones already
// graded and ones older than the current grade, and rejects bad ones.
func TestSelect(t *testing.T) {
	c := testCourse(t)
	v := versioned(t, c)
	dir := t.TempDir()
	day := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	write := func(name, student string, at time.Time) (path, sum string) {
		b := &homework.Bundle{Assignment: "hw1", Course: c.ID, CourseHash: "hash", Student: homework.Student{ID: student}, Submitted: at, Items: []homework.Work{}}
		var buf bytes.Buffer
		if err := b.Encode(&buf); err != nil {
			t.Fatal(err)
		}
		path = filepath.Join(dir, name)
		os.WriteFile(path, buf.Bytes(), 0o644)
		sum, _ = b.Checksum()
		return path, sum
	}
	ada1, _ := write("ada1.json", "ada", day)
	ada2, _ := write("ada2.json", "ada", day.Add(time.Hour))
	adaCopy := filepath.Join(dir, "ada2-copy.json")
	data, _ := os.ReadFile(ada2)
	os.WriteFile(adaCopy, data, 0o644)
	bob, bobSum := write("bob.json", "bob", day)
	cy, _ := write("cy.json", "cy", day)
	dee, _ := write("dee.json", "dee", day)
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte("{"), 0o644)
	g := book{
		current: []homework.CurrentGrade{{StudentID: "cy", File: "cy-later.json", Version: "old", Submitted: day.Add(time.Hour)}},
		graded:  map[string]bool{bobSum: true},
	}
	paths := []string{ada1, ada2, adaCopy, bob, cy, dee, bad}
	sel, err := homework.Select(context.Background(), g, v, nil, paths, false, day)
	if err != nil {
		t.Fatal(err)
	}
	var todo []string
	for _, bf := range sel.Todo {
		todo = append(todo, filepath.Base(bf.Path))
	}
	if strings.Join(todo, " ") != "ada2.json dee.json" || sel.Graded != 1 || sel.Rejected != 1 || sel.Stale != 1 {
		t.Errorf("todo %q, graded %d, rejected %d, stale %d", todo, sel.Graded, sel.Rejected, sel.Stale)
	}
	var notes []string
	for _, n := range sel.Notices {
		notes = append(notes, strings.TrimPrefix(n.String(), dir+"/"))
	}
	for i, want := range []string{
		"ada2-copy.json: skipped: the same bundle as ",
		"bad.json: rejected: ",
		"ada1.json: skipped: ada has a later bundle here, ",
		"cy.json: skipped: cy's current grade is from a later bundle, cy-later.json (submitted 2026-11-01 01:00 UTC); --regrade grades this one instead",
		"cy.json: cy's current grade was made with another version of hw.toml or of the course: grade cy-later.json again too",
	} {
		if i >= len(notes) || !strings.HasPrefix(notes[i], want) {
			t.Errorf("notice %d: want %q in\n%s", i, want, strings.Join(notes, "\n"))
		}
	}
	sel, err = homework.Select(context.Background(), g, v, nil, paths, true, day)
	if err != nil {
		t.Fatal(err)
	}
	if len(sel.Todo) != 4 || sel.Graded != 0 || !strings.Contains(sel.Notices[len(sel.Notices)-1].String(), "cy.json: warning: it replaces cy's current grade") {
		t.Errorf("--regrade: %d to grade, notices %q", len(sel.Todo), sel.Notices)
	}
	if _, err := homework.ReadChecked(ada1, v, day.Add(-2*time.Hour)); err == nil || !strings.Contains(err.Error(), "2 hours from now") {
		t.Errorf("a bundle from the future: %v", err)
	}
}
