// want: fail
// exercise: sumshort
package sum

import "flag"

// Wrong code that tries to have the hidden test skip itself: the test
// skips in -short mode, so the code asks for it through flag.Set, in init
// and during the test. The runner parses the flags it gave and pins them.
// (Appending to os.Args is refused before the run.)
func init() {
	flag.Set("test.short", "true")
	flag.Set("test.run", "^$")
}

func Sum(nums []int) int {
	flag.Set("test.short", "true")
	return 0
}
