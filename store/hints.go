package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"time"
)

// RecordHint records that a learner revealed hint number n (from 1) of an
// item, now. Every reveal is kept, a repeated one too.
func (s *Store) RecordHint(ctx context.Context, user, course, itemID string, n int) error {
	return s.recordHint(ctx, user, course, itemID, n, time.Now())
}

func (s *Store) recordHint(ctx context.Context, user, course, itemID string, n int, at time.Time) error {
	switch {
	case user == "" || course == "" || itemID == "":
		return errors.New("record hint: empty user, course or item ID")
	case n < 1:
		return fmt.Errorf("record hint %d of %s/%s: hints are numbered from 1", n, course, itemID)
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		uid, err := ensureUser(ctx, tx, user)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx,
			`INSERT INTO hints (user_id, course, item_id, number, at) VALUES (?, ?, ?, ?, ?)`,
			uid, course, itemID, n, formatTime(at))
		return err
	})
	if err != nil {
		return fmt.Errorf("record hint %d of %s at %s/%s: %w", n, user, course, itemID, err)
	}
	return nil
}

// HintsRevealed is the highest hint number a learner has revealed of an
// item, 0 if none.
func (s *Store) HintsRevealed(ctx context.Context, user, course, itemID string) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `
SELECT COALESCE(MAX(h.number), 0)
FROM hints h JOIN users u ON u.id = h.user_id
WHERE u.name = ? AND h.course = ? AND h.item_id = ?`+afterReset, user, course, itemID).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("hints revealed to %s at %s/%s: %w", user, course, itemID, err)
	}
	return n, nil
}

// hintsUsed maps each item of the course to the highest hint number the
// learner revealed of it; items without hints are absent.
func (s *Store) hintsUsed(ctx context.Context, user, course string) (map[string]int, error) {
	rows, err := s.db.QueryContext(ctx, `
SELECT h.item_id, MAX(h.number)
FROM hints h JOIN users u ON u.id = h.user_id
WHERE u.name = ? AND h.course = ?`+afterReset+`
GROUP BY h.item_id`, user, course)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	used := make(map[string]int)
	for rows.Next() {
		var id string
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, err
		}
		used[id] = n
	}
	return used, rows.Err()
}

// totalHints maps each item of the course to the hints the learner revealed
// of it, resets included: for each span between resets, the highest hint
// number revealed in it, summed.
func (s *Store) totalHints(ctx context.Context, user, course string) (map[string]int, error) {
	rows, err := s.db.QueryContext(ctx, `
SELECT h.item_id, MAX(h.number)
FROM hints h JOIN users u ON u.id = h.user_id
WHERE u.name = ? AND h.course = ?
GROUP BY h.item_id, (SELECT COUNT(*) FROM resets r
  WHERE r.user_id = h.user_id AND r.course = h.course AND r.item_id = h.item_id AND r.at < h.at)`, user, course)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	total := make(map[string]int)
	for rows.Next() {
		var id string
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, err
		}
		total[id] += n
	}
	return total, rows.Err()
}

// hintTimes lists when the learner revealed hints in the course, oldest
// first.
func (s *Store) hintTimes(ctx context.Context, user, course string) ([]time.Time, error) {
	rows, err := s.db.QueryContext(ctx, `
SELECT h.at
FROM hints h JOIN users u ON u.id = h.user_id
WHERE u.name = ? AND h.course = ?
ORDER BY h.at, h.id`, user, course)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ts []time.Time
	for rows.Next() {
		var at string
		if err := rows.Scan(&at); err != nil {
			return nil, err
		}
		t, err := parseTime(at)
		if err != nil {
			return nil, err
		}
		ts = append(ts, t)
	}
	return ts, rows.Err()
}

// ActiveGapCap bounds how much of the gap between two consecutive events
// (attempts or hint reveals) on one day counts as active time: a longer
// gap is taken as a break, of which only this much counts.
const ActiveGapCap = 5 * time.Minute

// DayActivity is what a learner did in a course on one calendar day.
type DayActivity struct {
	Date     string // YYYY-MM-DD in the location asked for
	Attempts int    // answers, checks and give-ups
	Right    int    // attempts that were right
	Hints    int    // hint reveals
	// Active is the active time, estimated: the sum of the gaps between
	// consecutive events (attempts and hint reveals) of the day, each gap
	// capped at ActiveGapCap. A day with one event counts no time.
	Active time.Duration
}

const dateLayout = "2006-01-02"

// Activity lists, oldest first, the days on which a learner made attempts
// or revealed hints in a course, days being calendar days in loc.
func (s *Store) Activity(ctx context.Context, user, course string, loc *time.Location) ([]DayActivity, error) {
	atts, err := s.attempts(ctx, `a.course = ?`, user, course)
	if err != nil {
		return nil, fmt.Errorf("activity of %s in %s: %w", user, course, err)
	}
	hints, err := s.hintTimes(ctx, user, course)
	if err != nil {
		return nil, fmt.Errorf("activity of %s in %s: %w", user, course, err)
	}
	byDay := make(map[string]*DayActivity)
	times := make(map[string][]time.Time)
	day := func(t time.Time) *DayActivity {
		d := t.In(loc).Format(dateLayout)
		times[d] = append(times[d], t)
		if byDay[d] == nil {
			byDay[d] = &DayActivity{Date: d}
		}
		return byDay[d]
	}
	for _, a := range atts {
		d := day(a.At)
		d.Attempts++
		if a.Result == ResultRight {
			d.Right++
		}
	}
	for _, t := range hints {
		day(t).Hints++
	}
	days := make([]DayActivity, 0, len(byDay))
	for d, act := range byDay {
		ts := times[d]
		sort.Slice(ts, func(i, j int) bool { return ts[i].Before(ts[j]) })
		for i := 1; i < len(ts); i++ {
			act.Active += min(ts[i].Sub(ts[i-1]), ActiveGapCap)
		}
		days = append(days, *act)
	}
	sort.Slice(days, func(i, j int) bool { return days[i].Date < days[j].Date })
	return days, nil
}

// Streak is the number of consecutive days, ending today or yesterday (the
// streak is not broken until a whole day passes without activity), with at
// least one attempt. Today is now's date in now's location, which should be
// the location days was made with.
func Streak(days []DayActivity, now time.Time) int {
	active := make(map[string]bool, len(days))
	for _, d := range days {
		if d.Attempts > 0 {
			active[d.Date] = true
		}
	}
	y, m, dd := now.Date()
	day := time.Date(y, m, dd, 12, 0, 0, 0, now.Location())
	if !active[day.Format(dateLayout)] {
		day = day.AddDate(0, 0, -1)
	}
	n := 0
	for active[day.Format(dateLayout)] {
		n++
		day = day.AddDate(0, 0, -1)
	}
	return n
}

// afterReset keeps the hints revealed since the item's latest reset: a reset
// starts an item afresh, hints included (the history stays in the table).
const afterReset = `
  AND h.at > COALESCE((SELECT MAX(r.at) FROM resets r
    WHERE r.user_id = h.user_id AND r.course = h.course AND r.item_id = h.item_id), '')`
