// want: timeout
// message: did not finish within 2s
// message: sum.go:12
package sum

import "sync"

// A lock taken twice.
func Sum(nums []int) int {
	var mu sync.Mutex
	mu.Lock()
	mu.Lock()
	return 0
}
