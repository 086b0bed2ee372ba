// Package learn is what a learner does with a course, whichever screen they
// do it from: answer a question, check an exercise, reveal a hint, give up,
// continue where they left off, see their progress, reset. Every screen of
// the program (the session, watch, the plain commands, review, homework)
// calls it, so that grading, recording and deciding happen in one place.
package learn

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/engine/quiz"
	"github.com/asynclings/asynclings/engine/review"
)

// Store keeps the learner's records; package store satisfies it.
type Store interface {
	RecordAttempt(ctx context.Context, a engine.Attempt) (int64, error)
	Progress(ctx context.Context, user, course string) (map[string]engine.ItemProgress, error)
	RecordHint(ctx context.Context, user, course, itemID string, n int) error
	HintsRevealed(ctx context.Context, user, course, itemID string) (int, error)
	Review(ctx context.Context, user, course, itemID string) (review.State, bool, error)
	SetReview(ctx context.Context, user, course, itemID string, st review.State) error
	Current(ctx context.Context, user, course string) (string, error)
	SetCurrent(ctx context.Context, user, course, itemID string) error
	Reset(ctx context.Context, user, course string, itemIDs []string, at time.Time) error
}

// Checker checks a learner's code; the runner satisfies it.
type Checker interface {
	CheckFiles(ctx context.Context, ex *engine.Exercise, code string, files map[string]string) (engine.Verdict, error)
}

