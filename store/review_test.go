package store

import (
	"context"
	"fmt"
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
	at := time.Date(2025, 1, 3, 0, 0, 0, 0, time.UTC)
	st := review.Next(review.State{}, review.Again, at)
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
	overdue := review.Next(review.State{}, review.Again, now.Add(-time.Hour))
	dueNow := review.Next(review.State{}, review.Hard, now.AddDate(0, 0, -1))
	later := review.State{Stability: 6.25, Difficulty: 7.5, Reps: 3, Lapses: 1, LastRating: review.Good,
		LastReview: now.Add(-time.Minute).In(zone), Due: now.AddDate(0, 0, 6).Add(123).In(zone)}
	set("ann", "c", "q-later", later)
	set("ann", "c", "q-now", dueNow)
	set("ann", "c", "q-overdue", review.Next(review.State{}, review.Good, now))
	set("ann", "c", "q-overdue", overdue) // replaces the first state
	set("ann", "other", "q-elsewhere", dueNow)
	set("bob", "c", "q-bob", dueNow)

	st, ok, err := s.Review(ctx, "ann", "c", "q-later")
	if err != nil || !ok {
		t.Fatalf("Review = %+v, %v, %v", st, ok, err)
	}
	if !st.Due.Equal(later.Due) || st.Due.Location() != time.UTC || !st.LastReview.Equal(later.LastReview) ||
		st.Stability != later.Stability || st.Difficulty != later.Difficulty || st.Reps != later.Reps ||
		st.Lapses != later.Lapses || st.LastRating != later.LastRating {
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
	st := review.Next(review.State{}, review.Again, time.Now())
	for _, c := range [][3]string{{"", "c", "q"}, {"ann", "", "q"}, {"ann", "c", ""}} {
		if err := s.SetReview(ctx, c[0], c[1], c[2], st); err == nil {
			t.Errorf("SetReview(%q, %q, %q) succeeded", c[0], c[1], c[2])
		}
	}
	if err := s.SetReview(ctx, "ann", "c", "q", review.State{Stability: 1}); err == nil {
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
	if err := s.SetReview(ctx, "ann", "c", "q", review.Next(review.State{}, review.Again, time.Now())); err != nil {
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

// TestMigrateSM2ToFSRS opens a database at schema version 5, whose reviews
// are SM-2's, and checks every row: the same due date, the FSRS state
// review.FromSM2 gives, and the SM-2 values still in their columns, also
// after the row's first review under FSRS.
func TestMigrateSM2ToFSRS(t *testing.T) {
	ctx := context.Background()
	type row struct {
		user, course, item string
		ease               float64
		interval, reps     int
		due                string
	}
	rows := []row{
		{"ann", "c", "q-lapsed", 1.96, 1, 0, "2025-01-03T09:30:00.000000000Z"},
		{"ann", "c", "q-six", 2.5, 6, 2, "2025-01-09T10:00:00.123456789Z"},
		{"ann", "c", "q-fifteen", 2.36, 15, 3, "2025-01-20T00:00:00.000000000Z"},
		{"ann", "c", "q-floor", 1.3, 1, 1, "2025-01-04T00:00:00.000000000Z"},
		{"ann", "other", "q-six", 2.6, 6, 2, "2025-01-07T00:00:00.000000000Z"},
		{"bob", "c", "q-long", 2.9, 400, 7, "2026-02-01T00:00:00.000000000Z"},
	}
	stmts := []string{
		`INSERT INTO users (id, name, created_at) VALUES (1, 'ann', '2025-01-01T00:00:00.000000000Z'), (2, 'bob', '2025-01-01T00:00:00.000000000Z')`,
	}
	uid := map[string]int{"ann": 1, "bob": 2}
	for _, r := range rows {
		stmts = append(stmts, fmt.Sprintf(`INSERT INTO reviews (user_id, course, item_id, ease, interval_days, reps, due, updated_at)
			VALUES (%d, '%s', '%s', %v, %d, %d, '%s', '2025-01-02T00:00:00.000000000Z')`,
			uid[r.user], r.course, r.item, r.ease, r.interval, r.reps, r.due))
	}
	path := databaseAt(t, 5, stmts...)

	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if v, err := s.SchemaVersion(ctx); err != nil || v < 6 || v != len(migrations) {
		t.Fatalf("SchemaVersion = %d, %v; want %d", v, err, len(migrations))
	}
	sm2 := func(user, course, item string) (ease float64, ivl, reps int, due string) {
		t.Helper()
		err := s.db.QueryRowContext(ctx, `SELECT r.ease, r.interval_days, r.reps, r.due FROM reviews r
			JOIN users u ON u.id = r.user_id WHERE u.name = ? AND r.course = ? AND r.item_id = ?`, user, course, item).
			Scan(&ease, &ivl, &reps, &due)
		if err != nil {
			t.Fatalf("SM-2 columns of %s/%s/%s: %v", user, course, item, err)
		}
		return
	}
	for _, r := range rows {
		due, _ := parseTime(r.due)
		st, ok, err := s.Review(ctx, r.user, r.course, r.item)
		if err != nil || !ok {
			t.Fatalf("Review(%s, %s, %s) = %v, %v", r.user, r.course, r.item, ok, err)
		}
		want := review.FromSM2(review.SM2{Ease: r.ease, Interval: r.interval, Reps: r.reps, Due: due})
		if st != want || !st.Due.Equal(due) || st.Interval() != r.interval || st.Stability != float64(r.interval) ||
			st.Difficulty < 1 || st.Difficulty > 10 || st.Reps != r.reps+1 || st.Lapses != 1 {
			t.Errorf("%s/%s/%s: migrated to %+v; want %+v, due %v", r.user, r.course, r.item, st, want, due)
		}
		if lapsed := r.reps == 0; lapsed != (st.LastRating == review.Again) || !st.LastReview.Equal(due.AddDate(0, 0, -r.interval*min(r.reps, 1))) {
			t.Errorf("%s/%s/%s: last review %v at %v", r.user, r.course, r.item, st.LastRating, st.LastReview)
		}
		if e, ivl, reps, d := sm2(r.user, r.course, r.item); e != r.ease || ivl != r.interval || reps != r.reps || d != r.due {
			t.Errorf("%s/%s/%s: SM-2 columns now %v %d %d %s", r.user, r.course, r.item, e, ivl, reps, d)
		}
	}
	// Listing keeps the due order.
	all, err := s.AllReviews(ctx, "ann", "c")
	if err != nil || len(all) != 4 || all[0].ItemID != "q-lapsed" || all[1].ItemID != "q-floor" || all[2].ItemID != "q-six" || all[3].ItemID != "q-fifteen" {
		t.Fatalf("AllReviews after migration = %+v, %v", all, err)
	}
	due, err := s.DueReviews(ctx, "ann", "c", time.Date(2025, 1, 3, 9, 30, 0, 0, time.UTC))
	if err != nil || len(due) != 1 || due[0].ItemID != "q-lapsed" || !due[0].State.IsDue(due[0].State.Due) {
		t.Fatalf("DueReviews after migration = %+v, %v", due, err)
	}

	// The first review under FSRS writes FSRS's state and leaves the SM-2
	// columns alone; a question scheduled since has none.
	at := time.Date(2025, 1, 3, 10, 0, 0, 0, time.UTC)
	next := review.Next(due[0].State, review.Good, at)
	if err := s.SetReview(ctx, "ann", "c", "q-lapsed", next); err != nil {
		t.Fatal(err)
	}
	if st, _, err := s.Review(ctx, "ann", "c", "q-lapsed"); err != nil || st != next {
		t.Errorf("Review after an FSRS review = %+v, %v; want %+v", st, err, next)
	}
	if e, ivl, reps, _ := sm2("ann", "c", "q-lapsed"); e != 1.96 || ivl != 1 || reps != 0 {
		t.Errorf("SM-2 columns after an FSRS review: %v %d %d", e, ivl, reps)
	}
	fresh := review.Next(review.State{}, review.Again, at)
	if err := s.SetReview(ctx, "ann", "c", "q-new", fresh); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM reviews WHERE item_id = 'q-new' AND ease IS NULL AND interval_days IS NULL AND reps IS NULL`).Scan(&n); err != nil || n != 1 {
		t.Errorf("a new row has SM-2 values: %d, %v", n, err)
	}
	if st, _, err := s.Review(ctx, "ann", "c", "q-new"); err != nil || st != fresh {
		t.Errorf("Review of a new row = %+v, %v; want %+v", st, err, fresh)
	}
}
