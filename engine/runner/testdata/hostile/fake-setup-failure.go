// want: fail
package sum

import (
	"fmt"
	"os"
)

// Wrong code that ends its run the way a failed sandbox set-up used to
// look (exit code 125 and the sandbox's words on stderr), hoping for an
// internal error rather than a fail. Only the sandbox's own channel, closed
// at exec, can tell of a set-up failure.
func init() {
	fmt.Fprintln(os.Stderr, "asynclings sandbox: exec ./sum.test: permission denied")
	os.Exit(125)
}

func Sum(nums []int) int { return 0 }
