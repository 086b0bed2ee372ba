package review

import (
	"testing"
	"time"
)

var now = time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)

func days(n int) time.Time { return now.AddDate(0, 0, n) }

func TestNext(t *testing.T) {
	tests := []struct {
		name    string
		in      State
		quality int
		want    State
	}{
		{"new, wrong: due now", State{}, QualityWrong,
			State{Ease: 1.96, Interval: 1, Reps: 0, Due: now}},
		{"new, blackout", State{}, 0,
			State{Ease: 1.7, Interval: 1, Reps: 0, Due: now}},
		{"new, perfect", State{}, 5,
			State{Ease: 2.6, Interval: 1, Reps: 1, Due: days(1)}},
		{"new, right", State{}, QualityRight,
			State{Ease: 2.5, Interval: 1, Reps: 1, Due: days(1)}},
		{"new, hard", State{}, 3,
			State{Ease: 2.36, Interval: 1, Reps: 1, Due: days(1)}},
		{"after a lapse, right: 1 day", State{Ease: 1.96, Interval: 1, Reps: 0, Due: now}, QualityRight,
			State{Ease: 1.96, Interval: 1, Reps: 1, Due: days(1)}},
		{"second recall: 6 days", State{Ease: 2.5, Interval: 1, Reps: 1}, QualityRight,
			State{Ease: 2.5, Interval: 6, Reps: 2, Due: days(6)}},
		{"third recall: interval*ease", State{Ease: 2.5, Interval: 6, Reps: 2}, QualityRight,
			State{Ease: 2.5, Interval: 15, Reps: 3, Due: days(15)}},
		{"third recall uses the ease before the update", State{Ease: 2.5, Interval: 6, Reps: 2}, 5,
			State{Ease: 2.6, Interval: 15, Reps: 3, Due: days(15)}},
		{"fourth recall rounds", State{Ease: 2.36, Interval: 15, Reps: 3}, 3,
			State{Ease: 2.22, Interval: 35, Reps: 4, Due: days(35)}},
		{"lapse resets reps and interval, keeps a lower ease", State{Ease: 2.5, Interval: 15, Reps: 3, Due: days(-1)}, QualityWrong,
			State{Ease: 1.96, Interval: 1, Reps: 0, Due: now}},
		{"ease floor on a lapse", State{Ease: 1.4, Interval: 6, Reps: 2}, QualityWrong,
			State{Ease: MinEase, Interval: 1, Reps: 0, Due: now}},
		{"ease floor on a hard recall", State{Ease: 1.3, Interval: 6, Reps: 2}, 3,
			State{Ease: MinEase, Interval: 8, Reps: 3, Due: days(8)}},
		{"ease below the floor is raised", State{Ease: 1.0, Interval: 6, Reps: 2}, QualityRight,
			State{Ease: MinEase, Interval: 8, Reps: 3, Due: days(8)}},
		{"interval always grows", State{Ease: 1.3, Interval: 1, Reps: 2}, QualityRight,
			State{Ease: MinEase, Interval: 2, Reps: 3, Due: days(2)}},
		{"quality above 5 is clamped", State{}, 9,
			State{Ease: 2.6, Interval: 1, Reps: 1, Due: days(1)}},
		{"quality below 0 is clamped", State{}, -3,
			State{Ease: 1.7, Interval: 1, Reps: 0, Due: now}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Next(tt.in, tt.quality, now)
			if got.Interval != tt.want.Interval || got.Reps != tt.want.Reps ||
				!got.Due.Equal(tt.want.Due) || got.Ease != tt.want.Ease {
				t.Errorf("Next(%+v, %d) = %+v; want %+v", tt.in, tt.quality, got, tt.want)
			}
		})
	}
}

func TestWrongIsDueAtOnceRightMovesOut(t *testing.T) {
	s := Next(State{}, QualityWrong, now)
	if !s.IsDue(now) {
		t.Fatalf("after a wrong answer: %+v is not due at %v", s, now)
	}
	later := now.Add(time.Minute)
	s = Next(s, QualityRight, later)
	if s.IsDue(later) || s.Interval < 1 {
		t.Fatalf("after a right answer: %+v is due at %v", s, later)
	}
	if !s.IsDue(later.AddDate(0, 0, s.Interval)) {
		t.Fatalf("after a right answer: %+v is not due %d days later", s, s.Interval)
	}
}

func TestQuality(t *testing.T) {
	tests := []struct {
		right, wrongBefore bool
		want               int
	}{
		{false, false, 1},
		{false, true, 1},
		{true, true, 3},
		{true, false, 5},
	}
	for _, tt := range tests {
		if got := Quality(tt.right, tt.wrongBefore); got != tt.want {
			t.Errorf("Quality(%v, %v) = %d; want %d", tt.right, tt.wrongBefore, got, tt.want)
		}
	}
}
