package store

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/asynclings/asynclings/engine"
)

// TestMigrateFromV2 opens a database at schema version 2 (no hints table):
// it is brought up to date and keeps its data.
func TestMigrateFromV2(t *testing.T) {
	ctx := context.Background()
	path := databaseAt(t, 2,
		`INSERT INTO users (id, name, created_at) VALUES (1, 'ann', '2025-01-01T00:00:00.000000000Z')`,
		`INSERT INTO attempts (user_id, course, item_id, kind, result, at)
		 VALUES (1, 'c', 'ex1', 'exercise', 'wrong', '2025-01-02T00:00:00.000000000Z')`,
		`INSERT INTO reviews (user_id, course, item_id, ease, interval_days, reps, due, updated_at)
		 VALUES (1, 'c', 'q1', 2.5, 1, 0, '2025-01-03T00:00:00.000000000Z', '2025-01-02T00:00:00.000000000Z')`,
	)

	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if v, err := s.SchemaVersion(ctx); err != nil || v < 3 || v != len(migrations) {
		t.Fatalf("SchemaVersion = %d, %v; want %d", v, err, len(migrations))
	}
	if atts, err := s.Attempts(ctx, "ann", "c", "ex1"); err != nil || len(atts) != 1 {
		t.Fatalf("Attempts after migration = %+v, %v", atts, err)
	}
	if _, ok, err := s.Review(ctx, "ann", "c", "q1"); err != nil || !ok {
		t.Fatalf("Review after migration = %v, %v", ok, err)
	}
	if n, err := s.HintsRevealed(ctx, "ann", "c", "ex1"); err != nil || n != 0 {
		t.Fatalf("HintsRevealed after migration = %d, %v", n, err)
	}
	if err := s.RecordHint(ctx, "ann", "c", "ex1", 1); err != nil {
		t.Fatal(err)
	}
	prog, err := s.Progress(ctx, "ann", "c")
	if err != nil || prog["ex1"].HintsUsed != 1 || prog["ex1"].Attempts != 1 {
		t.Fatalf("Progress after migration = %+v, %v", prog, err)
	}
}

