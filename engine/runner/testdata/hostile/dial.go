// want: fail
// message: dial:
package sum

import (
	"fmt"
	"net"
	"time"
)

// A listener on the host's loopback, where the engine runs.
func Sum(nums []int) int {
	c, err := net.DialTimeout("tcp", "@@ADDR@@", 500*time.Millisecond)
	if err == nil {
		c.Close()
	}
	fmt.Println("dial:", err)
	_, err = net.DialTimeout("tcp", "1.1.1.1:53", 500*time.Millisecond)
	fmt.Println("dial:", err)
	return -1
}
