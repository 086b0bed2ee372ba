// want: fail
// message: write-tmp:
package sum

import (
	"fmt"
	"os"
)

// /tmp is writable by everyone, but not from the sandbox.
func Sum(nums []int) int {
	err := os.WriteFile("@@TMP_FILE@@", []byte("escaped"), 0o666)
	fmt.Println("write-tmp:", err)
	return -1
}
