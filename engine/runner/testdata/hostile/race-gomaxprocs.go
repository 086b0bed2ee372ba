// want: fail
// exercise: sumtable
// message: data race
// message: sumtable.go:17
package sum

import "runtime"

var calls int

// One processor, so that the unguarded counter's goroutines never run at
// once: the race detector still sees that nothing orders them.
func init() { runtime.GOMAXPROCS(1) }

func Sum(nums []int) int {
	runtime.GOMAXPROCS(1)
	calls++
	total := 0
	for _, n := range nums {
		total += n
	}
	return total
}