func TestHints(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	for _, bad := range []struct {
		user, course, item string
		n                  int
	}{{"", "c", "e", 1}, {"ann", "", "e", 1}, {"ann", "c", "", 1}, {"ann", "c", "e", 0}} {
		if err := s.RecordHint(ctx, bad.user, bad.course, bad.item, bad.n); err == nil {
			t.Errorf("RecordHint(%+v) succeeded", bad)
		}
	}
	if n, err := s.HintsRevealed(ctx, "ann", "c", "e"); err != nil || n != 0 {
		t.Fatalf("HintsRevealed of nobody = %d, %v", n, err)
	}
	// Reveals are kept, a repeated one too; the highest number counts.
	for _, n := range []int{1, 2, 2} {
		if err := s.RecordHint(ctx, "ann", "c", "e", n); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.RecordHint(ctx, "bob", "c", "e", 3); err != nil {
		t.Fatal(err)
	}
	if err := s.RecordHint(ctx, "ann", "other", "e", 3); err != nil {
		t.Fatal(err)
	}
	if n, err := s.HintsRevealed(ctx, "ann", "c", "e"); err != nil || n != 2 {
		t.Fatalf("HintsRevealed = %d, %v; want 2", n, err)
	}
	var rows int
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM hints`).Scan(&rows); err != nil || rows != 5 {
		t.Fatalf("hint rows = %d, %v; want 5", rows, err)
	}
	// An item with hints but no attempt is in the progress, as new.
	prog, err := s.Progress(ctx, "ann", "c")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]ItemProgress{"e": {ItemID: "e", Status: engine.StatusNew, HintsUsed: 2, TotalHints: 2}}
	if !reflect.DeepEqual(prog, want) {
		t.Fatalf("Progress = %+v; want %+v", prog, want)
	}
	at := time.Date(2025, 1, 2, 10, 0, 0, 0, time.UTC)
	if _, err := s.RecordAttempt(ctx, Attempt{User: "ann", Course: "c", ItemID: "e", Kind: engine.KindExercise, Result: ResultRight, At: at}); err != nil {
		t.Fatal(err)
	}
	prog, err = s.Progress(ctx, "ann", "c")
	if err != nil {
		t.Fatal(err)
	}
	if p := prog["e"]; p.Status != engine.StatusDone || p.Attempts != 1 || p.HintsUsed != 2 {
		t.Fatalf("Progress[e] = %+v", p)
	}
}

func TestActivityAndStreak(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	day := func(d, h, m, sec int) time.Time { return time.Date(2025, 3, d, h, m, sec, 0, time.UTC) }
	rec := func(item string, r Result, at time.Time) {
		t.Helper()
		if _, err := s.RecordAttempt(ctx, Attempt{User: "ann", Course: "c", ItemID: item, Kind: engine.KindQuestion, Result: r, At: at}); err != nil {
			t.Fatal(err)
		}
	}
	// March 1: three attempts 1 and 2 minutes apart, then one after an
	// hour's break (capped at 5 minutes): 1m + 2m + 5m.
	rec("q1", ResultWrong, day(1, 9, 0, 0))
	rec("q1", ResultRight, day(1, 9, 1, 0))
	rec("q2", ResultRight, day(1, 9, 3, 0))
	rec("q3", ResultWrong, day(1, 10, 3, 0))
	// March 3: a hint, then an attempt 30 s later.
	if err := s.recordHint(ctx, "ann", "c", "e", 1, day(3, 23, 0, 0)); err != nil {
		t.Fatal(err)
	}
	rec("e", ResultWrong, day(3, 23, 0, 30))
	// March 4: one attempt. March 5: only a hint.
	rec("q3", ResultRight, day(4, 8, 0, 0))
	if err := s.recordHint(ctx, "ann", "c", "e", 2, day(5, 8, 0, 0)); err != nil {
		t.Fatal(err)
	}
	// Someone else's attempt, and another course's, do not count.
	if _, err := s.RecordAttempt(ctx, Attempt{User: "bob", Course: "c", ItemID: "q1", Kind: engine.KindQuestion, Result: ResultRight, At: day(2, 9, 0, 0)}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.RecordAttempt(ctx, Attempt{User: "ann", Course: "d", ItemID: "q1", Kind: engine.KindQuestion, Result: ResultRight, At: day(2, 9, 0, 0)}); err != nil {
		t.Fatal(err)
	}

	got, err := s.Activity(ctx, "ann", "c", time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	want := []DayActivity{
		{Date: "2025-03-01", Attempts: 4, Right: 2, Active: 8 * time.Minute},
		{Date: "2025-03-03", Attempts: 1, Hints: 1, Active: 30 * time.Second},
		{Date: "2025-03-04", Attempts: 1, Right: 1},
		{Date: "2025-03-05", Hints: 1},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Activity =\n%+v\nwant\n%+v", got, want)
	}

	// Days are calendar days where the learner is: two hours east, the
	// hint and attempt at 23:00 UTC on March 3 fall on March 4.
	east := time.FixedZone("east", 2*3600)
	got, err = s.Activity(ctx, "ann", "c", east)
	if err != nil {
		t.Fatal(err)
	}
	// March 3 at 23:00 UTC joins March 4 (1:00 and 10:00 there): the gap,
	// 9 hours, counts 5 minutes.
	if len(got) != 3 || got[1] != (DayActivity{Date: "2025-03-04", Attempts: 2, Right: 1, Hints: 1, Active: 5*time.Minute + 30*time.Second}) {
		t.Fatalf("Activity east = %+v", got)
	}

	if got, err := s.Activity(ctx, "nobody", "c", time.UTC); err != nil || len(got) != 0 {
		t.Fatalf("Activity of nobody = %+v, %v", got, err)
	}

	days := want
	for _, tc := range []struct {
		now  time.Time
		want int
	}{
		{day(4, 20, 0, 0), 2}, // March 3 and 4
		{day(5, 20, 0, 0), 2}, // March 5 has no attempt: still 3 and 4
		{day(6, 0, 0, 1), 0},  // a whole day without attempts breaks it
		{day(3, 1, 0, 0), 1},  // today (March 3) counts once it has an attempt
		{day(2, 12, 0, 0), 1}, // yesterday, March 1
		{day(1, 9, 0, 0), 1},
		{day(28, 9, 0, 0), 0},
	} {
		if got := Streak(days, tc.now); got != tc.want {
			t.Errorf("Streak at %v = %d; want %d", tc.now, got, tc.want)
		}
	}
	if got := Streak(nil, day(1, 0, 0, 0)); got != 0 {
		t.Errorf("Streak(nil) = %d", got)
	}
}
