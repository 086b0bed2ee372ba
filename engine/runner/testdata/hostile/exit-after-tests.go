// want: fail
package sum

import (
	"os"
	"sync"
)

var once sync.Once

// os.Exit(0) panics only while the tests run: tried again and again from a
// goroutine, it may end the process with 0 between the end of the tests and
// the harness's own exit with 1.
func Sum(nums []int) int {
	once.Do(func() {
		go func() {
			for {
				func() {
					defer func() { recover() }()
					os.Exit(0)
				}()
			}
		}()
	})
	return -1
}
