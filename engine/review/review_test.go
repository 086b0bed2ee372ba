package review

import (
	"math"
	"testing"
	"time"
)

var now = time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)

func day(n float64) time.Time { return now.Add(time.Duration(n * 24 * float64(time.Hour))) }

// near says whether got is want to the 4 decimal places the worked
// examples give.
func near(got, want float64) bool { return math.Abs(got-want) < 5e-5 }

func TestInitialState(t *testing.T) {
	// D0(G) = w4 - e^(w5·(G-1)) + 1, clamped to 1..10:
	//   D0(1) = 6.4133 - e^0 + 1                    = 6.4133
	//   D0(2) = 6.4133 - e^0.8334 + 1 = 7.4133 - 2.3012 = 5.1122
	//   D0(3) = 7.4133 - e^1.6668 = 7.4133 - 5.2952 = 2.1181
	//   D0(4) = 7.4133 - e^2.5002 = 7.4133 - 12.1849 = -4.7716 -> 1
	// Intervals: the stability rounded (R = 0.9 at t = S), at least 1 day.
	tests := []struct {
		r          Rating
		s, d       float64
		interval   int
		dueInHours int
	}{
		{Again, 0.212, 6.4133, 1, 0},
		{Hard, 1.2931, 5.1122, 1, 24},
		{Good, 2.3065, 2.1181, 2, 48},
		{Easy, 8.2956, 1, 8, 8 * 24},
	}
	for _, tt := range tests {
		got := Next(State{}, tt.r, now)
		if got.Stability != w[tt.r-1] || got.Stability != tt.s || !near(got.Difficulty, tt.d) {
			t.Errorf("Next(new, %v): S = %v, D = %v; want %v, %v", tt.r, got.Stability, got.Difficulty, tt.s, tt.d)
		}
		if got.Interval() != tt.interval || !got.Due.Equal(now.Add(time.Duration(tt.dueInHours)*time.Hour)) {
			t.Errorf("Next(new, %v): interval %d, due %v; want %d, in %dh", tt.r, got.Interval(), got.Due, tt.interval, tt.dueInHours)
		}
		if got.Reps != 1 || got.LastRating != tt.r || !got.LastReview.Equal(now) {
			t.Errorf("Next(new, %v) = %+v", tt.r, got)
		}
	}
	if d := Next(State{}, Again, now).Difficulty; d != w[4] {
		t.Errorf("D0(Again) = %v; want w4 = %v exactly", d, w[4])
	}
}

// TestWorkedExample follows one question through Good, Good, Again, Good
// (the same day), Hard and Easy, worked out by hand from the FSRS-6
// formulas with the default parameters (factor = 0.9^(1/-0.1542) - 1 =
// 0.980346; D0(4) = -4.771631 unclamped, the mean-reversion target;
// e^w8 = 6.502586):
//
// day 0, Good, new: S = w2 = 2.3065, D = D0(3) = 2.118104, interval
// round(2.3065) = 2.
//
// day 2, Good, 2 days later: R = (1 + 0.980346·2/2.3065)^-0.1542 = 0.909493.
// S = 2.3065·(1 + 6.502586·(11-2.118104)·2.3065^-0.1666·(e^(0.796·0.090507)-1))
// = 2.3065·(1 + 6.502586·8.881896·0.870025·0.074702) = 10.964332.
// D: ΔD = -3.0194·0 = 0; 0.001·(-4.771631) + 0.999·2.118104 = 2.111214.
// Interval 11.
//
// day 12, Again, 10 days later: R = (1 + 0.980346·10/10.964332)^-0.1542
// = 0.906199. S = min(1.4835·2.111214^-0.0614·(11.964332^0.2629-1)·e^(1.6483·0.093801),
// 10.964332/e^(0.5425·0.0912)) = min(1.4835·0.955155·0.920334·1.167205,
// 10.435062) = 1.522138. D: ΔD = -3.0194·(1-3) = 6.0388, damped
// 2.111214 + 6.0388·(10-2.111214)/9 = 7.404414, reverted 0.001·(-4.771631)
// + 0.999·7.404414 = 7.392238. Due at once; Interval() = round(1.522138) = 2.
//
// day 12, Good, the same day (short-term): SInc = e^(0.5425·(0+0.0912))·
// 1.522138^-0.0658 = 1.050720·0.972735 = 1.022072 (at least 1 for Good),
// S = 1.555735. D = 0.001·(-4.771631) + 0.999·7.392238 = 7.380074.
// Interval 2.
//
// day 13, Hard, 1 day later: R = (1 + 0.980346/1.555735)^-0.1542 = 0.927416.
// S = 1.555735·(1 + 6.502586·(11-7.380074)·1.555735^-0.1666·(e^(0.796·0.072584)-1)·0.6014)
// = 1.555735·(1 + 6.502586·3.619926·0.929017·0.059479·0.6014) = 2.772677.
// D: ΔD = 3.0194, damped 7.380074 + 3.0194·2.619926/9 = 8.259030,
// reverted 8.246000. Interval 3.
//
// day 16, Easy, 3 days later: R = (1 + 0.980346·3/2.772677)^-0.1542 = 0.894496.
// S = 2.772677·(1 + 6.502586·2.754000·0.843748·0.087609·1.8729) = 9.646916.
// D: ΔD = -3.0194, damped 8.246000 - 3.0194·1.754/9 = 7.657552,
// reverted 7.645123. Interval 10.
func TestWorkedExample(t *testing.T) {
	steps := []struct {
		day      float64
		r        Rating
		s, d     float64
		interval int
		dueDay   float64
	}{
		{0, Good, 2.3065, 2.118104, 2, 2},
		{2, Good, 10.964332, 2.111214, 11, 13},
		{12, Again, 1.522138, 7.392238, 2, 12},
		{12, Good, 1.555735, 7.380074, 2, 14},
		{13, Hard, 2.772677, 8.246000, 3, 16},
		{16, Easy, 9.646916, 7.645123, 10, 26},
	}
	var s State
	for i, st := range steps {
		s = Next(s, st.r, day(st.day))
		if !near(s.Stability, st.s) || !near(s.Difficulty, st.d) || s.Interval() != st.interval || !s.Due.Equal(day(st.dueDay)) {
			t.Fatalf("step %d (%v on day %v): S %.6f D %.6f interval %d due %v; want S %.6f D %.6f interval %d due day %v",
				i+1, st.r, st.day, s.Stability, s.Difficulty, s.Interval(), s.Due, st.s, st.d, st.interval, st.dueDay)
		}
	}
	if s.Reps != 6 || s.Lapses != 1 || s.LastRating != Easy || !s.LastReview.Equal(day(16)) {
		t.Errorf("after the example: %+v", s)
	}
}

