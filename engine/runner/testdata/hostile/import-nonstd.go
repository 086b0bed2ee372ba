// want: rule-violation
// message: sum.go:5
package sum

import _ "github.com/evil/pass"

func Sum(nums []int) int { return -1 }
