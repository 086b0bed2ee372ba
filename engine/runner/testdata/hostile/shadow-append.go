// want: rule-violation
// message: sumtable.go:12
// message: predeclared
// exercise: sumtable
package sum

import "sort"

// Sum sorts its input, which TestInputUnchanged catches by comparing it
// with a copy made with append. In the same package as the hidden test, a
// package-level append of the submission's would make that copy an alias.
func append(s []int, v ...int) []int { return v }

func Sum(nums []int) int {
	sort.Sort(sort.Reverse(sort.IntSlice(nums)))
	total := 0
	for _, n := range nums {
		total += n
	}
	return total
}
