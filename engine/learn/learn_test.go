package learn_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/engine/learn"
	"github.com/asynclings/asynclings/engine/quiz"
	"github.com/asynclings/asynclings/engine/review"
)

// memStore keeps a learner's records in memory.
type memStore struct {
	attempts []engine.Attempt
	hints    map[string]int
	reviews  map[string]review.State
	current  string
}

func (m *memStore) RecordAttempt(_ context.Context, a engine.Attempt) (int64, error) {
	m.attempts = append(m.attempts, a)
	return int64(len(m.attempts)), nil
}

func (m *memStore) Progress(context.Context, string, string) (map[string]engine.ItemProgress, error) {
	p := map[string]engine.ItemProgress{}
	for _, a := range m.attempts {
		ip := p[a.ItemID]
		ip.ItemID = a.ItemID
		ip.Add(a)
		p[a.ItemID] = ip
	}
	return p, nil
}

func (m *memStore) RecordHint(_ context.Context, _, _, id string, n int) error {
	if m.hints == nil {
		m.hints = map[string]int{}
	}
	m.hints[id] = n
	return nil
}

func (m *memStore) HintsRevealed(_ context.Context, _, _, id string) (int, error) {
	return m.hints[id], nil
}

func (m *memStore) Review(_ context.Context, _, _, id string) (review.State, bool, error) {
	st, ok := m.reviews[id]
	return st, ok, nil
}

func (m *memStore) SetReview(_ context.Context, _, _, id string, st review.State) error {
	if m.reviews == nil {
		m.reviews = map[string]review.State{}
	}
	m.reviews[id] = st
	return nil
}

func (m *memStore) Current(context.Context, string, string) (string, error) { return m.current, nil }
func (m *memStore) SetCurrent(_ context.Context, _, _, id string) error {
	m.current = id
	return nil
}
func (m *memStore) Reset(context.Context, string, string, []string, time.Time) error { return nil }

func course() *engine.Course {
	c := &engine.Course{ID: "c"}
	ch1 := &engine.Chapter{ID: "one"}
	ch2 := &engine.Chapter{ID: "two"}
	for i, id := range []string{"a", "b", "c"} {
		ch1.Questions = append(ch1.Questions, &engine.Question{ID: id, Type: engine.MultipleChoice, Multi: true, Answers: []string{"x", "y"}, Distractors: []string{"z"}, WhyNot: []string{"z is wrong"}, Chapter: ch1, Line: i + 1})
	}
	ch2.Exercises = []*engine.Exercise{{ID: "e", Chapter: ch2, Hints: []string{" one ", "two"}}}
	c.Chapters = []*engine.Chapter{ch1, ch2}
	return c
}

func TestLearner(t *testing.T) {
	ctx := context.Background()
	st := &memStore{}
	c := course()
	l := &learn.Learner{Store: st, Course: c, User: "u"}
	a, _ := c.Find("a")
	b, _ := c.Find("b")
	q := a.(*engine.Question)

	// An empty pick-all answer is not graded or recorded.
	if _, err := l.Answer(ctx, q, quiz.Answer{}); !errors.Is(err, learn.ErrEmptyAnswer) || len(st.attempts) != 0 {
		t.Fatalf("empty answer: err %v, %d attempts", err, len(st.attempts))
	}
	g, err := l.Answer(ctx, q, quiz.Answer{Choices: []string{"x", "z"}})
	if err != nil || g.Right || len(g.WhyNot) != 1 || g.WhyNot[0].Why != "z is wrong" || len(st.attempts) != 1 {
		t.Fatalf("wrong answer: %+v, %v, %d attempts", g, err, len(st.attempts))
	}
	if _, ok := st.reviews["a"]; !ok {
		t.Error("a wrong answer did not schedule a review")
	}

	// Continue is the first item not finished, in course order, wherever
	// the learner was last: the learner was on c, but a and b come first.
	if err := l.Open(ctx, q); err != nil {
		t.Fatal(err)
	}
	st.current = "c"
	next, err := l.Continue(ctx)
	if err != nil || next.ItemID() != "a" {
		t.Fatalf("Continue = %v, %v; want a", next, err)
	}
	if g, _ := l.Answer(ctx, q, quiz.Answer{Choices: []string{"y", "x"}}); !g.Right || g.WhyNot != nil {
		t.Fatalf("right answer graded %+v", g)
	}
	if err := l.GiveUp(ctx, b); err != nil {
		t.Fatal(err)
	}
	if next, _ := l.Continue(ctx); next.ItemID() != "c" {
		t.Fatalf("Continue after a done and b given up = %s, want c", next.ItemID())
	}

	// Hints: one at a time, trimmed, then none.
	e, _ := c.Find("e")
	ex := e.(*engine.Exercise)
	for i, want := range []string{"one", "two", ""} {
		n, text, err := l.RevealHint(ctx, ex)
		if err != nil || text != want || (want != "" && n != i+1) || (want == "" && n != 0) {
			t.Errorf("hint %d: %d %q %v", i+1, n, text, err)
		}
	}
}

