// want: compile-error|fail
package sum

import "testing"

// The hidden test's own functions, defined to pass. The hidden test's are
// renamed, as its other names are: these are the learner's own, which
// nothing runs, and the hidden ones still judge Sum.
func TestSmall(t *testing.T) {}

func TestEmpty(t *testing.T) {}

func Sum(nums []int) int { return 0 }
