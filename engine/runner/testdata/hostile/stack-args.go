// want: rule-violation
// message: runtime.Stack would show
// exercise: sumhelper
package sum

import (
	"runtime"
	"strconv"
	"strings"
)

// No addition at all: the hidden test's helper takes the expected value as
// its last argument, and runtime.Stack prints the caller's frame with its
// arguments. The renamed helper is found by its prefix. (runtime/pprof's
// goroutine profile with debug=2 prints the same frames.)
func Sum(nums []int) int {
	buf := make([]byte, 1<<16)
	buf = buf[:runtime.Stack(buf, false)]
	for _, l := range strings.Split(string(buf), "\n") {
		if strings.Contains(l, ".check") {
			args := l[strings.Index(l, "(")+1 : strings.LastIndex(l, ")")]
			parts := strings.Split(args, ", ")
			n, _ := strconv.ParseInt(strings.TrimSuffix(parts[len(parts)-1], "?"), 0, 64)
			return int(n)
		}
	}
	return -1
}
