package report

import (
	"math"
	"reflect"
	"slices"
	"testing"

	"github.com/asynclings/asynclings/engine"
	"github.com/asynclings/asynclings/engine/quiz"
)

// TestFlagsSeveralAnswers: with several right choices, a distractor is
// flagged when picked more than the least picked of them.
func TestFlagsSeveralAnswers(t *testing.T) {
	multi := &engine.Question{ID: "m", Type: engine.MultipleChoice, Answers: []string{"a", "b"}, Multi: true, Distractors: []string{"c"}}
	opts := optionRates(multi, []quiz.Answer{{Choices: []string{"a", "c"}}, {Choices: []string{"a", "c"}}, {Choices: []string{"a", "b"}}})
	if got := flags(ItemStats{Options: opts, Given: 3, Right: 1, Discrimination: math.NaN()}); !reflect.DeepEqual(got, []string{"distractor picked more than the answer: c"}) {
		t.Errorf("multi flags = %q (options %v)", got, opts)
	}
}

// TestFlagsNegative: an item is flagged as negative when its r is
// negative to the two decimals the dashboard shows, not for noise that
// shows as 0.
func TestFlagsNegative(t *testing.T) {
	for _, tc := range []struct {
		r       float64
		flagged bool
	}{{-0.004, false}, {0, false}, {math.NaN(), false}, {0.3, false}, {-0.005, true}, {-0.01, true}, {-0.5, true}} {
		got := slices.Contains(flags(ItemStats{Given: 3, Right: 1, Discrimination: tc.r}), FlagNegative)
		if got != tc.flagged {
			t.Errorf("r = %v: flagged %v, want %v", tc.r, got, tc.flagged)
		}
	}
}
