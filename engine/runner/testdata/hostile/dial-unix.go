// want: fail
// message: dial-unix:
package sum

import (
	"fmt"
	"net"
	"time"
)

// A Unix socket of the host's, open to everyone: a network of its own does
// not keep a program from a socket in the file system.
func Sum(nums []int) int {
	c, err := net.DialTimeout("unix", "@@UNIX_ADDR@@", 500*time.Millisecond)
	if err == nil {
		c.Write([]byte("escaped\n"))
		c.Close()
	}
	fmt.Println("dial-unix:", err)
	return -1
}
