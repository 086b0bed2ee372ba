package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// classGradings is a class's gradings in the order grade recorded them:
// six students, two assignments, with regradings, one of which made an
// older bundle current again (it was recorded last).
func classGradings() []Submission {
	var subs []Submission
	hour := 0
	for _, st := range []string{"ada", "bob", "cy", "dee", "eve", "fox"} {
		for _, asg := range []string{"hw1", "hw2"} {
			hour++
			sub := gradeOf(asg, st, st+"-"+asg+"-1", hour)
			sub.Student.FirstName = strings.ToUpper(st[:1]) + st[1:]
			// What other columns hold merges too: hints, code.
			sub.Items[1].Hints = hour % 3
			sub.Items[1].Code = "package pool // " + st + "\n"
			sub.Items[1].Files = map[string]string{"helper.go": "package pool\n"}
			subs = append(subs, sub)
		}
	}
	later := gradeOf("hw1", "bob", "bob-hw1-2", 40)
	later.Student.FirstName, later.Score = "Bob", 30
	again := subs[2] // bob's first hw1 bundle, regraded after the later one
	again.GradedAt = gradeDue.Add(41 * 3600e9)
	eve := gradeOf("hw2", "eve", "eve-hw2-2", 42)
	eve.Student.FirstName, eve.Score = "Eve", 12
	return append(subs, later, again, eve)
}

// everything is every grading in s, with ids left out so that two
// databases compare.
func everything(t *testing.T, s *Store) []Submission {
	t.Helper()
	subs, err := s.submissions(context.Background(), `1 = 1`, `s.assignment_id, s.student_id, s.graded_at`)
	if err != nil {
		t.Fatal(err)
	}
	for i := range subs {
		subs[i].ID = 0
	}
	return subs
}

func record(t *testing.T, subs []Submission, keep func(Submission) bool) (*Store, string) {
	t.Helper()
	s, path := openTemp(t)
	for _, sub := range subs {
		if keep(sub) {
			mustRecordGrade(t, s, sub)
		}
	}
	return s, path
}

func mustMerge(t *testing.T, s *Store, sources ...string) Merged {
	t.Helper()
	m, err := s.Merge(context.Background(), sources)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestMergeShards: the class graded in three shards and merged is the class
// graded in one place, history and current grades alike; merging again, or
// the same shard twice, changes nothing.
func TestMergeShards(t *testing.T) {
	subs := classGradings()
	whole, _ := record(t, subs, func(Submission) bool { return true })
	shardOf := map[string]int{"ada": 0, "bob": 1, "cy": 2, "dee": 0, "eve": 1, "fox": 2}
	var shards []string
	for k := range 3 {
		_, path := record(t, subs, func(s Submission) bool { return shardOf[s.Student.ID] == k })
		shards = append(shards, path)
	}
	merged, _ := openTemp(t)
	m := mustMerge(t, merged, shards...)
	if m.Added != len(subs) || m.Unchanged != 0 {
		t.Errorf("Merge = %+v, want %d added", m, len(subs))
	}
	want := everything(t, whole)
	if got := everything(t, merged); !reflect.DeepEqual(got, want) {
		t.Errorf("merged:\n%+v\nwant\n%+v", got, want)
	}
	wantBook, _ := whole.Gradebook(context.Background(), "")
	gotBook, _ := merged.Gradebook(context.Background(), "")
	for i := range gotBook {
		gotBook[i].ID, wantBook[i].ID = 0, 0
	}
	if !reflect.DeepEqual(gotBook, wantBook) {
		t.Errorf("merged gradebook:\n%+v\nwant\n%+v", gotBook, wantBook)
	}
	if m := mustMerge(t, merged, shards[1], shards[1], shards[0]); m.Added != 0 || m.Unchanged == 0 {
		t.Errorf("merging again: %+v, want nothing added", m)
	}
	if got := everything(t, merged); !reflect.DeepEqual(got, want) {
		t.Errorf("after merging again:\n%+v\nwant\n%+v", got, want)
	}
}

// TestMergeKeepsCurrent: a source that agrees with this database's current
// grade adds its grading as history, and the current grade stays.
func TestMergeKeepsCurrent(t *testing.T) {
	first := gradeOf("hw1", "ada", "same", 1)
	s, _ := record(t, []Submission{first}, func(Submission) bool { return true })
	again := first
	again.GradedAt, again.File = gradeDue.Add(5*3600e9), "elsewhere/ada.json"
	_, src := record(t, []Submission{again}, func(Submission) bool { return true })
	if m := mustMerge(t, s, src); m.Added != 1 {
		t.Errorf("Merge = %+v, want 1 added", m)
	}
	hist, err := s.GradeHistory(context.Background(), "hw1", "ada")
	if err != nil {
		t.Fatal(err)
	}
	if len(hist) != 2 || !hist[0].Current || hist[1].Current || hist[1].File != "elsewhere/ada.json" {
		t.Errorf("history = %+v; want the first current, the merged one after it", hist)
	}
}

// TestMergeConflict: one student graded differently in two shards is
// refused by name, with both files, and nothing is written, not even the
// other students' grades.
func TestMergeConflict(t *testing.T) {
	ada := gradeOf("hw1", "ada", "ada-1", 1)
	_, a := record(t, []Submission{ada, gradeOf("hw1", "bob", "bob-1", 2)}, func(Submission) bool { return true })
	other := gradeOf("hw1", "ada", "ada-2", 3)
	other.File, other.Score = "late/ada.json", 11
	_, b := record(t, []Submission{other, gradeOf("hw1", "cy", "cy-1", 4)}, func(Submission) bool { return true })
	into, _ := openTemp(t)
	_, err := into.Merge(context.Background(), []string{a, b})
	var mc *MergeConflictError
	if !errors.As(err, &mc) || len(mc.Conflicts) != 1 {
		t.Fatalf("Merge: %v; want one conflict", err)
	}
	msg := err.Error()
	for _, want := range []string{"student ada, assignment hw1", "23.2 of 30 in " + a + " (from ada.json)", "11 of 30 in " + b + " (from late/ada.json)", "nothing was merged"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q lacks %q", msg, want)
		}
	}
	if got := everything(t, into); len(got) != 0 {
		t.Errorf("a refused merge wrote %d gradings", len(got))
	}
	// This database's own grade conflicts as a source's would.
	if _, err := into.Merge(context.Background(), []string{a}); err != nil {
		t.Fatal(err)
	}
	_, err = into.Merge(context.Background(), []string{b})
	if !errors.As(err, &mc) || !strings.Contains(err.Error(), "23.2 of 30 in this database (from ada.json), 11 of 30 in "+b) {
		t.Errorf("Merge into a database with another grade: %v", err)
	}
}

