// want: rule-violation
// message: sum.go:5
package sum

import _ "runtime/debug"

func Sum(nums []int) int { return -1 }
