// want: compile-error
// exercise: sumtable
// message: sumtable.go:9:5: cases redeclared in this block
package sum

// A package-level name the hidden test declares too: go test refuses the
// package ("cases redeclared in this block"), so the runner must not let
// renaming the test's copy make it compile.
var cases = map[string]int{"mine": 1}

// Sum returns the total of nums.
func Sum(nums []int) int {
	total := 0
	for _, n := range nums {
		total += n
	}
	return total
}
