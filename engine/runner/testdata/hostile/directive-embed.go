// want: rule-violation
// message: sum.go:9:1: //go:embed is a compiler directive
package sum

import _ "embed"

// The hidden test's source, with its expected answers, built into the file.
//
//go:embed hidden_test.go
var test string

func Sum(nums []int) int { return len(test) }
