// want: fail
// message: escape-sequences
package sum

import (
	"fmt"
	"os"
)

// Escape sequences for the terminal that shows the verdict: clear it, set
// its clipboard, retitle it, and bytes that are not UTF-8.
func Sum(nums []int) int {
	fmt.Print("escape-sequences \x1b[2J\x1b[H\x1b]52;c;ZWNobyBwd25lZA==\x07\x1b]0;title\x07\r\xff\xfe\n")
	fmt.Fprint(os.Stderr, "\x1b[31mpanic: not really\x1b[0m\n")
	return -1
}
