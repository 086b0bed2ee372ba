// want: compile-error
// message: too much data
package sum

// Three zero arrays, each under the compiler's 2 GB bound for one symbol,
// cost nothing to compile, but together are more data than the linker can
// address: the link fails within its bounds, which the runner reports as
// its own internal-error (in a grading, "not graded"). go test fails the
// learner's build: it is the learner's code.
var a, b, c [1900000000]byte

func Sum(nums []int) int { return int(a[1]+b[1]+c[len(c)-1]) - 1 }
