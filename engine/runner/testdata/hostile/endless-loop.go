// want: timeout
// message: did not finish within 2s
package sum

// A loop that never ends. (Where it was is said when the runtime's trace
// shows it: on a busy machine the loop may still be running on another
// thread when the trace is written; see TestStuckSummary.)
func Sum(nums []int) int {
	total := 0
	for i := 0; i < len(nums); {
		total += nums[i]
	}
	return total
}
