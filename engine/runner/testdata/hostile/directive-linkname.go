// want: rule-violation
// message: sum.go:9:1: //go:linkname is a compiler directive
package sum

import _ "strings"

// The guard's key under a name of the learner's, without importing unsafe.
//
//go:linkname key asynclings.invalid/guard.key
var key []byte

func Sum(nums []int) int { return len(key) }
