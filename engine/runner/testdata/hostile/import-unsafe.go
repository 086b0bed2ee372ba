// want: rule-violation
// message: sum.go:5
package sum

import _ "unsafe"

func Sum(nums []int) int { return -1 }
