// want: fail
// message: ended before the tests had finished
package sum

import (
	"fmt"
	"os"
)

// What go test would print for a passing package, then an exit before the
// real tests run.
func init() {
	fmt.Println("=== RUN   TestSmall")
	fmt.Println("--- PASS: TestSmall (0.00s)")
	fmt.Println("=== RUN   TestEmpty")
	fmt.Println("--- PASS: TestEmpty (0.00s)")
	fmt.Println("PASS")
	fmt.Println("ok  \texercise\t0.002s")
	fmt.Fprintln(os.Stderr, "PASS")
	os.Exit(0)
}

func Sum(nums []int) int { return 0 }
