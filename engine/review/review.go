// Package review schedules questions a learner answered wrong for spaced
// review with FSRS-6, the Free Spaced Repetition Scheduler as Anki, py-fsrs
// v6 and ts-fsrs 5 run it. It is pure: it keeps no state and reads no
// clock; callers store a State per learner and question and pass the time.
//
// The formulas are those of the FSRS wiki's "The Algorithm" (FSRS-6
// section), with the 21 default parameters w0..w20 of py-fsrs v6
// (DEFAULT_PARAMETERS; fsrs-rs and ts-fsrs 5 have the same), a desired
// retention of 0.9, a maximum interval of 36500 days and no fuzz, so that a
// schedule is reproducible. The tests replay the reference
// implementations' own examples.
//
// It is a day-based scheduler: time since the last review counts in whole
// days (24-hour periods, rounded down), as py-fsrs counts them. A review
// less than a day after the last one is a short-term (same-day) review and
// takes FSRS-6's short-term stability formula (w[17]..w[19]); later ones
// take the long-term formulas. There are no learning steps in minutes: a
// question rated Again is due again at once (a step of zero, so that it
// comes straight back in the next review), any other rating schedules it
// NextInterval(stability) days out.
package review

import (
	"math"
	"time"
)

// w are FSRS-6's default parameters, w0..w20.
var w = [21]float64{
	0.212, 1.2931, 2.3065, 8.2956, // initial stability after Again, Hard, Good, Easy
	6.4133, 0.8334, // initial difficulty
	3.0194, 0.001, // difficulty change, mean reversion
	1.8722, 0.1666, 0.796, // stability after a recall
	1.4835, 0.0614, 0.2629, 1.6483, // stability after a lapse
	0.6014, 1.8729, // Hard penalty, Easy bonus
	0.5425, 0.0912, 0.0658, // short-term stability
	0.1542, // decay of the forgetting curve
}

// Scheduler settings.
const (
	// DesiredRetention is the probability of recall a review is scheduled at.
	DesiredRetention = 0.9
	// MaxInterval is the longest interval, in days.
	MaxInterval = 36500
	// MinStability keeps stability positive, as py-fsrs does.
	MinStability = 0.001
)

// decay and factor shape the forgetting curve so that R(S, S) = 0.9.
var (
	decay  = -w[20]
	factor = math.Pow(0.9, 1/decay) - 1
)

// Rating is how well a question was recalled, as FSRS grades it.
type Rating int

// FSRS's four ratings.
const (
	Again Rating = 1 + iota // forgotten
	Hard                    // recalled with difficulty
	Good                    // recalled
	Easy                    // recalled easily
)

func (r Rating) String() string {
	switch r {
	case Again:
		return "again"
	case Hard:
		return "hard"
	case Good:
		return "good"
	case Easy:
		return "easy"
	}
	return "none"
}

// Grade is the rating of an answer: right tells whether it was right,
// missed whether the learner answered the same question wrong earlier in
// the same review.
//
//   - Wrong (or given up): Again.
//   - Right after a miss in the same review: Hard.
//   - Right at once: Good.
//
// An answer outside a review (asynclings answer, a chapter's quiz) has no
// review to have missed the question in: right, it is Good, as right at
// once. Easy is never given: how easy a recall felt is not asked.
func Grade(right, missed bool) Rating {
	switch {
	case !right:
		return Again
	case missed:
		return Hard
	}
	return Good
}

// State is where one learner stands with one question. The zero State is a
// question never reviewed.
type State struct {
	// Stability is the number of days after the last review at which the
	// probability of recall falls to 90%.
	Stability float64
	// Difficulty is FSRS's difficulty, 1 (easiest) to 10.
	Difficulty float64
	// Reps is the number of reviews so far, Lapses how many of them were
	// rated Again.
	Reps, Lapses int
	// LastRating is the rating of the last review, 0 before the first.
	LastRating Rating
	// LastReview is when the question was last reviewed.
	LastReview time.Time
	// Due is when the question should be reviewed next.
	Due time.Time
}

// IsDue reports whether the question is due for review at now.
func (s State) IsDue(now time.Time) bool { return !s.Due.After(now) }

