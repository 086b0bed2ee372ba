// want: rule-violation
// message: sum.go:5
package sum

import _ "os/signal"

func Sum(nums []int) int { return -1 }
