// want: fail
// message: symlink-out:
package sum

import (
	"fmt"
	"os"
)

// A link inside the directory pointing outside, written through.
func Sum(nums []int) int {
	fmt.Println("symlink-out:", os.Symlink("@@TMP_FILE@@", "link"))
	fmt.Println("symlink-out:", os.WriteFile("link", []byte("escaped"), 0o666))
	fmt.Println("symlink-out:", os.Rename("link", "@@TMP_FILE@@"))
	return -1
}
