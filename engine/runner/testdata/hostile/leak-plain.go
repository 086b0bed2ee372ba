// want: fail
// exercise: sumleak
// message: still running after it ended (leaked)
package sum

// A goroutine left running: the exercise's leak check fails the test.
func Sum(nums []int) int {
	go func() { select {} }()
	total := 0
	for _, n := range nums {
		total += n
	}
	return total
}
