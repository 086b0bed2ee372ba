package pages

import (
	"strings"
	"testing"
	"time"

	"github.com/asynclings/asynclings/engine/report"
	"github.com/asynclings/asynclings/engine/report/reporttest"
)

// TestLearnerPageEmpty: a learner with no records gets a page that says so
// instead of empty charts; the forecast and the calendar are there.
func TestLearnerPageEmpty(t *testing.T) {
	now := time.Date(2026, 3, 11, 18, 0, 0, 0, time.UTC)
	var b strings.Builder
	if err := Learner(&b, report.Learner(report.LearnerRecords{User: "ada", Course: reporttest.LearnerCourse(), Now: now})); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	for _, want := range []string{
		"<title>ada: progress in C</title>",
		`<dd id="summary-done">0 of 6</dd>`,
		"<p>No activity yet.</p>",
		"<p>No item tried yet.</p>",
		"<p>No hints used and nothing given up.</p>",
		`aria-labelledby="forecast-chart-title"`,
		`data-date="2026-03-11"`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page has no %s", want)
		}
	}
	for _, unwanted := range []string{`id="first-try-chart"`, `id="hints-chart"`, `data-date="2026-03-12"`} {
		if strings.Contains(page, unwanted) {
			t.Errorf("the page has %s", unwanted)
		}
	}
}
