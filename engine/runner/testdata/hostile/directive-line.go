// want: rule-violation
// message: sum.go:8:1: a //line directive
package sum

// The learner's own compile error, shown as the hidden test's, so that the
// exercise looks broken.
//
//line hidden_test.go:10
func Sum(nums []int) int { return "none" }