// Learner is one learner in one course.
type Learner struct {
	Store  Store
	Course *engine.Course
	User   string
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

func (l *Learner) now() time.Time {
	if l.Now != nil {
		return l.Now()
	}
	return time.Now()
}

// ErrEmptyAnswer is an answer that answers nothing: it is neither graded
// nor recorded, and the learner is asked again (see Unanswered).
var ErrEmptyAnswer = errors.New("no answer given")

// Unanswered returns an ErrEmptyAnswer, saying what is missing, when a
// answers nothing, as mdbook-quiz's form submits nothing: a MultipleChoice
// answer with no option picked, or an empty ShortAnswer reply (a reply of
// spaces is submitted there, and graded).
func Unanswered(q *engine.Question, a quiz.Answer) error {
	switch {
	case q.Type == engine.MultipleChoice && len(a.Choices) == 0:
		return fmt.Errorf("%w: pick at least one option", ErrEmptyAnswer)
	case q.Type == engine.ShortAnswer && a.Text == "":
		return fmt.Errorf("%w: type one", ErrEmptyAnswer)
	}
	return nil
}

// Graded is a graded answer.
type Graded struct {
	Right bool
	// WhyNot says why each distractor the learner picked is wrong, where
	// the course says (answer.whyNot).
	WhyNot []WhyNot
}

// WhyNot is why one picked distractor is wrong.
type WhyNot struct {
	Choice string `json:"choice"`
	Why    string `json:"why"`
}

// Answer grades a as mdbook-quiz does, records the attempt and updates the
// question's spaced review. An answer that answers nothing is an
// ErrEmptyAnswer (see Unanswered).
func (l *Learner) Answer(ctx context.Context, q *engine.Question, a quiz.Answer) (Graded, error) {
	return l.answer(ctx, q, a, false)
}

// ReviewAnswer is Answer in a review, where missed tells whether the
// learner answered q wrong earlier in the same review (see review.Grade).
func (l *Learner) ReviewAnswer(ctx context.Context, q *engine.Question, a quiz.Answer, missed bool) (Graded, error) {
	return l.answer(ctx, q, a, missed)
}

func (l *Learner) answer(ctx context.Context, q *engine.Question, a quiz.Answer, missed bool) (Graded, error) {
	if err := Unanswered(q, a); err != nil {
		return Graded{}, err
	}
	g := Graded{Right: quiz.Grade(q, a), WhyNot: whyNotPicked(q, a)}
	rec := engine.Attempt{Result: engine.ResultWrong, Submitted: Submitted(a)}
	if g.Right {
		rec.Result, g.WhyNot = engine.ResultRight, nil
	}
	return g, l.record(ctx, q, rec, missed)
}

// Submitted is how an answer is kept in the learner's records.
func Submitted(a quiz.Answer) string {
	b, _ := json.Marshal(a)
	return string(b)
}

// whyNotPicked is the course's reason for each distractor a picked, in the
// order picked.
func whyNotPicked(q *engine.Question, a quiz.Answer) []WhyNot {
	if q.Type != engine.MultipleChoice || len(q.WhyNot) == 0 {
		return nil
	}
	var out []WhyNot
	for _, c := range a.Choices {
		i := slices.Index(q.Distractors, c)
		if i < 0 || i >= len(q.WhyNot) || strings.TrimSpace(q.WhyNot[i]) == "" {
			continue
		}
		if slices.ContainsFunc(out, func(w WhyNot) bool { return w.Choice == c }) {
			continue
		}
		out = append(out, WhyNot{Choice: c, Why: strings.TrimSpace(q.WhyNot[i])})
	}
	return out
}

// GiveUp records that the learner gave up on it; the answer or solution is
// theirs to see from then on.
func (l *Learner) GiveUp(ctx context.Context, it engine.Item) error {
	return l.record(ctx, it, engine.Attempt{Result: engine.ResultGivenUp}, false)
}

// Submission is the learner's work on an exercise: their file and their
// editable support files, by name (one missing is the course's starter).
type Submission struct {
	Code  string
	Files map[string]string
}

// Equal says whether s and o are the same work.
func (s Submission) Equal(o Submission) bool {
	return s.Code == o.Code && maps.Equal(s.Files, o.Files)
}

// Untouched says whether s is the exercise's starter as written.
func (s Submission) Untouched(ex *engine.Exercise) bool {
	if s.Code != ex.Starter {
		return false
	}
	for _, sf := range ex.Support {
		if c, ok := s.Files[sf.Name]; ok && sf.Editable && c != sf.Code {
			return false
		}
	}
	return true
}

// Check checks s with c and, when record is set, records the attempt with
// the verdict. A check that broke down in the runner (an error) is not the
// learner's attempt and is not recorded.
func (l *Learner) Check(ctx context.Context, c Checker, ex *engine.Exercise, s Submission, record bool) (engine.Verdict, error) {
	v, err := c.CheckFiles(ctx, ex, s.Code, s.Files)
	if err != nil || !record {
		return v, err
	}
	detail, _ := json.Marshal(VerdictJSON(ex.ID, v))
	rec := engine.Attempt{Result: engine.ResultWrong, Submitted: s.Code, Detail: string(detail), DurationMS: v.Duration.Milliseconds()}
	if v.Passed() {
		rec.Result = engine.ResultRight
	}
	return v, l.record(ctx, ex, rec, false)
}

// CheckJSON is a verdict as Exercism's test-runner results.json (version
// 3) has it, with asynclings' outcome beside the status.
type CheckJSON struct {
	Version    int                 `json:"version"`
	ID         string              `json:"id"`
	Status     string              `json:"status"`
	Outcome    engine.Outcome      `json:"outcome"`
	Message    string              `json:"message,omitempty"`
	Tests      []engine.TestResult `json:"tests"`
	Isolation  *engine.Isolation   `json:"isolation,omitempty"`
	Advice     []string            `json:"advice,omitempty"`
	DurationMS int64               `json:"duration_ms"`
}

// VerdictJSON is the verdict on exercise id as CheckJSON.
func VerdictJSON(id string, v engine.Verdict) CheckJSON {
	return CheckJSON{
		Version: 3, ID: id, Status: v.Outcome.Status(), Outcome: v.Outcome,
		Message: v.Message, Tests: v.Tests, Isolation: v.Isolation, Advice: v.Advice, DurationMS: v.Duration.Milliseconds(),
	}
}

// RevealHint records and returns the next hint of ex the learner has not
// seen: its number (from 1) and text. n is 0 when all were revealed already.
func (l *Learner) RevealHint(ctx context.Context, ex *engine.Exercise) (n int, text string, err error) {
	seen, err := l.Store.HintsRevealed(ctx, l.User, l.Course.ID, ex.ID)
	if err != nil {
		return 0, "", err
	}
	if seen >= len(ex.Hints) {
		return 0, "", nil
	}
	n = seen + 1
	if err := l.Store.RecordHint(ctx, l.User, l.Course.ID, ex.ID, n); err != nil {
		return 0, "", err
	}
	return n, strings.TrimSpace(ex.Hints[n-1]), nil
}

// HintsRevealed is how many hints of ex the learner has seen.
func (l *Learner) HintsRevealed(ctx context.Context, ex *engine.Exercise) (int, error) {
	return l.Store.HintsRevealed(ctx, l.User, l.Course.ID, ex.ID)
}

// Progress is where the learner stands on every item they have touched.
func (l *Learner) Progress(ctx context.Context) (Progress, error) {
	p, err := l.Store.Progress(ctx, l.User, l.Course.ID)
	return Progress(p), err
}

// Progress maps item IDs to the learner's progress on them.
type Progress map[string]engine.ItemProgress

// Status is the learner's status on the item id.
func (p Progress) Status(id string) engine.Status {
	if ip, ok := p[id]; ok {
		return ip.Status
	}
	return engine.StatusNew
}

// Finished says whether the learner is through with the item: done or
// given up.
func (p Progress) Finished(id string) bool {
	st := p.Status(id)
	return st == engine.StatusDone || st == engine.StatusGivenUp
}

// Continue is the item to continue with: the first item, in course order,
// that the learner has not finished; nil when every item is.
func (l *Learner) Continue(ctx context.Context) (engine.Item, error) {
	p, err := l.Progress(ctx)
	if err != nil {
		return nil, err
	}
	for _, ch := range l.Course.Chapters {
		for _, it := range ch.Items() {
			if !p.Finished(it.ItemID()) {
				return it, nil
			}
		}
	}
	return nil, nil
}

// Open records it as the item the learner is on.
func (l *Learner) Open(ctx context.Context, it engine.Item) error {
	return l.Store.SetCurrent(ctx, l.User, l.Course.ID, it.ItemID())
}

// Current is the item the learner was last on, or nil.
func (l *Learner) Current(ctx context.Context) (engine.Item, error) {
	id, err := l.Store.Current(ctx, l.User, l.Course.ID)
	if err != nil || id == "" {
		return nil, err
	}
	it, _ := l.Course.Find(id)
	return it, nil
}

// Reset makes the items new again for the learner; their attempts stay in
// the history.
func (l *Learner) Reset(ctx context.Context, ids []string) error {
	return l.Store.Reset(ctx, l.User, l.Course.ID, ids, l.now())
}

// record saves an attempt at it, and for a question updates its review;
// missed tells whether it was missed earlier in the same review.
func (l *Learner) record(ctx context.Context, it engine.Item, rec engine.Attempt, missed bool) error {
	rec.User, rec.Course, rec.ItemID, rec.Kind, rec.At = l.User, l.Course.ID, it.ItemID(), it.ItemKind(), l.now()
	if _, err := l.Store.RecordAttempt(ctx, rec); err != nil {
		return fmt.Errorf("save attempt: %w", err)
	}
	if q, ok := it.(*engine.Question); ok {
		return l.scheduleReview(ctx, q, review.Grade(rec.Result == engine.ResultRight, missed))
	}
	return nil
}

// scheduleReview updates the spaced review of q after an answer or a
// give-up rated r, as review.Schedule decides.
func (l *Learner) scheduleReview(ctx context.Context, q *engine.Question, r review.Rating) error {
	now := l.now()
	st, ok, err := l.Store.Review(ctx, l.User, l.Course.ID, q.ID)
	if err != nil {
		return fmt.Errorf("schedule review: %w", err)
	}
	st, changed := review.Schedule(st, ok, r, now)
	if !changed {
		return nil
	}
	if err := l.Store.SetReview(ctx, l.User, l.Course.ID, q.ID, st); err != nil {
		return fmt.Errorf("schedule review: %w", err)
	}
	return nil
}
