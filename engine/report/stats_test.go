package report

import (
	"encoding/json"
	"math"
	"reflect"
	"testing"

	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/engine/quiz"
)

// statsCourse has two multiple-choice questions and an exercise.
func statsCourse() *engine.Course {
	ch := &engine.Chapter{ID: "ch", Title: "Chapter",
		Questions: []*engine.Question{
			{ID: "q1", Type: engine.MultipleChoice, Prompt: "Which runs a task?", Answers: []string{"spawn"}, Distractors: []string{"block_on", "join"}},
			{ID: "q2", Type: engine.MultipleChoice, Prompt: "What does a finished future return?", Answers: []string{"Poll::Ready"}, Distractors: []string{"Poll::Pending"}},
		},
		Exercises: []*engine.Exercise{{ID: "ex"}},
	}
	return &engine.Course{ID: "c", Title: "C", Chapters: []*engine.Chapter{ch}}
}

func question(t *testing.T, id string, max float64, choice string, right bool, attempts int, points float64) RowItem {
	t.Helper()
	out, err := json.Marshal(quiz.Answer{Choices: []string{choice}})
	if err != nil {
		t.Fatal(err)
	}
	outcome := "wrong"
	if right {
		outcome = "right"
	}
	return RowItem{ID: id, Kind: engine.KindQuestion, Max: max, Points: points, Passed: right, Attempts: attempts, Outcome: outcome, Output: out}
}

func exercise(t *testing.T, v engine.Verdict, hints int) RowItem {
	t.Helper()
	out, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	it := RowItem{ID: "ex", Kind: engine.KindExercise, Max: 20, Hints: hints, Outcome: string(v.Outcome), Output: out}
	if v.Passed() {
		it.Passed, it.Points = true, 20
	}
	return it
}

func missingItem(id string, kind engine.Kind, max float64) RowItem {
	return RowItem{ID: id, Kind: kind, Max: max, Outcome: "missing"}
}

// statsClass is five students with known answers; TestClassStats works
// out its numbers by hand.
//
//	        q1 (10)          q2 (10, right at attempt 2 = 9)   ex (20)                      raw  late  score
//	ana     spawn ✓ att 1    Pending ✗ att 1                  pass, 0 hints                30   0     30
//	cai     spawn ✓ att 2    Pending ✗ att 1                  pass, 1 hint                 30   0     30
//	ben     spawn ✓ att 1    Pending ✗ att 2                  fail (TestCancel), 2 hints   10   1     9
//	dee     block_on ✗ att 3 (missing)                        race (TestOrder, TestCancel), 3 hints  0  0  0
//	eve     join ✗ att 1     Ready ✓ att 2 (9 points)         compile-error, 2 hints       9    2     7.2
func statsClass(t *testing.T) []Row {
	pass := engine.Verdict{Outcome: engine.OutcomePass, Tests: []engine.TestResult{{Name: "TestOrder", Status: "pass"}, {Name: "TestCancel", Status: "pass"}}}
	fail := engine.Verdict{Outcome: engine.OutcomeFail, Tests: []engine.TestResult{{Name: "TestOrder", Status: "pass"}, {Name: "TestCancel", Status: "fail", Message: "leaked 1 goroutine\n"}}}
	race := engine.Verdict{Outcome: engine.OutcomeFail, Message: "the race detector found a data race: main.go:12",
		Tests: []engine.TestResult{{Name: "TestOrder", Status: "fail", Message: "got [2 1], want [1 2]"}, {Name: "TestCancel", Status: "fail", Message: "leaked 2 goroutines"}}}
	broken := engine.Verdict{Outcome: engine.OutcomeCompileError, Message: "main.go:3: undefined: x"}
	row := func(id string, raw, score float64, late int, items ...RowItem) Row {
		return Row{Assignment: "hw", StudentID: id, RawScore: raw, Score: score, MaxScore: 40, DaysLate: late, Items: items}
	}
	return []Row{
		row("ana", 30, 30, 0, question(t, "q1", 10, "spawn", true, 1, 10), question(t, "q2", 10, "Poll::Pending", false, 1, 0), exercise(t, pass, 0)),
		row("cai", 30, 30, 0, question(t, "q1", 10, "spawn", true, 2, 10), question(t, "q2", 10, "Poll::Pending", false, 1, 0), exercise(t, pass, 1)),
		row("ben", 10, 9, 1, question(t, "q1", 10, "spawn", true, 1, 10), question(t, "q2", 10, "Poll::Pending", false, 2, 0), exercise(t, fail, 2)),
		row("dee", 0, 0, 0, question(t, "q1", 10, "block_on", false, 3, 0), missingItem("q2", engine.KindQuestion, 10), exercise(t, race, 3)),
		row("eve", 9, 7.2, 2, question(t, "q1", 10, "join", false, 1, 0), question(t, "q2", 10, "Poll::Ready", true, 2, 9), exercise(t, broken, 2)),
	}
}