// TestReference replays the sequences of the reference implementations'
// tests: py-fsrs v6's test_review_card (learning steps of 1 and 10 minutes
// and a relearning step of 10 minutes, so some reviews come 10 minutes
// after the last; their intervals there are 0) and test_memo_state, whose
// end state fsrs-rs' tests quote too (S 53.62691, D 6.3574867 after the
// sixth review and 6.346358 after the seventh).
func TestReference(t *testing.T) {
	t.Run("review_card", func(t *testing.T) {
		ratings := []Rating{Good, Good, Good, Good, Good, Good, Again, Again, Good, Good, Good, Good, Good}
		wantDays := []int{0, 2, 11, 46, 163, 498, 0, 0, 2, 4, 7, 12, 21}
		at := time.Date(2022, 11, 29, 12, 30, 0, 0, time.UTC)
		var s State
		for i, r := range ratings {
			s = Next(s, r, at)
			got := s.Interval()
			step := wantDays[i] == 0 // a learning or relearning step
			if step {
				got = 0
				at = at.Add(10 * time.Minute)
			} else {
				at = s.Due
			}
			if got != wantDays[i] || (!step && !s.Due.Equal(s.LastReview.Add(time.Duration(got)*24*time.Hour))) {
				t.Fatalf("review %d (%v): interval %d; want %d", i+1, r, got, wantDays[i])
			}
		}
	})
	t.Run("memo_state", func(t *testing.T) {
		ratings := []Rating{Again, Good, Good, Good, Good, Good, Good}
		gaps := []int{0, 0, 1, 3, 8, 21, 0}
		at := time.Date(2022, 11, 29, 12, 30, 0, 0, time.UTC)
		var s State
		for i, r := range ratings {
			at = at.AddDate(0, 0, gaps[i])
			s = Next(s, r, at)
			if i == 5 && (!near(s.Stability, 53.62691) || !near(s.Difficulty, 6.3574867)) {
				t.Errorf("after review 6: S %.6f D %.6f; want 53.62691, 6.3574867", s.Stability, s.Difficulty)
			}
		}
		if !near(s.Stability, 53.62691) || !near(s.Difficulty, 6.346358) {
			t.Errorf("after review 7: S %.6f D %.6f; want 53.62691, 6.346358", s.Stability, s.Difficulty)
		}
	})
}

