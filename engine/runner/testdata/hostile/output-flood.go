// want: fail
// message: the output was longer than the limit and was cut
package sum

import (
	"fmt"
	"os"
	"strings"
)

// Far more output than the runner keeps, on both streams.
func Sum(nums []int) int {
	line := strings.Repeat("flood ", 1000) + "\n"
	for range 1000 {
		fmt.Print(line)
		fmt.Fprint(os.Stderr, line)
	}
	return -1
}
