package report

import (
	"math"
	"reflect"
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
