// want: fail
package sum

import (
	"fmt"
	"os"
)

// Wrong code that looks for its test binary, which in a batch could hold
// other submissions' code and always holds the hidden test's: the binary
// is outside its directory, and as nobody (asynclings run as root) the
// program may execute it and not read it (TestBinaryUnreadable).
func Sum(nums []int) int {
	read := false
	for _, p := range []string{os.Args[0], "/proc/self/exe", "sum.test", "../bin/sum.test"} {
		if b, err := os.ReadFile(p); err == nil && len(b) > 0 {
			read = true
		}
	}
	if read {
		fmt.Println("own binary: read")
	} else {
		fmt.Println("own binary: unreadable")
	}
	return -1
}
