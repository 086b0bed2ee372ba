// want: compile-error|rule-violation
// message: linkname
package sum

import _ "strings"

// The guard's key, pulled in by the linker under another name.
//
//go:linkname token asynclings.invalid/guard.token
var token string

func Sum(nums []int) int { return len(token) }
