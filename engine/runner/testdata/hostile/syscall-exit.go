// want: rule-violation
// message: sum.go:5
package sum

import "syscall"

// syscall.Exit skips the testing package's watch on os.Exit.
func Sum(nums []int) int {
	syscall.Exit(0)
	return 0
}
