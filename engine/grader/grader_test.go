package grader_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/engine/grader"
	"github.com/asynclings/asynclings/engine/homework"
	"github.com/asynclings/asynclings/engine/quiz"
	"github.com/asynclings/asynclings/engine/runner"
)

const chapter = `[[questions]]
id = "first"
type = "ShortAnswer"
prompt.prompt = "Which keyword starts a goroutine?"
answer.answer = "go"

[[exercises]]
id = "hello"
title = "Hello"
starter = "package hello\n"
test = "package hello; import \"testing\"; func TestIt(t *testing.T) {}"
solution = "package hello\n"

[[exercises]]
id = "bye"
title = "Bye"
starter = "package bye\n"
test = "package bye; import \"testing\"; func TestIt(t *testing.T) {}"
solution = "package bye\n"
`

const assignment = `id = "hw1"
title = "HW"
due = 2026-12-01T00:00:00Z
late_penalty_per_day = 0.5
late_cutoff_days = 1
[[items]]
id = "first"
points = 10
penalties = [0.5]
[[items]]
id = "hello"
points = 20
[[items]]
id = "bye"
points = 30
`

// fakeRunner passes code that says "PASS", fails the rest, and breaks down
// on code that says "BREAK".
type fakeRunner struct{ calls int }

func (f *fakeRunner) Batch(ctx context.Context, subs []runner.Submission, workers int) <-chan runner.Result {
	f.calls++
	out := make(chan runner.Result, len(subs))
	for i := len(subs) - 1; i >= 0; i-- { // out of order, as a real batch may be
		res := runner.Result{Index: i, Verdict: engine.Verdict{Outcome: engine.OutcomeFail}}
		switch subs[i].Code {
		case "PASS":
			res.Verdict.Outcome = engine.OutcomePass
		case "BREAK":
			res.Verdict.Outcome = engine.OutcomeInternalError
			res.Err = errors.New("no compiler")
		}
		out <- res
	}
	close(out)
	return out
}

// testAssignment is the course of chapter and the assignment on it.
func testAssignment(t *testing.T) (*engine.Course, *homework.Assignment) {
	t.Helper()
	c, err := engine.LoadFS(fstest.MapFS{
		"course.toml": {Data: []byte("format_version = 1\nid = \"c1\"\ntitle = \"C1\"\n")},
		"01-ch.toml":  {Data: []byte(chapter)},
	}, "course")
	if err != nil {
		t.Fatal(err)
	}
	a, err := homework.ParseAssignment("hw1.toml", []byte(assignment), c)
	if err != nil {
		t.Fatal(err)
	}
	return c, a
}

func TestGrade(t *testing.T) {
	c, a := testAssignment(t)
	due := a.Due
	answer := func(s string) *quiz.Answer { return &quiz.Answer{Text: s} }
	bundle := func(late time.Duration, items ...homework.Work) *homework.Bundle {
		return &homework.Bundle{Assignment: "hw1", Student: homework.Student{ID: "s"}, Submitted: due.Add(late), Items: items}
	}
	tests := []struct {
		name     string
		bundle   *homework.Bundle
		outcomes []string
		raw      float64
		final    float64
		err      bool
	}{
		{"all right", bundle(0, homework.Work{ID: "first", Answer: answer("go")}, homework.Work{ID: "hello", Code: "PASS"}, homework.Work{ID: "bye", Code: "PASS"}),
			[]string{"right", "pass", "pass"}, 60, 60, false},
		{"a wrong answer and failing code score nothing", bundle(0, homework.Work{ID: "first", Answer: answer("goroutine")}, homework.Work{ID: "hello", Code: "fail me"}),
			[]string{"wrong", "fail", "missing"}, 0, 0, false},
		{"second attempt and late", bundle(time.Hour, homework.Work{ID: "first", Answer: answer(" GO "), Attempts: 2}, homework.Work{ID: "bye", Code: "PASS"}),
			[]string{"right", "missing", "pass"}, 35, 17.5, false},
		{"nothing submitted", bundle(0), []string{"missing", "missing", "missing"}, 0, 0, false},
		{"runner broke down", bundle(0, homework.Work{ID: "hello", Code: "BREAK"}, homework.Work{ID: "bye", Code: "PASS"}),
			[]string{"missing", "internal-error", "pass"}, 30, 30, true},
	}
	var bundles []*homework.Bundle
	for _, tt := range tests {
		bundles = append(bundles, tt.bundle)
	}
	fake := &fakeRunner{}
	got := map[int]grader.Result{}
	lastChecked := 0
	grader.Grade(context.Background(), fake, c, a, bundles, grader.Options{Checked: func(done, total int) {
		if total != 6 || done != lastChecked+1 {
			t.Errorf("checked %d of %d after %d", done, total, lastChecked)
		}
		lastChecked = done
	}}, func(i int, r grader.Result) {
		if _, dup := got[i]; dup {
			t.Errorf("bundle %d reported twice", i)
		}
		got[i] = r
	})
	if lastChecked != 6 {
		t.Errorf("%d runs reported, want 6", lastChecked)
	}
	if fake.calls != 1 {
		t.Errorf("%d batches, want one for all bundles", fake.calls)
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, ok := got[i]
			if !ok {
				t.Fatal("never reported")
			}
			if r.Bundle != tt.bundle {
				t.Error("result is for another bundle")
			}
			for j, it := range r.Items {
				if it.Outcome != tt.outcomes[j] {
					t.Errorf("item %s: outcome %q, want %q", it.ID, it.Outcome, tt.outcomes[j])
				}
			}
			if r.Grade.Raw != tt.raw || r.Grade.Final != tt.final {
				t.Errorf("raw %v final %v, want %v %v", r.Grade.Raw, r.Grade.Final, tt.raw, tt.final)
			}
			if (r.Err != nil) != tt.err {
				t.Errorf("err = %v, want error: %v", r.Err, tt.err)
			}
		})
	}
}

