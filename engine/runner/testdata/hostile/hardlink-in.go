// want: fail
// message: hardlink-in:
package sum

import (
	"fmt"
	"os"
)

// A hard link to a file outside, made inside the directory, to write to
// the file through it.
func Sum(nums []int) int {
	for _, p := range []string{"/etc/passwd", "/etc/hostname", "/proc/self/exe"} {
		fmt.Println("hardlink-in:", os.Link(p, "inside"))
	}
	f, err := os.OpenFile("inside", os.O_WRONLY|os.O_APPEND, 0)
	fmt.Println("hardlink-in:", err)
	if err == nil {
		f.WriteString("escaped\n")
	}
	return -1
}
