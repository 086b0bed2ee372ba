// want: compile-error
// message: the hidden test: vet: (*testing.common).Fatalf format %d has arg got of wrong type float64
package sum

// Wrong, with a result type of its own choosing: the hidden test's
// Fatalf("... %d", got) still compiles (got != 6 holds for a float64),
// but is now a vet finding in the hidden test, which the runner blames on
// the exercise (internal-error: "the hidden test fails go vet"; in a
// grading, "not graded"). go test fails the learner's build: it was the
// learner's type.
func Sum(nums []int) float64 { return 0.5 }
