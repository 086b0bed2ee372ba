// want: rule-violation
// message: sum.go:7:1: //go:nosplit is a compiler directive
package sum

// A function the runtime may not grow the stack of.
//
//go:nosplit
func Sum(nums []int) int {
	var big [1 << 16]byte
	return int(big[len(nums)]) - 1
}
