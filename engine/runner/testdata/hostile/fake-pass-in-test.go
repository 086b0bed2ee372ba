// want: fail
package sum

import "fmt"

// Framed lines saying the test passed, printed from inside the test, then a
// wrong answer.
func Sum(nums []int) int {
	fmt.Print("\x16--- PASS: TestSmall (0.00s)\n\x16--- PASS: TestEmpty (0.00s)\n\x16PASS\n")
	fmt.Print("\x16=== NAME  \n--- PASS: TestSmall (0.00s)\n")
	return -1
}
