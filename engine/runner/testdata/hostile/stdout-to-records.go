// want: fail
// message: something other than the tests wrote
package sum

import "os"

// Right answers, but the testing package's output is sent into the guard's
// records: anything there but the guard's own lines voids the run.
func init() { os.Stdout = os.NewFile(4, "records") }

func Sum(nums []int) int {
	total := 0
	for _, n := range nums {
		total += n
	}
	return total
}
