package main

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/asynclings/asynclings/cmd/internal/browsertest"
	"github.com/rogpeppe/go-internal/testscript"
)

// TestDashboardInBrowser grades report.txtar's class (its numbers are
// worked out by hand there), then loads the dashboard in Chromium: the
// numbers are in the DOM, the tables sort, and the page is not blank,
// light, dark or printed. With $ASYNCLINGS_SCREENSHOTS set, the
// screenshots are kept in that directory.
func TestDashboardInBrowser(t *testing.T) {
	b := browsertest.Start(t) // first: skip before grading a class for nothing
	p := scriptParams()
	p.Dir, p.Files = "", []string{filepath.Join("testdata", "script", "report.txtar")}
	var work string
	setup := p.Setup
	p.Setup = func(env *testscript.Env) error {
		work = env.WorkDir
		return setup(env)
	}
	p.TestWork = true // keep $WORK for the browser; removed below
	t.Run("class", func(t *testing.T) { testscript.Run(t, p) })
	if work != "" {
		t.Cleanup(func() { os.RemoveAll(work) })
	}
	if t.Failed() || work == "" {
		t.FailNow()
	}
	b.Open(filepath.Join(work, "dash", "index.html"))

	// A row of a table, cell by cell, found by its first cell.
	row := func(table, first string) []string {
		t.Helper()
		for i, head := range b.Texts(table + " tbody tr > :first-child") {
			if head == first {
				return b.Texts(table + " tbody tr:nth-child(" + strconv.Itoa(i+1) + ") > *")
			}
		}
		t.Errorf("%s has no row %q", table, first)
		return nil
	}
	const distractor = "Use async, because async code is simpler to write and debug than threaded code"
	for _, tt := range []struct {
		table, first string
		want         []string
	}{
		// Item, kind, points, difficulty, right, discrimination, attempts, hints, flags.
		{"#items-table", "gs-not-better", []string{"gs-not-better", "question", "10", "40%", "2/5", "0.26", "1", "0", "distractor picked more than the answer: " + distractor}},
		{"#items-table", "gs-go-keyword", []string{"gs-go-keyword", "question", "10", "60%", "3/5", "0.84", "1.25", "0", ""}},
		{"#items-table", "gs-run-all", []string{"gs-run-all", "exercise", "20", "40%", "2/5", "0.61", "–", "1.5", ""}},
		{"#options-gs-not-better-data", distractor, []string{distractor, "60%", "3", "no"}},
		{"#options-gs-not-better-data", "Async is a different tool, not a better one: plain threads are often simpler here ✓", []string{"Async is a different tool, not a better one: plain threads are often simpler here ✓", "40%", "2", "yes"}},
		{"#outcomes-gs-run-all-data", "race", []string{"race", "1"}},
		{"#outcomes-gs-run-all-data", "pass", []string{"pass", "2"}},
		{"#outcomes-gs-run-all-data", "missing", []string{"missing", "1"}},
		{"#difficulty-data", "gs-go-keyword", []string{"gs-go-keyword", "60%"}},
		{"#discrimination-data", "gs-run-all", []string{"gs-run-all", "0.61"}},
		{"#lateness-data", "2 days", []string{"2 days", "1"}},
	} {
		if got := row(tt.table, tt.first); !slices.Equal(got, tt.want) {
			t.Errorf("%s row %q reads %q, want %q", tt.table, tt.first, got, tt.want)
		}
	}
	if got := b.Text("#mean"); got != "17 / 40" {
		t.Errorf("mean score reads %q, want 17 / 40", got)
	}
	if got := b.Texts("#items-table tr.flagged > :first-child"); !slices.Equal(got, []string{"gs-not-better"}) {
		t.Errorf("flagged rows %q, want gs-not-better's", got)
	}
	failing := b.Texts("#failing-gs-run-all tbody th.test")
	for _, name := range []string{"TestRunsEveryJobOnce", "TestWaitsForSlowJobs", "TestJobsOverlap"} {
		if !slices.Contains(failing, name) {
			t.Errorf("the failing tests of gs-run-all are %q, without %s", failing, name)
		}
	}
	if got := row("#failing-gs-run-all", "TestRunsEveryJobOnce"); len(got) != 3 || !strings.Contains(got[2], "job 0 ran 2 times, want exactly 1") {
		t.Errorf("TestRunsEveryJobOnce's row reads %q, want dan's message", got)
	}
	// Every chart has its title for screen readers, and a table of its numbers.
	var unlabelled int
	b.Eval(`Array.from(document.querySelectorAll("svg.chart")).filter(s => !s.querySelector("title") || !s.closest("figure").querySelector("details table")).length`, &unlabelled)
	if n := len(b.Texts("svg.chart")); n < 6 || unlabelled != 0 {
		t.Errorf("%d charts, %d without a title or a table; want at least 6, all with both", n, unlabelled)
	}

	// No bundle named its student: no column of names.
	if got, want := b.Texts("#students-table thead th"), []string{"Student", "Score", "Raw", "Late penalty", "Days late", "gs-not-better", "gs-go-keyword", "gs-run-all"}; !slices.Equal(got, want) {
		t.Errorf("the students table's columns are %q, want %q", got, want)
	}
	// Sorting by score: highest first on the second click; the sort is
	// stable, so dan stays before eve (both 0), as the gradebook lists them.
	b.Eval(`(() => { const th = Array.from(document.querySelectorAll("#students-table thead th")).find(th => th.textContent.trim().startsWith("Score")); th.querySelector("button").click(); th.querySelector("button").click(); return th.getAttribute("aria-sort"); })()`, new(string))
	if got := b.Texts("#students-table tbody tr > :first-child"); !slices.Equal(got, []string{"ada", "cy", "bob", "dan", "eve"}) {
		t.Errorf("students by score, highest first: %q", got)
	}
	b.Looks("dashboard")
}