// TestMergeSuperseded: a shard graded further after it was merged (a late
// bundle) merges again without a conflict, and its later grade is current,
// as grading in one place makes it; merging the shard's older copy after
// the newer, or both at once, changes nothing more. A grade current
// elsewhere that the later database never held is still a conflict.
func TestMergeSuperseded(t *testing.T) {
	ada1, bob := gradeOf("hw1", "ada", "ada-1", 1), gradeOf("hw1", "bob", "bob-1", 2)
	ada2 := gradeOf("hw1", "ada", "ada-2", 3)
	ada2.File, ada2.Score = "late/ada.json", 11
	all := func(Submission) bool { return true }
	whole, _ := record(t, []Submission{ada1, bob, ada2}, all)
	_, before := record(t, []Submission{ada1, bob}, all)
	_, after := record(t, []Submission{ada1, bob, ada2}, all)
	want := everything(t, whole)
	for _, tc := range []struct {
		name   string
		merges [][]string
		added  int
	}{
		{"merged, then again graded further", [][]string{{before}, {after}}, 3},
		{"the newer copy, then the older", [][]string{{after}, {before}}, 3},
		{"both at once", [][]string{{before, after}}, 3},
		{"both at once, the newer first", [][]string{{after, before}}, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			into, _ := openTemp(t)
			added := 0
			for _, srcs := range tc.merges {
				added += mustMerge(t, into, srcs...).Added
			}
			if added != tc.added {
				t.Errorf("added %d gradings, want %d", added, tc.added)
			}
			if got := everything(t, into); !reflect.DeepEqual(got, want) {
				t.Errorf("merged:\n%+v\nwant\n%+v", got, want)
			}
		})
	}
	other := gradeOf("hw1", "ada", "ada-3", 4)
	_, elsewhere := record(t, []Submission{other}, all)
	into, _ := openTemp(t)
	mustMerge(t, into, after)
	var mc *MergeConflictError
	if _, err := into.Merge(context.Background(), []string{elsewhere}); !errors.As(err, &mc) {
		t.Errorf("Merge of a later grade from a database without the current one: %v, want a conflict", err)
	}
}

// TestMergeMixedVersions: shards graded with different versions of the
// assignment merge, and Merge says which databases hold which.
func TestMergeMixedVersions(t *testing.T) {
	v2 := gradeOf("hw1", "bob", "bob-1", 2)
	v2.Version = "v2"
	_, a := record(t, []Submission{gradeOf("hw1", "ada", "ada-1", 1), gradeOf("hw2", "ada", "ada-2", 1)}, func(Submission) bool { return true })
	_, b := record(t, []Submission{v2, gradeOf("hw2", "bob", "bob-2", 1)}, func(Submission) bool { return true })
	_, c := record(t, []Submission{gradeOf("hw1", "cy", "cy-1", 3)}, func(Submission) bool { return true })
	into, _ := openTemp(t)
	m := mustMerge(t, into, c, b, a)
	want := map[string][][]string{"hw1": {{c, a}, {b}}}
	if !reflect.DeepEqual(m.Mixed, want) {
		t.Errorf("Mixed = %q, want %q", m.Mixed, want)
	}
	if m := mustMerge(t, into, a); m.Mixed == nil {
		t.Error("this database's own mixed versions went unseen")
	}
}

func TestMergeRefusesBadSources(t *testing.T) {
	s, self := openTemp(t)
	missing := filepath.Join(t.TempDir(), "nope.db")
	empty := filepath.Join(t.TempDir(), "empty.db")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ src, want string }{
		{missing, "merge " + missing + ": no such database"},
		{self, "it is the database merged into"},
		{empty, "it is empty, not a database"},
		{filepath.Dir(self), "it is not a file"},
	} {
		_, err := s.Merge(context.Background(), []string{tc.src})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Merge(%s) = %v, want %q", tc.src, err, tc.want)
		}
	}
	if _, err := s.Merge(context.Background(), nil); err != nil {
		t.Errorf("Merge of nothing: %v", err)
	}
}
