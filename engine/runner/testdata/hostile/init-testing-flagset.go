// want: fail
// exercise: sumshort
package sum

import (
	"flag"
	"testing"
)

// Wrong code that has the hidden test skip itself: testing.Init defines
// the test flags in the learner's init, before the harness parses them,
// and -test.short set then is a flag the runner's command line does not
// name, so parsing that command line leaves it set.
func init() {
	testing.Init()
	flag.Set("test.short", "true")
}

func Sum(nums []int) int { return 0 }
