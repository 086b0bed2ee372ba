// want: fail
// exercise: sumshort
package sum

import (
	"flag"
	"testing"
)

// Wrong code that has the hidden test skip itself: testing.Init defines
// the test flags early, in the learner's init, and the submission keeps
// the -test.short flag's own Value, which pinning wraps but does not
// replace: setting it during the test makes testing.Short() true.
var short flag.Value

func init() {
	testing.Init()
	short = flag.Lookup("test.short").Value
}

func Sum(nums []int) int {
	short.Set("true")
	return 0
}
