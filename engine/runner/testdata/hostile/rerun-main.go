// want: compile-error
// message: undefined: main
package sum

import "fmt"

// Since issue 11 the harness is a package main of its own, which a
// learner's file cannot name: main is undefined, and nothing runs.
var (
	rerun func()
	depth int
)

// The harness's main, taken in init (a direct call would be an
// initialisation cycle) and called from inside a test: the tests run again
// within the first run, which never ends.
func init() { rerun = main }

func Sum(nums []int) int {
	depth++
	if depth < 3 {
		rerun()
	}
	fmt.Println("rerun-main: depth", depth)
	return -1
}
