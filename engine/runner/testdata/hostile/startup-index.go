// want: runtime-error
// message: index out of range
package sum

// Code that runs when the package starts, with no call in sight: in a
// shared test binary it would end every other submission's run.
var n = 1

var _ = [1]int{}[n]

func Sum(nums []int) int { return -1 }
