package store

import (
	"context"
	"testing"
	"time"

	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/engine/review"
)

func TestReset(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	t0 := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	rec := func(user, item string, r Result, at time.Time) {
		t.Helper()
		if _, err := s.RecordAttempt(ctx, Attempt{User: user, Course: "c", ItemID: item,
			Kind: engine.KindQuestion, Result: r, Submitted: string(r), At: at}); err != nil {
			t.Fatal(err)
		}
	}
	rec("ann", "q1", ResultWrong, t0)
	rec("ann", "q1", ResultRight, t0.Add(time.Second))
	rec("ann", "q2", ResultGivenUp, t0.Add(2*time.Second))
	rec("bob", "q1", ResultRight, t0.Add(time.Second))
	if err := s.SetReview(ctx, "ann", "c", "q1", review.Next(review.State{}, review.Again, t0)); err != nil {
		t.Fatal(err)
	}
	if err := s.SetReview(ctx, "ann", "c", "q2", review.Next(review.State{}, review.Again, t0)); err != nil {
		t.Fatal(err)
	}

	// An attempt at the very time of the reset counts as before it.
	reset1 := t0.Add(2 * time.Second)
	if err := s.Reset(ctx, "ann", "c", []string{"q1"}, reset1); err != nil {
		t.Fatal(err)
	}
	prog, err := s.Progress(ctx, "ann", "c")
	if err != nil {
		t.Fatal(err)
	}
	want := ItemProgress{ItemID: "q1", Status: engine.StatusNew, TotalAttempts: 2,
		LastAt: t0.Add(time.Second), ResetAt: reset1}
	if got := prog["q1"]; got != want {
		t.Errorf("q1 after reset = %+v; want %+v", got, want)
	}
	if got := prog["q2"]; got.Status != engine.StatusGivenUp || got.Attempts != 1 || got.TotalAttempts != 1 {
		t.Errorf("q2 (not reset) = %+v", got)
	}
	// Other learners are untouched.
	bob, err := s.Progress(ctx, "bob", "c")
	if err != nil {
		t.Fatal(err)
	}
	if got := bob["q1"]; got.Status != engine.StatusDone || got.Attempts != 1 {
		t.Errorf("bob's q1 = %+v", got)
	}
	// The history is kept.
	atts, err := s.Attempts(ctx, "ann", "c", "q1")
	if err != nil || len(atts) != 2 {
		t.Errorf("Attempts after reset = %d, %v; want 2", len(atts), err)
	}
	// The reset question left the review schedule; the other did not.
	if _, ok, err := s.Review(ctx, "ann", "c", "q1"); err != nil || ok {
		t.Errorf("q1 still scheduled for review: %v, %v", ok, err)
	}
	if _, ok, err := s.Review(ctx, "ann", "c", "q2"); err != nil || !ok {
		t.Errorf("q2 no longer scheduled for review: %v, %v", ok, err)
	}

	// Attempts after the reset count afresh.
	rec("ann", "q1", ResultWrong, t0.Add(3*time.Second))
	rec("ann", "q1", ResultRight, t0.Add(4*time.Second))
	prog, err = s.Progress(ctx, "ann", "c")
	if err != nil {
		t.Fatal(err)
	}
	want = ItemProgress{ItemID: "q1", Status: engine.StatusDone, Attempts: 2, TotalAttempts: 4,
		FirstAt: t0.Add(3 * time.Second), LastAt: t0.Add(4 * time.Second), LastSubmitted: "right", ResetAt: reset1}
	if got := prog["q1"]; got != want {
		t.Errorf("q1 after new attempts = %+v; want %+v", got, want)
	}

	// A second reset: the latest one counts.
	reset2 := t0.Add(5 * time.Second)
	if err := s.Reset(ctx, "ann", "c", []string{"q1", "q2", "never-tried"}, reset2); err != nil {
		t.Fatal(err)
	}
	resets, err := s.Resets(ctx, "ann", "c")
	if err != nil {
		t.Fatal(err)
	}
	if len(resets) != 3 || !resets["q1"].Equal(reset2) || !resets["never-tried"].Equal(reset2) {
		t.Errorf("Resets = %v", resets)
	}
	prog, err = s.Progress(ctx, "ann", "c")
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"q1", "q2"} {
		if got := prog[id]; got.Status != engine.StatusNew || got.Attempts != 0 || got.FirstTryRight {
			t.Errorf("%s after second reset = %+v", id, got)
		}
	}
	if got := prog["q1"].TotalAttempts; got != 4 {
		t.Errorf("q1 TotalAttempts = %d; want 4", got)
	}
	if _, ok := prog["never-tried"]; ok {
		t.Errorf("an item never attempted is in Progress")
	}
}

func TestResetRejects(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	for _, tc := range []struct {
		user, course string
		ids          []string
	}{
		{"", "c", []string{"q"}},
		{"u", "", []string{"q"}},
		{"u", "c", []string{""}},
	} {
		if err := s.Reset(ctx, tc.user, tc.course, tc.ids, time.Time{}); err == nil {
			t.Errorf("Reset(%q, %q, %q) = nil; want an error", tc.user, tc.course, tc.ids)
		}
	}
}

// TestResetStartsHintsAfresh: hints revealed before a reset no longer count,
// later ones do.
func TestResetStartsHintsAfresh(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	t0 := time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC)
	for n := 1; n <= 2; n++ {
		if err := s.recordHint(ctx, "ann", "c", "ex", n, t0.Add(time.Duration(n)*time.Minute)); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Reset(ctx, "ann", "c", []string{"ex"}, t0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if n, err := s.HintsRevealed(ctx, "ann", "c", "ex"); err != nil || n != 0 {
		t.Fatalf("after the reset HintsRevealed = %d, %v; want 0", n, err)
	}
	if err := s.recordHint(ctx, "ann", "c", "ex", 1, t0.Add(2*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if n, err := s.HintsRevealed(ctx, "ann", "c", "ex"); err != nil || n != 1 {
		t.Fatalf("after a new hint HintsRevealed = %d, %v; want 1", n, err)
	}
	// Progress keeps what was revealed before the reset too, as it keeps
	// the attempts (issue 13: reset dropped the hints from progress).
	prog, err := s.Progress(ctx, "ann", "c")
	if err != nil {
		t.Fatal(err)
	}
	if p := prog["ex"]; p.HintsUsed != 1 || p.TotalHints != 3 {
		t.Errorf("progress: hints used %d, total %d; want 1 since the reset, 3 in all", p.HintsUsed, p.TotalHints)
	}
}
