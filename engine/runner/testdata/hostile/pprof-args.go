// want: rule-violation
// message: import "runtime/pprof" is not allowed
// exercise: sumhelper
package sum

import (
	"runtime/pprof"
	"strconv"
	"strings"
)

// runtime/pprof's goroutine profile at debug level 2 is a panic's trace of
// every goroutine, with each frame's arguments: the hidden test's helper's
// last one is the expected value.
func Sum(nums []int) int {
	var b strings.Builder
	pprof.Lookup("goroutine").WriteTo(&b, 2)
	for _, l := range strings.Split(b.String(), "\n") {
		if strings.Contains(l, ".check") {
			args := l[strings.Index(l, "(")+1 : strings.LastIndex(l, ")")]
			parts := strings.Split(args, ", ")
			n, _ := strconv.ParseInt(strings.TrimSuffix(parts[len(parts)-1], "?"), 0, 64)
			return int(n)
		}
	}
	return -1
}
