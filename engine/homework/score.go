package homework

import (
	"math"
	"time"
)

// ItemResult is how a learner did on one item, as the grader found it.
type ItemResult struct {
	Passed   bool // the exercise passed its test, or the answer is right
	Attempts int  // attempts at a question until the right answer; 0 or 1 is the first
}

// ItemGrade is the score of one item.
type ItemGrade struct {
	ID      string
	Max     float64 // the item's points
	Points  float64 // points earned, before the late penalty
	Passed  bool
	Penalty float64 // fraction lost to extra attempts
}

// Grade is the score of one submission.
type Grade struct {
	Items       []ItemGrade // the student's draw, in the assignment's order
	Max         float64
	Raw         float64 // sum of the items' points
	DaysLate    int     // started days after the due date; 0 when on time
	PastCutoff  bool    // later than late_cutoff_days: the score is 0
	LatePenalty float64 // points lost for lateness, at most Raw
	Final       float64 // Raw - LatePenalty
}

// Score grades the student's submission made at submitted, with the
// results of each item of their draw by ID; a missing item scores 0, and
// an item outside the draw counts for nothing. Scores are rounded to
// 1/10000.
func Score(a *Assignment, studentID string, submitted time.Time, items map[string]ItemResult) Grade {
	g := Grade{Max: a.MaxScore()}
	for _, it := range a.Draw(studentID) {
		r := items[it.ID]
		ig := ItemGrade{ID: it.ID, Max: it.Points, Passed: r.Passed}
		if r.Passed {
			ig.Penalty = attemptPenalty(it.Penalties, r.Attempts)
			ig.Points = round(it.Points * (1 - ig.Penalty))
		}
		g.Raw += ig.Points
		g.Items = append(g.Items, ig)
	}
	g.Raw = round(g.Raw)
	g.DaysLate = DaysLate(a.Due, submitted)
	switch {
	case g.DaysLate > a.LateCutoffDays:
		g.PastCutoff = true
		g.LatePenalty = g.Raw
	case g.DaysLate > 0:
		g.LatePenalty = round(min(float64(g.DaysLate)*a.LatePenaltyPerDay*g.Raw, g.Raw))
	}
	g.Final = round(g.Raw - g.LatePenalty)
	return g
}

// attemptPenalty is the fraction lost for a right answer at the given
// attempt: penalties[i] for attempt i+2, the last value repeating.
func attemptPenalty(penalties []float64, attempts int) float64 {
	if attempts < 2 || len(penalties) == 0 {
		return 0
	}
	i := min(attempts-2, len(penalties)-1)
	return min(max(penalties[i], 0), 1)
}

// DaysLate returns the number of started days (of 24 hours) between due and
// submitted: 0 when on time, 1 for one minute late, N for exactly N days.
func DaysLate(due, submitted time.Time) int {
	late := submitted.Sub(due)
	if late <= 0 {
		return 0
	}
	const day = 24 * time.Hour
	days := late / day
	if late%day != 0 {
		days++
	}
	return int(days)
}

func round(x float64) float64 { return math.Round(x*1e4) / 1e4 }
