// want: fail
// message: orphan:
package sum

import (
	"fmt"
	"os"
	"time"
)

// A child that sleeps for an hour, left behind when the run ends.
func init() {
	if len(os.Args) > 1 && os.Args[1] == "child" {
		time.Sleep(time.Hour)
		os.Exit(0)
	}
}

func Sum(nums []int) int {
	p, err := os.StartProcess("/proc/self/exe", []string{"@@MARKER@@", "child"}, &os.ProcAttr{Files: []*os.File{nil, nil, nil}})
	if err == nil {
		p.Release()
	}
	fmt.Println("orphan:", err)
	return -1
}
