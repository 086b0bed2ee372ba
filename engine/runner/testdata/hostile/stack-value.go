// want: rule-violation
// message: runtime.Stack would show
// exercise: sumhelper
package sum

import (
	"runtime"
	"strconv"
	"strings"
)

// runtime.Stack as a value, not called by name.
var trace = runtime.Stack

func Sum(nums []int) int {
	buf := make([]byte, 1<<16)
	buf = buf[:trace(buf, false)]
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
