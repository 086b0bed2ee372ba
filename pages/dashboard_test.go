package pages

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/engine/report/reporttest"
)

func TestDashboard(t *testing.T) {
	rows := reporttest.Class(t)
	rows[0].Title = "Homework <1>"
	rows[2].FirstName, rows[2].LastName = "Ben", "<b>Bold</b>"
	// A huge message is cut in the dashboard (one more failing test of ben's).
	long := strings.Repeat("x", 1000)
	var v engine.Verdict
	if err := json.Unmarshal(rows[2].Items[2].Output, &v); err != nil {
		t.Fatal(err)
	}
	v.Tests = append(v.Tests, engine.TestResult{Name: "TestHuge", Status: "fail", Message: long})
	rows[2].Items[2] = reporttest.Exercise(t, v, 2)
	d, err := dashboardOf(reporttest.Course(), rows)
	if err != nil {
		t.Fatal(err)
	}
	if d.Flagged != 1 {
		t.Errorf("%d flagged items, want 1 (q2)", d.Flagged)
	}
	var buf bytes.Buffer
	if err := Dashboard(&buf, reporttest.Course(), rows); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	// The numbers worked out in TestClassStats, as the page shows them.
	for _, want := range []string{
		"<h1>Homework &lt;1&gt; (hw): class dashboard</h1>",
		`<dd id="mean">15.24 / 40</dd>`, `<dd id="median">9 / 40</dd>`,
		`<tr><th scope="row" class="item">q1</th><td>question</td><td class="num" data-sort="10">10</td><td class="num" data-sort="0.6">60%</td><td class="num" data-sort="3">3/5</td><td class="num" data-sort="0.48333`,
		`<tr class="flagged"><th scope="row" class="item">q2</th>`, `data-sort="0.2">20%</td>`, `>-0.52</td>`,
		`<td class="flag">negative discrimination; distractor picked more than the answer: Poll::Pending</td>`,
		`<th scope="row" class="item">ex</th>`, `>40%</td>`, `>0.46</td>`, `>1.6</td>`,
		`<th scope="row">Poll::Pending</th><td class="num" data-sort="0.75">75%</td><td>3</td><td>no</td>`,
		`<th scope="row">spawn ✓</th><td class="num" data-sort="0.6">60%</td><td>3</td><td>yes</td>`,
		`<th scope="row" class="test">TestCancel</th><td class="num" data-sort="2">2</td><td class="messages">leaked 1 goroutine (1×)
leaked 2 goroutines (1×)</td>`,
		`<th scope="row">race</th><td class="num" data-sort="1">1</td>`,
		`<th scope="row">on time</th><td class="num" data-sort="3">3</td>`,
		"Ben &lt;b&gt;Bold&lt;/b&gt;", `<th scope="col">Name</th>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	// Undefined values (the exercise's mean attempts) read "–", never NaN.
	if regexp.MustCompile(`[>"]NaN[<"]`).MatchString(page) {
		t.Error("the page shows NaN")
	}
	if strings.Contains(page, long) || !strings.Contains(page, strings.Repeat("x", messageRunes-1)+"… (1×)") {
		t.Error("a 1000-character message is not cut to 400 characters")
	}
	if strings.Contains(page, "<b>Bold</b>") {
		t.Error("a student's name went into the page unescaped")
	}
	if _, err := dashboardOf(reporttest.Course(), nil); err == nil {
		t.Error("a dashboard of no grades was made")
	}
}

func TestShorten(t *testing.T) {
	for _, tt := range []struct {
		s    string
		n    int
		want string
	}{
		{"short", 30, "short"},
		{"exactly five", 12, "exactly five"},
		{"Async is a different tool, not a better one", 12, "Async is a…"},
		{"ééééé", 3, "éé…"},
	} {
		if got := shorten(tt.s, tt.n); got != tt.want {
			t.Errorf("shorten(%q, %d) = %q, want %q", tt.s, tt.n, got, tt.want)
		}
	}
}

// TestDashboardLateness: days late are a bar each up to LateDayBars, the
// rest one bar, so that a bundle a year late (or from a wrong clock) does
// not draw hundreds of empty bars.
func TestDashboardLateness(t *testing.T) {
	rows := reporttest.Class(t)
	rows[0].DaysLate, rows[0].PastCutoff = 400, true
	rows[1].DaysLate = LateDayBars + 1
	d, err := dashboardOf(reporttest.Course(), rows)
	if err != nil {
		t.Fatal(err)
	}
	got := pairs(d.Lateness.Table)
	if len(got) != LateDayBars+2 {
		t.Fatalf("%d bars of lateness, want %d: %v", len(got), LateDayBars+2, got)
	}
	if want := "over 14 days=2"; got[len(got)-1] != want {
		t.Errorf("last bar %q, want %q", got[len(got)-1], want)
	}
	if want := "14 days=0"; got[len(got)-2] != want {
		t.Errorf("bar before it %q, want %q", got[len(got)-2], want)
	}
	// A class within the bars keeps one bar a day, the last day late last.
	d, err = dashboardOf(reporttest.Course(), reporttest.Class(t))
	if err != nil {
		t.Fatal(err)
	}
	if got := pairs(d.Lateness.Table); strings.Join(got, ", ") != "on time=3, 1 day=1, 2 days=1" {
		t.Errorf("lateness %v", got)
	}
}
