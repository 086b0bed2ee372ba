// want: fail
// message: proc-environ:
package sum

import (
	"fmt"
	"os"
)

// Whatever the process's environment and its parents' command lines say.
func Sum(nums []int) int {
	for _, p := range []string{"/proc/self/environ", "/proc/1/cmdline", "/proc/self/status", "/etc/shadow", "/root/.cache"} {
		b, err := os.ReadFile(p)
		fmt.Printf("proc-environ: %s: %q %v\n", p, b, err)
	}
	return -1
}
