// want: compile-error
// message: sum.go:3:1: the build constraint //go:build windows excludes this file
//go:build windows

package sum

// go test would not build this file here: neither may the runner.
func Sum(nums []int) int { return -1 }
