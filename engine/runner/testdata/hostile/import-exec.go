// want: rule-violation
// message: sum.go:5
package sum

import _ "os/exec"

func Sum(nums []int) int { return -1 }
