// want: rule-violation
// message: sum.go:5
package sum

import _ "vendor/golang.org/x/net/dns/dnsmessage"

func Sum(nums []int) int { return -1 }
