// want: fail
// exercise: sumtable
// message: data race
// message: sumtable.go:11
package sum

var calls int

// A counter shared by every call, unguarded.
func Sum(nums []int) int {
	calls++
	total := 0
	for _, n := range nums {
		total += n
	}
	return total
}
