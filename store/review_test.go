package store

import (
	"context"
	"testing"
	"time"

	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/engine/review"
)

// TestMigrateFromV1 opens a database made by the first release (schema
// version 1, no reviews table): it is brought up to date and keeps its data.
func TestMigrateFromV1(t *testing.T) {
	ctx := context.Background()
	path := databaseAt(t, 1,
		`INSERT INTO users (id, name, created_at) VALUES (1, 'ann', '2025-01-01T00:00:00.000000000Z')`,
		`INSERT INTO attempts (user_id, course, item_id, kind, result, at)
		 VALUES (1, 'c', 'q1', 'question', 'wrong', '2025-01-02T00:00:00.000000000Z')`,
		`INSERT INTO current_items (user_id, course, item_id, updated_at)
		 VALUES (1, 'c', 'q1', '2025-01-02T00:00:00.000000000Z')`,
	)

	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if v, err := s.SchemaVersion(ctx); err != nil || v != len(migrations) {
		t.Fatalf("SchemaVersion = %d, %v; want %d", v, err, len(migrations))
	}
	atts, err := s.Attempts(ctx, "ann", "c", "q1")
	if err != nil || len(atts) != 1 || atts[0].Result != ResultWrong {
		t.Fatalf("Attempts after migration = %+v, %v", atts, err)
	}
	if cur, err := s.Current(ctx, "ann", "c"); err != nil || cur != "q1" {
		t.Fatalf("Current after migration = %q, %v", cur, err)
	}
	// The new table is there and empty.
	if rs, err := s.AllReviews(ctx, "ann", "c"); err != nil || len(rs) != 0 {
		t.Fatalf("AllReviews after migration = %+v, %v", rs, err)
	}
	st := review.State{Ease: 2.5, Interval: 1, Reps: 0, Due: time.Date(2025, 1, 3, 0, 0, 0, 0, time.UTC)}
	if err := s.SetReview(ctx, "ann", "c", "q1", st); err != nil {
		t.Fatal(err)
	}
	s.Close()

	// Reopening a current database changes nothing.
	s2, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if v, _ := s2.SchemaVersion(ctx); v != len(migrations) {
		t.Errorf("SchemaVersion after reopen = %d", v)
	}
	got, ok, err := s2.Review(ctx, "ann", "c", "q1")
	if err != nil || !ok || got != st {
		t.Errorf("Review after reopen = %+v, %v, %v; want %+v", got, ok, err, st)
	}
}

func TestReviews(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	now := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)

	if st, ok, err := s.Review(ctx, "ann", "c", "q1"); err != nil || ok || st != (review.State{}) {
		t.Fatalf("Review of nothing = %+v, %v, %v", st, ok, err)
	}
	if rs, err := s.DueReviews(ctx, "nobody", "c", now); err != nil || len(rs) != 0 {
		t.Fatalf("DueReviews of an unknown user = %+v, %v", rs, err)
	}

	set := func(user, course, item string, st review.State) {
		t.Helper()
		if err := s.SetReview(ctx, user, course, item, st); err != nil {
			t.Fatal(err)
		}
	}
	// Times in another zone come back in UTC, to the nanosecond.
	zone := time.FixedZone("X", 3600)
	overdue := review.State{Ease: 1.96, Interval: 1, Reps: 0, Due: now.Add(-time.Hour)}
	dueNow := review.State{Ease: 2.1, Interval: 1, Reps: 0, Due: now}
	later := review.State{Ease: 2.5, Interval: 6, Reps: 2, Due: now.AddDate(0, 0, 6).Add(123).In(zone)}
	set("ann", "c", "q-later", later)
	set("ann", "c", "q-now", dueNow)
	set("ann", "c", "q-overdue", review.State{Ease: 2.5, Interval: 1, Reps: 1, Due: now.AddDate(0, 0, 1)})
	set("ann", "c", "q-overdue", overdue) // replaces the first state
	set("ann", "other", "q-elsewhere", dueNow)
	set("bob", "c", "q-bob", dueNow)

	st, ok, err := s.Review(ctx, "ann", "c", "q-later")
	if err != nil || !ok {
		t.Fatalf("Review = %+v, %v, %v", st, ok, err)
	}
	if !st.Due.Equal(later.Due) || st.Due.Location() != time.UTC || st.Ease != later.Ease ||
		st.Interval != later.Interval || st.Reps != later.Reps {
		t.Errorf("Review = %+v; want %+v", st, later)
	}
	if st, _, _ := s.Review(ctx, "ann", "c", "q-overdue"); st != overdue {
		t.Errorf("Review after replacing = %+v; want %+v", st, overdue)
	}

	ids := func(rs []DueReview) []string {
		var out []string
		for _, r := range rs {
			out = append(out, r.ItemID)
		}
		return out
	}
	due, err := s.DueReviews(ctx, "ann", "c", now)
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(due); len(got) != 2 || got[0] != "q-overdue" || got[1] != "q-now" {
		t.Errorf("DueReviews = %v; want [q-overdue q-now]", got)
	}
	if due[0].State != overdue {
		t.Errorf("DueReviews[0].State = %+v; want %+v", due[0].State, overdue)
	}
	if due, _ := s.DueReviews(ctx, "ann", "c", now.Add(-2*time.Hour)); len(due) != 0 {
		t.Errorf("DueReviews before any is due = %v", ids(due))
	}
	all, err := s.AllReviews(ctx, "ann", "c")
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(all); len(got) != 3 || got[0] != "q-overdue" || got[1] != "q-now" || got[2] != "q-later" {
		t.Errorf("AllReviews = %v; want [q-overdue q-now q-later]", got)
	}
	if got, _ := s.AllReviews(ctx, "bob", "c"); len(got) != 1 || got[0].ItemID != "q-bob" {
		t.Errorf("AllReviews of bob = %v", ids(got))
	}
	if got, _ := s.AllReviews(ctx, "ann", "other"); len(got) != 1 || got[0].ItemID != "q-elsewhere" {
		t.Errorf("AllReviews in other = %v", ids(got))
	}
}

func TestSetReviewRejects(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	st := review.State{Ease: 2.5, Interval: 1, Due: time.Now()}
	for _, c := range [][3]string{{"", "c", "q"}, {"ann", "", "q"}, {"ann", "c", ""}} {
		if err := s.SetReview(ctx, c[0], c[1], c[2], st); err == nil {
			t.Errorf("SetReview(%q, %q, %q) succeeded", c[0], c[1], c[2])
		}
	}
	if err := s.SetReview(ctx, "ann", "c", "q", review.State{Ease: 2.5}); err == nil {
		t.Error("SetReview without a due time succeeded")
	}
	if rs, _ := s.AllReviews(ctx, "ann", "c"); len(rs) != 0 {
		t.Errorf("rejected reviews were stored: %+v", rs)
	}
}

// A review belongs to its user: deleting the user deletes it.
func TestReviewsCascade(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	if _, err := s.RecordAttempt(ctx, Attempt{User: "ann", Course: "c", ItemID: "q", Kind: engine.KindQuestion, Result: ResultWrong}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetReview(ctx, "ann", "c", "q", review.State{Ease: 2.5, Interval: 1, Due: time.Now()}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.ExecContext(ctx, `DELETE FROM users WHERE name = 'ann'`); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM reviews`).Scan(&n); err != nil || n != 0 {
		t.Errorf("reviews left after deleting the user: %d, %v", n, err)
	}
}