func near(a, b float64) bool {
	return math.IsNaN(a) && math.IsNaN(b) || math.Abs(a-b) < 1e-4
}

func TestClassStats(t *testing.T) {
	cl := ClassStats(statsCourse(), statsClass(t))
	// Scores 30, 30, 9, 0, 7.2: mean 76.2 / 5 = 15.24; sorted 0, 7.2, 9,
	// 30, 30: median 9. On time ana, cai, dee; 1 day ben; 2 days eve.
	if cl.Students != 5 || cl.Max != 40 || !near(cl.Mean, 15.24) || !near(cl.Median, 9) ||
		!reflect.DeepEqual(cl.Lateness, []int{3, 1, 1}) || cl.PastCutoff != 0 {
		t.Errorf("class = %d students, max %v, mean %v, median %v, lateness %v, past cutoff %d; want 5, 40, 15.24, 9, [3 1 1], 0",
			cl.Students, cl.Max, cl.Mean, cl.Median, cl.Lateness, cl.PastCutoff)
	}
	if len(cl.Items) != 3 {
		t.Fatalf("%d items, want 3", len(cl.Items))
	}
	tests := []struct {
		name             string
		got              ItemStats
		right, handed    int
		difficulty, disc float64
		attempts, hints  float64
		options          []OptionRate
		outcomes         []OutcomeCount
		failing          []TestFailure
		flags            []string
	}{
		{
			// Right: ana, cai, ben: 3/5 = 60%.
			// Item x = 1 1 1 0 0 (ana cai ben dee eve); rest = raw − q1's points
			// = 20 20 0 0 9, mean 9.8. dx = .4 .4 .4 −.6 −.6, dy = 10.2 10.2
			// −9.8 −9.8 −0.8. Σdxdy = 4.08+4.08−3.92+5.88+0.48 = 10.6;
			// Σdx² = 3(.16)+2(.36) = 1.2; Σdy² = 2(104.04)+2(96.04)+0.64 = 400.8.
			// r = 10.6 / √(1.2 × 400.8) = 10.6 / 21.9308 = 0.4833.
			// Attempts (1+2+1+3+1)/5 = 1.6. Options over 5 answers.
			name: "q1", got: cl.Items[0], right: 3, handed: 5, difficulty: 0.6, disc: 0.4833, attempts: 1.6, hints: 0,
			options:  []OptionRate{{"spawn", true, 3, 0.6}, {"block_on", false, 1, 0.2}, {"join", false, 1, 0.2}},
			outcomes: []OutcomeCount{{"right", 3}, {"wrong", 2}},
		},
		{
			// Right: eve only (9 of 10 points after the attempt penalty still
			// counts as right): 1/5 = 20%.
			// x = 0 0 0 0 1; rest = 30 30 10 0 0, mean 14. dx = −.2 ×4, .8;
			// dy = 16 16 −4 −14 −14. Σdxdy = −3.2−3.2+0.8+2.8−11.2 = −14;
			// Σdx² = 4(.04)+.64 = 0.8; Σdy² = 256+256+16+196+196 = 920.
			// r = −14 / √736 = −14 / 27.1293 = −0.5161.
			// Handed in by 4 (dee's is missing): attempts (1+1+2+2)/4 = 1.5;
			// Ready 1/4 = 25%, Pending 3/4 = 75%.
			name: "q2", got: cl.Items[1], right: 1, handed: 4, difficulty: 0.2, disc: -0.5161, attempts: 1.5, hints: 0,
			options:  []OptionRate{{"Poll::Ready", true, 1, 0.25}, {"Poll::Pending", false, 3, 0.75}},
			outcomes: []OutcomeCount{{"wrong", 3}, {"missing", 1}, {"right", 1}},
			flags:    []string{FlagNegative, "distractor picked more than the answer: Poll::Pending"},
		},
		{
			// Right: ana, cai: 2/5 = 40%.
			// x = 1 1 0 0 0; rest = 10 10 10 0 9, mean 7.8. dx = .6 .6 −.4 −.4
			// −.4; dy = 2.2 2.2 2.2 −7.8 1.2. Σdxdy = 1.32+1.32−0.88+3.12−0.48
			// = 4.4; Σdx² = 1.2; Σdy² = 3(4.84)+60.84+1.44 = 76.8.
			// r = 4.4 / √92.16 = 4.4 / 9.6 = 0.4583.
			// Hints (0+1+2+3+2)/5 = 1.6; attempts are not in bundles for
			// exercises. dee's fail with the race message is a race.
			name: "ex", got: cl.Items[2], right: 2, handed: 5, difficulty: 0.4, disc: 0.4583, attempts: math.NaN(), hints: 1.6,
			outcomes: []OutcomeCount{{"pass", 2}, {"compile-error", 1}, {"fail", 1}, {"race", 1}},
			failing: []TestFailure{
				{Name: "TestCancel", Failed: 2, Messages: []MessageCount{{"leaked 1 goroutine", 1}, {"leaked 2 goroutines", 1}}},
				{Name: "TestOrder", Failed: 1, Messages: []MessageCount{{"got [2 1], want [1 2]", 1}}},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := tt.got
			if g.ID != tt.name || g.Right != tt.right || g.Handed != tt.handed || !near(g.Difficulty, tt.difficulty) || !near(g.Discrimination, tt.disc) ||
				!near(g.MeanAttempts, tt.attempts) || !near(g.MeanHints, tt.hints) {
				t.Errorf("%s: right %d, handed %d, difficulty %v, discrimination %v, attempts %v, hints %v; want %d, %d, %v, %v, %v, %v",
					g.ID, g.Right, g.Handed, g.Difficulty, g.Discrimination, g.MeanAttempts, g.MeanHints,
					tt.right, tt.handed, tt.difficulty, tt.disc, tt.attempts, tt.hints)
			}
			if !reflect.DeepEqual(g.Options, tt.options) {
				t.Errorf("options = %v, want %v", g.Options, tt.options)
			}
			if !reflect.DeepEqual(g.Outcomes, tt.outcomes) {
				t.Errorf("outcomes = %v, want %v", g.Outcomes, tt.outcomes)
			}
			if !reflect.DeepEqual(g.Failing, tt.failing) {
				t.Errorf("failing = %v, want %v", g.Failing, tt.failing)
			}
			if !reflect.DeepEqual(g.Flags, tt.flags) {
				t.Errorf("flags = %q, want %q", g.Flags, tt.flags)
			}
		})
	}
}

