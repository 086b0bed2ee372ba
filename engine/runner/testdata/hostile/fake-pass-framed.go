// want: fail
// message: ended before the tests had finished
package sum

import (
	"fmt"
	"os"
)

// The same, with the 0x16 byte the testing package marks its own lines
// with under -test.v=test2json.
func init() {
	fmt.Print("\x16=== RUN   TestSmall\n\x16--- PASS: TestSmall (0.00s)\n")
	fmt.Print("\x16=== RUN   TestEmpty\n\x16--- PASS: TestEmpty (0.00s)\n")
	fmt.Print("\x16PASS\n")
	fmt.Print("ok  \texercise\t0.002s\n")
	os.Exit(0)
}

func Sum(nums []int) int { return 0 }
