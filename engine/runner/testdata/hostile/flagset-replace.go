// want: fail
// exercise: sumshort
package sum

import (
	"flag"
	"os"
)

// Wrong code that replaces the flag package's command line with a set of
// its own, where -test.short defaults to true, so that whatever parses the
// flags next parses its set: the testing package reads the flags the
// guard defined and pinned before this init, not this set.
func init() {
	fs := flag.NewFlagSet(os.Args[0], flag.ContinueOnError)
	fs.Bool("test.short", true, "")
	fs.Bool("test.v", false, "")
	cl := flag.CommandLine // flag.CommandLine = fs is refused before the run
	*cl = *fs
}

func Sum(nums []int) int { return 0 }
