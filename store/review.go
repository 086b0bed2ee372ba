package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/asynclings/asynclings/engine/review"
)

// DueReview is one question scheduled for review and its review state.
type DueReview struct {
	ItemID string
	State  review.State
}

// reviewColumns are the columns scanReview reads, over r.
const reviewColumns = `r.stability, r.difficulty, r.fsrs_reps, r.lapses, r.last_rating, r.last_review, r.due,
	r.ease, r.interval_days, r.reps`

// scanReview reads a review state from reviewColumns (after dest). A row
// not reviewed since SM-2 (stability NULL) is converted by review.FromSM2;
// migration 6 explains why here.
func scanReview(sc interface{ Scan(...any) error }, dest ...any) (review.State, error) {
	var (
		stability, difficulty, ease sql.NullFloat64
		reps, lapses, rating        sql.NullInt64
		ivl, sm2Reps                sql.NullInt64
		lastReview                  sql.NullString
		due                         string
	)
	err := sc.Scan(append(dest, &stability, &difficulty, &reps, &lapses, &rating, &lastReview, &due,
		&ease, &ivl, &sm2Reps)...)
	if err != nil {
		return review.State{}, err
	}
	dueAt, err := parseTime(due)
	if err != nil {
		return review.State{}, err
	}
	if !stability.Valid {
		if !ease.Valid || !ivl.Valid || !sm2Reps.Valid {
			return review.State{}, errors.New("review row has neither an FSRS nor an SM-2 state")
		}
		return review.FromSM2(review.SM2{Ease: ease.Float64, Interval: int(ivl.Int64), Reps: int(sm2Reps.Int64), Due: dueAt}), nil
	}
	st := review.State{
		Stability: stability.Float64, Difficulty: difficulty.Float64,
		Reps: int(reps.Int64), Lapses: int(lapses.Int64), LastRating: review.Rating(rating.Int64),
		Due: dueAt,
	}
	if lastReview.Valid {
		if st.LastReview, err = parseTime(lastReview.String); err != nil {
			return review.State{}, err
		}
	}
	return st, nil
}

// Review returns a learner's review state of one question; ok is false when
// the question is not scheduled for review.
func (s *Store) Review(ctx context.Context, user, course, itemID string) (st review.State, ok bool, err error) {
	row := s.db.QueryRowContext(ctx, `
SELECT `+reviewColumns+`
FROM reviews r JOIN users u ON u.id = r.user_id
WHERE u.name = ? AND r.course = ? AND r.item_id = ?`, user, course, itemID)
	st, err = scanReview(row)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return review.State{}, false, nil
	case err != nil:
		return review.State{}, false, fmt.Errorf("review of %s at %s/%s: %w", user, course, itemID, err)
	}
	return st, true, nil
}

// SetReview stores a learner's review state of one question, creating the
// user if new. A row's SM-2 columns are left as they were.
func (s *Store) SetReview(ctx context.Context, user, course, itemID string, st review.State) error {
	switch {
	case user == "" || course == "" || itemID == "":
		return errors.New("set review: empty user, course or item ID")
	case st.Due.IsZero():
		return fmt.Errorf("set review of %s at %s/%s: no due time", user, course, itemID)
	}
	var last any
	if !st.LastReview.IsZero() {
		last = formatTime(st.LastReview)
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		uid, err := ensureUser(ctx, tx, user)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `
INSERT INTO reviews (user_id, course, item_id, stability, difficulty, fsrs_reps, lapses, last_rating, last_review, due, updated_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (user_id, course, item_id) DO UPDATE SET
	stability = excluded.stability, difficulty = excluded.difficulty, fsrs_reps = excluded.fsrs_reps,
	lapses = excluded.lapses, last_rating = excluded.last_rating, last_review = excluded.last_review,
	due = excluded.due, updated_at = excluded.updated_at`,
			uid, course, itemID, st.Stability, st.Difficulty, st.Reps, st.Lapses, int(st.LastRating), last,
			formatTime(st.Due), formatTime(time.Now()))
		return err
	})
	if err != nil {
		return fmt.Errorf("set review of %s at %s/%s: %w", user, course, itemID, err)
	}
	return nil
}

// DueReviews lists the learner's questions due for review at now, the
// longest due first.
func (s *Store) DueReviews(ctx context.Context, user, course string, now time.Time) ([]DueReview, error) {
	rs, err := s.reviews(ctx, `AND r.due <= ?`, user, course, formatTime(now))
	if err != nil {
		return nil, fmt.Errorf("due reviews of %s in %s: %w", user, course, err)
	}
	return rs, nil
}

// AllReviews lists every question the learner has scheduled for review,
// by due time: the due ones first.
func (s *Store) AllReviews(ctx context.Context, user, course string) ([]DueReview, error) {
	rs, err := s.reviews(ctx, ``, user, course)
	if err != nil {
		return nil, fmt.Errorf("reviews of %s in %s: %w", user, course, err)
	}
	return rs, nil
}

// reviews lists the user's reviews in course that meet the extra condition
// and (an SQL "AND ..." over r, or empty), by due time, then item ID.
func (s *Store) reviews(ctx context.Context, and, user, course string, args ...any) ([]DueReview, error) {
	rows, err := s.db.QueryContext(ctx, `
SELECT r.item_id, `+reviewColumns+`
FROM reviews r JOIN users u ON u.id = r.user_id
WHERE u.name = ? AND r.course = ? `+and+`
ORDER BY r.due, r.item_id`, append([]any{user, course}, args...)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var rs []DueReview
	for rows.Next() {
		var r DueReview
		if r.State, err = scanReview(rows, &r.ItemID); err != nil {
			return nil, err
		}
		rs = append(rs, r)
	}
	return rs, rows.Err()
}
