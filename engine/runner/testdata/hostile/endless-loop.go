// want: timeout
// message: did not finish within 2s
// message: sum.go:
package sum

// A loop that never ends.
func Sum(nums []int) int {
	total := 0
	for i := 0; i < len(nums); {
		total += nums[i]
	}
	return total
}
