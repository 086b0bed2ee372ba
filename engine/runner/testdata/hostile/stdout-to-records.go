// want: fail
package sum

import "os"

// Wrong answers, and the testing package's output is sent into the guard's
// records: anything there but the guard's own lines voids the run. (Not
// os.Stdout = ..., which is refused before the run: through a copy of the
// pointer, which the rule cannot follow.)
func init() {
	out := os.Stdout
	*out = *os.NewFile(4, "records")
}

func Sum(nums []int) int { return len(nums) }