// Interval is the number of days the question's stability holds recall at
// the desired retention: the spacing Next gives it after a recall. A
// question rated Again is due at once all the same.
func (s State) Interval() int { return NextInterval(s.Stability) }

// Retrievability is the probability that the learner recalls the question
// at now; 0 for a question never reviewed.
func (s State) Retrievability(now time.Time) float64 {
	if s.LastReview.IsZero() {
		return 0
	}
	return Retrievability(float64(elapsedDays(s.LastReview, now)), s.Stability)
}

// Retrievability is FSRS-6's forgetting curve: the probability of recall
// t days after a review that left stability s, (1 + factor·t/s)^decay.
func Retrievability(t, s float64) float64 {
	return math.Pow(1+factor*t/max(s, MinStability), decay)
}

// NextInterval is the number of days after which recall of a question of
// stability s falls to the desired retention, rounded, at least 1 and at
// most MaxInterval.
func NextInterval(s float64) int {
	days := max(s, MinStability) / factor * (math.Pow(DesiredRetention, 1/decay) - 1)
	return int(min(max(math.Round(days), 1), MaxInterval))
}

// Next returns the state after a review rated r (clamped to Again..Easy)
// at now.
//
//   - The first review sets the initial stability w[r-1] and difficulty
//     D0(r) = w[4] - e^(w[5]·(r-1)) + 1.
//   - A review less than a day after the last one changes the stability by
//     the short-term formula S·e^(w[17]·(r-3+w[18]))·S^-w[19], which never
//     lowers it for Good and Easy.
//   - A later one recalled (Hard, Good, Easy) multiplies it by
//     1 + e^w[8]·(11-D)·S^-w[9]·(e^(w[10]·(1-R))-1), times w[15] for Hard
//     and w[16] for Easy; forgotten (Again), it becomes
//     w[11]·D^-w[12]·((S+1)^w[13]-1)·e^(w[14]·(1-R)), at most
//     S/e^(w[17]·w[18]); R is the retrievability at now.
//   - Every review after the first moves the difficulty by -w[6]·(r-3),
//     damped by (10-D)/9, then back towards D0(Easy) by the weight w[7];
//     difficulty stays within 1..10.
//
// Again makes the question due at now; any other rating makes it due
// NextInterval(stability) days (of 24 hours) after now.
func Next(s State, r Rating, now time.Time) State {
	r = min(max(r, Again), Easy)
	next := s
	switch {
	case s.Reps == 0 || s.LastReview.IsZero():
		next.Stability = w[r-1]
		next.Difficulty = clampDifficulty(initialDifficulty(r))
	case elapsedDays(s.LastReview, now) < 1:
		next.Stability = shortTermStability(s.Stability, r)
		next.Difficulty = nextDifficulty(s.Difficulty, r)
	default:
		retr := s.Retrievability(now)
		if r == Again {
			next.Stability = forgetStability(s.Difficulty, s.Stability, retr)
		} else {
			next.Stability = recallStability(s.Difficulty, s.Stability, retr, r)
		}
		next.Difficulty = nextDifficulty(s.Difficulty, r)
	}
	next.Stability = max(next.Stability, MinStability)
	next.Reps++
	next.LastRating, next.LastReview = r, now
	next.Due = now
	if r == Again {
		next.Lapses++
	} else {
		next.Due = now.Add(time.Duration(NextInterval(next.Stability)) * 24 * time.Hour)
	}
	return next
}

// elapsedDays is the number of whole days from last to now, never negative.
func elapsedDays(last, now time.Time) int {
	return max(int(now.Sub(last)/(24*time.Hour)), 0)
}

// initialDifficulty is D0(r), unclamped (the mean reversion needs
// D0(Easy) as it is). Written with Expm1 so that D0(Again) is w[4] exactly.
func initialDifficulty(r Rating) float64 {
	return w[4] - math.Expm1(w[5]*float64(r-1))
}

func clampDifficulty(d float64) float64 { return min(max(d, 1), 10) }

func nextDifficulty(d float64, r Rating) float64 {
	delta := -w[6] * float64(r-3)
	damped := d + delta*(10-d)/9
	return clampDifficulty(w[7]*initialDifficulty(Easy) + (1-w[7])*damped)
}

