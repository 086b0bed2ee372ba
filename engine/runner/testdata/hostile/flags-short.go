// want: fail
// exercise: sumshort
package sum

import (
	"flag"
	"os"
)

// Wrong code that tries to have the hidden test skip itself: the test
// skips in -short mode, so the code asks for it, through os.Args before
// the flags are parsed and through flag.Set afterwards. The runner parses
// the flags it gave and pins them.
func init() {
	os.Args = append(os.Args, "-test.short", "-test.run=^$", "-test.list=.")
}

func Sum(nums []int) int {
	flag.Set("test.short", "true")
	return 0
}
