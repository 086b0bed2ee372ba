// want: rule-violation
// message: TestMain
package sum

import (
	"os"
	"testing"
)

// A TestMain of the learner's would run instead of the tests.
func TestMain(m *testing.M) { os.Exit(0) }

func Sum(nums []int) int { return 0 }
