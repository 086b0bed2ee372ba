// want: runtime-error
// message: interface conversion
package sum

// A type assertion that fails when the package starts.
var x any = 1

var _ = x.(string)

func Sum(nums []int) int { return -1 }
