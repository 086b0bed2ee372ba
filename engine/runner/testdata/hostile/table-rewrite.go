// want: compile-error
// exercise: sumtable
// message: cases
package sum

// The hidden test's table of cases, rewritten so that a wrong Sum is
// right: the name is not the one the test uses, so it does not compile.
func init() {
	for i := range cases {
		cases[i].want = 0
	}
}

func Sum(nums []int) int { return 0 }