// TestReviewRatings checks how answers reach the review schedule: wrong is
// Again, right after a miss in the same review Hard, right at once (or
// outside a review) Good, and answers that change nothing leave it alone.
func TestReviewRatings(t *testing.T) {
	ctx := context.Background()
	at := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	c := course()
	wrong, right := quiz.Answer{Choices: []string{"z"}}, quiz.Answer{Choices: []string{"x", "y"}}
	tests := []struct {
		name string
		do   func(l *learn.Learner, q *engine.Question) error
		want []review.Rating // the ratings of the state's reviews, in order
	}{
		{"right, never wrong: not scheduled", func(l *learn.Learner, q *engine.Question) error {
			_, err := l.Answer(ctx, q, right)
			return err
		}, nil},
		{"wrong, then right after the miss in a review: Hard", func(l *learn.Learner, q *engine.Question) error {
			if _, err := l.ReviewAnswer(ctx, q, wrong, false); err != nil {
				return err
			}
			_, err := l.ReviewAnswer(ctx, q, right, true)
			return err
		}, []review.Rating{review.Again, review.Hard}},
		{"wrong, then right at once in a review: Good", func(l *learn.Learner, q *engine.Question) error {
			if _, err := l.Answer(ctx, q, wrong); err != nil {
				return err
			}
			_, err := l.ReviewAnswer(ctx, q, right, false)
			return err
		}, []review.Rating{review.Again, review.Good}},
		{"wrong twice, then right outside a review: Good, one lapse", func(l *learn.Learner, q *engine.Question) error {
			for _, a := range []quiz.Answer{wrong, wrong, right, right} {
				if _, err := l.Answer(ctx, q, a); err != nil {
					return err
				}
			}
			return nil
		}, []review.Rating{review.Again, review.Good}},
		{"given up: Again", func(l *learn.Learner, q *engine.Question) error {
			return l.GiveUp(ctx, q)
		}, []review.Rating{review.Again}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := &memStore{}
			l := &learn.Learner{Store: st, Course: c, User: "u", Now: func() time.Time { return at }}
			it, _ := c.Find("a")
			q := it.(*engine.Question)
			if err := tt.do(l, q); err != nil {
				t.Fatal(err)
			}
			got, ok := st.reviews["a"]
			if !ok {
				if tt.want != nil {
					t.Fatalf("not scheduled; want ratings %v", tt.want)
				}
				return
			}
			var want review.State
			for _, r := range tt.want {
				want = review.Next(want, r, at)
			}
			if tt.want == nil || got != want {
				t.Errorf("state %+v; want %+v (ratings %v)", got, want, tt.want)
			}
		})
	}
}

// TestUnanswered: what mdbook-quiz's form would not submit answers nothing;
// anything else is graded, even when it cannot be right.
func TestUnanswered(t *testing.T) {
	mc := &engine.Question{ID: "mc", Type: engine.MultipleChoice, Answers: []string{"x"}, Distractors: []string{"y"}}
	short := &engine.Question{ID: "s", Type: engine.ShortAnswer, Answers: []string{"go"}}
	trace := &engine.Question{ID: "t", Type: engine.Tracing, DoesCompile: true, Stdout: "1"}
	for _, tc := range []struct {
		q     *engine.Question
		a     quiz.Answer
		empty bool
	}{
		{mc, quiz.Answer{}, true},
		{mc, quiz.Answer{Choices: []string{"y"}}, false},
		{short, quiz.Answer{}, true},
		{short, quiz.Answer{Text: "   "}, false},
		{short, quiz.Answer{Text: "go"}, false},
		{trace, quiz.Answer{DoesCompile: true}, false}, // no output is an answer
		{trace, quiz.Answer{}, false},
	} {
		err := learn.Unanswered(tc.q, tc.a)
		if got := errors.Is(err, learn.ErrEmptyAnswer); got != tc.empty {
			t.Errorf("Unanswered(%s, %+v) = %v, want empty %v", tc.q.ID, tc.a, err, tc.empty)
		}
	}
	st := &memStore{}
	l := &learn.Learner{Store: st, Course: course(), User: "u"}
	if _, err := l.Answer(context.Background(), short, quiz.Answer{}); !errors.Is(err, learn.ErrEmptyAnswer) || len(st.attempts) != 0 {
		t.Fatalf("empty reply: err %v, %d attempts", err, len(st.attempts))
	}
}
