package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Reset starts items afresh for a learner: from now on their progress is
// derived only from attempts made after the reset, so each is "new" again.
// The attempts themselves are kept (ItemProgress.TotalAttempts still counts
// them). Resetting also takes the items off the review schedule. at is the
// time of the reset; zero means now.
func (s *Store) Reset(ctx context.Context, user, course string, itemIDs []string, at time.Time) error {
	if user == "" || course == "" {
		return errors.New("reset: empty user or course")
	}
	for _, id := range itemIDs {
		if id == "" {
			return errors.New("reset: empty item ID")
		}
	}
	if at.IsZero() {
		at = time.Now()
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		uid, err := ensureUser(ctx, tx, user)
		if err != nil {
			return err
		}
		for _, id := range itemIDs {
			if _, err := tx.ExecContext(ctx,
				`INSERT INTO resets (user_id, course, item_id, at) VALUES (?, ?, ?, ?)`,
				uid, course, id, formatTime(at)); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx,
				`DELETE FROM reviews WHERE user_id = ? AND course = ? AND item_id = ?`,
				uid, course, id); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("reset %s in %s: %w", user, course, err)
	}
	return nil
}

// Resets returns, per item, the time a learner last reset it in a course.
// Items never reset are absent from the map.
func (s *Store) Resets(ctx context.Context, user, course string) (map[string]time.Time, error) {
	rows, err := s.db.QueryContext(ctx, `
SELECT r.item_id, MAX(r.at)
FROM resets r JOIN users u ON u.id = r.user_id
WHERE u.name = ? AND r.course = ?
GROUP BY r.item_id`, user, course)
	if err != nil {
		return nil, fmt.Errorf("resets of %s in %s: %w", user, course, err)
	}
	defer rows.Close()
	m := make(map[string]time.Time)
	for rows.Next() {
		var id, at string
		if err := rows.Scan(&id, &at); err != nil {
			return nil, fmt.Errorf("resets of %s in %s: %w", user, course, err)
		}
		t, err := parseTime(at)
		if err != nil {
			return nil, fmt.Errorf("resets of %s in %s: %w", user, course, err)
		}
		m[id] = t
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("resets of %s in %s: %w", user, course, err)
	}
	return m, nil
}