func TestClassStatsEdges(t *testing.T) {
	c := statsCourse()
	if cl := ClassStats(c, nil); cl.Students != 0 || len(cl.Items) != 0 || !math.IsNaN(cl.Mean) {
		t.Errorf("no rows: %+v", cl)
	}
	all := func(right bool) []Row {
		var rows []Row
		for i, raw := range []float64{10, 20} {
			pts := 0.0
			if right {
				pts = 10
			}
			rows = append(rows, Row{StudentID: string(rune('a' + i)), RawScore: raw, Items: []RowItem{question(t, "q1", 10, "spawn", right, 1, pts)}})
		}
		return rows
	}
	// Everybody right, or nobody: the correlation is undefined (no
	// variance in the item), not a number that would look meaningful.
	for _, right := range []bool{true, false} {
		st := ClassStats(c, all(right)).Items[0]
		if !math.IsNaN(st.Discrimination) {
			t.Errorf("all right=%v: discrimination %v, want NaN", right, st.Discrimination)
		}
		if nobody := len(st.Flags) == 1 && st.Flags[0] == FlagNobodyRight; nobody == right {
			t.Errorf("all right=%v: flags %q", right, st.Flags)
		}
	}
	// A row without the item at all is a student not given it (a pool's
	// draw left it out): not counted; an item no longer in the course gets
	// no options.
	rows := []Row{
		{StudentID: "a", RawScore: 10, Items: []RowItem{question(t, "gone", 10, "x", true, 1, 10)}},
		{StudentID: "b"},
	}
	st := ClassStats(c, rows).Items[0]
	if st.Options != nil || st.Given != 1 || st.Right != 1 || st.Handed != 1 || !near(st.Difficulty, 1) ||
		!reflect.DeepEqual(st.Outcomes, []OutcomeCount{{"right", 1}}) {
		t.Errorf("item not in every row: %+v", st)
	}
	// Several right choices: a distractor is flagged when picked more than
	// the least picked of them.
	multi := &engine.Question{ID: "m", Type: engine.MultipleChoice, Answers: []string{"a", "b"}, Multi: true, Distractors: []string{"c"}}
	opts := optionRates(multi, []quiz.Answer{{Choices: []string{"a", "c"}}, {Choices: []string{"a", "c"}}, {Choices: []string{"a", "b"}}})
	if got := flags(ItemStats{Options: opts, Given: 3, Right: 1, Discrimination: math.NaN()}); !reflect.DeepEqual(got, []string{"distractor picked more than the answer: c"}) {
		t.Errorf("multi flags = %q (options %v)", got, opts)
	}
}

