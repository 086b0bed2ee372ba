// want: fail
package sum

import "os"

// Wrong answers, and the testing package's output is sent into the guard's
// records: anything there but the guard's own lines voids the run.
func init() { os.Stdout = os.NewFile(4, "records") }

func Sum(nums []int) int { return len(nums) }