func TestRetrievability(t *testing.T) {
	for _, s := range []float64{0.212, 1, 2.3065, 10, 365.25, 36500} {
		if r := Retrievability(s, s); !near(r, DesiredRetention) || math.Abs(r-0.9) > 1e-12 {
			t.Errorf("R(S, S) = %v for S = %v; want 0.9", r, s)
		}
		if r := Retrievability(0, s); r != 1 {
			t.Errorf("R(0, %v) = %v; want 1", s, r)
		}
		if a, b := Retrievability(s/2, s), Retrievability(2*s, s); !(a > 0.9 && b < 0.9) {
			t.Errorf("R(S/2) = %v, R(2S) = %v for S = %v: not falling through 0.9 at S", a, b, s)
		}
	}
	// Worked: R(10, 10.964332) = (1 + 0.980346·10/10.964332)^-0.1542 = 0.906199.
	if r := Retrievability(10, 10.964332); !near(r, 0.906199) {
		t.Errorf("R(10, 10.964332) = %v; want 0.906199", r)
	}
	st := Next(State{}, Good, now)
	if r := st.Retrievability(day(2.5)); !near(r, Retrievability(2, st.Stability)) {
		t.Errorf("State.Retrievability 2.5 days on = %v; want R(2 whole days)", r)
	}
	if r := (State{}).Retrievability(now); r != 0 {
		t.Errorf("never reviewed: R = %v; want 0", r)
	}
}

func TestNextInterval(t *testing.T) {
	for _, tt := range []struct {
		s    float64
		want int
	}{{0, 1}, {0.212, 1}, {1.49, 1}, {1.5, 2}, {2.3065, 2}, {10.964332, 11}, {36499.6, MaxInterval}, {1e6, MaxInterval}} {
		if got := NextInterval(tt.s); got != tt.want {
			t.Errorf("NextInterval(%v) = %d; want %d", tt.s, got, tt.want)
		}
	}
}

func TestGrade(t *testing.T) {
	tests := []struct {
		name          string
		right, missed bool
		want          Rating
	}{
		{"wrong", false, false, Again},
		{"wrong again in the same review", false, true, Again},
		{"right after a miss in the same review", true, true, Hard},
		{"right at once", true, false, Good},
		// Outside a review nothing can have been missed in it.
		{"right outside a review", true, false, Good},
	}
	for _, tt := range tests {
		if got := Grade(tt.right, tt.missed); got != tt.want {
			t.Errorf("%s: Grade(%v, %v) = %v; want %v", tt.name, tt.right, tt.missed, got, tt.want)
		}
	}
}

func TestSchedule(t *testing.T) {
	lapsed := Next(State{}, Again, now)
	recalled := Next(lapsed, Good, now.Add(time.Hour))
	tests := []struct {
		name        string
		in          State
		scheduled   bool
		r           Rating
		at          time.Time
		wantChanged bool
		wantDueNow  bool
	}{
		{"wrong, new: due at once", State{}, false, Again, now, true, true},
		{"wrong again while waiting: the same lapse", lapsed, true, Again, now.Add(time.Hour), false, true},
		{"right, never scheduled: nothing", State{}, false, Good, now, false, false},
		{"right, due: moves out", lapsed, true, Good, now.Add(time.Hour), true, false},
		{"right after a miss, due: moves out", lapsed, true, Hard, now.Add(time.Hour), true, false},
		{"right, not due yet: nothing", recalled, true, Good, now.Add(2 * time.Hour), false, false},
		{"wrong, not due yet: lapses", recalled, true, Again, now.Add(2 * time.Hour), true, true},
		{"wrong, due after a recall: lapses", recalled, true, Again, recalled.Due, true, true},
	}
	for _, tt := range tests {
		got, changed := Schedule(tt.in, tt.scheduled, tt.r, tt.at)
		if changed != tt.wantChanged {
			t.Errorf("%s: changed = %v", tt.name, changed)
		}
		if !changed && got != tt.in {
			t.Errorf("%s: unchanged, yet %+v became %+v", tt.name, tt.in, got)
		}
		if changed && got.IsDue(tt.at) != tt.wantDueNow {
			t.Errorf("%s: due now = %v; want %v (%+v)", tt.name, got.IsDue(tt.at), tt.wantDueNow, got)
		}
	}
}

