package report

import (
	"cmp"
	"encoding/json"
	"math"
	"slices"
	"strings"

	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/engine/quiz"
)

// Class is what a class's grades for one assignment say about the class
// and about each item: the numbers of the instructor's dashboard.
type Class struct {
	Students int
	Max      float64
	Scores   []float64 // final scores, in the rows' order
	Mean     float64   // of the final scores
	Median   float64
	// Lateness counts students by days late: index 0 is on time.
	Lateness   []int
	PastCutoff int // students late past the cutoff (scored 0)
	Items      []ItemStats
}

// ItemStats are one item's statistics over the students who were given
// the item: all of them, but for an item of a question pool, which only
// the students who drew it have in their rows. An item such a student did
// not hand in counts as not right.
type ItemStats struct {
	ID   string
	Kind engine.Kind
	Max  float64
	// Given is how many students were given the item (drew it, for a pool
	// item): the statistics are over them.
	Given int
	// Handed is how many students handed the item in.
	Handed int
	// Right is how many students passed it: a question answered right (at
	// any attempt, whatever its attempt penalty cost) or an exercise that
	// passed. Partial points from attempt penalties count as right, so that
	// difficulty measures knowing the answer, not the penalty rule.
	Right int
	// Difficulty is the share of students right, Right / Given (the
	// classical p-value: higher is easier).
	Difficulty float64
	// Discrimination is the corrected point-biserial correlation: Pearson's
	// r between the item (1 right, 0 not) and the student's rest score (the
	// raw points of the other items). NaN when it is undefined: every
	// student right, or none, or the rest scores all equal.
	Discrimination float64
	// MeanAttempts is over the students who handed in a question; NaN for
	// exercises (their attempts are not in bundles) and when nobody did.
	MeanAttempts float64
	// MeanHints is the hints revealed, over the students who handed the item
	// in; NaN when nobody did.
	MeanHints float64
	Options   []OptionRate // MultipleChoice: each option, answers first
	Failing   []TestFailure
	Outcomes  []OutcomeCount // most frequent first
	Flags     []string       // why the item looks broken; none when it looks fine
}

// OptionRate is how many of the students who handed a multiple-choice
// question in picked one option.
type OptionRate struct {
	Text   string
	Answer bool // a right choice, not a distractor
	Picked int
	Rate   float64 // Picked / the students who handed the question in
}

// TestFailure is a test of an exercise that failed for some students,
// with its messages, most common first.
type TestFailure struct {
	Name     string
	Failed   int
	Messages []MessageCount
}

// MessageCount is one message and how many failures gave it.
type MessageCount struct {
	Text  string
	Count int
}

// OutcomeCount is how many students' items ended one way: an exercise's
// verdict ("pass", "fail", "race", "timeout", "compile-error", …), a
// question's "right" or "wrong", or "missing".
type OutcomeCount struct {
	Outcome string
	Count   int
}

// OutcomeRace is the outcome the dashboard gives a failed run in which the
// race detector found a race; the runner's verdict says "fail" with this
// message (engine/runner/events.go). OutcomeMissing is a RowItem's outcome
// for an item not handed in (grader.Missing).
const (
	OutcomeRace    = "race"
	raceMessage    = "the race detector found a data race"
	OutcomeMissing = "missing"
)

// MaxMessages is how many distinct messages a TestFailure keeps.
const MaxMessages = 3

// Flags on items.
const (
	FlagNobodyRight    = "nobody right"
	FlagNegative       = "negative discrimination"
	flagDistractorMore = "distractor picked more than the answer: "
)

// ClassStats computes the statistics of the current rows of one
// assignment. c gives the options of multiple-choice questions; an item
// no longer in the course gets none.
func ClassStats(c *engine.Course, rows []Row) Class {
	cl := Class{Students: len(rows)}
	for _, r := range rows {
		cl.Max = max(cl.Max, r.MaxScore)
		cl.Scores = append(cl.Scores, r.Score)
		if r.PastCutoff {
			cl.PastCutoff++
		}
		for len(cl.Lateness) <= r.DaysLate {
			cl.Lateness = append(cl.Lateness, 0)
		}
		cl.Lateness[max(r.DaysLate, 0)]++
	}
	cl.Mean, cl.Median = mean(cl.Scores), median(cl.Scores)
	for _, id := range itemIDs(rows) {
		cl.Items = append(cl.Items, itemStats(c, id, rows))
	}
	return cl
}

// itemIDs are the items of the rows, in the assignment's order (the first
// row that has each).
func itemIDs(rows []Row) []string {
	var ids []string
	for _, r := range rows {
		for _, it := range r.Items {
			if !slices.Contains(ids, it.ID) {
				ids = append(ids, it.ID)
			}
		}
	}
	return ids
}

