// want: fail
package sum

import "os"

// Half a record without a newline, to splice into the guard's next one.
func init() {
	os.NewFile(4, "records").WriteString("1\tTestSmall\tpass\t")
}

func Sum(nums []int) int { return 0 }