func TestFromSM2(t *testing.T) {
	due := time.Date(2025, 1, 10, 8, 0, 0, 0, time.UTC)
	// D = 11 - (ease-1)/(e^1.8722·S^-0.1666·(e^0.0796-1)); e^0.0796-1 = 0.082854:
	//   ease 1.96, S 1:  0.96/(6.502586·1·0.082854)        = 0.96/0.538764 = 1.781856 -> 9.218145
	//   ease 2.5,  S 6:  1.5/(6.502586·0.741874·0.082854)  = 1.5/0.399723  = 3.752602 -> 7.247398
	//   ease 2.36, S 15: 1.36/(6.502586·0.636903·0.082854) = 1.36/0.343133 = 3.963483 -> 7.036518
	//   ease 1.3,  S 1:  0.3/0.538764 = 0.556831 -> 10.443169, clamped to 10
	tests := []struct {
		old        SM2
		s, d       float64
		lastRating Rating
		lastReview time.Time
	}{
		{SM2{Ease: 1.96, Interval: 1, Reps: 0, Due: due}, 1, 9.218145, Again, due},
		{SM2{Ease: 2.5, Interval: 6, Reps: 2, Due: due}, 6, 7.247398, Good, due.AddDate(0, 0, -6)},
		{SM2{Ease: 2.36, Interval: 15, Reps: 3, Due: due}, 15, 7.036518, Good, due.AddDate(0, 0, -15)},
		{SM2{Ease: 1.3, Interval: 1, Reps: 1, Due: due}, 1, 10, Good, due.AddDate(0, 0, -1)},
	}
	for _, tt := range tests {
		got := FromSM2(tt.old)
		if !got.Due.Equal(tt.old.Due) || got.Stability != tt.s || !near(got.Difficulty, tt.d) ||
			got.LastRating != tt.lastRating || !got.LastReview.Equal(tt.lastReview) ||
			got.Reps != tt.old.Reps+1 || got.Lapses != 1 || got.Interval() != tt.old.Interval {
			t.Errorf("FromSM2(%+v) = %+v; want S %v D %.6f, last %v at %v", tt.old, got, tt.s, tt.d, tt.lastRating, tt.lastReview)
		}
	}
	// A higher ease is an easier question.
	if a, b := FromSM2(SM2{Ease: 1.5, Interval: 10, Reps: 2, Due: due}), FromSM2(SM2{Ease: 2.8, Interval: 10, Reps: 2, Due: due}); !(a.Difficulty > b.Difficulty) {
		t.Errorf("ease 1.5 gave D %v, ease 2.8 D %v", a.Difficulty, b.Difficulty)
	}
	// Every SM-2 interval is FSRS's interval for the converted state.
	for ivl := 1; ivl <= MaxInterval; ivl++ {
		if got := FromSM2(SM2{Ease: 2.5, Interval: ivl, Reps: 2, Due: due}).Interval(); got != ivl {
			t.Fatalf("SM-2 interval %d became %d", ivl, got)
		}
	}
}

// FuzzNext checks FSRS's monotonic properties over any sequence of ratings
// at any gaps: stability stays positive and difficulty in 1..10; a Good
// review when due never shortens the interval and raises stability; Again
// never raises stability.
func FuzzNext(f *testing.F) {
	f.Add([]byte{3, 3, 1, 3, 2, 4}, []byte{0, 2, 10, 0, 1, 3})
	f.Add([]byte{1, 1, 1, 3, 3, 3, 3}, []byte{0, 0, 0, 1, 200, 0, 5})
	f.Add([]byte{4, 4, 4, 4, 4, 4, 4, 4}, []byte{0, 9, 40, 255, 255, 255, 255, 255})
	f.Fuzz(func(t *testing.T, ratings, gaps []byte) {
		var s State
		at := now
		for i, b := range ratings {
			r := Rating(b%4) + Again
			due := false
			if i < len(gaps) {
				if gaps[i] == 255 && s.Reps > 0 {
					at, due = s.Due, true
				} else {
					at = at.Add(time.Duration(gaps[i]) * 6 * time.Hour)
				}
			}
			next := Next(s, r, at)
			if !(next.Stability >= MinStability) || !(next.Difficulty >= 1 && next.Difficulty <= 10) {
				t.Fatalf("review %d: %+v", i, next)
			}
			if s.Reps > 0 {
				if r == Again && next.Stability > s.Stability {
					t.Fatalf("review %d: Again raised S %v to %v", i, s.Stability, next.Stability)
				}
				if r == Good && due && (next.Stability <= s.Stability || next.Interval() < s.Interval()) {
					t.Fatalf("review %d: Good when due: S %v -> %v, interval %d -> %d", i, s.Stability, next.Stability, s.Interval(), next.Interval())
				}
				if r >= Good && next.Stability < s.Stability {
					t.Fatalf("review %d: %v lowered S %v to %v", i, r, s.Stability, next.Stability)
				}
			}
			if next.Reps != s.Reps+1 || next.IsDue(at) != (r == Again) {
				t.Fatalf("review %d (%v): %+v", i, r, next)
			}
			s = next
		}
	})
}

func TestIntervalsGrowWithGood(t *testing.T) {
	s := Next(State{}, Good, now)
	for i := range 20 {
		next := Next(s, Good, s.Due)
		if next.Interval() < s.Interval() || next.Stability <= s.Stability {
			t.Fatalf("Good %d at due: interval %d -> %d, S %v -> %v", i+2, s.Interval(), next.Interval(), s.Stability, next.Stability)
		}
		s = next
	}
	if s.Interval() != MaxInterval {
		t.Errorf("after 21 Goods the interval is %d; want the cap %d", s.Interval(), MaxInterval)
	}
}
