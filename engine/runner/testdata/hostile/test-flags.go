// want: runtime-error
// message: before being defined
package sum

import "flag"

// The testing package's flags, set before it reads them: run no test at
// all, list them instead, and let an exit with 0 end the run. The testing
// package defines its flags only when the harness starts it, after this.
func init() {
	flag.Set("test.run", "NoSuchTest")
	flag.Set("test.list", ".")
	flag.Set("test.paniconexit0", "false")
}

func Sum(nums []int) int { return -1 }
