// want: fail
package sum

import "os"

// Without stdout and stderr, the testing package cannot say a test failed;
// the guard still can.
func init() {
	os.Stdout.Close()
	os.Stderr.Close()
}

func Sum(nums []int) int { return 1 }
