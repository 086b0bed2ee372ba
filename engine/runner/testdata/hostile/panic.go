// want: runtime-error
// message: panic: boom
// message: sum.go:7
package sum

func Sum(nums []int) int {
	panic("boom")
}
