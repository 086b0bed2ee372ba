// Package review schedules questions a learner answered wrong for spaced
// review with SuperMemo 2 (SM-2). It is pure: it keeps no state and reads no
// clock; callers store a State per learner and question and pass the time.
package review

import (
	"math"
	"time"
)

// Ease factors, as SM-2 has them.
const (
	// DefaultEase is the ease of a question never reviewed before.
	DefaultEase = 2.5
	// MinEase is the floor of the ease: below it, intervals would grow too
	// slowly to ever leave the review queue.
	MinEase = 1.3
)

// Qualities of a recall, 0 (blackout) to 5 (perfect), as SM-2 grades them.
// Asynclings maps its outcomes onto them so:
//
//   - QualityWrong: a wrong answer (or a give-up): the question lapses, is
//     due again at once and starts over at an interval of one day.
//   - QualityRightAfterWrong: right in review after a wrong answer to the
//     same question in that review.
//   - QualityRight: right outside a review (e.g. with asynclings answer),
//     where whether it was a first try in review is not known.
//   - QualityRightFirstTry: right on the first try in review.
//
// Qualities of 3 and above count as a successful recall.
const (
	QualityWrong           = 1
	QualityRightAfterWrong = 3
	QualityRight           = 4
	QualityRightFirstTry   = 5
)

// passing is the lowest quality that counts as recalled.
const passing = 3

// Quality grades an answer given in review: right tells whether it was
// right, wrongBefore whether the learner already answered the question wrong
// in the same review.
func Quality(right, wrongBefore bool) int {
	switch {
	case !right:
		return QualityWrong
	case wrongBefore:
		return QualityRightAfterWrong
	}
	return QualityRightFirstTry
}

// State is where one learner stands with one question.
type State struct {
	// Ease is the SM-2 easiness factor, at least MinEase; 0 in the zero
	// State means DefaultEase.
	Ease float64
	// Interval is the number of days from the last review to Due.
	Interval int
	// Reps is the number of successful recalls in a row.
	Reps int
	// Due is when the question should be reviewed next.
	Due time.Time
}

// IsDue reports whether the question is due for review at now.
func (s State) IsDue(now time.Time) bool { return !s.Due.After(now) }

// Next returns the state after a recall of the given quality (0 to 5,
// clamped) at now. The zero State is a question never scheduled.
//
// A quality below 3 is a lapse: Reps goes back to 0, Interval to 1 day, and
// the question is due at once (Due = now), so that it shows up in review
// straight away. A quality of 3 or more is a recall: the first one sets an
// interval of 1 day, the second 6 days, and each later one multiplies the
// interval by the ease (rounded, and always at least one day longer); the
// question is then due that many days after now.
//
// Either way the ease is adjusted as SM-2 does, after the interval is
// computed: EF' = EF + 0.1 - (5-q)(0.08 + (5-q)0.02), never below MinEase.
func Next(s State, quality int, now time.Time) State {
	q := min(max(quality, 0), 5)
	ease := s.Ease
	if ease == 0 {
		ease = DefaultEase
	}
	ease = max(ease, MinEase)
	next := State{Ease: ease}
	if q < passing {
		next.Reps, next.Interval, next.Due = 0, 1, now
	} else {
		next.Reps = s.Reps + 1
		switch next.Reps {
		case 1:
			next.Interval = 1
		case 2:
			next.Interval = 6
		default:
			prev := max(s.Interval, 1)
			next.Interval = max(int(math.Round(float64(prev)*ease)), prev+1)
		}
		next.Due = now.AddDate(0, 0, next.Interval)
	}
	d := float64(5 - q)
	next.Ease = max(ease+0.1-d*(0.08+d*0.02), MinEase)
	// Keep the ease to a few decimals, so that it stores and prints
	// without float noise.
	next.Ease = math.Round(next.Ease*1e6) / 1e6
	return next
}
