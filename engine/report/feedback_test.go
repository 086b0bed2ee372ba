package report

import (
	"testing"

	"github.com/asynclings/asynclings/engine/homework"
)

func TestFeedbackFormatPoints(t *testing.T) {
	for _, tc := range []struct {
		x    float64
		want string
	}{
		{10, "10"}, {7.5, "7.5"}, {23.200000000000003, "23.2"}, {0, "0"},
		{-0.00001, "0"}, {1.23456, "1.2346"}, {100.25, "100.25"},
	} {
		if got := homework.FormatPoints(tc.x); got != tc.want {
			t.Errorf("formatPoints(%v) = %q, want %q", tc.x, got, tc.want)
		}
	}
}

func TestFeedbackVerdict(t *testing.T) {
	for _, tc := range []struct {
		it   Item
		want string
	}{
		{Item{Kind: "exercise", Outcome: "compile-error"}, "does not compile"},
		{Item{Kind: "exercise", Outcome: "timeout"}, "timed out"},
		{Item{Kind: "question", Outcome: "wrong", Attempts: 2}, "wrong answer, 2 attempts"},
		{Item{Kind: "question", Outcome: "right", Passed: true, Attempts: 1}, "right answer"},
		{Item{Kind: "exercise", Outcome: "new-outcome"}, "new-outcome"},
		{Item{Kind: "exercise", Passed: true}, "passed"},
		{Item{Kind: "exercise"}, "did not pass"},
	} {
		if got := Verdict(tc.it); got != tc.want {
			t.Errorf("Verdict(%+v) = %q, want %q", tc.it, got, tc.want)
		}
	}
}
