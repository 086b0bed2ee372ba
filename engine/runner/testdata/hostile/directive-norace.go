// want: rule-violation
// exercise: sumtable
// message: sumtable.go:11:1: //go:norace is a compiler directive
package sum

var calls int

// A counter shared by every call, unguarded, with the race detector
// switched off for the function that races.
//
//go:norace
func Sum(nums []int) int {
	calls++
	total := 0
	for _, n := range nums {
		total += n
	}
	return total
}
