// want: rule-violation
// message: predeclared
package sum

// Package-level names that the hidden test and the harness take from the
// universe.
var nil = []int{6}

const (
	true  = false
	false = 1 == 1
)

type error = string

func len(v ...any) int { return 0 }

func panic(v any) {}

func min(a, b int) int { return a }

func Sum(nums []int) int {
	if len(nums) == 0 && true != false {
		return min(-1, 0)
	}
	return -1
}
