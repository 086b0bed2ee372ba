// want: fail|memory-limit|timeout|runtime-error
// memory: 256
package sum

import (
	"fmt"
	"os"
	"time"
)

// Every copy of the test binary starts two more, without end.
func init() {
	if len(os.Args) > 1 && os.Args[1] == "child" {
		bomb()
		time.Sleep(time.Hour)
	}
}

func bomb() (n int, err error) {
	for {
		var p *os.Process
		p, err = os.StartProcess("/proc/self/exe", []string{"@@MARKER@@", "child"}, &os.ProcAttr{})
		if err != nil {
			return n, err
		}
		p.Release()
		n++
	}
}

func Sum(nums []int) int {
	n, err := bomb()
	fmt.Println("fork-bomb:", n, err)
	return -1
}
