package store

import (
	"context"
	"maps"
	"strings"
	"testing"
)

// TestCodeFromV5 opens a gradebook made before code was kept: its grades
// read back without code, and new ones keep theirs.
func TestCodeFromV5(t *testing.T) {
	ctx := context.Background()
	path := databaseAt(t, 5,
		`INSERT INTO students VALUES ('ada', 'Ada', 'Lovelace', '')`,
		`INSERT INTO homework_assignments VALUES ('hw1', 'Homework 1', 'c', '2026-12-01T00:00:00.000000000Z', 20)`,
		`INSERT INTO submissions VALUES (1, 'hw1', 'ada', 'ada.json', 'sum0', 'v0', '2026-12-01T00:00:00.000000000Z',
			'2026-12-02T00:00:00.000000000Z', 20, 0, 0, 0, 20, 1)`,
		`INSERT INTO item_grades VALUES (1, 0, 'worker-pool', 'exercise', 20, 20, 1, 0, 1, 'pass', '{}')`)
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	book, err := s.Gradebook(ctx, "hw1")
	if err != nil || len(book) != 1 || len(book[0].Items) != 1 {
		t.Fatalf("Gradebook = %+v, %v", book, err)
	}
	if it := book[0].Items[0]; it.Code != "" || it.Files != nil {
		t.Errorf("an old grade has code %q, files %v", it.Code, it.Files)
	}
	sub := gradeOf("hw1", "ada", "sum1", 30)
	sub.Items[1].Code = "package pool\n"
	id := mustRecordGrade(t, s, sub)
	checkGradebook(t, s, "hw1", []Submission{readBack(sub, id, true)})
	hist, err := s.GradeHistory(ctx, "hw1", "ada")
	if err != nil || len(hist) != 2 || hist[0].Items[0].Code != "" || hist[1].Items[1].Code != "package pool\n" {
		t.Errorf("GradeHistory = %+v, %v", hist, err)
	}
}

func TestCodeFileWithNoName(t *testing.T) {
	s, _ := openTemp(t)
	sub := gradeOf("hw1", "ada", "sum1", 30)
	sub.Items[1].Files = map[string]string{"": "package pool\n"}
	if _, err := s.RecordGrade(context.Background(), sub); err == nil || !strings.Contains(err.Error(), "no name") {
		t.Errorf("RecordGrade = %v, want a support file with no name refused", err)
	}
	checkGradebook(t, s, "hw1", nil)
}

// TestCodeMerged: gradebook merge carries each grade's code.
func TestCodeMerged(t *testing.T) {
	ctx := context.Background()
	shard, shardPath := openTemp(t)
	sub := gradeOf("hw1", "ada", "sum1", 30)
	sub.Items[1].Code, sub.Items[1].Files = "package pool\n", map[string]string{"helpers.go": "package pool\n"}
	mustRecordGrade(t, shard, sub)
	s, _ := openTemp(t)
	if _, err := s.Merge(ctx, []string{shardPath}); err != nil {
		t.Fatal(err)
	}
	book, err := s.Gradebook(ctx, "hw1")
	if err != nil || len(book) != 1 {
		t.Fatalf("Gradebook = %+v, %v", book, err)
	}
	if it := book[0].Items[1]; it.Code != sub.Items[1].Code || !maps.Equal(it.Files, sub.Items[1].Files) {
		t.Errorf("merged item has code %q, files %v", it.Code, it.Files)
	}
}
