// want: rule-violation
// message: sum.go: the runner could not check this file against the exercise's rules (go vet fails on it)
package sum

// A method expression on an unnamed interface type: vet's printf analyzer
// (through x/tools/refactor/satisfy) panics on it. The analyzers run in the
// runner's own process: unrecovered, one learner's line would end it, and
// in a batch every other submission's check with it.
var length = interface{ Len() int }.Len

func Sum(nums []int) int {
	total := 0
	for _, n := range nums {
		total += n
	}
	return total
}
