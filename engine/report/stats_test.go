package report_test

import (
	"math"
	"reflect"
	"testing"

	"github.com/asynclings/asynclings/engine/report"
	"github.com/asynclings/asynclings/engine/report/reporttest"
)

func near(a, b float64) bool {
	return math.IsNaN(a) && math.IsNaN(b) || math.Abs(a-b) < 1e-4
}

func TestClassStats(t *testing.T) {
	cl := report.ClassStats(reporttest.Course(), reporttest.Class(t))
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
		got              report.ItemStats
		right, handed    int
		difficulty, disc float64
		attempts, hints  float64
		options          []report.OptionRate
		outcomes         []report.OutcomeCount
		failing          []report.TestFailure
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
			options:  []report.OptionRate{{"spawn", true, 3, 0.6}, {"block_on", false, 1, 0.2}, {"join", false, 1, 0.2}},
			outcomes: []report.OutcomeCount{{"right", 3}, {"wrong", 2}},
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
			options:  []report.OptionRate{{"Poll::Ready", true, 1, 0.25}, {"Poll::Pending", false, 3, 0.75}},
			outcomes: []report.OutcomeCount{{"wrong", 3}, {"missing", 1}, {"right", 1}},
			flags:    []string{report.FlagNegative, "distractor picked more than the answer: Poll::Pending"},
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
			outcomes: []report.OutcomeCount{{"pass", 2}, {"compile-error", 1}, {"fail", 1}, {"race", 1}},
			failing: []report.TestFailure{
				{Name: "TestCancel", Failed: 2, Messages: []report.MessageCount{{"leaked 1 goroutine", 1}, {"leaked 2 goroutines", 1}}},
				{Name: "TestOrder", Failed: 1, Messages: []report.MessageCount{{"got [2 1], want [1 2]", 1}}},
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
	c := reporttest.Course()
	if cl := report.ClassStats(c, nil); cl.Students != 0 || len(cl.Items) != 0 || !math.IsNaN(cl.Mean) {
		t.Errorf("no rows: %+v", cl)
	}
	all := func(right bool) []report.Row {
		var rows []report.Row
		for i, raw := range []float64{10, 20} {
			pts := 0.0
			if right {
				pts = 10
			}
			rows = append(rows, report.Row{StudentID: string(rune('a' + i)), RawScore: raw, Items: []report.RowItem{reporttest.Question(t, "q1", 10, "spawn", right, 1, pts)}})
		}
		return rows
	}
	// Everybody right, or nobody: the correlation is undefined (no
	// variance in the item), not a number that would look meaningful.
	for _, right := range []bool{true, false} {
		st := report.ClassStats(c, all(right)).Items[0]
		if !math.IsNaN(st.Discrimination) {
			t.Errorf("all right=%v: discrimination %v, want NaN", right, st.Discrimination)
		}
		if nobody := len(st.Flags) == 1 && st.Flags[0] == report.FlagNobodyRight; nobody == right {
			t.Errorf("all right=%v: flags %q", right, st.Flags)
		}
	}
	// A row without the item at all is a student not given it (a pool's
	// draw left it out): not counted; an item no longer in the course gets
	// no options.
	rows := []report.Row{
		{StudentID: "a", RawScore: 10, Items: []report.RowItem{reporttest.Question(t, "gone", 10, "x", true, 1, 10)}},
		{StudentID: "b"},
	}
	st := report.ClassStats(c, rows).Items[0]
	if st.Options != nil || st.Given != 1 || st.Right != 1 || st.Handed != 1 || !near(st.Difficulty, 1) ||
		!reflect.DeepEqual(st.Outcomes, []report.OutcomeCount{{"right", 1}}) {
		t.Errorf("item not in every row: %+v", st)
	}
}

// TestClassStatsPools: with a question pool each student has only the
// items they drew; an item is judged over the students who drew it.
func TestClassStatsPools(t *testing.T) {
	c := reporttest.Course()
	q := func(id, choice string, right bool) report.RowItem {
		pts := 0.0
		if right {
			pts = 10
		}
		return reporttest.Question(t, id, 10, choice, right, 1, pts)
	}
	// Everyone right on what they drew: q1 drawn by a, b; q2 by c, d, e, of
	// whom e is wrong. q1: 2 of 2 = 100%, no flag (it is not "nobody
	// right", nor wrong for c, d, e). q2: 2 of 3 = 67%; x = 1 1 0 (c d e),
	// rest = 0 for all three: no variance, discrimination undefined.
	rows := []report.Row{
		{StudentID: "a", RawScore: 10, Items: []report.RowItem{q("q1", "spawn", true)}},
		{StudentID: "b", RawScore: 10, Items: []report.RowItem{q("q1", "spawn", true)}},
		{StudentID: "c", RawScore: 10, Items: []report.RowItem{q("q2", "Poll::Ready", true)}},
		{StudentID: "d", RawScore: 10, Items: []report.RowItem{q("q2", "Poll::Ready", true)}},
		{StudentID: "e", RawScore: 0, Items: []report.RowItem{q("q2", "Poll::Pending", false)}},
	}
	cl := report.ClassStats(c, rows)
	if len(cl.Items) != 2 {
		t.Fatalf("%d items, want 2", len(cl.Items))
	}
	q1, q2 := cl.Items[0], cl.Items[1]
	if q1.Given != 2 || q1.Right != 2 || !near(q1.Difficulty, 1) || len(q1.Flags) != 0 ||
		!reflect.DeepEqual(q1.Outcomes, []report.OutcomeCount{{"right", 2}}) {
		t.Errorf("q1 = given %d, right %d, difficulty %v, flags %q, outcomes %v; want 2, 2, 1, none, [right 2]",
			q1.Given, q1.Right, q1.Difficulty, q1.Flags, q1.Outcomes)
	}
	if q2.Given != 3 || q2.Right != 2 || !near(q2.Difficulty, 2.0/3) || !math.IsNaN(q2.Discrimination) ||
		!reflect.DeepEqual(q2.Options, []report.OptionRate{{"Poll::Ready", true, 2, 2.0 / 3}, {"Poll::Pending", false, 1, 1.0 / 3}}) {
		t.Errorf("q2 = given %d, right %d, difficulty %v, discrimination %v, options %v", q2.Given, q2.Right, q2.Difficulty, q2.Discrimination, q2.Options)
	}
}
