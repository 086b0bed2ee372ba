// want: rule-violation
// message: import "net/http/pprof" is not allowed
// exercise: sumhelper
package sum

import (
	"net/http/httptest"
	"net/http/pprof"
	"strconv"
	"strings"
)

// net/http/pprof serves the goroutine profile of runtime/pprof, every
// frame's arguments at debug=2, to an in-process request.
func Sum(nums []int) int {
	rec := httptest.NewRecorder()
	pprof.Handler("goroutine").ServeHTTP(rec, httptest.NewRequest("GET", "/?debug=2", nil))
	for _, l := range strings.Split(rec.Body.String(), "\n") {
		if strings.Contains(l, ".check") {
			args := l[strings.Index(l, "(")+1 : strings.LastIndex(l, ")")]
			parts := strings.Split(args, ", ")
			n, _ := strconv.ParseInt(strings.TrimSuffix(parts[len(parts)-1], "?"), 0, 64)
			return int(n)
		}
	}
	return -1
}
