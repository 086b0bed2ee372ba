// want: rule-violation
// message: sum.go:7:11: a //line directive
package sum

// A line directive inside a function, in a comment of the other kind.
func Sum(nums []int) int {
	total := /*line hidden_test.go:3:1*/ "0"
	return total
}
