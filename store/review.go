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

// Review returns a learner's review state of one question; ok is false when
// the question is not scheduled for review.
func (s *Store) Review(ctx context.Context, user, course, itemID string) (st review.State, ok bool, err error) {
	var due string
	err = s.db.QueryRowContext(ctx, `
SELECT r.ease, r.interval_days, r.reps, r.due
FROM reviews r JOIN users u ON u.id = r.user_id
WHERE u.name = ? AND r.course = ? AND r.item_id = ?`, user, course, itemID).
		Scan(&st.Ease, &st.Interval, &st.Reps, &due)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return review.State{}, false, nil
	case err != nil:
		return review.State{}, false, fmt.Errorf("review of %s at %s/%s: %w", user, course, itemID, err)
	}
	if st.Due, err = parseTime(due); err != nil {
		return review.State{}, false, fmt.Errorf("review of %s at %s/%s: %w", user, course, itemID, err)
	}
	return st, true, nil
}

// SetReview stores a learner's review state of one question, creating the
// user if new.
func (s *Store) SetReview(ctx context.Context, user, course, itemID string, st review.State) error {
	switch {
	case user == "" || course == "" || itemID == "":
		return errors.New("set review: empty user, course or item ID")
	case st.Due.IsZero():
		return fmt.Errorf("set review of %s at %s/%s: no due time", user, course, itemID)
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		uid, err := ensureUser(ctx, tx, user)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `
INSERT INTO reviews (user_id, course, item_id, ease, interval_days, reps, due, updated_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (user_id, course, item_id) DO UPDATE SET
	ease = excluded.ease, interval_days = excluded.interval_days, reps = excluded.reps,
	due = excluded.due, updated_at = excluded.updated_at`,
			uid, course, itemID, st.Ease, st.Interval, st.Reps, formatTime(st.Due), formatTime(time.Now()))
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
SELECT r.item_id, r.ease, r.interval_days, r.reps, r.due
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
		var due string
		if err := rows.Scan(&r.ItemID, &r.State.Ease, &r.State.Interval, &r.State.Reps, &due); err != nil {
			return nil, err
		}
		if r.State.Due, err = parseTime(due); err != nil {
			return nil, err
		}
		rs = append(rs, r)
	}
	return rs, rows.Err()
}
