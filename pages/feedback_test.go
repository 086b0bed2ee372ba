package pages

import (
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/engine/report"
)

// sampleFeedback is a graded report with one passed and one failed exercise,
// a question right at the third attempt and a missing question.
func sampleFeedback() report.Feedback {
	due := time.Date(2026, 12, 1, 23, 59, 0, 0, time.UTC)
	return report.Feedback{
		CourseTitle:     "Go concurrency",
		AssignmentID:    "hw1",
		AssignmentTitle: "Channels",
		Due:             due,
		Submitted:       due.Add(90 * time.Minute).In(time.FixedZone("CET", 3600)),
		GradedAt:        due.Add(48 * time.Hour),
		StudentID:       "s42",
		StudentName:     "Ada",
		Max:             40,
		Raw:             23.2,
		DaysLate:        1,
		LatePenalty:     2.32,
		Score:           20.88,
		Items: []report.Item{
			{ID: "ping", Title: "Ping pong", Kind: "exercise", Max: 10, Points: 10, Passed: true, Outcome: "pass"},
			{ID: "pool", Title: "Worker pool", Kind: "exercise", Max: 10, Outcome: "fail",
				Message: "1 of 2 tests failed",
				Tests: []engine.TestResult{
					{Name: "TestPoolSize", Status: "pass"},
					{Name: "TestPoolDrains", Status: "fail", Message: "pool_test.go:12: got 3 results, want 4"},
				}},
			{ID: "q1", Title: "Unbuffered send", Kind: "question", Max: 16, Points: 13.2, Passed: true,
				Penalty: 0.175, Attempts: 3, Outcome: "right"},
			{ID: "q2", Title: "Closed channel", Kind: "question", Max: 4, Outcome: "missing"},
		},
	}
}

func renderFeedback(t *testing.T, r report.Feedback) string {
	t.Helper()
	var b strings.Builder
	if err := Feedback(&b, r); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestFeedbackHTML(t *testing.T) {
	preview := sampleFeedback()
	preview.Preview = true
	preview.GradedAt = time.Time{}
	late := sampleFeedback()
	late.DaysLate, late.PastCutoff, late.LatePenalty, late.Score = 9, true, 23.2, 0
	onTime := sampleFeedback()
	onTime.DaysLate, onTime.LatePenalty, onTime.Score, onTime.StudentName = 0, 0, 23.2, ""
	for _, tc := range []struct {
		name      string
		r         report.Feedback
		want, not []string
	}{
		{
			name: "graded",
			r:    sampleFeedback(),
			want: []string{
				"Go concurrency", "Channels (hw1)", "Ada (s42)",
				"20.88 / 40", ">23.2<", "−2.32 (1 day late)",
				"2026-12-02 01:29 UTC", "2026-12-01 23:59 UTC", "Graded", "2026-12-03 23:59 UTC",
				`<th scope="col">Points</th>`, `<th scope="row">ping</th>`,
				"10 / 10", "0 / 10", "13.2 / 16", "0 / 4",
				"passed", "tests failed", "right answer, 3 attempts (−17.5%)", "not submitted",
				"<pre>1 of 2 tests failed</pre>", "<code>TestPoolDrains</code>",
				"<pre>pool_test.go:12: got 3 results, want 4</pre>",
			},
			not: []string{`class="preview"`, "Preview:", "past the cutoff", "TestPoolSize", `href="#item-0"`},
		},
		{
			name: "preview",
			r:    preview,
			want: []string{
				"<title>Preview: Channels",
				"<strong>Preview:</strong> this is your own check, not a grade. The instructor re-grades your bundle.",
			},
			not: []string{"Graded", "Checked"},
		},
		{
			name: "past cutoff",
			r:    late,
			want: []string{"0 / 40", "9 days late, past the cutoff: scores 0"},
			not:  []string{"−23.2"},
		},
		{
			name: "on time, no name",
			r:    onTime,
			want: []string{"23.2 / 40", "none (on time)", "Feedback for <strong>s42</strong>"},
			not:  []string{"day late", "days late", "()"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := renderFeedback(t, tc.r)
			for _, s := range tc.want {
				if !strings.Contains(out, s) {
					t.Errorf("missing %q", s)
				}
			}
			for _, s := range tc.not {
				if strings.Contains(out, s) {
					t.Errorf("unexpected %q", s)
				}
			}
			if t.Failed() {
				t.Log(out)
			}
		})
	}
}

// Everything a student controls is escaped.
func TestFeedbackHTMLEscapes(t *testing.T) {
	const hostile = `"&<>`
	r := sampleFeedback()
	r.StudentName = hostile
	r.Items[1].Title = hostile
	r.Items[1].Message = "<script>alert(1)</script>\nline 2"
	r.Items[1].Tests[1].Name = hostile
	r.Items[1].Tests[1].Message = "</pre><img src=x onerror=alert(1)>"
	out := renderFeedback(t, r)
	for _, s := range []string{"<script", "<img", hostile} {
		if strings.Contains(out, s) {
			t.Errorf("unescaped %q in output", s)
		}
	}
	for _, s := range []string{
		"&lt;script&gt;alert(1)&lt;/script&gt;\nline 2",
		"&#34;&amp;&lt;&gt; (s42)",
		"<code>&#34;&amp;&lt;&gt;</code>",
		"&lt;/pre&gt;&lt;img src=x onerror=alert(1)&gt;",
	} {
		if !strings.Contains(out, s) {
			t.Errorf("missing escaped %q", s)
		}
	}
}

// The page stands alone and is well-formed: it is written to parse as XML
// too, which catches unclosed or misnested tags.
func TestFeedbackHTMLWellFormed(t *testing.T) {
	r := sampleFeedback()
	r.Items[1].Message = "<b>a & b</i>"
	out := renderFeedback(t, r)
	if !strings.HasPrefix(out, "<!DOCTYPE html>\n") || !strings.Contains(out, `<html lang="en">`) {
		t.Errorf("no doctype or lang:\n%.200s", out)
	}
	for _, s := range []string{"<script", "<link", "src=", "http:", "https:", "@import", "url("} {
		if strings.Contains(out, s) {
			t.Errorf("page is not self-contained: %q", s)
		}
	}
	d := xml.NewDecoder(strings.NewReader(out))
	for {
		_, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed: %v", err)
		}
	}
}
