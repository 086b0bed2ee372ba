// want: fail
// message: ended before the tests had finished
package sum

import "os"

// Ending the program before any test runs leaves no records: nothing passed.
func init() { os.Exit(0) }

func Sum(nums []int) int { return 0 }
