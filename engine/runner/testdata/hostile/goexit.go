// want: runtime-error
// message: runtime.Goexit
package sum

import "runtime"

// runtime.Goexit ends the test's goroutine as t.SkipNow would, without
// the test ever finding out that Sum is wrong.
func Sum(nums []int) int {
	runtime.Goexit()
	return -1
}
