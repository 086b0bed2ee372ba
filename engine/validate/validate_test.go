package validate

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"testing/fstest"

	"github.com/asynclings/asynclings/engine"
)

// TestOnly: an Only that names nothing of the course is an *OnlyError,
// before anything runs (the runner is nil).
func TestOnly(t *testing.T) {
	c, err := engine.LoadFS(fstest.MapFS{
		"course.toml": {Data: []byte("format_version = 1\ntitle = \"Tiny\"\n")},
		"01-tiny.toml": {Data: []byte(`[chapter]
id = "tiny"

[[questions]]
id = "two"
type = "MultipleChoice"
prompt.prompt = "One plus one?"
answer.answer = "2"
prompt.distractors = ["3"]
context = "Two."
`)},
	}, "tiny")
	if err != nil {
		t.Fatal(err)
	}
	_, err = Course(context.Background(), c, nil, Options{Only: []string{"nope", "none"}})
	var only *OnlyError
	if !errors.As(err, &only) || err.Error() != "no item or chapter of Tiny has the ID nope, none" {
		t.Fatalf("Course with an unknown Only: %v, want an *OnlyError", err)
	}
	for _, ids := range [][]string{nil, {"two"}, {"tiny"}} {
		rep, err := Course(context.Background(), c, nil, Options{Only: ids})
		if err != nil || !rep.OK() || rep.Questions != 1 || rep.Runs != 1 {
			t.Errorf("Course, Only %v: %+v, %v; want one question, no problem, one run", ids, rep, err)
		}
	}
}

// TestReportJSON: the report's JSON names are validate --json's.
func TestReportJSON(t *testing.T) {
	rep := LoadErrors(engine.Errors{{File: "b.toml", Line: 2, Msg: "x"}, {File: "a.toml", Line: 9, Msg: "y"}, {File: "a.toml", Line: 1, Msg: "z"}}, Options{Runs: 3})
	rep.Wrong = append(rep.Wrong, Wrong{Exercise: "e", Name: "n", CaughtBy: "TestX"})
	b, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"problems":[{"file":"a.toml","line":1,"message":"z"},{"file":"a.toml","line":9,"message":"y"},{"file":"b.toml","line":2,"message":"x"}],` +
		`"exercises":0,"questions":0,"programs_run":0,"skipped":[],"wrong":[{"exercise":"e","name":"n","caught_by":"TestX"}],"warnings":[],"runs":3}`
	if string(b) != want {
		t.Errorf("report JSON:\n%s\nwant:\n%s", b, want)
	}
	if rep.OK() {
		t.Error("a report with problems is OK")
	}
	if got := rep.Problems[0].String(); got != "a.toml:1: z" {
		t.Errorf("problem = %q", got)
	}
	if got := (Problem{File: "a.toml", Item: "exercise e", Message: "m"}).String(); got != "a.toml: exercise e: m" {
		t.Errorf("problem = %q", got)
	}
}

func TestCaughtBy(t *testing.T) {
	tests := []struct {
		v    engine.Verdict
		want string
	}{
		{engine.Verdict{Outcome: engine.OutcomeFail, Message: "1 failed", Tests: []engine.TestResult{{Name: "TestA", Status: "pass"}, {Name: "TestB", Status: "fail"}, {Name: "TestC", Status: "skip"}}}, "TestB"},
		{engine.Verdict{Outcome: engine.OutcomeTimeout, Message: "timed out\nafter 10s", Tests: []engine.TestResult{{Name: "TestB", Status: "fail"}}}, "TestB (timeout: timed out)"},
		{engine.Verdict{Outcome: engine.OutcomeRuntimeError, Message: "  data race\n..."}, "runtime-error: data race"},
		{engine.Verdict{Outcome: engine.OutcomeMemoryLimit}, "memory-limit"},
	}
	for _, tt := range tests {
		if got := caughtBy(tt.v); got != tt.want {
			t.Errorf("caughtBy(%+v) = %q, want %q", tt.v, got, tt.want)
		}
	}
	v := engine.Verdict{Outcome: engine.OutcomeFail, Message: "1 failed", Tests: []engine.TestResult{{Name: "TestA", Status: "pass"}, {Name: "TestB", Status: "fail", Message: "got 1\nwant 2"}}}
	if got, want := describeVerdict(v), "fail; 1 failed; TestB: got 1"; got != want {
		t.Errorf("describeVerdict = %q, want %q", got, want)
	}
}

// TestVetCaught: a wrong solution that vet fails was caught (go test's vet
// would fail it too); any other compile error is a stale entry.
func TestVetCaught(t *testing.T) {
	tests := []struct {
		v    engine.Verdict
		want bool
	}{
		{engine.Verdict{Outcome: engine.OutcomeCompileError, Message: "box.go:12:9: vet copylocks: Get passes lock by value"}, true},
		{engine.Verdict{Outcome: engine.OutcomeCompileError, Message: "box.go:6:14: vet: fmt.Printf format %d has arg \"x\" of wrong type string\nbox.go:7:2: vet: unreachable"}, true},
		{engine.Verdict{Outcome: engine.OutcomeCompileError, Message: "box.go:12:9: vet copylocks: x\nbox.go:3:1: undefined: y"}, false},
		{engine.Verdict{Outcome: engine.OutcomeCompileError, Message: "box.go:3:1: undefined: y"}, false},
		{engine.Verdict{Outcome: engine.OutcomeFail, Message: "box.go:12:9: vet copylocks: x"}, false},
	}
	for _, tt := range tests {
		if got := vetCaught(tt.v); got != tt.want {
			t.Errorf("vetCaught(%q) = %v, want %v", tt.v.Message, got, tt.want)
		}
	}
}