func shortTermStability(s float64, r Rating) float64 {
	inc := math.Exp(w[17]*(float64(r)-3+w[18])) * math.Pow(s, -w[19])
	if r >= Good {
		inc = max(inc, 1)
	}
	return s * inc
}

func recallStability(d, s, retr float64, r Rating) float64 {
	mod := 1.0
	switch r {
	case Hard:
		mod = w[15]
	case Easy:
		mod = w[16]
	}
	return s * (1 + math.Exp(w[8])*(11-d)*math.Pow(s, -w[9])*math.Expm1(w[10]*(1-retr))*mod)
}

func forgetStability(d, s, retr float64) float64 {
	long := w[11] * math.Pow(d, -w[12]) * (math.Pow(s+1, w[13]) - 1) * math.Exp(w[14]*(1-retr))
	return min(long, s/math.Exp(w[17]*w[18]))
}

// Schedule is the state of a question after an answer rated r at now, and
// whether the answer changes it at all; scheduled tells whether the
// question has a State s yet (a question is scheduled once answered wrong).
//
//   - Again, while the question waits for review after an Again: nothing
//     changes; wrong answers before it is reviewed again count as that one
//     lapse, so that trying again and again does not sink it.
//   - Again otherwise: Next, and the question is due at once.
//   - A recall of a question not scheduled, or not due yet: nothing
//     changes, so that answering again and again cannot push the schedule
//     out.
//   - A recall of a due question: Next.
func Schedule(s State, scheduled bool, r Rating, now time.Time) (State, bool) {
	switch {
	case r == Again && scheduled && s.LastRating == Again && s.IsDue(now):
		return s, false
	case r == Again:
		return Next(s, r, now), true
	case !scheduled || !s.IsDue(now):
		return s, false
	}
	return Next(s, r, now), true
}

// SM2 is a question's state under SM-2, which asynclings scheduled reviews
// with up to schema version 5.
type SM2 struct {
	Ease     float64
	Interval int // days from the last review to Due
	Reps     int // recalls in a row since the last lapse
	Due      time.Time
}

// FromSM2 converts an SM-2 state to FSRS with nothing of the schedule
// changed:
//
//   - Due stays as it is.
//   - Stability is the SM-2 interval (at least 1 day), so that FSRS's own
//     interval for it, NextInterval, is that interval again.
//   - Difficulty is the one at which FSRS's next Good review (at the
//     desired retention) multiplies the stability by the SM-2 ease, as
//     SM-2 would multiply its interval: 11 - (ease-1) /
//     (e^w[8]·S^-w[9]·(e^(w[10]·(1-0.9))-1)), within 1..10. This is fsrs-rs'
//     memory_state_from_sm2, which Anki uses for cards without a history.
//   - A state with SM-2 reps 0 is a lapse waiting for review: LastRating
//     Again, last reviewed at Due (SM-2 made a lapse due at once), one
//     lapse. Otherwise the last review was a recall (Good) Interval days
//     before Due.
//   - Reps is SM-2's recalls in a row plus the lapse that scheduled the
//     question (a question is scheduled once answered wrong): a lower bound,
//     SM-2 kept no count of all reviews, nor of lapses before the last.
func FromSM2(old SM2) State {
	ivl := max(old.Interval, 1)
	s := float64(ivl)
	ease := old.Ease
	if ease == 0 {
		ease = 2.5 // SM-2's default ease, as its zero state meant
	}
	perEase := math.Exp(w[8]) * math.Pow(s, -w[9]) * math.Expm1(w[10]*(1-DesiredRetention))
	st := State{
		Stability:  s,
		Difficulty: clampDifficulty(11 - (ease-1)/perEase),
		Reps:       old.Reps + 1,
		Lapses:     1,
		Due:        old.Due,
	}
	if old.Reps == 0 {
		st.LastRating, st.LastReview = Again, old.Due
	} else {
		st.LastRating, st.LastReview = Good, old.Due.Add(-time.Duration(ivl)*24*time.Hour)
	}
	return st
}