func itemStats(c *engine.Course, id string, rows []Row) ItemStats {
	st := ItemStats{ID: id, MeanAttempts: math.NaN(), MeanHints: math.NaN()}
	var right, rest []float64
	outcomes := map[string]int{}
	var attempts, hints []float64
	failing := map[string]*TestFailure{}
	messages := map[string]map[string]int{}
	var answers []quiz.Answer
	for _, r := range rows {
		// A row without the item is a student whose draw of a pool left
		// it out (the grader records every item given, handed in or not).
		it, ok := r.Item(id)
		if !ok {
			continue
		}
		st.Given++
		rest = append(rest, r.RawScore-it.Points)
		st.Kind, st.Max = it.Kind, max(st.Max, it.Max)
		outcome := it.Outcome
		if it.Passed {
			st.Right++
			right = append(right, 1)
		} else {
			right = append(right, 0)
		}
		if outcome != OutcomeMissing {
			st.Handed++
			hints = append(hints, float64(it.Hints))
		}
		switch it.Kind {
		case engine.KindQuestion:
			var a quiz.Answer
			if outcome != OutcomeMissing && json.Unmarshal(it.Output, &a) == nil {
				answers = append(answers, a)
				attempts = append(attempts, float64(it.Attempts))
			}
		case engine.KindExercise:
			var v engine.Verdict
			if len(it.Output) == 0 || json.Unmarshal(it.Output, &v) != nil {
				break
			}
			if v.Outcome == engine.OutcomeFail && strings.HasPrefix(v.Message, raceMessage) {
				outcome = OutcomeRace
			}
			for _, t := range v.Tests {
				if t.Status != "fail" {
					continue
				}
				f := failing[t.Name]
				if f == nil {
					f = &TestFailure{Name: t.Name}
					failing[t.Name], messages[t.Name] = f, map[string]int{}
				}
				f.Failed++
				messages[t.Name][strings.TrimSpace(t.Message)]++
			}
		}
		outcomes[outcome]++
	}
	if st.Given > 0 {
		st.Difficulty = float64(st.Right) / float64(st.Given)
	}
	st.Discrimination = pearson(right, rest)
	if len(attempts) > 0 {
		st.MeanAttempts = mean(attempts)
	}
	if len(hints) > 0 {
		st.MeanHints = mean(hints)
	}
	for o, n := range outcomes {
		st.Outcomes = append(st.Outcomes, OutcomeCount{o, n})
	}
	slices.SortFunc(st.Outcomes, func(a, b OutcomeCount) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Outcome, b.Outcome))
	})
	for name, f := range failing {
		for text, n := range messages[name] {
			f.Messages = append(f.Messages, MessageCount{text, n})
		}
		slices.SortFunc(f.Messages, func(a, b MessageCount) int {
			return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Text, b.Text))
		})
		f.Messages = f.Messages[:min(len(f.Messages), MaxMessages)]
		st.Failing = append(st.Failing, *f)
	}
	slices.SortFunc(st.Failing, func(a, b TestFailure) int {
		return cmp.Or(cmp.Compare(b.Failed, a.Failed), cmp.Compare(a.Name, b.Name))
	})
	if it, ok := c.Find(id); ok {
		if q, ok := it.(*engine.Question); ok && q.Type == engine.MultipleChoice {
			st.Options = optionRates(q, answers)
		}
	}
	st.Flags = flags(st)
	return st
}

// optionRates counts the students who picked each option of q.
func optionRates(q *engine.Question, answers []quiz.Answer) []OptionRate {
	var opts []OptionRate
	for _, a := range q.Answers {
		opts = append(opts, OptionRate{Text: a, Answer: true})
	}
	for _, d := range q.Distractors {
		opts = append(opts, OptionRate{Text: d})
	}
	for i := range opts {
		for _, a := range answers {
			if slices.Contains(a.Choices, opts[i].Text) {
				opts[i].Picked++
			}
		}
		if len(answers) > 0 {
			opts[i].Rate = float64(opts[i].Picked) / float64(len(answers))
		}
	}
	return opts
}

func flags(st ItemStats) []string {
	var fl []string
	if st.Given > 0 && st.Right == 0 {
		fl = append(fl, FlagNobodyRight)
	}
	// Negative as the dashboard shows it, to two decimals: an r of -0.004
	// is no correlation, shown as 0, and not flagged as negative.
	if math.Round(st.Discrimination*100) < 0 {
		fl = append(fl, FlagNegative)
	}
	// Against the least picked right choice: with several, each should be
	// picked more than any distractor.
	least := math.MaxInt
	for _, o := range st.Options {
		if o.Answer {
			least = min(least, o.Picked)
		}
	}
	for _, o := range st.Options {
		if !o.Answer && o.Picked > least {
			fl = append(fl, flagDistractorMore+o.Text)
		}
	}
	return fl
}

func mean(xs []float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	s := slices.Sorted(slices.Values(xs))
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// pearson is Pearson's correlation of x and y; NaN when either is
// constant.
func pearson(x, y []float64) float64 {
	mx, my := mean(x), mean(y)
	var sxy, sxx, syy float64
	for i := range x {
		dx, dy := x[i]-mx, y[i]-my
		sxy += dx * dy
		sxx += dx * dx
		syy += dy * dy
	}
	if sxx == 0 || syy == 0 {
		return math.NaN()
	}
	return sxy / math.Sqrt(sxx*syy)
}