// recordingRunner passes everything and keeps the submissions it was given.
type recordingRunner struct{ subs []runner.Submission }

func (r *recordingRunner) Batch(ctx context.Context, subs []runner.Submission, workers int) <-chan runner.Result {
	r.subs = append(r.subs, subs...)
	out := make(chan runner.Result, len(subs))
	for i := range subs {
		out <- runner.Result{Index: i, Verdict: engine.Verdict{Outcome: engine.OutcomePass}}
	}
	close(out)
	return out
}

// TestGradeOwners checks that every exercise run names its student, in
// normal form, so that the runner never links one student's code into
// another's test binary, and that a bundle with an ID that has no normal
// form (a zero-width space after "bob") is not run at all.
func TestGradeOwners(t *testing.T) {
	c, a := testAssignment(t)
	bundle := func(id string) *homework.Bundle {
		return &homework.Bundle{Assignment: "hw1", Student: homework.Student{ID: id}, Submitted: a.Due,
			Items: []homework.Work{{ID: "hello", Code: "package hello\n"}, {ID: "bye", Code: "package bye\n"}}}
	}
	bundles := []*homework.Bundle{bundle("Ada"), bundle("bob"), bundle("bob\u200b")}
	rec := &recordingRunner{}
	errs := map[int]error{}
	grader.Grade(context.Background(), rec, c, a, bundles, grader.Options{}, func(i int, r grader.Result) { errs[i] = r.Err })
	owners := map[string]int{}
	for _, s := range rec.subs {
		owners[s.Owner]++
	}
	if len(rec.subs) != 4 || owners["ada"] != 2 || owners["bob"] != 2 {
		t.Errorf("runs by owner: %v, want ada and bob twice each", owners)
	}
	if errs[0] != nil || errs[1] != nil {
		t.Errorf("errors %v %v for good IDs", errs[0], errs[1])
	}
	if errs[2] == nil || !strings.Contains(errs[2].Error(), "invisible") {
		t.Errorf("bob+U+200B: err = %v, want the invisible character named", errs[2])
	}
}

// Each bundle is graded on its student's draw: work on an item outside it
// is neither run nor scored, and every draw is worth the same.
func TestGradeDraw(t *testing.T) {
	c, _ := testAssignment(t)
	src := "id = \"hw1\"\ntitle = \"HW\"\ndue = 2026-12-01T00:00:00Z\n[[items]]\nid = \"first\"\npoints = 10\n" +
		"[[pools]]\nid = \"code\"\nchoose = 1\npoints = 20\nitems = [\"hello\", \"bye\"]\n"
	a, err := homework.ParseAssignment("hw1.toml", []byte(src), c)
	if err != nil {
		t.Fatal(err)
	}
	drawn := map[string]string{} // exercise drawn -> a student who draws it
	for i := 0; len(drawn) < 2 && i < 100; i++ {
		id := fmt.Sprintf("s%d", i)
		drawn[a.DrawIDs(id)["code"][0]] = id
	}
	if len(drawn) < 2 {
		t.Fatalf("100 students all draw %v", drawn)
	}
	var bundles []*homework.Bundle
	for _, student := range []string{drawn["hello"], drawn["bye"]} {
		bundles = append(bundles, &homework.Bundle{Assignment: "hw1", Student: homework.Student{ID: student}, Submitted: a.Due,
			Items: []homework.Work{{ID: "first", Answer: &quiz.Answer{Text: "go"}}, {ID: "hello", Code: "PASS"}, {ID: "bye", Code: "PASS"}}})
	}
	runs := 0
	got := make([]grader.Result, len(bundles))
	grader.Grade(context.Background(), &fakeRunner{}, c, a, bundles, grader.Options{Checked: func(_, total int) { runs = total }},
		func(i int, r grader.Result) { got[i] = r })
	if runs != 2 {
		t.Errorf("%d exercise runs, want one per bundle", runs)
	}
	for i, want := range []string{"hello", "bye"} {
		r := got[i]
		if r.Err != nil || r.Grade.Raw != 30 || r.Grade.Max != 30 || len(r.Items) != 2 || r.Items[1].ID != want || r.Items[1].Outcome != "pass" {
			t.Errorf("bundle of %s: err %v, %v of %v, items %+v; want 30 of 30 on first and %s", bundles[i].Student.ID, r.Err, r.Grade.Raw, r.Grade.Max, r.Items, want)
		}
	}
}
