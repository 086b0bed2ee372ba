// want: fail
package sum

import "flag"

// The testing package's flags, set before it reads them: run no test at
// all, list them instead, and let an exit with 0 end the run. The guard
// defines and pins the test flags in its init, before this one runs, so
// every flag.Set fails and the wrong Sum is tested.
func init() {
	flag.Set("test.run", "NoSuchTest")
	flag.Set("test.list", ".")
	flag.Set("test.paniconexit0", "false")
}

func Sum(nums []int) int { return -1 }
