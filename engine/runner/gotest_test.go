package runner_test

import (
	"context"
	"strings"
	"testing"

	"github.com/asynclings/asynclings/engine"
)

// TestGoTestVerdicts holds the runner to go test's judgement of the same
// files (issue 11).
func TestGoTestVerdicts(t *testing.T) {
	r := newRunner(t)
	sum := sumExercise(t)
	with := func(test string) *engine.Exercise {
		ex := *sum
		ex.Test = test
		return &ex
	}
	skipLater := with(`package sum

import "testing"

func TestSmall(t *testing.T) {
	if Sum([]int{1, 2}) != 3 {
		t.Fatal("wrong")
	}
}

func TestLater(t *testing.T) { t.Skip("not yet") }
`)
	tests := []struct {
		name    string
		ex      *engine.Exercise
		code    string
		outcome engine.Outcome
		tests   map[string]string // test name -> status
		msg     string            // part of the verdict's or a test's message
	}{
		{
			name:    "a test's own skip is not a failure",
			ex:      skipLater,
			code:    sum.Solution,
			outcome: engine.OutcomePass,
			tests:   map[string]string{"TestSmall": "pass", "TestLater": "skip"},
			msg:     "not yet",
		},
		{
			name:    "a skip does not hide a failure",
			ex:      skipLater,
			code:    sum.Starter,
			outcome: engine.OutcomeFail,
			tests:   map[string]string{"TestSmall": "fail", "TestLater": "skip"},
		},
		{
			name: "a test that failed and then skipped failed",
			ex: with(`package sum

import "testing"

func TestSmall(t *testing.T) {
	if Sum([]int{1, 2}) != 3 {
		t.Error("wrong")
	}
	t.Skip("and skipped")
}
`),
			code:    sum.Starter,
			outcome: engine.OutcomeFail,
			tests:   map[string]string{"TestSmall": "fail"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			v, err := r.Check(context.Background(), tt.ex, tt.code)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]string{}
			all := v.Message
			for _, tr := range v.Tests {
				got[tr.Name] = tr.Status
				all += "\n" + tr.Message
			}
			if v.Outcome != tt.outcome || !strings.Contains(all, tt.msg) {
				t.Errorf("verdict = %s %q, want %s mentioning %q\ntests: %+v", v.Outcome, v.Message, tt.outcome, tt.msg, v.Tests)
			}
			if tt.tests != nil && !mapsEqual(got, tt.tests) {
				t.Errorf("tests = %v, want %v", got, tt.tests)
			}
		})
	}
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}
