// want: fail
// exercise: sumleak
package sum

import "testing"

// The goroutine left running is started through testing.RunTests: it and
// the goroutine that calls RunTests have testing.tRunner on their stacks,
// which the leak check takes for another test running in parallel.
func Sum(nums []int) int {
	go testing.RunTests(func(string, string) (bool, error) { return true, nil },
		[]testing.InternalTest{{Name: "worker", F: func(*testing.T) { select {} }}})
	total := 0
	for _, n := range nums {
		total += n
	}
	return total
}
