// want: compile-error
// message: undefined: main
package sum

import "flag"

// Since issue 11 the harness is a package main of its own, which a
// learner's file cannot name: main is undefined, and nothing runs.
var rerun func()

func init() { rerun = main }

// Inside the first test, the harness's main again with no test to run: it
// ends the tests with 0 and the guard's "done 0", and the process with 0,
// before any test has a result.
func Sum(nums []int) int {
	flag.Set("test.run", "NoSuchTest")
	rerun()
	return -1
}
