// want: fail
package sum

import "os"

// Wrong answers, and the guard's descriptors are closed and fd 4 is
// reopened as a file of the submission's: no record reaches the runner.
func init() {
	os.NewFile(3, "key").Close()
	os.NewFile(4, "records").Close()
	f, _ := os.Create("records")
	_ = f
}

func Sum(nums []int) int { return len(nums) }
