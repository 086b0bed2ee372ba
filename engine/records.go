package engine

import "time"

// The learner's records, kept by the store: every attempt at an item, and
// where the learner stands on each.

// Result is how an attempt ended.
type Result string

const (
	ResultRight   Result = "right"    // question answered right / exercise passed
	ResultWrong   Result = "wrong"    // wrong answer / check failed
	ResultGivenUp Result = "given-up" // learner gave up on the item
)

// Valid reports whether r is one of the known results.
func (r Result) Valid() bool {
	switch r {
	case ResultRight, ResultWrong, ResultGivenUp:
		return true
	}
	return false
}

// Attempt is one try at an item: an answer, a check, or a give-up.
type Attempt struct {
	User       string
	Course     string // course ID
	ItemID     string
	Kind       Kind // question or exercise
	Result     Result
	Submitted  string    // the answer text (JSON for several choices) or the Go code
	Detail     string    // e.g. the verdict as JSON; may be empty
	At         time.Time // when; zero means now
	DurationMS int64     // how long the check took, 0 for questions
}

// ItemProgress is where a learner stands on one item, derived from their
// attempts since the item was last reset (see Reset): an item reset after
// its last attempt is new again, with no Attempts.
type ItemProgress struct {
	ItemID        string
	Status        Status
	Attempts      int       // since the latest reset
	FirstTryRight bool      // the first attempt since the latest reset was right
	FirstAt       time.Time // time of the first attempt since the latest reset
	LastAt        time.Time // time of the latest attempt, before a reset too
	LastSubmitted string    // what the latest attempt since the reset submitted
	TotalAttempts int       // every attempt ever, resets or not
	ResetAt       time.Time // time of the latest reset; zero if never reset
	HintsUsed     int       // the highest hint number revealed (see HintsRevealed)
	// TotalHints counts the hints revealed, resets included: the highest
	// number revealed before each reset, and since the latest.
	TotalHints int
}

// Add folds the next attempt (in time order) into p.
func (p *ItemProgress) Add(a Attempt) {
	p.Attempts++
	if p.Attempts == 1 {
		p.FirstTryRight, p.FirstAt = a.Result == ResultRight, a.At
	}
	p.LastAt = a.At
	p.LastSubmitted = a.Submitted
	switch {
	case a.Result == ResultRight:
		p.Status = StatusDone
	case p.Status == StatusDone:
		// A right answer stays done whatever follows.
	case a.Result == ResultGivenUp:
		p.Status = StatusGivenUp
	case p.Status != StatusGivenUp:
		p.Status = StatusTried
	}
}
