// want: rule-violation
// message: syscall
package sum

import (
	"os"
	"syscall"
	"time"
)

// The same child in a session of its own, out of the run's process group.
func init() {
	if len(os.Args) > 1 && os.Args[1] == "child" {
		time.Sleep(time.Hour)
	}
}

func Sum(nums []int) int {
	os.StartProcess("/proc/self/exe", []string{"@@MARKER@@", "child"}, &os.ProcAttr{Sys: &syscall.SysProcAttr{Setsid: true}})
	return -1
}
