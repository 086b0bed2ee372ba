// want: rule-violation
// message: sum.go: the runner could not check this file against the exercise's rules (its string constants would take more than 1 MiB)
package sum

// A string constant doubled twenty times: go/types, checking the rules in
// the runner's own process, would build all of it to take its length (and
// thirty doublings would be gigabytes). It is not type-checked, so it is not
// run.
const c0 = "ab"

const (
	c1  = c0 + c0
	c2  = c1 + c1
	c3  = c2 + c2
	c4  = c3 + c3
	c5  = c4 + c4
	c6  = c5 + c5
	c7  = c6 + c6
	c8  = c7 + c7
	c9  = c8 + c8
	c10 = c9 + c9
	c11 = c10 + c10
	c12 = c11 + c11
	c13 = c12 + c12
	c14 = c13 + c13
	c15 = c14 + c14
	c16 = c15 + c15
	c17 = c16 + c16
	c18 = c17 + c17
	c19 = c18 + c18
	c20 = c19 + c19
)

var n = len(c20)

func Sum(nums []int) int { return n }