// TestClassStatsPools: with a question pool each student has only the
// items they drew; an item is judged over the students who drew it.
func TestClassStatsPools(t *testing.T) {
	c := statsCourse()
	q := func(id, choice string, right bool) RowItem {
		pts := 0.0
		if right {
			pts = 10
		}
		return question(t, id, 10, choice, right, 1, pts)
	}
	// Everyone right on what they drew: q1 drawn by a, b; q2 by c, d, e, of
	// whom e is wrong. q1: 2 of 2 = 100%, no flag (it is not "nobody
	// right", nor wrong for c, d, e). q2: 2 of 3 = 67%; x = 1 1 0 (c d e),
	// rest = 0 for all three: no variance, discrimination undefined.
	rows := []Row{
		{StudentID: "a", RawScore: 10, Items: []RowItem{q("q1", "spawn", true)}},
		{StudentID: "b", RawScore: 10, Items: []RowItem{q("q1", "spawn", true)}},
		{StudentID: "c", RawScore: 10, Items: []RowItem{q("q2", "Poll::Ready", true)}},
		{StudentID: "d", RawScore: 10, Items: []RowItem{q("q2", "Poll::Ready", true)}},
		{StudentID: "e", RawScore: 0, Items: []RowItem{q("q2", "Poll::Pending", false)}},
	}
	cl := ClassStats(c, rows)
	if len(cl.Items) != 2 {
		t.Fatalf("%d items, want 2", len(cl.Items))
	}
	q1, q2 := cl.Items[0], cl.Items[1]
	if q1.Given != 2 || q1.Right != 2 || !near(q1.Difficulty, 1) || len(q1.Flags) != 0 ||
		!reflect.DeepEqual(q1.Outcomes, []OutcomeCount{{"right", 2}}) {
		t.Errorf("q1 = given %d, right %d, difficulty %v, flags %q, outcomes %v; want 2, 2, 1, none, [right 2]",
			q1.Given, q1.Right, q1.Difficulty, q1.Flags, q1.Outcomes)
	}
	if q2.Given != 3 || q2.Right != 2 || !near(q2.Difficulty, 2.0/3) || !math.IsNaN(q2.Discrimination) ||
		!reflect.DeepEqual(q2.Options, []OptionRate{{"Poll::Ready", true, 2, 2.0 / 3}, {"Poll::Pending", false, 1, 1.0 / 3}}) {
		t.Errorf("q2 = given %d, right %d, difficulty %v, discrimination %v, options %v", q2.Given, q2.Right, q2.Difficulty, q2.Discrimination, q2.Options)
	}
}
